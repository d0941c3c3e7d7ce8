import Foundation
import PodiumImport
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

@Suite("JSON API")
struct APITests {
    /// Requests whose responses are kept as golden files in `Golden/` (import times are blanked).
    static let goldens: [(name: String, path: String, schema: String)] = [
        ("icbs", "/api/v1/icbs", "ICBList"),
        ("icb-QT6", "/api/v1/icbs/QT6", "ICBDetail"),
        (
            "dental-contracts-QT6", "/api/v1/icbs/QT6/dental-contracts?sort=uda_target&dir=desc&per_page=5",
            "ContractPage"
        ),
        ("dental-contract-1025900000", "/api/v1/dental-contracts/1025900000", "ContractDetail"),
        ("pharmacies-QJM", "/api/v1/icbs/QJM/pharmacies?per_page=3&q=boots", "OrganisationPage"),
        ("dental-practices-QJM", "/api/v1/icbs/QJM/dental-practices?per_page=3", "OrganisationPage"),
        ("position-1025900000", "/api/v1/dental-contracts/1025900000/position?year=2023-24", "ContractPosition"),
        (
            "dental-position-QJM", "/api/v1/icbs/QJM/dental-position?year=2023-24&per_page=5&sort=clawback&dir=desc",
            "ICBPosition"
        ),
        ("dental-position-england", "/api/v1/dental-position?overdelivery=110", "EnglandPosition"),
        ("pharmacy-first", "/api/v1/pharmacy-first", "PharmacyFirst"),
        ("access-QT6", "/api/v1/icbs/QT6/access", "ICBAccess"),
        ("pharmacy-events-QT6", "/api/v1/icbs/QT6/pharmacy-events", "PharmacyEvents"),
        ("records-QT6-gos-contracts", "/api/v1/icbs/QT6/records/gos-contracts", "Records"),
        (
            "access-what-if-QT6",
            "/api/v1/icbs/QT6/access/what-if?change=move&site=1000730000&to=1000830000&amount=5000", "AccessWhatIf"
        ),
        ("finance-QT6", "/api/v1/icbs/QT6/finance", "Finance"),
        ("governance-QT6", "/api/v1/icbs/QT6/governance?date=2026-11-23", "Governance"),
        ("finance-south-west", "/api/v1/finance?region=Y58", "EnglandFinance"),
    ]
    /// Goldens answered with the labelled example records installed (finance has nothing to show without budgets).
    static let withExampleRecords: Set<String> = ["finance-QT6", "finance-south-west", "governance-QT6"]

    @Test("Responses match their golden files and their OpenAPI schema", arguments: goldens.map(\.name))
    func golden(name: String) async throws {
        let entry = try #require(Self.goldens.first { $0.name == name })
        let examples = Self.withExampleRecords.contains(name)
        try await withWorkbench(data: { database in
            try await Fixtures.importAll(into: database)
            if examples {
                try await ExampleRecords.install(on: database)
                try await GovernanceDefaults.install(on: database)
            }
        }) { app in
            try await app.signedIn().test(.GET, entry.path) { response async throws in
                #expect(response.status == .ok)
                #expect(response.contentType.hasPrefix("application/json"))
                let actual = try Golden.normalise(response.body.string)
                try Golden.compare(actual, name: name)
                #expect(
                    try SchemaValidator().validate(JSONValue.parse(response.body.string), against: entry.schema) == [])
            }
        }
    }

    @Test("Money is integer pence with a formatted string")
    func money() async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/api/v1/icbs/QT6") { response async throws in
                let value = try JSONValue.parse(response.body.string)["figures"]?["contractedValue"]
                guard case .integer = value?["pence"] else {
                    Issue.record("pence is not an integer: \(String(describing: value))")
                    return
                }
                #expect(value?["formatted"]?.string?.hasPrefix("£") == true)
            }
        }
    }

    @Test(
        "Errors have a stable code and a message",
        arguments: [
            ("/api/v1/icbs/QZZ", 404, "icb_not_found"), ("/api/v1/icbs/abcd", 404, "icb_not_found"),
            ("/api/v1/dental-contracts/1234567890", 404, "contract_not_found"),
            ("/api/v1/dental-contracts/12", 404, "contract_not_found"),
            ("/api/v1/icbs/QT6/dental-contracts?sort=bogus", 400, "invalid_parameter"),
            ("/api/v1/icbs/QT6/pharmacies?page=x", 400, "invalid_parameter"),
            ("/api/v1/icbs?year=1990/91", 404, "financial_year_not_found"),
            ("/api/v1/finance?region=Z1", 400, "invalid_parameter"),
            ("/api/v1/icbs/QZZ/finance", 404, "icb_not_found"), ("/api/v1/icbs?year=soon", 400, "invalid_parameter"),
            ("/api/v1/no-such-thing", 404, "not_found"),
        ])
    func errors(path: String, status: UInt, code: String) async throws {
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, path) { response async throws in
                #expect(response.status.code == status)
                let body = try JSONValue.parse(response.body.string)
                #expect(try SchemaValidator().validate(body, against: "Error") == [])
                #expect(body["error"]?["code"]?.string == code)
            }
        }
    }

    @Test("Every API route is in the OpenAPI document, and every documented path is a route")
    func openAPICoversRoutes() async throws {
        try await withWorkbench(data: { _ in }) { app in
            let routes = Set(
                app.routes.all.filter { $0.path.first?.description == "api" }.map { route in
                    "/"
                        + route.path.map { component -> String in
                            if case .parameter(let name) = component { return "{\(name)}" }
                            return component.description
                        }.joined(separator: "/")
                })
            var documented: Set<String> = []
            try await app.signedIn().test(.GET, "/api/v1/openapi.json") { response async throws in
                let document = try JSONSerialization.jsonObject(with: Data(response.body.string.utf8)) as? [String: Any]
                #expect(document?["openapi"] as? String == "3.0.3")
                documented = Set((document?["paths"] as? [String: Any] ?? [:]).keys)
            }
            #expect(!routes.isEmpty)
            #expect(routes == documented)
            #expect(try SchemaValidator().unresolvedReferences() == [])
        }
    }
}

/// Golden JSON files: compared as parsed JSON; set `PODIUM_RECORD_GOLDEN=1` to rewrite them after a deliberate change.
enum Golden {
    static let folder = Fixtures.root + "/Tests/PodiumWebTests/Golden"

    /// Pretty, key-sorted JSON with import timestamps blanked (they change with every run).
    static func normalise(_ text: String) throws -> String {
        let object = try JSONSerialization.jsonObject(with: Data(text.utf8))
        let data = try JSONSerialization.data(
            withJSONObject: blank(object), options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    private static func blank(_ value: Any) -> Any {
        if let dictionary = value as? [String: Any] {
            return Dictionary(
                uniqueKeysWithValues: dictionary.map { key, value in (key, key == "importedAt" ? "…" : blank(value)) })
        }
        if let array = value as? [Any] { return array.map(blank) }
        return value
    }

    static func compare(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = "\(folder)/\(name).json"
        if ProcessInfo.processInfo.environment["PODIUM_RECORD_GOLDEN"] == "1" {
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            Issue.record(
                "Recorded \(name).json; run again without PODIUM_RECORD_GOLDEN", sourceLocation: sourceLocation)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record(
                "No golden file \(name).json; record it with PODIUM_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        #expect(actual == expected, "\(name).json differs", sourceLocation: sourceLocation)
    }
}
