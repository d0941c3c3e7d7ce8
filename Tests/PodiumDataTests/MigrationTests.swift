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
