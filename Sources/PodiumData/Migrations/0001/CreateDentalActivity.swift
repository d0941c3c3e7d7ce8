import FluentKit
import SQLKit

/// NHSBSA English Contractor Monthly General Dental Activity: one row per contract per schedule month.
///
/// UDAs are stored in hundredths and money in pence (integers); blank source cells stay NULL ("no activity
/// reported"), which is not the same as a reported zero.
struct CreateDentalActivity: AsyncMigration {
    var name: String { "0001-create-dental-activity" }

    func prepare(on database: any Database) async throws {
        try await database.schema("dental_activity")
            .field("contract_number", .string, .required)
            .field("year_month", .int64, .required)
            .field("commissioner_code", .string, .required)
            .field("commissioner_name", .string, .required)
            .field("provider_name", .string, .required)
            .field("postcode", .string, .required)
            .field("lsoa11_code", .string)
            .field("uda_target_hundredths", .int64, .required)
            .field("uda_value_pence", .int64, .required)
            .field("udas_delivered_hundredths", .int64)
            .field("late_fp17s", .int64)
            .field("udas_delivered_fd_hundredths", .int64)
            .field("band_1", .int64)
            .field("band_2a", .int64)
            .field("band_2b", .int64)
            .field("band_2c", .int64)
            .field("band_3", .int64)
            .field("band_urgent", .int64)
            .field("band_other", .int64)
            .field("children_seen_12m", .int64)
            .field("adults_seen_24m", .int64)
            .field("general_dental_value_pence", .int64)
            .compositeIdentifier(over: "contract_number", "year_month")
            .create()
        let sql = try database.sql()
        try await sql.create(index: "dental_activity_commissioner").on("dental_activity").column("commissioner_code")
            .run()
        try await sql.create(index: "dental_activity_month").on("dental_activity").column("year_month").run()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dental_activity").delete()
    }
}
