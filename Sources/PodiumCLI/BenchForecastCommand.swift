import ArgumentParser
import Foundation
import Logging
import PodiumCore
import PodiumData
import PodiumImport

/// `podium bench forecast`: the learned year-end forecast back-tested on every complete year at months 3, 6 and 9,
/// beside calendar and working-day pace measured in the same run.
struct BenchForecast: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "forecast",
        abstract:
            "Back-test the year-end forecast on every complete year (months 3, 6, 9) beside calendar and working-day pace."
    )

    @OptionGroup var history: BenchHistory

    @ArgumentParser.Option(name: .long, help: "Shrinkage of a contract's own years towards its ICB's (contract-years).")
    var contractPrior = DeliveryProfile.Shrinkage.standard.contractPrior

    @ArgumentParser.Option(name: .long, help: "Shrinkage of an ICB's years towards England's (contract-years).")
    var icbPrior = DeliveryProfile.Shrinkage.standard.icbPrior

    func run() async throws {
        Terminal.bootstrapLogging(level: .warning)
        let logger = Logger(label: "podium.bench")
        let shrinkage = DeliveryProfile.Shrinkage(contractPrior: contractPrior, icbPrior: icbPrior)
        let report = try await history.with(logger: logger) { database, registerFile, dentalFiles in
            try await ForecastBenchmark.run(
                database: database, registerFile: registerFile, dentalFiles: dentalFiles, logger: logger,
                shrinkage: shrinkage)
        }
        Terminal.line(Self.lines(report).joined(separator: "\n"))
    }

    static func lines(_ report: ForecastBenchmark.Report) -> [String] {
        func f(_ value: Double, _ places: Int = 1) -> String { String(format: "%.\(places)f", value) }
        func millions(_ pence: Int64) -> String { "£" + f(Double(pence) / 100 / 1_000_000) + "m" }
        var lines = [
            "podium bench forecast — \(PositionBenchmark.buildLabel("forecast"))",
            "  contracts of 1,000 UDAs or more with a row in every month; each year forecast from the years before it",
            "  (pandemic years 2019/20–2021/22 never learned from, and reported here but not judged: marked *)",
            "  year     m  method                    n     MAE   median  band   <96 recall/precision  England clawback: projected / actual (error)  median ICB  80% cover  England 80% interval",
        ]
        for row in report.rows {
            let interval = row.englandInterval.map {
                "\(millions($0.low.pence))–\(millions($0.high.pence))"
                    + ($0.low.pence <= row.actualClawback && row.actualClawback <= $0.high.pence ? " holds" : " misses")
            }
            lines.append(
                "  \(row.year.label)\(row.judged ? " " : "*") \(row.month)  "
                    + row.method.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%6d", row.contracts) + "  " + f(row.meanAbsoluteError).leftPadded(5) + "  "
                    + f(row.medianAbsoluteError).leftPadded(5) + "  " + f(row.bandAccuracy * 100, 0).leftPadded(3)
                    + "%  " + f(row.below96Recall * 100, 0).leftPadded(3) + "% / " + f(row.below96Precision * 100, 0)
                    + "%            " + millions(row.projectedClawback) + " / " + millions(row.actualClawback) + " ("
                    + (row.englandError >= 0 ? "+" : "") + f(row.englandError) + "%)   "
                    + f(row.medianICBError).leftPadded(5) + "%   "
                    + (row.coverage.map { f($0 * 100, 0) + "%" } ?? "–").leftPadded(4) + "   " + (interval ?? "–"))
        }
        lines.append(
            "  time: loading the history \(f(report.loadSeconds, 2)) s; the back-test \(f(report.computeSeconds, 2)) s")
        return lines
    }
}
