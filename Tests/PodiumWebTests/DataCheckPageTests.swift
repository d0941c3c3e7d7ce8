import Foundation
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

/// The data checks list (page, CSV, API) and the caveat on a flagged contract's page, against values found in the
/// fixtures by a separate Python reading of the same file (Cornwall, 2023/24: one contract valued at £1,725.67 a UDA,
/// one whose target fell from 962 to 256 UDAs in June 2023).
@Suite("Dental data checks: implausible published values flagged, not silently used")
struct DataCheckPageTests {
    @Test("Cornwall's 2023/24 checks: the page, its CSV and the API agree with the independent reading")
    func list() async throws {
        try await withWorkbench { app in
            let session = try app.signedIn()
            try await session.test(.GET, "/api/v1/icbs/QT6/dental-data-checks?year=2023-24") { response in
                #expect(response.status == .ok)
                let checks = try #require(try JSONValue.parse(response.body.string)["checks"]?.array)
                let found = checks.compactMap { check -> String? in
                    guard let contract = check["contractNumber"]?.string, let kind = check["check"]?.string else {
                        return nil
                    }
                    return contract + " " + kind
                }
                #expect(found.sorted() == ["1530010003 uda-value", "7457310001 target-moved"])
                #expect(checks.contains { $0["seen"]?.string?.hasPrefix("£1,725.67 per UDA") == true })
                #expect(checks.contains { $0["seen"]?.string?.contains("962 → 256 UDAs") == true })
            }
            try await session.test(.GET, "/icbs/QT6/dental-data-checks?year=2023-24") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("2 checks on 2 of"))
            }
            try await session.test(.GET, "/icbs/QT6/dental-data-checks?year=2023-24&format=csv") {
                response async throws in
                #expect(try csvRows(response.text).count == 3)
            }
            try await session.test(.GET, "/dental-contracts/1530010003?year=2023-24") { response in
                #expect(response.text.contains("Data check: value per uda outside the usual band: £1,725.67 per UDA"))
            }
            try await session.test(.GET, "/dental-contracts/1000830000?year=2023-24") { response in
                #expect(!response.text.contains("Data check:"))
            }
            // The early warning carries the caveat beside the flagged contract's score, and only there.
            try await session.test(.GET, "/api/v1/icbs/QT6/providers-at-risk?year=2023-24") { response in
                let dental = try #require(try JSONValue.parse(response.body.string)["dental"]?.array)
                let flagged = dental.filter { $0["dataChecks"] != nil }
                // 7457310001 left the data before March 2024, so it is not scored; 1530010003 is.
                #expect(!dental.contains { $0["provider"]?.string == "contract:7457310001" })
                #expect(flagged.map { $0["provider"]?.string } == ["contract:1530010003"])
                #expect(flagged.first?["dataChecks"]?.array?.first?.string?.contains("£1,725.67 per UDA") == true)
            }
        }
    }
}
