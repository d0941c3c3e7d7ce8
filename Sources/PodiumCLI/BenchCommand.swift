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
        abstract:
            "Time XmR charts (limits, four rules, icons) for every English contract, beside computing the series they chart."
    )

    @OptionGroup var options: BenchOptions

    func run() async throws {
        let report = try await PositionBenchmark.measure(dataDir: options.dataDir, repeats: options.repeats)
        Terminal.line(
            """
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
        abstract:
            "Time mid-year review + forecast + year-end reconciliation of every English contract, beside the import of the same data."
    )

    @OptionGroup var options: BenchOptions

    func run() async throws {
        let report = try await PositionBenchmark.measure(dataDir: options.dataDir, repeats: options.repeats)
        Terminal.line(
            """
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
        abstract: "Benchmarks that print figures beside a peer measured in the same run.",
        subcommands: [
            BenchReconcile.self, BenchSPC.self, BenchAccess.self, BenchHTTP.self, BenchEarlyWarning.self,
            BenchForecast.self,
        ])
}

func group(_ value: Int) -> String { ScaledDecimal.groupThousands(UInt64(value)) }
private func seconds(_ value: Double) -> String { String(format: "%.3f", value) }
private func milliseconds(_ value: Double) -> String { String(format: "%.1f", value) }

extension PositionBenchmark {
    /// Imports the bundled dental activity into in-memory SQLite and times every contract's position and chart.
    static func measure(dataDir: String?, repeats: Int) async throws -> Report {
        Terminal.bootstrapLogging(level: .warning)
        let logger = Logger(label: "podium.bench")
        let directory = try BundledData.locateDirectory(
            explicit: dataDir, environment: ProcessInfo.processInfo.environment)
        let handle = try await PodiumDatabase.open(.sqliteInMemory, logger: logger)
        do {
            try await handle.migrate()
            // The latest financial year, the one the pages open on.
            let report = try await run(
                registerFile: BundledData.path(for: .icbs, in: directory),
                dentalFiles: try BundledData.dentalFiles(lastYears: 1, in: directory), database: handle.database,
                logger: logger, repeats: repeats)
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

/// `podium bench access`: pair search, scoring and what-ifs on a synthetic England-sized case, beside PySAL `access`
/// run on the same files in the same run.
struct BenchAccess: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "access",
        abstract:
            "Time 2SFCA + E2SFCA and one-site what-ifs on a synthetic England, beside PySAL access on the same input.")

    @ArgumentParser.Option(name: .long, help: "Demand areas (England has 33,755 LSOAs).")
    var n = 33_755

    @ArgumentParser.Option(name: .long, help: "Supply sites.")
    var m = 11_000

    @ArgumentParser.Option(name: .long, help: "Seed of the generator.")
    var seed: UInt64 = 42

    @ArgumentParser.Option(name: .long, help: "Timed runs of the pair search and scoring.")
    var repeats = 10

    @ArgumentParser.Option(name: .long, help: "One-site what-ifs to time (each a close and an open).")
    var whatIfs = 200

    @ArgumentParser.Option(
        name: .long, help: "Folder for the generated demand.csv and supply.csv (default: a temporary folder).")
    var out: String?

    @ArgumentParser.Option(
        name: .long, help: "Python with PySAL access installed (bash scripts/access/setup-peer.sh makes .venv-access).")
    var peerPython = ".venv-access/bin/python"

    @ArgumentParser.Option(
        name: .long, help: "The peer script (a script that runs PySAL access; see docs/BENCHMARKS.md).")
    var peerScript = "scripts/access/peer_access.py"

    func run() throws {
        let folder = out ?? NSTemporaryDirectory() + "podium-bench-access-\(n)-\(m)-\(seed)"
        let started = ContinuousClock.now
        let geography = SyntheticGeography(areas: n, sites: m, seed: seed)
        try geography.write(to: folder)
        let generated = ContinuousClock.now - started
        let report = AccessBenchmark.run(geography, repeats: repeats, whatIfs: whatIfs)
        let total = report.pairsMedian + report.scoreMedian
        Terminal.line(
            """
            podium bench access — \(PositionBenchmark.buildLabel("access"))
              input: \(group(report.areas)) areas × \(group(report.sites)) sites (synthetic England, seed \(seed); \(folder)), generated in \(String(format: "%.2f", Double(generated.components.seconds) + Double(generated.components.attoseconds) / 1e18)) s
              catchment 10 km, E2SFCA steps 3/6/10 km → 1/0.68/0.22; \(group(report.pairs)) pairs; \(group(report.areasWithoutSite)) areas with no site in reach
              Podium, median of \(report.pairRuns.count):
                    pairs (grid index)       \(milliseconds(report.pairsMedian)) ms
                    2SFCA + E2SFCA scoring   \(milliseconds(report.scoreMedian)) ms
                    total                    \(milliseconds(total)) ms (goal ≤ 250 ms in release)
                    one-site what-if, median of \(report.closeRuns.count): close \(String(format: "%.3f", report.closeMedian)) ms, open \(String(format: "%.3f", report.openMedian)) ms (goal ≤ 5 ms)
            """)
        runPeer(folder: folder, report: report, podiumMilliseconds: total)
    }

    /// Runs PySAL `access` on the same files, prints its times beside Podium's and checks the scores agree.
    private func runPeer(folder: String, report: AccessBenchmark.Report, podiumMilliseconds: Double) {
        let script = peerScript
        guard FileManager.default.isExecutableFile(atPath: peerPython), FileManager.default.fileExists(atPath: script)
        else {
            Terminal.line(
                "  peer: not run — \(peerPython) not found; run `bash scripts/access/setup-peer.sh` (PySAL access from PyPI) and try again"
            )
            return
        }
        let scores = folder + "/peer-scores.csv"
        let process = Process()
        process.executableURL = URL(fileURLWithPath: peerPython)
        process.arguments = [script, "--data", folder, "--methods", "2sfca,e2sfca", "--verify", "--out", scores]
        let pipe = Pipe()
        process.standardOutput = pipe
        do {
            try process.run()
        } catch {
            Terminal.line("  peer: could not start \(peerPython): \(error)")
            return
        }
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            Terminal.line("  peer: peer_access.py failed (exit \(process.terminationStatus))")
            return
        }
        var timings: [String: Double] = [:]
        for line in output.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            if parts.count == 2, let value = Double(parts[1]) { timings[String(parts[0])] = value * 1000 }
        }
        let pairs = timings["cost_table_s"] ?? .nan
        let scoring =
            (timings["access_init_s"] ?? 0) + (timings["access_2sfca_s"] ?? .nan) + (timings["access_e2sfca_s"] ?? .nan)
        let numpy = timings["numpy_verify_s"] ?? .nan
        Terminal.line(
            """
              PySAL access 1.1.10 (peer, same files, this run):
                    pairs (k-d tree + cost table) \(milliseconds(pairs)) ms
                    2SFCA + E2SFCA scoring   \(milliseconds(scoring)) ms
                    total                    \(milliseconds(pairs + scoring)) ms — Podium is \(String(format: "%.0f", (pairs + scoring) / podiumMilliseconds))× faster
                    (numpy re-implementation of the scoring, for reference: \(milliseconds(numpy)) ms + the same pairs)
              agreement: \(agreement(scoresFile: scores, report: report))
            """)
    }

    /// Podium's scores against the peer's, by the fixtures' rule (1e-9 relative, NaN and inf must match).
    private func agreement(scoresFile: String, report: AccessBenchmark.Report) -> String {
        guard let text = try? String(contentsOfFile: scoresFile, encoding: .utf8) else {
            return "peer scores not found"
        }
        let lines = text.split(separator: "\n").dropFirst()
        var compared = 0
        var mismatches = 0
        var index: [String: Int] = [:]
        for position in 0..<report.areas { index[String(format: "E01%06d", position + 1)] = position }
        for line in lines {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false)
            guard fields.count >= 4, let area = index[String(fields[0])] else { continue }
            for (column, ours) in [(2, report.twoStage[area]), (3, report.enhanced[area])] {
                let theirs = Double(fields[column].replacingOccurrences(of: "NaN", with: "nan")) ?? .nan
                compared += 1
                if !AccessBenchmark.matches(ours, theirs) { mismatches += 1 }
            }
        }
        return mismatches == 0
            ? "all \(group(compared)) scores (2SFCA and E2SFCA of every area) match the peer to 1e-9 relative"
            : "\(group(mismatches)) of \(group(compared)) scores differ from the peer"
    }
}

/// A warning configuration read from, or written as, JSON.
enum WarningConfigurationFile {
    static func read(_ path: String) throws -> WarningConfiguration {
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let configuration: WarningConfiguration
        do {
            configuration = try JSONDecoder().decode(WarningConfiguration.self, from: data)
        } catch {
            throw ValidationError("\(path) is not a warning configuration: \(error)")
        }
        guard configuration.problems.isEmpty else {
            throw ValidationError("\(path): " + configuration.problems.joined(separator: "; "))
        }
        return configuration
    }

    static func json(_ configuration: WarningConfiguration) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        return String(decoding: try encoder.encode(configuration), as: UTF8.self)
    }
}
