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
            Column("projected", "Projected", note: "£, rest of year", numeric: true) { .money($0.projected) },
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
        let budget = overview.lines.reduce(Int64(0)) { $0 + $1.budget.pence }
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

    static func render(
        _ overview: FinanceOverview, lines: Table<LineForecast>, monthly: Table<YearMonth>, options: Table<ReinvestmentOption>, context: PageContext
    ) -> HTML {
        let icb = overview.icb, path = PodiumRoute.finance(icb.code).path, plan = overview.plan
        let csv = { (id: String) in ListLinks.href(path, ListLinks.items([("year", overview.year.label), ("format", "csv"), ("table", id)])) }
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
                Layout.paragraph(
                    "Delegated POD budget lines against forecast outturn. Dental primary care spend is the contracts' monthly payments (a twelfth "
                        + "of the annual value, the pennies in March, re-phased by recorded variations) less the year-end clawback the contract engine "
                        + "projects; other lines run at their recorded monthly rate. Dental lines are ring-fenced: underspend not committed by "
                        + "31 March is lost to dentistry. The national pharmacy global sum is not an ICB budget and is not counted.", class: "lede"),
                RecordPages.exampleNotice(overview.records[0], overview.records[1], overview.records[2]),
                warning,
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Budget", overview.lines.reduce(Money.zero) { $0 + $1.budget }.formatted, source: "budget lines"),
                    Layout.figure("Forecast outturn", overview.lines.reduce(Money.zero) { $0 + $1.forecastOutturn }.formatted, source: "actuals + committed + projected"),
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
