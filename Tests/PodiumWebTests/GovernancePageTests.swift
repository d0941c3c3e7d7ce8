import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
@testable import PodiumWeb
import Testing
import Vapor
import VaporTesting

@Suite("Governance: risk log heat map and readiness on the page (issue 9)")
struct GovernancePageTests {
    static func risk(_ reference: String, current: (Int, Int), review: String, status: String = "open") throws -> FieldValues {
        try RecordTemplate.risks.read([
            "reference": reference, "title": "Risk \(reference)", "category": "dental", "owner": "Ann",
            "initial_likelihood": "5", "initial_consequence": "5", "current_likelihood": "\(current.0)", "current_consequence": "\(current.1)",
            "target_likelihood": "1", "target_consequence": "1", "review_date": review, "status": status,
        ]).get()
    }

    @Test("Risks entered for an ICB land in the right heat-map cells, gravest first, overdue flagged; criteria roll up to readiness")
    func page() async throws {
        try await withWorkbench { app in
            let importer = LocalRecordImporter(database: app.db), icb = ICBCode("QT6")!
            for (index, values) in [
                try Self.risk("R1", current: (4, 5), review: "2020-01-01"), try Self.risk("R2", current: (2, 2), review: "2099-01-01"),
                try Self.risk("R3", current: (4, 5), review: "2099-01-01"), try Self.risk("R4", current: (5, 5), review: "2020-01-01", status: "closed"),
            ].enumerated() {
                try await importer.save(values, for: icb, by: "Ann", recordedAt: "2026-11-23T09:0\(index):00.000Z", version: .new)
            }
            for (reference, rating) in [("C1", "green"), ("C2", "amber"), ("C3", "green"), ("C4", "")] {
                let values = try RecordTemplate.assuranceCriteria.read([
                    "reference": reference, "domain": reference == "C4" ? "Workforce and Capability" : "Finance", "principle": "P",
                    "criterion": "Criterion \(reference)", "rating": rating,
                ]).get()
                try await importer.save(values, for: icb, by: "Ann", recordedAt: "2026-11-23T10:00:00.000Z", version: .new)
            }
            var heat = "", risks = "", readiness = ""
            try await app.testing().test(.GET, "/icbs/QT6/governance?format=csv&table=heat-map") { heat = $0.text }
            try await app.testing().test(.GET, "/icbs/QT6/governance?format=csv&table=risks-scored") { risks = $0.text }
            try await app.testing().test(.GET, "/icbs/QT6/governance?format=csv&table=readiness") { readiness = $0.text }
            let rows = { (csv: String) throws -> [[String]] in try CSVReader(bytes: Array(csv.utf8)).records().map(\.fields) }
            // Row order: likelihood 5 down to 1; columns: consequence 1–5. The closed risk is not on the map.
            let map = try rows(heat)
            #expect(map[1][0] == "5 Almost certain" && map[1][5] == "0")
            #expect(map[2][0] == "4 Likely" && map[2][5] == "2")
            #expect(map[4][0] == "2 Unlikely" && map[4][2] == "1")
            let cells: [String] = map.dropFirst().flatMap { Array($0.dropFirst()) }
            let counted: Int = cells.compactMap { Int($0) }.reduce(0, +)
            #expect(counted == 3)
            let log = try rows(risks)
            #expect(log.dropFirst().map { $0[0] } == ["R4", "R1", "R3", "R2"])
            #expect(log.dropFirst().map { $0.last! } == ["closed", "review overdue", "above target", "above target"])
            let domains = try rows(readiness)
            #expect(domains.dropFirst().map { [$0[0], $0[1]] } == [["Overall", "Amber"], ["Finance", "Amber"], ["Workforce and Capability", "Amber"]])
            #expect(domains[1].last == "50.0")
            try await app.testing().test(.GET, "/icbs/QT6/governance") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("class=\"grade-extreme\""))
                #expect(response.text.contains("Reviews overdue"))
            }
        }
    }

    @Test("A risk whose target is graver than where it stands is refused, naming the field")
    func targetCheck() throws {
        let cells = [
            "reference": "R9", "title": "x", "category": "legacy", "owner": "Ann", "initial_likelihood": "3", "initial_consequence": "3",
            "current_likelihood": "2", "current_consequence": "2", "target_likelihood": "4", "target_consequence": "4", "review_date": "2026-12-01",
            "status": "open",
        ]
        guard case .failure(let problems) = RecordTemplate.risks.read(cells) else {
            Issue.record("accepted a target above the current score")
            return
        }
        #expect(problems.problems.map(\.field) == ["target_likelihood"])
        #expect(problems.problems.first?.reason.contains("target score (16) is above the current score (4)") == true)
    }

    @Test("Engagement follow-ups past due and handover items not yet transferred are counted; a follow-up before the meeting is refused")
    func logs() async throws {
        try await withWorkbench { app in
            let importer = LocalRecordImporter(database: app.db), icb = ICBCode("QT6")!
            let engagement = { (reference: String, followUp: String, status: String) throws -> FieldValues in
                try RecordTemplate.engagements.read([
                    "reference": reference, "date": "2026-01-10", "partner": "ldc", "kind": "meeting", "subject": "Mid-year review",
                    "follow_up": followUp, "status": status,
                ]).get()
            }
            try await importer.save(try engagement("E1", "2026-02-01", "open"), for: icb, by: "Ann", recordedAt: "t1", version: .new)
            try await importer.save(try engagement("E2", "2026-02-01", "done"), for: icb, by: "Ann", recordedAt: "t2", version: .new)
            try await importer.save(try engagement("E3", "2099-02-01", "open"), for: icb, by: "Ann", recordedAt: "t3", version: .new)
            for (reference, status) in [("H1", "transferred"), ("H2", "in-progress"), ("H3", "not-started"), ("H4", "not-applicable")] {
                let item = try RecordTemplate.handoverItems.read([
                    "reference": reference, "item": "Contract files", "kind": "contracts", "sender": "NHS England", "status": status,
                ]).get()
                try await importer.save(item, for: icb, by: "Ann", recordedAt: "t-\(reference)", version: .new)
            }
            let overview = try await Workbench(database: app.db).governance(of: icb, today: try #require(CalendarDate("2026-11-23")))
            #expect(overview.followUpsOverdue == 1)
            #expect(overview.handoverOutstanding == 2)
            #expect(throws: RecordProblems.self) { try engagement("E9", "2025-12-01", "open") }
        }
    }
}
