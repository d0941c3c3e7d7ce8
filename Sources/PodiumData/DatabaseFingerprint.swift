import FluentKit
import SQLKit

/// Every row of a Podium database as text, so that two databases (or one database before and after something)
/// can be compared: the tests' snapshots and `podium data fingerprint` (a killed import must leave the
/// database exactly as it was).
public enum DatabaseFingerprint {
    /// A table's rows, each as `column=value|…` in column order, sorted: equal exactly when the data is equal.
    public static func rows(of table: String, in database: any Database) async throws -> [String] {
        let rows = try await database.sql().raw("SELECT * FROM \(ident: table)").all()
        return try rows.map { row in
            try row.allColumns.sorted().map { column in "\(column)=\(try describe(row, column))" }.joined(
                separator: "|")
        }.sorted()
    }

    /// The tables that exist (SQLite or PostgreSQL), by name, without Fluent's own migration log.
    public static func tables(in database: any Database) async throws -> [String] {
        let sql = try database.sql()
        let query: SQLQueryString =
            sql.dialect.name == "sqlite"
            ? "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
            : "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public'"
        let names = try await sql.raw(query).all().map { try $0.decode(column: "name", as: String.self) }
        return Set(names).subtracting(["_fluent_migrations"]).sorted()
    }

    /// One line per table: its name, row count and a 64-bit FNV-1a hash of its rows (enough to tell "changed" from
    /// "the same"; not a security hash).
    public static func summary(of database: any Database) async throws -> [String] {
        var lines: [String] = []
        for table in try await tables(in: database) {
            let rows = try await rows(of: table, in: database)
            var hash: UInt64 = 0xCBF2_9CE4_8422_2325
            for byte in rows.joined(separator: "\n").utf8 { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
            lines.append("\(table)\t\(rows.count)\t\(String(hash, radix: 16))")
        }
        return lines
    }

    private static func describe(_ row: any SQLRow, _ column: String) throws -> String {
        if try row.decodeNil(column: column) { return "NULL" }
        if let value = try? row.decode(column: column, as: Int64.self) { return "i:\(value)" }
        if let value = try? row.decode(column: column, as: Double.self) { return "d:\(value)" }
        return "s:" + (try row.decode(column: column, as: String.self))
    }
}
