import ArgumentParser
import Foundation
import PodiumCore
import PodiumData
import PodiumImport

extension Dataset: ExpressibleByArgument {}

/// `podium import <dataset> <file>…`: each file (or each CSV in a folder) one transaction and one line in the log.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Import a published file into the database (all or nothing; re-importing the same file changes nothing).",
        discussion:
            "Datasets: \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")). Use 'podium import bundled' for all bundled open data."
    )

    @ArgumentParser.Argument(help: "The dataset, or 'bundled' for every bundled file.")
    var dataset: String

    @ArgumentParser.Argument(
        help:
            "The files to import (CSV, optionally gzip-compressed), or folders of them; each file is one transaction. Not used with 'bundled'."
    )
    var files: [String] = []

    @ArgumentParser.Option(name: .long, help: "Folder of the bundled open data (default: Data/open).")
    var dataDir: String?

    @ArgumentParser.Flag(name: .long, help: "Read and upsert the file even if this exact file was imported before.")
    var force = false

    @ArgumentParser.OptionGroup var options: DatabaseOptions

    func run() async throws {
        let logger = options.logger("podium.import")
        do {
            try await options.withDatabase("podium.import") { handle in
                let importer = Importer(
                    database: handle.database, logger: logger, clock: .system,
                    progress: Terminal.importProgress(logger: logger))
                if dataset == "bundled" {
                    let directory = try BundledData.locateDirectory(
                        explicit: dataDir, environment: ProcessInfo.processInfo.environment)
                    try await ImportReport.bundled(importer: importer, directory: directory, force: force)
                } else {
                    guard let chosen = Dataset(rawValue: dataset) else {
                        throw ValidationError(
                            "Unknown dataset '\(dataset)'. Choose one of: \(Dataset.allCases.map(\.rawValue).joined(separator: ", ")), bundled."
                        )
                    }
                    guard !files.isEmpty else {
                        throw ValidationError("Give the files to import: podium import \(dataset) FILE…")
                    }
                    try await ImportReport.many(importer: importer, dataset: chosen, files: files, force: force)
                }
            }
        } catch {
            throw ImportReport.exitError(error)
        }
    }
}

struct PendingMigrationsError: Error, CustomStringConvertible {
    var pending: [String]
    var description: String {
        "The PostgreSQL database has \(pending.count) pending migration\(pending.count == 1 ? "" : "s") (\(pending.joined(separator: ", "))). Run 'podium migrate' first."
    }
}

/// Prints what imports did.
enum ImportReport {
    static func many(importer: Importer, dataset: Dataset, files: [String], force: Bool) async throws {
        let started = ContinuousClock.now
        let outcomes = try await importer.run(dataset, files: files, force: force) { _, outcome in
            Terminal.endProgress()
            print(outcome, dataset: dataset)
        }
        guard outcomes.count > 1 else { return }
        let imported = outcomes.filter { if case .imported = $0 { true } else { false } }
        let rows = imported.map(\.record.rowCount).reduce(0, +)
        Terminal.line(
            "  \(dataset.rawValue): \(outcomes.count) files, \(imported.count) imported (\(ScaledDecimal.groupThousands(UInt64(rows))) rows), \(outcomes.count - imported.count) already imported, in \(String(format: "%.1f", Terminal.seconds(ContinuousClock.now - started))) s"
        )
    }

    static func bundled(importer: Importer, directory: String, force: Bool) async throws {
        try await importer.runBundled(directory: directory, force: force) { dataset, outcome in
            Terminal.endProgress()
            print(outcome, dataset: dataset)
        }
    }

    static func print(_ outcome: ImportOutcome, dataset: Dataset) {
        let record = outcome.record
        let rows = ScaledDecimal.groupThousands(UInt64(record.rowCount))
        switch outcome {
        case .imported:
            Terminal.line(
                "  \(dataset.rawValue): imported \(rows) rows from \(record.fileName) in \(String(format: "%.2f", Double(record.durationMilliseconds) / 1000)) s"
            )
        case .alreadyImported:
            Terminal.line("  \(dataset.rawValue): already imported (\(record.fileName), \(rows) rows), unchanged")
        }
    }

    /// Import problems print as `file:line:column: reason` lines and exit non-zero.
    static func exitError(_ error: any Error) -> any Error {
        Terminal.endProgress()
        switch error {
        case let failure as ImportFailure:
            Terminal.error(failure.description)
            return ExitCode(65)  // EX_DATAERR
        case let problem as SourceFileError:
            Terminal.error(problem.description)
            return ExitCode(66)  // EX_NOINPUT
        default:
            return error
        }
    }
}
