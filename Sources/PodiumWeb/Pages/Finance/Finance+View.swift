import Foundation
import Plot
import PodiumCore

extension Finance {
    /// An ICB's delegated budget against forecast, the ring-fence, and what must be committed before 31 March.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let lines: Table<LineForecast>
        let monthly: Table<YearMonth>
        let options: Table<ReinvestmentOption>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            lines = Self.linesTable(model)
            monthly = Self.monthlyTable(model)
            options = Self.optionsTable(model)
        }

        var downloadName: String { "\(model.icb.code)-finance-\(DownloadName.year(model.year))" }
        var tables: [AnyTable] { [AnyTable(lines), AnyTable(monthly), AnyTable(options)] }

        static func linesTable(_ model: Model) -> Table<LineForecast> {
            Table(
                id: "lines", caption: "Budget and forecast outturn, \(model.year.label)",
                columns: [
                    Column("line", "Budget line") { .text($0.kind.label) },
                    Column("budget", "Budget", note: "£", numeric: true) { .money($0.budget) },
                    Column("actual", "Spent to date", note: "£, to \(model.asOf.shortLabel)", numeric: true) {
                        .money($0.actualToDate)
                    },
                    Column("committed", "Committed", note: "£", numeric: true) { .money($0.committed) },
                    Column("projected", "Projected", note: "£, payments in the rest of the year", numeric: true) {
                        .money($0.projected)
                    },
                    Column("recoveries", "Expected recoveries", note: "£, projected year-end clawback", numeric: true) {
                        .money($0.recoveries)
                    },
                    Column("outturn", "Forecast outturn", note: "£", numeric: true) { .money($0.forecastOutturn) },
                    Column("variance", "Variance", note: "£, + is underspend", numeric: true) { .money($0.variance) },
                    Column("ringfence", "Ring-fenced") { .text($0.kind.isRingFenced ? "yes" : "no") },
                    Column("risk", "Underspend at risk", note: "£, lower is better", numeric: true) {
                        .money($0.underspendAtRisk)
                    },
                ], rows: model.lines, footer: nil)
        }

        static func monthlyTable(_ model: Model) -> Table<YearMonth> {
            let asOf = model.asOf
            let monthly = model.monthly
            return Table(
                id: "monthly", caption: "Spend by month (actual to \(asOf.shortLabel), projected after)",
                columns: [
                    Column("month", "Month", sortable: false) { .month($0) },
                    Column("basis", "Basis", sortable: false) { .text($0 <= asOf ? "actual" : "projected") },
                ]
                    + model.lines.map { line in
                        Column(line.kind.rawValue, line.kind.label, note: "£", numeric: true, sortable: false) {
                            .money(monthly[line.kind]?[$0])
                        }
                    }, rows: model.year.months, footer: nil)
        }

        static func optionsTable(_ model: Model) -> Table<ReinvestmentOption> {
            let year = model.year
            return Table(
                id: "options", caption: "Reinvestment options",
                columns: [
                    Column("reference", "Reference") { .text($0.id) },
                    Column("kind", "Option") { .text($0.kind.label) },
                    Column("cost", "Cost", note: "£", numeric: true) { .money($0.cost) },
                    Column("lead", "Lead time", note: "days", numeric: true) { .count($0.leadTimeDays) },
                    Column("deadline", "Decide by") { .date($0.lastDecisionDate(in: year)) },
                    Column("state", "State") { .text(model.state(of: $0)) },
                ], rows: model.options, footer: nil)
        }

        static func chart(_ model: Model) -> BarChart {
            BarChart(
                title: "Spend each month, \(model.year.label)",
                summary:
                    "Spend across the ICB's lines each month, actual to \(model.asOf.label) and projected after, against one twelfth of the budget "
                    + "(dashed). Close to the marker is on plan.",
                bars: model.monthlyTotals.map { month, total in
                    BarChart.Bar(
                        label: String(month.shortLabel.prefix(3)) + (month > model.asOf ? "*" : ""),
                        value: Double(total.pence) / 100,
                        valueText: "£" + ScaledDecimal.format(total.pence / 100_000, scale: 0) + "k",
                        marker: model.twelfthOfBudgetInPounds)
                },
                legend: (bars: "spend, £ (* projected)", markers: "a twelfth of the budget"),
                note: Self.outturnNote(model.position, spend: model.monthlyTotals.map(\.total).sum()))
        }

        /// Why the forecast outturn is not twelve months of spend: commitments not yet paid add to it, the projected
        /// dental clawback comes back off it.
        static func outturnNote(_ position: FinancePosition, spend: Money) -> String {
            let committed = position.lines.map(\.committed).sum()
            let recoveries = position.lines.map(\.recoveries).sum()
            var parts = ["Twelve months of spend \(spend.roundedForReading)"]
            if committed.pence != 0 { parts.append("plus commitments \(committed.roundedForReading)") }
            if recoveries.pence != 0 { parts.append("less the projected clawback \(recoveries.roundedForReading)") }
            return parts.joined(separator: ", ") + ": forecast outturn \(position.forecastOutturn.roundedForReading)."
        }

        /// The workbook of the ICB page: a summary, then every table as a sheet.
        var workbook: Workbook {
            let plan = model.plan
            let summary: [(String, SheetCell)] = [
                ("ICB", .text("\(model.icb.name) (\(model.icb.code))")),
                ("Financial year", .text(model.year.label)),
                ("Actuals to", .serialDate(model.asOf.firstDay.spreadsheetSerial, .month)),
                ("Plan as at", .serialDate(model.planDate.spreadsheetSerial, .date)),
                ("Budget (£)", .number(model.budget.plainPounds, .pounds)),
                ("Forecast outturn (£)", .number(model.forecastOutturn.plainPounds, .pounds)),
                ("Ring-fenced underspend at risk (£)", .number(model.underspendAtRisk.plainPounds, .pounds)),
                ("Committed to reinvestment (£)", .number(plan.committed.plainPounds, .pounds)),
                ("Uncommitted (£)", .number(plan.uncommitted.plainPounds, .pounds)),
                (
                    "Must be committed by",
                    plan.mustCommitBy.map { .serialDate($0.spreadsheetSerial, .date) } ?? .text("no option still fits")
                ),
                ("Example data", .text(model.hasExamples ? "yes: some records are labelled example data" : "no")),
            ]
            return Workbook(sheets: [
                Sheet(
                    name: "Summary", title: "Finance: \(model.icb.shortName), \(model.year.label)",
                    header: ["Item", "Value"],
                    rows: summary.map { [.text($0.0), $0.1] }),
                lines.sheet(ListRequest(), name: "Budget lines"), monthly.sheet(ListRequest(), name: "Monthly"),
                options.sheet(ListRequest(), name: "Options"),
            ])
        }

        /// A block shown only in print, so the page prints as a committee paper.
        static func committeePaper(_ title: String, asOf: YearMonth, planDate: CalendarDate) -> Node<HTML.BodyContext> {
            .div(
                .attr("class", "committee-paper print-only"),
                .p(.strong(.plain("Primary Care Commissioning Committee"))),
                .p(
                    .plain(
                        "\(title). Figures to \(asOf.label); the reinvestment plan as at \(planDate.label). Printed from Podium; every figure is "
                            + "an aggregate. Example data, where present, is labelled.")))
        }

        func document() -> HTML {
            let icb = model.icb
            let path = PodiumRoute.finance(icb.code).path
            let plan = model.plan
            let csv = { (id: String) in
                ListLinks.href(path, QueryItems.of([("year", model.year.parameter), ("format", "csv"), ("table", id)]))
            }
            let xlsx = ListLinks.href(path, QueryItems.of([("year", model.year.parameter), ("format", "xlsx")]))
            let warning: Node<HTML.BodyContext>
            if model.isHistory {
                warning = Layout.paragraph(
                    plan.uncommitted.pence > 0
                        ? "\(model.year.label) ended on \(model.year.lastDay.label). By the ICB's records and the NHSBSA data to \(model.asOf.label), \(plan.uncommitted.formatted) of ring-fenced dental underspend was not committed by 31 March \(model.year.startYear + 1)."
                        : "\(model.year.label) ended on \(model.year.lastDay.label). By the ICB's records and the NHSBSA data to \(model.asOf.label), no ring-fenced dental underspend was left uncommitted.",
                    class: "notice")
            } else if plan.uncommitted.pence > 0, let date = plan.mustCommitBy {
                warning = Layout.paragraph(
                    "\(plan.uncommitted.formatted) of ring-fenced dental underspend is uncommitted"
                        + (model.position.underspendAtRiskInterval.map {
                            " (on the central forecast; the underspend at risk is \($0.low.formatted)–\($0.high.formatted), 80% likely)"
                        } ?? "")
                        + ": it must be committed by \(date.label) "
                        + "(the last decision date of an option that still fits) or it is lost to dentistry on 31 March.",
                    class: "notice warning")
            } else if plan.uncommitted.pence > 0 {
                warning = Layout.paragraph(
                    "\(plan.uncommitted.formatted) of ring-fenced dental underspend is uncommitted and no recorded option can still be spent by 31 March.",
                    class: "notice warning")
            } else {
                warning = Layout.paragraph("No ring-fenced dental underspend is uncommitted.", class: "notice success")
            }
            return Layout.page(
                title: "Finance: \(icb.shortName), \(model.year.label)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Finance"),
                sources: model.sources,
                content: [
                    YearNavigation(choice: model.yearChoice, path: path).block(),
                    Self.committeePaper(
                        "Finance report: \(icb.shortName), \(model.year.label)", asOf: model.asOf,
                        planDate: model.planDate),
                    .p(
                        .attr("class", "links no-print"),
                        Layout.link("Download the workbook (XLSX: every table, with number formats)", xlsx)),
                    Layout.paragraph(
                        "Delegated POD budget lines against forecast outturn. Dental primary care spend is the contracts' monthly payments (a twelfth "
                            + "of the annual value, the pennies in March, re-phased by recorded variations) less the year-end clawback the contract engine "
                            + "projects; other lines run at their recorded monthly rate. Dental lines are ring-fenced: underspend not committed by "
                            + "31 March is lost to dentistry. The national pharmacy global sum is not an ICB budget and is not counted.",
                        class: "lede"),
                    RecordViews.exampleNotice(model.records),
                    warning,
                    .div(
                        .attr("class", "figures"),
                        Layout.figure("Budget", model.budget.roundedForReading, source: "budget lines"),
                        Layout.figure(
                            "Forecast outturn", model.forecastOutturn.roundedForReading,
                            source: "spent + committed + projected − recoveries",
                            note: model.position.forecastOutturnInterval.map {
                                "\($0.low.roundedForReading)–\($0.high.roundedForReading), 80% likely"
                            }),
                        Layout.figure(
                            "Ring-fenced underspend at risk", model.underspendAtRisk.roundedForReading,
                            source: "dental lines",
                            note: model.position.underspendAtRiskInterval.map {
                                "\($0.low.roundedForReading)–\($0.high.roundedForReading), 80% likely; lower is better"
                            } ?? "lower is better"),
                        Layout.figure(
                            "Committed to reinvestment", plan.committed.roundedForReading, source: "approved options"),
                        Layout.figure(
                            "UDAs carried forward", model.carriedForward.rounded(to: 1).formatted,
                            source: "contract engine",
                            note: "a shortfall between \(model.rules.lowerTolerance.formatted) and 100%, not money")
                    ),
                    .h2(.plain("Budget and forecast by line")),
                    TableView.whole(lines, csv: csv(lines.id)),
                    .h2(.plain("Month by month")),
                    Self.chart(model).render(id: "finance-chart"),
                    TableView.whole(monthly, csv: csv(monthly.id)),
                    .h2(.plain("Reinvestment before 31 March")),
                    Layout.paragraph(
                        "As at \(model.planDate.label). An option fits while its lead time still ends by 31 March and its cost is within what is "
                            + "uncommitted. Decided options are recorded with the committee that approved them."),
                    TableView.whole(options, csv: csv(options.id)),
                    .forEach(model.records) { RecordViews.section($0, icb: icb.code) },
                ])
        }
    }
}

extension EnglandFinance {
    /// Every ICB's finance position for NHS England regional assurance: read only, one row per ICB, by region.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let table: Table<Model.Row>

        init(_ model: Model, request: ListRequest, context: PageContext) {
            self.model = model
            self.context = context
            table = Self.table(model)
            links = ListLinks(
                path: PodiumRoute.englandFinance.path, request: table.accepting(request),
                extra: QueryItems.of([("year", model.year.parameter), ("region", model.region?.rawValue)]))
        }

        var downloadName: String {
            "\(model.region.map { "region-\($0.rawValue)" } ?? "england")-finance-\(DownloadName.year(model.year))"
        }
        var tables: [AnyTable] { [AnyTable(table, request: links.request)] }
        var workbook: Workbook { Workbook(sheets: [table.sheet(links.request, name: "ICBs")]) }

        static func table(_ model: Model) -> Table<Model.Row> {
            let year = model.year
            return Table(
                id: "icb-finance", caption: "Finance position of every ICB, \(year.label)",
                columns: [
                    Column("name", "ICB") {
                        .text(
                            $0.icb.shortName,
                            link: ListLinks.href(
                                PodiumRoute.finance($0.icb.code).path, QueryItems.of([("year", year.parameter)])))
                    },
                    Column("code", "ODS code") { .text($0.icb.code.rawValue) },
                    Column("region", "NHS England region") { .text($0.region?.name) },
                    Column("as_of", "Actuals to") { .month($0.position.asOf) },
                    Column("budget", "Budget", note: "£", numeric: true) { .money($0.position.budget) },
                    Column("outturn", "Forecast outturn", note: "£", numeric: true) {
                        .money($0.position.forecastOutturn)
                    },
                    Column("variance", "Variance", note: "£, + is underspend", numeric: true) {
                        .money($0.position.variance)
                    },
                    Column("at_risk", "Ring-fenced underspend at risk", note: "£, lower is better", numeric: true) {
                        .money($0.position.underspendAtRisk)
                    },
                    Column("committed", "Committed to reinvestment", note: "£", numeric: true) {
                        .money($0.position.plan.committed)
                    },
                    Column("uncommitted", "Uncommitted", note: "£, lower is better", numeric: true) {
                        .money($0.position.plan.uncommitted)
                    },
                    Column("must_commit_by", "Must commit by") { row in
                        row.position.plan.uncommitted.pence == 0
                            ? .text("nothing uncommitted")
                            : row.position.isHistory
                                ? .text("the year has ended: not committed by 31 March")
                                : row.position.plan.mustCommitBy.map { .date($0) } ?? .text("no option still fits")
                    },
                    Column("examples", "Example data") { .text($0.hasExamples ? "yes" : "no") },
                ], rows: model.rows,
                footer: [
                    .text(model.totalLabel), .text(""), .text(""), .text(""), .money(model.total(\.budget)),
                    .money(model.total(\.forecastOutturn)),
                    .money(model.total(\.variance)), .money(model.total(\.underspendAtRisk)),
                    .money(model.total(\.plan.committed)),
                    .money(model.total(\.plan.uncommitted)), .text(""), .text(""),
                ])
        }

        func document() -> HTML {
            let path = PodiumRoute.englandFinance.path
            let scope = model.scopeName
            let query = { (extra: [(String, String)]) in
                ListLinks.href(
                    path,
                    QueryItems.of([("year", model.year.parameter), ("region", model.region?.rawValue ?? "")] + extra))
            }
            return Layout.page(
                title: "Finance: \(scope), \(model.year.label)", context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Finance")],
                sources: model.sources,
                content: [
                    YearNavigation(
                        choice: model.yearChoice, path: path,
                        extra: model.region.map { [URLQueryItem(name: "region", value: $0.rawValue)] } ?? []
                    ).block(),
                    Finance.View.committeePaper(
                        "Delegated POD finance: \(scope), \(model.year.label)", asOf: model.asOf,
                        planDate: model.planDate),
                    Layout.paragraph(
                        "Each ICB's delegated budget against forecast outturn, worked out the same way as on its own finance page, for NHS England's "
                            + "regional assurance. This view is read only: budgets, spend and reinvestment decisions are recorded by each ICB.",
                        class: "lede"),
                    model.hasExamples
                        ? Layout.paragraph(
                            "Some ICBs' finance records are labelled example data, generated for the demonstration: they are not real budgets.",
                            class: "notice warning")
                        : .empty,
                    .form(
                        .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
                        .input(.attr("type", "hidden"), .attr("name", "year"), .attr("value", model.year.parameter)),
                        .label(.attr("for", "region"), .plain("Region")),
                        .select(
                            .attr("id", "region"), .attr("name", "region"),
                            .choice("", "All of England", selected: model.region == nil),
                            .forEach(NHSEnglandRegion.allCases) {
                                .choice($0.rawValue, $0.name, selected: $0 == model.region)
                            }),
                        .button(.attr("type", "submit"), .plain("Show"))),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure("ICBs", String(model.rows.count), source: scope),
                        Layout.figure(
                            "Ring-fenced underspend at risk", model.underspendAtRisk.roundedForReading,
                            source: "dental lines",
                            note: "lower is better"),
                        Layout.figure(
                            "ICBs with uncommitted underspend", String(model.withUncommittedUnderspend),
                            source: "reinvestment plans",
                            note: "lower is better")),
                    .p(
                        .attr("class", "links no-print"),
                        Layout.link("Download the workbook (XLSX)", query([("format", "xlsx")]))),
                    TableView.listing(table, page: table.page(links.request), links: links, noun: "ICBs"),
                ])
        }
    }
}
