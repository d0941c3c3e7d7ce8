import PodiumData
import Testing

@Suite("Choosing the database (no silent fallback)")
struct ConfigurationTests {
    @Test("Without configuration the default is a SQLite file in the data folder")
    func defaults() throws {
        #expect(try DatabaseChoice.resolve(sqlitePath: nil, environment: [:]) == .sqlite(path: "var/podium.sqlite"))
        #expect(
            try DatabaseChoice.resolve(sqlitePath: nil, environment: ["PODIUM_DATA_DIR": "/srv/podium"])
                == .sqlite(path: "/srv/podium/podium.sqlite"))
        #expect(
            try DatabaseChoice.resolve(sqlitePath: "/tmp/x.sqlite", environment: [:]) == .sqlite(path: "/tmp/x.sqlite"))
    }

    @Test("PODIUM_DATABASE_URL selects PostgreSQL")
    func postgres() throws {
        let url = "postgres://podium:secret@db.internal:5432/podium"
        #expect(
            try DatabaseChoice.resolve(sqlitePath: nil, environment: ["PODIUM_DATABASE_URL": url])
                == .postgres(url: url))
    }

    @Test(
        "Bad configuration is an error naming the key",
        arguments: [
            (nil as String?, ["PODIUM_DATABASE_URL": "mysql://x@y/z"], "PODIUM_DATABASE_URL"),
            (nil, ["PODIUM_DATABASE_URL": ""], "PODIUM_DATABASE_URL"),
            (nil, ["PODIUM_DATABASE_URL": "postgres://user@/podium"], "PODIUM_DATABASE_URL"),
            (nil, ["PODIUM_DATABASE_URL": "postgres://user@localhost"], "PODIUM_DATABASE_URL"),
            ("/tmp/a.sqlite", ["PODIUM_DATABASE_URL": "postgres://u@localhost/db"], "PODIUM_DATABASE_URL and --db"),
            ("  ", [:], "--db"),
            (nil, ["PODIUM_DATA_DIR": ""], "PODIUM_DATA_DIR"),
        ])
    func errors(db: String?, environment: [String: String], key: String) {
        #expect { try DatabaseChoice.resolve(sqlitePath: db, environment: environment) } throws: { error in
            (error as? ConfigurationError)?.key == key
        }
    }

    @Test("Descriptions never show a password")
    func redacted() {
        let choice = DatabaseChoice.postgres(url: "postgres://podium:secret@127.0.0.1:5432/podium")
        #expect(!choice.description.contains("secret"))
        #expect(choice.description.contains("127.0.0.1"))
    }
}
