import Plot
import PodiumCore

extension Governance {
    /// An ICB's risk log (NHS 5×5 matrix, heat map, overdue reviews) and its readiness against the assurance criteria.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let inForce: Table<DelegationEntry>
        let register: Table<DelegationEntry>
        let functions: Table<DelegatedFunction>
        let heat: Table<Likelihood>
        let risks: Table<Model.Risk>
        let domains: Table<ReadinessRollUp.Group>
        let principles: Table<GovernanceViews.PrincipleRow>
        let history: Table<RecordChange>
        let programmes: Table<TransformationProgramme>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            inForce = GovernanceViews.registerTable(
                model.inForce, id: "delegation-in-force", caption: "In force on \(model.today.label)")
            register = GovernanceViews.registerTable(
                model.register, id: "delegation-register", caption: "Every row of the register, earliest first")
            functions = GovernanceViews.functionsTable(model)
            heat = GovernanceViews.heatMapTable(model)
            risks = GovernanceViews.risksTable(model)
            domains = GovernanceViews.domainsTable(model)
            principles = GovernanceViews.principlesTable(model)
            history = GovernanceViews.ratingHistoryTable(model)
            programmes = GovernanceViews.transformationTable(model)
        }

        var downloadName: String { "\(model.icb.code)-governance" }
        var tables: [AnyTable] {
            [
                AnyTable(inForce), AnyTable(register), AnyTable(functions), AnyTable(heat), AnyTable(risks),
                AnyTable(domains), AnyTable(principles),
                AnyTable(history), AnyTable(programmes),
            ]
        }

        func document() -> HTML {
            let overview = model
            let icb = overview.icb
            let path = PodiumRoute.governance(icb.code).path
            let map = overview.heatMap
            let csv = { (id: String) in ListLinks.href(path, QueryItems.of([("format", "csv"), ("table", id)])) }
            let whole = { (table: Node<HTML.BodyContext>, empty: Bool, words: String) in
                empty ? Layout.paragraph(words, class: "notice") : table
            }
            // Each log once: those summarised above link to where they are kept; the rest are listed at the end.
            let shownAbove: [RecordTemplate] = [.delegations, .delegatedFunctions, .risks, .transformation]
            let kept = { (template: RecordTemplate) -> Node<HTML.BodyContext> in
                overview.records.first { $0.template == template }.map { RecordViews.manageLinks($0, icb: icb.code) }
                    ?? .empty
            }
            return Layout.page(
                title: "Governance: \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Governance"),
                content: [
                    Finance.View.committeePaper(
                        "Risk and assurance: \(icb.shortName)", asOf: overview.today.yearMonth, planDate: overview.today
                    ),
                    Layout.paragraph(
                        "Who commissions what under delegation, the risk log scored on the NHS 5×5 matrix (likelihood × consequence: "
                            + "\(RiskGrade.bandsInWords)) with the live evidence each risk cites, readiness against the ICB's "
                            + "assurance criteria, and transformation against the triple aim. Every log is kept below, with upload, forms and an audit trail.",
                        class: "lede"),
                    .p(
                        .attr("class", "no-print"),
                        Layout.link("Committee paper (print or PDF)", PodiumRoute.committeePaper(icb.code).path)),
                    RecordViews.exampleNotice(overview.records),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure("Open risks", String(map.total), source: "risk log"),
                        Layout.figure(
                            "Extreme or high", String(overview.graveRisks),
                            source: "current score \(RiskGrade.high.scores.lowerBound) or more",
                            note: "lower is better"),
                        Layout.figure(
                            "Reviews overdue", String(overview.overdue.count), source: "as at \(overview.today.label)",
                            note: "lower is better"),
                        Layout.figure(
                            "Readiness",
                            overview.readiness.map {
                                "\($0.overall.readiness.percentText ?? "–") green, \($0.overall.status.label.lowercased()) overall"
                            } ?? "not assessed",
                            source: "assurance criteria", note: "higher is better"),
                        Layout.figure(
                            "Decisions due", String(overview.decisionsDue.count), source: "proposed or deferred"),
                        Layout.figure(
                            "Engagement follow-ups overdue", String(overview.followUpsOverdue),
                            source: "engagement log", note: "lower is better"),
                        Layout.figure(
                            "Handover items outstanding", String(overview.handoverOutstanding),
                            source: "handover checklist", note: "lower is better")),
                    .h2(.plain("Delegation")),
                    whole(
                        TableView.whole(inForce, csv: csv(inForce.id)), overview.inForce.isEmpty,
                        "No delegation register rows are in force; run podium seed-governance or add rows."),
                    TableView.whole(functions, csv: csv(functions.id)),
                    kept(.delegatedFunctions),
                    .h3(.plain("The whole register")),
                    TableView.whole(register, csv: csv(register.id)),
                    kept(.delegations),
                    .h2(.plain("Risk heat map")),
                    GovernanceViews.heatMap(overview),
                    .p(.attr("class", "table-meta"), Layout.link("Download CSV", csv("heat-map"))),
                    .h2(.plain("Risks")),
                    whole(TableView.whole(risks, csv: csv(risks.id)), overview.risks.isEmpty, "No risks recorded yet."),
                    kept(.risks),
                    .h2(.plain("Readiness")),
                    whole(
                        .group(
                            TableView.whole(domains, csv: csv(domains.id)),
                            TableView.whole(principles, csv: csv(principles.id))), overview.readiness == nil,
                        "No assurance criteria recorded yet."),
                    whole(
                        TableView.whole(history, csv: csv(history.id)), overview.ratingHistory.isEmpty,
                        "No rating has been changed through Podium yet."),
                    .h2(.plain("Transformation")),
                    whole(
                        TableView.whole(programmes, csv: csv(programmes.id)), overview.programmes.isEmpty,
                        "No programmes or pilots recorded yet."),
                    kept(.transformation),
                    .forEach(overview.records.filter { !shownAbove.contains($0.template) }) {
                        RecordViews.section($0, icb: icb.code)
                    },
                ])
        }
    }
}
