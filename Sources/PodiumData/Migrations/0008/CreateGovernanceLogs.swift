import FluentKit

/// Governance logs: decisions, engagement and the handover checklist.
struct CreateGovernanceLogs: AsyncMigration {
    var name: String { "0008-create-governance-logs" }

    static let tables: [LocalRecordTable] = [
        LocalRecordTable(
            "decisions",
            text: [
                "reference", "date", "committee", "decision", "options", "rationale", "conflicts", "linked", "status",
            ], integer: [],
            key: ["icb_code", "reference"]),
        LocalRecordTable(
            "engagements", text: ["reference", "date", "partner", "kind", "subject", "actions", "follow_up", "status"],
            integer: [],
            key: ["icb_code", "reference"]),
        LocalRecordTable(
            "handover_items", text: ["reference", "item", "kind", "sender", "status", "evidence", "due_date"],
            integer: [], key: ["icb_code", "reference"]),
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await table.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table.name).delete() }
    }
}
