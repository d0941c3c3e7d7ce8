import Foundation
import PodiumData

/// Signing in through the ICB's OpenID Connect provider (Microsoft Entra ID for nhs.net accounts), beside or instead
/// of passwords. Set by `PODIUM_OIDC_*`; absent, only passwords are offered.
public struct OpenIDSettings: Sendable, Equatable {
    /// The provider's issuer: discovery is read from `{issuer}/.well-known/openid-configuration` and every ID token
    /// must name exactly this issuer.
    public var issuer: String
    public var clientID: String
    public var clientSecret: String
    /// The callback the provider sends the browser back to, as registered with it: Podium's public address followed
    /// by `/sign-in/oidc/callback` (a server behind a proxy cannot know its public address by itself).
    public var redirectURL: String
    /// Passwords are switched off: the sign-in page offers only the provider.
    public var only: Bool
    /// The words on the sign-in button: "Sign in with NHS mail".
    public var label: String

    public static let issuerKey = "PODIUM_OIDC_ISSUER"
    public static let clientIDKey = "PODIUM_OIDC_CLIENT_ID"
    public static let clientSecretKey = "PODIUM_OIDC_CLIENT_SECRET"
    public static let redirectURLKey = "PODIUM_OIDC_REDIRECT_URL"
    public static let onlyKey = "PODIUM_OIDC_ONLY"
    public static let labelKey = "PODIUM_OIDC_LABEL"

    public init(
        issuer: String, clientID: String, clientSecret: String, redirectURL: String, only: Bool = false,
        label: String = "Sign in with your NHS account"
    ) {
        self.issuer = issuer
        self.clientID = clientID
        self.clientSecret = clientSecret
        self.redirectURL = redirectURL
        self.only = only
        self.label = label
    }

    /// `nil` without `PODIUM_OIDC_ISSUER`; otherwise every other key it needs, checked.
    /// - Throws: ``ConfigurationError`` naming the key at fault.
    static func resolve(_ environment: [String: String], flag: (String, Bool) throws -> Bool) throws
        -> OpenIDSettings?
    {
        func value(_ key: String) -> String? {
            environment[key].map { $0.trimmingCharacters(in: .whitespaces) }.flatMap { $0.isEmpty ? nil : $0 }
        }
        guard let issuer = value(issuerKey) else {
            if try flag(onlyKey, false) {
                throw ConfigurationError(
                    key: onlyKey, reason: "needs \(issuerKey): with passwords off, nobody could sign in")
            }
            return nil
        }
        for (key, url) in [(issuerKey, issuer), (redirectURLKey, value(redirectURLKey) ?? "")] {
            guard let parsed = URLComponents(string: url), let host = parsed.host, !host.isEmpty,
                parsed.scheme == "https" || (parsed.scheme == "http" && Self.isLoopback(host))
            else {
                throw ConfigurationError(
                    key: key,
                    reason: url.isEmpty
                        ? "is needed with \(issuerKey)"
                        : "\"\(url)\" is not an https address (plain http is allowed only on loopback, for testing)")
            }
        }
        guard let clientID = value(clientIDKey) else {
            throw ConfigurationError(key: clientIDKey, reason: "is needed with \(issuerKey)")
        }
        guard let clientSecret = value(clientSecretKey) else {
            throw ConfigurationError(key: clientSecretKey, reason: "is needed with \(issuerKey)")
        }
        return OpenIDSettings(
            issuer: issuer.hasSuffix("/") ? String(issuer.dropLast()) : issuer, clientID: clientID,
            clientSecret: clientSecret, redirectURL: value(redirectURLKey) ?? "", only: try flag(onlyKey, false),
            label: value(labelKey) ?? "Sign in with your NHS account")
    }

    static func isLoopback(_ host: String) -> Bool { ["127.0.0.1", "localhost", "::1", "[::1]"].contains(host) }
}
