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
        subcommands: [Demo.self, Serve.self, Import.self, Reconcile.self, Spc.self, Access.self, Migrate.self, SeedGovernance.self, UserCommand.self, DataCommand.self, Bench.self])
}

/// Options shared by commands that open the database.
struct DatabaseOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "SQLite database file (default: var/podium.sqlite). Set PODIUM_DATABASE_URL for PostgreSQL instead.")
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
}
