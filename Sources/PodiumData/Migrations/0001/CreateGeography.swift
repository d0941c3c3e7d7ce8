import FluentKit
import SQLKit

/// ICBs, Sub-ICB Locations and the ONS LSOA lookups that place small areas in them.
///
/// Open-data tables are keyed by the publisher's own identifiers so that an import can upsert by natural key.
/// Only `sub_icb_locations → icbs` has a foreign key: the other files are independent publications that may be
/// imported in any order, and a gap between them is a fact about the data to report, not a reason to refuse it.
struct CreateGeography: AsyncMigration {
    var name: String { "0001-create-geography" }

    func prepare(on database: any Database) async throws {
        try await database.schema("icbs")
            .field("ods_code", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("ons_code", .string, .required)
            .field("ons_code_2022", .string, .required)
            .unique(on: "ons_code")
            .create()
        try await database.schema("sub_icb_locations")
            .field("ods_code", .string, .identifier(auto: false))
            .field("ons_code", .string, .required)
            .field("name", .string, .required)
            .field("icb_ods_code", .string, .required, .references("icbs", "ods_code"))
            .create()
        try await database.schema("lsoa11_icb22")
            .field("lsoa11_code", .string, .identifier(auto: false))
            .field("lsoa11_name", .string, .required)
            .field("sicbl22_ods", .string, .required)
            .field("sicbl22_ons", .string, .required)
            .field("icb22_ods", .string, .required)
            .field("icb22_ons", .string, .required)
            .field("lad22_code", .string, .required)
            .field("lad22_name", .string, .required)
            .create()
        try await database.schema("lsoa21_icb24")
            .field("lsoa21_code", .string, .identifier(auto: false))
            .field("lsoa21_name", .string, .required)
            .field("sicbl24_ods", .string, .required)
            .field("sicbl24_ons", .string, .required)
            .field("icb24_ods", .string, .required)
            .field("icb24_ons", .string, .required)
            .create()
        try await database.schema("lsoa11_lsoa21")
            .field("lsoa11_code", .string, .required)
            .field("lsoa21_code", .string, .required)
            .field("lsoa11_name", .string, .required)
            .field("lsoa21_name", .string, .required)
            .field("change_code", .string, .required)
            .field("lad22_code", .string, .required)
            .field("lad22_name", .string, .required)
            .compositeIdentifier(over: "lsoa11_code", "lsoa21_code")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "sub_icb_locations_icb").on("sub_icb_locations").column("icb_ods_code").run()
        try await sql.create(index: "lsoa21_icb24_icb").on("lsoa21_icb24").column("icb24_ods").run()
        try await sql.create(index: "lsoa21_icb24_sicbl").on("lsoa21_icb24").column("sicbl24_ods").run()
        try await sql.create(index: "lsoa11_icb22_icb").on("lsoa11_icb22").column("icb22_ods").run()
    }

    func revert(on database: any Database) async throws {
        for table in ["lsoa11_lsoa21", "lsoa21_icb24", "lsoa11_icb22", "sub_icb_locations", "icbs"] {
            try await database.schema(table).delete()
        }
    }
}
