import FluentKit
import PodiumCore
import SQLKit

/// Contract variations recorded by commissioners.
public struct VariationStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let columns = [
        "id", "contract_number", "kind", "effective_date", "udas_ten_thousandths", "value_pence",
        "minimum_uda_value_pence",
        "uplift_method", "reason", "recorded_by", "recorded_at", "withdrawn_by", "withdrawn_at", "withdrawn_reason",
    ]

    /// Stores a recorded variation.
    public func record(_ variation: ContractVariation) async throws {
        let record = variation.record
        var udas: Int64?
        var value: Int64?
        var minimum: Int64?
        var method: String?
        switch variation.change {
        case .handBack(let units, let money):
            udas = units.tenThousandths
            value = money.pence
        case .minimumUDAValue(let money, let upliftMethod):
            minimum = money.pence
            method = upliftMethod.rawValue
        case .termination:
            break
        }
        let cells: [SQLCell] = [
            .text(record.id), .text(variation.contract.rawValue), .text(variation.change.kind),
            .text(variation.effective.iso),
            .integer(udas), .integer(value), .integer(minimum), .text(method), .text(record.reason),
            .text(record.recordedBy),
            .text(record.recordedAt), .null, .null, .null,
        ]
        try await database.sql().insert(into: "contract_variations").columns(Self.columns).values(
            cells.map(\.expression)
        ).run()
    }

    /// Marks a variation withdrawn. Returns `false` if there is no such variation in force for the contract.
    public func withdraw(id: String, contract: ContractNumber, withdrawal: VariationRecord.Withdrawal) async throws
        -> Bool
    {
        let sql = try database.sql()
        let existing = try await sql.select().column("id").from("contract_variations")
            .where("id", .equal, id).where("contract_number", .equal, contract.rawValue).where(
                "withdrawn_at", .is, SQLLiteral.null
            )
            .first()
        guard existing != nil else { return false }
        try await sql.update("contract_variations")
            .set("withdrawn_by", to: withdrawal.by).set("withdrawn_at", to: withdrawal.at).set(
                "withdrawn_reason", to: withdrawal.reason
            )
            .where("id", .equal, id)
            .run()
        return true
    }

    /// A contract's recorded variations, withdrawn ones included, by effective date then time recorded.
    public func variations(of contract: ContractNumber) async throws -> [ContractVariation] {
        try await select { $0.where("contract_number", .equal, contract.rawValue) }
    }

    /// Every recorded variation, grouped by contract.
    public func all() async throws -> [ContractNumber: [ContractVariation]] {
        Dictionary(grouping: try await select { $0 }, by: \.contract)
    }

    private func select(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [ContractVariation] {
        let query = try database.sql().select().columns(Self.columns).from("contract_variations")
        let rows = try await filter(query).orderBy("effective_date").orderBy("recorded_at").orderBy("id").all()
        return try rows.map(Self.variation)
    }

    static func variation(_ row: any SQLRow) throws -> ContractVariation {
        let r = RowReader(row: row, table: "contract_variations")
        let kind = try r.text("kind")
        let change: VariationChange
        switch kind {
        case "hand-back":
            change = .handBack(
                udas: ActivityUnits(tenThousandths: try r.int("udas_ten_thousandths")),
                value: Money(pence: try r.int("value_pence")))
        case "minimum-uda-value":
            let methodText = try r.text("uplift_method")
            guard let method = UpliftMethod(rawValue: methodText) else {
                throw StoreError.corruptValue(table: "contract_variations", column: "uplift_method", value: methodText)
            }
            change = .minimumUDAValue(Money(pence: try r.int("minimum_uda_value_pence")), method: method)
        case "termination":
            change = .termination
        default:
            throw StoreError.corruptValue(table: "contract_variations", column: "kind", value: kind)
        }
        let effectiveText = try r.text("effective_date")
        guard let effective = CalendarDate(effectiveText) else {
            throw StoreError.corruptValue(table: "contract_variations", column: "effective_date", value: effectiveText)
        }
        var withdrawal: VariationRecord.Withdrawal?
        if let at = try r.optionalText("withdrawn_at") {
            withdrawal = VariationRecord.Withdrawal(
                by: try r.optionalText("withdrawn_by") ?? "", at: at,
                reason: try r.optionalText("withdrawn_reason") ?? "")
        }
        let record = VariationRecord(
            id: try r.text("id"), recordedBy: try r.text("recorded_by"), recordedAt: try r.text("recorded_at"),
            reason: try r.text("reason"),
            withdrawal: withdrawal)
        return ContractVariation(
            contract: try r.code("contract_number"), effective: effective, change: change, record: record)
    }
}
