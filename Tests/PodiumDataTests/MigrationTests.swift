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

    @Test("Migration names are stable and unique")
    func names() {
        let names = PodiumMigrations.all.map(\.name)
        #expect(Set(names).count == names.count)
        #expect(names.allSatisfy { $0.hasPrefix("0001-") })
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
            let icb = ICB(code: ICBCode("QYG")!, name: "NHS Cheshire and Merseyside", onsCode: ONSCode("E54000008")!, onsCode2022: ONSCode("E54000008")!)
            let sql = try handle.database.sql()
            try await insert(icb, into: sql)
            await #expect(throws: (any Error).self) { try await insert(icb, into: sql) }
            let orphan = SubICBLocation(code: SubICBCode("02P")!, onsCode: ONSCode("E38000006")!, name: "Orphan", icb: ICBCode("QF7")!)
            await #expect(throws: (any Error).self) { try await insert(orphan, into: sql) }
            let child = SubICBLocation(code: SubICBCode("01F")!, onsCode: ONSCode("E38000068")!, name: "Halton", icb: ICBCode("QYG")!)
            try await insert(child, into: sql)
            #expect(try await DatabaseSnapshot.count("sub_icb_locations", in: handle.database) == 1)
        }
    }

    @Test("An import fingerprint is recorded once per dataset")
    func importLogUnique() async throws {
        try await TestDatabase.with { handle in
            let store = ImportStore(database: handle.database)
            let record = ImportRecord(
                id: UUID(), dataset: .icbs, fileName: "icb_list_42.csv", sha256: String(repeating: "a", count: 64), rowCount: 42,
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
        try await sql.insert(into: Row.layout.name).columns(Row.layout.columns).values(row.cells.map(\.expression)).run()
    }
}
