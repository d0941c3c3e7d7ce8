import FluentKit
import SQLKit

/// Ten years of NHSBSA dental activity: the band 2 count published before April 2023, each row's kind of commissioner
/// (ICB, NHS England area team, Health & Justice, other), and the first ICB to commission each contract — the ICB an
/// area team's contract counts for in 2016–2020. Rows imported before this migration came only from files whose
/// commissioners were all ICBs, so they are ICB rows.
struct TenYearsOfDentalActivity: AsyncMigration {
    var name: String { "0012-ten-years-of-dental-activity" }

    func prepare(on database: any Database) async throws {
        // One column at a time: SQLite adds one per ALTER TABLE.
        try await database.schema("dental_activity").field("band_2", .int64).update()
        try await database.schema("dental_activity")
            .field("commissioner_kind", .string, .required, .sql(.default("icb"))).update()
        try await database.schema("dental_contract_icb")
            .field("contract_number", .string, .identifier(auto: false))
            .field("icb_code", .string, .required)
            .field("first_month", .int64, .required)
            .create()
        try await DentalContractICB.refresh(months: nil, on: database)
    }

    func revert(on database: any Database) async throws {
        try await database.schema("dental_contract_icb").delete()
        let sql = try database.sql()
        for column in ["commissioner_kind", "band_2"] {
            try await sql.raw("ALTER TABLE dental_activity DROP COLUMN \(ident: column)").run()
        }
    }
}

/// The first ICB to commission each dental contract, kept in step with `dental_activity` by every import.
public enum DentalContractICB {
    /// Brings the table up to date after rows of `months` were written (every contract when `nil`). A contract's first
    /// ICB is its earliest ICB row. Incremental, so a month's import costs the same whatever is already stored: a
    /// month's earliest ICB rows replace a later first month; contracts whose first month is among `months` (a
    /// re-import may have changed it) are worked out again from all their rows. Run in the importing transaction.
    /// (The `WHERE` before `ON CONFLICT` is needed: SQLite would otherwise read `ON` as part of the join.)
    public static func refresh(months: [Int64]?, on database: any Database) async throws {
        let sql = try database.sql()
        guard let months else {
            try await sql.raw(
                """
                INSERT INTO dental_contract_icb (contract_number, icb_code, first_month)
                SELECT a.contract_number, a.commissioner_code, a.year_month FROM dental_activity a
                JOIN (SELECT contract_number, MIN(year_month) AS first_month FROM dental_activity
                      WHERE commissioner_kind = 'icb' GROUP BY contract_number) f
                  ON f.contract_number = a.contract_number AND f.first_month = a.year_month
                WHERE a.commissioner_kind = 'icb'
                ON CONFLICT (contract_number) DO UPDATE SET icb_code = excluded.icb_code, first_month = excluded.first_month
                """
            ).run()
            return
        }
        guard !months.isEmpty else { return }
        let list = SQLList(months.map { SQLBind($0) })
        // Contracts first commissioned by an ICB in these months: from all their rows again.
        try await sql.raw(
            """
            INSERT INTO dental_contract_icb (contract_number, icb_code, first_month)
            SELECT a.contract_number, a.commissioner_code, a.year_month FROM dental_activity a
            JOIN (SELECT contract_number, MIN(year_month) AS first_month FROM dental_activity
                  WHERE commissioner_kind = 'icb'
                    AND contract_number IN (SELECT contract_number FROM dental_contract_icb WHERE first_month IN (\(list)))
                  GROUP BY contract_number) f
              ON f.contract_number = a.contract_number AND f.first_month = a.year_month
            WHERE a.commissioner_kind = 'icb'
            ON CONFLICT (contract_number) DO UPDATE SET icb_code = excluded.icb_code, first_month = excluded.first_month
            """
        ).run()
        try await sql.raw(
            """
            DELETE FROM dental_contract_icb WHERE first_month IN (\(list)) AND NOT EXISTS (
              SELECT 1 FROM dental_activity a WHERE a.contract_number = dental_contract_icb.contract_number
                AND a.year_month = dental_contract_icb.first_month AND a.commissioner_kind = 'icb')
            """
        ).run()
        // Each contract's earliest ICB row of these months, where it is earlier than the first month known.
        try await sql.raw(
            """
            INSERT INTO dental_contract_icb (contract_number, icb_code, first_month)
            SELECT a.contract_number, a.commissioner_code, a.year_month FROM dental_activity a
            JOIN (SELECT contract_number, MIN(year_month) AS first_month FROM dental_activity
                  WHERE year_month IN (\(list)) AND commissioner_kind = 'icb' GROUP BY contract_number) f
              ON f.contract_number = a.contract_number AND f.first_month = a.year_month
            WHERE a.commissioner_kind = 'icb'
            ON CONFLICT (contract_number) DO UPDATE SET icb_code = excluded.icb_code, first_month = excluded.first_month
            WHERE excluded.first_month < dental_contract_icb.first_month
            """
        ).run()
    }
}
