import FluentKit
import SQLKit

/// Pharmacy and optometry commissioning (issue 7): the county of each postcode (for Health and Wellbeing Boards),
/// register events read from ODS extracts, and one table per local-record template.
///
/// The columns are written out here, not read from the templates, so this migration stays as it shipped when a
/// template changes later (that change brings its own migration). `LocalRecordTests` checks every template's
/// fields against its table.
struct CreateLocalRecords: AsyncMigration {
    var name: String { "0004-create-local-records" }

    /// Table, text columns, whole-number columns, key.
    static let tables: [(table: String, text: [String], integer: [String], key: [String])] = [
        ("pharmacy_contract_types", ["ods_code", "contract_type", "notes"], [], ["ods_code"]),
        ("pharmacy_hours", ["ods_code", "effective_from", "day", "kind"], ["opens", "closes"], ["ods_code", "effective_from", "day", "kind", "opens"]),
        ("pharmacy_closures", ["ods_code", "date", "kind", "reason"], ["hours_lost"], ["ods_code", "date", "kind"]),
        ("pharmacy_first_activity", ["ods_code", "registered_pcs_hcfs"], ["month", "clinical_pathways", "minor_illness", "urgent_supply"],
         ["ods_code", "month"]),
        ("market_entry_applications",
         ["reference", "kind", "applicant", "premises_postcode", "ods_code", "received", "pna_need", "status", "decision_date",
          "appeal_lodged", "appeal_outcome"], [], ["reference"]),
        ("pna_documents", ["hwb_code", "kind", "published", "title", "url"], [], ["hwb_code", "kind", "published"]),
        ("gos_contracts", ["contract_number", "kind", "contractor", "premises", "premises_postcode", "start_date", "end_date"], [], ["contract_number"]),
        ("gos_activity", ["contract_number"], ["month", "gos1_sight_tests", "gos3_vouchers", "gos4_repairs", "gos6_domiciliary_tests"],
         ["contract_number", "month"]),
        ("eye_services", ["service_code", "name", "kind", "specification", "start_date", "end_date", "contracts"], ["fee_per_episode"], ["service_code"]),
    ]

    func prepare(on database: any Database) async throws {
        try await database.schema("postcodes").field("county_code", .string).update()
        try await database.schema("pharmacy_events")
            .field("ods_code", .string, .required)
            .field("kind", .string, .required)
            .field("event_date", .string, .required)
            .field("detail", .string, .required)
            .field("icb_code", .string)
            .compositeIdentifier(over: "ods_code", "kind", "event_date")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "pharmacy_events_icb").on("pharmacy_events").column("icb_code").run()
        for table in Self.tables {
            var schema = database.schema(table.table)
            for (column, type) in table.text.map({ ($0, DatabaseSchema.DataType.string) }) + table.integer.map({ ($0, .int64) }) {
                schema = table.key.contains(column) ? schema.field(.string(column), type, .required) : schema.field(.string(column), type)
            }
            // Whose record it is, whether it is labelled example data, and where it came from.
            schema = schema.field("icb_code", .string).field("is_example", .int64, .required).field("source", .string, .required)
                .field("recorded_at", .string, .required)
            try await schema.constraint(.constraint(.compositeIdentifier(table.key.map { .key(.string($0)) }), name: "")).create()
            try await sql.create(index: "\(table.table)_icb").on(table.table).column("icb_code").run()
        }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table.table).delete() }
        try await database.schema("pharmacy_events").delete()
        try await database.schema("postcodes").deleteField("county_code").update()
    }
}
