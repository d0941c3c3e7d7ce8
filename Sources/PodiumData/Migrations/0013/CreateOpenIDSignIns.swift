import FluentKit
import SQLKit

/// Sign-ins through an OpenID Connect provider that have left for the provider and not yet come back: what the
/// callback must match (`state`, the browser that started it), the `nonce` the ID token must carry and the PKCE
/// verifier. Kept in the database, not in one server's memory, so any instance can take the callback; each row is
/// used once.
struct CreateOpenIDSignIns: AsyncMigration {
    var name: String { "0013-create-openid-sign-ins" }

    func prepare(on database: any Database) async throws {
        try await database.schema("openid_sign_ins")
            .field("state_hash", .string, .identifier(auto: false))
            .field("browser_hash", .string, .required)
            .field("nonce", .string, .required)
            .field("code_verifier", .string, .required)
            .field("next", .string, .required)
            .field("expires_at", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("openid_sign_ins").delete()
    }
}
