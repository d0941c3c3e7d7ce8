import Foundation
import PodiumCore
import PodiumTestSupport
import PodiumWeb
import Testing
import VaporTesting

@Suite("Workbench pages and CSV downloads")
struct PageTests {
    @Test("Home lists every ICB with England totals, and filters by name or ODS code")
    func home() async throws {
        try await withWorkbench { app in
            let expected = try Fixtures.expected()
            try await app.signedIn().test(.GET, "/") { response async throws in
                #expect(response.status == .ok)
                #expect(response.contentType == "text/html; charset=utf-8")
                #expect(response.text.contains("Showing 1–42 of 42 ICBs"))
                #expect(response.text.contains(">Cornwall and the Isles of Scilly</a>"))
                // Every contract of the latest year counts for an ICB (no Health & Justice contracts run into 2025/26).
                let contracts = try #require(expected.years[expected.latestYear]).contracts
                #expect(response.text.contains("<td class=\"num\">\(contracts)</td>"))
                // MHCLG's average rank: the higher, the more deprived (the data test checks the direction).
                #expect(response.text.contains("higher is more deprived"))
                #expect(!response.text.contains("lower is more deprived"))
            }
            try await app.signedIn().test(.GET, "/icbs/QT6") { response in
                #expect(response.text.contains("higher is more deprived;"))
                #expect(!response.text.contains("lower rank is more deprived"))
            }
            try await app.signedIn().test(.GET, "/?q=qjm") { response async throws in
                #expect(response.text.contains("Showing 1–1 of 1 ICBs (filtered from 42)"))
                #expect(response.text.contains("id=\"open-icb\""))
                #expect(response.text.contains("href=\"/icbs/QJM\""))
            }
        }
    }

    @Test("An ICB page shows its headline figures, links and Sub-ICB Locations")
    func icbPage() async throws {
        try await withWorkbench { app in
            let want = try #require(try Fixtures.expected().icbs["QT6"])
            try await app.signedIn().test(.GET, "/icbs/QT6") { response async throws in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("NHS Cornwall and the Isles of Scilly Integrated Care Board"))
                #expect(html.contains(ScaledDecimal.groupThousands(UInt64(want.population))))
                #expect(
                    html.contains(UDAs(tenThousandths: want.contractedUDAsHundredths * 100).rounded(to: 1).formatted))
                // Rounded on the card for reading, exact beside it.
                #expect(html.contains(Money(pence: want.contractedValuePence).roundedForReading))
                #expect(html.contains("exactly " + Money(pence: want.contractedValuePence).formatted))
                #expect(html.contains("href=\"/icbs/QT6/dental-contracts\""))
                #expect(html.contains("Source: ONS Census 2021"))
                #expect(html.contains("Sources and how current they are"))
            }
        }
    }

    @Test("The contracts list is sorted, filtered and paged on the server")
    func contractList() async throws {
        try await withWorkbench { app in
            let want = try #require(try Fixtures.expected().icbs["QT6"])
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-contracts?per_page=5&sort=uda_target&dir=desc&page=2")
            { response async throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("Showing 6–10 of \(want.dentalContracts) contracts"))
                #expect(response.text.contains("aria-sort=\"descending\""))
                #expect(response.text.contains("rel=\"next\"") || want.dentalContracts <= 10)
                #expect(response.text.contains("rel=\"prev\""))
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-contracts?format=csv&sort=uda_target&dir=desc") {
                response async throws in
                #expect(response.contentType == "text/csv; charset=utf-8")
                #expect(
                    response.headers.first(name: .contentDisposition)
                        == "attachment; filename=\"QT6-dental-contracts-2025-26.csv\"")
                let rows = try csvRows(response.text)
                #expect(
                    rows.first?.prefix(5) == ["Contract", "Provider", "Postcode", "LSOA (2011)", "UDA target (a year)"])
                #expect(rows.count == want.dentalContracts + 1)
                let targets = try rows.dropFirst().map { try ScaledDecimal.parse($0[4], scale: 2) }
                #expect(targets == targets.sorted(by: >))
                #expect(targets.reduce(0, +) == want.contractedUDAsHundredths)
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-contracts?format=csv&q=zzzz-no-such-provider") {
                response async throws in
                #expect(try csvRows(response.text).count == 1)
            }
        }
    }

    @Test("A contract page shows the year's months, chart and changes, and every year; each table downloads as CSV")
    func contractPage() async throws {
        try await withWorkbench { app in
            let contract = try #require(try Fixtures.expected().contracts["1025900000"])
            let want = try #require(contract.years["2023/24"])
            try await app.signedIn().test(.GET, "/dental-contracts/1025900000?year=2023-24") { response async throws in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("<svg class=\"chart\""))
                #expect(html.contains("2023/24 is final: from the twelve months"))
                #expect(html.contains("August 2023: QUA → QHL"))
                #expect(html.contains("\(want.changes) change"))
                #expect(html.contains("Higher is better"))
                #expect(html.contains("Every year of the contract"))
            }
            try await app.signedIn().test(.GET, "/dental-contracts/1025900000?year=2023-24&format=csv&table=months") {
                response async throws in
                #expect(try csvRows(response.text).count == want.months + 1)
            }
            try await app.signedIn().test(.GET, "/dental-contracts/1025900000?year=2023-24&format=csv&table=changes") {
                response async throws in
                #expect(try csvRows(response.text).count == want.changes + 1)
            }
            try await app.signedIn().test(.GET, "/dental-contracts/1025900000?format=csv&table=history") {
                response async throws in
                #expect(try csvRows(response.text).count == contract.years.count + 1)
            }
            try await app.signedIn().test(.GET, "/dental-contracts/1025900000?format=csv&table=nope") {
                response async throws in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("Pharmacy and dental practice lists show the ICB's active sites with coordinates")
    func organisations() async throws {
        try await withWorkbench { app in
            let want = try #require(try Fixtures.expected().icbs["QJM"])
            try await app.signedIn().test(.GET, "/icbs/QJM/pharmacies?format=csv") { response async throws in
                let rows = try csvRows(response.text)
                #expect(rows.count == want.pharmacies + 1)
                #expect(rows[0].contains("Latitude"))
                #expect(rows.dropFirst().contains { !$0[9].isEmpty })
            }
            try await app.signedIn().test(.GET, "/icbs/QJM/dental-practices") { response async throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("of \(want.dentalPractices) practices"))
            }
        }
    }

    @Test("About the data lists every import with its fingerprint")
    func aboutData() async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/about-the-data?format=csv") { response async throws in
                let rows = try csvRows(response.text)
                #expect(rows.count == Dataset.allCases.count + 1)
                #expect(rows.dropFirst().allSatisfy { $0[9].count == 64 })
            }
            try await app.signedIn().test(.GET, "/about-the-data") { response async throws in
                #expect(
                    response.text.contains("\(Dataset.allCases.count) of \(Dataset.allCases.count) datasets imported"))
            }
        }
    }

    @Test(
        "Errors are pages that say what went wrong",
        arguments: [
            ("/icbs/QZZ", 404, "No ICB with ODS code QZZ"), ("/icbs/not-a-code", 404, "is not a valid ICB code"),
            ("/dental-contracts/1234567890", 404, "No dental contract 1234567890"),
            ("/no/such/page", 404, "There is no page at this address"),
            ("/icbs/QT6/dental-contracts?year=2015/16", 404, "No dental activity for 2015/16"),
            ("/icbs/QT6/dental-contracts?page=abc", 400, "page and per_page must be whole numbers"),
            ("/icbs/QT6/dental-contracts?dir=sideways", 400, "dir must be asc or desc"),
        ])
    func errors(path: String, status: UInt, message: String) async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, path) { response async throws in
                #expect(response.status.code == status)
                #expect(response.contentType == "text/html; charset=utf-8")
                #expect(response.text.contains(message))
            }
        }
    }

    @Test("An empty database still serves every page")
    func emptyDatabase() async throws {
        try await withWorkbench(data: { _ in }) { app in
            for path in ["/", "/about-the-data", "/api/v1/icbs"] {
                try await app.signedIn().test(.GET, path) { response async throws in
                    #expect(response.status == .ok, "\(path)")
                }
            }
            try await app.signedIn().test(.GET, "/") { response async throws in
                #expect(response.text.contains("No dental activity is imported yet"))
            }
        }
    }
}
