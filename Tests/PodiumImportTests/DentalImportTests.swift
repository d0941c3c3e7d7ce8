import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

@testable import PodiumImport

/// NHSBSA monthly dental activity rows in the published layout (22 columns).
enum DentalCSV {
    static let header =
        "YEAR_MONTH,COMMISSIONER_CODE,COMMISSIONER_NAME,CONTRACT_NUMBER,PROVIDER_NAME,LATEST_PPC_ADDRESS_POSTCODE,LSOA11_CODE,UDA_PERF_TARGET,UDA_FIN_VAL,UDA_DELIVERED,LATE_SUBMITTED_FP17,UDA_DELIVERED_FD,BAND_1_DELIVERED,BAND_2A_DELIVERED,BAND_2B_DELIVERED,BAND_2C_DELIVERED,BAND_3_DELIVERED,BAND_URGENT_DELIVERED,BAND_OTHER_DELIVERED,CHILD_12M_COUNT,ADULT_24M_COUNT,GENERAL_DENTAL_FIN_VALUE"
    /// Files before April 2023 put a space after each comma of the header; one month has a trailing space.
    static let spacedHeader = header.replacingOccurrences(of: ",", with: ", ").replacingOccurrences(
        of: "BAND_2A_DELIVERED", with: "BAND_2A_DELIVERED ")

    static func row(
        month: String = "202304", contract: String = "1000080000", provider: String = "Raby Road Dental Centre",
        target: String = "19145", value: String = "629762.98", delivered: String = "1238.8",
        commissioner: String = "QYG,Cheshire and Merseyside ICB"
    ) -> String {
        "\(month),\(commissioner),\(contract),\(provider),CH64 9UZ,E01018534,\(target),\(value),\(delivered),0,323.6,559,130,7,3,13,49,5,1233,4775,629762.98"
    }

    /// A month with no activity: every activity cell blank, as NHSBSA publishes it.
    static func blankRow(month: String = "202305", contract: String = "0012345678") -> String {
        "\(month),QMM,Norfolk and Waveney ICB,\(contract),\"Jinesh Vaghela, Jiten Vaghela and K Patel\",NR19 1DR,E01026426,11500,321593.87,,,,,,,,,,,15,1756,321593.87"
    }

    static func file(_ lines: [String], header: String = header) throws -> String {
        try Fixtures.temporaryFile(named: "dental.csv", text: ([header] + lines).joined(separator: "\n") + "\n")
    }
}

@Suite("Importing NHSBSA dental activity")
struct DentalImportTests {
    func importer(_ database: any Database) -> Importer {
        Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
    }

    /// An importer for a database holding the ICB register, which says which commissioners are ICBs.
    func registered(_ database: any Database) async throws -> Importer {
        let importer = importer(database)
        _ = try await importer.run(.icbs, file: BundledData.path(for: .icbs, in: Fixtures.openData))
        return importer
    }

    @Test("Headers with stray spaces are matched; blank cells are 'not reported', not zero; leading zeros are kept")
    func headerSpacesAndBlanks() async throws {
        try await TestDatabase.with { handle in
            // setup
            let file = try DentalCSV.file([DentalCSV.row(), DentalCSV.blankRow()], header: DentalCSV.spacedHeader)
            // act
            _ = try await registered(handle.database).run(.dentalActivity, file: file)
            // verify
            let store = DentalStore(database: handle.database)
            let busy = try #require(try await store.months(of: ContractNumber("1000080000")!).first)
            #expect(busy.udaTarget == UDAs(whole: 19145))
            #expect(busy.udaContractValue == Money(pence: 62_976_298))
            #expect(busy.udasDelivered == UDAs(tenThousandths: 123_880 * 100))
            #expect(busy.udasDeliveredByFoundationDentists == UDAs(tenThousandths: 32_360 * 100))
            #expect(busy.courses.band2a == 130)
            #expect(busy.adultsSeen24Months == 4775)
            let quiet = try #require(try await store.months(of: ContractNumber("0012345678")!).first)
            #expect(quiet.contract.rawValue == "0012345678")
            #expect(quiet.udasDelivered == nil && quiet.lateFP17s == nil && quiet.courses.total == nil)
            #expect(quiet.childrenSeen12Months == 15)
            #expect(quiet.providerName == "Jinesh Vaghela, Jiten Vaghela and K Patel")
        }
    }

    @Test("A Windows-1252 byte in a provider name is stored as the character it stands for")
    func windows1252() async throws {
        try await TestDatabase.with { handle in
            // setup: "Hudson’s" written by a Windows program, 0x92 for the right single quote
            let file = try Fixtures.temporaryFile(
                named: "cp1252.csv",
                contents: Array(DentalCSV.header.utf8) + [0x0A]
                    + Array("202304,QYG,Cheshire and Merseyside ICB,1000080000,Hudson".utf8) + [0x92]
                    + Array(
                        "s Dental Care,CH64 9UZ,E01018534,1200,29567.34,770.4,0,0,375,55,18,0,7,47,0,1835,3361,295673.34\n"
                            .utf8))
            // act
            _ = try await registered(handle.database).run(.dentalActivity, file: file)
            // verify
            let month = try #require(
                try await DentalStore(database: handle.database).months(of: ContractNumber("1000080000")!).first)
            #expect(month.providerName == "Hudson’s Dental Care")
        }
    }

    @Test("One bad row: nothing is imported, and the error names file, line, column and reason")
    func badRowImportsNothing() async throws {
        try await TestDatabase.with { handle in
            // setup: the bad row is the last of three
            let file = try DentalCSV.file([
                DentalCSV.row(month: "202304"), DentalCSV.row(month: "202305"),
                DentalCSV.row(month: "202306", target: "12x"),
            ])
            // act
            let importer = try await registered(handle.database)
            let failure = await #expect(throws: ImportFailure.self) {
                try await importer.run(.dentalActivity, file: file)
            }
            // verify
            let issue = try #require(failure?.issues.first)
            #expect(failure?.totalIssues == 1)
            #expect(issue.file == "dental.csv" && issue.line == 4 && issue.column == 8)
            #expect(issue.description == "dental.csv:4:8: UDA_PERF_TARGET: \"12x\" is not a number")
            #expect(try await DatabaseSnapshot.count("dental_activity", in: handle.database) == 0)
            #expect(try await DatabaseSnapshot.count("imports", in: handle.database) == 1)  // the register's
        }
    }

    @Test("Every problem in a file is reported, not just the first")
    func everyProblem() async throws {
        try await TestDatabase.with { handle in
            let file = try DentalCSV.file([
                DentalCSV.row(month: "202313"), DentalCSV.row(month: "202305", contract: "12345", value: "1.234"),
                DentalCSV.row(month: "202306"),
                DentalCSV.row(month: "202306"), "202307,QYG,too,few,fields",
            ])
            let importer = try await registered(handle.database)
            let failure = try #require(
                await #expect(throws: ImportFailure.self) {
                    try await importer.run(.dentalActivity, file: file)
                })
            let lines = failure.issues.map(\.description)
            #expect(lines.contains("dental.csv:2:1: YEAR_MONTH: \"202313\" is not a month (expected YYYYMM)"))
            #expect(
                lines.contains(
                    "dental.csv:3:4: CONTRACT_NUMBER: \"12345\" is not a valid contract number (expected 10 letters or digits)"
                ))
            #expect(lines.contains("dental.csv:3:9: UDA_FIN_VAL: \"1.234\" has more than 2 decimal places"))
            #expect(lines.contains("dental.csv:5: repeats the row on line 4 (same contract_number and year_month)"))
            #expect(lines.contains("dental.csv:6: expected 22 fields, found 5"))
            #expect(failure.totalIssues == 5)
            #expect(failure.description.hasSuffix("dental.csv: not imported (5 problems); the database is unchanged."))
        }
    }

    @Test("A missing column is reported against the header")
    func missingColumn() async throws {
        try await TestDatabase.with { handle in
            let header = DentalCSV.header.replacingOccurrences(of: ",ADULT_24M_COUNT", with: "")
            let file = try DentalCSV.file([], header: header)
            let importer = try await registered(handle.database)
            let failure = try #require(
                await #expect(throws: ImportFailure.self) {
                    try await importer.run(.dentalActivity, file: file)
                })
            #expect(failure.issues.map(\.description) == ["dental.csv:1: missing column \"ADULT_24M_COUNT\""])
        }
    }

    @Test("A file with a header and no rows is refused")
    func empty() async throws {
        try await TestDatabase.with { handle in
            let file = try DentalCSV.file([])
            let importer = try await registered(handle.database)
            let failure = try #require(
                await #expect(throws: ImportFailure.self) {
                    try await importer.run(.dentalActivity, file: file)
                })
            #expect(failure.issues.map(\.reason) == ["the file has no data rows"])
        }
    }

    @Test("A failed import leaves earlier data exactly as it was")
    func failedImportLeavesData() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let before = try await DatabaseSnapshot.take(handle.database)
            // The fixture file with one valid new month and a bad row at the very end.
            let text =
                try Fixtures.dentalYearText("2023-24")
                + DentalCSV.row(month: "202401", contract: "9999999999") + "\n"
                + DentalCSV.row(month: "202402", value: "lots") + "\n"
            let file = try Fixtures.temporaryFile(named: "dental.csv", text: text)
            await #expect(throws: ImportFailure.self) {
                try await importer(handle.database).run(.dentalActivity, file: file)
            }
            #expect(try await DatabaseSnapshot.take(handle.database) == before)
        }
    }

    @Test("A write that fails inside the transaction is rolled back")
    func rollback() async throws {
        struct Boom: Error {}
        try await TestDatabase.with { handle in
            let rows = try Importer.parse(
                DentalActivityReader(knownICBs: nil), dataset: .dentalActivity,
                source: SourceFile.load(path: DentalCSV.file([DentalCSV.row()])))
            await #expect(throws: Boom.self) {
                try await handle.database.transaction { transaction in
                    try await BulkUpsert.write(rows, on: transaction)
                    throw Boom()
                }
            }
            #expect(try await DatabaseSnapshot.count("dental_activity", in: handle.database) == 0)
        }
    }

    @Test("A newer file updates rows in place by contract and month")
    func newerFileUpdates() async throws {
        try await TestDatabase.with { handle in
            let importer = try await registered(handle.database)
            _ = try await importer.run(.dentalActivity, file: try DentalCSV.file([DentalCSV.row(target: "19145")]))
            _ = try await importer.run(
                .dentalActivity, file: try DentalCSV.file([DentalCSV.row(target: "18000"), DentalCSV.blankRow()]))
            #expect(try await DatabaseSnapshot.count("dental_activity", in: handle.database) == 2)
            #expect(try await DatabaseSnapshot.count("imports", in: handle.database) == 3)
            let month = try #require(
                try await DentalStore(database: handle.database).months(of: ContractNumber("1000080000")!).first)
            #expect(month.udaTarget == UDAs(whole: 18000))
        }
    }
}
