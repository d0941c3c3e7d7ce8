import ArgumentParser
import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumWeb

/// Options of the commands that serve the workbench.
struct ServerOptions: ParsableArguments {
    @ArgumentParser.Option(name: .long, help: "Address to listen on (default: 127.0.0.1, or PODIUM_HOST).")
    var host: String?

    @ArgumentParser.Option(name: .long, help: "Port to listen on (default: 8080, or PODIUM_PORT).")
    var port: Int?

    @ArgumentParser.OptionGroup var database: DatabaseOptions

    func config() throws -> PodiumConfig {
        try PodiumConfig.resolve(
            host: host, port: port, sqlitePath: database.db, environment: ProcessInfo.processInfo.environment)
    }
}

/// `podium serve`: the workbench on an existing database.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Serve the workbench. SQLite is migrated on start; PostgreSQL must be migrated first with 'podium migrate'."
    )

    @ArgumentParser.OptionGroup var options: ServerOptions

    func run() async throws {
        options.database.bootstrapLogging()
        do {
            try await PodiumServer.run(config: try options.config(), clock: .system)
        } catch {
            throw ServeFailure.exit(error)
        }
    }
}

/// `podium demo`: import the bundled real open data into SQLite if it is not there yet, then serve.
struct Demo: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract:
            "Import the bundled open data (first run only) into a SQLite file and serve the workbench on http://127.0.0.1:8080."
    )

    @ArgumentParser.OptionGroup var options: ServerOptions

    @ArgumentParser.Option(name: .long, help: "Folder of the bundled open data (default: Data/open).")
    var dataDir: String?

    @ArgumentParser.Flag(name: .long, help: "Import the bundled data and exit without serving.")
    var importOnly = false

    @ArgumentParser.Flag(
        name: .long, help: "Do not add the labelled example records (hours, closures, GOS contracts …) on first run.")
    var noExamples = false

    func run() async throws {
        let logger = options.database.logger("podium.demo")
        let config = try options.config()
        let directory = try BundledData.locateDirectory(
            explicit: dataDir, environment: ProcessInfo.processInfo.environment)
        Terminal.line("Podium demo: \(config.database); bundled open data from \(directory)")
        let examples = !noExamples
        let importBundled: @Sendable (any FluentKit.Database) async throws -> Void = { database in
            let importer = Importer(
                database: database, logger: logger, clock: .system, progress: Terminal.importProgress())
            let started = ContinuousClock.now
            do {
                try await ImportReport.bundled(importer: importer, directory: directory, force: false)
            } catch {
                throw ImportReport.exitError(error)
            }
            // Example records go in once: later runs keep whatever the user changed.
            if examples,
                try await !LocalRecordStore(database: database).records(.eyeServices, icb: nil).contains(
                    where: \.isExample)
            {
                let counts = try await ExampleRecords.install(on: database)
                Terminal.line(
                    "  example records (labelled as examples): "
                        + counts.map { "\($0.0.id) \(ScaledDecimal.groupThousands(UInt64($0.1)))" }.joined(
                            separator: ", "))
            }
            // Published governance defaults (delegation register, functions, framework) fill only what is missing.
            Terminal.line(SeedGovernance.report(try await GovernanceDefaults.install(on: database)))
            Terminal.line("Data ready in \(String(format: "%.1f", Terminal.seconds(ContinuousClock.now - started))) s.")
            // Signing in is required: the demo prints an administrator's email and password on every run.
            if let account = try await DemoAccount.prepare(
                on: database, password: ProcessInfo.processInfo.environment["PODIUM_DEMO_PASSWORD"], clock: .system)
            {
                Terminal.line("")
                Terminal.line("  Demo account (administrator):  \(account.email)")
                Terminal.line("  Password for this run:         \(account.password)")
                Terminal.line("")
            } else {
                Terminal.line(
                    "This installation has users of its own, so no demo account was added: sign in with yours.")
            }
        }
        do {
            if importOnly {
                let handle = try await PodiumDatabase.open(config.database, logger: logger)
                do {
                    try await handle.migrate()
                    try await importBundled(handle.database)
                } catch {
                    await handle.shutdown()
                    throw error
                }
                await handle.shutdown()
            } else {
                Terminal.line("Open http://\(config.host):\(config.port) once the data is ready. Press Ctrl-C to stop.")
                try await PodiumServer.run(config: config, clock: .system, beforeServing: importBundled)
            }
        } catch {
            throw ServeFailure.exit(error)
        }
    }
}

/// Start-up problems print one clear line and exit non-zero.
enum ServeFailure {
    static func exit(_ error: any Error) -> any Error {
        switch error {
        case is ExitCode, is ValidationError: return error
        case let error as ConfigurationError:
            Terminal.error(error.description)
            return ExitCode(78)  // EX_CONFIG
        case let error as PendingMigrations:
            Terminal.error(error.description)
            return ExitCode(78)
        default:
            Terminal.error("Podium stopped: \(String(describing: error))")
            return ExitCode.failure
        }
    }
}
