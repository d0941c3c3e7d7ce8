import FluentKit
import SQLKit

/// The audit trail of local records: every addition, change and deletion, with who, when, from where,
/// and each field before and after. Never updated or deleted.
struct CreateRecordChanges: AsyncMigration {
    var name: String { "0006-create-record-changes" }

    func prepare(on database: any Database) async throws {
        try await database.schema("record_changes")
            .field("id", .string, .identifier(auto: false))
            .field("template", .string, .required)
            .field("icb_code", .string)
            .field("record_key", .string, .required)
            .field("action", .string, .required)
            // One line per field: name, tab, before, tab, after (values as written in the CSV).
            .field("fields", .string, .required)
            .field("changed_by", .string, .required)
            .field("source", .string, .required)
            .field("changed_at", .string, .required)
            .create()
        try await database.sql().create(index: "record_changes_template_icb").on("record_changes").column("template")
            .column("icb_code").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("record_changes").delete()
    }
}
