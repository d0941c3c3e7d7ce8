import Foundation
import PodiumCore
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

/// SPC charts, summaries and funnels on the contract, ICB and Pharmacy First pages, checked against arithmetic done here
/// from the same figures the API returns.
@Suite("SPC on the workbench pages")
struct SPCPageTests {
    /// The parts of an API `SPCMeasure` these tests recompute.
    struct Measure: Decodable {
        struct Limits: Decodable {
            var mean: Double, movingRangeMean: Double, upperProcessLimit: Double, lowerProcessLimit: Double, trial: Bool
        }
        struct Point: Decodable {
            var period: String, value: Double, rules: [String], pointType: String
        }
        var id: String, direction: String, variationIcon: String, assuranceIcon: String?
        var limits: [Limits], points: [Point]
    }

    /// Mean, MR̄ and limits worked out directly from the values (one segment, no screening: the MDC Excel defaults).
    /// The limits worked from `baseline` (default: the measure's own points), by the Making Data Count formulas, within
    /// `rounding` of a baseline value (a CSV's values carry one decimal: mean within 0.05, MR̄ within 0.1).
    static func expectLimits(
        of measure: Measure, baseline: [Double]? = nil, rounding: Double = 0,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let values = baseline ?? measure.points.map(\.value)
        let limits = try #require(measure.limits.first, sourceLocation: sourceLocation)
        let mean = values.reduce(0, +) / Double(values.count)
        let ranges = zip(values.dropFirst(), values).map { abs($0 - $1) }
        let movingRangeMean = ranges.reduce(0, +) / Double(ranges.count)
        let (meanSlack, rangeSlack) = (
            rounding / 2 + 1e-6 * max(1, abs(mean)), rounding + 1e-6 * max(1, movingRangeMean)
        )
        #expect(abs(limits.mean - mean) < meanSlack, sourceLocation: sourceLocation)
        #expect(abs(limits.movingRangeMean - movingRangeMean) < rangeSlack, sourceLocation: sourceLocation)
        #expect(
            abs(limits.upperProcessLimit - (mean + 2.66 * movingRangeMean)) < meanSlack + 2.66 * rangeSlack,
            sourceLocation: sourceLocation)
        #expect(
            abs(limits.lowerProcessLimit - (mean - 2.66 * movingRangeMean)) < meanSlack + 2.66 * rangeSlack,
            sourceLocation: sourceLocation)
        #expect(limits.trial == (values.count < 12), sourceLocation: sourceLocation)
        // A point outside the limits is astronomical, and one inside never is.
        for point in measure.points {
            let outside = point.value > limits.upperProcessLimit || point.value < limits.lowerProcessLimit
            #expect(
                point.rules.contains("astronomical") == outside, "\(measure.id) \(point.period)",
                sourceLocation: sourceLocation)
        }
    }

    static func decode<T: Decodable>(_ type: T.Type, _ response: TestingHTTPResponse) throws -> T {
        try JSONDecoder().decode(T.self, from: Data(response.body.string.utf8))
    }

    @Test(
        "A contract's monthly delivery against profile is charted with its limits, icons, direction and a CSV of points"
    )
    func contract() async throws {
        struct Position: Decodable {
            struct Month: Decodable { var month: String, delivered: Double?, expected: Double }
            var months: [Month]
            var spc: Measure
        }
        try await withWorkbench { app in
            let contract = DentalPositionTests.contract
            var position: Position?
            try await app.signedIn().test(.GET, "/api/v1/dental-contracts/\(contract)/position") {
                response async throws in
                position = try Self.decode(Position.self, response)
            }
            let spc = try #require(position?.spc)
            // One point per month with delivery reported against a non-zero expectation, as % of it.
            let charted = try #require(position?.months.filter { $0.delivered != nil && $0.expected > 0 })
            #expect(spc.points.map(\.period) == charted.map(\.month))
            for (point, month) in zip(spc.points, charted) {
                #expect(abs(point.value - (month.delivered ?? 0) / month.expected * 100) < 0.01, "\(month.month)")
            }
            #expect(spc.points.count >= 2)
            try Self.expectLimits(of: spc)
            try await app.signedIn().test(.GET, "/dental-contracts/\(contract)") { response async throws in
                let html = response.text
                #expect(html.contains("id=\"spc-delivery-title\""))
                #expect(
                    html.contains("UDAs delivered against the working-day profile (% of profile): higher is better."))
                #expect(html.contains("trial limits"))
                #expect(html.contains("class=\"spc-icon"))
                #expect(html.contains("?format=csv&amp;table=spc-delivery"))
            }
            try await app.signedIn().test(.GET, "/dental-contracts/\(contract)?format=csv&table=spc-delivery") {
                response async throws in
                #expect(response.contentType == "text/csv; charset=utf-8")
                let rows = try csvRows(response.text)
                #expect(
                    rows.first == ["Period", "% of profile", "Mean", "Lower limit", "Upper limit", "Rules", "Point"])
                #expect(rows.dropFirst().map { $0[0] } == spc.points.map(\.period))
            }
        }
    }

    @Test("The ICB dashboard has the board summary with both icons, three charts, and a funnel listing its outliers")
    func icb() async throws {
        struct ICBPosition: Decodable {
            var spc: [Measure]
        }
        try await withWorkbench { app in
            var measures: [Measure] = []
            try await app.signedIn().test(.GET, "/api/v1/icbs/QT6/dental-position") { response async throws in
                measures = try Self.decode(ICBPosition.self, response).spc
            }
            #expect(measures.map(\.id) == ["delivery", "adults-seen", "children-seen"])
            // Each year measure is judged against limits from its every-month series' first 24 months from April 2022
            // (after the pandemic), the months before the year included: read from that series' CSV (one decimal).
            for measure in measures {
                var series: [[String]] = []
                try await app.signedIn().test(
                    .GET, "/icbs/QT6/dental-position?format=csv&table=spc-\(measure.id)-series"
                ) { response async throws in series = Array(try csvRows(response.text).dropFirst()) }
                let first = try #require(measure.points.first?.period)
                let before = series.filter { $0[0] >= "2022-04" && $0[0] < first }.compactMap { Double($0[1]) }
                #expect(!before.isEmpty, "\(measure.id)")
                try Self.expectLimits(
                    of: measure, baseline: Array((before + measure.points.map(\.value)).prefix(24)), rounding: 0.1)
            }
            // Patients seen are per 1,000 of the ICB's residents: fewer than all of them.
            for measure in measures.dropFirst() {
                #expect(measure.points.allSatisfy { $0.value > 0 && $0.value < 1_000 }, "\(measure.id)")
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position") { response async throws in
                let html = response.text
                for id in ["spc-delivery", "spc-adults-seen", "spc-children-seen", "funnel-chart"] {
                    #expect(html.contains("id=\"\(id)-title\""), "\(id)")
                }
                #expect(html.contains("Contracts compared: funnel plot"))
                #expect(
                    html.contains("providers outside the 95% limits")
                        || html.contains("provider outside the 95% limits"))
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position?format=csv&table=spc-summary") {
                response async throws in
                let rows = try csvRows(response.text)
                let header = try #require(rows.first)
                let variation = try #require(header.firstIndex(of: "Variation"))
                let assurance = try #require(header.firstIndex(of: "Assurance"))
                #expect(rows.count == 4)
                #expect(rows.dropFirst().map { $0[variation] } == measures.map(\.variationIcon))
                // delivery has a 100% target; patients seen have none
                #expect(rows[1][assurance] == measures[0].assuranceIcon)
                #expect(rows[2][assurance] == "no target")
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position?format=csv&table=funnel") {
                response async throws in
                let rows = try csvRows(response.text)
                let header = try #require(rows.first)
                let z = try #require(header.firstIndex(of: "z-score (after overdispersion)"))
                let flag = try #require(header.firstIndex(of: "Funnel"))
                #expect(rows.count > 10)
                // The flag follows the z-score: beyond ±1.96 outside the 95% limits, beyond ±3.09 an outlier.
                for row in rows.dropFirst() {
                    let score = abs(Double(row[z]) ?? .nan)
                    let expected = score > 3.0902 ? "(outlier)" : score > 1.9600 ? "95% limit" : "within the funnel"
                    if abs(score - 1.96) > 0.005, abs(score - 3.09) > 0.005 {
                        #expect(row[flag].contains(expected), "\(row)")
                    }
                }
                // Outliers and warnings come first.
                let firstWithin = rows.dropFirst().firstIndex { $0[flag] == "within the funnel" } ?? rows.count
                #expect(rows[firstWithin...].allSatisfy { $0[flag] == "within the funnel" })
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position?format=csv&table=spc-children-seen") {
                response async throws in
                #expect(try csvRows(response.text).count == (measures.last?.points.count ?? 0) + 1)
            }
        }
    }

    @Test("Pharmacy First: England and each region charted from February 2024, regions adding up to England")
    func pharmacyFirst() async throws {
        struct Overview: Decodable {
            var areas: [Measure]
            var conditions: [Measure]
        }
        try await withWorkbench { app in
            var overview: Overview?
            try await app.signedIn().test(.GET, "/api/v1/pharmacy-first") { response async throws in
                overview = try Self.decode(Overview.self, response)
            }
            let areas = try #require(overview?.areas)
            #expect(areas.count == 8)
            #expect(overview?.conditions.count == PharmacyFirstCondition.allCases.count)
            for measure in areas + (overview?.conditions ?? []) {
                #expect(measure.points.first?.period == "2024-02", "\(measure.id)")
                #expect(measure.points.count == 12, "\(measure.id)")  // February 2024 – January 2025
                #expect(measure.direction == "increase")
                #expect(measure.assuranceIcon == nil)
                try Self.expectLimits(of: measure)
            }
            // The regions' monthly totals add up to England's, month by month.
            let england = try #require(areas.first)
            let regions = areas.dropFirst()
            for (index, point) in england.points.enumerated() {
                #expect(regions.map { $0.points[index].value }.reduce(0, +) == point.value, "\(point.period)")
            }
            try await app.signedIn().test(.GET, "/pharmacy-first") { response async throws in
                let html = response.text
                #expect(response.status == .ok)
                for measure in areas { #expect(html.contains("id=\"spc-\(measure.id)-title\""), "\(measure.id)") }
                #expect(html.contains("higher is better"))
            }
            for (table, rows) in [("areas", 9), ("conditions", 8), ("monthly", 16), ("spc-area-london", 13)] {
                try await app.signedIn().test(.GET, "/pharmacy-first?format=csv&table=\(table)") {
                    response async throws in
                    #expect(response.contentType == "text/csv; charset=utf-8", "\(table)")
                    #expect(try csvRows(response.text).count == rows, "\(table)")
                }
            }
            try await app.signedIn().test(.GET, "/pharmacy-first?format=csv&table=nope") { response async throws in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("spc-area-london"))
            }
        }
    }
}
