import FluentKit
import SQLKit

/// Contract variations recorded by commissioners: hand-backs, minimum UDA value uplifts, terminations.
/// Never deleted: a mistaken variation is withdrawn, with who, when and why.
struct CreateContractVariations: AsyncMigration {
    var name: String { "0002-create-contract-variations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("contract_variations")
            .field("id", .string, .identifier(auto: false))
            .field("contract_number", .string, .required)
            .field("kind", .string, .required)
            .field("effective_date", .string, .required)
            .field("udas_ten_thousandths", .int64)
            .field("value_pence", .int64)
            .field("minimum_uda_value_pence", .int64)
            .field("uplift_method", .string)
            .field("reason", .string, .required)
            .field("recorded_by", .string, .required)
            .field("recorded_at", .string, .required)
            .field("withdrawn_by", .string)
            .field("withdrawn_at", .string)
            .field("withdrawn_reason", .string)
            .create()
        try await database.sql().create(index: "contract_variations_contract").on("contract_variations").column(
            "contract_number"
        ).run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("contract_variations").delete()
    }
}
