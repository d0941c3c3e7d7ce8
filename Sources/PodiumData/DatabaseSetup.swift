import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import Logging
import NIOCore
import NIOPosix
import SQLKit

/// Turns a ``DatabaseChoice`` into a Fluent configuration. Web registers it on Vapor's `Databases`;
/// the CLI and tests open a standalone ``PodiumDatabase``.
public enum DatabaseSetup {
    /// Registers the chosen database as the default on `databases`.
    /// - Throws: ``ConfigurationError`` for an unusable URL or SQLite folder.
    public static func register(_ choice: DatabaseChoice, on databases: Databases) throws {
        switch choice {
        case .sqlite(let path):
            let folder = (path as NSString).deletingLastPathComponent
            if !folder.isEmpty {
                do {
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                } catch {
                    throw ConfigurationError(
                        key: "--db", reason: "folder \(folder) cannot be created: \(error.localizedDescription)")
                }
            }
            databases.use(.sqlite(.file(path), sqlLogLevel: .debug), as: .sqlite)
        case .sqliteInMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: .debug), as: .sqlite)
        case .postgres(let url):
            let configuration: SQLPostgresConfiguration
            do {
                configuration = try SQLPostgresConfiguration(url: url)
            } catch {
                throw ConfigurationError(key: DatabaseChoice.urlKey, reason: "cannot be used: \(error)")
            }
            databases.use(
                .postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .debug), as: .psql)
        }
    }

    /// Run once at start: checks the database answers, and puts a SQLite file in WAL mode so web readers
    /// work while an import writes.
    /// - Throws: ``StoreError/unreachable(_:reason:)`` naming the database (password hidden) and the cause.
    public static func prepare(_ database: any Database, choice: DatabaseChoice) async throws {
        do {
            if case .sqlite = choice {
                try await database.sql().raw("PRAGMA journal_mode=WAL").run()
            } else {
                try await database.sql().raw("SELECT 1").run()
            }
        } catch {
            // PostgresNIO keeps its plain description generic on purpose; the reflected form names the cause
            // (connection refused, authentication failed, unknown database) without the password.
            throw StoreError.unreachable(choice.description, reason: String(reflecting: error))
        }
    }
}

extension Database {
    /// The SQLKit view of this database. Both drivers Podium supports are SQL databases.
    /// - Throws: ``StoreError/notSQL`` for any other driver.
    public func sql() throws -> any SQLDatabase {
        guard let sql = self as? any SQLDatabase else { throw StoreError.notSQL }
        return sql
    }
}

/// A database opened outside Vapor, for the command line and tests.
public final class PodiumDatabase: Sendable {
    public let choice: DatabaseChoice
    public let logger: Logger
    private let databases: Databases
    private let eventLoopGroup: any EventLoopGroup

    private init(choice: DatabaseChoice, logger: Logger, databases: Databases, eventLoopGroup: any EventLoopGroup) {
        self.choice = choice
        self.logger = logger
        self.databases = databases
        self.eventLoopGroup = eventLoopGroup
    }

    /// Opens (creating if needed) the chosen database. Call ``shutdown()`` when done.
    public static func open(_ choice: DatabaseChoice, logger: Logger) async throws -> PodiumDatabase {
        let group = MultiThreadedEventLoopGroup.singleton
        let databases = Databases(threadPool: NIOThreadPool.singleton, on: group)
        try DatabaseSetup.register(choice, on: databases)
        let handle = PodiumDatabase(choice: choice, logger: logger, databases: databases, eventLoopGroup: group)
        do {
            try await DatabaseSetup.prepare(handle.database, choice: choice)
        } catch {
            await handle.shutdown()
            throw error
        }
        return handle
    }

    /// A database handle for queries; cheap to get.
    public var database: any Database {
        guard let database = databases.database(logger: logger, on: eventLoopGroup.any()) else {
            // Impossible: `open` registers the default database and nothing removes it.
            preconditionFailure("no default database registered")
        }
        return database
    }

    /// A migrator over the first migrations of ``PodiumMigrations/all``, up to and including `lastName`
    /// (all of them when `nil`).
    public func migrator(through lastName: String? = nil) -> Migrator {
        let migrations = Migrations()
        var list = PodiumMigrations.all
        if let lastName, let index = list.firstIndex(where: { $0.name == lastName }) { list = Array(list[...index]) }
        migrations.add(list)
        return Migrator(databases: databases, migrations: migrations, logger: logger, on: eventLoopGroup.any())
    }

    /// Runs every pending migration, or those up to and including `lastName` (to test a data migration).
    public func migrate(through lastName: String? = nil) async throws {
        let migrator = migrator(through: lastName)
        try await migrator.setupIfNeeded().get()
        try await migrator.prepareBatch().get()
    }

    /// Reverts the most recent batch of migrations.
    public func revertLastBatch() async throws {
        let migrator = migrator()
        try await migrator.setupIfNeeded().get()
        try await migrator.revertLastBatch().get()
    }

    /// Reverts every migration (drops all of Podium's tables).
    public func revertAll() async throws {
        let migrator = migrator()
        try await migrator.setupIfNeeded().get()
        try await migrator.revertAllBatches().get()
    }

    /// Names of migrations not yet applied, in order.
    public func pendingMigrations() async throws -> [String] {
        let migrator = migrator()
        try await migrator.setupIfNeeded().get()
        return try await migrator.previewPrepareBatch().get().map { $0.0.name }
    }

    public func shutdown() async {
        await databases.shutdownAsync()
    }
}
