import FluentKit

/// An API token may be made to expire (issue 26, F2): when, as ISO 8601 UTC; none for tokens made before, which last
/// until revoked or their owner's password changes.
struct APITokenExpiry: AsyncMigration {
    var name: String { "0013-api-token-expiry" }

    func prepare(on database: any Database) async throws {
        try await database.schema("api_tokens").field("expires_at", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("api_tokens").deleteField("expires_at").update()
    }
}
