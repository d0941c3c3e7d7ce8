import FluentKit

/// Deprivation, population and centroids of small areas, one table per published file.
///
/// Published decimals (IMD scores, average ranks) are stored as scaled integers so both databases return
/// exactly what the file said; coordinates are measurements and stay floating point.
struct CreateAreaStatistics: AsyncMigration {
    var name: String { "0001-create-area-statistics" }

    func prepare(on database: any Database) async throws {
        try await database.schema("imd2019_lsoa11")
            .field("lsoa11_code", .string, .identifier(auto: false))
            .field("imd_rank", .int64, .required)
            .field("imd_decile", .int64, .required)
            .create()
        try await database.schema("iod2025_lsoa21")
            .field("lsoa21_code", .string, .identifier(auto: false))
            .field("imd_score_thousandths", .int64, .required)
            .field("imd_rank", .int64, .required)
            .field("imd_decile", .int64, .required)
            .field("income_decile", .int64, .required)
            .field("employment_decile", .int64, .required)
            .field("education_decile", .int64, .required)
            .field("health_decile", .int64, .required)
            .field("crime_decile", .int64, .required)
            .field("housing_and_services_decile", .int64, .required)
            .field("environment_decile", .int64, .required)
            .create()
        try await database.schema("iod2025_icb")
            .field("icb24_ons", .string, .identifier(auto: false))
            .field("name", .string, .required)
            .field("imd_average_rank_hundredths", .int64, .required)
            .field("imd_rank_of_average_rank", .int64, .required)
            .field("imd_average_score_thousandths", .int64, .required)
            .field("imd_most_deprived_decile_share_ten_thousandths", .int64, .required)
            .create()
        try await database.schema("population_census2021")
            .field("lsoa21_code", .string, .identifier(auto: false))
            .field("lsoa21_name", .string, .required)
            .field("total", .int64, .required)
            .field("aged_0_15", .int64, .required)
            .field("aged_16_24", .int64, .required)
            .field("aged_25_34", .int64, .required)
            .field("aged_35_49", .int64, .required)
            .field("aged_50_64", .int64, .required)
            .field("aged_65_plus", .int64, .required)
            .create()
        try await database.schema("population_mid2020")
            .field("lsoa11_code", .string, .identifier(auto: false))
            .field("lsoa11_name", .string, .required)
            .field("total", .int64, .required)
            .field("aged_0_17", .int64, .required)
            .field("aged_18_plus", .int64, .required)
            .create()
        try await database.schema("lsoa11_centroids")
            .field("lsoa11_code", .string, .identifier(auto: false))
            .field("lsoa11_name", .string, .required)
            .field("easting", .double, .required)
            .field("northing", .double, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .create()
        try await database.schema("postcodes")
            .field("postcode", .string, .identifier(auto: false))
            .field("quality", .int64, .required)
            .field("easting", .double, .required)
            .field("northing", .double, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .field("country_code", .string, .required)
            .field("lad_code", .string, .required)
            .field("ward_code", .string, .required)
            .create()
    }

    func revert(on database: any Database) async throws {
        for table in [
            "postcodes", "lsoa11_centroids", "population_mid2020", "population_census2021", "iod2025_icb",
            "iod2025_lsoa21", "imd2019_lsoa11",
        ] {
            try await database.schema(table).delete()
        }
    }
}
