import FluentKit

/// Governance: the risk log and the assurance criteria, as local-record tables with per-ICB keys
/// (columns written out, as in 0004).
struct CreateGovernanceRecords: AsyncMigration {
    var name: String { "0007-create-governance-records" }

    static let tables: [LocalRecordTable] = [
        LocalRecordTable(
            "risks",
            text: [
                "reference", "title", "category", "owner", "initial_likelihood", "initial_consequence",
                "current_likelihood", "current_consequence",
                "target_likelihood", "target_consequence", "controls", "mitigations", "review_date", "status",
            ],
            integer: [], key: ["icb_code", "reference"]),
        LocalRecordTable(
            "assurance_criteria",
            text: ["reference", "domain", "principle", "criterion", "rating", "evidence", "owner", "due_date"],
            integer: [],
            key: ["icb_code", "reference"]),
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await table.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table.name).delete() }
    }
}
