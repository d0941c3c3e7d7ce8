import FluentKit
import SQLKit

/// A sign-in gone to the OpenID provider: what its return must match. Secrets the browser holds (`state`, the
/// browser cookie) are kept only as hashes.
public struct PendingOpenIDSignIn: Sendable, Equatable {
    public var stateHash: String
    public var browserHash: String
    public var nonce: String
    public var codeVerifier: String
    /// Where to go once signed in (already checked to be a local path).
    public var next: String
    /// ISO 8601: after this the return is refused.
    public var expiresAt: String

    public init(
        stateHash: String, browserHash: String, nonce: String, codeVerifier: String, next: String, expiresAt: String
    ) {
        self.stateHash = stateHash
        self.browserHash = browserHash
        self.nonce = nonce
        self.codeVerifier = codeVerifier
        self.next = next
        self.expiresAt = expiresAt
    }
}

public struct OpenIDSignInStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Records a sign-in leaving for the provider, and forgets those that expired before `now` and never came back.
    public func begin(_ pending: PendingOpenIDSignIn, now: String) async throws {
        let sql = try database.sql()
        try await sql.delete(from: "openid_sign_ins").where("expires_at", .lessThan, SQLBind(now)).run()
        try await sql.insert(into: "openid_sign_ins")
            .columns("state_hash", "browser_hash", "nonce", "code_verifier", "next", "expires_at")
            .values(
                SQLBind(pending.stateHash), SQLBind(pending.browserHash), SQLBind(pending.nonce),
                SQLBind(pending.codeVerifier), SQLBind(pending.next), SQLBind(pending.expiresAt)
            ).run()
    }

    /// Takes the sign-in with this state: returns it and deletes it in one statement, so of two returns with the same
    /// state (a replay, or two instances racing) exactly one gets it.
    public func take(stateHash: String) async throws -> PendingOpenIDSignIn? {
        let rows = try await database.sql().delete(from: "openid_sign_ins")
            .where("state_hash", .equal, SQLBind(stateHash))
            .returning("state_hash", "browser_hash", "nonce", "code_verifier", "next", "expires_at").all()
        guard let row = rows.first else { return nil }
        let r = RowReader(row: row, table: "openid_sign_ins")
        return PendingOpenIDSignIn(
            stateHash: try r.text("state_hash"), browserHash: try r.text("browser_hash"), nonce: try r.text("nonce"),
            codeVerifier: try r.text("code_verifier"), next: try r.text("next"), expiresAt: try r.text("expires_at"))
    }
}
