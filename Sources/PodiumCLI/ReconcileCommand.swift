import ArgumentParser
import Foundation
import PodiumCore
import PodiumImport
import Logging
import PodiumData

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

    @ArgumentParser.Option(name: .long, help: "Financial year whose default tolerances apply, e.g. 2023-24 (2022-23 used 90%).")
    var year: String?

    @ArgumentParser.Option(name: .long, help: "Lower tolerance as a fraction, e.g. 0.96.")
    var lower: String?

    @ArgumentParser.Option(name: .long, help: "Upper tolerance as a fraction, e.g. 1.02.")
    var upper: String?

    @ArgumentParser.Option(name: .long, help: "An over-delivery scheme paying up to this fraction of target, e.g. 1.10.")
    var payUpTo: String?

    func run() throws {
        let rules = try rulesFromOptions()
        let rows: [ReconciliationFile.Row]
        do {
            rows = try ReconciliationFile.read(try SourceFile.load(path: input))
        } catch let failure as ReconciliationFile.Failure {
            Terminal.error(failure.description)
            throw ExitCode(65)
        } catch let problem as SourceFileError {
            Terminal.error(problem.description)
            throw ExitCode(66)
        }
        FileHandle.standardOutput.write(Data(ReconciliationFile.write(rows, rules: rules).utf8))
    }

    private func rulesFromOptions() throws -> ReconciliationRules {
        var rules = ReconciliationRulesTable.standard
        if let year {
            guard let financialYear = FinancialYear(year) else { throw ValidationError("--year must be a financial year such as 2023-24.") }
            rules = ReconciliationRulesTable.rules(for: financialYear)
        }
        if let lower { rules.lowerTolerance = try fraction(lower, "--lower") }
        if let upper { rules.upperTolerance = try fraction(upper, "--upper") }
        if let payUpTo { rules.overDeliveryScheme = OverDeliveryScheme(payUpTo: try fraction(payUpTo, "--pay-up-to")) }
        guard rules.lowerTolerance <= .hundred, rules.upperTolerance >= .hundred else {
            throw ValidationError("--lower must be at most 1 and --upper at least 1.")
        }
        if lower != nil || upper != nil {
            rules.note = "\(rules.lowerTolerance.formatted) lower and \(rules.upperTolerance.formatted) upper tolerance (set on the command line)"
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

/// `podium bench …`: performance figures beside a peer measured in the same run.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Benchmarks that print figures beside a peer measured in the same run.", subcommands: [BenchReconcile.self])
}

struct BenchReconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Time mid-year review + forecast + year-end reconciliation of every English contract, beside the import of the same data.")

    @ArgumentParser.Option(name: .long, help: "Folder of the bundled open data (default: Data/open).")
    var dataDir: String?

    @ArgumentParser.Option(name: .long, help: "How many times to compute every position.")
    var repeats = 20

    func run() async throws {
        Terminal.bootstrapLogging(level: .warning)
        let logger = Logger(label: "podium.bench")
        let directory = try BundledData.locateDirectory(explicit: dataDir, environment: ProcessInfo.processInfo.environment)
        let handle = try await PodiumDatabase.open(.sqliteInMemory, logger: logger)
        do {
            try await handle.migrate()
            let report = try await PositionBenchmark.run(
                dentalFile: BundledData.path(for: .dentalActivity, in: directory), database: handle.database, logger: logger, repeats: repeats)
            await handle.shutdown()
            print(report)
        } catch {
            await handle.shutdown()
            throw error
        }
    }

    private func print(_ report: PositionBenchmark.Report) {
        #if DEBUG
        let build = "debug build (the goal is for a release build: swift run -c release podium bench reconcile)"
        #else
        let build = "release build"
        #endif
        let group = { (value: Int) in ScaledDecimal.groupThousands(UInt64(value)) }
        Terminal.line("""
            podium bench reconcile — \(build)
              data: \(group(report.contracts)) contracts, \(group(report.monthlyRows)) monthly rows, \(report.financialYear.label)
              peer: import of the same file (read, validate, write in-memory SQLite): \(String(format: "%.3f", report.importSeconds)) s
                    load contract years from SQLite: \(String(format: "%.3f", report.loadSeconds)) s
              positions (mid-year + forecast + year-end reconciliation of every contract), \(report.positionRuns.count) runs:
                    median \(String(format: "%.1f", report.medianMilliseconds)) ms, fastest \(String(format: "%.1f", report.fastestMilliseconds)) ms (goal ≤ 100 ms in release)
              result: \(group(report.flaggedAtMidYear)) contracts flagged at mid-year; projected clawback \(report.projectedClawback.formatted)
            """)
    }
}
