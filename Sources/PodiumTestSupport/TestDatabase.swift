import FluentKit
import Foundation
import Logging
import PodiumData
import SQLKit

/// A database for one test: private in-memory SQLite by default; with `PODIUM_TEST_POSTGRES_URL` set, a fresh
/// PostgreSQL database created for the test and dropped after it. Tests can run in parallel.
public enum TestDatabase {
    /// Names the PostgreSQL server (and an existing database to connect to) that tests create databases on.
    public static let postgresKey = "PODIUM_TEST_POSTGRES_URL"

    /// `true` when the suite runs against PostgreSQL.
    public static var isPostgres: Bool { ProcessInfo.processInfo.environment[postgresKey] != nil }

    /// A logger that prints nothing: tests assert on values, not on log lines.
    public static let quietLogger: Logger = {
        var logger = Logger(label: "podium.test", factory: { _ in SwiftLogNoOpLogHandler() })
        logger.logLevel = .critical
        return logger
    }()

    /// A fresh database choice and a way to drop it afterwards.
    public static func fresh() async throws -> (choice: DatabaseChoice, drop: @Sendable () async -> Void) {
        guard let adminURL = ProcessInfo.processInfo.environment[postgresKey] else { return (.sqliteInMemory, {}) }
        guard var components = URLComponents(string: adminURL), let host = components.host else {
            throw TestDatabaseError.refused("\(postgresKey) is not a URL")
        }
        // Never touch a real server: loopback only, and only databases named *_test.
        guard ["127.0.0.1", "localhost", "::1"].contains(host) else {
            throw TestDatabaseError.refused("\(postgresKey) must point at loopback, not \(host)")
        }
        guard components.path.hasSuffix("_test") else {
            throw TestDatabaseError.refused("\(postgresKey) must name a database ending in _test")
        }
        let name = "podium_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
        try await admin(adminURL) { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        components.path = "/" + name
        guard let url = components.string else { throw TestDatabaseError.refused("cannot build a URL for \(name)") }
        return (
            .postgres(url: url),
            {
                try? await admin(adminURL) {
                    try await $0.raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run()
                }
            }
        )
    }

    /// Runs `body` with a fresh database (migrated unless `migrated` is false), and drops it afterwards.
    public static func with<T: Sendable>(migrated: Bool = true, _ body: (PodiumDatabase) async throws -> T) async throws
        -> T
    {
        let (choice, drop) = try await fresh()
        let handle = try await PodiumDatabase.open(choice, logger: quietLogger)
        do {
            if migrated { try await handle.migrate() }
            let result = try await body(handle)
            await handle.shutdown()
            await drop()
            return result
        } catch {
            await handle.shutdown()
            await drop()
            throw error
        }
    }

    private static func admin(_ url: String, _ body: (any SQLDatabase) async throws -> Void) async throws {
        let handle = try await PodiumDatabase.open(.postgres(url: url), logger: quietLogger)
        do {
            try await body(try handle.database.sql())
        } catch {
            await handle.shutdown()
            // PostgresNIO's errors describe themselves generically; a failing test should say what the server said.
            throw TestDatabaseError.postgres(String(reflecting: error))
        }
        await handle.shutdown()
    }
}

public enum TestDatabaseError: Error, CustomStringConvertible {
    case refused(String)
    case postgres(String)
    public var description: String {
        switch self {
        case .refused(let reason): "Refusing to run database tests: \(reason)"
        case .postgres(let detail): "PostgreSQL refused to make or drop a test database: \(detail)"
        }
    }
}
