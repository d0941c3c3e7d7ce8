import Foundation
import Plot
import PodiumCore

extension DentalTrends {
    /// The per-year table: one row per financial year with data.
    func yearsTable(path: String) -> Table<DentalYearSummary> {
        let trends = self
        return Table(
            id: "years", caption: "Every financial year",
            columns: [
                Column("year", "Financial year") { summary in
                    .text(
                        summary.financialYear.label,
                        link: ListLinks.href(path, [URLQueryItem(name: "year", value: summary.financialYear.parameter)])
                    )
                },
                Column("months", "Months of data", numeric: true) { summary in
                    let months = summary.coverage.monthsPresent.count
                    return Cell(
                        text: months == 12 ? "12" : "\(months) of 12", csv: String(months),
                        sort: .number(Int64(months)), sheet: .number(String(months), .integer))
                },
                Column("status", "Year end") { summary in
                    .text(
                        YearEndStatus(
                            isFinal: summary.isFinal, rules: ReconciliationRulesTable.rules(for: summary.financialYear)
                        ).shortLabel)
                },
                Column("rules", "Year-end thresholds", note: "lower / upper tolerance", sortable: false) { summary in
                    let rules = ReconciliationRulesTable.rules(for: summary.financialYear)
                    return .text(
                        "\(rules.lowerTolerance.formatted) / \(rules.upperTolerance.formatted) \(rules.basis.label)")
                },
                Column("contracts", "Contracts", numeric: true) { .count($0.contracts) },
                Column("contracted", "UDAs contracted", note: "each contract's latest target", numeric: true) {
                    .udas($0.contracted)
                },
                Column("delivered", "UDAs delivered", numeric: true) { .udas($0.delivered.rounded(to: 1)) },
                Column("percent", "Delivered", note: "% of contracted, higher is better", numeric: true) { summary in
                    var cell = Cell.percent(summary.percentDelivered)
                    if !summary.isFinal, !cell.csv.isEmpty {
                        cell.text += " in \(summary.coverage.monthsPresent.count) months"
                    }
                    return cell
                },
                Column("clawback", "Clawback", note: "£, final or projected", numeric: true) { .money($0.clawback) },
                Column("flagged", "Flagged at mid-year", numeric: true) { .count($0.flaggedAtMidYear) },
                Column("ended", "Contracts ended", numeric: true) { .count($0.ended.count) },
                Column("lost", "UDAs lost", note: "endings and reductions", numeric: true) { .udas($0.udasLost) },
                Column("recommissioned", "UDAs recommissioned", note: "new contracts and increases", numeric: true) {
                    .udas($0.udasRecommissioned)
                },
                Column("net", "Net change", note: "UDAs, recommissioned − lost", numeric: true) { .udas($0.netChange) },
                Column("adults_per_1000", "Adults seen in 24 months", note: "per 1,000 adults", numeric: true) {
                    summary in
                    .decimal(
                        trends.population(for: summary.financialYear).flatMap {
                            ResidentPopulation.perThousand(summary.adultsSeen24Months, of: $0.adults)
                        }, decimals: 1)
                },
                Column("children_per_1000", "Children seen in 12 months", note: "per 1,000 children", numeric: true) {
                    summary in
                    .decimal(
                        trends.population(for: summary.financialYear).flatMap {
                            ResidentPopulation.perThousand(summary.childrenSeen12Months, of: $0.children)
                        }, decimals: 1)
                },
                Column("population", "Population used", sortable: false) {
                    .text(trends.population(for: $0.financialYear)?.source)
                },
            ], rows: summaries, footer: nil)
    }

    /// The contracts that left the data in the year shown.
    var endedTable: Table<EndedContract> {
        Table(
            id: "ended", caption: "Contracts that ended in \(selected.label)",
            columns: [
                Column("contract", "Contract") {
                    .text($0.contract.rawValue, link: PodiumRoute.dentalContract($0.contract).path)
                },
                Column("provider", "Provider") { .text($0.providerName) },
                Column("commissioner", "Commissioner") { .text($0.commissioner.rawValue) },
                Column("last_month", "Last month in the data") { .month($0.lastMonth) },
                Column("target", "UDA target then", numeric: true) { .udas($0.target) },
                Column("value", "Contract value then", note: "£", numeric: true) { .money($0.value) },
            ], rows: selectedSummary?.ended ?? [], footer: nil)
    }

    /// UDAs delivered each year against the UDAs contracted (markers).
    var chart: BarChart {
        BarChart(
            title:
                "UDAs delivered and contracted each financial year, \(icb?.shortName ?? (scope == .every ? "England" : "the ICBs you read"))",
            summary:
                "Bars are UDAs delivered in each financial year (the year in progress so far); dashed markers are UDAs contracted. Higher is better.",
            bars: summaries.map { summary in
                BarChart.Bar(
                    label: String(summary.financialYear.label.dropFirst(2)),
                    value: Double(summary.delivered.tenThousandths) / 10_000,
                    valueText: Self.millions(summary.delivered),
                    marker: Double(summary.contracted.tenThousandths) / 10_000)
            },
            legend: (bars: "delivered", markers: "contracted"))
    }

    static func millions(_ units: ActivityUnits) -> String {
        let value = Double(units.tenThousandths) / 10_000
        return value >= 1_000_000 ? String(format: "%.1fm", value / 1_000_000) : String(format: "%.0fk", value / 1_000)
    }

    /// The ten-year section of an ICB's or England's dental page.
    func section(years: Table<DentalYearSummary>, ended: Table<EndedContract>, csv: (String) -> String) -> Node<
        HTML.BodyContext
    > {
        let name = icb?.shortName ?? (scope == .every ? "England" : "the ICBs you read")
        let scope =
            icb != nil
            ? "A contract counts for the ICB it was commissioned by in its latest month of each year."
            : self.scope == .every
                ? "Every published row counts, Health & Justice contracts and area teams' contracts included."
                : "The contracts of the ICBs your account reads, each counted for the ICB of its latest month in each year."
        return .group(
            .h2(.attr("id", "years-heading"), .plain("Every year: \(name)")),
            Layout.paragraph(
                "Contracted UDAs are each contract's annual target in its latest month of the year; delivered are the year's monthly UDAs. "
                    + "A completed year's year end is final (from the twelve months' data); only the year in progress is projected. "
                    + "UDAs lost are contracts ending (their last target) and targets cut; recommissioned are new contracts and targets raised. "
                    + scope,
                class: "lede"),
            .unwrap(inheritedNote) { Layout.paragraph($0, class: "direction") },
            chart.render(id: "years-chart"),
            TableView.whole(
                years, csv: csv(years.id),
                note:
                    "\(years.rows.count) years. Thresholds marked [unconfirmed] are parameters where NHS England's rule is not in hand; [secondary] ones come from reports of it. "
            ),
            .h3(.plain("Contracts that ended in \(selected.label)")),
            ended.rows.isEmpty
                ? Layout.paragraph("No contract left the data in \(selected.label).")
                : TableView.whole(
                    ended, csv: csv(ended.id),
                    note:
                        "\(Words.count(ended.rows.count, "contract")) whose last month in the data falls in \(selected.label), with the target they had then. "
                ),
            .h3(.plain("Month by month since \(summaries.first?.coverage.firstMonth?.label ?? "the first month")")),
            Layout.paragraph(
                "The pandemic is made explicit: limits come from a baseline before March 2020 and from a rebase after April 2022, each from its first two years and then held; the months between are shown but not judged.",
                class: "direction"),
            .forEach(measures) { measure in measure.section(heading: .h4(.plain(measure.name)), csv: csv) }
        )
    }
}
