import Fluent
import Foundation
import PodiumData
import Vapor

/// Podium's version, shown in the footer and the API document.
public enum PodiumVersion {
    public static let current = "0.1.0"
}

/// Configures an application: database, migrations, middleware, JSON and routes. Used by `serve`, `demo` and tests.
public func configure(_ app: Application, config: PodiumConfig) throws {
    try DatabaseSetup.register(config.database, on: app.databases)
    app.migrations.add(PodiumMigrations.all)

    app.accessModels = AccessModelCache()
    let context = PageContext(version: PodiumVersion.current, databaseLabel: config.database.isPostgres ? "PostgreSQL" : "SQLite")
    // Replace Vapor's default middleware: our error middleware answers in HTML or the API's JSON error shape.
    app.middleware = Middlewares()
    app.middleware.use(RouteLoggingMiddleware(logLevel: .info))
    // Security headers wrap the error middleware so error pages carry them too.
    app.middleware.use(SecurityHeadersMiddleware())
    app.middleware.use(PodiumErrorMiddleware(context: context))

    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    ContentConfiguration.global.use(encoder: encoder, for: .json)

    try app.register(collection: PageController(context: context))
    try app.register(collection: DentalController(context: context))
    try app.register(collection: PharmacyController(context: context))
    try app.register(collection: AccessController(context: context))
    try app.register(collection: CommissioningController(context: context))
    try app.register(collection: FinanceController(context: context))
    try app.register(collection: GovernanceController(context: context, pdf: config.chromium.map { PDFRenderer(executable: $0) }))
    try app.register(collection: RecordsController(context: context))
    try app.register(collection: API.Controller())
    app.get("healthz") { _ in "ok" }
}
