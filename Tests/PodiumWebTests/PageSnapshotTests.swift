import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

/// Every page's HTML, rendered from the fixtures and the labelled example records with the clock stopped at
/// ``Fixtures/t0``, is kept as a golden file in `Golden/pages/`, so a change to the web layer that alters a page
/// shows up as a diff. Set `PODIUM_RECORD_GOLDEN=1` to rewrite them after a deliberate change.
@Suite("Page snapshots")
struct PageSnapshotTests {
    static let contract = "1000830000"
    static let pharmacy = "FA129"

    /// The fixtures with the labelled examples, the default governance framework and one recorded variation.
    static func data(_ database: any Database) async throws {
        try await Fixtures.importAll(into: database)
        _ = try await ExampleRecords.install(on: database)
        _ = try await GovernanceDefaults.install(on: database)
        try await VariationStore(database: database).record(
            ContractVariation(
                contract: ContractNumber(contract)!, effective: CalendarDate(year: 2023, month: 10, day: 1)!,
                change: .handBack(udas: ActivityUnits(whole: 500), value: Money(pence: 1_400_000)),
                record: VariationRecord(
                    id: "variation-1", recordedBy: "Ann Commissioner <ann@example.nhs.uk>",
                    recordedAt: "2026-11-30T10:00:00.000Z",
                    reason: "Hand-back agreed at the October panel")))
    }

    /// Pages with their queries that show more than the bare route: a year, a what-if, a record's form, a past month.
    static let variants: [String] = [
        "/?year=2023-24",
        "/icbs/QT6/dental-contracts?sort=target&dir=desc&per_page=10",
        "/dental-contracts/\(contract)?foundation=count&overdelivery=110",
        "/icbs/QT6/dental-position?overdelivery=110&overdelivery_mode=instead",
        "/icbs/QT6/access?service=pharmacy&demand=children",
        "/icbs/QT6/access/what-if?change=close&site=\(contract)",
        "/icbs/QT6/providers-at-risk?as_of=2023-10",
        "/icbs/QT6/committee-paper?meeting=2026-12-10",
        "/icbs/QT6/records/pharmacy-closures/form",
        "/icbs/QT6/records/risks/form?key=EX-QT6-RISK1",
        "/icbs/QT6/optometry?voucher=39.10",
        "/pharmacy-first?month=2025-06&pathways=30&minor=20&urgent=5&pharmacies=3",
        "/finance?region=Y58",
    ]

    @Test("Every page's HTML matches its golden file")
    func everyPage() async throws {
        try await withWorkbench(data: Self.data) { app in
            let reader = try app.signedIn()
            let paths = Self.routePaths(app, user: reader.user.id) + Self.variants
            #expect(paths.count >= 60)
            var compared = 0
            for path in paths {
                try await reader.test(.GET, path) { response async throws in
                    #expect(response.status == .ok, "\(path) answered \(response.status.code)")
                    guard response.contentType.hasPrefix("text/html") else { return }
                    compared += 1
                    // The administrator's own page is named by role, not by the identifier made for this run.
                    let name = PageGolden.name(of: path.replacingOccurrences(of: reader.user.id, with: "administrator"))
                    try PageGolden.compare(PageGolden.normalise(response.text), name: name)
                }
            }
            // The sign-in page, as someone not yet signed in sees it.
            try await app.testing().test(.GET, "/sign-in") { response async throws in
                try PageGolden.compare(PageGolden.normalise(response.text), name: "sign-in")
            }
            #expect(compared >= 60)
        }
    }

    /// Every GET route that answers a page, its parameters filled from the fixtures (every record template).
    static func routePaths(_ app: Application, user: String) -> [String] {
        let routes = app.routes.all.filter { route in
            guard route.method == .GET else { return false }
            return !["api", "assets", "healthz", "favicon.svg", "favicon.ico", "sign-in"].contains(
                route.path.first?.description ?? "")
        }
        let paths = routes.flatMap { route in
            let templates = route.path.contains(.parameter("template")) ? RecordTemplate.all.map(\.id) : [""]
            return templates.map { template in
                "/"
                    + route.path.map { component -> String in
                        guard case .parameter(let name) = component else { return component.description }
                        switch name {
                        case "contract": return contract
                        case "template": return template
                        case "pharmacy": return pharmacy
                        case "reference": return "EX-QT6-1"
                        case "user": return user
                        default: return "QT6"
                        }
                    }.joined(separator: "/")
            }
        }
        return Array(Set(paths)).sorted()
    }
}

/// Golden HTML pages: compared line by line, with what differs every run (session secrets, generated identifiers,
/// the database's name) replaced by placeholders.
enum PageGolden {
    static let folder = Golden.folder + "/pages"

    /// A file name for a path and query: `/icbs/QT6/access?service=pharmacy` → `icbs-QT6-access~service=pharmacy`.
    static func name(of path: String) -> String {
        let trimmed = path == "/" ? "home" : String(path.dropFirst())
        return String(
            trimmed.map { character -> Character in
                switch character {
                case "/": "-"
                case "?": "~"
                case "&": "+"
                case "|": "!"
                default: character
                }
            })
    }

    static func normalise(_ html: String) -> String {
        var text = html
        let patterns: [(String, String)] = [
            (#"name="_csrf" value="[^"]*""#, #"name="_csrf" value="…""#),
            // A fresh Content-Security-Policy nonce for every response.
            (#"<style nonce="[^"]*""#, #"<style nonce="…""#),
            (#"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}"#, "…uuid…"),
            (#"Podium ([0-9.]+) · (SQLite|PostgreSQL)"#, "Podium $1 · …database…"),
            // How long each import took (About the data): measured, so never the same twice.
            (#"( UTC</td><td class="num">)[0-9.,]+(</td>)"#, "$1…$2"),
        ]
        for (pattern, replacement) in patterns {
            text = text.replacingOccurrences(of: pattern, with: replacement, options: .regularExpression)
        }
        // One element a line, so a diff points at the element that changed.
        return text.replacingOccurrences(of: "><", with: ">\n<") + "\n"
    }

    static func compare(_ actual: String, name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let path = "\(folder)/\(name).html"
        if ProcessInfo.processInfo.environment["PODIUM_RECORD_GOLDEN"] == "1" {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try actual.write(toFile: path, atomically: true, encoding: .utf8)
            return
        }
        guard let expected = try? String(contentsOfFile: path, encoding: .utf8) else {
            Issue.record(
                "No golden page \(name).html; record it with PODIUM_RECORD_GOLDEN=1", sourceLocation: sourceLocation)
            return
        }
        guard actual != expected else { return }
        let (a, e) = (
            actual.split(separator: "\n", omittingEmptySubsequences: false),
            expected.split(separator: "\n", omittingEmptySubsequences: false)
        )
        let first = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        let context = { (lines: [Substring]) in
            lines[max(0, first - 2)..<min(lines.count, first + 3)].joined(separator: "\n")
        }
        Issue.record(
            "\(name).html differs from line \(first + 1):\n--- expected\n\(context(e))\n+++ actual\n\(context(a))",
            sourceLocation: sourceLocation)
    }
}
