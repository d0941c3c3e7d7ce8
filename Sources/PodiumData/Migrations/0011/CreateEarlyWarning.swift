import FluentKit
import SQLKit

/// Provider resilience early warning: the ICB's intelligence about providers, and what each user's digest
/// last showed them (so the next shows only what is new or worse).
struct CreateEarlyWarning: AsyncMigration {
    var name: String { "0011-create-early-warning" }

    static let intelligence = LocalRecordTable(
        "provider_intelligence", text: ["reference", "provider", "category", "date", "note"], integer: [],
        key: ["icb_code", "reference"])

    func prepare(on database: any Database) async throws {
        try await Self.intelligence.create(on: database)
        try await database.schema("warning_digest_items")
            .field("user_id", .string, .required, .references("users", "id", onDelete: .cascade))
            .field("provider", .string, .required)
            .field("icb_code", .string, .required)
            .field("score_tenths", .int64, .required)
            .field("as_of", .string, .required)
            .field("seen_at", .string, .required)
            .constraint(.constraint(.compositeIdentifier([.key("user_id"), .key("provider")]), name: ""))
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("warning_digest_items").delete()
        try await database.schema(Self.intelligence.name).delete()
    }
}
