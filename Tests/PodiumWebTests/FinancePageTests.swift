import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
import Testing
import Vapor
import VaporTesting

@testable import PodiumWeb

@Suite("Finance: ICB page, England view, workbook and API")
struct FinancePageTests {
    static let withExamples: @Sendable (any Database) async throws -> Void = { database in
        try await Fixtures.importAll(into: database)
        try await ExampleRecords.install(on: database)
    }

    @Test(
        "Dental primary care is forecast from the contract engine on the bundled data: instalments sum to the contracts, clawback comes off"
    )
    func forecastFromContracts() async throws {
        try await withWorkbench(data: Self.withExamples) { app in
            let context = app.queryContext(today: CalendarDate(year: 2026, month: 11, day: 23)!)
            let code = ICBCode("QT6")!
            let dental = try await DentalPosition.Model.query(context, icb: code, choices: PositionChoices())
            let finance = try await Finance.Model.query(context, icb: code, choices: PositionChoices())
            let line = try #require(finance.lines.first { $0.kind == .dentalPrimary })
            let months = try #require(finance.monthly[.dentalPrimary])
            // The real contracts of the fixture: no ledger months are recorded for this line, so every month is an
            // instalment, and the twelve sum to QT6's contract value as the fixtures script adds it up from the file.
            let expected = try #require(try Fixtures.expected().icbs["QT6"])
            #expect(dental.portfolio.contracts.count == expected.dentalContracts)
            #expect(months.count == 12)
            #expect(months.values.reduce(Money.zero, +) == Money(pence: expected.contractedValuePence))
            #expect(dental.portfolio.projectedClawback.pence > 0)
            let later = months.filter { $0.key > finance.asOf }.values.reduce(Money.zero, +)
            #expect(line.projected == later)
            #expect(line.recoveries == dental.portfolio.projectedClawback)
            #expect(line.actualToDate == months.filter { $0.key <= finance.asOf }.values.reduce(Money.zero, +))
            // The approved example option is committed against dental primary care, and the plan of a year that has
            // ended is judged at its end: history, not a live deadline.
            #expect(line.committed == finance.options.filter { $0.approval != nil }.map(\.cost).sum())
            #expect(finance.isHistory && finance.planDate == finance.year.lastDay)
            #expect(finance.plan.mustCommitBy == nil)
            #expect(finance.underspendAtRisk == finance.ringFenced.map(\.underspendAtRisk).sum())
        }
    }

    @Test("England view: every ICB once, each in its NHS England region; a region's footer is the sum of its rows")
    func englandView() async throws {
        try await withWorkbench(data: Self.withExamples) { app in
            let icbs = try await GeographyStore(database: app.db).icbs()
            #expect(icbs.allSatisfy { NHSEnglandRegion.of($0.code) != nil })
            // Each ICB in one region only, and the lookup names no ICB the bundled list lacks.
            let listed = NHSEnglandRegion.allCases.flatMap(\.icbs)
            #expect(Set(listed).count == listed.count)
            #expect(Set(listed) == Set(icbs.map(\.code.rawValue)))
            var england = ""
            var southWest = ""
            try await app.signedIn().test(.GET, "/finance?format=csv") { england = $0.text }
            try await app.signedIn().test(.GET, "/finance?region=Y58&format=csv") { southWest = $0.text }
            let rows = { (csv: String) throws -> [[String]] in
                try CSVReader(bytes: Array(csv.utf8)).records().map(\.fields)
            }
            #expect(try rows(england).count == 1 + icbs.count + 1)
            let west = try rows(southWest)
            #expect(west.count == 1 + 7 + 1)
            #expect(Set(west.dropFirst().dropLast().map { $0[1] }) == Set(NHSEnglandRegion.southWest.icbs))
            let budget = try #require(west[0].firstIndex(of: "Budget (£)"))
            let sum = west.dropFirst().dropLast().compactMap {
                try? Money(pence: ScaledDecimal.parse($0[budget], scale: 2))
            }.sum()
            #expect(west.last?[0] == "South West")
            #expect((try? ScaledDecimal.parse(west.last?[budget] ?? "", scale: 2)) == sum.pence)
            #expect(sum.pence > 0)
            try await app.signedIn().test(.GET, "/finance?region=Y58") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("labelled example data"))
                #expect(response.text.contains("committee-paper print-only"))
                // "All of England" must post an empty region, not its label (which the page would refuse).
                #expect(response.text.contains("<option value>All of England</option>"))
            }
            try await app.signedIn().test(.GET, "/finance?region=") { #expect($0.status == .ok) }
            try await app.signedIn().test(.GET, "/finance?region=Z1") { #expect($0.status == .badRequest) }
        }
    }

    @Test("The workbook is a ZIP of SpreadsheetML parts, the same bytes each time, with a sheet for every table")
    func workbook() async throws {
        try await withWorkbench(data: Self.withExamples) { app in
            var first = [UInt8]()
            var second = [UInt8]()
            try await app.signedIn().test(.GET, "/icbs/QT6/finance?format=xlsx") { response in
                #expect(response.status == .ok)
                #expect(response.headers.first(name: .contentType) == Workbook.contentType)
                #expect(response.headers.first(name: .contentDisposition)?.contains("QT6-finance-2025-26.xlsx") == true)
                first = Array(response.body.readableBytesView)
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/finance?format=xlsx") {
                second = Array($0.body.readableBytesView)
            }
            #expect(first == second)
            #expect(first.prefix(4) == [0x50, 0x4B, 0x03, 0x04])  // a local file header
            let text = String(decoding: first, as: UTF8.self)
            for part in ["[Content_Types].xml", "xl/workbook.xml", "xl/styles.xml", "xl/worksheets/sheet4.xml"] {
                #expect(text.contains(part))
            }
            for sheet in ["Summary", "Budget lines", "Monthly", "Options"] {
                #expect(text.contains("name=\"\(sheet)\""))
            }
            try await app.signedIn().test(.GET, "/finance?region=Y56&format=xlsx") { response in
                #expect(response.status == .ok)
                #expect(Array(response.body.readableBytesView).prefix(2) == [0x50, 0x4B])
            }
        }
    }

    @Test(
        "Two commissioners editing one budget line: the second save is refused with theirs shown and yours kept, then saves on purpose"
    )
    func concurrentEdit() async throws {
        try await withWorkbench(data: Self.withExamples) { app in
            let form = "/icbs/QT6/records/budget-lines/form"
            let version = { (html: String) -> String in
                let marker = "name=\"version\" value=\""
                guard let start = html.range(of: marker)?.upperBound, let end = html[start...].firstIndex(of: "\"")
                else { return "" }
                return String(html[start..<end])
            }
            var opened = ""
            try await app.signedIn().test(.GET, form + "?key=2025%2F26%7Cdental-primary") { opened = version($0.text) }
            #expect(!opened.isEmpty)
            let post = { (budget: String, at: String) in
                [
                    "financial_year": "2025/26", "line": "dental-primary", "budget": budget, "notes": "", "version": at,
                    "version_key": "2025/26|dental-primary",
                ]
            }
            // Ann in finance and Bob, a commissioner, both edit QT6's budget; each is signed in with a session of their own.
            let ann = try await app.session(as: Grant(role: .finance, icbs: [ICBCode("QT6")!]), name: "Ann")
            let bob = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), name: "Bob")
            try await ann.test(
                .POST, form, beforeRequest: { try $0.content.encode(post("1000000", opened), as: .urlEncodedForm) }
            ) {
                #expect($0.status == .seeOther)
            }
            var page = ""
            try await bob.test(
                .POST, form, beforeRequest: { try $0.content.encode(post("2000000", opened), as: .urlEncodedForm) }
            ) {
                #expect($0.status == .conflict)
                page = $0.text
            }
            #expect(page.contains("Someone else saved this record"))
            #expect(page.contains("value=\"2000000\""))  // Bob's figure is kept in the form
            #expect(page.contains("The record as it now stands"))
            #expect(page.contains("1000000.00"))  // Ann's is shown
            let stored = {
                try await LocalRecordStore(database: app.db).record(
                    .budgetLines, key: "2025/26|dental-primary", icb: ICBCode("QT6")!)
            }
            #expect(try await stored()?.values.money("budget") == Money(pence: 100_000_000))
            try await bob.test(
                .POST, form,
                beforeRequest: { try $0.content.encode(post("2000000", version(page)), as: .urlEncodedForm) }
            ) {
                #expect($0.status == .seeOther)
            }
            #expect(try await stored()?.values.money("budget") == Money(pence: 200_000_000))
        }
    }
}
