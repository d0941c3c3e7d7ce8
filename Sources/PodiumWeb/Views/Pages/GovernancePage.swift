import Plot
import PodiumCore

/// An ICB's risk log (NHS 5×5 matrix, heat map, overdue reviews) and its readiness against the assurance criteria.
enum GovernancePage {
    static func rating(_ rating: RiskRating) -> Cell {
        Cell(text: "\(rating.score) \(rating.grade.label.lowercased())", csv: String(rating.score), sort: .number(Int64(rating.score)),
             sheet: .number(String(rating.score), .integer))
    }

    static func risksTable(_ overview: GovernanceOverview) -> Table<GovernanceOverview.Risk> {
        Table(id: "risks-scored", caption: "Risks, gravest first", columns: [
            Column("reference", "Reference") { .text($0.reference, link: ListLinks.href(
                PodiumRoute.recordForm(overview.icb.code, .risks).path, ListLinks.items([("key", $0.reference)]))) },
            Column("title", "Risk") { .text($0.title) },
            Column("category", "Category") { .text($0.category) },
            Column("owner", "Owner") { .text($0.owner) },
            Column("initial", "Initial", note: "score, before controls", numeric: true) { rating($0.assessment.initial) },
            Column("current", "Current", note: "score; lower is better", numeric: true) { rating($0.assessment.current) },
            Column("target", "Target", note: "score", numeric: true) { rating($0.assessment.target) },
            Column("review", "Next review") { .date($0.assessment.reviewDue) },
            Column("evidence", "Live evidence", note: "current value", sortable: false) { risk in
                .text(risk.evidence.map { "\($0.citation): \($0.value)" }.joined(separator: "; "))
            },
            Column("state", "State") { risk in
                .text(!risk.assessment.isOpen ? "closed" : risk.assessment.isOverdue(on: overview.today) ? "review overdue"
                    : risk.assessment.isAboveTarget ? "above target" : "at target")
            },
        ], rows: overview.risks, footer: nil)
    }

    /// The 5×5 heat map as a table: likelihood down (almost certain at the top), consequence across.
    static func heatMapTable(_ overview: GovernanceOverview) -> Table<Likelihood> {
        let map = overview.heatMap
        return Table(id: "heat-map", caption: "Open risks by current likelihood and consequence", columns: [
            Column("likelihood", "Likelihood", sortable: false) { .text("\($0.rawValue) \($0.label)") },
        ] + Consequence.allCases.map { consequence in
            Column("c\(consequence.rawValue)", "\(consequence.rawValue) \(consequence.label)", note: "consequence", numeric: true, sortable: false) {
                .count(map.count($0, consequence))
            }
        }, rows: Likelihood.allCases.reversed(), footer: nil)
    }

    static func domainsTable(_ overview: GovernanceOverview) -> Table<ReadinessRollUp.Group> {
        let groups = overview.readiness.map { [$0.overall] + $0.domains } ?? []
        return Table(id: "readiness", caption: "Readiness by domain", columns: [
            Column("domain", "Domain") { .text($0.name) },
            Column("status", "Status", note: "red if any red; green only if all green") { .text($0.status.label) },
            Column("green", "Green", numeric: true) { .count($0.counts[.green] ?? 0) },
            Column("amber", "Amber", numeric: true) { .count($0.counts[.amber] ?? 0) },
            Column("red", "Red", numeric: true) { .count($0.counts[.red] ?? 0) },
            Column("unrated", "Not yet rated", numeric: true) { .count($0.unrated) },
            Column("readiness", "Rated green", note: "% of criteria; higher is better", numeric: true) { .percent($0.readiness) },
        ], rows: groups, footer: nil)
    }

    static func registerTable(_ rows: [DelegationEntry], id: String, caption: String) -> Table<DelegationEntry> {
        Table(id: id, caption: caption, columns: [
            Column("service", "Service") { .text($0.serviceName) },
            Column("status", "Status") { .text($0.status.label) },
            Column("from", "From") { .date($0.from) },
            Column("to", "To") { .date($0.to) },
            Column("phase", "Phase") { .text($0.phase) },
            Column("host", "Host organisation") { .text($0.host) },
            Column("served", "ICBs served", note: "each contract stays with one ICB") { .text($0.icbsServed.joined(separator: " ")) },
            Column("confidence", "Confirmed") { .text($0.confidence.rawValue) },
            Column("reference", "Reference") { .text($0.reference) },
        ], rows: rows, footer: nil)
    }

    static func functionsTable(_ overview: GovernanceOverview) -> Table<FieldValues> {
        let rows = overview.functions.values.sorted { ($0.text("arrangement") ?? "", $0.text("reference") ?? "") < ($1.text("arrangement") ?? "", $1.text("reference") ?? "") }
        return Table(id: "functions", caption: "Functions delegated to the ICB and reserved to NHS England", columns: [
            Column("arrangement", "Arrangement") { .text($0.text("arrangement")) },
            Column("function", "Function") { .text($0.text("function")) },
            Column("confidence", "Confirmed", note: "unconfirmed until checked against the agreement") { .text($0.text("confidence")) },
            Column("reference", "Reference") { .text($0.text("reference")) },
        ], rows: rows, footer: nil)
    }

    struct PrincipleRow: Sendable {
        var domain: String
        var group: ReadinessRollUp.Group
    }

    static func principlesTable(_ overview: GovernanceOverview) -> Table<PrincipleRow> {
        let rows = overview.readiness.map { readiness in
            readiness.domains.flatMap { domain in (readiness.principles[domain.name] ?? []).map { PrincipleRow(domain: domain.name, group: $0) } }
        } ?? []
        return Table(id: "principles", caption: "Readiness by principle", columns: [
            Column("domain", "Domain") { .text($0.domain) },
            Column("principle", "Principle") { .text($0.group.name) },
            Column("status", "Status") { .text($0.group.status.label) },
            Column("criteria", "Criteria", numeric: true) { .count($0.group.total) },
            Column("readiness", "Rated green", note: "%; higher is better", numeric: true) { .percent($0.group.readiness) },
        ], rows: rows, footer: nil)
    }

    static func ratingHistoryTable(_ overview: GovernanceOverview) -> Table<RecordChange> {
        Table(id: "rating-history", caption: "History of ratings, newest first (from the audit trail)", columns: [
            Column("at", "When") { .text($0.at) },
            Column("by", "Who") { .text($0.by) },
            Column("criterion", "Criterion") { .text($0.key) },
            Column("rating", "Rating", note: "before → after") { change in
                .text(change.fields.first { $0.field == "rating" }.map { "\($0.before.isEmpty ? "unrated" : $0.before) → \($0.after.isEmpty ? "unrated" : $0.after)" })
            },
        ], rows: overview.ratingHistory, footer: nil)
    }

    static func transformationTable(_ overview: GovernanceOverview) -> Table<FieldValues> {
        @Sendable func latest(_ record: FieldValues) -> String {
            guard let id = record.text("measure").flatMap(EvidenceCitation.Measure.init) else { return "" }
            return overview.measures[id]?.latestWords ?? "\(id.rawValue): no data yet"
        }
        return Table(id: "transformation-benefits", caption: "Programmes and pilots against the triple aim", columns: [
            Column("reference", "Reference") { .text($0.text("reference"), link: ListLinks.href(
                PodiumRoute.recordForm(overview.icb.code, .transformation).path, ListLinks.items([("key", $0.text("reference") ?? "")]))) },
            Column("name", "Programme or pilot") { .text($0.text("name")) },
            Column("kind", "Kind") { .text($0.text("kind")) },
            Column("status", "Status") { .text($0.text("status")) },
            Column("measure", "Measure now", note: "latest month and SPC variation") { .text(latest($0)) },
            Column("baseline", "Baseline") { .text($0.text("baseline")) },
            Column("population_health", "Population health") { .text($0.text("population_health")) },
            Column("quality", "Quality") { .text($0.text("quality")) },
            Column("value", "Value for money") { .text($0.text("value")) },
            Column("cost", "Cost", numeric: true) { .money($0.money("cost")) },
            Column("savings", "Savings", numeric: true) { .money($0.money("savings")) },
        ], rows: overview.transformation.values, footer: nil)
    }

    /// The heat map's cells carry their NPSA grade as a class, so the colours follow the matrix.
    static func heatMap(_ overview: GovernanceOverview) -> Node<HTML.BodyContext> {
        let map = overview.heatMap
        return .table(
            .attr("class", "heat-map"),
            .caption(.plain("Open risks by current rating: likelihood (down) × consequence (across); the number is how many risks")),
            .thead(.tr(.th(.plain("Likelihood")), .forEach(Consequence.allCases) { .th(.plain("\($0.rawValue) \($0.label)")) })),
            .tbody(.forEach(Array(Likelihood.allCases.reversed())) { likelihood in
                .tr(
                    .th(.plain("\(likelihood.rawValue) \(likelihood.label)")),
                    .forEach(Consequence.allCases) { consequence in
                        let rating = RiskRating(likelihood, consequence), count = map.count(likelihood, consequence)
                        return .td(
                            .attr("class", "grade-\(rating.grade.rawValue)"),
                            .attr("title", "score \(rating.score), \(rating.grade.rawValue)"),
                            .plain(count == 0 ? "" : String(count)))
                    })
            }))
    }

    /// Every table the page shows, by id, for the CSV links and the controller.
    static func tables(_ overview: GovernanceOverview) -> [(String, () -> String)] {
        let inForce = registerTable(overview.inForce, id: "delegation-in-force", caption: ""), register = registerTable(overview.register, id: "delegation-register", caption: "")
        let risks = risksTable(overview), heat = heatMapTable(overview), domains = domainsTable(overview), principles = principlesTable(overview)
        let functions = functionsTable(overview), history = ratingHistoryTable(overview), programmes = transformationTable(overview)
        return [
            (inForce.id, { inForce.csv(ListRequest()) }), (register.id, { register.csv(ListRequest()) }), (functions.id, { functions.csv(ListRequest()) }),
            (heat.id, { heat.csv(ListRequest()) }), (risks.id, { risks.csv(ListRequest()) }), (domains.id, { domains.csv(ListRequest()) }),
            (principles.id, { principles.csv(ListRequest()) }), (history.id, { history.csv(ListRequest()) }), (programmes.id, { programmes.csv(ListRequest()) }),
        ]
    }

    static func render(_ overview: GovernanceOverview, context: PageContext) -> HTML {
        let icb = overview.icb, path = PodiumRoute.governance(icb.code).path, map = overview.heatMap
        let csv = { (id: String) in ListLinks.href(path, ListLinks.items([("format", "csv"), ("table", id)])) }
        let whole = { (table: Node<HTML.BodyContext>, empty: Bool, words: String) in empty ? Layout.paragraph(words, class: "notice") : table }
        let inForce = registerTable(overview.inForce, id: "delegation-in-force", caption: "In force on \(overview.today.label)")
        let register = registerTable(overview.register, id: "delegation-register", caption: "Every row of the register, earliest first")
        let functions = functionsTable(overview), risks = risksTable(overview), domains = domainsTable(overview)
        let principles = principlesTable(overview), history = ratingHistoryTable(overview), programmes = transformationTable(overview)
        return Layout.page(
            title: "Governance: \(icb.shortName)", context: context, crumbs: PharmacyPages.crumbs(icb, "Governance"),
            content: [
                FinancePage.committeePaper("Risk and assurance: \(icb.shortName)", asOf: overview.today.yearMonth, planDate: overview.today),
                Layout.paragraph(
                    "Who commissions what under delegation, the risk log scored on the NHS 5×5 matrix (likelihood × consequence: 1–3 low, "
                        + "4–6 moderate, 8–12 high, 15–25 extreme) with the live evidence each risk cites, readiness against the ICB's "
                        + "assurance criteria, and transformation against the triple aim. Every log is kept below, with upload, forms and an audit trail.",
                    class: "lede"),
                .p(.attr("class", "no-print"), Layout.link("Committee paper (print or PDF)", PodiumRoute.committeePaper(icb.code).path)),
                RecordPages.exampleNotice(overview.records),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Open risks", String(map.total), source: "risk log"),
                    Layout.figure("Extreme or high", String(map.total(.extreme) + map.total(.high)), source: "current score 8 or more", note: "lower is better"),
                    Layout.figure("Reviews overdue", String(overview.overdue.count), source: "as at \(overview.today.label)", note: "lower is better"),
                    Layout.figure(
                        "Readiness", overview.readiness.map { "\($0.overall.readiness.percentText ?? "–") green, \($0.overall.status.label.lowercased()) overall" } ?? "not assessed",
                        source: "assurance criteria", note: "higher is better"),
                    Layout.figure("Decisions due", String(overview.decisionsDue.count), source: "proposed or deferred"),
                    Layout.figure("Engagement follow-ups overdue", String(overview.followUpsOverdue), source: "engagement log", note: "lower is better"),
                    Layout.figure("Handover items outstanding", String(overview.handoverOutstanding), source: "handover checklist", note: "lower is better")),
                .h2(.plain("Delegation")),
                whole(TableView.whole(inForce, csv: csv(inForce.id)), overview.inForce.isEmpty, "No delegation register rows are in force; run podium seed-governance or add rows."),
                TableView.whole(functions, csv: csv(functions.id)),
                .h3(.plain("The whole register")),
                TableView.whole(register, csv: csv(register.id)),
                .h2(.plain("Risk heat map")),
                heatMap(overview),
                .p(.attr("class", "table-meta"), Layout.link("Download CSV", csv("heat-map"))),
                .h2(.plain("Risks")),
                whole(TableView.whole(risks, csv: csv(risks.id)), overview.risks.isEmpty, "No risks recorded yet."),
                .h2(.plain("Readiness")),
                whole(.group(TableView.whole(domains, csv: csv(domains.id)), TableView.whole(principles, csv: csv(principles.id))), overview.readiness == nil,
                      "No assurance criteria recorded yet."),
                whole(TableView.whole(history, csv: csv(history.id)), overview.ratingHistory.isEmpty, "No rating has been changed through Podium yet."),
                .h2(.plain("Transformation")),
                whole(TableView.whole(programmes, csv: csv(programmes.id)), overview.transformation.records.isEmpty, "No programmes or pilots recorded yet."),
                .forEach(overview.records) { RecordPages.section($0, icb: icb.code) },
            ])
    }
}
