import FluentKit

/// Pharmacy First clinical-pathway consultations by area (England or a region), month and condition.
struct CreatePharmacyFirstConsultations: AsyncMigration {
    var name: String { "0003-create-pharmacy-first-consultations" }

    func prepare(on database: any Database) async throws {
        try await database.schema("pharmacy_first_consultations")
            .field("area", .string, .required)
            .field("year_month", .int64, .required)
            .field("condition", .string, .required)
            .field("consultations", .int64, .required)
            .compositeIdentifier(over: "area", "year_month", "condition")
            .create()
    }

    func revert(on database: any Database) async throws {
        try await database.schema("pharmacy_first_consultations").delete()
    }
}
