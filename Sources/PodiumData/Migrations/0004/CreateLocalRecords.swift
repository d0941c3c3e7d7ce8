import FluentKit
import SQLKit

/// Pharmacy and optometry commissioning: the county of each postcode (for Health and Wellbeing Boards),
/// register events read from ODS extracts, and one table per local-record template.
///
/// The columns are written out here, not read from the templates, so this migration stays as it shipped when a
/// template changes later (that change brings its own migration). `LocalRecordTests` checks every template's
/// fields against its table.
struct CreateLocalRecords: AsyncMigration {
    var name: String { "0004-create-local-records" }

    /// Each template's table as it shipped.
    static let tables: [LocalRecordTable] = [
        LocalRecordTable(
            "pharmacy_contract_types", text: ["ods_code", "contract_type", "notes"], integer: [], key: ["ods_code"]),
        LocalRecordTable(
            "pharmacy_hours", text: ["ods_code", "effective_from", "day", "kind"], integer: ["opens", "closes"],
            key: ["ods_code", "effective_from", "day", "kind", "opens"]),
        LocalRecordTable(
            "pharmacy_closures", text: ["ods_code", "date", "kind", "reason"], integer: ["hours_lost"],
            key: ["ods_code", "date", "kind"]),
        LocalRecordTable(
            "pharmacy_first_activity", text: ["ods_code", "registered_pcs_hcfs"],
            integer: ["month", "clinical_pathways", "minor_illness", "urgent_supply"], key: ["ods_code", "month"]),
        LocalRecordTable(
            "market_entry_applications",
            text: [
                "reference", "kind", "applicant", "premises_postcode", "ods_code", "received", "pna_need", "status",
                "decision_date", "appeal_lodged", "appeal_outcome",
            ], integer: [], key: ["reference"]),
        LocalRecordTable(
            "pna_documents", text: ["hwb_code", "kind", "published", "title", "url"], integer: [],
            key: ["hwb_code", "kind", "published"]),
        LocalRecordTable(
            "gos_contracts",
            text: ["contract_number", "kind", "contractor", "premises", "premises_postcode", "start_date", "end_date"],
            integer: [], key: ["contract_number"]),
        LocalRecordTable(
            "gos_activity", text: ["contract_number"],
            integer: ["month", "gos1_sight_tests", "gos3_vouchers", "gos4_repairs", "gos6_domiciliary_tests"],
            key: ["contract_number", "month"]),
        LocalRecordTable(
            "eye_services",
            text: ["service_code", "name", "kind", "specification", "start_date", "end_date", "contracts"],
            integer: ["fee_per_episode"], key: ["service_code"]),
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
        for table in Self.tables { try await table.create(on: database) }
    }

    func revert(on database: any Database) async throws {
        for table in Self.tables.reversed() { try await database.schema(table.name).delete() }
        try await database.schema("pharmacy_events").delete()
        try await database.schema("postcodes").deleteField("county_code").update()
    }
}

/// A local-record table: the template's columns, text or whole numbers, then whose record it is, whether it is
/// labelled example data, where it came from and when it was written.
struct LocalRecordTable: Sendable {
    /// Whose record it is, whether it is example data, where it came from and when it was written.
    static let bookkeeping = ["icb_code", "is_example", "source", "recorded_at"]

    let name: String
    let text: [String]
    let integer: [String]
    let key: [String]

    init(_ name: String, text: [String], integer: [String], key: [String]) {
        self.name = name
        self.text = text
        self.integer = integer
        self.key = key
    }

    func create(on database: any Database) async throws {
        var schema = database.schema(name)
        for (column, type) in text.map({ ($0, DatabaseSchema.DataType.string) }) + integer.map({ ($0, .int64) }) {
            schema =
                key.contains(column)
                ? schema.field(.string(column), type, .required) : schema.field(.string(column), type)
        }
        schema =
            (key.contains("icb_code")
            ? schema.field("icb_code", .string, .required) : schema.field("icb_code", .string))
            .field("is_example", .int64, .required).field("source", .string, .required).field(
                "recorded_at", .string, .required)
        try await schema.constraint(.constraint(.compositeIdentifier(key.map { .key(.string($0)) }), name: "")).create()
        try await database.sql().create(index: "\(name)_icb").on(name).column("icb_code").run()
    }
}
