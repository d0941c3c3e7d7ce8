import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
import Testing
import Vapor
import VaporTesting

@testable import PodiumWeb

/// Runs `test` against a configured application on a fresh, migrated test database holding the fixtures
/// (SQLite in memory, or PostgreSQL when `PODIUM_TEST_POSTGRES_URL` is set). The database also holds an
/// administrator with a real session, which ``Application/signedIn()`` presents on every request.
@discardableResult
func withWorkbench<T: Sendable>(
    auth: AuthSettings = AuthSettings(), chromium: ChromiumChoice = .none,
    data: @escaping @Sendable (any Database) async throws -> Void = { try await Fixtures.importAll(into: $0) },
    _ test: (Application) async throws -> T
) async throws -> T {
    let (choice, drop) = try await TestDatabase.fresh()
    do {
        let result = try await withApp(
            configure: { app in
                app.logger.logLevel = .critical
                try configure(
                    app, config: PodiumConfig(database: choice, chromium: chromium, auth: auth), clock: Fixtures.clock)
                app.storage[TestAuthKey.self] = auth
                try await app.autoMigrate()
                try await data(app.db)
                app.storage[AdministratorKey.self] = try await app.session(
                    as: Grant(role: .administrator), email: "administrator@example.nhs.uk")
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

/// Requests made by a signed-in person: their session cookie on every request and, on anything but GET, the
/// session's CSRF token in `X-CSRF-Token` (as a script would send it; forms send the same token as `_csrf`).
struct SessionTester: TestingApplicationTester {
    let base: any TestingApplicationTester
    let cookie: String
    let csrfToken: String
    let user: User

    func performTest(request: TestingHTTPRequest) async throws -> TestingHTTPResponse {
        var request = request
        request.headers.add(name: .cookie, value: cookie)
        if request.method != .GET, request.headers.first(name: "X-CSRF-Token") == nil,
            !request.headers.contains(name: "X-No-CSRF")
        {
            request.headers.replaceOrAdd(name: "X-CSRF-Token", value: csrfToken)
        }
        request.headers.remove(name: "X-No-CSRF")
        return try await base.performTest(request: request)
    }
}

struct AdministratorKey: StorageKey { typealias Value = SessionTester }

extension Application {
    /// The administrator ``withWorkbench(auth:data:_:)`` signed in.
    func signedIn() throws -> SessionTester {
        guard let tester = storage[AdministratorKey.self] else {
            throw TestDatabaseError.refused("no administrator session: use withWorkbench")
        }
        return tester
    }

    /// A new user holding `grant`, signed in with a real session (their password is never used, so none is hashed).
    func session(as grant: Grant, email: String? = nil, name: String = "Test user") async throws -> SessionTester {
        let address = email ?? "\(grant.role.rawValue)-\(UUID().uuidString.prefix(8).lowercased())@example.nhs.uk"
        let user = try await UserStore(database: db).create(
            email: address, name: name, passwordHash: "!", grant: grant, at: "2026-01-01T00:00:00Z")
        let session = try await BrowserSessions.start(for: user, hours: 1, on: db, clock: clock)
        return SessionTester(
            base: try testing(), cookie: "\(BrowserSessions.cookieName(authSettingsForTests))=\(session.token)",
            csrfToken: session.csrfToken, user: user)
    }

    /// The test configuration's auth settings (plain-http cookie names unless a test asks for secure cookies).
    var authSettingsForTests: AuthSettings { storage[TestAuthKey.self] ?? AuthSettings() }
}

struct TestAuthKey: StorageKey { typealias Value = AuthSettings }

/// Writes `text` into every free-text field of one of `icb`'s records of every template, through the importer a
/// form uses, so tests can look for it on every page. Returns the templates written.
func plant(_ text: String, icb: ICBCode, on database: any Database) async throws -> [RecordTemplate] {
    var written: [RecordTemplate] = []
    for template in RecordTemplate.all {
        let textFields = template.fields.filter { if case .text = $0.kind { true } else { false } }
        guard !textFields.isEmpty,
            let record = try await LocalRecordStore(database: database).records(template, icb: icb).first(where: {
                $0.icb == icb
            })
        else { continue }
        let original = Dictionary(
            uniqueKeysWithValues: template.fields.map { ($0.name, $0.write(record.values[$0.name])) })
        var cells = original
        for field in textFields { cells[field.name] = text }
        // Text a template checks further (a risk's evidence citations) keeps its stored value.
        if case .failure(let problems) = template.read(cells) {
            for field in problems.problems.compactMap(\.field) { cells[field] = original[field] }
        }
        switch template.read(cells) {
        case .failure(let problems):
            Issue.record("\(template.id): \(problems.problems)")
        case .success(let values):
            try await LocalRecordImporter(database: database).save(
                values, for: icb, by: text, recordedAt: "2026-11-30T10:00:00.000Z", version: .savedAt(record.recordedAt)
            )
            written.append(template)
        }
    }
    return written
}

extension Application {
    /// What page models read in a test: this application's database, no cache, judged on `today` (the fixed clock's by default).
    func queryContext(today: CalendarDate = Fixtures.clock.today) -> QueryContext {
        QueryContext(database: db, openData: OpenData(database: db, cache: nil, today: today), today: today)
    }
}
