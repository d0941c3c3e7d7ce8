import Plot
import PodiumCore

/// An ICB's delegated budget against forecast, the ring-fence, and what must be committed before 31 March.
enum FinancePage {
    static func linesTable(_ overview: FinanceOverview) -> Table<LineForecast> {
        Table(id: "lines", caption: "Budget and forecast outturn, \(overview.year.label)", columns: [
            Column("line", "Budget line") { .text($0.kind.label) },
            Column("budget", "Budget", note: "£", numeric: true) { .money($0.budget) },
            Column("actual", "Spent to date", note: "£, to \(overview.asOf.shortLabel)", numeric: true) { .money($0.actualToDate) },
            Column("committed", "Committed", note: "£", numeric: true) { .money($0.committed) },
            Column("projected", "Projected", note: "£, payments in the rest of the year", numeric: true) { .money($0.projected) },
            Column("recoveries", "Expected recoveries", note: "£, projected year-end clawback", numeric: true) { .money($0.recoveries) },
            Column("outturn", "Forecast outturn", note: "£", numeric: true) { .money($0.forecastOutturn) },
            Column("variance", "Variance", note: "£, + is underspend", numeric: true) { .money($0.variance) },
            Column("ringfence", "Ring-fenced") { .text($0.kind.isRingFenced ? "yes" : "no") },
            Column("risk", "Underspend at risk", note: "£, lower is better", numeric: true) { .money($0.underspendAtRisk) },
        ], rows: overview.lines, footer: nil)
    }

    static func monthlyTable(_ overview: FinanceOverview) -> Table<YearMonth> {
        Table(id: "monthly", caption: "Spend by month (actual to \(overview.asOf.shortLabel), projected after)", columns: [
            Column("month", "Month", sortable: false) { .month($0) },
            Column("basis", "Basis", sortable: false) { .text($0 <= overview.asOf ? "actual" : "projected") },
        ] + overview.lines.map { line in
            Column(line.kind.rawValue, line.kind.label, note: "£", numeric: true, sortable: false) { .money(overview.monthly[line.kind]?[$0]) }
        }, rows: overview.year.months, footer: nil)
    }

    static func optionsTable(_ overview: FinanceOverview) -> Table<ReinvestmentOption> {
        let plan = overview.plan
        return Table(id: "options", caption: "Reinvestment options", columns: [
            Column("reference", "Reference") { .text($0.id) },
            Column("kind", "Option") { .text($0.kind.label) },
            Column("cost", "Cost", note: "£", numeric: true) { .money($0.cost) },
            Column("lead", "Lead time", note: "days", numeric: true) { .count($0.leadTimeDays) },
            Column("deadline", "Decide by") { .date($0.lastDecisionDate(in: overview.year)) },
            Column("state", "State") { option in
                if let approval = option.approval { return .text("approved by \(approval.committee), \(approval.date.label)") }
                if plan.fitting.contains(option) { return .text("still fits") }
                if plan.tooLate.contains(option) { return .text("too late for this year") }
                return .text("costs more than is uncommitted")
            },
        ], rows: overview.options, footer: nil)
    }

    static func chart(_ overview: FinanceOverview) -> BarChart {
        let total = { (month: YearMonth) in overview.lines.reduce(Int64(0)) { $0 + (overview.monthly[$1.kind]?[month]?.pence ?? 0) } }
        let budget = overview.budget.pence
        return BarChart(
            title: "Spend each month, \(overview.year.label)",
            summary: "Spend across the ICB's lines each month, actual to \(overview.asOf.label) and projected after, against one twelfth of the budget "
                + "(dashed). Close to the marker is on plan.",
            bars: overview.year.months.map { month in
                let value = total(month)
                return BarChart.Bar(
                    label: month.shortLabel + (month > overview.asOf ? "*" : ""), value: Double(value) / 100,
                    valueText: "£" + ScaledDecimal.format(value / 100_000, scale: 0) + "k", marker: budget > 0 ? Double(budget) / 1200 : nil)
            },
            legend: (bars: "spend, £ (* projected)", markers: "a twelfth of the budget"))
    }

    /// The workbook of the ICB page: a summary, then every table as a sheet.
    static func workbook(_ overview: FinanceOverview, lines: Table<LineForecast>, monthly: Table<YearMonth>, options: Table<ReinvestmentOption>) -> Workbook {
        let plan = overview.plan
        let summary: [(String, SheetCell)] = [
            ("ICB", .text("\(overview.icb.name) (\(overview.icb.code))")),
            ("Financial year", .text(overview.year.label)),
            ("Actuals to", .serialDate(overview.asOf.firstDay.spreadsheetSerial, .month)),
            ("Plan as at", .serialDate(overview.planDate.spreadsheetSerial, .date)),
            ("Budget (£)", .number(overview.budget.plainPounds, .pounds)),
            ("Forecast outturn (£)", .number(overview.forecastOutturn.plainPounds, .pounds)),
            ("Ring-fenced underspend at risk (£)", .number(overview.underspendAtRisk.plainPounds, .pounds)),
            ("Committed to reinvestment (£)", .number(plan.committed.plainPounds, .pounds)),
            ("Uncommitted (£)", .number(plan.uncommitted.plainPounds, .pounds)),
            ("Must be committed by", plan.mustCommitBy.map { .serialDate($0.spreadsheetSerial, .date) } ?? .text("no option still fits")),
            ("Example data", .text(overview.records.contains(where: \.hasExamples) ? "yes: some records are labelled example data" : "no")),
        ]
        return Workbook(sheets: [
            Sheet(name: "Summary", title: "Finance: \(overview.icb.shortName), \(overview.year.label)", header: ["Item", "Value"],
                  rows: summary.map { [.text($0.0), $0.1] }),
            lines.sheet(ListRequest(), name: "Budget lines"), monthly.sheet(ListRequest(), name: "Monthly"), options.sheet(ListRequest(), name: "Options"),
        ])
    }

    /// A block shown only in print, so the page prints as a committee paper.
    static func committeePaper(_ title: String, asOf: YearMonth, planDate: CalendarDate) -> Node<HTML.BodyContext> {
        .div(
            .attr("class", "committee-paper print-only"),
            .p(.strong(.plain("Primary Care Commissioning Committee"))),
            .p(.plain("\(title). Figures to \(asOf.label); the reinvestment plan as at \(planDate.label). Printed from Podium; every figure is "
                + "an aggregate. Example data, where present, is labelled.")))
    }

    static func render(
        _ overview: FinanceOverview, lines: Table<LineForecast>, monthly: Table<YearMonth>, options: Table<ReinvestmentOption>, context: PageContext
    ) -> HTML {
        let icb = overview.icb, path = PodiumRoute.finance(icb.code).path, plan = overview.plan
        let csv = { (id: String) in ListLinks.href(path, ListLinks.items([("year", overview.year.label), ("format", "csv"), ("table", id)])) }
        let xlsx = ListLinks.href(path, ListLinks.items([("year", overview.year.label), ("format", "xlsx")]))
        let warning: Node<HTML.BodyContext>
        if plan.uncommitted.pence > 0, let date = plan.mustCommitBy {
            warning = Layout.paragraph(
                "\(plan.uncommitted.formatted) of ring-fenced dental underspend is uncommitted: it must be committed by \(date.label) "
                    + "(the last decision date of an option that still fits) or it is lost to dentistry on 31 March.", class: "notice warning")
        } else if plan.uncommitted.pence > 0 {
            warning = Layout.paragraph(
                "\(plan.uncommitted.formatted) of ring-fenced dental underspend is uncommitted and no recorded option can still be spent by 31 March.",
                class: "notice warning")
        } else {
            warning = Layout.paragraph("No ring-fenced dental underspend is uncommitted.", class: "notice success")
        }
        return Layout.page(
            title: "Finance: \(icb.shortName), \(overview.year.label)", context: context, crumbs: PharmacyPages.crumbs(icb, "Finance"),
            sources: overview.sources,
            content: [
                committeePaper("Finance report: \(icb.shortName), \(overview.year.label)", asOf: overview.asOf, planDate: overview.planDate),
                .p(.attr("class", "links no-print"), Layout.link("Download the workbook (XLSX: every table, with number formats)", xlsx)),
                Layout.paragraph(
                    "Delegated POD budget lines against forecast outturn. Dental primary care spend is the contracts' monthly payments (a twelfth "
                        + "of the annual value, the pennies in March, re-phased by recorded variations) less the year-end clawback the contract engine "
                        + "projects; other lines run at their recorded monthly rate. Dental lines are ring-fenced: underspend not committed by "
                        + "31 March is lost to dentistry. The national pharmacy global sum is not an ICB budget and is not counted.", class: "lede"),
                RecordPages.exampleNotice(overview.records),
                warning,
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Budget", overview.budget.formatted, source: "budget lines"),
                    Layout.figure("Forecast outturn", overview.forecastOutturn.formatted, source: "spent + committed + projected − recoveries"),
                    Layout.figure("Ring-fenced underspend at risk", overview.underspendAtRisk.formatted, source: "dental lines", note: "lower is better"),
                    Layout.figure("Committed to reinvestment", plan.committed.formatted, source: "approved options"),
                    Layout.figure("UDAs carried forward", overview.carriedForward.formatted, source: "contract engine", note: "shortfall of 96–100 %, not money")
                ),
                .h2(.plain("Budget and forecast by line")),
                TableView.whole(lines, csv: csv(lines.id)),
                .h2(.plain("Month by month")),
                chart(overview).render(id: "finance-chart"),
                TableView.whole(monthly, csv: csv(monthly.id)),
                .h2(.plain("Reinvestment before 31 March")),
                Layout.paragraph(
                    "As at \(overview.planDate.label). An option fits while its lead time still ends by 31 March and its cost is within what is "
                        + "uncommitted. Decided options are recorded with the committee that approved them."),
                TableView.whole(options, csv: csv(options.id)),
                .forEach(overview.records) { RecordPages.section($0, icb: icb.code) },
            ])
    }
}

/// Every ICB's finance position for NHS England regional assurance: read only, one row per ICB, by region.
enum EnglandFinancePage {
    static func table(_ finance: EnglandFinance) -> Table<EnglandFinance.Row> {
        let total = { (value: (FinancePosition) -> Money) in finance.rows.map { value($0.position) }.sum() }
        return Table(id: "icb-finance", caption: "Finance position of every ICB, \(finance.year.label)", columns: [
            Column("name", "ICB") { .text($0.icb.shortName, link: ListLinks.href(PodiumRoute.finance($0.icb.code).path, ListLinks.items([("year", finance.year.label)]))) },
            Column("code", "ODS code") { .text($0.icb.code.rawValue) },
            Column("region", "NHS England region") { .text($0.region?.name) },
            Column("as_of", "Actuals to") { .month($0.position.asOf) },
            Column("budget", "Budget", note: "£", numeric: true) { .money($0.position.budget) },
            Column("outturn", "Forecast outturn", note: "£", numeric: true) { .money($0.position.forecastOutturn) },
            Column("variance", "Variance", note: "£, + is underspend", numeric: true) { .money($0.position.variance) },
            Column("at_risk", "Ring-fenced underspend at risk", note: "£, lower is better", numeric: true) { .money($0.position.underspendAtRisk) },
            Column("committed", "Committed to reinvestment", note: "£", numeric: true) { .money($0.position.plan.committed) },
            Column("uncommitted", "Uncommitted", note: "£, lower is better", numeric: true) { .money($0.position.plan.uncommitted) },
            Column("must_commit_by", "Must commit by") { row in
                row.position.plan.uncommitted.pence == 0 ? .text("nothing uncommitted")
                    : row.position.plan.mustCommitBy.map { .date($0) } ?? .text("no option still fits")
            },
            Column("examples", "Example data") { .text($0.hasExamples ? "yes" : "no") },
        ], rows: finance.rows, footer: [
            .text(finance.totalLabel), .text(""), .text(""), .text(""), .money(total(\.budget)), .money(total(\.forecastOutturn)),
            .money(total(\.variance)), .money(total(\.underspendAtRisk)), .money(total(\.plan.committed)), .money(total(\.plan.uncommitted)), .text(""), .text(""),
        ])
    }

    static func render(_ finance: EnglandFinance, table: Table<EnglandFinance.Row>, page: ListPage<EnglandFinance.Row>, links: ListLinks, context: PageContext) -> HTML {
        let path = PodiumRoute.englandFinance.path
        let scope = finance.region?.name ?? (finance.scope == .every ? "England" : "your ICBs")
        let query = { (extra: [(String, String)]) in
            ListLinks.href(path, ListLinks.items([("year", finance.year.label), ("region", finance.region?.rawValue ?? "")] + extra))
        }
        let atRisk = finance.rows.map(\.position.underspendAtRisk).sum()
        let uncommitted = finance.rows.filter { $0.position.plan.uncommitted.pence > 0 }
        return Layout.page(
            title: "Finance: \(scope), \(finance.year.label)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Finance")], sources: finance.sources,
            content: [
                FinancePage.committeePaper("Delegated POD finance: \(scope), \(finance.year.label)", asOf: finance.rows.map(\.position.asOf).max() ?? finance.year.firstMonth,
                                           planDate: finance.rows.first?.position.planDate ?? finance.year.lastDay),
                Layout.paragraph(
                    "Each ICB's delegated budget against forecast outturn, worked out the same way as on its own finance page, for NHS England's "
                        + "regional assurance. This view is read only: budgets, spend and reinvestment decisions are recorded by each ICB.", class: "lede"),
                finance.rows.contains(where: \.hasExamples)
                    ? Layout.paragraph("Some ICBs' finance records are labelled example data, generated for the demonstration: they are not real budgets.", class: "notice warning")
                    : .empty,
                .form(
                    .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
                    .input(.attr("type", "hidden"), .attr("name", "year"), .attr("value", finance.year.label)),
                    .label(.attr("for", "region"), .plain("Region")),
                    .select(
                        .attr("id", "region"), .attr("name", "region"),
                        .choice("", "All of England", selected: finance.region == nil),
                        .forEach(NHSEnglandRegion.allCases) { .choice($0.rawValue, $0.name, selected: $0 == finance.region) }),
                    .button(.attr("type", "submit"), .plain("Show"))),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("ICBs", String(finance.rows.count), source: scope),
                    Layout.figure("Ring-fenced underspend at risk", atRisk.formatted, source: "dental lines", note: "lower is better"),
                    Layout.figure("ICBs with uncommitted underspend", String(uncommitted.count), source: "reinvestment plans", note: "lower is better")),
                .p(.attr("class", "links no-print"), Layout.link("Download the workbook (XLSX)", query([("format", "xlsx")]))),
                TableView.listing(table, page: page, links: links, noun: "ICBs"),
            ])
    }
}
