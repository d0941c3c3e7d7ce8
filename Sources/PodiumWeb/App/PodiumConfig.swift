import Foundation
import PodiumData
import PodiumImport

/// Everything `serve` needs, decided once at start-up by a pure parser.
public struct PodiumConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: DatabaseChoice
    /// Headless Chromium for committee papers as PDF, looked for when a PDF is asked for (the HTML always prints).
    public var chromium: ChromiumChoice
    public var auth: AuthSettings
    /// The bundled-data folder, for the maps' boundaries (``MapBoundaries``); `nil` draws maps without them, saying so.
    public var openDataDirectory: String?

    public static let hostKey = "PODIUM_HOST"
    public static let portKey = "PODIUM_PORT"
    public static let chromiumKey = PDFRenderer.chromiumKey

    public init(
        host: String = "127.0.0.1", port: Int = 8080, database: DatabaseChoice, chromium: ChromiumChoice = .none,
        auth: AuthSettings = AuthSettings(),
        openDataDirectory: String? = try? BundledData.locateDirectory(
            explicit: nil, environment: ProcessInfo.processInfo.environment)
    ) {
        self.openDataDirectory = openDataDirectory
        self.host = host
        self.port = port
        self.database = database
        self.chromium = chromium
        self.auth = auth
    }

    /// Command-line values win over the environment, which wins over the defaults.
    /// - Throws: ``ConfigurationError`` naming the key at fault.
    public static func resolve(host: String?, port: Int?, sqlitePath: String?, environment: [String: String]) throws
        -> PodiumConfig
    {
        let database = try DatabaseChoice.resolve(sqlitePath: sqlitePath, environment: environment)
        var resolvedPort = 8080
        if let port {
            resolvedPort = port
        } else if let text = environment[portKey] {
            guard let value = Int(text) else {
                throw ConfigurationError(key: portKey, reason: "\"\(text)\" is not a port number")
            }
            resolvedPort = value
        }
        guard (1...65_535).contains(resolvedPort) else {
            throw ConfigurationError(
                key: port == nil ? portKey : "--port", reason: "\(resolvedPort) is not between 1 and 65535")
        }
        let resolvedHost = host ?? environment[hostKey] ?? "127.0.0.1"
        guard !resolvedHost.isEmpty else {
            throw ConfigurationError(key: host == nil ? hostKey : "--host", reason: "is empty")
        }
        var chromium = ChromiumChoice.search(path: environment["PATH"] ?? "/usr/bin:/bin")
        if let explicit = environment[chromiumKey], !explicit.isEmpty {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw ConfigurationError(key: chromiumKey, reason: "\"\(explicit)\" is not an executable file")
            }
            chromium = .named(explicit)
        }
        return PodiumConfig(
            host: resolvedHost, port: resolvedPort, database: database, chromium: chromium,
            auth: try AuthSettings.resolve(host: resolvedHost, environment: environment))
    }
}
