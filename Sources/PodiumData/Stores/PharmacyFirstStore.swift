import FluentKit
import PodiumCore
import SQLKit

/// Pharmacy First monthly consultations.
public struct PharmacyFirstStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Every count, by area, month and condition.
    public func counts() async throws -> [PharmacyFirstCount] {
        let rows = try await database.sql().select().columns("area", "year_month", "condition", "consultations").from(
            "pharmacy_first_consultations"
        )
        .orderBy("area").orderBy("year_month").orderBy("condition").all()
        return try rows.map { row in
            let r = RowReader(row: row, table: "pharmacy_first_consultations")
            let conditionText = try r.text("condition")
            guard let condition = PharmacyFirstCondition(rawValue: conditionText) else {
                throw StoreError.corruptValue(
                    table: "pharmacy_first_consultations", column: "condition", value: conditionText)
            }
            return PharmacyFirstCount(
                area: try r.text("area"), month: try r.yearMonth("year_month"), condition: condition,
                consultations: Int(try r.int("consultations")))
        }
    }
}
