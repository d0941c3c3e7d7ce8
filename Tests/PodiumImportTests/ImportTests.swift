import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

@testable import PodiumImport

@Suite("Importing every dataset")
struct ImportTests {
    func importer(_ database: any Database) -> Importer {
        Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
    }

    @Test("Importing the same files twice leaves the database identical")
    func idempotent() async throws {
        try await TestDatabase.with { handle in
            // setup
            try await Fixtures.importAll(into: handle.database)
            let first = try await DatabaseSnapshot.take(handle.database)
            // act: the same files again, then forced (read and upserted again)
            let again = try await importer(handle.database).runBundled(directory: Fixtures.openData)
            let forced = try await importer(handle.database).runBundled(directory: Fixtures.openData, force: true)
            // verify
            #expect(again.allSatisfy { if case .alreadyImported = $0.1 { true } else { false } })
            #expect(forced.allSatisfy { if case .imported = $0.1 { true } else { false } })
            #expect(try await DatabaseSnapshot.take(handle.database) == first)
            // One log line a file: the dental activity is ten files, one a financial year.
            let files = try Dataset.allCases.flatMap { try BundledData.files(for: $0, in: Fixtures.openData) }
            #expect(first["imports"]?.count == files.count)
        }
    }

    @Test("Fixture slices import with the row counts of their files")
    func fixtureCounts() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let expected = try Fixtures.expected()
            #expect(try await DatabaseSnapshot.count("dental_activity", in: handle.database) == expected.dentalRows)
            #expect(try await DatabaseSnapshot.count("icbs", in: handle.database) == 42)
            #expect(try await DatabaseSnapshot.count("sub_icb_locations", in: handle.database) == 106)
            let records = try await ImportStore(database: handle.database).all()
            #expect(Set(records.map(\.dataset)) == Set(Dataset.allCases))
            #expect(records.allSatisfy { $0.sha256.count == 64 && $0.rowCount > 0 })
        }
    }

    @Test("A Sub-ICB Location naming an ICB not in the register is refused, with what to do")
    func unknownICB() async throws {
        try await TestDatabase.with { handle in
            let file = try Fixtures.temporaryFile(
                named: "sicbl.csv",
                text:
                    "sicbl24_code,sicbl24_code_nhs,sicbl24_name,icb24_code,icb24_code_nhs,icb24_name\nE38000006,02P,NHS South Yorkshire ICB - 02P,E54000061,QF7,NHS South Yorkshire\n"
            )
            let failure = try #require(
                await #expect(throws: ImportFailure.self) {
                    try await importer(handle.database).run(.subICBLocations, file: file)
                })
            #expect(
                failure.issues.map(\.description) == [
                    "sicbl.csv:2:5: icb24_code_nhs: ICB QF7 is not in the ICB register (import the \"icbs\" dataset first)"
                ])
        }
    }

    @Test("ODS extracts: headerless 27 fields, codes normalised, blank ICB allowed, bad status refused")
    func odsExtract() async throws {
        try await TestDatabase.with { handle in
            // setup: one good row with a blank ICB and stray postcode spaces; one with an unknown status; one short row
            func row(_ code: String, status: String, icb: String = "QOP", postcode: String = "SK7 5LD") -> String {
                let fields = [
                    code, "ROWLANDS PHARMACY", "Y62", icb, "61 ARUNDEL AVENUE", "HAZEL GROVE", "STOCKPORT", "", "",
                    postcode,
                    "20060601", "", status, "1", "P79D", "20060601", "", "0161 4838729", "", "", "", "0", "", icb, "",
                    "", "",
                ]
                return fields.map { "\"\($0)\"" }.joined(separator: ",")
            }
            let good = try Fixtures.temporaryFile(
                named: "edispensary.csv", text: row("FA002", status: "A", icb: "", postcode: "SA5 9 EA") + "\n")
            let bad = try Fixtures.temporaryFile(
                named: "edispensary.csv",
                text: [row("FA003", status: "X"), row("FA004", status: "A"), "\"FA005\",\"SHORT\""].joined(
                    separator: "\n"))
            // act
            _ = try await importer(handle.database).run(.pharmacies, file: good)
            let failure = try #require(
                await #expect(throws: ImportFailure.self) {
                    try await importer(handle.database).run(.pharmacies, file: bad)
                })
            // verify
            #expect(
                failure.issues.map(\.description) == [
                    "edispensary.csv:1:13: Status Code: \"X\" is not one of A, C, P, D",
                    "edispensary.csv:3: expected 27 fields, found 2",
                ])
            let rows = try await handle.database.sql().raw("SELECT ods_code, icb_code, postcode FROM pharmacies").all()
            #expect(rows.count == 1)
            #expect(try rows[0].decode(column: "icb_code", as: String?.self) == nil)
            #expect(try rows[0].decode(column: "postcode", as: String.self) == "SA59EA")
        }
    }

    @Test("A file that is not there, or not gzip despite its magic bytes, is a clear error")
    func unreadable() async throws {
        try await TestDatabase.with { handle in
            await #expect(throws: SourceFileError.notFound("/no/such/file.csv")) {
                try await importer(handle.database).run(.icbs, file: "/no/such/file.csv")
            }
            let broken = try Fixtures.temporaryFile(
                named: "broken.csv.gz", contents: [0x1F, 0x8B, 0x08, 0x00, 0x01, 0x02])
            await #expect(throws: SourceFileError.self) { try await importer(handle.database).run(.icbs, file: broken) }
            // A real gzip file cut short, as an interrupted download leaves it.
            let whole = try SourceFile.gzip(Array(try Fixtures.text(of: .icbs).utf8))
            let truncated = try Fixtures.temporaryFile(
                named: "icbs.csv.gz", contents: Array(whole.prefix(whole.count - 40)))
            await #expect(throws: SourceFileError.self) {
                try await importer(handle.database).run(.icbs, file: truncated)
            }
            #expect(try await DatabaseSnapshot.count("icbs", in: handle.database) == 0)
        }
    }
}

@Suite("Compressed files that inflate without end are refused")
struct GzipBombTests {
    /// A header then `megabytes` of newlines, gzipped: about a thousand times smaller than it inflates to.
    static func bomb(megabytes: Int) throws -> [UInt8] {
        var text = Array("code,name\n".utf8)
        text += [UInt8](repeating: 0x0A, count: megabytes << 20)
        return try SourceFile.gzip(text)
    }

    @Test("Over 200 times its compressed size: refused by name, before it is all inflated")
    func ratio() throws {
        let bomb = try Self.bomb(megabytes: 64)
        #expect(bomb.count < 200 * 1024)  // 64 MiB of newlines compress to well under 200 KB
        #expect(throws: SourceFileError.self) { try SourceFile.received(name: "risks.csv.gz", bytes: bomb) }
        do {
            _ = try SourceFile.received(name: "risks.csv.gz", bytes: bomb)
        } catch {
            #expect("\(error)".contains("more than 200 times"), "\(error)")
        }
    }

    @Test("Real files inflate as before: the largest bundled file (38 times its compressed size) is read whole")
    func realFilesStillRead() throws {
        let file = try SourceFile.load(path: Fixtures.bundled + "/lookup_lsoa11_sicbl22_icb22_lad22.csv.gz")
        #expect(file.content.count == 5_409_096)
        let limits = SourceFile.InflateLimit.standard
        #expect(limits.maximumBytes == 256 << 20 && limits.maximumRatio == 200)
    }

    @Test("A bomb run through the importer changes nothing")
    func importerRefuses() async throws {
        try await TestDatabase.with { handle in
            let path = try Fixtures.temporaryFile(named: "icbs.csv.gz", contents: try Self.bomb(megabytes: 48))
            let before = try await DatabaseSnapshot.take(handle.database)
            await #expect(throws: SourceFileError.self) {
                try await Importer(database: handle.database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
                    .run(.icbs, file: path)
            }
            #expect(try await DatabaseSnapshot.take(handle.database) == before)
        }
    }
}

/// The real bundled files: every one must import, and the figures the issue names must come out of them.
@Suite("The bundled open data")
struct BundledDataTests {
    /// Pure parsing is the same on both databases; it runs in the SQLite pass only to keep CI short.
    static let pureOnly = !TestDatabase.isPostgres

    @Test("Every bundled file parses without a problem, with its published row count", .enabled(if: pureOnly))
    func everyFileParses() throws {
        // Row counts of the files as published (and the Code-Point subset made by `podium data postcodes-subset`).
        let expected: [Dataset: Int] = [
            .icbs: 42, .subICBLocations: 106, .lsoa2011Lookup: 32_844, .lsoa2021Lookup: 33_755,
            .lsoaVintageLookup: 35_795,
            .imd2019: 32_844, .iod2025: 33_755, .iod2025ICBSummary: 42, .population2021: 35_672,
            .population2020: 34_753, .lsoa2011Centroids: 34_753, .lsoa2021Centroids: 35_672,
            .population2024: 107_016, .postcodes: 21_631, .pharmacies: 20_932, .dentalPractices: 9_908,
            .pharmacyFirstEngland: 105, .pharmacyFirstRegions: 735,
        ]
        for dataset in Dataset.allCases where dataset != .dentalActivity {
            let source = try SourceFile.load(path: BundledData.path(for: dataset, in: Fixtures.bundled))
            #expect(try Importer.rowCount(dataset, source: source) == expected[dataset], "\(dataset.rawValue)")
        }
    }

    /// The monthly dental files and the rows `scripts/bundle_dental_activity.py` counted in each (its MANIFEST.csv).
    static func dentalManifest() throws -> [(file: String, rows: Int)] {
        let folder = BundledData.path(for: .dentalActivity, in: Fixtures.bundled)
        let text = try String(contentsOfFile: folder + "/MANIFEST.csv", encoding: .utf8)
        return text.split(separator: "\n").dropFirst().map { line in
            let cells = line.split(separator: ",")
            return (folder + "/" + cells[0], Int(cells[8]) ?? -1)
        }
    }

    @Test("Every month from April 2016 to September 2025 is bundled, one file each", .enabled(if: pureOnly))
    func monthlyFiles() throws {
        let manifest = try Self.dentalManifest()
        let files = try BundledData.files(for: .dentalActivity, in: Fixtures.bundled)
        #expect(files == manifest.map(\.file))
        var month = YearMonth(year: 2016, month: 4)!
        for file in files {
            #expect(file.hasSuffix("uda_contractor_\(month.year)\(month.month < 10 ? "0" : "")\(month.month).csv.gz"))
            month = month.next
        }
        #expect(month == YearMonth(year: 2025, month: 10)!)
    }

    @Test(
        "2023/24's twelve months: England's contracted and delivered UDAs as the independent recomputation has them",
        .enabled(if: pureOnly))
    func dentalFigures() throws {
        let year = FinancialYear(startYear: 2023)
        let files = try Self.dentalManifest().filter { entry in
            year.months.contains { entry.file.hasSuffix("\($0.year)\($0.month < 10 ? "0" : "")\($0.month).csv.gz") }
        }
        #expect(files.count == 12)
        var rows: [ContractMonth] = []
        for (file, published) in files {
            let parsed = try Importer.parse(
                DentalActivityReader(knownICBs: nil), dataset: .dentalActivity, source: SourceFile.load(path: file))
            #expect(parsed.count == published, "\(file)")
            rows += parsed
        }
        let years = ContractYear.all(from: rows, in: year)
        // scripts/recompute_dental_years.py on the same files: 7,083 contracts, 83,773,940 UDAs contracted (each
        // contract's latest target), 69,018,380.2 delivered, £2,860,227,496.52 contract value.
        #expect(years.count == 7_083)
        #expect(years.map(\.udaTarget).sum() == UDAs(whole: 83_773_940))
        #expect(years.map(\.udasDeliveredToDate).sum() == UDAs(tenThousandths: 690_183_802_000))
        #expect(years.map(\.contractValue).sum() == Money(pence: 286_022_749_652))
    }

    @Test("The England total computed by the database matches the sum over contracts")
    func englandTotalInDatabase() async throws {
        try await TestDatabase.with { handle in
            let importer = Importer(database: handle.database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
            _ = try await importer.run(.icbs, file: BundledData.path(for: .icbs, in: Fixtures.bundled))
            let quarter = try Self.dentalManifest().map(\.file).filter { file in
                ["202304", "202305", "202306"].contains { file.hasSuffix("\($0).csv.gz") }
            }
            _ = try await importer.run(.dentalActivity, files: quarter)
            let figures = try await GeographyStore(database: handle.database).figures(
                financialYear: FinancialYear(startYear: 2023))
            let england = ICBFigures.total(Array(figures.values))
            // Each contract's latest row of April–June 2023, summed in Python from the same three files.
            #expect(figures.count == 42)
            #expect(england.dentalContracts == 6_881)
            #expect(england.contractedUDAs == UDAs(whole: 83_785_800))
            #expect(england.contractedValue == Money(pence: 270_207_184_726))
        }
    }
}
