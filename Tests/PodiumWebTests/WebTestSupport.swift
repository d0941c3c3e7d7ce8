import FluentKit
import Foundation
import PodiumData
import PodiumImport
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

/// Runs `test` against a configured application on a fresh, migrated test database holding the fixtures
/// (SQLite in memory, or PostgreSQL when `PODIUM_TEST_POSTGRES_URL` is set).
@discardableResult
func withWorkbench<T: Sendable>(
    data: @escaping @Sendable (any Database) async throws -> Void = { try await Fixtures.importAll(into: $0) },
    _ test: (Application) async throws -> T
) async throws -> T {
    let (choice, drop) = try await TestDatabase.fresh()
    do {
        let result = try await withApp(configure: { app in
            app.logger.logLevel = .critical
            try configure(app, config: PodiumConfig(database: choice))
            try await app.autoMigrate()
            try await data(app.db)
        }, test)
        await drop()
        return result
    } catch {
        await drop()
        throw error
    }
}

extension TestingHTTPResponse {
    var text: String { body.string }
    var contentType: String { headers.first(name: .contentType) ?? "" }
}

/// A minimal CSV split for checking downloads (fields here never hold line breaks).
func csvRows(_ text: String) throws -> [[String]] {
    try CSVReader(bytes: Array(text.utf8)).records().map(\.fields)
}
