import Crypto
import FluentKit
import Foundation
import PodiumCore
import PodiumData
import Vapor

/// Creating accounts, checking passwords, and the random secrets behind sessions and API tokens.
/// Passwords are hashed with bcrypt (Vapor's maintained implementation) at cost 12; what a password must be is
/// Core's ``PasswordPolicy``.
public enum Accounts {
    static let cost = 12

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case weakPassword([String])

        public var description: String {
            switch self {
            case .weakPassword(let problems): problems.joined(separator: " ")
            }
        }
    }

    @discardableResult
    public static func create(
        email: String, name: String, password: String, grant: Grant, on database: any Database, at time: String
    ) async throws -> User {
        let problems = PasswordPolicy.problems(password, email: User.normalisedEmail(email) ?? email)
        guard problems.isEmpty else { throw Failure.weakPassword(problems) }
        return try await UserStore(database: database).create(
            email: email, name: name, passwordHash: try hash(password), grant: grant, at: time)
    }

    /// Sets a new password (already checked against ``PasswordPolicy`` by the caller or here).
    public static func setPassword(_ password: String, for user: User, on database: any Database) async throws {
        let problems = PasswordPolicy.problems(password, email: user.email)
        guard problems.isEmpty else { throw Failure.weakPassword(problems) }
        _ = try await UserStore(database: database).setPasswordHash(try hash(password), for: user.id)
    }

    static func hash(_ password: String) throws -> String { try Bcrypt.hash(password, cost: cost) }

    /// The user, if the email is known and the password matches. An unknown email still costs one bcrypt check, so
    /// the answer's timing does not reveal which emails exist.
    public static func verify(email: String, password: String, on database: any Database) async throws -> User? {
        guard let found = try await UserStore(database: database).user(email: email) else {
            _ = try? Bcrypt.verify(password, created: dummyHash)
            return nil
        }
        return try Bcrypt.verify(password, created: found.passwordHash) ? found.user : nil
    }

    /// A random password for a new account: 20 characters from an alphabet without look-alikes (about 115 bits).
    public static func generatePassword() -> String {
        let alphabet = Array("abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789")
        var generator = SystemRandomNumberGenerator()
        return String((0..<20).map { _ in alphabet[Int(generator.next(upperBound: UInt64(alphabet.count)))] })
    }

    private static let dummyHash: String = (try? Bcrypt.hash("podium-timing-equaliser", cost: cost)) ?? ""
}

/// Random secrets for session cookies, CSRF tokens and API tokens, and the hash under which they are stored.
enum Secret {
    /// 32 random bytes (256 bits) as base64url without padding: safe in a cookie, a header and a form field.
    static func make() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        return Data(bytes).base64URL
    }

    /// SHA-256 in hex: what the database keeps of a session or API token. The token has 256 bits of entropy, so an
    /// unsalted fast hash is enough; it is not a password.
    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Compares two secrets in time that depends only on their length, so a mismatch's position is not revealed.
    static func matches(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8)
        let y = Array(b.utf8)
        guard x.count == y.count, !x.isEmpty else { return false }
        return zip(x, y).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// The demo's own account: an administrator on an installation that has no other users, so that
/// `podium demo` opens straight onto a workbench one can sign in to. Its password is printed on every run.
public enum DemoAccount {
    public static let email = "demo@podium.example"

    /// Adds the demo administrator to an installation without users, or gives the existing demo account the new
    /// password; `nil` when the installation has real users and no demo account (nothing is added then).
    /// - Parameter password: `PODIUM_DEMO_PASSWORD`, or `nil` to make one.
    public static func prepare(on database: any Database, password given: String?, clock: WallClock) async throws -> (
        email: String, password: String
    )? {
        let store = UserStore(database: database)
        let password = given ?? Accounts.generatePassword()
        if let existing = try await store.user(email: email) {
            try await Accounts.setPassword(password, for: existing.user, on: database)
            return (email, password)
        }
        guard try await store.count() == 0 else { return nil }
        try await Accounts.create(
            email: email, name: "Demo administrator", password: password, grant: Grant(role: .administrator),
            on: database, at: clock.iso)
        return (email, password)
    }

}

/// API tokens: "podium_" and 256 random bits, stored only as a hash, shown to their owner once.
public enum APITokens {
    /// How long a token made on the account page may last: the choices offered, in days (`nil`: until revoked).
    static let lifetimes: [(days: Int?, words: String)] = [
        (30, "30 days"), (90, "90 days"), (365, "1 year"), (nil, "Until revoked"),
    ]

    /// A new token for `user`, expiring after `days` if given.
    /// - Throws: ``UserStore/Failure/invalidName`` when the label is empty or longer than 200 characters.
    static func make(for user: User, label: String, days: Int? = nil, on database: any Database, clock: WallClock)
        async throws -> String
    {
        let token = "podium_" + Secret.make()
        try await UserStore(database: database).createToken(
            id: UUID().uuidString.lowercased(), tokenHash: Secret.hash(token), userID: user.id, label: label,
            createdAt: clock.iso,
            expiresAt: days.map { WallClock.iso(clock.now.addingTimeInterval(TimeInterval($0) * 86_400)) })
        return token
    }

    /// A new token for the user with this email (`podium user token`, for scripts and load tests); `nil` if unknown.
    public static func make(
        forEmail email: String, label: String, days: Int? = nil, on database: any Database, clock: WallClock
    ) async throws -> String? {
        guard let user = try await UserStore(database: database).user(email: email)?.user else { return nil }
        return try await make(for: user, label: label, days: days, on: database, clock: clock)
    }
}

/// Browser sessions: a random token in the cookie, its hash and a CSRF token in the database (so every instance
/// sees every session), ending after ``AuthSettings/sessionHours``.
public enum BrowserSessions {
    /// Starts a session for `user`; returns the cookie's token and the session's CSRF token.
    public static func start(for user: User, hours: Int, on database: any Database, clock: WallClock) async throws -> (
        token: String, csrfToken: String
    ) {
        let store = UserStore(database: database)
        let token = Secret.make()
        let csrfToken = Secret.make()
        let now = clock.now
        try await store.deleteSessions(expiredBefore: WallClock.iso(now))
        try await store.createSession(
            tokenHash: Secret.hash(token), userID: user.id, csrfToken: csrfToken, createdAt: WallClock.iso(now),
            expiresAt: WallClock.iso(now.addingTimeInterval(TimeInterval(hours * 3600))))
        return (token, csrfToken)
    }

    /// The cookie's name under these settings, for clients that set it by hand (tests, load tests).
    public static func cookieName(_ settings: AuthSettings) -> String {
        SessionCookie.name(secure: settings.secureCookies)
    }
}
