import FluentKit

/// The ICB's opening balances of dental carry-forward: a contract's shortfall or credit brought into a year.
struct CreateDentalCarryForward: AsyncMigration {
    var name: String { "0012-create-dental-carry-forward" }

    static let table = LocalRecordTable(
        "dental_carry_forward", text: ["contract", "note"], integer: ["financial_year", "shortfall", "credit"],
        key: ["icb_code", "contract", "financial_year"])

    func prepare(on database: any Database) async throws { try await Self.table.create(on: database) }

    func revert(on database: any Database) async throws { try await database.schema(Self.table.name).delete() }
}
