import FluentKit
import SQLKit

/// Every local record's key becomes its ICB's own, except a pharmacy's (issue 26, F6 and F7). Market-entry
/// applications, PNA documents, GOS contracts and activity, and eye services were keyed nationally, so an ICB could
/// read another's record by its key and was told which ICB held a key it tried; and PNA documents were stored with no
/// ICB, so no ICB could list, download, audit or delete them.
///
/// Each table is rebuilt with `icb_code` first in its key. A PNA document stored with no ICB is copied to every ICB
/// whose open pharmacies its board covers, with its audit trail; one whose board covers none is kept in
/// `pna_documents_unplaced`, so nothing is lost.
struct PerICBRecordKeys: AsyncMigration {
    var name: String { "0013-per-icb-record-keys" }

    /// The tables as rebuilt: the columns of ``CreateLocalRecords`` with the ICB first in the key.
    static let tables: [LocalRecordTable] = CreateLocalRecords.tables.filter {
        ["market_entry_applications", "pna_documents", "gos_contracts", "gos_activity", "eye_services"].contains(
            $0.name)
    }.map { LocalRecordTable($0.name, text: $0.text, integer: $0.integer, key: ["icb_code"] + $0.key) }

    func prepare(on database: any Database) async throws {
        let sql = try database.sql()
        for table in Self.tables {
            let columns = (table.text + table.integer + LocalRecordTable.bookkeeping).map { SQLIdentifier($0) }
            let held = SQLIdentifier(table.name + "_national")
            try await sql.raw("CREATE TABLE \(held) AS SELECT * FROM \(ident: table.name)").run()
            try await sql.drop(table: table.name).run()
            try await table.create(on: database)
            try await sql.raw(
                """
                INSERT INTO \(ident: table.name) (\(SQLList(columns))) SELECT \(SQLList(columns)) FROM \(held)
                WHERE icb_code IS NOT NULL
                """
            ).run()
            if table.name == "pna_documents" {
                try await placeBoardDocuments(from: held, columns: columns, on: sql)
            } else {
                try await sql.drop(table: held).run()
            }
        }
    }

    /// Copies each PNA document with no ICB, and its audit trail, to the ICBs whose open pharmacies its board covers.
    private func placeBoardDocuments(from held: SQLIdentifier, columns: [SQLIdentifier], on sql: any SQLDatabase)
        async throws
    {
        // The board of an address is its county, else its district (``HealthAndWellbeingBoard/code``).
        let covers = """
            SELECT DISTINCT o.icb_code AS icb, CASE WHEN p.county_code IS NOT NULL AND p.county_code <> ''
                   THEN p.county_code ELSE p.lad_code END AS board
            FROM pharmacies o JOIN postcodes p ON p.postcode = o.postcode
            WHERE o.status = 'A' AND o.national_grouping <> 'W00' AND o.icb_code IS NOT NULL
            """
        let others = columns.filter { $0.string != "icb_code" }
        try await sql.raw(
            """
            INSERT INTO pna_documents (icb_code, \(SQLList(others)))
            SELECT c.icb, \(SQLList(others.map { SQLColumn($0, table: SQLIdentifier("d")) }))
            FROM \(held) d JOIN (\(unsafeRaw: covers)) c ON c.board = d.hwb_code
            WHERE d.icb_code IS NULL
            """
        ).run()
        // The audit trail of each copy: the same changes under the ICB's name (the original rows stay as written).
        let changes = ["template", "record_key", "action", "fields", "changed_by", "source", "changed_at"].map {
            SQLIdentifier($0)
        }
        try await sql.raw(
            """
            INSERT INTO record_changes (id, icb_code, \(SQLList(changes)))
            SELECT r.id || '-' || c.icb, c.icb, \(SQLList(changes.map { SQLColumn($0, table: SQLIdentifier("r")) }))
            FROM record_changes r JOIN (\(unsafeRaw: covers)) c
              ON r.record_key LIKE c.board || '|%'
            WHERE r.template = 'pna-documents' AND r.icb_code IS NULL
            """
        ).run()
        try await sql.raw(
            """
            DELETE FROM \(held) WHERE icb_code IS NOT NULL
               OR hwb_code IN (SELECT board FROM (\(unsafeRaw: covers)) c)
            """
        ).run()
        let left = try await sql.raw("SELECT COUNT(*) AS n FROM \(held)").first(decoding: Count.self)?.n ?? 0
        if left == 0 {
            try await sql.drop(table: held).run()
        } else {
            try await sql.raw("ALTER TABLE \(held) RENAME TO pna_documents_unplaced").run()
        }
    }

    private struct Count: Decodable { var n: Int }

    func revert(on database: any Database) async throws {
        let sql = try database.sql()
        for table in Self.tables {
            let national = LocalRecordTable(
                table.name, text: table.text, integer: table.integer, key: table.key.filter { $0 != "icb_code" })
            let columns = (table.text + table.integer + LocalRecordTable.bookkeeping).map { SQLIdentifier($0) }
            let held = SQLIdentifier(table.name + "_per_icb")
            try await sql.raw("CREATE TABLE \(held) AS SELECT * FROM \(ident: table.name)").run()
            try await sql.drop(table: table.name).run()
            try await national.create(on: database)
            // A key two ICBs both hold keeps one row (the first ICB's), as the national key allows no more.
            try await sql.raw(
                """
                INSERT INTO \(ident: table.name) (\(SQLList(columns))) SELECT \(SQLList(columns)) FROM \(held) h
                WHERE h.icb_code = (SELECT MIN(icb_code) FROM \(held) k WHERE \(unsafeRaw: national.key.map { "k.\($0) = h.\($0)" }.joined(separator: " AND ")))
                """
            ).run()
            try await sql.drop(table: held).run()
        }
    }
}
