import ArgumentParser
import Foundation
import PodiumCore
import PodiumImport

/// `podium reconcile INPUT.csv`: year-end reconciliation of UDA lines, CSV in, CSV out on standard output.
struct Reconcile: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Reconcile UDA contracts at year end (the same rules the workbench uses).",
        discussion: """
            Input columns: \(ReconciliationFile.inputColumns.joined(separator: ",")).
            Output columns: \(ReconciliationFile.outputColumns.joined(separator: ",")).
            A file with any bad row writes nothing and lists each problem as file:line:column: reason.
            """)

    @ArgumentParser.Argument(help: "The input CSV file.")
    var input: String

    @ArgumentParser.Option(
        name: .long, help: "Financial year whose default tolerances apply, e.g. 2023-24 (2022-23 used 90%).")
    var year: String?

    @ArgumentParser.Option(name: .long, help: "Lower tolerance as a fraction, e.g. 0.96.")
    var lower: String?

    @ArgumentParser.Option(name: .long, help: "Upper tolerance as a fraction, e.g. 1.02.")
    var upper: String?

    @ArgumentParser.Option(
        name: .long, help: "An over-delivery scheme paying up to this fraction of target, e.g. 1.10.")
    var payUpTo: String?

    func run() throws {
        let rules = try rulesFromOptions()
        let rows = try Terminal.readInput { try ReconciliationFile.read(try SourceFile.load(path: input)) }
        FileHandle.standardOutput.write(Data(ReconciliationFile.write(rows, rules: rules).utf8))
    }

    private func rulesFromOptions() throws -> ReconciliationRules {
        var rules = ReconciliationRulesTable.standard
        if let year {
            guard let financialYear = FinancialYear(year) else {
                throw ValidationError("--year must be a financial year such as 2023-24.")
            }
            rules = ReconciliationRulesTable.rules(for: financialYear)
        }
        if let lower { rules.lowerTolerance = try fraction(lower, "--lower") }
        if let upper { rules.upperTolerance = try fraction(upper, "--upper") }
        if let payUpTo { rules.overDeliveryScheme = OverDeliveryScheme(payUpTo: try fraction(payUpTo, "--pay-up-to")) }
        guard rules.lowerTolerance <= .hundred, rules.upperTolerance >= .hundred else {
            throw ValidationError("--lower must be at most 1 and --upper at least 1.")
        }
        if lower != nil || upper != nil {
            rules.note =
                "\(rules.lowerTolerance.formatted) lower and \(rules.upperTolerance.formatted) upper tolerance (set on the command line)"
        }
        return rules
    }

    private func fraction(_ text: String, _ option: String) throws -> Percentage {
        guard let value = try? Percentage(parsingFraction: text), value.basisPoints > 0 else {
            throw ValidationError("\(option) must be a fraction such as 0.96, with at most four decimals.")
        }
        return value
    }
}
