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
    /// Brings the table up to date for the contracts with an ICB row in `months` (every contract when `nil`): each
    /// contract's earliest ICB row names its ICB. Run in the importing transaction, after the rows are written.
    /// (The `WHERE` before `ON CONFLICT` is needed: SQLite would otherwise read `ON` as part of the join.)
    public static func refresh(months: [Int64]?, on database: any Database) async throws {
        var scope: SQLQueryString = ""
        if let months {
            guard !months.isEmpty else { return }
            let list = SQLList(months.map { SQLBind($0) })
            scope =
                "AND contract_number IN (SELECT contract_number FROM dental_activity WHERE year_month IN (\(list)) AND commissioner_kind = 'icb')"
        }
        try await database.sql().raw(
            """
            INSERT INTO dental_contract_icb (contract_number, icb_code, first_month)
            SELECT a.contract_number, a.commissioner_code, a.year_month FROM dental_activity a
            JOIN (SELECT contract_number, MIN(year_month) AS first_month FROM dental_activity
                  WHERE commissioner_kind = 'icb' \(scope) GROUP BY contract_number) f
              ON f.contract_number = a.contract_number AND f.first_month = a.year_month
            WHERE a.commissioner_kind = 'icb'
            ON CONFLICT (contract_number) DO UPDATE SET icb_code = excluded.icb_code, first_month = excluded.first_month
            """
        ).run()
    }
}
