import ArgumentParser
import Foundation
import Logging
import PodiumCore
import PodiumData
import PodiumImport

/// `podium bench spc`: the time to chart every English contract, beside the work that produces the series.
struct BenchSPC: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spc",
        abstract: "Time XmR charts (limits, four rules, icons) for every English contract, beside computing the series they chart.")

    @OptionGroup var options: BenchOptions

    func run() async throws {
        let report = try await PositionBenchmark.measure(dataDir: options.dataDir, repeats: options.repeats)
        Terminal.line("""
            podium bench spc — \(PositionBenchmark.buildLabel("spc"))
              data: \(group(report.contracts)) contracts, each month's UDAs as % of its working-day profile, \(report.financialYear.label)
              peer: import of the same file (read, validate, write in-memory SQLite): \(seconds(report.importSeconds)) s
                    load contract years from SQLite: \(seconds(report.loadSeconds)) s
                    positions that produce the series (mid-year + forecast + reconciliation), median of \(report.positionRuns.count): \(milliseconds(report.medianMilliseconds)) ms
              SPC (XmR limits, four rules, point types, variation and assurance icons for every contract), \(report.spcRuns.count) runs:
                    median \(milliseconds(report.spcMedianMilliseconds)) ms, fastest \(milliseconds(report.spcFastestMilliseconds)) ms (goal ≤ 50 ms in release)
              result: \(group(report.latestSpecialCause)) contracts whose latest month is a special cause
            """)
    }
}

/// `podium bench reconcile`: every contract's position, beside the import of the same data.
struct BenchReconcile: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reconcile",
        abstract: "Time mid-year review + forecast + year-end reconciliation of every English contract, beside the import of the same data.")

    @OptionGroup var options: BenchOptions

    func run() async throws {
        let report = try await PositionBenchmark.measure(dataDir: options.dataDir, repeats: options.repeats)
        Terminal.line("""
            podium bench reconcile — \(PositionBenchmark.buildLabel("reconcile"))
              data: \(group(report.contracts)) contracts, \(group(report.monthlyRows)) monthly rows, \(report.financialYear.label)
              peer: import of the same file (read, validate, write in-memory SQLite): \(seconds(report.importSeconds)) s
                    load contract years from SQLite: \(seconds(report.loadSeconds)) s
              positions (mid-year + forecast + year-end reconciliation of every contract), \(report.positionRuns.count) runs:
                    median \(milliseconds(report.medianMilliseconds)) ms, fastest \(milliseconds(report.fastestMilliseconds)) ms (goal ≤ 100 ms in release)
              result: \(group(report.flaggedAtMidYear)) contracts flagged at mid-year; projected clawback \(report.projectedClawback.formatted)
            """)
    }
}

struct BenchOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "Folder of the bundled open data (default: Data/open).")
    var dataDir: String?

    @ArgumentParser.Option(name: .long, help: "How many timed runs over every contract.")
    var repeats = 20
}

/// `podium bench …`: performance figures beside a peer measured in the same run.
struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Benchmarks that print figures beside a peer measured in the same run.", subcommands: [BenchReconcile.self, BenchSPC.self])
}

private func group(_ value: Int) -> String { ScaledDecimal.groupThousands(UInt64(value)) }
private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
private func milliseconds(_ value: Double) -> String { String(format: "%.1f", value) }

extension PositionBenchmark {
    /// Imports the bundled dental activity into in-memory SQLite and times every contract's position and chart.
    static func measure(dataDir: String?, repeats: Int) async throws -> Report {
        Terminal.bootstrapLogging(level: .warning)
        let logger = Logger(label: "podium.bench")
        let directory = try BundledData.locateDirectory(explicit: dataDir, environment: ProcessInfo.processInfo.environment)
        let handle = try await PodiumDatabase.open(.sqliteInMemory, logger: logger)
        do {
            try await handle.migrate()
            let report = try await run(
                dentalFile: BundledData.path(for: .dentalActivity, in: directory), database: handle.database, logger: logger, repeats: repeats)
            await handle.shutdown()
            return report
        } catch {
            await handle.shutdown()
            throw error
        }
    }

    /// Says whether the figures come from a release build, the one the goals are for.
    static func buildLabel(_ subcommand: String) -> String {
        #if DEBUG
        "debug build (the goal is for a release build: swift run -c release podium bench \(subcommand))"
        #else
        "release build"
        #endif
    }
}
