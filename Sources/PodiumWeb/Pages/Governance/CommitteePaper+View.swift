import Plot
import PodiumCore

/// A paper for a Primary Care Commissioning Committee, built from live data in one click: a cover sheet with
/// the fields an ICB paper carries (as in BNSSG's: purpose, recommendations, risk, finance, legal, inequalities,
/// equality, involvement and engagement), then the dental position, finance, access, risks and decisions due, each
/// section starting a new printed page.
enum CommitteePaperViews {
    static let sections = [
        "1. Dental position", "2. Finance", "3. Access and inequalities", "4. Risks", "5. Decisions due and assurance",
    ]

    static func recommendations(_ paper: CommitteePaper.Model) -> [String] {
        var lines: [String] = []
        if let portfolio = paper.dental?.portfolio {
            let below = portfolio.bands[.belowLowerTolerance] ?? 0
            let status = portfolio.yearEndStatus
            let age = paper.dataAge.map { " (NHSBSA data to \($0.latestMonth.label), \($0.words))" } ?? ""
            lines.append(
                "Note the dental contract position for \(portfolio.financialYear.label)\(paper.dental?.yearChoice.years.first?.financialYear == portfolio.financialYear ? ", the latest year with data" : "")\(age): \(portfolio.againstProfile.percentText ?? "–") of "
                    + "expected UDAs delivered, "
                    + (status == .projected
                        ? "\(below) contract\(below == 1 ? "" : "s") projected below the year-end tolerance, projected clawback \(portfolio.projectedClawback.formatted)."
                        : "\(below) contract\(below == 1 ? "" : "s") below the year-end tolerance, clawback \(portfolio.projectedClawback.formatted) (\(status.shortLabel)).")
            )
        }
        if let finance = paper.finance {
            var line =
                "Note the forecast outturn of \(finance.forecastOutturn.formatted) against a budget of \(finance.budget.formatted)"
            if finance.isHistory {
                line +=
                    finance.plan.uncommitted.pence > 0
                    ? "; \(finance.year.label) has ended, and \(finance.plan.uncommitted.formatted) of ring-fenced dental money was not committed by 31 March \(finance.year.startYear + 1) by the ICB's records"
                    : "; \(finance.year.label) has ended"
            } else if let date = finance.plan.mustCommitBy {
                line +=
                    ", and that \(finance.plan.uncommitted.formatted) of ring-fenced dental money must be committed by \(date.label)"
            }
            lines.append(line + ".")
        }
        let map = paper.governance.heatMap
        lines.append(
            "Note \(map.total(.extreme)) extreme and \(map.total(.high)) high risks; \(paper.governance.overdue.count) risk review\(paper.governance.overdue.count == 1 ? " is" : "s are") overdue."
        )
        for decision in paper.governance.decisionsDue {
            lines.append("Decide: \(decision.decision) (\(decision.reference)).")
        }
        if let readiness = paper.governance.readiness {
            lines.append(
                "Note assurance readiness: \(readiness.overall.readiness.percentText ?? "–") of criteria rated green, \(readiness.overall.status.label.lowercased()) overall."
            )
        }
        return lines
    }

    /// The cover sheet's rows: (field, what it says).
    static func cover(_ paper: CommitteePaper.Model) -> [(String, [String])] {
        let governance = paper.governance
        let top = governance.risks.filter(\.assessment.isOpen).prefix(3).map {
            "\($0.title) (\($0.reference); current score \($0.assessment.current.score), \($0.assessment.current.grade.label.lowercased()))"
        }
        let finance: [String] =
            paper.finance.map { finance in
                [
                    "Forecast outturn \(finance.forecastOutturn.formatted) against budget \(finance.budget.formatted) (variance \(finance.variance.formatted), + is underspend), figures to \(finance.asOf.label).",
                    "Ring-fenced dental underspend at risk: \(finance.underspendAtRisk.formatted)."
                        + (finance.isHistory
                            ? (finance.plan.uncommitted.pence > 0
                                ? " \(finance.plan.uncommitted.formatted) was not committed by 31 March \(finance.year.startYear + 1)."
                                : "")
                            : finance.plan.mustCommitBy.map {
                                " \(finance.plan.uncommitted.formatted) must be committed by \($0.label)."
                            } ?? ""),
                ]
            } ?? ["No dental activity is imported, so no finance position can be built."]
        let inForce = governance.inForce.map {
            "\($0.serviceName): \($0.status.label.prefix(1).lowercased() + $0.status.label.dropFirst()) since \($0.from.label)"
        }
        let partners = paper.engagementByPartner
        let given = { (text: String) in text.isEmpty ? "to be completed" : text }
        return [
            ("Meeting", ["Primary Care Commissioning Committee, \(paper.meeting.label)"]),
            ("Agenda item", [given(paper.details.agendaItem)]),
            ("Author", [given(paper.details.author)]),
            ("Executive lead", [given(paper.details.lead)]),
            ("Title", ["Pharmacy, optometry and dental commissioning: position report for \(paper.icb.name)"]),
            ("Purpose", [paper.purpose]),
            ("Recommendations", recommendations(paper)),
            ("Key risks", top.isEmpty ? ["No open risks recorded."] : Array(top)),
            ("Financial implications", finance),
            (
                "Legal implications",
                [
                    "The ICB exercises these functions under its delegation agreement with NHS England (NHS Act 2006 s65Z5); NHS England keeps accountability."
                ] + (inForce.isEmpty ? ["No delegation register rows are in force."] : inForce)
            ),
            (
                "Health inequalities",
                paper.access.map(\.value) + [
                    "Permanent pharmacy closures on record: \(paper.closures.permanent); unplanned closures: \(paper.closures.unplanned)."
                ] + [OverdueApplications.words(paper.overdueApplications)].compactMap { $0 }
            ),
            (
                "Equality",
                [
                    governance.decisionsDue.isEmpty
                        ? "No decision in this paper changes services."
                        : "An equality impact assessment is needed before any of the \(governance.decisionsDue.count) decision\(governance.decisionsDue.count == 1 ? "" : "s") due changes services."
                ]
            ),
            (
                "Patient and public involvement and engagement",
                [
                    "\(paper.recentEngagement.count) engagement\(paper.recentEngagement.count == 1 ? "" : "s") in the six months to the meeting"
                        + (partners.isEmpty ? "." : " (" + partners.joined(separator: ", ") + ")."),
                    "\(governance.followUpsOverdue) follow-up action\(governance.followUpsOverdue == 1 ? " is" : "s are") overdue.",
                ]
            ),
            (
                "Prepared by",
                [
                    "Podium, from the data held on \(paper.meeting.label). Every figure is an aggregate; example data, where present, is labelled."
                ]
            ),
        ]
    }

    /// The declarations box of an ICB cover sheet: what the paper contains and what follows from it.
    static func declarations(_ paper: CommitteePaper.Model) -> [(String, String)] {
        let conflicts = paper.governance.decisionsDue.filter { !$0.conflicts.isEmpty }
        return [
            ("Contains patient-identifiable data", "No. Every figure is an aggregate of published or ICB-held data."),
            (
                "Contains example data",
                paper.hasExamples ? "Yes: records generated for the demonstration, labelled where shown." : "No."
            ),
            (
                "Financial implications",
                paper.finance == nil ? "None shown: no dental activity is imported." : "Yes: see section 2."
            ),
            (
                "Conflicts of interest",
                conflicts.isEmpty
                    ? "None declared for the decisions due."
                    : conflicts.map { "\($0.reference): \($0.conflicts)" }.joined(separator: "; ")
            ),
            ("Equality and health inequalities", "See section 3: access by deprivation and who cannot reach care."),
            (
                "Suitable for publication",
                paper.hasExamples ? "No: it contains example data." : "Yes, subject to the committee's agreement."
            ),
        ]
    }

    static func decisionsTable(_ paper: CommitteePaper.Model) -> Table<DecisionEntry> {
        Table(
            id: "decisions-due", caption: "Decisions due (proposed or deferred)",
            columns: [
                Column("reference", "Reference") { .text($0.reference) },
                Column("decision", "Decision") { .text($0.decision) },
                Column("options", "Options considered") { .text($0.options) },
                Column("rationale", "Rationale") { .text($0.rationale) },
                Column("conflicts", "Conflicts of interest") { .text($0.conflicts) },
                Column("linked", "Linked records") {
                    .text($0.linked.isEmpty ? nil : $0.linked.joined(separator: " "))
                },
            ], rows: paper.governance.decisionsDue, footer: nil)
    }
}

extension CommitteePaper {
    struct View: PageView {
        let model: Model
        let context: PageContext
        /// The HTML for printing to PDF carries its stylesheet (the printer has no server to fetch it from).
        let inlineStyles: Bool
        let topRisks: Table<ContractPosition>?
        let lines: Table<LineForecast>?
        let options: Table<ReinvestmentOption>?
        let risks: Table<Governance.Model.Risk>
        let decisions: Table<DecisionEntry>
        let readiness: Table<ReadinessRollUp.Group>
        let delegation: Table<DelegationEntry>

        init(_ model: Model, context: PageContext, inlineStyles: Bool = false) {
            self.model = model
            self.context = context
            self.inlineStyles = inlineStyles
            topRisks = model.dental.map {
                PositionTables.positions(
                    model.topRisks, id: "top-risks", caption: "Largest projected clawback",
                    threshold: $0.settings.midYearThreshold, dataChecks: $0.dataChecks)
            }
            lines = model.finance.map(Finance.View.linesTable)
            options = model.finance.map(Finance.View.optionsTable)
            risks = GovernanceViews.risksTable(model.governance)
            decisions = CommitteePaperViews.decisionsTable(model)
            readiness = GovernanceViews.domainsTable(model.governance)
            delegation = GovernanceViews.registerTable(
                model.governance.inForce, id: "delegation-in-force",
                caption: "Delegation in force on \(model.meeting.label)")
        }

        var downloadName: String { "\(model.icb.code)-committee-paper-\(model.meeting.iso)" }
        var tables: [AnyTable] {
            [topRisks.map { AnyTable($0) }, lines.map { AnyTable($0) }, options.map { AnyTable($0) }].compactMap { $0 }
                + [AnyTable(risks), AnyTable(decisions), AnyTable(readiness), AnyTable(delegation)]
        }

        func document() -> HTML {
            let paper = model
            let sections = CommitteePaperViews.sections
            let icb = paper.icb
            let governance = paper.governance
            let path = PodiumRoute.committeePaper(icb.code).path
            let link = { (format: String, table: String?) in
                ListLinks.href(
                    path,
                    QueryItems.of(
                        [
                            ("meeting", paper.meeting.iso),
                            ("year", paper.dental?.portfolio.financialYear.parameter ?? ""),
                        ] + paper.details.queryItems.filter { !$0.1.isEmpty } + [("format", format)]
                            + (table.map { [("table", $0)] } ?? [])))
            }
            func whole<Row>(_ table: Table<Row>) -> Node<HTML.BodyContext> {
                TableView.whole(table, csv: link("csv", table.id))
            }
            let section = { (index: Int, content: [Node<HTML.BodyContext>]) -> Node<HTML.BodyContext> in
                .element(
                    named: "section", nodes: [.attr("class", "paper-section"), .h2(.plain(sections[index]))] + content)
            }
            let measures = EvidenceCitation.Measure.allCases.compactMap { governance.measures[$0] }
            var figureNumber = 0
            func figure(_ caption: String, _ drawing: Node<HTML.BodyContext>) -> Node<HTML.BodyContext> {
                figureNumber += 1
                return .element(
                    named: "figure",
                    nodes: [
                        .attr("class", "paper-figure"),
                        .element(named: "figcaption", nodes: [.plain("Figure \(figureNumber). \(caption)")]), drawing,
                    ])
            }
            let details = paper.details
            let agenda = details.agendaItem.isEmpty ? "" : " · Agenda item \(details.agendaItem)"
            return Layout.page(
                title: "Committee paper: \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Committee paper"), inlineStyles: inlineStyles,
                print: Layout.PrintMarks(
                    header: "\(icb.name) · Primary Care Commissioning Committee, \(paper.meeting.label)\(agenda)",
                    footer: "\(icb.shortName) · PCCC \(paper.meeting.label) · Contains no patient-identifiable data"),
                content: [
                    .form(
                        .attr("class", "no-print filter"), .attr("method", "get"), .attr("action", path),
                        .label(.attr("for", "meeting"), .plain("Meeting date ")),
                        .input(
                            .attr("type", "date"), .attr("id", "meeting"), .attr("name", "meeting"),
                            .attr("value", paper.meeting.iso)),
                        .forEach([
                            ("agenda_item", "Agenda item", details.agendaItem), ("author", "Author", details.author),
                            ("lead", "Executive lead", details.lead),
                        ]) { name, label, value in
                            .group(
                                .label(.attr("for", name), .plain(" \(label) ")),
                                .input(
                                    .attr("type", "text"), .attr("id", name), .attr("name", name),
                                    .attr("value", value)))
                        },
                        .button(.attr("type", "submit"), .plain("Rebuild")),
                        .plain(" "),
                        .a(.attr("href", link("pdf", nil)), .plain("Download PDF"))),
                    paper.hasExamples
                        ? Layout.paragraph(
                            "This paper includes example records generated for the demonstration; they are labelled on the governance and finance pages.",
                            class: "notice example")
                        : .empty,
                    .div(
                        .attr("class", "paper-cover"),
                        .table(
                            .attr("class", "cover-sheet"),
                            .caption(.plain("Cover sheet")),
                            .tbody(
                                .forEach(CommitteePaperViews.cover(paper)) { field, lines in
                                    .tr(
                                        .th(.attr("scope", "row"), .plain(field)),
                                        .td(
                                            lines.count == 1
                                                ? .plain(lines[0]) : .ul(.forEach(lines) { .li(.plain($0)) })))
                                })),
                        .table(
                            .attr("class", "cover-sheet declarations"),
                            .caption(.plain("Declarations")),
                            .tbody(
                                .forEach(CommitteePaperViews.declarations(paper)) { field, text in
                                    .tr(.th(.attr("scope", "row"), .plain(field)), .td(.plain(text)))
                                }))),
                    section(
                        0,
                        paper.dental.map { dental in
                            [
                                .div(
                                    .attr("class", "figures"),
                                    .group(DentalPositionFigures.cards(dental.portfolio, settings: dental.settings))),
                                Layout.paragraph(
                                    "\(dental.portfolio.financialYear.label)\(dental.yearChoice.years.first?.financialYear == dental.portfolio.financialYear ? ", the latest financial year with data" : ""): NHSBSA dental activity (provisional) to \(dental.coverage.monthsPresent.last?.label ?? "–")"
                                        + (paper.dataAge.map { ", \($0.words)" } ?? "")
                                        + "; the year end is \(dental.portfolio.yearEndStatus.label). Higher delivery is better.",
                                    class: "direction"),
                                dental.measures.first.map { measure in
                                    figure(
                                        "\(measure.name), \(dental.portfolio.financialYear.label) (SPC; higher is better)",
                                        measure.view().render(id: "paper-spc-delivery"))
                                } ?? .empty,
                            ] + (topRisks.map { [whole($0)] } ?? [])
                        } ?? [Layout.paragraph("No dental activity is imported yet.", class: "notice")]),
                    section(
                        1,
                        (paper.finance.map { finance in
                            [
                                figure(
                                    "Spend each month against a twelfth of the budget, \(finance.year.label)",
                                    Finance.View.chart(finance).render(id: "paper-finance-chart"))
                            ]
                        } ?? [])
                            + (lines.map { [whole($0)] } ?? [
                                Layout.paragraph("No finance position without dental activity.", class: "notice")
                            ])
                            + (options.map { [whole($0)] } ?? [])),
                    section(
                        2,
                        [
                            paper.accessMap.map { access in
                                let model = access.snapshot.model
                                return figure(
                                    "Access to NHS dentistry by neighbourhood (2021 LSOAs), \(icb.shortName); red is least, blue most",
                                    AccessViews.map(
                                        access, scores: model.access,
                                        breaks: AccessMap.breaks(access.areas.map { model.access[$0] }),
                                        title: "Access to \(access.snapshot.service.phrase) in \(icb.shortName)"
                                    ).render(id: "paper-access-map"))
                            } ?? .empty,
                            .ul(.forEach(paper.access) { .li(.plain($0.value)) }),
                            .ul(
                                .forEach(measures) { .li(.plain(($0.latestWords ?? $0.name) + " (higher is better)")) }),
                            Layout.paragraph(
                                "Pharmacy closures on record: \(paper.closures.permanent) permanent, \(paper.closures.unplanned) unplanned.",
                                class: "direction"),
                            OverdueApplications.words(paper.overdueApplications).map {
                                Layout.paragraph($0, class: "notice warning")
                            } ?? .empty,
                        ]),
                    section(
                        3,
                        [
                            GovernanceViews.heatMap(governance),
                            governance.risks.isEmpty
                                ? Layout.paragraph("No risks recorded.", class: "notice") : whole(risks),
                        ]),
                    section(
                        4,
                        [
                            governance.decisionsDue.isEmpty
                                ? Layout.paragraph("No decisions are due.", class: "notice") : whole(decisions),
                            governance.readiness == nil ? .empty : whole(readiness),
                            whole(delegation),
                        ]),
                ])
        }
    }
}
