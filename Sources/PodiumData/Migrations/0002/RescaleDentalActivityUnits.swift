import FluentKit
import SQLKit

/// Dental units move from hundredths to ten-thousandths, the precision reconciliation needs (2 % of a target,
/// NPP credits). Columns are renamed so their names keep saying what they hold.
///
/// Revert divides by 100: lossless for anything imported from NHSBSA (at most one decimal), lossy only for
/// figures with more than two decimals, which only this schema can hold.
struct RescaleDentalActivityUnits: AsyncMigration {
    var name: String { "0002-rescale-dental-activity-units" }

    static let columns = [
        ("uda_target_hundredths", "uda_target_ten_thousandths"),
        ("udas_delivered_hundredths", "udas_delivered_ten_thousandths"),
        ("udas_delivered_fd_hundredths", "udas_delivered_fd_ten_thousandths"),
    ]

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for (old, new) in Self.columns {
            try await sql.raw("ALTER TABLE dental_activity RENAME COLUMN \(ident: old) TO \(ident: new)").run()
            try await sql.raw("UPDATE dental_activity SET \(ident: new) = \(ident: new) * 100").run()
        }
    }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for (old, new) in Self.columns {
            try await sql.raw("UPDATE dental_activity SET \(ident: new) = \(ident: new) / 100").run()
            try await sql.raw("ALTER TABLE dental_activity RENAME COLUMN \(ident: new) TO \(ident: old)").run()
        }
    }
}
