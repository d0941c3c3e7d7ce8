import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

@Suite("Dental contract management pages")
struct DentalPositionTests {
    /// QT6's contract 1639100001 and the contract that moves from QUA to QHL, from the fixtures.
    static let contract = "1639100001"

    @Test("A contract page shows its position against the profile, mid-year, forecast with range, and why")
    func contractPage() async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/dental-contracts/\(Self.contract)") { response async throws in
                #expect(response.status == .ok)
                let html = response.text
                for section in [
                    "Delivery against the working-day profile", "Mid-year review", "Forecast year end",
                    "Why: the rules behind each figure",
                    "Variations recorded by commissioners", "Record a variation",
                ] {
                    #expect(html.contains(section), "\(section)")
                }
                #expect(html.contains("GDS Contracts Regulations 2005, Schedule 3"))
                #expect(html.contains("NHSBSA knowledge article KA-01672"))
                #expect(html.contains("class=\"marker\""))
                #expect(html.contains("Rules: 96% lower and 102% upper tolerance"))
            }
            try await app.signedIn().test(.GET, "/dental-contracts/\(Self.contract)?format=csv&table=forecast") {
                response async throws in
                // The learned forecast (the fixtures' 2025/26 is learned from 2024/25, 2023/24 and 2022/23), its 80 %
                // interval's two ends, then the two paces for comparison.
                let rows = try csvRows(response.text)
                #expect(rows.count == 6)
                #expect(rows[0].first == "Pace")
                #expect(
                    rows.dropFirst().map { $0.first ?? "" } == [
                        "learned forecast", "10th percentile", "90th percentile", "year-to-date pace",
                        "pace of the last 3 months reported",
                    ])
            }
        }
    }

    @Test("Recording a hand-back changes the position; withdrawing it restores it; both are kept with who and why")
    func recordAndWithdraw() async throws {
        try await withWorkbench { app in
            let path = "/dental-contracts/\(Self.contract)"
            var before = try await target(app, path)
            // The audit trail names the signed-in person, whatever a form might claim.
            let ann = try await app.session(
                as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), email: "ann@example.nhs.uk",
                name: "A. Commissioner")
            let bob = try await app.session(
                as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), email: "bob@example.nhs.uk", name: "B. Analyst"
            )
            try await ann.test(
                .POST, path + "/variations",
                beforeRequest: { req in
                    try req.content.encode(
                        [
                            "kind": "hand-back", "effective": "2023-04-01", "udas": "500", "value": "12915.23",
                            "reason": "Practice reducing its NHS commitment", "recorded_by": "Someone Else",
                        ], as: .urlEncodedForm)
                }
            ) { response async throws in
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == path + "#variations")
            }
            let after = try await target(app, path)
            #expect(after == before - 500)
            var variationID = ""
            try await app.signedIn().test(.GET, "/api/v1\(path)/position") { response async throws in
                let body = try JSONValue.parse(response.body.string)
                guard case .array(let variations) = body["variations"], let first = variations.first else {
                    Issue.record("no variations")
                    return
                }
                #expect(first["recordedBy"]?.string == "A. Commissioner (ann@example.nhs.uk)")
                #expect(first["reason"]?.string == "Practice reducing its NHS commitment")
                variationID = first["id"]?.string ?? ""
            }
            try await bob.test(
                .POST, path + "/variations/\(variationID)/withdraw",
                beforeRequest: { req in
                    try req.content.encode(["reason": "Now shown in the NHSBSA data"], as: .urlEncodedForm)
                }
            ) { response async throws in
                #expect(response.status == .seeOther)
            }
            before = try await target(app, path)
            #expect(before == after + 500)
            try await app.signedIn().test(.GET, path + "?format=csv&table=variations") { response async throws in
                let rows = try csvRows(response.text)
                #expect(rows.count == 2)
                #expect(rows[1].last?.hasPrefix("Withdrawn by B. Analyst (bob@example.nhs.uk)") == true)
            }
        }
    }

    @Test(
        "A variation with problems is not recorded; the page says what is wrong and keeps what was typed",
        arguments: [
            (
                ["kind": "hand-back", "effective": "2023-13-01", "udas": "x", "value": "", "reason": ""],
                ["Enter the effective date", "UDAs handed back", "Enter the value handed back", "Give the reason"]
            ),
            (
                ["kind": "hand-back", "effective": "2023-05-01", "udas": "999999", "value": "1", "reason": "r"],
                ["A hand-back cannot exceed the contract"]
            ),
            (
                [
                    "kind": "minimum-uda-value", "effective": "2023-05-01", "minimum": "20.00", "method": "raiseValue",
                    "reason": "r",
                ],
                ["at or above the £20.00 minimum"]
            ),
            (["kind": "bogus", "effective": "2023-05-01", "reason": "r"], ["Choose the kind of variation"]),
        ])
    func rejected(form: [String: String], messages: [String]) async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(
                .POST, "/dental-contracts/\(Self.contract)/variations",
                beforeRequest: { req in
                    try req.content.encode(form, as: .urlEncodedForm)
                }
            ) { response async throws in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("The variation was not recorded"))
                for message in messages { #expect(response.text.contains(message), "\(message)") }
            }
            try await app.signedIn().test(.GET, "/api/v1/dental-contracts/\(Self.contract)/position") {
                response async throws in
                guard case .array(let variations) = try JSONValue.parse(response.body.string)["variations"] else {
                    return
                }
                #expect(variations.isEmpty)
            }
        }
    }

    @Test("The ICB dashboard shows flags, projected money, bands, risks and the trend, each downloadable")
    func icbDashboard() async throws {
        try await withWorkbench { app in
            let want = try #require(try Fixtures.expected().icbs["QT6"])
            try await app.signedIn().test(.GET, "/icbs/QT6/dental-position") { response async throws in
                #expect(response.status == .ok)
                for text in [
                    "Flagged at mid-year", "Projected clawback", "Projected underspend", "Projected year-end bands",
                    "Top risks", "Every contract",
                ] {
                    #expect(response.text.contains(text), "\(text)")
                }
                #expect(response.text.contains("id=\"trend-chart-title\""))
                // No variation is recorded: the underspend is the clawback, said in words, not a second equal figure.
                #expect(response.text.contains("no recorded variation releases value"))
            }
            for table in ["positions", "top-risks", "mid-year-flags", "bands", "trend"] {
                try await app.signedIn().test(.GET, "/icbs/QT6/dental-position?format=csv&table=\(table)") {
                    response async throws in
                    #expect(response.contentType == "text/csv; charset=utf-8", "\(table)")
                    let rows = try csvRows(response.text)
                    if table == "positions" { #expect(rows.count == want.dentalContracts + 1) }
                    if table == "bands" { #expect(rows.count == 5) }
                    if table == "trend" { #expect(rows.count == 7) }  // April–September 2025
                }
            }
        }
    }

    @Test("England's dental position lists all 42 ICBs with an England total")
    func england() async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/dental-position?format=csv") { response async throws in
                let rows = try csvRows(response.text)
                #expect(rows.count == 42 + 2)
                #expect(rows.last?.first == "England")
            }
            try await app.signedIn().test(.GET, "/dental-position?overdelivery=110&foundation=count") {
                response async throws in
                #expect(response.status == .ok)
                #expect(response.text.contains("over-delivery paid up to 110%"))
                #expect(response.text.contains("foundation dentists&#39; UDAs counted"))
            }
        }
    }

    @Test(
        "Position choices are validated",
        arguments: [
            "/icbs/QT6/dental-position?overdelivery=abc", "/icbs/QT6/dental-position?overdelivery=90",
            "/dental-position?overdelivery_mode=sideways&overdelivery=110",
            "/api/v1/dental-contracts/\(contract)/position?year=bad",
        ])
    func invalidChoices(path: String) async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, path) { response async throws in
                #expect(response.status == .badRequest)
            }
        }
    }

    @Test("Counting foundation dentists raises delivery by their UDAs")
    func foundationDentists() async throws {
        try await withWorkbench { app in
            let expected = try Fixtures.expected()
            let (number, year, want) = try #require(
                expected.contracts.sorted { $0.key < $1.key }.lazy.compactMap { number, contract in
                    contract.years.sorted { $0.key < $1.key }.first { $0.value.foundationHundredths > 0 }.map {
                        (number, $0.key, $0.value)
                    }
                }.first)
            let query = "year=\(year.replacing("/", with: "-"))"
            var excluded = ""
            var counted = ""
            try await app.signedIn().test(.GET, "/api/v1/dental-contracts/\(number)/position?\(query)") {
                response async throws in
                excluded = Self.number(try JSONValue.parse(response.body.string)["deliveredToDate"])
            }
            try await app.signedIn().test(
                .GET, "/api/v1/dental-contracts/\(number)/position?\(query)&foundation=count"
            ) { response async throws in
                counted = Self.number(try JSONValue.parse(response.body.string)["deliveredToDate"])
            }
            let difference = try ScaledDecimal.parse(counted, scale: 4) - ScaledDecimal.parse(excluded, scale: 4)
            #expect(difference == want.foundationHundredths * 100)
        }
    }

    static func number(_ value: JSONValue?) -> String {
        switch value {
        case .integer(let number): String(number)
        case .number(let number): String(number)
        default: "0"
        }
    }

    /// The year's effective target in whole UDAs, from the API.
    private func target(_ app: Application, _ path: String) async throws -> Int64 {
        var target: Int64 = 0
        try await app.signedIn().test(.GET, "/api/v1\(path)/position") { response async throws in
            target =
                (try? ScaledDecimal.parse(
                    Self.number(try JSONValue.parse(response.body.string)["effectiveTerms"]?["udaTarget"]), scale: 0))
                ?? -1
        }
        return target
    }
}
