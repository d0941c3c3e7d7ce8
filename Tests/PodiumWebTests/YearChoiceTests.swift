import FluentKit
import Foundation
import PodiumCore
import PodiumImport
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

/// Every dental page, the finance pages, the committee paper and providers at risk take `year=YYYY-YY` for every
/// financial year with data; completed years are the twelve months summed; an ended year is told in the past tense.
@Suite("Ten years: every year-aware route takes year=, and each year's figures are its own")
struct YearChoiceTests {
    /// A contract the fixtures hold in every year from 2016/17 (an area team's, then Cornwall's).
    static let contract = "1000830000"

    /// Every registered GET route whose figures depend on the financial year, with QT6 and ``contract`` filled in.
    static func yearAwarePaths(_ app: Application) -> [String] {
        let yearAware = ["dental", "finance", "committee-paper", "providers-at-risk", "warning"]
        return app.routes.all.compactMap { route -> String? in
            guard route.method == .GET else { return nil }
            let pattern = route.path.map(\.description).joined(separator: "/")
            guard yearAware.contains(where: pattern.contains), !pattern.contains("pharmac"),
                !pattern.contains("dental-practices")
            else { return nil }
            return "/"
                + route.path.map { component -> String in
                    guard case .parameter(let name) = component else { return component.description }
                    return name == "icb" ? "QT6" : name == "contract" ? contract : "x"
                }.joined(separator: "/")
        }.sorted()
    }

    @Test("Every year-aware route answers year=2016-17 with that year, and refuses a year with no data or a bad one")
    func everyRoute() async throws {
        try await withWorkbench { app in
            let paths = Self.yearAwarePaths(app)
            // The walk must find the routes the issue names, so a renamed route cannot drop out of it unnoticed.
            for wanted in [
                "/dental-position", "/icbs/QT6/dental-position", "/icbs/QT6/dental-contracts",
                "/dental-contracts/\(Self.contract)", "/icbs/QT6/finance", "/finance", "/icbs/QT6/committee-paper",
                "/icbs/QT6/providers-at-risk", "/api/v1/dental-position", "/api/v1/icbs/QT6/dental-position",
                "/api/v1/dental-contracts/\(Self.contract)/position", "/api/v1/icbs/QT6/finance",
                "/api/v1/icbs/QT6/providers-at-risk",
            ] {
                #expect(paths.contains(wanted), "\(wanted) is not among \(paths)")
            }
            let session = try app.signedIn()
            for path in paths {
                try await session.test(.GET, path + "?year=2016-17") { response in
                    #expect(response.status == .ok, "\(path)?year=2016-17 answered \(response.status.code)")
                    #expect(response.text.contains("2016/17"), "\(path)?year=2016-17 does not name its year")
                }
                try await session.test(.GET, path + "?year=2015-16") { response in
                    #expect(response.status == .notFound, "\(path)?year=2015-16 answered \(response.status.code)")
                }
                try await session.test(.GET, path + "?year=2016-18") { response in
                    #expect(response.status == .badRequest, "\(path)?year=2016-18 answered \(response.status.code)")
                }
            }
        }
    }

    @Test("Links between years carry year=YYYY-YY, the form the issue's URLs use")
    func linksUseTheHyphen() async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position?year=2019-20") { response in
                #expect(response.text.contains("year=2016-17"))
                #expect(!response.text.contains("year=2016/17"))
            }
        }
    }

    @Test("England's completed years are their twelve months summed, as the fixtures' own script counts them")
    func completedYears() async throws {
        try await withWorkbench { app in
            let expected = try Fixtures.expected()
            try await app.signedIn().test(.GET, "/api/v1/dental-position") { response in
                let years = try #require(try JSONValue.parse(response.body.string)["years"]?.array)
                #expect(years.count == expected.years.count)
                for year in years {
                    let label = try #require(year["financialYear"]?.string)
                    let want = try #require(expected.years[label], "\(label)")
                    #expect(year["months"]?.int == want.months, "\(label)")
                    #expect(year["contracts"]?.int == want.contracts, "\(label)")
                    #expect(
                        Self.hundredths(year["contractedUDAs"]) == want.contractedHundredths, "\(label) contracted")
                    #expect(Self.hundredths(year["deliveredUDAs"]) == want.deliveredHundredths, "\(label) delivered")
                    #expect(year["contractsEnded"]?.int == want.ended, "\(label) ended")
                    // A completed year is final, or an estimate where its year-end rules are not confirmed (the
                    // pandemic years); the year in progress is projected.
                    let status = year["yearEnd"]?.string
                    #expect(
                        want.months == 12 ? ["final", "estimate"].contains(status) : status == "projected", "\(label)")
                    if label == "2016/17" || label == "2023/24" { #expect(status == "final") }
                    if label == "2020/21" { #expect(status == "estimate") }
                }
            }
        }
    }

    @Test("The mid-year review as held: April–September delivery against the September target, every contract")
    func midYearAsHeld() async throws {
        try await withWorkbench { app in
            let expected = try Fixtures.expected()
            let session = try app.signedIn()
            var checked = 0
            for (number, contract) in expected.contracts.sorted(by: { $0.key < $1.key }) {
                for label in ["2017/18", "2023/24"] {
                    guard let year = contract.years[label], let firstHalf = year.firstHalfDeliveredHundredths,
                        let target = year.targetAtSeptemberHundredths
                    else { continue }
                    let query = "year=\(label.replacing("/", with: "-"))"
                    try await session.test(.GET, "/api/v1/dental-contracts/\(number)/position?\(query)") { response in
                        let midYear = try JSONValue.parse(response.body.string)["midYear"]
                        #expect(Self.hundredths(midYear?["udaTarget"]) == target, "\(number) \(label)")
                        #expect(Self.hundredths(midYear?["firstHalfDelivered"]) == firstHalf, "\(number) \(label)")
                    }
                    checked += 1
                }
            }
            #expect(checked > 40)
            // 2020/21 had no mid-year review: quarterly thresholds took its place.
            try await session.test(.GET, "/api/v1/dental-contracts/1002190000/position?year=2020-21") { response in
                let body = try JSONValue.parse(response.body.string)
                #expect(body["midYear"] == nil || body["midYear"] == .null)
            }
        }
    }

    @Test("An ended year's finance page and committee paper speak in the past tense: no live deadline")
    func pastTense() async throws {
        try await withWorkbench { app in
            let session = try app.signedIn()
            for path in ["/icbs/QT6/finance?year=2023-24", "/icbs/QT6/committee-paper?year=2023-24"] {
                try await session.test(.GET, path) { response in
                    #expect(response.status == .ok)
                    #expect(!response.text.contains("must be committed by"), "\(path)")
                    #expect(response.text.contains("2023/24 ended") || response.text.contains("2023/24 has ended"))
                }
            }
            // The year in progress at the fixed clock (2026/27) has no dental data; the latest year with data,
            // 2025/26, has ended by 1 December 2026 too, so nothing on the default finance page is a live deadline.
            try await session.test(.GET, "/icbs/QT6/finance") { response in
                #expect(!response.text.contains("must be committed by"))
            }
        }
    }

    /// A JSON number of UDAs in hundredths, read exactly from its text.
    static func hundredths(_ value: JSONValue?) -> Int64? {
        let text = DentalPositionTests.number(value)
        return try? ScaledDecimal.parse(text, scale: 2)
    }
}

extension JSONValue {
    var int: Int? { if case .integer(let value) = self { Int(value) } else { nil } }
}

@Suite("as_of: the positions and forecast as they stood part way through a year")
struct AsOfTests {
    /// The fixtures with 2025/26 removed and 2024/25 cut after September 2024: the database as it was then.
    static func importedUpToSeptember2024(_ database: any Database) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-asof-\(UUID().uuidString)")
        try FileManager.default.copyItem(atPath: Fixtures.openData, toPath: folder.path)
        let monthly = folder.appendingPathComponent("nhsbsa_dental_activity_monthly")
        try FileManager.default.removeItem(at: monthly.appendingPathComponent("uda_contractor_2025-26.csv"))
        let year = monthly.appendingPathComponent("uda_contractor_2024-25.csv")
        // The publisher's Windows line endings are one Character ("\r\n") in Swift: split on any newline.
        let lines = try String(contentsOf: year, encoding: .utf8).split(whereSeparator: \.isNewline)
        let kept = [lines[0]] + lines.dropFirst().filter { $0.prefix(6) <= "202409" }
        try (kept.joined(separator: "\n") + "\n").write(to: year, atomically: true, encoding: .utf8)
        try await Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock).runBundled(
            directory: folder.path)
    }

    static func position(_ app: Application, _ path: String) async throws -> (totals: JSONValue?, contracts: JSONValue?)
    {
        var result: (JSONValue?, JSONValue?) = (nil, nil)
        try await app.signedIn().test(.GET, path) { response in
            #expect(response.status == .ok, "\(path)")
            let body = try JSONValue.parse(response.body.string)
            result = (body["totals"], body["contracts"])
        }
        return result
    }

    @Test("as_of=2024-09 answers exactly what a database holding only the data to September 2024 answers")
    func ignoresLaterMonths() async throws {
        let path = "/api/v1/icbs/QT6/dental-position?year=2024-25&per_page=100"
        let then = try await withWorkbench(data: Self.importedUpToSeptember2024) { app in
            try await Self.position(app, path)
        }
        let asOf = try await withWorkbench { app in try await Self.position(app, path + "&as_of=2024-09") }
        let now = try await withWorkbench { app in try await Self.position(app, path) }
        #expect(then.totals != nil && then.contracts != nil)
        // Kept: the cut really cut (the year is not final in the database as it was then).
        #expect(then.totals?["yearEnd"]?.string == "projected")
        #expect(asOf.totals == then.totals)
        #expect(asOf.contracts == then.contracts)
        // And the full year is different: the check can fail.
        #expect(now.totals != then.totals)
    }

    @Test("as_of must be a month of the year with data", arguments: ["2024-13", "2023-09", "2030-01", "x"])
    func refused(asOf: String) async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position?year=2024-25&as_of=\(asOf)") { response in
                #expect(response.status == .badRequest, "\(asOf)")
            }
        }
    }
}
