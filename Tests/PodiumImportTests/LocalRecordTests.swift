import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import SQLKit
import Testing

@testable import PodiumImport

@Suite("Pharmacy register events and local-record uploads")
struct LocalRecordTests {
    /// The fixture edispensary with `edit` applied to its records, written back fully quoted as ODS publishes it.
    static func editedRegister(_ edit: (inout [[String]]) -> Void) throws -> String {
        var records = try CSVReader(bytes: Array(try Fixtures.text(of: .pharmacies).utf8)).records().map(\.fields)
        edit(&records)
        let text = records.map { $0.map { "\"\($0)\"" }.joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
        return try Fixtures.temporaryFile(named: "edispensary-later.csv", text: text)
    }

    @Test("A newer ODS extract turns a new parent, a closure and a new code at the same premises into dated events")
    func ownershipChangeBetweenExtracts() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let before = try await PharmacyEventStore(database: handle.database).events(in: ICBCode("QT6")!)
            let path = try Self.editedRegister { records in
                for index in records.indices {
                    switch records[index][0] {
                    case "FA129":
                        records[index][14] = "P99X"
                        records[index][15] = "20250501"
                    case "FA636":
                        records[index][12] = "C"
                        records[index][11] = "20250430"
                    default: break
                    }
                }
                var newcomer = records.first { $0[0] == "FA636" }!
                newcomer[0] = "FZZZ1"
                newcomer[10] = "20250501"
                newcomer[11] = ""
                newcomer[12] = "A"
                newcomer[1] = "NEW OWNER PHARMACY"
                records.append(newcomer)
            }
            let importer = Importer(database: handle.database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
            _ = try await importer.run(.pharmacies, file: path)
            let events = try await PharmacyEventStore(database: handle.database).events(in: ICBCode("QT6")!)
            func find(_ code: String, _ kind: PharmacyEventKind) -> PharmacyEvent? {
                events.first { $0.pharmacy.rawValue == code && $0.kind == kind }
            }
            #expect(find("FA129", .ownershipChanged)?.detail == "parent organisation P08F → P99X")
            #expect(find("FA129", .ownershipChanged)?.date.iso == "2025-05-01")
            #expect(find("FA636", .closed)?.date.iso == "2025-04-30")
            #expect(find("FZZZ1", .opened)?.date.iso == "2025-05-01")
            #expect(find("FZZZ1", .ownershipChanged)?.detail.contains("FA636") == true)
            #expect(events.count == before.count + 4)
            // The same extract again, forced: the register and its events are unchanged.
            let snapshot = try await DatabaseSnapshot.take(handle.database)
            _ = try await importer.run(.pharmacies, file: path, force: true)
            #expect(try await DatabaseSnapshot.take(handle.database) == snapshot)
        }
    }

    static func upload(_ name: String, _ text: String) throws -> SourceFile {
        try SourceFile.received(name: name, bytes: Array(text.utf8))
    }

    @Test("An upload with one bad row changes nothing and names line, column and reason for every problem")
    func uploadValidation() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let importer = LocalRecordImporter(database: handle.database)
            let before = try await DatabaseSnapshot.take(handle.database)
            let bad = try Self.upload(
                "closures.csv",
                """
                ods_code,date,kind,hours_lost,reason
                FA129,2024-06-01,temporary,3.5,No pharmacist
                FA129,2024-06-02,temporary,,No pharmacist
                FA129,2024-13-01,temporary,2,Staff
                FA306,2024-06-01,temporary,2,Staff

                """)
            let failure = try await #require(throws: InputFileFailure.self) {
                try await importer.run(
                    .pharmacyClosures, source: bad, for: ICBCode("QT6")!, by: "Test Commissioner",
                    recordedAt: "2026-11-23T00:00:00Z")
            }
            #expect(failure.issues.map { [$0.line, $0.column ?? 0] } == [[3, 4], [4, 2]])
            #expect(failure.issues[0].reason == "hours_lost: a temporary closure needs the hours lost")
            #expect(try await DatabaseSnapshot.take(handle.database) == before)
            // Rows that read well but belong to another ICB are refused too, by line and column.
            let otherICB = try Self.upload(
                "closures.csv",
                "ods_code,date,kind,hours_lost,reason\nFA129,2024-06-01,temporary,3.5,x\nFA306,2024-06-01,temporary,2,y\n"
            )
            let scoped = try await #require(throws: InputFileFailure.self) {
                try await importer.run(
                    .pharmacyClosures, source: otherICB, for: ICBCode("QT6")!, by: "Test Commissioner",
                    recordedAt: "2026-11-23T00:00:00Z")
            }
            #expect(scoped.issues.map(\.line) == [3])
            #expect(scoped.issues[0].column == 1)
            #expect(scoped.issues[0].reason.contains("not QT6"))
            #expect(try await DatabaseSnapshot.take(handle.database) == before)
            // A header without a required column is refused at line 1.
            let missing = try await #require(throws: InputFileFailure.self) {
                try await importer.run(
                    .pharmacyClosures, source: try Self.upload("c.csv", "ods_code,date\nFA129,2024-06-01\n"),
                    for: ICBCode("QT6")!, by: "Test Commissioner", recordedAt: "x")
            }
            #expect(missing.issues.first?.line == 1)
            #expect(missing.issues.first?.reason.contains("\"kind\"") == true)
        }
    }

    @Test("A good upload is saved for the ICB; the same file again changes nothing; NHSBSA column names are read")
    func uploadIdempotent() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let importer = LocalRecordImporter(database: handle.database)
            let file = try Self.upload(
                "activity.csv",
                """
                YEAR_MONTH,CONTRACTOR_CODE,CONTRACTOR_NAME,clinical_pathways,minor_illness,urgent_supply,registered_pcs_hcfs
                202506,FA129,A PHARMACY,26,40,12,yes
                202507,FA129,A PHARMACY,30,40,12,yes

                """)
            let result = try await importer.run(
                .pharmacyFirstActivity, source: file, for: ICBCode("QT6")!, by: "Test Commissioner",
                recordedAt: "2026-11-23T00:00:00Z")
            #expect(result.records == 2)
            #expect(result.ignoredColumns == ["CONTRACTOR_NAME"])
            let snapshot = try await DatabaseSnapshot.take(handle.database)
            _ = try await importer.run(
                .pharmacyFirstActivity, source: file, for: ICBCode("QT6")!, by: "Test Commissioner",
                recordedAt: "2026-11-23T00:00:00Z")
            #expect(try await DatabaseSnapshot.take(handle.database) == snapshot)
            let stored = try await LocalRecordStore(database: handle.database).records(
                .pharmacyFirstActivity, icb: ICBCode("QT6")!)
            #expect(stored.map(\.values.key) == ["FA129|2025-06", "FA129|2025-07"])
            #expect(stored.allSatisfy { !$0.isExample && $0.source == "activity.csv" })
            #expect(
                try await LocalRecordStore(database: handle.database).records(
                    .pharmacyFirstActivity, icb: ICBCode("QJM")!
                ).isEmpty)
        }
    }

    @Test("Every template's fields are its table's columns, and a record reads back as written")
    func templatesMatchTables() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            try await ExampleRecords.install(on: handle.database)
            let defaults = try await GovernanceDefaults.install(on: handle.database)
            let store = LocalRecordStore(database: handle.database)
            // The demo's example criteria are the default framework rated, so the defaults add criteria only for ICBs with no examples.
            let criteria = try await store.records(.assuranceCriteria, icb: nil)
            let rated = Set(criteria.filter(\.isExample).compactMap(\.icb))
            let icbs = try await GeographyStore(database: handle.database).icbs().count
            #expect(
                defaults.first { $0.0 == .assuranceCriteria }?.1 == (icbs - rated.count)
                    * AssuranceFramework.defaults.count)
            for template in RecordTemplate.all {
                let rows = try await handle.database.sql().raw("SELECT * FROM \(ident: template.table)").all()
                let columns = Set(try #require(rows.first, "no example \(template.id) records").allColumns)
                #expect(
                    columns == Set(template.fields.map(\.name) + ["icb_code", "is_example", "source", "recorded_at"]),
                    "\(template.id)")
                let records = try await store.records(template, icb: nil)
                let fromDefaults = { (record: StoredRecord) in
                    !record.isExample && record.source == GovernanceDefaults.source
                }
                let labelled = records.allSatisfy { record in
                    switch template {
                    case .delegations, .delegatedFunctions: fromDefaults(record)
                    case .assuranceCriteria: record.isExample || fromDefaults(record)
                    // Permanent closures are ODS's own, said so; the temporary ones are invented.
                    case .pharmacyClosures:
                        record.isExample
                            ? record.values.text("kind") == "temporary"
                            : record.source == ExampleRecords.odsSource && record.values.text("kind") == "permanent"
                    default: record.isExample
                    }
                }
                #expect(labelled, "\(template.id)")
                let first = try #require(records.first)
                #expect(try await store.record(template, key: first.values.key, icb: first.icb) == first)
                let cells = Dictionary(uniqueKeysWithValues: zip(template.fields.map(\.name), first.values.cells))
                #expect(try template.read(cells).get() == first.values)
            }
        }
    }

    @Test("Example records are deterministic: installing twice changes nothing")
    func examplesIdempotent() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let counts = try await ExampleRecords.install(on: handle.database)
            // Contract types are written only for appliance contractors, which a fixture slice may lack; the register and
            // functions are published defaults, not examples.
            #expect(
                Set(RecordTemplate.all.map(\.id)).subtracting(counts.map(\.0.id)).isSubset(of: [
                    "pharmacy-contract-types", "delegations", "delegated-functions",
                ]))
            #expect(counts.allSatisfy { $0.1 > 0 })
            let snapshot = try await DatabaseSnapshot.take(handle.database)
            try await ExampleRecords.install(on: handle.database)
            #expect(try await DatabaseSnapshot.take(handle.database) == snapshot)
        }
    }

    @Test("Governance defaults fill every ICB once, never overwrite an edit, and a second install changes nothing")
    func governanceDefaults() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let icbs = try await GeographyStore(database: handle.database).icbs().count
            let added = try await GovernanceDefaults.install(on: handle.database)
            #expect(added.map(\.0.id) == ["delegations", "delegated-functions", "assurance-criteria"])
            #expect(
                added.map(\.1) == [
                    9 * icbs, DelegatedFunction.defaults.count * icbs, AssuranceFramework.defaults.count * icbs,
                ])
            let icb = ICBCode("QT6")!
            let importer = LocalRecordImporter(database: handle.database)
            let stored = try #require(
                try await LocalRecordStore(database: handle.database).record(
                    .delegatedFunctions, key: "FN-R1", icb: icb))
            var cells = Dictionary(
                uniqueKeysWithValues: zip(RecordTemplate.delegatedFunctions.fields.map(\.name), stored.values.cells))
            cells["confidence"] = "confirmed"
            try await importer.save(
                try RecordTemplate.delegatedFunctions.read(cells).get(), for: icb, by: "Ann",
                recordedAt: "2026-11-23T09:00:00Z",
                version: .savedAt(stored.recordedAt))
            let snapshot = try await DatabaseSnapshot.take(handle.database)
            #expect(try await GovernanceDefaults.install(on: handle.database).isEmpty)
            #expect(try await DatabaseSnapshot.take(handle.database) == snapshot)
            let edited = try await LocalRecordStore(database: handle.database).record(
                .delegatedFunctions, key: "FN-R1", icb: icb)
            #expect(edited?.values.text("confidence") == "confirmed")
        }
    }

    @Test(
        "Only fields naming GOS contracts are checked against the register: a hosted team's ICBs and a decision's links save"
    )
    func referencesAreNotGOSContracts() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            _ = try await GovernanceDefaults.install(on: handle.database)
            let icb = ICBCode("QT6")!
            let importer = LocalRecordImporter(database: handle.database)
            // The South West hub's row names the seven ICBs it serves; saving it again (as a form would) must work.
            let hosted = try #require(
                try await LocalRecordStore(database: handle.database).records(.delegations, icb: icb)
                    .first { !($0.values.text("icbs_served") ?? "").isEmpty })
            var cells = Dictionary(
                uniqueKeysWithValues: zip(RecordTemplate.delegations.fields.map(\.name), hosted.values.cells))
            cells["phase"] = "POD, as amended"
            try await importer.save(
                try RecordTemplate.delegations.read(cells).get(), for: icb, by: "Ann",
                recordedAt: "2026-11-23T09:00:00Z",
                version: .savedAt(hosted.recordedAt))
            let decision = try RecordTemplate.decisions.read([
                "reference": "D-1", "date": "2026-11-01", "committee": "PCCC", "decision": "d", "rationale": "r",
                "conflicts": "none",
                "linked": "R-1 R-2", "status": "approved",
            ]).get()
            try await importer.save(decision, for: icb, by: "Ann", recordedAt: "2026-11-23T09:00:00Z", version: .new)
            // An eye service still names only contracts on the ICB's register.
            let service = try RecordTemplate.eyeServices.read([
                "service_code": "MECS-1", "name": "MECS", "kind": EyeServiceKind.allCases[0].rawValue,
                "specification": "s",
                "fee_per_episode": "40.00", "start_date": "2024-04-01", "contracts": "NOT-A-CONTRACT",
            ]).get()
            await #expect(throws: RecordProblems.self) {
                try await importer.save(service, for: icb, by: "Ann", recordedAt: "2026-11-23T09:00:00Z", version: .new)
            }
        }
    }

    @Test(
        "Manual entry leaves an audit trail: who, when, each field before and after; saving the same values leaves none"
    )
    func auditTrail() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let importer = LocalRecordImporter(database: handle.database)
            let icb = ICBCode("QT6")!
            let budget = { (pounds: String, notes: String) throws -> FieldValues in
                try RecordTemplate.budgetLines.read([
                    "financial_year": "2025/26", "line": "dental-primary", "budget": pounds, "notes": notes,
                ]).get()
            }
            try await importer.save(
                try budget("1000", ""), for: icb, by: "Ann", recordedAt: "2026-11-23T09:00:00Z", version: .new)
            try await importer.save(
                try budget("1000", ""), for: icb, by: "Ann", recordedAt: "2026-11-23T09:05:00Z",
                version: .savedAt("2026-11-23T09:00:00Z"))
            try await importer.save(
                try budget("1200.50", "month-9 plan"), for: icb, by: "Bob", recordedAt: "2026-11-23T10:00:00Z",
                version: .savedAt("2026-11-23T09:05:00Z"))
            #expect(
                try await importer.delete(
                    .budgetLines, key: "2025/26|dental-primary", for: icb, by: "Cat", at: "2026-11-23T11:00:00Z"))
            #expect(
                try await !importer.delete(
                    .budgetLines, key: "2025/26|dental-primary", for: icb, by: "Cat", at: "2026-11-23T11:01:00Z"))

            let trail = try await RecordChangeStore(database: handle.database).changes(.budgetLines, icb: icb)
            #expect(trail.map(\.action) == [.deleted, .changed, .added])
            #expect(trail.map(\.by) == ["Cat", "Bob", "Ann"])
            #expect(
                trail[1].fields == [
                    .init(field: "budget", before: "1000.00", after: "1200.50"),
                    .init(field: "notes", before: "", after: "month-9 plan"),
                ])
            #expect(trail[1].summary == "Budget: 1000.00 → 1200.50; Notes: (empty) → month-9 plan")
            #expect(trail[0].fields.first { $0.field == "budget" }?.before == "1200.50")
            #expect(trail.allSatisfy { $0.key == "2025/26|dental-primary" && $0.icb == icb })
            #expect(
                try await RecordChangeStore(database: handle.database).changes(.budgetLines, icb: ICBCode("QJM")!)
                    .isEmpty)
        }
    }

    @Test(
        "Two people editing the same record: the second save, made on the version both opened, is refused and writes nothing"
    )
    func concurrentEdit() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let importer = LocalRecordImporter(database: handle.database)
            let icb = ICBCode("QT6")!
            let budget = { (pounds: String) throws -> FieldValues in
                try RecordTemplate.budgetLines.read([
                    "financial_year": "2025/26", "line": "dental-community", "budget": pounds,
                ]).get()
            }
            try await importer.save(
                try budget("500"), for: icb, by: "Ann", recordedAt: "2026-11-23T09:00:00.000Z", version: .new)
            // Both opened the 09:00 version; Bob saves first.
            try await importer.save(
                try budget("600"), for: icb, by: "Bob", recordedAt: "2026-11-23T09:10:00.000Z",
                version: .savedAt("2026-11-23T09:00:00.000Z"))
            let snapshot = try await DatabaseSnapshot.take(handle.database)
            await #expect(throws: RecordConflict.self) {
                try await importer.save(
                    try budget("700"), for: icb, by: "Cat", recordedAt: "2026-11-23T09:11:00.000Z",
                    version: .savedAt("2026-11-23T09:00:00.000Z"))
            }
            // A blank form cannot silently replace a record someone else added meanwhile.
            await #expect(throws: RecordConflict.self) {
                try await importer.save(
                    try budget("800"), for: icb, by: "Cat", recordedAt: "2026-11-23T09:12:00.000Z", version: .new)
            }
            #expect(try await DatabaseSnapshot.take(handle.database) == snapshot)
            let stored = try await LocalRecordStore(database: handle.database).record(
                .budgetLines, key: "2025/26|dental-community", icb: icb)
            #expect(stored?.values.money("budget") == Money(pence: 60_000))
            // Saving on the version now stored is a deliberate overwrite.
            try await importer.save(
                try budget("700"), for: icb, by: "Cat", recordedAt: "2026-11-23T09:13:00.000Z",
                version: .savedAt("2026-11-23T09:10:00.000Z"))
            let trail = try await RecordChangeStore(database: handle.database).changes(.budgetLines, icb: icb)
            #expect(trail.map(\.by) == ["Cat", "Bob", "Ann"])
        }
    }
}
