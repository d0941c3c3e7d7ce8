import Fluent
import Logging
import PodiumData
import Vapor

/// Runs the workbench until Ctrl-C (SIGINT) or SIGTERM.
public enum PodiumServer {
    /// Configures, checks migrations, runs `beforeServing` (the demo imports data there) and serves.
    ///
    /// SQLite is migrated here (one embedded process). PostgreSQL must be migrated with `podium migrate` as a
    /// deploy step; with migrations pending, `serve` refuses to start, so several instances never race.
    public static func run(
        config: PodiumConfig, clock: WallClock, beforeServing: @Sendable (any Database) async throws -> Void = { _ in }
    ) async throws {
        // Minimal arguments keep Vapor's own flags from becoming a second command line.
        let app = try await Application.make(Environment(name: "production", arguments: ["podium", "serve"]))
        do {
            try configure(app, config: config, clock: clock)
            try await DatabaseSetup.prepare(app.db, choice: config.database)
            try await prepareSchema(app, config: config)
            try await beforeServing(app.db)
            app.http.server.configuration.hostname = config.host
            app.http.server.configuration.port = config.port
            app.logger.notice(
                "Podium \(PodiumVersion.current) serving http://\(config.host):\(config.port) on \(config.database). Press Ctrl-C to stop."
            )
            let warmUp = OpenDataWarmUp.start(app)
            defer { warmUp.cancel() }
            try await app.execute()
        } catch {
            try? await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Migrates SQLite; refuses PostgreSQL with pending migrations.
    /// - Throws: ``PendingMigrations``.
    public static func prepareSchema(_ app: Application, config: PodiumConfig) async throws {
        if config.database.isPostgres {
            try await app.migrator.setupIfNeeded().get()
            let pending = try await app.migrator.previewPrepareBatch().get().map { $0.0.name }
            guard pending.isEmpty else { throw PendingMigrations(names: pending) }
        } else {
            try await app.autoMigrate()
        }
    }
}

/// `serve` found migrations not yet applied to PostgreSQL.
public struct PendingMigrations: Error, CustomStringConvertible {
    public var names: [String]
    public var description: String {
        "The database has \(names.count) pending migration\(names.count == 1 ? "" : "s") (\(names.joined(separator: ", "))). Run 'podium migrate' first; serve does not migrate PostgreSQL so that several instances never race."
    }
}
