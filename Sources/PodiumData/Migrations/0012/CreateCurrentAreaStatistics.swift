import FluentKit

/// The current small-area statistics: ONS 2021 LSOA population-weighted centroids (instead of points approximated from
/// 2011 parents) and ONS mid-2024 population estimates for 2021 LSOAs, one row per LSOA and age group as published.
struct CreateCurrentAreaStatistics: AsyncMigration {
    var name: String { "0012-create-current-area-statistics" }

    func prepare(on database: any Database) async throws {
        try await database.schema("lsoa21_centroids")
            .field("lsoa21_code", .string, .identifier(auto: false))
            .field("easting", .double, .required)
            .field("northing", .double, .required)
            .field("latitude", .double, .required)
            .field("longitude", .double, .required)
            .create()
        try await database.schema("population_mid2024")
            .field("lsoa21_code", .string, .required)
            .field("age_code", .int64, .required)
            .field("lsoa21_name", .string, .required)
            .field("population", .int64, .required)
            .compositeIdentifier(over: "lsoa21_code", "age_code")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("population_mid2024").delete()
        try await database.schema("lsoa21_centroids").delete()
    }
}
