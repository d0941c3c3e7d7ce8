import FluentKit
import Foundation
import PodiumCore
import SQLKit

/// Users and their grants, sessions, API tokens and failed sign-ins. Passwords arrive already hashed (the
/// web layer hashes with bcrypt); session and API tokens arrive as hashes too, so the database never holds a secret
/// that signs anyone in.
public struct UserStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    public enum Failure: Error, Equatable, CustomStringConvertible {
        case invalidEmail(String)
        case duplicateEmail(String)
        case invalidGrant([String])
        case invalidName

        public var description: String {
            switch self {
            case .invalidEmail(let text): "\"\(text)\" is not an email address."
            case .duplicateEmail(let email): "A user with the email \(email) already exists."
            case .invalidGrant(let problems): "The role cannot be granted: " + problems.joined(separator: "; ") + "."
            case .invalidName: "Give the person's name (1 to 200 characters); it is shown in the audit trail."
            }
        }
    }

    /// A name as kept: trimmed, 1 to 200 characters.
    static func checkedName(_ text: String) throws -> String {
        let name = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !name.isEmpty, name.count <= 200 else { throw Failure.invalidName }
        return name
    }

    /// Adds a user and their ICBs in one transaction.
    @discardableResult
    public func create(email text: String, name: String, passwordHash: String, grant: Grant, at time: String)
        async throws -> User
    {
        guard let email = User.normalisedEmail(text) else { throw Failure.invalidEmail(text) }
        guard grant.problems.isEmpty else { throw Failure.invalidGrant(grant.problems) }
        let name = try Self.checkedName(name)
        guard try await user(email: email) == nil else { throw Failure.duplicateEmail(email) }
        let user = User(id: UUID().uuidString.lowercased(), email: email, name: name, grant: grant)
        try await database.transaction { transaction in
            let sql = try transaction.sql()
            try await sql.insert(into: "users")
                .columns("id", "email", "name", "password_hash", "role", "region", "created_at")
                .values(
                    SQLBind(user.id), SQLBind(email), SQLBind(name), SQLBind(passwordHash),
                    SQLBind(grant.role.rawValue),
                    SQLBind(grant.region?.rawValue), SQLBind(time)
                )
                .run()
            try await Self.insertICBs(grant.icbs, of: user.id, on: sql)
        }
        return user
    }

    /// Changes a user's name and what they hold; `false` when there is no such user.
    public func update(id: String, name: String, grant: Grant) async throws -> Bool {
        guard grant.problems.isEmpty else { throw Failure.invalidGrant(grant.problems) }
        let name = try Self.checkedName(name)
        guard try await user(id: id) != nil else { return false }
        try await database.transaction { transaction in
            let sql = try transaction.sql()
            try await sql.update("users")
                .set("name", to: SQLBind(name)).set("role", to: SQLBind(grant.role.rawValue)).set(
                    "region", to: SQLBind(grant.region?.rawValue)
                )
                .where("id", .equal, SQLBind(id)).run()
            try await sql.delete(from: "user_icbs").where("user_id", .equal, SQLBind(id)).run()
            try await Self.insertICBs(grant.icbs, of: id, on: sql)
        }
        return true
    }

    /// Removes a user with their sessions and tokens (the audit trail keeps their name as written).
    public func delete(id: String) async throws -> Bool {
        guard try await user(id: id) != nil else { return false }
        try await database.transaction { transaction in
            let sql = try transaction.sql()
            // Children first: SQLite enforces the foreign keys only when asked to, so the cascade is not relied on.
            for table in ["sessions", "api_tokens", "user_icbs", "warning_digest_items"] {
                try await sql.delete(from: table).where("user_id", .equal, SQLBind(id)).run()
            }
            try await sql.delete(from: "users").where("id", .equal, SQLBind(id)).run()
        }
        return true
    }

    private static func insertICBs(_ icbs: Set<ICBCode>, of id: String, on sql: any SQLDatabase) async throws {
        for icb in icbs.sorted() {
            try await sql.insert(into: "user_icbs").columns("user_id", "icb_code").values(
                SQLBind(id), SQLBind(icb.rawValue)
            ).run()
        }
    }

    /// The user with this email, and their password hash.
    public func user(email text: String) async throws -> (user: User, passwordHash: String)? {
        guard let email = User.normalisedEmail(text) else { return nil }
        return try await users(where: "email", is: email).first
    }

    public func user(id: String) async throws -> User? { try await users(where: "id", is: id).first?.user }

    /// Every user, by email.
    public func all() async throws -> [User] { try await users(where: nil, is: "").map(\.user) }

    /// How many users there are (the demo adds its account only to an empty installation).
    public func count() async throws -> Int {
        let row = try await database.sql().select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(
            "users"
        ).first()
        return Int(try row?.decode(column: "n", as: Int64.self) ?? 0)
    }

    private func users(where column: String?, is value: String) async throws -> [(user: User, passwordHash: String)] {
        let sql = try database.sql()
        var query = sql.select().columns("id", "email", "name", "password_hash", "role", "region").from("users")
        if let column { query = query.where(SQLIdentifier(column), .equal, SQLBind(value)) }
        let rows = try await query.orderBy("email").all()
        var icbs: [String: Set<ICBCode>] = [:]
        let ids = try rows.map { try RowReader(row: $0, table: "users").text("id") }
        if !ids.isEmpty {
            var icbQuery = sql.select().columns("user_id", "icb_code").from("user_icbs")
            if column != nil { icbQuery = icbQuery.where("user_id", .in, SQLBind.group(ids)) }
            for row in try await icbQuery.all() {
                let reader = RowReader(row: row, table: "user_icbs")
                icbs[try reader.text("user_id"), default: []].insert(try reader.code("icb_code", as: ICBCode.self))
            }
        }
        return try rows.map { row in
            try Self.user(row, icbs: icbs[try RowReader(row: row, table: "users").text("id")] ?? [])
        }
    }

    /// A user from a row of `users`, with the ICBs they hold.
    private static func user(_ row: any SQLRow, icbs: Set<ICBCode>) throws -> (user: User, passwordHash: String) {
        let r = RowReader(row: row, table: "users")
        guard let role = Role(rawValue: try r.text("role")) else {
            throw StoreError.corruptValue(table: "users", column: "role", value: try r.text("role"))
        }
        let grant = Grant(role: role, icbs: icbs, region: try r.optionalText("region").flatMap(NHSEnglandRegion.init))
        return (
            User(id: try r.text("id"), email: try r.text("email"), name: try r.text("name"), grant: grant),
            try r.text("password_hash")
        )
    }

    /// Replaces a user's password hash and revokes every API token they hold (a changed or reset password means the
    /// old credentials may be known to someone else); `false` when there is no such user.
    public func setPasswordHash(_ hash: String, for id: String) async throws -> Bool {
        guard try await user(id: id) != nil else { return false }
        try await database.transaction { transaction in
            let sql = try transaction.sql()
            try await sql.update("users").set("password_hash", to: SQLBind(hash)).where("id", .equal, SQLBind(id))
                .run()
            try await sql.delete(from: "api_tokens").where("user_id", .equal, SQLBind(id)).run()
        }
        return true
    }

    // MARK: Sessions

    public func createSession(
        tokenHash: String, userID: String, csrfToken: String, createdAt: String, expiresAt: String
    ) async throws {
        try await database.sql().insert(into: "sessions")
            .columns("token_hash", "user_id", "csrf_token", "created_at", "expires_at")
            .values(SQLBind(tokenHash), SQLBind(userID), SQLBind(csrfToken), SQLBind(createdAt), SQLBind(expiresAt))
            .run()
    }

    /// The session's user and CSRF token, if it exists and has not expired at `now` (ISO 8601 UTC times compare as text).
    public func session(tokenHash: String, now: String) async throws -> (user: User, csrfToken: String)? {
        // Every request asks, so the session, its user and their ICBs come in one query (a row per ICB held).
        let rows = try await database.sql().raw(
            """
            SELECT s.csrf_token, u.id, u.email, u.name, u.password_hash, u.role, u.region, i.icb_code
            FROM sessions s JOIN users u ON u.id = s.user_id LEFT JOIN user_icbs i ON i.user_id = u.id
            WHERE s.token_hash = \(bind: tokenHash) AND s.expires_at > \(bind: now)
            """
        ).all()
        guard let first = rows.first else { return nil }
        let icbs = try rows.compactMap {
            try RowReader(row: $0, table: "user_icbs").optionalCode("icb_code", as: ICBCode.self)
        }
        return (
            try Self.user(first, icbs: Set(icbs)).user, try RowReader(row: first, table: "sessions").text("csrf_token")
        )
    }

    public func deleteSession(tokenHash: String) async throws {
        try await database.sql().delete(from: "sessions").where("token_hash", .equal, SQLBind(tokenHash)).run()
    }

    /// Removes expired sessions and, with `userID`, every session of that user but `keeping` (after a password change).
    public func deleteSessions(userID: String? = nil, keeping: String? = nil, expiredBefore now: String) async throws {
        let sql = try database.sql()
        try await sql.delete(from: "sessions").where("expires_at", .lessThanOrEqual, SQLBind(now)).run()
        if let userID {
            var query = sql.delete(from: "sessions").where("user_id", .equal, SQLBind(userID))
            if let keeping { query = query.where("token_hash", .notEqual, SQLBind(keeping)) }
            try await query.run()
        }
    }

    // MARK: API tokens

    /// A token as its owner sees it: never the secret, which is shown once when it is made.
    public struct TokenSummary: Sendable, Hashable {
        public var id: String
        public var label: String
        public var createdAt: String
        public var lastUsedAt: String?
        /// When it stops working; `nil`: when revoked, or its owner's password changes.
        public var expiresAt: String? = nil
    }

    public func createToken(
        id: String, tokenHash: String, userID: String, label: String, createdAt: String, expiresAt: String? = nil
    ) async throws {
        let label = label.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !label.isEmpty, label.count <= 200 else { throw Failure.invalidName }
        try await database.sql().insert(into: "api_tokens")
            .columns("id", "token_hash", "user_id", "label", "created_at", "last_used_at", "expires_at")
            .values(
                SQLBind(id), SQLBind(tokenHash), SQLBind(userID), SQLBind(label), SQLBind(createdAt),
                SQLBind(nil as String?), SQLBind(expiresAt)
            )
            .run()
    }

    /// The token's user, unless it has expired at `now`; records when it was last used (to the minute, so a busy
    /// client writes once a minute).
    public func tokenUser(tokenHash: String, now: String) async throws -> User? {
        let sql = try database.sql()
        let query = sql.select().columns("id", "user_id", "last_used_at").from("api_tokens")
            .where("token_hash", .equal, SQLBind(tokenHash))
            .where { $0.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, SQLBind(now)) }
        guard let row = try await query.first() else { return nil }
        let r = RowReader(row: row, table: "api_tokens")
        let minute = String(now.prefix(16))
        if try r.optionalText("last_used_at").map({ String($0.prefix(16)) }) != minute {
            try await sql.update("api_tokens").set("last_used_at", to: SQLBind(now)).where(
                "id", .equal, SQLBind(try r.text("id"))
            ).run()
        }
        return try await user(id: try r.text("user_id"))
    }

    public func tokens(of userID: String) async throws -> [TokenSummary] {
        try await database.sql().select().columns("id", "label", "created_at", "last_used_at", "expires_at")
            .from("api_tokens")
            .where("user_id", .equal, SQLBind(userID)).orderBy("created_at").orderBy("id").all()
            .map { row in
                let r = RowReader(row: row, table: "api_tokens")
                return TokenSummary(
                    id: try r.text("id"), label: try r.text("label"), createdAt: try r.text("created_at"),
                    lastUsedAt: try r.optionalText("last_used_at"), expiresAt: try r.optionalText("expires_at"))
            }
    }

    /// Revokes one of a user's tokens; `false` when they hold no such token.
    public func deleteToken(id: String, of userID: String) async throws -> Bool {
        let sql = try database.sql()
        let found = try await sql.select().column("id").from("api_tokens")
            .where("id", .equal, SQLBind(id)).where("user_id", .equal, SQLBind(userID)).first()
        guard found != nil else { return false }
        try await sql.delete(from: "api_tokens").where("id", .equal, SQLBind(id)).run()
        return true
    }

    // MARK: Failed sign-ins

    /// Notes a failed sign-in for an account (the normalised email, or the text typed) from an address.
    public func recordFailedSignIn(account: String, address: String, at seconds: Int64) async throws {
        try await database.sql().insert(into: "sign_in_failures")
            .columns("id", "account", "address", "failed_at")
            .values(SQLBind(UUID().uuidString.lowercased()), SQLBind(account), SQLBind(address), SQLBind(seconds))
            .run()
    }

    /// Failure times since `since` for the account and for the address, for ``SignInThrottle``.
    public func failedSignIns(account: String, address: String, since: Int64) async throws -> (
        account: [Int64], address: [Int64]
    ) {
        let sql = try database.sql()
        // Old failures are of no further use: removing them here keeps the table small without a scheduled job.
        try await sql.delete(from: "sign_in_failures").where("failed_at", .lessThanOrEqual, SQLBind(since)).run()
        func times(_ column: String, _ value: String) async throws -> [Int64] {
            try await sql.select().column("failed_at").from("sign_in_failures")
                .where(SQLIdentifier(column), .equal, SQLBind(value)).where("failed_at", .greaterThan, SQLBind(since))
                .all()
                .map { try RowReader(row: $0, table: "sign_in_failures").int("failed_at") }
        }
        return (try await times("account", account), try await times("address", address))
    }

    /// Forgets an account's failures after it signs in.
    public func clearFailedSignIns(account: String) async throws {
        try await database.sql().delete(from: "sign_in_failures").where("account", .equal, SQLBind(account)).run()
    }
}
