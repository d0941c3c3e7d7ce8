import FluentKit
import PodiumData
import SQLKit

/// Every row of every Podium table as text, in primary-key order: two snapshots are equal exactly when the
/// databases hold the same data. Used to prove imports are idempotent and failed imports change nothing.
public enum DatabaseSnapshot {
    /// Tables created by the migrations, in a fixed order.
    public static let tables = [
        "imports", "icbs", "sub_icb_locations", "lsoa11_icb22", "lsoa21_icb24", "lsoa11_lsoa21", "imd2019_lsoa11",
        "iod2025_lsoa21",
        "iod2025_icb", "population_census2021", "population_mid2020", "lsoa11_centroids", "postcodes", "pharmacies",
        "dental_practices", "dental_activity", "contract_variations", "pharmacy_first_consultations", "pharmacy_events",
        "pharmacy_contract_types", "pharmacy_hours", "pharmacy_closures", "pharmacy_first_activity",
        "market_entry_applications",
        "pna_documents", "gos_contracts", "gos_activity", "eye_services", "budget_lines", "finance_actuals",
        "reinvestment_options", "record_changes", "risks", "assurance_criteria", "decisions", "engagements",
        "handover_items", "delegations", "delegated_functions", "transformation_programmes", "users", "user_icbs",
        "sessions", "api_tokens", "sign_in_failures", "openid_sign_ins", "provider_intelligence",
        "warning_digest_items",
        "dental_contract_icb", "dental_carry_forward", "lsoa21_centroids", "population_mid2024",
    ]

    public static func take(_ database: any Database) async throws -> [String: [String]] {
        var result: [String: [String]] = [:]
        for table in tables { result[table] = try await DatabaseFingerprint.rows(of: table, in: database) }
        return result
    }

    /// Row count of a table.
    public static func count(_ table: String, in database: any Database) async throws -> Int {
        let row = try await database.sql().raw("SELECT CAST(COUNT(*) AS BIGINT) AS n FROM \(ident: table)").first()
        return Int(try row?.decode(column: "n", as: Int64.self) ?? 0)
    }

    /// Names of the tables that exist (SQLite or PostgreSQL), excluding Fluent's own.
    public static func existingTables(_ database: any Database) async throws -> Set<String> {
        Set(try await DatabaseFingerprint.tables(in: database))
    }
}
