import FluentKit

/// The import log: every file imported, with its fingerprint, so a re-import of the same file is recognised
/// and the "About the data" page can say what is loaded and when.
struct CreateImports: AsyncMigration {
    var name: String { "0001-create-imports" }

    func prepare(on database: any Database) async throws {
        try await database.schema("imports")
            .field("id", .string, .identifier(auto: false))
            .field("dataset", .string, .required)
            .field("file_name", .string, .required)
            .field("sha256", .string, .required)
            .field("row_count", .int64, .required)
            .field("imported_at", .string, .required)
            .field("duration_ms", .int64, .required)
            .unique(on: "dataset", "sha256")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("imports").delete()
    }
}
