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

@Suite("Governance: risk log heat map and readiness on the page")
struct GovernancePageTests {
    static func risk(_ reference: String, current: (Int, Int), review: String, status: String = "open") throws
        -> FieldValues
    {
        try RecordTemplate.risks.read([
            "reference": reference, "title": "Risk \(reference)", "category": "dental", "owner": "Ann",
            "initial_likelihood": "5", "initial_consequence": "5", "current_likelihood": "\(current.0)",
            "current_consequence": "\(current.1)",
            "target_likelihood": "1", "target_consequence": "1", "review_date": review, "status": status,
        ]).get()
    }

    @Test(
        "Risks entered for an ICB land in the right heat-map cells, gravest first, overdue flagged; criteria roll up to readiness"
    )
    func page() async throws {
        try await withWorkbench { app in
            let importer = LocalRecordImporter(database: app.db)
            let icb = ICBCode("QT6")!
            for (index, values) in [
                try Self.risk("R1", current: (4, 5), review: "2020-01-01"),
                try Self.risk("R2", current: (2, 2), review: "2099-01-01"),
                try Self.risk("R3", current: (4, 5), review: "2099-01-01"),
                try Self.risk("R4", current: (5, 5), review: "2020-01-01", status: "closed"),
            ].enumerated() {
                try await importer.save(
                    values, for: icb, by: "Ann", recordedAt: "2026-11-23T09:0\(index):00.000Z", version: .new)
            }
            for (reference, rating) in [("C1", "green"), ("C2", "amber"), ("C3", "green"), ("C4", "")] {
                let values = try RecordTemplate.assuranceCriteria.read([
                    "reference": reference, "domain": reference == "C4" ? "Workforce and Capability" : "Finance",
                    "principle": "P",
                    "criterion": "Criterion \(reference)", "rating": rating,
                ]).get()
                try await importer.save(
                    values, for: icb, by: "Ann", recordedAt: "2026-11-23T10:00:00.000Z", version: .new)
            }
            var heat = ""
            var risks = ""
            var readiness = ""
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=heat-map") { heat = $0.text }
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=risks-scored") {
                risks = $0.text
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=readiness") {
                readiness = $0.text
            }
            let rows = { (csv: String) throws -> [[String]] in
                try CSVReader(bytes: Array(csv.utf8)).records().map(\.fields)
            }
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
            // State sits beside the risk (the third column), kept in view when the log scrolls.
            #expect(log[0][2] == "State")
            #expect(log.dropFirst().map { $0[2] } == ["closed", "review overdue", "above target", "above target"])
            let domains = try rows(readiness)
            #expect(
                domains.dropFirst().map { [$0[0], $0[1]] } == [
                    ["Overall", "Amber"], ["Finance", "Amber"], ["Workforce and Capability", "Amber"],
                ])
            #expect(domains[1].last == "50.0")
            try await app.signedIn().test(.GET, "/icbs/QT6/governance") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("class=\"grade-extreme\""))
                #expect(response.text.contains("Reviews overdue"))
            }
        }
    }

    @Test("A risk whose target is graver than where it stands is refused, naming the field")
    func targetCheck() throws {
        let cells = [
            "reference": "R9", "title": "x", "category": "legacy", "owner": "Ann", "initial_likelihood": "3",
            "initial_consequence": "3",
            "current_likelihood": "2", "current_consequence": "2", "target_likelihood": "4", "target_consequence": "4",
            "review_date": "2026-12-01",
            "status": "open",
        ]
        guard case .failure(let problems) = RecordTemplate.risks.read(cells) else {
            Issue.record("accepted a target above the current score")
            return
        }
        #expect(problems.problems.map(\.field) == ["target_likelihood"])
        #expect(problems.problems.first?.reason.contains("target score (16) is above the current score (4)") == true)
    }

    @Test(
        "Engagement follow-ups past due and handover items not yet transferred are counted; a follow-up before the meeting is refused"
    )
    func logs() async throws {
        try await withWorkbench { app in
            let importer = LocalRecordImporter(database: app.db)
            let icb = ICBCode("QT6")!
            let engagement = { (reference: String, followUp: String, status: String) throws -> FieldValues in
                try RecordTemplate.engagements.read([
                    "reference": reference, "date": "2026-01-10", "partner": "ldc", "kind": "meeting",
                    "subject": "Mid-year review",
                    "follow_up": followUp, "status": status,
                ]).get()
            }
            try await importer.save(
                try engagement("E1", "2026-02-01", "open"), for: icb, by: "Ann", recordedAt: "t1", version: .new)
            try await importer.save(
                try engagement("E2", "2026-02-01", "done"), for: icb, by: "Ann", recordedAt: "t2", version: .new)
            try await importer.save(
                try engagement("E3", "2099-02-01", "open"), for: icb, by: "Ann", recordedAt: "t3", version: .new)
            for (reference, status) in [
                ("H1", "transferred"), ("H2", "in-progress"), ("H3", "not-started"), ("H4", "not-applicable"),
            ] {
                let item = try RecordTemplate.handoverItems.read([
                    "reference": reference, "item": "Contract files", "kind": "contracts", "sender": "NHS England",
                    "status": status,
                ]).get()
                try await importer.save(item, for: icb, by: "Ann", recordedAt: "t-\(reference)", version: .new)
            }
            let overview = try await Governance.Model.query(
                app.queryContext(today: try #require(CalendarDate("2026-11-23"))), icb: icb)
            #expect(overview.followUpsOverdue == 1)
            #expect(overview.handoverOutstanding == 2)
            #expect(throws: RecordProblems.self) { try engagement("E9", "2025-12-01", "open") }
        }
    }

    /// Saves a record through the importer, as a form would.
    static func save(
        _ template: RecordTemplate, _ cells: [String: String], on app: Application, at time: String,
        by name: String = "Ann"
    ) async throws {
        try await LocalRecordImporter(database: app.db).save(
            try template.read(cells).get(), for: ICBCode("QT6")!, by: name, recordedAt: time, version: .new)
    }

    @Test(
        "A risk's live evidence shows the engine's current figures: a contract's projection, an SPC measure, the access gap, a pharmacy"
    )
    func liveEvidence() async throws {
        try await withWorkbench { app in
            let context = app.queryContext()
            let icb = ICBCode("QT6")!
            let dental = try #require(try await DentalPosition.Model.queryIfImported(context, icb: icb))
            let contract = try #require(dental.portfolio.forecastContracts.first)
            let projected = try #require(contract.projected)
            let pharmacy = try #require(try await PharmacyRegister.query(context, icb: icb).sites.first).organisation
            try await Self.save(
                .risks,
                [
                    "reference": "R1", "title": "Under-delivery", "category": "dental", "owner": "Ann",
                    "initial_likelihood": "4", "initial_consequence": "4",
                    "current_likelihood": "4", "current_consequence": "4", "target_likelihood": "2",
                    "target_consequence": "2", "review_date": "2099-01-01",
                    "status": "open",
                    "evidence": "contract:\(contract.contract) spc:delivery access:adults pharmacy:\(pharmacy.code)",
                ], on: app, at: "2026-11-23T09:00:00.000Z")
            let overview = try await Governance.Model.query(
                app.queryContext(today: try #require(CalendarDate("2026-11-23"))), icb: icb)
            let evidence = try #require(overview.risks.first).evidence
            #expect(
                evidence.map(\.citation.description) == [
                    "contract:\(contract.contract)", "spc:delivery", "access:adults", "pharmacy:\(pharmacy.code)",
                ])
            #expect(evidence[0].value.contains("projected year-end \(projected.achievement.percentText!)"))
            #expect(evidence[0].value.contains("clawback \(projected.clawback.formatted)"))
            let last = try #require(
                SPCMeasures.portfolioDelivery(dental.portfolio, before: dental.trends.deliveryMonths).chart.points.last)
            #expect(evidence[1].value.contains("in \(try #require(YearMonth(last.period)).label)"))
            #expect(evidence[2].value.contains("adults not seen by an NHS dentist in 24 months"))
            #expect(evidence[3].value.hasPrefix(pharmacy.name))
            var csv = ""
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=risks-scored") { csv = $0.text }
            #expect(csv.contains("clawback \(projected.clawback.formatted)"))
        }
    }

    @Test("The delegation register in force today, the functions, and a history of ratings from the audit trail")
    func registerAndHistory() async throws {
        try await withWorkbench(data: { database in
            try await Fixtures.importAll(into: database)
            try await GovernanceDefaults.install(on: database)
        }) { app in
            var inForce = ""
            var functions = ""
            var history = ""
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=delegation-in-force") {
                inForce = $0.text
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=functions") {
                functions = $0.text
            }
            let rows = try CSVReader(bytes: Array(inForce.utf8)).records().map(\.fields)
            #expect(rows.dropFirst().map { $0[1] } == Array(repeating: "Delegated to the ICB", count: 7))
            #expect(
                rows[3][0] == "Primary care dentistry"
                    && rows[3][6] == NHSEnglandRegion.southWest.icbs.joined(separator: " "))
            #expect(try CSVReader(bytes: Array(functions.utf8)).records().count == 1 + DelegatedFunction.defaults.count)
            // Rate a default criterion twice through the form: the history shows both, newest first, by name.
            let store = LocalRecordStore(database: app.db)
            let importer = LocalRecordImporter(database: app.db)
            let icb = ICBCode("QT6")!
            for (rating, name, time) in [
                ("amber", "Ann", "2026-11-23T09:00:00.000Z"), ("green", "Bob", "2026-11-23T10:00:00.000Z"),
            ] {
                let stored = try #require(try await store.record(.assuranceCriteria, key: "PDA01", icb: icb))
                var cells = Dictionary(
                    uniqueKeysWithValues: zip(RecordTemplate.assuranceCriteria.fields.map(\.name), stored.values.cells))
                cells["rating"] = rating
                try await importer.save(
                    try RecordTemplate.assuranceCriteria.read(cells).get(), for: icb, by: name, recordedAt: time,
                    version: .savedAt(stored.recordedAt))
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/governance?format=csv&table=rating-history") {
                history = $0.text
            }
            let changes = try CSVReader(bytes: Array(history.utf8)).records().map(\.fields).dropFirst()
            #expect(
                changes.map { [$0[1], $0[2], $0[3]] } == [
                    ["Bob", "PDA01", "amber → green"], ["Ann", "PDA01", "unrated → amber"],
                ])
            try await app.signedIn().test(.GET, "/icbs/QT6/governance") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("South West Collaborative Commissioning Hub"))
                #expect(response.text.contains("Readiness by principle"))
            }
        }
    }

    @Test(
        "The committee paper: a cover sheet with every field, five sections that each start a page, decisions due, CSV, and PDF refused clearly without Chromium"
    )
    func committeePaper() async throws {
        try await withWorkbench { app in
            try await Self.save(
                .decisions,
                [
                    "reference": "D1", "date": "2026-12-01", "committee": "PCCC",
                    "decision": "Fund <b>urgent</b> access", "rationale": "Capacity",
                    "conflicts": "None declared", "status": "proposed",
                ], on: app, at: "2026-11-23T09:00:00.000Z")
            var html = ""
            try await app.signedIn().test(.GET, "/icbs/QT6/committee-paper?meeting=2026-12-01") { response in
                #expect(response.status == .ok)
                html = response.text
            }
            for field in [
                "Meeting", "Purpose", "Recommendations", "Key risks", "Financial implications", "Legal implications",
                "Health inequalities",
                "Equality", "Patient and public involvement and engagement",
            ] {
                #expect(html.contains("<th scope=\"row\">\(field)</th>"), "\(field)")
            }
            #expect(html.contains("For decision"))
            #expect(html.contains("Decide: Fund &lt;b&gt;urgent&lt;/b&gt; access (D1)."))
            #expect(!html.contains("<b>urgent</b>"))
            #expect(
                html.components(separatedBy: "class=\"paper-section\"").count - 1 == CommitteePaperViews.sections.count)
            var positions: [String.Index] = []
            for heading in CommitteePaperViews.sections {
                positions.append(try #require(html.range(of: "<h2>\(heading)</h2>")).lowerBound)
            }
            #expect(positions == positions.sorted())
            // The cover carries what the secretariat gives (escaped in the page and in the printed margins), the
            // declarations box, and each section's chart as a numbered figure.
            try await app.signedIn().test(
                .GET,
                "/icbs/QT6/committee-paper?meeting=2026-12-01&agenda_item=%3C/style%3E7%22&author=Ann&lead=Dee"
            ) { response in
                let page = response.text
                #expect(page.contains("<th scope=\"row\">Agenda item</th><td>&lt;/style&gt;7&quot;</td>"))
                #expect(page.contains("<th scope=\"row\">Author</th><td>Ann</td>"))
                #expect(page.contains("<th scope=\"row\">Executive lead</th><td>Dee</td>"))
                #expect(page.contains("Agenda item \\3c /style\\3e 7\\22 \""))
                #expect(page.components(separatedBy: "</style>").count - 1 == 1)
                #expect(page.contains("<th scope=\"row\">Contains patient-identifiable data</th>"))
                for caption in [
                    "Figure 1. UDAs delivered against the working-day profile", "Figure 2. Spend each month",
                    "Figure 3. Access to NHS dentistry by neighbourhood",
                ] {
                    #expect(page.contains("<figcaption>\(caption)"), "\(caption)")
                }
            }
            try await app.signedIn().test(
                .GET, "/icbs/QT6/committee-paper?meeting=2026-12-01&format=csv&table=decisions-due"
            ) { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Fund <b>urgent</b> access"))
            }
            try await app.signedIn().test(.GET, "/icbs/QT6/committee-paper?meeting=1-12-2026") {
                #expect($0.status == .badRequest)
            }
            // The test server is configured without Chromium: the PDF is refused with what to do, never a broken file.
            try await app.signedIn().test(.GET, "/icbs/QT6/committee-paper?format=pdf") { response in
                #expect(response.status == .serviceUnavailable)
                #expect(response.text.contains("PODIUM_CHROMIUM"))
            }
            try await app.signedIn().test(.GET, "/icbs/QXX/committee-paper") { #expect($0.status == .notFound) }
        }
    }

    @Test("Chromium installed after the server started is found when a PDF is asked for")
    func chromiumFoundLate() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-late-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await withWorkbench(chromium: .search(path: folder.path)) { app in
            try await app.signedIn().test(.GET, "/icbs/QT6/committee-paper?format=pdf") {
                #expect($0.status == .serviceUnavailable)
            }
            // A stand-in "chromium" on the searched PATH, installed now: it writes a one-line PDF where it is told to.
            let browser = folder.appendingPathComponent("chromium")
            try Data(
                """
                #!/bin/sh
                for argument in "$@"; do
                  case "$argument" in --print-to-pdf=*) printf '%%PDF-1.4 stand-in\n' > "${argument#--print-to-pdf=}";; esac
                done
                """.utf8
            ).write(to: browser)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: browser.path)
            try await app.signedIn().test(.GET, "/icbs/QT6/committee-paper?format=pdf") { response in
                #expect(response.status == .ok)
                #expect(response.contentType == "application/pdf")
                #expect(response.body.string.hasPrefix("%PDF-1.4 stand-in"))
            }
        }
    }
}
