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

/// Every page renders hostile data escaped: names, addresses and query strings never become markup.
@Suite("Escaping on every page")
struct EscapingTests {
    static let hostile = #"<script>alert("x")</script>"><img src=x onerror=alert(1)>'onmouseover='alert(2)"#
    static let contract = "9990000001"

    /// The fixtures, then files that overwrite names with hostile text (upserts by natural key).
    static func hostileData(_ database: any Database) async throws {
        try await Fixtures.importAll(into: database)
        let importer = Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock)
        let csvField = "\"" + hostile.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        let icbs = try Fixtures.text(of: .icbs).replacingOccurrences(
            of: "NHS Cornwall and the Isles of Scilly Integrated Care Board",
            with: hostile.replacingOccurrences(of: "\"", with: "\"\""))
        _ = try await importer.run(
            .icbs, file: try Fixtures.temporaryFile(named: "icbs.csv", text: quoteNameColumn(icbs)))
        let dental =
            String(try Fixtures.dentalYearText("2025-26").prefix { $0 != "\n" }) + "\n"
            + "202509,QT6,\(csvField),\(contract),\(csvField),TR1 1AA,E01018800,1000,30000.00,80.5,1,0,10,5,0,0,1,2,0,100,200,30000.00\n"
        _ = try await importer.run(.dentalActivity, file: try Fixtures.temporaryFile(named: "dental.csv", text: dental))
        let ods = [
            "FZZ99", hostile, "Y58", "QT6", hostile, hostile, "", "", "", "TR1 1AA", "20200101", "", "A", "1", "P08F",
            "", "", "", "", "",
            "", "0", "", "QT6", "", "", "",
        ].map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: ",")
        _ = try await importer.run(
            .pharmacies, file: try Fixtures.temporaryFile(named: "edispensary.csv", text: ods + "\n"))
        // Every free-text field of QT6's local records, and who recorded them, hold the hostile text too.
        try await ExampleRecords.install(on: database)
        _ = try await GovernanceDefaults.install(on: database)
        #expect(try await plant(hostile, icb: ICBCode("QT6")!, on: database).count >= 10)
        try await VariationStore(database: database).record(
            ContractVariation(
                contract: ContractNumber(contract)!, effective: CalendarDate(year: 2023, month: 4, day: 1)!,
                change: .termination,
                record: VariationRecord(id: hostile, recordedBy: hostile, recordedAt: hostile, reason: hostile)))
    }

    /// The ICB list's name column holds the hostile text unquoted after replacement: quote that one line's field.
    static func quoteNameColumn(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { line -> String in
            guard line.hasPrefix("QT6,") else { return String(line) }
            let rest = line.dropFirst(4)
            guard let end = rest.range(of: ",E54") else { return String(line) }
            return "QT6,\"" + rest[..<end.lowerBound] + "\"" + rest[end.lowerBound...]
        }.joined(separator: "\n")
    }

    @Test(
        "No hostile text survives unescaped on any page, from the data, every editable field, a user's name or the query string"
    )
    func everyRoute() async throws {
        try await withWorkbench(data: Self.hostileData) { app in
            // An administrator whose own name is hostile (every page shows it) reads every page, with a hostile API token label.
            let reader = try await app.session(as: Grant(role: .administrator), name: Self.hostile)
            _ = try await APITokens.make(forEmail: reader.user.email, label: Self.hostile, on: app.db, clock: app.clock)
            let query = "?q=" + (Self.hostile.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "")
            // Signing in through a provider shows nothing stored (a redirect, or the sign-in page's refusal); its
            // refusals are checked in OpenIDTests.
            let paths = app.routes.all.filter {
                $0.method == .GET && !$0.path.string.hasPrefix(PodiumRoute.openIDSignIn.path.dropFirst())
            }.flatMap { route in
                let templates = route.path.contains(.parameter("template")) ? RecordTemplate.all.map(\.id) : [""]
                return templates.map { template in
                    "/"
                        + route.path.map { component -> String in
                            guard case .parameter(let name) = component else { return component.description }
                            switch name {
                            case "contract": return Self.contract
                            case "template": return template
                            case "pharmacy": return "FA129"
                            case "reference": return "EX-QT6-1"
                            case "user": return reader.user.id
                            default: return "QT6"
                            }
                        }.joined(separator: "/")
                }
            }
            // Each record's own form puts the hostile values in input attributes and text areas.
            var forms: [String] = []
            for template in RecordTemplate.all {
                let records = try await LocalRecordStore(database: app.db).records(template, icb: ICBCode("QT6")!)
                guard let planted = records.first(where: { $0.source == "form" }) else { continue }
                let key = planted.values.key.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                forms.append("/icbs/QT6/records/\(template.id)/form?key=\(key)")
            }
            #expect(forms.count >= 10)
            #expect(paths.count >= 60)
            var showedHostileData = 0
            var pages = 0
            for path in Set(paths + forms) {
                for url in [path, path + (path.contains("?") ? "&" : "?") + query.dropFirst()] {
                    try await reader.test(.GET, url) { response async throws in
                        #expect(response.status.code < 500, "\(url)")
                        // JSON and CSV carry the text as data (application/json, text/csv with nosniff); HTML must escape it.
                        guard response.contentType.hasPrefix("text/html") else { return }
                        pages += 1
                        let body = response.text
                        // A raw tag opener, or a raw quote before an event handler, would be markup; escaped text has neither.
                        for needle in ["<script", "<img", "'onmouseover='", "\"><img"] {
                            let found = body.contains(needle)
                            #expect(!found, "\(url) contains \(needle) unescaped")
                        }
                        do {
                            #expect(
                                response.headers.first(name: "Content-Security-Policy")?.contains("script-src 'none'")
                                    == true)
                            if body.contains(
                                "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&quot;&gt;&lt;img src=x onerror=alert(1)&gt;&#39;onmouseover=&#39;alert(2)"
                            ) {
                                showedHostileData += 1
                            } else {
                                Issue.record("\(url) does not show the hostile text escaped")
                            }
                        }
                    }
                }
            }
            // The hostile text really was on every page (each names its reader in the header), escaped.
            #expect(pages >= 100 && showedHostileData == pages)
        }
    }

    @Test("A page's one inline style carries this response's CSP nonce; every response has a new one")
    func styleNonce() async throws {
        try await withWorkbench { app in
            var nonces: [String] = []
            for _ in 0..<2 {
                try await app.signedIn().test(.GET, "/icbs/QT6") { response in
                    let policy = response.headers.first(name: "Content-Security-Policy") ?? ""
                    let styles = response.text.components(separatedBy: "<style nonce=\"").dropFirst()
                    #expect(styles.count == 1)
                    let nonce = String(styles.first?.prefix { $0 != "\"" } ?? "")
                    #expect(nonce.count >= 22)
                    #expect(policy.contains("style-src 'self' 'nonce-\(nonce)'"))
                    #expect(!response.text.contains("<style>"))
                    nonces.append(nonce)
                }
            }
            #expect(nonces.count == 2 && nonces[0] != nonces[1])
        }
    }
}
