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

    static func render(
        _ overview: GovernanceOverview, risks: Table<GovernanceOverview.Risk>, heat: Table<Likelihood>, domains: Table<ReadinessRollUp.Group>,
        context: PageContext
    ) -> HTML {
        let icb = overview.icb, path = PodiumRoute.governance(icb.code).path, map = overview.heatMap
        let csv = { (id: String) in ListLinks.href(path, ListLinks.items([("format", "csv"), ("table", id)])) }
        return Layout.page(
            title: "Governance: \(icb.shortName)", context: context, crumbs: PharmacyPages.crumbs(icb, "Governance"),
            content: [
                FinancePage.committeePaper("Risk and assurance: \(icb.shortName)", asOf: overview.today.yearMonth, planDate: overview.today),
                Layout.paragraph(
                    "The risk log scored on the NHS 5×5 matrix (likelihood × consequence: 1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme) and "
                        + "readiness against the ICB's assurance criteria. Risk and criteria records are kept below, with upload, forms and an audit trail.",
                    class: "lede"),
                RecordPages.exampleNotice(overview.records),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Open risks", String(map.total), source: "risk log"),
                    Layout.figure("Extreme or high", String(map.total(.extreme) + map.total(.high)), source: "current score 8 or more", note: "lower is better"),
                    Layout.figure("Reviews overdue", String(overview.overdue.count), source: "as at \(overview.today.label)", note: "lower is better"),
                    Layout.figure(
                        "Readiness", overview.readiness.map { "\($0.overall.readiness.percentText ?? "–") green, \($0.overall.status.label.lowercased()) overall" } ?? "not assessed",
                        source: "assurance criteria", note: "higher is better"),
                    Layout.figure("Engagement follow-ups overdue", String(overview.followUpsOverdue), source: "engagement log", note: "lower is better"),
                    Layout.figure("Handover items outstanding", String(overview.handoverOutstanding), source: "handover checklist", note: "lower is better")),
                .h2(.plain("Risk heat map")),
                heatMap(overview),
                .p(.attr("class", "table-meta"), Layout.link("Download CSV", csv(heat.id))),
                .h2(.plain("Risks")),
                overview.risks.isEmpty ? Layout.paragraph("No risks recorded yet.", class: "notice") : TableView.whole(risks, csv: csv(risks.id)),
                .h2(.plain("Readiness")),
                overview.readiness == nil ? Layout.paragraph("No assurance criteria recorded yet.", class: "notice") : TableView.whole(domains, csv: csv(domains.id)),
                .forEach(overview.records) { RecordPages.section($0, icb: icb.code) },
            ])
    }
}
