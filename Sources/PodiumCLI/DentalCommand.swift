import ArgumentParser
import Foundation
import PodiumCore
import PodiumData

/// `podium dental …`: the dental figures of the imported activity, for a terminal or a spreadsheet.
struct DentalCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dental", abstract: "Dental contract figures from the imported NHSBSA activity.",
        subcommands: [DentalYears.self])
}

/// `podium dental years`: each financial year's contracted and delivered UDAs, year end and contracts ended, for
/// England (every published row) or one ICB — what `scripts/recompute_dental_years.py --compare` checks.
struct DentalYears: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "years",
        abstract: "Print each financial year: contracts, UDAs contracted and delivered, clawback, contracts ended.")

    @ArgumentParser.Option(name: .long, help: "An ICB's ODS code (default: England, every published row).")
    var icb: String?

    @ArgumentParser.Flag(name: .long, help: "Write CSV (plain numbers) instead of a table.")
    var csv = false

    @ArgumentParser.OptionGroup var options: DatabaseOptions

    func run() async throws {
        var code: ICBCode?
        if let icb {
            guard let parsed = ICBCode(icb) else { throw ValidationError("'\(icb)' is not an ICB code (such as QT6).") }
            code = parsed
        }
        let summaries = try await options.withDatabase("podium.dental") { handle in
            // Chained with the ICBs' variations and opening balances, as the pages show it.
            let store = DentalStore(database: handle.database)
            return DentalYearSummary.all(try await store.history(records: try await store.chainRecords()), icb: code)
        }
        let header = [
            "year", "months", "year_end", "contracts", "contracted_udas", "delivered_udas", "percent_delivered",
            "clawback_pence", "contracts_ended", "udas_lost", "udas_recommissioned",
        ]
        let rows = summaries.map { summary in
            [
                summary.financialYear.label, String(summary.coverage.monthsPresent.count),
                YearEndStatus(
                    isFinal: summary.isFinal, rules: ReconciliationRulesTable.rules(for: summary.financialYear)
                )
                .rawValue,
                String(summary.contracts), summary.contracted.plain, summary.delivered.plain,
                summary.percentDelivered.percentPlain ?? "", String(summary.clawback.pence),
                String(summary.ended.count),
                summary.udasLost.plain, summary.udasRecommissioned.plain,
            ]
        }
        if csv {
            Terminal.line(header.joined(separator: ","))
            for row in rows { Terminal.line(row.joined(separator: ",")) }
            return
        }
        let widths = header.indices.map { column in ([header] + rows).map { $0[column].count }.max() ?? 0 }
        for row in [header] + rows {
            Terminal.line(
                row.enumerated().map { index, cell in
                    index == 0 || index == 2
                        ? cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
                        : String(repeating: " ", count: widths[index] - cell.count) + cell
                }.joined(separator: "  "))
        }
    }
}
