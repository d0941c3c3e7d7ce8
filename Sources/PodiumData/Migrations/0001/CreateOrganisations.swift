import FluentKit
import SQLKit

/// Pharmacies (ODS edispensary) and dental practices (ODS egdpprac): the same 27-field ODS layout, two tables.
struct CreateOrganisations: AsyncMigration {
    var name: String { "0001-create-organisations" }

    func prepare(on database: any Database) async throws {
        for table in ["pharmacies", "dental_practices"] {
            try await database.schema(table)
                .field("ods_code", .string, .identifier(auto: false))
                .field("name", .string, .required)
                .field("national_grouping", .string, .required)
                .field("icb_code", .string)
                .field("address_1", .string)
                .field("address_2", .string)
                .field("address_3", .string)
                .field("address_4", .string)
                .field("address_5", .string)
                .field("postcode", .string, .required)
                .field("open_date", .string)
                .field("close_date", .string)
                .field("status", .string, .required)
                .field("sub_type", .string, .required)
                .field("parent_code", .string)
                .field("joined_parent", .string)
                .field("left_parent", .string)
                .field("telephone", .string)
                .create()
            try await database.sql().create(index: "\(table)_icb").on(table).column("icb_code").run()
        }
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dental_practices").delete()
        try await database.schema("pharmacies").delete()
    }
}
