import FluentKit
import PodiumData
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

@Suite("Server configuration and start-up")
struct ServerTests {
    @Test("Host and port come from flags, then the environment, then defaults")
    func config() throws {
        let defaults = try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: [:])
        #expect(
            defaults.host == "127.0.0.1" && defaults.port == 8080
                && defaults.database == .sqlite(path: "var/podium.sqlite"))
        let fromEnvironment = try PodiumConfig.resolve(
            host: nil, port: nil, sqlitePath: nil, environment: ["PODIUM_PORT": "9000", "PODIUM_HOST": "0.0.0.0"])
        #expect(fromEnvironment.port == 9000 && fromEnvironment.host == "0.0.0.0")
        #expect(
            try PodiumConfig.resolve(host: "::1", port: 8081, sqlitePath: nil, environment: ["PODIUM_PORT": "9000"])
                .port == 8081)
    }

    @Test(
        "A bad port is an error naming where it came from",
        arguments: [
            (nil as Int?, ["PODIUM_PORT": "eighty"], "PODIUM_PORT"), (nil, ["PODIUM_PORT": "70000"], "PODIUM_PORT"),
            (0, [:], "--port"),
        ])
    func badPort(port: Int?, environment: [String: String], key: String) {
        #expect { try PodiumConfig.resolve(host: nil, port: port, sqlitePath: nil, environment: environment) } throws: {
            error in
            (error as? ConfigurationError)?.key == key
        }
    }

    @Test("Sign-in settings: closed by default; secure cookies unless on loopback; bad values name their key")
    func authSettings() throws {
        let local = try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: [:]).auth
        #expect(
            local
                == AuthSettings(publicOpenData: false, secureCookies: false, sessionHours: 12, trustForwardedFor: false)
        )
        #expect(
            try PodiumConfig.resolve(host: "0.0.0.0", port: nil, sqlitePath: nil, environment: [:]).auth.secureCookies)
        let chosen = try PodiumConfig.resolve(
            host: "0.0.0.0", port: nil, sqlitePath: nil,
            environment: [
                "PODIUM_PUBLIC_OPEN_DATA": "yes", "PODIUM_SECURE_COOKIES": "false", "PODIUM_SESSION_HOURS": "8",
                "PODIUM_TRUST_FORWARDED_FOR": "1",
            ]
        ).auth
        #expect(
            chosen == AuthSettings(publicOpenData: true, secureCookies: false, sessionHours: 8, trustForwardedFor: true)
        )
        for (key, value) in [
            ("PODIUM_PUBLIC_OPEN_DATA", "maybe"), ("PODIUM_SESSION_HOURS", "0"), ("PODIUM_SESSION_HOURS", "a day"),
            ("PODIUM_SECURE_COOKIES", "2"),
        ] {
            #expect {
                try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: [key: value])
            } throws: { error in
                (error as? ConfigurationError)?.key == key
            }
        }
    }

    @Test("SQLite is migrated on start; PostgreSQL with pending migrations refuses to start")
    func migrationsOnStart() async throws {
        let (choice, drop) = try await TestDatabase.fresh()
        do {
            try await withApp(configure: { app in
                app.logger.logLevel = .critical
                try configure(app, config: PodiumConfig(database: choice), clock: Fixtures.clock)
            }) { app in
                let config = PodiumConfig(database: choice)
                if choice.isPostgres {
                    await #expect(throws: PendingMigrations.self) {
                        try await PodiumServer.prepareSchema(app, config: config)
                    }
                    try await app.autoMigrate()
                    try await PodiumServer.prepareSchema(app, config: config)
                } else {
                    try await PodiumServer.prepareSchema(app, config: config)
                    #expect(try await app.migrator.previewPrepareBatch().get().isEmpty)
                }
            }
        } catch {
            await drop()
            throw error
        }
        await drop()
    }
}
