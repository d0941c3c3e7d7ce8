import ArgumentParser
import FluentKit
import Foundation
import Logging
import PodiumData
import PodiumImport

/// Where a back-test reads the dental history from: a demo database, or the bundled files imported into memory.
struct BenchHistory: ParsableArguments {
    @ArgumentParser.Option(
        name: .long,
        help:
            "A SQLite database holding the dental activity (podium demo --import-only --db FILE); without it the bundled files are imported into memory first."
    )
    var db: String?

    @ArgumentParser.Option(name: .long, help: "Folder of the bundled open data (default: Data/open).")
    var dataDir: String?

    /// Runs `body` on the migrated database with the ICB register and every bundled dental file (for a back-test to
    /// import when the database holds none), and closes it whatever happens.
    func with<Result>(
        logger: Logger,
        _ body: (_ database: any Database, _ registerFile: String, _ dentalFiles: [String]) async throws -> Result
    ) async throws -> Result {
        let directory = try BundledData.locateDirectory(
            explicit: dataDir, environment: ProcessInfo.processInfo.environment)
        let handle = try await PodiumDatabase.open(db.map { .sqlite(path: $0) } ?? .sqliteInMemory, logger: logger)
        do {
            try await handle.migrate()
            let result = try await body(
                handle.database, BundledData.path(for: .icbs, in: directory),
                try BundledData.dentalFiles(lastYears: 100, in: directory))
            await handle.shutdown()
            return result
        } catch {
            await handle.shutdown()
            throw error
        }
    }
}
