import Foundation
import Plot
import PodiumCore

/// A contract's years: target, value, delivery, what each year brought in and carried out, the year end and the
/// mid-year review, its commissioners, and when it started and ended in the data.
enum ContractHistoryView {
    static func table(_ years: [ContractYearOutcome], path: String) -> Table<ContractYearOutcome> {
        Table(
            id: "history", caption: "Every year of the contract",
            columns: [
                Column("year", "Financial year") {
                    .text(
                        $0.financialYear.label,
                        link: ListLinks.href(path, [URLQueryItem(name: "year", value: $0.financialYear.parameter)]))
                },
                Column("commissioner", "Commissioner", sortable: false) {
                    .text("\($0.commissionerName) (\($0.commissioner), \($0.commissionerKind.label))")
                },
                Column("months", "Months", note: "first – last in the data", sortable: false) {
                    .text(
                        $0.firstMonth == $0.lastMonth
                            ? $0.firstMonth.label : "\($0.firstMonth.label) – \($0.lastMonth.label)")
                },
                Column("target", "UDA target", note: "latest month", numeric: true) { .udas($0.target) },
                Column("value", "Contract value", note: "£", numeric: true) { .money($0.value) },
                Column("delivered", "UDAs delivered", numeric: true) { .udas($0.delivered.rounded(to: 1)) },
                Column("percent", "Of target", note: "delivered ÷ target, higher is better", numeric: true) {
                    .percent(Proportion($0.delivered, of: $0.target))
                },
                Column("brought_forward", "Brought forward", sortable: false) { .text($0.broughtForward.words) },
                Column("mid_year", "Mid-year", note: "adjusted, of the target at 30 September", sortable: false) {
                    outcome in
                    guard let midYear = outcome.midYear else { return .text("not reviewed") }
                    return .text(
                        (midYear.achievement.percentText ?? "–") + (midYear.isFlagged ? ", flagged" : ""))
                },
                Column("status", "Year end", sortable: false) { outcome in
                    .text(
                        outcome.result == nil
                            ? "no forecast"
                            : YearEndStatus(isFinal: outcome.isFinal, rules: outcome.result!.rules).shortLabel)
                },
                Column("adjusted", "Adjusted delivery", note: "% of target", numeric: true) {
                    $0.result.map { .percent($0.achievement) } ?? .text(nil)
                },
                Column("outcome", "Outcome", sortable: false) { .text($0.result?.outcome.rawValue) },
                Column("clawback", "Clawback", note: "£", numeric: true) { .money($0.result?.clawback) },
                Column("carried_forward", "Carried forward", sortable: false) {
                    .text($0.carriedForward?.amountWords)
                },
            ], rows: years, footer: nil)
    }

    static func chart(_ years: [ContractYearOutcome], contract: ContractNumber) -> BarChart {
        BarChart(
            title: "UDAs delivered and the UDA target each financial year, contract \(contract)",
            summary:
                "Bars are UDAs delivered in each financial year (the year in progress so far); dashed markers are the annual UDA target. Higher is better.",
            bars: years.map { outcome in
                BarChart.Bar(
                    label: String(outcome.financialYear.label.dropFirst(2)),
                    value: Double(outcome.delivered.tenThousandths) / 10_000,
                    valueText: outcome.delivered.rounded(to: 0).formatted,
                    marker: Double(outcome.target.tenThousandths) / 10_000)
            },
            legend: (bars: "delivered", markers: "target"))
    }

    static func section(
        _ years: [ContractYearOutcome], table: Table<ContractYearOutcome>, changes: [ContractChange],
        contract: ContractNumber, latestDataMonth: YearMonth?, csv: (String) -> String
    ) -> Node<HTML.BodyContext> {
        guard let first = years.first, let last = years.last else { return .empty }
        let commissionerChanges = changes.filter(\.commissionerChanged)
        var span = "In the data from \(first.firstMonth.label)"
        if let latestDataMonth, last.lastMonth < latestDataMonth {
            span +=
                " to \(last.lastMonth.label): it has ended (last target \(last.target.formatted) UDAs, \(last.value.formatted))."
        } else {
            span += "; still in the latest month."
        }
        return .section(
            .attr("id", "history"),
            .h2(.plain("Every year of the contract")),
            Layout.paragraph(span, class: "lede"),
            chart(years, contract: contract).render(id: "history-chart"),
            TableView.whole(
                table, csv: csv(table.id),
                note:
                    "\(Words.count(years.count, "year")). Each year's shortfall or credit is carried into the next; completed years are final, the year in progress projected. "
            ),
            commissionerChanges.isEmpty
                ? Layout.paragraph("One commissioner throughout: \(last.commissionerName) (\(last.commissioner)).")
                : .group(
                    .h3(.plain("Changes of commissioner")),
                    .ul(
                        .forEach(commissionerChanges) { change in
                            .li(
                                .plain(
                                    "\(change.month.label): \(change.commissionerBefore) → \(change.commissionerAfter)")
                            )
                        }))
        )
    }
}
