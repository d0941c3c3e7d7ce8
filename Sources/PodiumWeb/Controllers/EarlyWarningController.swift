import Foundation
import Plot
import PodiumCore
import PodiumData
import PodiumImport
import Vapor

/// Provider resilience early warning (issue 11): the ICB's providers-at-risk list, each provider's breakdown in the
/// API, raising a risk from a warning, and each user's digest of what is new or worse.
struct EarlyWarningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.providersAtRiskTemplate.components, use: page)
        routes.post(PodiumRoute.raiseProviderRiskTemplate.components, use: raise)
        routes.get(APIRoute.icbProvidersAtRisk.components, use: api)
        routes.get(APIRoute.contractWarning.components, use: contractAPI)
        routes.get(APIRoute.pharmacyWarning.components, use: pharmacyAPI)
        routes.get(PodiumRoute.digestTemplate.components, use: digest).access(.signedIn)
        routes.post(PodiumRoute.digestReadTemplate.components, use: markRead).access(.signedIn)
    }

    private func list(_ req: Request, trend: Bool = true) async throws -> ProvidersAtRisk {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        return try await req.workbench.providersAtRisk(of: code, month: req.query[String.self, at: "as_of"], today: req.clock.today, trend: trend)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let list = try await list(req)
        let parameters = try ListParameters.from(req)
        let dental = EarlyWarningPages.dentalTable(list.dental), pharmacies = EarlyWarningPages.pharmacyTable(list.pharmacies, icb: list.icb.code)
        let signals = EarlyWarningPages.signalsTable(list.configuration)
        let name = "\(list.icb.code)-providers-at-risk-\(list.asOf?.iso ?? "none")"
        if let csv = try Responses.tableCSV(parameters, name: name, [
            (dental.id, { dental.csv(ListRequest()) }), (pharmacies.id, { pharmacies.csv(ListRequest()) }), (signals.id, { signals.csv(ListRequest()) }),
        ]) { return csv }
        return Responses.html(EarlyWarningPages.render(list, dental: dental, pharmacies: pharmacies, signals: signals, context: req.page))
    }

    @Sendable func api(req: Request) async throws -> API.ProvidersAtRiskDTO {
        API.ProvidersAtRiskDTO(try await list(req))
    }

    @Sendable func contractAPI(req: Request) async throws -> API.WarningDTO {
        let number = try req.code("contract", as: ContractNumber.self, notFound: "contract_not_found")
        guard let warning = try await req.workbench.dentalWarning(of: number, today: req.clock.today) else {
            throw WebError.notFound(code: "warning_not_found", message: "Contract \(number) has no score: it is not in the latest month of data, or has no UDA target.")
        }
        return API.WarningDTO(provider: "contract:\(number)", warning: warning)
    }

    @Sendable func pharmacyAPI(req: Request) async throws -> API.WarningDTO {
        let code = try req.code("pharmacy", as: PharmacyCode.self, notFound: "pharmacy_not_found")
        guard let icb = try await OrganisationStore(database: req.db).icb(ofPharmacy: code).icb,
              let warning = try await req.workbench.pharmacyWarning(of: code, icb: icb, today: req.clock.today) else {
            throw WebError.notFound(code: "warning_not_found", message: "Pharmacy \(code) has no score: it is not an open pharmacy of an ICB.")
        }
        return API.WarningDTO(provider: "pharmacy:\(code)", warning: warning)
    }

    /// Raises a risk in the ICB's risk log from a provider's warning: likelihood from the score, citing the live score
    /// (`warning:`) so the log shows it as it changes. A risk already raised for the provider is opened, not duplicated.
    @Sendable func raise(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let provider = ((try? req.content.get(String.self, at: "provider")) ?? "").trimmingCharacters(in: .whitespaces)
        let today = req.clock.today
        let workbench = req.workbench
        let found: (name: String, category: RiskCategory, warning: ProviderWarning)?
        if let contract = ContractNumber(provider) {
            let history = try await DentalStore(database: req.db).months(of: contract)
            found = try await history.last.flatMap { $0.commissioner == code ? $0 : nil }.asyncMap { latest in
                try await workbench.dentalWarning(of: contract, today: today).map { (latest.providerName, RiskCategory.dental, $0) }
            } ?? nil
        } else if let pharmacy = PharmacyCode(provider) {
            let sited = try await OrganisationStore(database: req.db).pharmacy(pharmacy)
            found = try await sited.flatMap { $0.organisation.icb == code ? $0 : nil }.asyncMap { sited in
                try await workbench.pharmacyWarning(of: pharmacy, icb: code, today: today).map { (sited.organisation.name, RiskCategory.pharmacy, $0) }
            } ?? nil
        } else {
            found = nil
        }
        guard let found else {
            throw WebError.notFound(code: "warning_not_found", message: "\"\(provider)\" is not a scored provider of \(code).")
        }
        let reference = "EW-" + provider
        let formPath = { ListLinks.href(PodiumRoute.recordForm(code, .risks).path, ListLinks.items([("key", reference)])) }
        if try await LocalRecordStore(database: req.db).record(.risks, key: reference, icb: code) != nil {
            return req.redirect(to: formPath(), redirectType: .normal)
        }
        let likelihood = found.warning.score >= 60 ? 4 : found.warning.score >= 40 ? 3 : 2
        let reasons = found.warning.topReasons(3).map(\.signal.label).joined(separator: ", ").lowercased()
        let cells = [
            "reference": reference,
            "title": String("\(found.name) (\(provider)) may hand back or close: early-warning score \(String(format: "%.0f", found.warning.score))".prefix(200)),
            "category": found.category.rawValue, "owner": req.viewer?.user.name ?? "",
            "initial_likelihood": "\(likelihood)", "initial_consequence": "3", "current_likelihood": "\(likelihood)", "current_consequence": "3",
            "target_likelihood": "\(max(1, likelihood - 1))", "target_consequence": "3",
            "controls": String("Raised from the early warning (\(reasons.isEmpty ? "no signal" : reasons)).".prefix(1000)), "mitigations": "",
            "evidence": "warning:\(provider)" + (found.category == .dental ? " contract:\(provider)" : " pharmacy:\(provider)"),
            "review_date": today.adding(days: 30).iso, "status": "open",
        ]
        let values = try RecordTemplate.risks.read(cells).get()
        try await LocalRecordImporter(database: req.db).save(values, for: code, by: req.recorder, recordedAt: req.clock.isoMilliseconds, version: .new)
        req.logger.notice("risk raised from early warning", metadata: ["icb": "\(code)", "provider": "\(provider)"])
        return req.redirect(to: formPath(), redirectType: .normal)
    }

    /// The digest's threshold: providers scoring at least this are listed.
    static let digestThreshold = 40.0

    /// What is new or worse since the user last marked the digest read, over the ICBs they read.
    private func digestItems(_ req: Request) async throws -> (items: [DigestItem], current: [DigestStore.Seen]) {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        let icbs = try await req.workbench.icbs().filter { req.scope.contains($0.code) }
        let seen = try await DigestStore(database: req.db).seen(by: user.id)
        var items: [DigestItem] = [], current: [DigestStore.Seen] = []
        for icb in icbs {
            let list = try await req.workbench.providersAtRisk(of: icb.code, month: nil, today: req.clock.today, trend: false)
            let providers = list.dental.map { ("contract:\($0.contract)", $0.provider, PodiumRoute.dentalContract($0.contract).path, $0.warning) }
                + list.pharmacies.map { ("pharmacy:\($0.pharmacy)", $0.name, PodiumRoute.pharmacy($0.pharmacy).path, $0.warning) }
            for (key, name, link, warning) in providers where warning.score >= Self.digestThreshold {
                let tenths = Int64((warning.score * 10).rounded())
                current.append(DigestStore.Seen(provider: key, icb: icb.code, scoreTenths: tenths, asOf: warning.asOf.iso))
                let before = seen[key]
                guard before.map({ tenths - $0.scoreTenths >= 50 }) ?? true else { continue }
                items.append(DigestItem(icb: icb, provider: key, name: name, link: link + "#early-warning", warning: warning, previous: before.map { Double($0.scoreTenths) / 10 }))
            }
        }
        return (items.sorted { ($0.warning.score, $1.provider) > ($1.warning.score, $0.provider) }, current)
    }

    @Sendable func digest(req: Request) async throws -> Response {
        let (items, _) = try await digestItems(req)
        let table = EarlyWarningPages.digestTable(items)
        if try ListParameters.from(req).wantsCSV { return Responses.csv(table.csv(ListRequest()), fileName: "early-warning-digest.csv") }
        return Responses.html(EarlyWarningPages.digest(table, context: req.page))
    }

    @Sendable func markRead(req: Request) async throws -> Response {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        let (_, current) = try await digestItems(req)
        try await DigestStore(database: req.db).markRead(current, by: user.id, at: req.clock.iso)
        return req.redirect(to: PodiumRoute.digest.path, redirectType: .normal)
    }
}

/// A line of the digest: a provider new to the list or worse than when last read.
struct DigestItem: Sendable {
    var icb: ICB
    var provider: String
    var name: String
    var link: String
    var warning: ProviderWarning
    /// The score when last read; `nil` when new.
    var previous: Double?

    /// "new at 52" or "worse: 41 → 57 (+16)".
    var direction: String {
        guard let previous else { return "new, at \(String(format: "%.1f", warning.score))" }
        return "worse: \(String(format: "%.1f", previous)) → \(String(format: "%.1f", warning.score)) (+\(String(format: "%.1f", warning.score - previous)))"
    }
}

extension EarlyWarningPages {
    static func digestTable(_ items: [DigestItem]) -> Table<DigestItem> {
        Table(id: "digest", caption: "New or worse since you last read the digest", columns: [
            Column("icb", "ICB") { .text($0.icb.shortName) },
            Column("provider", "Provider") { .text($0.name, link: $0.link) },
            Column("code", "Code") { .text($0.provider) },
            Column("change", "Since last read") { .text($0.direction) },
            Column("score", "Score", note: "0–100; higher is more at risk", numeric: true) { .decimal($0.warning.score, decimals: 1) },
            Column("as_of", "As of") { .month($0.warning.asOf) },
            Column("reasons", "Top reasons", sortable: false) { .text(reasons($0.warning)) },
        ], rows: items, footer: nil)
    }

    static func digest(_ table: Table<DigestItem>, context: PageContext) -> HTML {
        Layout.page(title: "Your early-warning digest", context: context, crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Digest")], content: [
            Layout.paragraph(
                "Providers of the ICBs you read that score \(Int(EarlyWarningController.digestThreshold)) or more (higher is more at risk), showing "
                    + "only those new to the list or at least 5 points worse since you last marked the digest read. Each month of new data "
                    + "makes a new digest. Email is not sent: this list is the digest.", class: "lede"),
            table.rows.isEmpty ? Layout.paragraph("Nothing new or worse since you last read the digest.", class: "notice") : TableView.whole(
                table, csv: ListLinks.href(PodiumRoute.digest.path, ListLinks.items([("format", "csv")])),
                note: "\(table.rows.count) provider\(table.rows.count == 1 ? "" : "s") new or worse. "),
            .form(
                .attr("method", "post"), .attr("action", PodiumRoute.digestRead.path), .attr("class", "inline no-print"),
                Layout.csrfField(context), .button(.attr("type", "submit"), .plain("Mark the digest read"))),
        ])
    }
}

extension API {
    /// One signal of a provider's warning: the value seen, its setting, the points it earns, in words and from where.
    struct SignalDTO: Content {
        var signal: String
        var label: String
        var value: Double?
        var words: String
        var weight: Double
        var starts: Double
        var full: Double
        var severity: Double
        var points: Double
        var source: String

        init(_ reading: SignalReading) {
            signal = reading.signal.rawValue
            label = reading.signal.label
            value = reading.value.map { ($0 * 1000).rounded() / 1000 }
            words = reading.words
            weight = reading.setting.weight
            starts = reading.setting.starts
            full = reading.setting.full
            severity = (reading.severity * 1000).rounded() / 1000
            points = (reading.points * 10).rounded() / 10
            source = reading.signal.source
        }
    }

    /// A provider's early-warning score with every signal.
    struct WarningDTO: Content {
        var provider: String
        var asOf: String
        var configuration: String
        var score: Double
        var reasons: [String]
        var signals: [SignalDTO]

        init(provider: String, warning: ProviderWarning) {
            self.provider = provider
            asOf = warning.asOf.iso
            configuration = warning.configuration
            score = warning.score
            reasons = warning.reasonLines
            signals = warning.readings.map(SignalDTO.init)
        }
    }

    struct RankedDTO: Content {
        var provider: String
        var name: String
        var score: Double
        var reasons: [String]
        var trend: [TrendPoint]?
        var url: String
    }

    struct TrendPoint: Content {
        var month: String
        var score: Double
    }

    /// An ICB's providers ranked by score, most at risk first.
    struct ProvidersAtRiskDTO: Content {
        var icb: String
        var asOf: String?
        var judgedOn: String
        var pharmacyAsOf: String
        var configuration: String
        var dental: [RankedDTO]
        var pharmacies: [RankedDTO]

        init(_ list: ProvidersAtRisk) {
            icb = list.icb.code.rawValue
            asOf = list.asOf?.iso
            judgedOn = list.today.iso
            pharmacyAsOf = list.pharmacyAsOf.iso
            configuration = list.configuration.version
            dental = list.dental.map { risk in
                RankedDTO(
                    provider: "contract:\(risk.contract)", name: risk.provider, score: risk.warning.score, reasons: risk.warning.reasonLines,
                    trend: risk.trend.map { TrendPoint(month: $0.month.iso, score: $0.score) }, url: APIRoute.contractWarning.fill([risk.contract.rawValue]))
            }
            pharmacies = list.pharmacies.map { risk in
                RankedDTO(
                    provider: "pharmacy:\(risk.pharmacy)", name: risk.name, score: risk.warning.score, reasons: risk.warning.reasonLines,
                    trend: risk.trend.map { TrendPoint(month: $0.month.iso, score: $0.score) }, url: APIRoute.pharmacyWarning.fill([risk.pharmacy.rawValue]))
            }
        }
    }
}
