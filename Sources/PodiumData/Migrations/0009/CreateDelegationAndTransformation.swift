import FluentKit

/// Governance, continued: the delegation register, delegated and reserved functions, transformation programmes,
/// and the live evidence a risk cites.
struct CreateDelegationAndTransformation: AsyncMigration {
    var name: String { "0009-create-delegation-and-transformation" }

    static let tables: [LocalRecordTable] = [
        LocalRecordTable(
            "delegations",
            text: [
                "reference", "service", "service_name", "status", "effective_from", "effective_to", "phase", "host",
                "icbs_served", "confidence", "sourced_from",
            ],
            integer: [], key: ["icb_code", "reference"]),
        LocalRecordTable(
            "delegated_functions", text: ["reference", "function", "arrangement", "confidence", "sourced_from"],
            integer: [], key: ["icb_code", "reference"]),
        LocalRecordTable(
            "transformation_programmes",
            text: [
                "reference", "name", "kind", "objective", "measure", "baseline", "population_health", "quality",
                "value", "start", "end", "status",
                "evaluation",
            ],
            integer: ["cost", "savings"], key: ["icb_code", "reference"]),
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await table.create(on: database) }
        try await database.schema("risks").field("evidence", .string).update()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("risks").deleteField("evidence").update()
        for table in Self.tables.reversed() { try await database.schema(table.name).delete() }
    }
}
