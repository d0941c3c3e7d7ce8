import Foundation
import PodiumData

/// Everything `serve` needs, decided once at start-up by a pure parser (STYLE.md §7).
public struct PodiumConfig: Sendable, Equatable {
    public var host: String
    public var port: Int
    public var database: DatabaseChoice
    /// Headless Chromium for committee papers as PDF; `nil` when none is installed (the HTML still prints).
    public var chromium: String?
    public var auth: AuthSettings

    public static let hostKey = "PODIUM_HOST"
    public static let portKey = "PODIUM_PORT"
    public static let chromiumKey = "PODIUM_CHROMIUM"

    public init(host: String = "127.0.0.1", port: Int = 8080, database: DatabaseChoice, chromium: String? = nil, auth: AuthSettings = AuthSettings()) {
        self.host = host
        self.port = port
        self.database = database
        self.chromium = chromium
        self.auth = auth
    }

    /// Command-line values win over the environment, which wins over the defaults.
    /// - Throws: ``ConfigurationError`` naming the key at fault.
    public static func resolve(host: String?, port: Int?, sqlitePath: String?, environment: [String: String]) throws -> PodiumConfig {
        let database = try DatabaseChoice.resolve(sqlitePath: sqlitePath, environment: environment)
        var resolvedPort = 8080
        if let port {
            resolvedPort = port
        } else if let text = environment[portKey] {
            guard let value = Int(text) else { throw ConfigurationError(key: portKey, reason: "\"\(text)\" is not a port number") }
            resolvedPort = value
        }
        guard (1...65_535).contains(resolvedPort) else {
            throw ConfigurationError(key: port == nil ? portKey : "--port", reason: "\(resolvedPort) is not between 1 and 65535")
        }
        let resolvedHost = host ?? environment[hostKey] ?? "127.0.0.1"
        guard !resolvedHost.isEmpty else { throw ConfigurationError(key: host == nil ? hostKey : "--host", reason: "is empty") }
        if let explicit = environment[chromiumKey], !explicit.isEmpty, !FileManager.default.isExecutableFile(atPath: explicit) {
            throw ConfigurationError(key: chromiumKey, reason: "\"\(explicit)\" is not an executable file")
        }
        return PodiumConfig(
            host: resolvedHost, port: resolvedPort, database: database, chromium: PDFRenderer.locate(environment: environment),
            auth: try AuthSettings.resolve(host: resolvedHost, environment: environment))
    }
}

/// How people sign in and what is open without signing in (issue 10).
public struct AuthSettings: Sendable, Equatable {
    /// Pages and API answers showing only published open data are readable without signing in.
    public var publicOpenData: Bool
    /// Cookies carry `Secure` (and the `__Host-` name prefix), so browsers send them only over HTTPS.
    public var secureCookies: Bool
    /// How long a session lasts from sign-in.
    public var sessionHours: Int
    /// Take the client's address from the last `X-Forwarded-For` entry (behind a load balancer that sets it), for
    /// sign-in rate limiting; otherwise the connection's address.
    public var trustForwardedFor: Bool

    public static let publicOpenDataKey = "PODIUM_PUBLIC_OPEN_DATA"
    public static let secureCookiesKey = "PODIUM_SECURE_COOKIES"
    public static let sessionHoursKey = "PODIUM_SESSION_HOURS"
    public static let trustForwardedForKey = "PODIUM_TRUST_FORWARDED_FOR"

    public init(publicOpenData: Bool = false, secureCookies: Bool = false, sessionHours: Int = 12, trustForwardedFor: Bool = false) {
        self.publicOpenData = publicOpenData
        self.secureCookies = secureCookies
        self.sessionHours = sessionHours
        self.trustForwardedFor = trustForwardedFor
    }

    /// Secure cookies are the default whenever the server listens beyond loopback, where it must sit behind HTTPS;
    /// on loopback (one person's machine, plain http) they would never be sent back by every client, so they are off.
    static func resolve(host: String, environment: [String: String]) throws -> AuthSettings {
        func flag(_ key: String, default value: Bool) throws -> Bool {
            guard let text = environment[key]?.lowercased(), !text.isEmpty else { return value }
            switch text {
            case "1", "true", "yes", "on": return true
            case "0", "false", "no", "off": return false
            default: throw ConfigurationError(key: key, reason: "\"\(text)\" is not true or false")
            }
        }
        var hours = 12
        if let text = environment[sessionHoursKey], !text.isEmpty {
            guard let value = Int(text), (1...24 * 30).contains(value) else {
                throw ConfigurationError(key: sessionHoursKey, reason: "\"\(text)\" is not a number of hours from 1 to 720")
            }
            hours = value
        }
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        return AuthSettings(
            publicOpenData: try flag(publicOpenDataKey, default: false), secureCookies: try flag(secureCookiesKey, default: !loopback),
            sessionHours: hours, trustForwardedFor: try flag(trustForwardedForKey, default: false))
    }
}
