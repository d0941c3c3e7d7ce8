import ArgumentParser
import Foundation
import Logging
import PodiumCore
import PodiumData
import PodiumImport

/// `podium`: the command line. Each subcommand parses its arguments and calls library code; no logic lives here.
@main
struct Podium: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "podium",
        abstract: "Podium: the commissioning workbench for pharmacy, optometry and dentistry.",
        subcommands: [
            Demo.self, Serve.self, Import.self, Reconcile.self, Spc.self, Access.self, Migrate.self,
            SeedGovernance.self, UserCommand.self, DataCommand.self, DentalCommand.self, Bench.self,
        ])
}

/// Options shared by commands that open the database.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(
        name: .long,
        help: "SQLite database file (default: var/podium.sqlite). Set PODIUM_DATABASE_URL for PostgreSQL instead.")
    var db: String?

    @ArgumentParser.Option(name: .long, help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: String = "notice"

    func choice() throws -> DatabaseChoice {
        try DatabaseChoice.resolve(sqlitePath: db, environment: ProcessInfo.processInfo.environment)
    }

    /// Sets up logging at `--log-level` (once per process).
    func bootstrapLogging() {
        Terminal.bootstrapLogging(level: Logger.Level(rawValue: logLevel) ?? .notice)
    }

    func logger(_ label: String) -> Logger {
        bootstrapLogging()
        return Logger(label: label)
    }

    /// Opens the database, readies its schema, runs `body` and closes the database on every path. SQLite migrates
    /// itself; PostgreSQL must have no migration pending, as `podium migrate` is its deploy step.
    func withDatabase<T>(_ label: String, _ body: (PodiumDatabase) async throws -> T) async throws -> T {
        let handle = try await PodiumDatabase.open(try choice(), logger: logger(label))
        do {
            if handle.choice.isPostgres {
                let pending = try await handle.pendingMigrations()
                guard pending.isEmpty else { throw PendingMigrationsError(pending: pending) }
            } else {
                try await handle.migrate()
            }
            let result = try await body(handle)
            await handle.shutdown()
            return result
        } catch {
            await handle.shutdown()
            throw error
        }
    }
}
