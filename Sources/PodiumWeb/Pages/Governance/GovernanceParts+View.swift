import Plot
import PodiumCore

/// An ICB's risk log (NHS 5×5 matrix, heat map, overdue reviews) and its readiness against the assurance criteria.
enum GovernanceViews {
    static func rating(_ rating: RiskRating) -> Cell {
        Cell(
            text: "\(rating.score) \(rating.grade.label.lowercased())", csv: String(rating.score),
            sort: .number(Int64(rating.score)),
            sheet: .number(String(rating.score), .integer))
    }

    static func risksTable(_ overview: Governance.Model) -> Table<Governance.Model.Risk> {
        Table(
            id: "risks-scored", caption: "Risks, gravest first",
            columns: [
                Column("reference", "Reference") {
                    .text(
                        $0.reference,
                        link: ListLinks.href(
                            PodiumRoute.recordForm(overview.icb.code, .risks).path,
                            QueryItems.of([("key", $0.reference)])))
                },
                Column("title", "Risk") { .text($0.title) },
                // Kept beside the risk: a wide log scrolls, and this is what a committee reads first.
                Column("state", "State") { .text(overview.state(of: $0)) },
                Column("category", "Category") { .text($0.category) },
                Column("owner", "Owner") { .text($0.owner) },
                Column("initial", "Initial", note: "score, before controls", numeric: true) {
                    rating($0.assessment.initial)
                },
                Column("current", "Current", note: "score; lower is better", numeric: true) {
                    rating($0.assessment.current)
                },
                Column("target", "Target", note: "score", numeric: true) { rating($0.assessment.target) },
                Column("review", "Next review") { .date($0.assessment.reviewDue) },
                Column("evidence", "Live evidence", note: "current value", sortable: false) { risk in
                    .text(risk.evidence.map { "\($0.citation): \($0.value)" }.joined(separator: "; "))
                },
            ], rows: overview.risks, footer: nil)
    }

    /// The 5×5 heat map as a table: likelihood down (almost certain at the top), consequence across.
    static func heatMapTable(_ overview: Governance.Model) -> Table<Likelihood> {
        let map = overview.heatMap
        return Table(
            id: "heat-map", caption: "Open risks by current likelihood and consequence",
            columns: [
                Column("likelihood", "Likelihood", sortable: false) { .text("\($0.rawValue) \($0.label)") }
            ]
                + Consequence.allCases.map { consequence in
                    Column(
                        "c\(consequence.rawValue)", "\(consequence.rawValue) \(consequence.label)", note: "consequence",
                        numeric: true, sortable: false
                    ) {
                        .count(map.count($0, consequence))
                    }
                }, rows: Likelihood.allCases.reversed(), footer: nil)
    }

    static func domainsTable(_ overview: Governance.Model) -> Table<ReadinessRollUp.Group> {
        let groups = overview.readiness.map { [$0.overall] + $0.domains } ?? []
        return Table(
            id: "readiness", caption: "Readiness by domain",
            columns: [
                Column("domain", "Domain") { .text($0.name) },
                Column("status", "Status", note: "red if any red; green only if all green") { .text($0.status.label) },
                Column("green", "Green", numeric: true) { .count($0.counts[.green] ?? 0) },
                Column("amber", "Amber", numeric: true) { .count($0.counts[.amber] ?? 0) },
                Column("red", "Red", numeric: true) { .count($0.counts[.red] ?? 0) },
                Column("unrated", "Not yet rated", numeric: true) { .count($0.unrated) },
                Column("readiness", "Rated green", note: "% of criteria; higher is better", numeric: true) {
                    .percent($0.readiness)
                },
            ], rows: groups, footer: nil)
    }

    static func registerTable(_ rows: [DelegationEntry], id: String, caption: String) -> Table<DelegationEntry> {
        Table(
            id: id, caption: caption,
            columns: [
                Column("service", "Service") { .text($0.serviceName) },
                Column("status", "Status") { .text($0.status.label) },
                Column("from", "From") { .date($0.from) },
                Column("to", "To") { .date($0.to) },
                Column("phase", "Phase") { .text($0.phase) },
                Column("host", "Host organisation") { .text($0.host) },
                Column("served", "ICBs served", note: "each contract stays with one ICB") {
                    .text($0.icbsServed.joined(separator: " "))
                },
                Column("confidence", "Confirmed") { .text($0.confidence.rawValue) },
                Column("reference", "Reference") { .text($0.reference) },
            ], rows: rows, footer: nil)
    }

    static func functionsTable(_ overview: Governance.Model) -> Table<DelegatedFunction> {
        Table(
            id: "functions", caption: "Functions delegated to the ICB and reserved to NHS England",
            columns: [
                Column("arrangement", "Arrangement") { .text($0.arrangement.rawValue) },
                Column("function", "Function") { .text($0.function) },
                Column("confidence", "Confirmed", note: "unconfirmed until checked against the agreement") {
                    .text($0.confidence.rawValue)
                },
                Column("reference", "Reference") { .text($0.reference) },
            ], rows: overview.functions, footer: nil)
    }

    struct PrincipleRow: Sendable {
        var domain: String
        var group: ReadinessRollUp.Group
    }

    static func principlesTable(_ overview: Governance.Model) -> Table<PrincipleRow> {
        let rows =
            overview.readiness.map { readiness in
                readiness.domains.flatMap { domain in
                    (readiness.principles[domain.name] ?? []).map { PrincipleRow(domain: domain.name, group: $0) }
                }
            } ?? []
        return Table(
            id: "principles", caption: "Readiness by principle",
            columns: [
                Column("domain", "Domain") { .text($0.domain) },
                Column("principle", "Principle") { .text($0.group.name) },
                Column("status", "Status") { .text($0.group.status.label) },
                Column("criteria", "Criteria", numeric: true) { .count($0.group.total) },
                Column("readiness", "Rated green", note: "%; higher is better", numeric: true) {
                    .percent($0.group.readiness)
                },
            ], rows: rows, footer: nil)
    }

    static func ratingHistoryTable(_ overview: Governance.Model) -> Table<RecordChange> {
        Table(
            id: "rating-history", caption: "History of ratings, newest first (from the audit trail)",
            columns: [
                Column("at", "When") { .moment($0.at) },
                Column("by", "Who") { .text($0.by) },
                Column("criterion", "Criterion") { .text($0.key) },
                Column("rating", "Rating", note: "before → after") { change in
                    .text(
                        change.fields.first { $0.field == "rating" }.map {
                            "\($0.before.isEmpty ? "unrated" : $0.before) → \($0.after.isEmpty ? "unrated" : $0.after)"
                        })
                },
            ], rows: overview.ratingHistory, footer: nil)
    }

    static func transformationTable(_ overview: Governance.Model) -> Table<TransformationProgramme> {
        Table(
            id: "transformation-benefits", caption: "Programmes and pilots against the triple aim",
            columns: [
                Column("reference", "Reference") {
                    .text(
                        $0.reference,
                        link: ListLinks.href(
                            PodiumRoute.recordForm(overview.icb.code, .transformation).path,
                            QueryItems.of([("key", $0.reference)])))
                },
                Column("name", "Programme or pilot") { .text($0.name) },
                Column("kind", "Kind") { .text($0.kind) },
                Column("status", "Status") { .text($0.status) },
                Column("measure", "Measure now", note: "latest month and SPC variation") {
                    .text(overview.latest(of: $0))
                },
                Column("baseline", "Baseline") { .text($0.baseline) },
                Column("population_health", "Population health") { .text($0.populationHealth) },
                Column("quality", "Quality") { .text($0.quality) },
                Column("value", "Value for money") { .text($0.value) },
                Column("cost", "Cost", numeric: true) { .money($0.cost) },
                Column("savings", "Savings", numeric: true) { .money($0.savings) },
            ], rows: overview.programmes, footer: nil)
    }

    /// The heat map's cells carry their NPSA grade as a class, so the colours follow the matrix.
    static func heatMap(_ overview: Governance.Model) -> Node<HTML.BodyContext> {
        let map = overview.heatMap
        return .table(
            .attr("class", "heat-map"),
            .caption(
                .plain(
                    "Open risks by current rating: likelihood (down) × consequence (across); the number is how many risks"
                )),
            .thead(
                .tr(
                    .th(.plain("Likelihood")),
                    .forEach(Consequence.allCases) { .th(.plain("\($0.rawValue) \($0.label)")) })),
            .tbody(
                .forEach(Array(Likelihood.allCases.reversed())) { likelihood in
                    .tr(
                        .th(.plain("\(likelihood.rawValue) \(likelihood.label)")),
                        .forEach(Consequence.allCases) { consequence in
                            let rating = RiskRating(likelihood, consequence)
                            let count = map.count(likelihood, consequence)
                            return .td(
                                .attr("class", "grade-\(rating.grade.rawValue)"),
                                .attr("title", "score \(rating.score), \(rating.grade.rawValue)"),
                                .plain(count == 0 ? "" : String(count)))
                        })
                }))
    }
}
