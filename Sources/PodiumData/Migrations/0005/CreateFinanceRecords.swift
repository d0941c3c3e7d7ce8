import FluentKit

/// Finance: budget lines, spend and commitments, reinvestment options, as local-record tables
/// (columns written out, as in 0004). Their keys are per ICB, so the ICB is part of each key.
struct CreateFinanceRecords: AsyncMigration {
    var name: String { "0005-create-finance-records" }

    static let tables: [LocalRecordTable] = [
        LocalRecordTable(
            "budget_lines", text: ["line", "notes"], integer: ["financial_year", "budget"],
            key: ["icb_code", "financial_year", "line"]),
        LocalRecordTable(
            "finance_actuals", text: ["line", "notes"], integer: ["month", "spent", "committed"],
            key: ["icb_code", "month", "line"]),
        LocalRecordTable(
            "reinvestment_options", text: ["reference", "kind", "description", "status", "committee", "decision_date"],
            integer: ["financial_year", "cost", "lead_time_days"], key: ["icb_code", "reference"]),
    ]

    func prepare(on database: any Database) async throws {
        for table in Self.tables { try await table.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table.name).delete() }
    }
}
