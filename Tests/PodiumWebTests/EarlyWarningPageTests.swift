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

@Suite("Providers at risk: list, breakdown, API, raising a risk and the digest")
struct EarlyWarningPageTests {
    static let withExamples: @Sendable (any Database) async throws -> Void = { database in
        try await Fixtures.importAll(into: database)
        try await ExampleRecords.install(on: database)
    }

    static func json(_ tester: SessionTester, _ path: String) async throws -> JSONValue {
        var body = JSONValue.null
        try await tester.test(.GET, path) { response in
            #expect(response.status == .ok, "\(path)")
            body = try JSONValue.parse(response.text)
        }
        return body
    }

    static func array(_ value: JSONValue?) -> [JSONValue] {
        if case .array(let items) = value { return items }
        return []
    }

    static func number(_ value: JSONValue?) -> Double? {
        switch value {
        case .number(let number): number
        case .integer(let number): Double(number)
        default: nil
        }
    }

    @Test(
        "The ICB's contracts ranked by score with reasons and a trend; every table downloads; a past month recomputes")
    func page() async throws {
        try await withWorkbench(data: Self.withExamples) { app in
            let admin = try app.signedIn()
            let body = try await Self.json(admin, "/api/v1/icbs/QT6/providers-at-risk")
            #expect(try SchemaValidator().validate(body, against: "ProvidersAtRisk") == [])
            let dental = Self.array(body["dental"])
            #expect(!dental.isEmpty)
            let scores = dental.compactMap { Self.number($0["score"]) }
            #expect(scores == scores.sorted(by: >) && scores.count == dental.count)
            #expect(Self.array(dental[0]["trend"]).last?["month"]?.string == body["asOf"]?.string)
            // Every contract QT6 commissions in the latest month with a UDA target is scored, and no other.
            let months = try await DentalStore(database: app.db).allMonths()
            let latest = try #require(try await DentalStore(database: app.db).months().last)
            let expected = months.values.filter { rows in
                rows.last.map {
                    $0.month == latest && $0.commissioner.rawValue == "QT6" && $0.udaTarget.tenThousandths > 0
                } ?? false
            }
            #expect(dental.count == expected.count)
            // A pharmacy's trend runs month by month through the year of its returns to the month scored, ending on its score.
            let pharmacy = try #require(Self.array(body["pharmacies"]).first)
            let trend = Self.array(pharmacy["trend"])
            let trendMonths = trend.compactMap { $0["month"]?.string }
            #expect(trendMonths.last.map { body["pharmacyAsOf"]?.string?.hasPrefix($0) ?? false } == true)
            #expect(
                trendMonths == trendMonths.sorted() && Set(trendMonths).count == trendMonths.count
                    && trendMonths.count > 1)
            #expect(Self.number(trend.last?["score"]) == Self.number(pharmacy["score"]))
            try await admin.test(.GET, "/icbs/QT6/providers-at-risk") { response in
                #expect(response.status == .ok)
                #expect(response.text.contains("Providers at risk: Cornwall and the Isles of Scilly"))
                #expect(response.text.contains("class=\"sparkline\""))
                #expect(response.text.contains("Signals, weights and thresholds"))
                #expect(response.text.contains("higher is more at risk"))
            }
            // Every table downloads whole: a header and a row for each contract scored, each of the ICB's pharmacies
            // (the fixture's QT6 count) and each signal.
            let pharmacies = try #require(try Fixtures.expected().icbs["QT6"]).pharmacies
            for (table, rows) in [
                ("dental", dental.count), ("pharmacies", pharmacies), ("signals", WarningSignal.allCases.count),
            ] {
                try await admin.test(.GET, "/icbs/QT6/providers-at-risk?format=csv&table=\(table)") {
                    response async throws in
                    #expect(response.contentType.hasPrefix("text/csv"), "\(table)")
                    #expect(try csvRows(response.text).count == rows + 1, "\(table)")
                }
            }
            let october = try await Self.json(admin, "/api/v1/icbs/QT6/providers-at-risk?as_of=2023-10")
            #expect(october["asOf"]?.string == "2023-10" && october["judgedOn"]?.string == "2023-10-31")
            try await admin.test(.GET, "/api/v1/icbs/QT6/providers-at-risk?as_of=2015-01") {
                #expect($0.status == .badRequest)
            }
        }
    }

    @Test(
        "A contract's breakdown in the API and on its page is the score worked out by hand from its stored months, signal by signal"
    )
    func breakdown() async throws {
        try await withWorkbench(data: Self.withStrugglingContract) { app in
            let admin = try app.signedIn()
            let number = try #require(ContractNumber(Self.struggling))
            let body = try await Self.json(admin, "/api/v1/dental-contracts/\(number)/warning")
            #expect(try SchemaValidator().validate(body, against: "Warning") == [])
            #expect(Self.array(body["signals"]).count == WarningSignal.dental.count)
            // Worked by hand from the rows `withStrugglingContract` writes (September 2025, the latest month), under
            // the standard weights (2026-12 v2): nothing delivered, so projected 0 % of target: "behind target" in
            // full, 11. The target was cut from 1,000 to 500 UDAs in July: 50 %, past the 5 % that counts in full, 43.
            // Adults seen fell from 850 in September 2024 to 490 (−42 %, past −13 %), 11; children from 325 to 145
            // (−55 %, past −17 %), 5. Band shares, late FP17s and foundation dentists never change (no delivery, so no
            // foundation share) and the flat 0 % delivery is common cause: 0 each. 11 + 43 + 11 + 5 = 70.
            #expect(Self.number(body["score"]) == 70)
            let points = Dictionary(
                uniqueKeysWithValues: Self.array(body["signals"]).compactMap { signal in
                    signal["signal"]?.string.map { ($0, Self.number(signal["points"]) ?? -1) }
                })
            #expect(points["behind-target"] == 11 && points["target-reduced"] == 43)
            #expect(points["adults-seen-falling"] == 11 && points["children-seen-falling"] == 5)
            #expect(points.filter { $0.value > 0 }.count == 4)
            let list = try await Self.json(admin, "/api/v1/icbs/QT6/providers-at-risk")
            try await admin.test(.GET, "/dental-contracts/\(number)") { response in
                #expect(response.text.contains("id=\"early-warning\""))
                #expect(response.text.contains("Raise a risk in the risk log from this warning"))
            }
            try await admin.test(.GET, "/dental-contracts/\(number)?format=csv&table=warning-signals") {
                response async throws in
                #expect(try csvRows(response.text).count == WarningSignal.dental.count + 1)
            }
            let pharmacies = Self.array(list["pharmacies"])
            let pharmacy = try #require(pharmacies.first?["provider"]?.string?.dropFirst("pharmacy:".count))
            let warning = try await Self.json(admin, "/api/v1/pharmacies/\(pharmacy)/warning")
            #expect(try SchemaValidator().validate(warning, against: "Warning") == [])
            #expect(Self.array(warning["signals"]).count == WarningSignal.pharmacy.count)
            try await admin.test(.GET, "/api/v1/dental-contracts/1234567890/warning") {
                #expect($0.status == .notFound)
            }
        }
    }

    @Test("One click raises a risk citing the live score; a second click opens it; others cannot")
    func raiseRisk() async throws {
        try await withWorkbench(data: Self.withExamples) { app in
            let commissioner = try await app.session(
                as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), name: "Cara")
            let list = try await Self.json(try app.signedIn(), "/api/v1/icbs/QT6/providers-at-risk")
            let provider = try #require(
                Self.array(list["dental"]).first?["provider"]?.string?.dropFirst("contract:".count)
            ).description
            let form = "/icbs/QT6/records/risks/form?key=EW-\(provider)"
            for _ in 0..<2 {
                try await commissioner.test(
                    .POST, "/icbs/QT6/providers-at-risk/raise",
                    beforeRequest: {
                        try $0.content.encode(["provider": provider], as: .urlEncodedForm)
                    }
                ) { response in
                    #expect(response.status == .seeOther)
                    #expect(response.headers.first(name: .location) == form)
                }
            }
            let risks = try await LocalRecordStore(database: app.db).records(.risks, icb: ICBCode("QT6")!).filter {
                $0.values.key == "EW-\(provider)"
            }
            #expect(risks.count == 1)
            let risk = try #require(risks.first?.values)
            #expect(risk.text("evidence") == "warning:\(provider) contract:\(provider)")
            #expect(risk.text("category") == "dental" && risk.text("owner") == "Cara")
            try await commissioner.test(.GET, "/icbs/QT6/governance") { response in
                #expect(response.text.contains("warning:\(provider)"))
                #expect(response.text.contains("early-warning score"))
            }
            let viewer = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QT6")!]))
            try await viewer.test(
                .POST, "/icbs/QT6/providers-at-risk/raise",
                beforeRequest: { try $0.content.encode(["provider": provider], as: .urlEncodedForm) }
            ) {
                #expect($0.status == .forbidden)
            }
            try await commissioner.test(
                .POST, "/icbs/QT6/providers-at-risk/raise",
                beforeRequest: { try $0.content.encode(["provider": "1234567890"], as: .urlEncodedForm) }
            ) {
                #expect($0.status == .notFound)
            }
        }
    }

    static let struggling = "9990000002"

    /// The fixtures and examples, and a QT6 contract in trouble in each month of the data's last 18 (April 2024 –
    /// September 2025): its target halved in July 2025, no UDAs delivered, fewer patients seen each month. It scores
    /// well above the digest's line of 40.
    static let withStrugglingContract: @Sendable (any Database) async throws -> Void = { database in
        try await withExamples(database)
        let months = try await DentalStore(database: database).months().suffix(18)
        let header = String(try Fixtures.dentalYearText("2025-26").prefix { $0 != "\n" })
        let rows = months.enumerated().map { index, month in
            let target = month >= YearMonth(year: 2025, month: 7)! ? 500 : 1000
            return
                "\(month.compact),QT6,Cornwall ICB,\(struggling),Struggling Dental Ltd,TR1 1AA,E01018800,\(target),\(target * 30).00,0,0,0,5,1,0,0,0,4,0,"
                + "\(400 - index * 15),\(1000 - index * 30),0.00"
        }
        let file = try Fixtures.temporaryFile(
            named: "struggling.csv", text: ([header] + rows).joined(separator: "\n") + "\n")
        _ = try await Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock).run(
            .dentalActivity, file: file)
    }

    @Test(
        "The digest lists what scores 40 or more; once read it is empty; a provider 5 points worse comes back, saying so"
    )
    func digest() async throws {
        try await withWorkbench(data: Self.withStrugglingContract) { app in
            let ann = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), name: "Ann")
            // 70 worked by hand (see `breakdown`): over the digest's line of 40.
            let before = try #require(
                Self.number(try await Self.json(ann, "/api/v1/dental-contracts/\(Self.struggling)/warning")["score"]))
            #expect(before == 70)
            try await ann.test(.GET, "/digest") { response in
                #expect(response.text.contains("Struggling Dental Ltd"))
                #expect(response.text.contains("new, at 70.0"))
            }
            try await ann.test(.POST, "/digest/read") { #expect($0.status == .seeOther) }
            try await ann.test(.GET, "/digest") {
                #expect($0.text.contains("Nothing new or worse since you last read the digest"))
            }
            // Intelligence recorded today adds 10 points: the digest shows the contract again as worse, with the change.
            try await LocalRecordImporter(database: app.db).save(
                try RecordTemplate.providerIntelligence.read([
                    "reference": "T-1", "provider": Self.struggling, "category": "workforce",
                    "date": Fixtures.clock.today.iso, "note": "Dentists leaving",
                ]).get(), for: ICBCode("QT6")!, by: "Ann", recordedAt: Fixtures.clock.isoMilliseconds, version: .new)
            let after = try #require(
                Self.number(try await Self.json(ann, "/api/v1/dental-contracts/\(Self.struggling)/warning")["score"]))
            #expect(after == 80)
            try await ann.test(.GET, "/digest") { response in
                #expect(response.text.contains("worse: 70.0 → 80.0 (+10.0)"))
            }
            try await ann.test(.GET, "/digest?format=csv") { response async throws in
                #expect(response.contentType.hasPrefix("text/csv"))
                #expect(try csvRows(response.text).count == 2)
            }
            // Another ICB's user never sees it.
            let outsider = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QE1")!]))
            try await outsider.test(.GET, "/digest") { #expect(!$0.text.contains("Struggling Dental Ltd")) }
        }
    }
}
