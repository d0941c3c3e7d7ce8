import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import PodiumWeb
import SQLKit
import Testing
import Vapor
import VaporTesting

@Suite("Need and access: model from the database, pages, what-ifs and CSV")
struct AccessPageTests {
    @Test(
        "The model's inputs come from the database: mid-2024 people at ONS 2021 centroids; contracts keep their latest target"
    )
    func inputs() async throws {
        try await withWorkbench { app in
            let store = AccessStore(database: app.db)
            let areas = try await store.areas()
            let sql = try app.db.sql()
            let expected = try await sql.raw(
                """
                SELECT COUNT(*) AS n FROM population_mid2024 p JOIN iod2025_lsoa21 d ON d.lsoa21_code = p.lsoa21_code
                JOIN lsoa21_centroids c ON c.lsoa21_code = p.lsoa21_code WHERE p.age_code = 200
                """
            ).first(decoding: Count.self)
            #expect(areas.count == expected?.n)
            #expect(areas.count > 300)
            // People and children (0–17) of QT6's areas, as Python summed them from the mid-2024 file.
            let want = try #require(try Fixtures.expected().icbs["QT6"])
            let cornwall = areas.filter { $0.icb == ICBCode("QT6") }
            #expect(cornwall.map(\.children).reduce(0, +) == want.childrenMid2024)
            #expect(cornwall.map(\.adults).reduce(0, +) == want.adultsMid2024)
            // An unchanged LSOA's 2021 population-weighted centroid lies near its 2011 one: both weight the same
            // streets, by a census ten years apart.
            let unchanged = try await sql.raw(
                """
                SELECT l.lsoa21_code AS code, p.easting, p.northing FROM lsoa11_lsoa21 l JOIN lsoa11_centroids p ON p.lsoa11_code = l.lsoa11_code
                WHERE l.change_code = 'U' ORDER BY l.lsoa21_code
                """
            ).all(decoding: Centroid.self)
            #expect(unchanged.count > 100)
            var moved: [Double] = []
            for old in unchanged {
                guard let area = areas.first(where: { $0.code.rawValue == old.code }) else { continue }
                let dx = area.location.easting - old.easting
                let dy = area.location.northing - old.northing
                moved.append((dx * dx + dy * dy).squareRoot())
            }
            #expect(moved.count == unchanged.count)
            #expect(moved.sorted()[moved.count / 2] < 200, "median movement \(moved.sorted()[moved.count / 2]) m")
            #expect(moved.allSatisfy { $0 < 3_000 })
            // Dental sites: each contract's latest UDA target, as the contract engine reads it.
            let years = try await DentalStore(database: app.db).financialYears()
            let year = try #require(years.first)
            let sites = try await store.dentalSites(in: year)
            let contracts = try await DentalStore(database: app.db).contractYears(in: year)
            #expect(sites.sites.count + sites.unlocated.count + sites.withoutCapacity == contracts.count)
            for site in sites.sites {
                let contract = try #require(contracts.first { $0.contract.rawValue == site.id })
                #expect(site.capacity == Double(contract.udaTarget.tenThousandths) / 10_000)
                #expect(site.activity == Double(contract.udasDeliveredToDate.tenThousandths) / 10_000)
            }
        }
    }

    @Test("Every UDA someone can reach is shared out: Σ people × access over England equals the reachable targets")
    func conservation() async throws {
        try await withWorkbench { app in
            let store = AccessStore(database: app.db)
            let year = try #require(try await DentalStore(database: app.db).financialYears().first)
            let model = AccessModel(areas: try await store.areas(), sites: try await store.dentalSites(in: year).sites)
            let shared = zip(model.access, model.population).reduce(0.0) { $1.0.isNaN ? $0 : $0 + $1.0 * $1.1 }
            let reachable = model.sites.indices.filter { model.scenario.base.demand[$0] > 0 }.reduce(0.0) {
                $0 + model.sites[$1].capacity
            }
            #expect(reachable > 0)
            #expect(abs(shared - reachable) <= 1e-9 * reachable)
        }
    }

    @Test("The ICB page shows the map, deciles, gap list, every LSOA and the sites; each table downloads as CSV")
    func icbPage() async throws {
        try await withWorkbench { app in
            let lsoas = try await AccessStore(database: app.db).areas().filter { $0.icb?.rawValue == "QT6" }.count
            try await app.signedIn().test(.GET, "/icbs/QT6/access") { response async throws in
                #expect(response.status == .ok)
                let html = response.text
                #expect(html.contains("Need and access: Cornwall and the Isles of Scilly"))
                // Every LSOA an area of the map, inside Cornwall's outline over its neighbours, credited to ONS.
                #expect(html.components(separatedBy: "<path class=\"area ").count - 1 == lsoas)
                #expect(html.contains("<path class=\"outline\""))
                #expect(html.contains("<title>NHS Devon Integrated Care Board</title>"))
                #expect(
                    html.contains(
                        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0."))
                #expect(html.contains("id=\"decile-chart\""))
                #expect(html.contains("UDAs a year per 1,000 residents in reach"))
                #expect(html.contains("Showing 1–\(min(lsoas, ListRequest.defaultPerPage)) of \(lsoas) LSOAs"))
                #expect(html.contains("href=\"/icbs/QT6/access/what-if?change=close&amp;site="))
                // Cornwall has LSOAs in decile 1 and none in decile 10: the card says which one is missing.
                let deciles = Set(
                    try await AccessStore(database: app.db).areas().filter { $0.icb?.rawValue == "QT6" }.map(
                        \.imdDecile))
                #expect(deciles.contains(1) && !deciles.contains(10))
                #expect(html.contains("no LSOA here is in IMD decile 10 (the least deprived), so no ratio"))
            }
            // Every table downloads whole: a header, then a row per LSOA, per IMD decile, per gap-list entry and per site
            // (the last two as many as the page counts).
            var page = ""
            try await app.signedIn().test(.GET, "/icbs/QT6/access") { page = $0.text }
            let count = { (pattern: String) -> Int? in
                page.range(of: pattern, options: .regularExpression).flatMap { Int(page[$0].prefix { $0.isNumber }) }
            }
            let gaps = count(#"[0-9]+(?= LSOAs, largest shortfall first)"#) ?? 0
            let sites = try #require(count(#"[0-9]+(?= dental contracts the ICB commissions)"#))
            for (table, rows) in [
                ("access-areas", lsoas), ("access-gaps", gaps), ("access-deciles", 10), ("access-sites", sites),
            ] {
                try await app.signedIn().test(.GET, "/icbs/QT6/access?format=csv&table=\(table)") {
                    response async throws in
                    #expect(response.status == .ok)
                    #expect(response.contentType.hasPrefix("text/csv"))
                    #expect(try csvRows(response.text).count == rows + 1, "\(table)")
                }
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/access?format=csv") { response async throws in
                #expect(response.text.split(whereSeparator: \.isNewline).count == lsoas + 1)
            }
            for path in [
                "/icbs/QT6/access?service=pharmacy&demand=children", "/access", "/access?service=pharmacy&format=csv",
            ] {
                try await app.signedIn().test(.GET, path) { response async throws in
                    #expect(response.status == .ok, "\(path)")
                }
            }
        }
    }

    @Test("Closing a contract re-scores its catchment: nobody gains, and those left with no site are counted")
    func closeWhatIf() async throws {
        try await withWorkbench { app in
            let site = try #require(try await firstSite(app))
            try await app.signedIn().test(.GET, "/api/v1/icbs/QT6/access/what-if?change=close&site=\(site)") {
                response async throws in
                #expect(response.status == .ok)
                let body = try JSONValue.parse(response.body.string)
                let changed = try #require(body["changedAreas"]?.array)
                #expect(!changed.isEmpty)
                var losing = 0
                for area in changed {
                    let before = try #require(area["before"]?.number)
                    if let after = area["after"]?.number {
                        #expect(after < before)
                    } else {
                        losing += area["population"]?.integer ?? 0
                    }
                }
                #expect(body["populationLosingAllAccess"]?.integer == losing)
                #expect(body["populationGainingAccess"]?.integer == 0)
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/access/what-if?change=close&site=\(site)") {
                response async throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("id=\"map-before\""))
                #expect(response.text.contains("id=\"map-after\""))
                #expect(response.text.contains("id=\"whatif-decile-chart\""))
                // The difference map: a closure only makes access worse (or leaves it).
                let change = try #require(response.text.components(separatedBy: "id=\"map-change\"").last)
                #expect(change.contains("<path class=\"area loss\""))
                #expect(!change.contains("<path class=\"area gain\""))
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/access/what-if?change=close&site=\(site)&format=csv") {
                response async throws in
                #expect(response.text.hasPrefix("LSOA (2021),"))
            }
        }
    }

    @Test("Opening a site at a postcode only raises access; moving capacity keeps the total")
    func openAndMove() async throws {
        try await withWorkbench { app in
            let postcode = try #require(
                try await app.db.sql().raw(
                    "SELECT postcode FROM dental_activity WHERE commissioner_code = 'QT6' ORDER BY postcode"
                ).first(decoding: PostcodeRow.self))
            let encoded = postcode.postcode.replacingOccurrences(of: " ", with: "%20")
            try await app.signedIn().test(
                .GET, "/api/v1/icbs/QT6/access/what-if?change=open&postcode=\(encoded)&capacity=5000"
            ) { response async throws in
                #expect(response.status == .ok)
                let changed = try #require(try JSONValue.parse(response.body.string)["changedAreas"]?.array)
                #expect(!changed.isEmpty)
                for area in changed {
                    #expect((area["after"]?.number ?? 0) > (area["before"]?.number ?? 0))
                }
            }
            let site = try #require(try await firstSite(app))
            try await app.signedIn().test(
                .GET, "/api/v1/icbs/QT6/access/what-if?change=capacity&site=\(site)&capacity=0"
            ) { response async throws in
                #expect(response.status == .ok)
            }
        }
    }

    @Test(
        "What-ifs that cannot apply are refused in words",
        arguments: [
            ("/api/v1/icbs/QT6/access/what-if?change=close&site=0000000000", 404, "site_not_found"),
            ("/api/v1/icbs/QT6/access/what-if?change=close", 400, "invalid_parameter"),
            ("/api/v1/icbs/QT6/access/what-if?change=explode", 400, "invalid_parameter"),
            ("/api/v1/icbs/QT6/access/what-if", 400, "invalid_parameter"),
            ("/api/v1/icbs/QT6/access/what-if?change=open&postcode=ZZ99%209ZZ&capacity=10", 404, "postcode_not_found"),
            ("/api/v1/icbs/QT6/access/what-if?change=open&postcode=nonsense&capacity=10", 400, "invalid_parameter"),
            ("/api/v1/icbs/QT6/access?service=optometry", 400, "invalid_parameter"),
            ("/api/v1/icbs/QT6/access?demand=pets", 400, "invalid_parameter"),
            ("/api/v1/icbs/QZZ/access", 404, "icb_not_found"),
        ])
    func refused(path: String, status: UInt, code: String) async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, path) { response async throws in
                #expect(response.status.code == status)
                #expect(try JSONValue.parse(response.body.string)["error"]?["code"]?.string == code)
            }
        }
    }

    @Test("Moving more UDAs than a contract has is refused")
    func moveTooMuch() async throws {
        try await withWorkbench { app in
            let sites = try await AccessStore(database: app.db).dentalSites(
                in: try #require(try await DentalStore(database: app.db).financialYears().first)
            )
            .sites.filter { $0.icb?.rawValue == "QT6" }
            try #require(sites.count >= 2)
            try await app.signedIn().test(
                .GET,
                "/api/v1/icbs/QT6/access/what-if?change=move&site=\(sites[0].id)&to=\(sites[1].id)&amount=\(Int(sites[0].capacity) + 1)"
            ) { response async throws in
                #expect(response.status == .badRequest)
                #expect(try JSONValue.parse(response.body.string)["error"]?["code"]?.string == "invalid_change")
            }
        }
    }

    private func firstSite(_ app: Application) async throws -> String? {
        let year = try #require(try await DentalStore(database: app.db).financialYears().first)
        return try await AccessStore(database: app.db).dentalSites(in: year).sites.first { $0.icb?.rawValue == "QT6" }?
            .id
    }

    struct Count: Decodable { var n: Int }
    struct Centroid: Decodable {
        var code: String
        var easting: Double
        var northing: Double
    }
    struct PostcodeRow: Decodable { var postcode: String }
}

extension JSONValue {
    var array: [JSONValue]? { if case .array(let value) = self { value } else { nil } }
    /// A JSON number whichever way it was written (`1500` decodes as an integer).
    var number: Double? {
        switch self {
        case .integer(let value): Double(value)
        case .number(let value): value
        default: nil
        }
    }
    var integer: Int? { if case .integer(let value) = self { Int(value) } else { nil } }
}
