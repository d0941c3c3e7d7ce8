import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

@testable import PodiumImport

/// Every layout NHSBSA has published since April 2016, from verbatim slices of the real files, against figures
/// `scripts/make_fixtures.py` computed from the same bytes in Python.
@Suite("Ten years of NHSBSA dental activity files")
struct DentalFormatTests {
    struct Variant: Decodable {
        var what: String
        var columns: Int
        var rows: Int
        var deliveredHundredths: Int64
        var band2: Int
        var kinds: [String: Int]
        var providers: [String]
    }

    static let expected: [String: Variant] = {
        let url = URL(fileURLWithPath: Fixtures.dentalFormats + "/expected.json")
        return (try? JSONDecoder().decode([String: Variant].self, from: Data(contentsOf: url))) ?? [:]
    }()

    static let months = ["201604", "202004", "202303", "202304", "202309", "202311", "202404", "202504"]

    func registered(_ database: any Database) async throws -> Importer {
        let importer = Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
        _ = try await importer.run(.icbs, file: BundledData.path(for: .icbs, in: Fixtures.openData))
        return importer
    }

    @Test("Each layout imports as published, with the figures Python reads from the same bytes", arguments: months)
    func layout(month: String) async throws {
        let want = try #require(Self.expected[month], "expected.json lacks \(month)")
        try await TestDatabase.with { handle in
            let file = Fixtures.dentalFormats + "/uda_contractor_\(month).csv"
            let outcome = try await registered(handle.database).run(.dentalActivity, file: file)
            #expect(outcome.record.rowCount == want.rows, "\(want.what)")
            let rows = try await DentalStore(database: handle.database).contractYears(
                in: FinancialYear(containing: YearMonth(month)!)
            ).flatMap(\.months)
            #expect(rows.count == want.rows)
            #expect(rows.compactMap(\.udasDelivered).sum().tenThousandths == want.deliveredHundredths * 100)
            #expect(rows.compactMap(\.courses.band2).reduce(0, +) == want.band2)
            #expect(
                Dictionary(grouping: rows, by: \.commissionerKind.rawValue).mapValues(\.count) == want.kinds)
            #expect(rows.map(\.providerName).sorted() == want.providers)
            if want.columns == 20 {
                // Before April 2023 bands 2a, 2b and 2c were not published: never zero.
                #expect(rows.allSatisfy { $0.courses.band2a == nil && $0.courses.band2b == nil })
                if want.band2 > 0 { #expect(rows.contains { $0.courses.band2Published != nil }) }
            } else {
                #expect(rows.allSatisfy { $0.courses.band2Published == nil })
            }
        }
    }

    @Test("The Windows-1252 months keep their characters: ’ in 202309, ¿ as published in 202504")
    func windows1252Names() {
        #expect(Self.expected["202309"]?.providers.contains("Hudson’s Dental Care") == true)
        #expect(
            Self.expected["202504"]?.providers.contains { $0.hasPrefix("Stanstead Dental Care ¿ Ola Sadiq") } == true)
    }

    @Test("A commissioner of each kind: ICB, area team, Health & Justice and another code are stored as published")
    func commissionerKinds() async throws {
        try await TestDatabase.with { handle in
            let importer = try await registered(handle.database)
            let rows = [
                DentalCSV.row(month: "201904", contract: "1000000001", commissioner: "Q66,Devon AT"),
                DentalCSV.row(month: "201904", contract: "1000000002", commissioner: "Q70,Wessex Local Office"),
                DentalCSV.row(month: "202404", contract: "1000000003", commissioner: "HJ5,H&J London"),
                DentalCSV.row(month: "202404", contract: "1000000004", commissioner: "QT6,Cornwall ICB"),
                DentalCSV.row(month: "202404", contract: "1000000005", commissioner: "X99Z,Somebody New"),
            ]
            _ = try await importer.run(.dentalActivity, file: try DentalCSV.file(rows))
            let store = DentalStore(database: handle.database)
            let kinds = try await (1...5).asyncMap { number in
                try #require(try await store.months(of: ContractNumber("100000000\(number)")!).first)
            }
            #expect(kinds.map(\.commissionerKind) == [.areaTeam, .areaTeam, .healthAndJustice, .icb, .other])
            #expect(kinds.map(\.commissioner.rawValue) == ["Q66", "Q70", "HJ5", "QT6", "X99Z"])
            #expect(
                kinds.map(\.commissionerName) == [
                    "Devon AT", "Wessex Local Office", "H&J London", "Cornwall ICB", "Somebody New",
                ])
            #expect(kinds.map(\.icb) == [nil, nil, nil, ICBCode("QT6"), nil])
        }
    }

    @Test("A malformed commissioner code is still an error, named by line and column")
    func malformedCommissioner() async throws {
        try await TestDatabase.with { handle in
            let importer = try await registered(handle.database)
            let file = try DentalCSV.file([DentalCSV.row(commissioner: "Q-6,Odd")])
            let failure = try #require(
                await #expect(throws: ImportFailure.self) { try await importer.run(.dentalActivity, file: file) })
            #expect(
                failure.issues.map(\.description) == [
                    "dental.csv:2:2: COMMISSIONER_CODE: \"Q-6\" is not a valid commissioner code (expected 3 to 5 letters or digits)"
                ])
        }
    }

    @Test("An area team's contract counts for the ICB that commissioned it next, whichever file comes first")
    func nextICB() async throws {
        for icbFirst in [false, true] {
            try await TestDatabase.with { handle in
                let importer = try await registered(handle.database)
                let areaTeam = try DentalCSV.file([
                    DentalCSV.row(month: "201904", contract: "1000000001", commissioner: "Q66,Devon AT")
                ])
                let icb = try DentalCSV.file([
                    DentalCSV.row(month: "202004", contract: "1000000001", commissioner: "QT6,Cornwall ICB"),
                    DentalCSV.row(month: "202104", contract: "1000000001", commissioner: "QJK,Devon ICB"),
                ])
                for file in icbFirst ? [icb, areaTeam] : [areaTeam, icb] {
                    _ = try await importer.run(.dentalActivity, file: file)
                }
                let months = try await DentalStore(database: handle.database).months(of: ContractNumber("1000000001")!)
                #expect(months.map(\.icb) == [ICBCode("QT6"), ICBCode("QT6"), ICBCode("QJK")])
            }
        }
    }

    @Test("Decimals as the publisher writes them, without a leading zero")
    func leadingZero() async throws {
        try await TestDatabase.with { handle in
            let importer = try await registered(handle.database)
            _ = try await importer.run(.dentalActivity, file: try DentalCSV.file([DentalCSV.row(delivered: ".71")]))
            let month = try #require(
                try await DentalStore(database: handle.database).months(of: ContractNumber("1000080000")!).first)
            #expect(month.udasDelivered == UDAs(tenThousandths: 7_100))
        }
    }

    @Test("Without the ICB register a dental file is refused, saying to import the register first")
    func registerFirst() async throws {
        try await TestDatabase.with { handle in
            let importer = Importer(database: handle.database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
            let failure = try #require(
                await #expect(throws: ImportFailure.self) {
                    try await importer.run(.dentalActivity, file: try DentalCSV.file([DentalCSV.row()]))
                })
            #expect(failure.issues.first?.reason.contains("import the \"icbs\" dataset first") == true)
            #expect(try await DatabaseSnapshot.count("dental_activity", in: handle.database) == 0)
        }
    }

    @Test("Many files in one command: each its own transaction and log line; a re-run skips them; a bad file stops")
    func manyFiles() async throws {
        try await TestDatabase.with { handle in
            let importer = try await registered(handle.database)
            let outcomes = try await importer.run(.dentalActivity, files: [Fixtures.dentalFormats])
            #expect(outcomes.count == Self.months.count)
            #expect(outcomes.allSatisfy { if case .imported = $0 { true } else { false } })
            #expect(try await DatabaseSnapshot.count("imports", in: handle.database) == Self.months.count + 1)
            let again = try await importer.run(.dentalActivity, files: [Fixtures.dentalFormats])
            #expect(again.allSatisfy { if case .alreadyImported = $0 { true } else { false } })
            // A good file, a bad one, a good one: the first stays imported, nothing of the bad one, the last not read.
            let before = try await DatabaseSnapshot.count("dental_activity", in: handle.database)
            let good = try DentalCSV.file([DentalCSV.row(month: "202501", contract: "1000000011")])
            let bad = try DentalCSV.file([DentalCSV.row(month: "202502", contract: "1000000012", target: "x")])
            let later = try DentalCSV.file([DentalCSV.row(month: "202503", contract: "1000000013")])
            await #expect(throws: ImportFailure.self) {
                try await importer.run(.dentalActivity, files: [good, bad, later])
            }
            #expect(try await DatabaseSnapshot.count("dental_activity", in: handle.database) == before + 1)
        }
    }
}

extension Sequence {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
