import Foundation
import PodiumData

/// How people sign in and what is open without signing in.
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
    /// Sign-in through the ICB's OpenID Connect provider, if configured.
    public var openID: OpenIDSettings?

    public static let publicOpenDataKey = "PODIUM_PUBLIC_OPEN_DATA"
    public static let secureCookiesKey = "PODIUM_SECURE_COOKIES"
    public static let sessionHoursKey = "PODIUM_SESSION_HOURS"
    public static let trustForwardedForKey = "PODIUM_TRUST_FORWARDED_FOR"

    public init(
        publicOpenData: Bool = false, secureCookies: Bool = false, sessionHours: Int = 12,
        trustForwardedFor: Bool = false, openID: OpenIDSettings? = nil
    ) {
        self.openID = openID
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
                throw ConfigurationError(
                    key: sessionHoursKey, reason: "\"\(text)\" is not a number of hours from 1 to 720")
            }
            hours = value
        }
        let loopback = ["127.0.0.1", "localhost", "::1"].contains(host)
        return AuthSettings(
            publicOpenData: try flag(publicOpenDataKey, default: false),
            secureCookies: try flag(secureCookiesKey, default: !loopback),
            sessionHours: hours, trustForwardedFor: try flag(trustForwardedForKey, default: false),
            openID: try OpenIDSettings.resolve(environment, flag: flag))
    }
}
