import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

@Suite("GOS contracts ending in the next six months: page, CSV and API")
struct ContractsEndingTests {
    /// QT6's GOS register on 1 December 2026 (the tests' clock): two contracts end within six months, one the day
    /// after the window, one ended yesterday, one is open-ended, and Lincolnshire's ending contract is not QT6's.
    static func register(_ database: any Database) async throws {
        try await Fixtures.importAll(into: database)
        let importer = LocalRecordImporter(database: database)
        let rows: [(ICBCode, String, String)] = [
            (ICBCode("QT6")!, "G-FEB", "2027-02-15"), (ICBCode("QT6")!, "G-JUN1", "2027-06-01"),
            (ICBCode("QT6")!, "G-JUN2", "2027-06-02"),
            (ICBCode("QT6")!, "G-PAST", "2026-11-30"), (ICBCode("QT6")!, "G-OPEN", ""),
            (ICBCode("QJM")!, "G-LINCS", "2027-01-10"),
        ]
        for (icb, number, end) in rows {
            let values = try RecordTemplate.gosContracts.read([
                "contract_number": number, "kind": "mandatory", "contractor": "\(number) Optometrists Ltd",
                "premises": "\(number) Eyecare",
                "premises_postcode": "TR1 1AA", "start_date": "2015-04-01", "end_date": end,
            ]).get()
            try await importer.save(
                values, for: icb, by: "Ann", recordedAt: Fixtures.clock.isoMilliseconds, version: .new)
        }
    }

    @Test("The page lists the ICB's contracts ending from today to six months on, soonest first, with the days left")
    func page() async throws {
        try await withWorkbench(data: Self.register) { app in
            try await app.signedIn().test(.GET, "/icbs/QT6/optometry/contracts-ending") { response in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("GOS contracts ending soon: Cornwall and the Isles of Scilly"))
                #expect(html.contains("between today (1 December 2026) and 1 June 2027"))
                #expect(html.contains("2 contracts of 5 on the register, soonest first."))
                let feb = try #require(html.range(of: ">G-FEB<"))
                let june = try #require(html.range(of: ">G-JUN1<"))
                #expect(feb.lowerBound < june.lowerBound)
                for absent in [">G-JUN2<", ">G-PAST<", ">G-OPEN<", ">G-LINCS<"] {
                    #expect(!html.contains(absent), "\(absent)")
                }
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/optometry/contracts-ending?format=csv") {
                response async throws in
                #expect(
                    response.headers.first(name: .contentDisposition)
                        == "attachment; filename=\"QT6-gos-contracts-ending.csv\"")
                let rows = try csvRows(response.text)
                #expect(rows.count == 3)
                let days = try #require(rows.first?.firstIndex(of: "Days left (from 1 December 2026)"))
                // 1 December 2026 to 15 February 2027: 31 + 31 + 14 days; to 1 June 2027: 31 + 31 + 28 + 31 + 30 + 31.
                #expect(rows.dropFirst().map { $0[0] } == ["G-FEB", "G-JUN1"])
                #expect(rows.dropFirst().map { $0[days] } == ["76", "182"])
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/optometry") { response in
                #expect(response.text.contains("href=\"/icbs/QT6/optometry/contracts-ending\""))
            }
        }
    }

    @Test("The API gives the same contracts, in its schema; another ICB's reader is refused")
    func api() async throws {
        try await withWorkbench(data: Self.register) { app in
            try await app.signedIn().test(.GET, "/api/v1/icbs/QT6/optometry/contracts-ending") {
                response async throws in
                #expect(response.status == .ok)
                let body = try JSONValue.parse(response.text)
                #expect(try SchemaValidator().validate(body, against: "ContractsEnding") == [])
                #expect(body["asOf"]?.string == "2026-12-01" && body["until"]?.string == "2027-06-01")
                guard case .array(let contracts) = body["contracts"] else {
                    Issue.record("no contracts array")
                    return
                }
                #expect(contracts.compactMap { $0["contractNumber"]?.string } == ["G-FEB", "G-JUN1"])
                #expect(contracts.compactMap { $0["end"]?.string } == ["2027-02-15", "2027-06-01"])
            }
            let outsider = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QJM")!]))
            try await outsider.test(.GET, "/api/v1/icbs/QT6/optometry/contracts-ending") {
                #expect($0.status == .forbidden)
            }
            try await outsider.test(.GET, "/icbs/QT6/optometry/contracts-ending") { #expect($0.status == .forbidden) }
        }
    }
}
