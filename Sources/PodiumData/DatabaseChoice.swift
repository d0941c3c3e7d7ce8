import Foundation

/// Which database Podium uses. SQLite in a file is the embedded default; PostgreSQL is chosen explicitly with
/// `PODIUM_DATABASE_URL`. There is no silent fallback: a bad choice is a ``ConfigurationError`` naming the key.
public enum DatabaseChoice: Sendable, Equatable, CustomStringConvertible {
    case sqlite(path: String)
    /// A private in-memory SQLite database, for tests only.
    case sqliteInMemory
    case postgres(url: String)

    /// The environment variable that selects PostgreSQL.
    public static let urlKey = "PODIUM_DATABASE_URL"
    /// The environment variable naming the folder for the default SQLite file.
    public static let dataDirectoryKey = "PODIUM_DATA_DIR"
    /// The default data folder, relative to the working directory.
    public static let defaultDataDirectory = "var"

    /// Decides the database from the command line and the environment.
    /// - Parameters:
    ///   - sqlitePath: the `--db PATH` option, if given.
    ///   - environment: the process environment.
    /// - Throws: ``ConfigurationError`` if `PODIUM_DATABASE_URL` is malformed, or set together with `--db`.
    public static func resolve(sqlitePath: String?, environment: [String: String]) throws -> DatabaseChoice {
        if let url = environment[urlKey] {
            guard sqlitePath == nil else {
                throw ConfigurationError(
                    key: "\(urlKey) and --db",
                    reason: "both are set; choose PostgreSQL (the URL) or a SQLite file (--db), not both")
            }
            try validatePostgresURL(url)
            return .postgres(url: url)
        }
        if let sqlitePath {
            guard !sqlitePath.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ConfigurationError(key: "--db", reason: "is empty; give the path of a SQLite file")
            }
            return .sqlite(path: sqlitePath)
        }
        let directory = environment[dataDirectoryKey] ?? defaultDataDirectory
        guard !directory.isEmpty else {
            throw ConfigurationError(key: dataDirectoryKey, reason: "is empty; give a folder for the SQLite file")
        }
        return .sqlite(path: (directory as NSString).appendingPathComponent("podium.sqlite"))
    }

    /// Checks a PostgreSQL URL has a scheme, host and database name.
    static func validatePostgresURL(_ url: String) throws {
        guard let components = URLComponents(string: url),
            let scheme = components.scheme, ["postgres", "postgresql"].contains(scheme.lowercased())
        else {
            throw ConfigurationError(
                key: urlKey, reason: "must be a URL like postgres://user:password@host:5432/database")
        }
        guard let host = components.host, !host.isEmpty else {
            throw ConfigurationError(key: urlKey, reason: "has no host")
        }
        guard components.path.count > 1 else {
            throw ConfigurationError(key: urlKey, reason: "has no database name (add /database after the host)")
        }
    }

    public var isPostgres: Bool { if case .postgres = self { true } else { false } }

    /// A description safe for logs: the password of a URL is hidden.
    public var description: String {
        switch self {
        case .sqlite(let path): return "SQLite file \(path)"
        case .sqliteInMemory: return "SQLite in memory"
        case .postgres(let url):
            if var components = URLComponents(string: url) {
                if components.password != nil { components.password = "***" }
                return "PostgreSQL \(components.string ?? "(URL)")"
            }
            return "PostgreSQL"
        }
    }
}

/// A startup configuration problem: which key, and what is wrong with it.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public var key: String
    public var reason: String

    public init(key: String, reason: String) {
        self.key = key
        self.reason = reason
    }

    public var description: String { "Configuration error: \(key) \(reason)." }
}
