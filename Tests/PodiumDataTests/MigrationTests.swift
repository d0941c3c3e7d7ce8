import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import SQLKit
import Testing

@Suite("Migrations and constraints")
struct MigrationTests {
    @Test("Migrate all, revert all, migrate all again")
    func upDownUp() async throws {
        try await TestDatabase.with(migrated: false) { handle in
            // setup
            #expect(try await handle.pendingMigrations() == PodiumMigrations.all.map(\.name))
            // act + verify
            try await handle.migrate()
            #expect(try await DatabaseSnapshot.existingTables(handle.database) == Set(DatabaseSnapshot.tables))
            #expect(try await handle.pendingMigrations().isEmpty)
            try await handle.revertAll()
            #expect(try await DatabaseSnapshot.existingTables(handle.database).isEmpty)
            try await handle.migrate()
            #expect(try await DatabaseSnapshot.existingTables(handle.database) == Set(DatabaseSnapshot.tables))
        }
    }

    @Test("Migration names are stable, unique and in schema-release order")
    func names() {
        let names = PodiumMigrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        let releases = names.map { $0.prefix(4) }
        #expect(releases.allSatisfy { $0.allSatisfy(\.isNumber) })
        #expect(releases == releases.sorted())
        #expect(names.allSatisfy { $0.dropFirst(4).first == "-" })
    }

    @Test("0002 rescales dental units from hundredths to ten-thousandths, and back on revert")
    func rescaleUnits() async throws {
        try await TestDatabase.with(migrated: false) { handle in
            // setup: the 0001 schema with a row in hundredths
            try await handle.migrate(through: "0001-create-dental-activity")
            let sql = try handle.database.sql()
            try await sql.raw(
                """
                INSERT INTO dental_activity (contract_number, year_month, commissioner_code, commissioner_name, provider_name, postcode,
                  uda_target_hundredths, uda_value_pence, udas_delivered_hundredths, udas_delivered_fd_hundredths)
                VALUES ('1000080000', 202304, 'QYG', 'Cheshire and Merseyside ICB', 'Raby Road', 'CH649UZ', 1914500, 62976298, 123880, 32360)
                """
            ).run()
            // act
            try await handle.migrate()
            // verify: the store reads the same UDAs through the renamed, rescaled columns
            let month = try #require(
                try await DentalStore(database: handle.database).months(of: ContractNumber("1000080000")!).first)
            #expect(month.udaTarget == UDAs(whole: 19145))
            #expect(month.udasDelivered == (try UDAs(parsing: "1238.8")))
            #expect(month.udasDeliveredByFoundationDentists == (try UDAs(parsing: "323.6")))
            try await handle.revertLastBatch()
            let row = try #require(
                try await sql.raw("SELECT uda_target_hundredths, udas_delivered_hundredths FROM dental_activity")
                    .first())
            #expect(try row.decode(column: "uda_target_hundredths", as: Int64.self) == 1_914_500)
            #expect(try row.decode(column: "udas_delivered_hundredths", as: Int64.self) == 123_880)
        }
    }

    @Test("0013 gives each PNA stored with no ICB to the ICBs its board covers, with its audit trail; keys per ICB")
    func perICBRecordKeys() async throws {
        try await TestDatabase.with(migrated: false) { handle in
            // setup: the 0012 schema, two open pharmacies in Cornwall's board (E06000052) in QT6 and, say, QE1 (a
            // board straddling two ICBs), a board with no pharmacy, and a GOS contract QT6 recorded.
            try await handle.migrate(through: "0012-create-current-area-statistics")
            let sql = try handle.database.sql()
            for statement: SQLQueryString in [
                """
                INSERT INTO postcodes (postcode, quality, easting, northing, latitude, longitude, country_code, lad_code,
                  ward_code, county_code)
                VALUES ('EX23 8AF', 10, 222179, 106056, 50.8, -4.5, 'E92000001', 'E06000052', 'E05013351', NULL)
                """,
                """
                INSERT INTO pharmacies (ods_code, name, national_grouping, icb_code, postcode, status, sub_type)
                VALUES ('FA001', 'Bude Pharmacy', 'Y58', 'QT6', 'EX23 8AF', 'A', 'A'),
                       ('FA002', 'Border Pharmacy', 'Y62', 'QE1', 'EX23 8AF', 'A', 'A'),
                       ('FA003', 'Closed Pharmacy', 'Y61', 'QHM', 'EX23 8AF', 'C', 'A')
                """,
                """
                INSERT INTO pna_documents (hwb_code, kind, published, title, url, icb_code, is_example, source, recorded_at)
                VALUES ('E06000052', 'pna', '2025-01-01', 'Cornwall PNA', NULL, NULL, 0, 'form', 't1'),
                       ('E09000001', 'pna', '2025-02-01', 'City of London PNA', NULL, NULL, 0, 'form', 't2')
                """,
                """
                INSERT INTO record_changes (id, template, icb_code, record_key, action, fields, changed_by, source, changed_at)
                VALUES ('c1', 'pna-documents', NULL, 'E06000052|pna|2025-01-01', 'added', 'title\t\tCornwall PNA', 'Ann', 'form', 't1')
                """,
                """
                INSERT INTO gos_contracts (contract_number, kind, contractor, premises, premises_postcode, start_date,
                  end_date, icb_code, is_example, source, recorded_at)
                VALUES ('G1', 'mandatory', 'Kernow Eyes', 'Bude', 'EX23 8AF', '2024-04-01', NULL, 'QT6', 0, 'form', 't3')
                """,
            ] {
                try await sql.raw(statement).run()
            }
            // act
            try await handle.migrate()
            // verify: each ICB with an open pharmacy in the board has the PNA, with who added it; the closed
            // pharmacy's ICB has not; the board with no pharmacy keeps its document aside, not lost.
            let store = LocalRecordStore(database: handle.database)
            for (icb, expected) in [("QT6", ["Cornwall PNA"]), ("QE1", ["Cornwall PNA"]), ("QHM", [])] {
                let records = try await store.records(.pnaDocuments, icb: ICBCode(icb)!)
                #expect(records.map { $0.values.text("title") ?? "" } == expected, "\(icb)")
                let changes = try await RecordChangeStore(database: handle.database).changes(
                    .pnaDocuments, icb: ICBCode(icb)!, key: "E06000052|pna|2025-01-01")
                #expect(changes.map(\.by) == (expected.isEmpty ? [] : ["Ann"]), "\(icb)")
            }
            let unplaced = try await sql.raw("SELECT title FROM pna_documents_unplaced").all()
            #expect(try unplaced.map { try $0.decode(column: "title", as: String.self) } == ["City of London PNA"])
            #expect(try await store.records(.gosContracts, icb: ICBCode("QT6")!).count == 1)
            // The same GOS contract number is now QE1's own to record beside QT6's.
            try await store.write(
                [
                    StoredRecord(
                        values: try #require(try await store.records(.gosContracts, icb: ICBCode("QT6")!).first).values,
                        icb: ICBCode("QE1")!, isExample: false, source: "form", recordedAt: "t4")
                ], of: .gosContracts)
            #expect(
                try await Set(store.records(.gosContracts, icb: nil).compactMap(\.icb)) == [
                    ICBCode("QE1")!, ICBCode("QT6")!,
                ])
            try await sql.drop(table: "pna_documents_unplaced").run()
        }
    }

    @Test("The tests run on the database they say they do")
    func dialect() async throws {
        try await TestDatabase.with { handle async throws in
            #expect(try handle.database.sql().dialect.name == (TestDatabase.isPostgres ? "postgresql" : "sqlite"))
        }
    }

    @Test("Natural keys are unique and Sub-ICB Locations must belong to a registered ICB")
    func constraints() async throws {
        try await TestDatabase.with { handle in
            let icb = ICB(
                code: ICBCode("QYG")!, name: "NHS Cheshire and Merseyside", onsCode: ONSCode("E54000008")!,
                onsCode2022: ONSCode("E54000008")!)
            let sql = try handle.database.sql()
            try await insert(icb, into: sql)
            await #expect(throws: (any Error).self) { try await insert(icb, into: sql) }
            let orphan = SubICBLocation(
                code: SubICBCode("02P")!, onsCode: ONSCode("E38000006")!, name: "Orphan", icb: ICBCode("QF7")!)
            await #expect(throws: (any Error).self) { try await insert(orphan, into: sql) }
            let child = SubICBLocation(
                code: SubICBCode("01F")!, onsCode: ONSCode("E38000068")!, name: "Halton", icb: ICBCode("QYG")!)
            try await insert(child, into: sql)
            #expect(try await DatabaseSnapshot.count("sub_icb_locations", in: handle.database) == 1)
        }
    }

    @Test("An import fingerprint is recorded once per dataset")
    func importLogUnique() async throws {
        try await TestDatabase.with { handle in
            let store = ImportStore(database: handle.database)
            let record = ImportRecord(
                id: UUID(), dataset: .icbs, fileName: "icb_list_42.csv", sha256: String(repeating: "a", count: 64),
                rowCount: 42,
                importedAt: Date(timeIntervalSince1970: 1_800_000_000), durationMilliseconds: 1)
            try await store.record(record)
            var again = record
            again.id = UUID()
            await #expect(throws: (any Error).self) { try await store.record(again) }
            #expect(try await store.find(dataset: .icbs, sha256: record.sha256) == record)
        }
    }

    /// A plain INSERT (no upsert), so a duplicate key fails.
    private func insert<Row: TableRow>(_ row: Row, into sql: any SQLDatabase) async throws {
        try await sql.insert(into: Row.layout.name).columns(Row.layout.columns).values(row.cells.map(\.expression))
            .run()
    }
}
