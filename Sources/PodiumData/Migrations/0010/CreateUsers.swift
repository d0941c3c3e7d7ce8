import FluentKit
import SQLKit

/// Users, the ICBs they hold, sessions, API tokens and failed sign-ins. Sessions and failures live in the
/// database so that several instances behind a load balancer share them; session and API tokens are stored only as
/// SHA-256 hashes, so a copy of the database signs nobody in.
struct CreateUsers: AsyncMigration {
    var name: String { "0010-create-users" }

    func prepare(on database: any Database) async throws {
        try await database.schema("users")
            .field("id", .string, .identifier(auto: false))
            .field("email", .string, .required)
            .field("name", .string, .required)
            .field("password_hash", .string, .required)
            .field("role", .string, .required)
            .field("region", .string)
            .field("created_at", .string, .required)
            .unique(on: "email", name: "users_email")
            .create()
        try await database.schema("user_icbs")
            .field("user_id", .string, .required, .references("users", "id", onDelete: .cascade))
            .field("icb_code", .string, .required)
            .constraint(.constraint(.compositeIdentifier([.key("user_id"), .key("icb_code")]), name: ""))
            .create()
        try await database.schema("sessions")
            .field("token_hash", .string, .identifier(auto: false))
            .field("user_id", .string, .required, .references("users", "id", onDelete: .cascade))
            .field("csrf_token", .string, .required)
            .field("created_at", .string, .required)
            .field("expires_at", .string, .required)
            .create()
        try await database.schema("api_tokens")
            .field("id", .string, .identifier(auto: false))
            .field("token_hash", .string, .required)
            .field("user_id", .string, .required, .references("users", "id", onDelete: .cascade))
            .field("label", .string, .required)
            .field("created_at", .string, .required)
            .field("last_used_at", .string)
            .unique(on: "token_hash", name: "api_tokens_token_hash")
            .create()
        try await database.schema("sign_in_failures")
            .field("id", .string, .identifier(auto: false))
            .field("account", .string, .required)
            .field("address", .string, .required)
            .field("failed_at", .int64, .required)
            .create()
        let sql = try database.sql()
        try await sql.create(index: "sessions_user").on("sessions").column("user_id").run()
        try await sql.create(index: "api_tokens_user").on("api_tokens").column("user_id").run()
        try await sql.create(index: "sign_in_failures_account").on("sign_in_failures").column("account").run()
        try await sql.create(index: "sign_in_failures_address").on("sign_in_failures").column("address").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["sign_in_failures", "api_tokens", "sessions", "user_icbs", "users"] {
            try await database.schema(table).delete()
        }
    }
}
