import Fluent
import Foundation
import PodiumData
import Vapor

/// Configures an application: database, migrations, middleware, JSON and routes. Used by `serve`, `demo` and tests.
/// - Parameter clock: the wall clock every request reads (``Request/clock``); tests stop it.
public func configure(_ app: Application, config: PodiumConfig, clock: WallClock) throws {
    app.clock = clock
    try DatabaseSetup.register(config.database, on: app.databases)
    app.migrations.add(PodiumMigrations.all)

    app.openDataCache = OpenDataCache()
    app.mapBoundaries = MapBoundaryLoader(directory: config.openDataDirectory, logger: app.logger)
    app.pageContext = PageContext(
        version: PodiumVersion.current, databaseLabel: config.database.isPostgres ? "PostgreSQL" : "SQLite")
    app.authSettings = config.auth
    // Replace Vapor's default middleware: our error middleware answers in HTML or the API's JSON error shape.
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    // Security headers wrap the error middleware so error pages carry them too.
    app.middleware.use(SecurityHeadersMiddleware(strictTransportSecurity: config.auth.secureCookies))
    app.middleware.use(PodiumErrorMiddleware())
    // Every route's access is decided here, after routing (so the route and its parameters are known).
    app.middleware.use(AccessMiddleware(settings: config.auth))
    // Expensive pages wait for a place, or are refused at once, rather than slowing everyone (issue 26, F5).
    app.middleware.use(ExpensiveWorkMiddleware())

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    try app.register(collection: OverviewController())
    try app.register(collection: DentalController())
    try app.register(collection: AccessController())
    try app.register(collection: CommissioningController())
    try app.register(collection: FinanceController())
    try app.register(collection: GovernanceController(chromium: config.chromium))
    try app.register(collection: RecordsController())
    try app.register(collection: EarlyWarningController())
    try app.register(collection: AccountController(settings: config.auth))
    try app.register(
        collection: OpenIDController(settings: config.auth, provider: config.auth.openID.map(OpenIDProvider.init)))
    try app.register(collection: AdminController())
    try app.register(collection: API.Controller())
    app.get("healthz") { _ in "ok" }.access(.open)
}

extension Application {
    private struct ClockKey: StorageKey { typealias Value = WallClock }

    /// The wall clock the application reads, set once by ``configure(_:config:clock:)``.
    public var clock: WallClock {
        get { storage[ClockKey.self] ?? .system }
        set { storage[ClockKey.self] = newValue }
    }
}

extension Request {
    /// The application's wall clock: the one source of "now" and "today" for a request.
    var clock: WallClock { application.clock }
}
