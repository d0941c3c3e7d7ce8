import FluentKit
import PodiumCore
import SQLKit

/// What each user's early-warning digest last showed them: a provider's score when they marked it read.
public struct DigestStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// One provider as last seen: its key (`contract:…` or `pharmacy:…`), ICB, score in tenths and the month it was as of.
    public struct Seen: Sendable, Hashable {
        public var provider: String
        public var icb: ICBCode
        public var scoreTenths: Int64
        public var asOf: String

        public init(provider: String, icb: ICBCode, scoreTenths: Int64, asOf: String) {
            self.provider = provider
            self.icb = icb
            self.scoreTenths = scoreTenths
            self.asOf = asOf
        }
    }

    /// What the user last marked read, by provider; empty before their first digest.
    public func seen(by userID: String) async throws -> [String: Seen] {
        let rows = try await database.sql().select().columns("provider", "icb_code", "score_tenths", "as_of").from(
            "warning_digest_items"
        )
        .where("user_id", .equal, SQLBind(userID)).all()
        var result: [String: Seen] = [:]
        for row in rows {
            let r = RowReader(row: row, table: "warning_digest_items")
            let seen = Seen(
                provider: try r.text("provider"), icb: try r.code("icb_code"), scoreTenths: try r.int("score_tenths"),
                asOf: try r.text("as_of"))
            result[seen.provider] = seen
        }
        return result
    }

    /// Replaces what the user has seen with `items`, in one transaction.
    public func markRead(_ items: [Seen], by userID: String, at time: String) async throws {
        try await database.transaction { transaction in
            let sql = try transaction.sql()
            try await sql.delete(from: "warning_digest_items").where("user_id", .equal, SQLBind(userID)).run()
            for item in items {
                try await sql.insert(into: "warning_digest_items")
                    .columns("user_id", "provider", "icb_code", "score_tenths", "as_of", "seen_at")
                    .values(
                        SQLBind(userID), SQLBind(item.provider), SQLBind(item.icb.rawValue), SQLBind(item.scoreTenths),
                        SQLBind(item.asOf), SQLBind(time)
                    )
                    .run()
            }
        }
    }
}
