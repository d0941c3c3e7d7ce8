import ArgumentParser
import Foundation
import Logging
import PodiumCore
import PodiumData
import PodiumImport

/// `podium bench early-warning`: the dental early-warning weights fitted on the training years and tested on the
/// held-out year, beside the configuration in use, a naive ranking and random flagging.
struct BenchEarlyWarning: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "early-warning",
        abstract:
            "Fit the early-warning weights on 2017/18–2023/24 and back-test every year (2024/25 held out) at the top 5% and 10%, beside a naive ranking."
    )

    @OptionGroup var history: BenchHistory

    @ArgumentParser.Option(
        name: .long,
        help:
            "A configuration to test and fit from instead of the standard one (which is fitted from version 1): a JSON file of WarningConfiguration (version, settings by signal: weight, starts, full)."
    )
    var config: String?

    @ArgumentParser.Option(
        name: .long,
        help: "Score as of every Nth month only (1: every month): a quicker smoke run, with fewer months to fit on.")
    var every = 1

    func run() async throws {
        Terminal.bootstrapLogging(level: .warning)
        let logger = Logger(label: "podium.bench")
        let given = try config.map(WarningConfigurationFile.read)
        let configuration = given ?? .standard
        let report = try await history.with(logger: logger) { database, registerFile, dentalFiles in
            try await EarlyWarningBenchmark.run(
                database: database, registerFile: registerFile, dentalFiles: dentalFiles, logger: logger,
                configuration: configuration, fitFrom: given ?? .v1, every: max(1, every))
        }
        Terminal.line(Self.lines(report, configuration: configuration).joined(separator: "\n"))
    }

    /// What an as-of year is to the fit.
    static func role(_ year: FinancialYear, horizon: Int) -> String {
        if year == WarningWeightFit.heldOutYear { return "held out" }
        if DeliveryProfile.excludedYears.contains(year.startYear) { return "pandemic, not fitted" }
        let training = year.months.filter { WarningWeightFit.trains($0, horizon: horizon) }
        if training.count == 12 { return "fitted" }
        if !training.isEmpty, let last = training.last { return "fitted to \(last.shortLabel)" }
        return year < WarningWeightFit.heldOutYear ? "not fitted" : "later"
    }

    static func lines(_ report: EarlyWarningBenchmark.Report, configuration: WarningConfiguration) -> [String] {
        func percent(_ value: Double?) -> String { value.map { String(format: "%.1f%%", $0 * 100) } ?? "–" }
        func cuts(_ cuts: [WarningBackTest.Cut]) -> String {
            cuts.map { (percent($0.precision) + " / " + percent($0.recall)).leftPadded(13) }.joined(separator: " ")
        }
        func heading(_ name: String) -> String { " " + name.padding(toLength: 27, withPad: " ", startingAt: 0) + " |" }
        let fit = report.fit
        let first = fit.trainingMonths.first?.shortLabel ?? "–"
        let last = fit.trainingMonths.last?.shortLabel ?? "–"
        var lines = [
            "podium bench early-warning — \(PositionBenchmark.buildLabel("early-warning"))",
            "  data: \(group(report.contracts)) contracts scored as of \(report.months.last?.label ?? "–"); "
                + "\(report.months.count) months held (\(report.months.first?.shortLabel ?? "–") – \(report.months.last?.shortLabel ?? "–"))",
            "  an event is a cut in the UDA target, or the contract leaving the data, within \(configuration.horizonMonths) months; "
                + "\(group(report.observations)) contract-months scored",
            "  weights fitted on \(fit.trainingMonths.count) months (\(first) – \(last), without 2019/20–2021/22; the last training month's horizon ends before \(WarningWeightFit.heldOutYear.label)):",
            "  hits at the top 5% + 10% of each training month: \(group(fit.startingHits)) with the starting weights, \(group(fit.fittedHits)) fitted (\(fit.passes) passes)",
            "  signal                    \(configuration.version.padding(toLength: 12, withPad: " ", startingAt: 0))  fitted",
        ]
        for signal in WarningSignal.dental {
            lines.append(
                "    " + signal.rawValue.padding(toLength: 24, withPad: " ", startingAt: 0)
                    + String(format: "%5.0f", configuration.setting(signal).weight) + "         "
                    + String(format: "%5.0f", fit.configuration.setting(signal).weight)
                    + (WarningWeightFit.fitted.contains(signal) ? "" : "  (kept: not in the open data)"))
        }
        lines.append(
            "  the standard configuration (\(WarningConfiguration.standard.version)) "
                + (WarningSignal.dental.allSatisfy {
                    WarningConfiguration.standard.setting($0).weight == fit.configuration.setting($0).weight
                }
                    ? "has these fitted weights" : "differs from these fitted weights"))
        lines.append(
            "  each cell: precision / recall when flagging the top 5% or the top 10% of each month's contracts, pooled over the year's as-of months"
        )
        lines.append(
            String(repeating: " ", count: 64) + "|" + heading(configuration.version) + heading("fitted")
                + heading("peer: lowest delivery"))
        lines.append(
            "  year     role                 months   scored  events   base  |"
                + String(repeating: "        top 5%        top 10% |", count: 3))
        let years = Set(report.current.months.map { FinancialYear(containing: $0.asOf) }).sorted()
        for year in years {
            let current = report.current.within(year)
            let fitted = report.fitted.within(year)
            lines.append(
                "  \(year.label)  "
                    + role(year, horizon: configuration.horizonMonths).padding(
                        toLength: 20, withPad: " ", startingAt: 0)
                    + String(format: "%6d", current.months.count) + String(format: "%9d", current.scored)
                    + String(format: "%8d", current.events) + percent(current.baseRate).leftPadded(7) + "  |"
                    + cuts(current.score) + " |" + cuts(fitted.score) + " |" + cuts(current.naive) + " |")
        }
        lines.append("  peer: random flagging finds events at the base rate at any cut (recall = the share flagged)")
        lines.append(
            "  time: scoring every contract as of \(report.months.last?.shortLabel ?? "–") \(String(format: "%.1f", report.scoringMilliseconds)) ms; "
                + "every contract as of each month scored \(String(format: "%.1f", report.observeSeconds)) s; the fit \(String(format: "%.1f", report.fitSeconds)) s"
        )
        return lines
    }
}
