import Foundation
import PodiumCore

/// A measure charted with SPC: its name, unit, and XmR chart.
struct SPCMeasure: Sendable {
    var id: String
    var name: String
    /// "% of the working-day profile".
    var unit: String
    var chart: XmRChart
    var decimals: Int
    var link: String?
    /// The phases of a series that spans the pandemic (``PandemicPhases``).
    var phases: [PandemicPhases.Phase] = []

    var format: @Sendable (Double) -> String {
        let decimals = decimals
        return { value in
            decimals == 0
                ? ScaledDecimal.format(Int64(value.rounded()), scale: 0) : String(format: "%.\(decimals)f", value)
        }
    }

    /// The latest point in words, for a risk's evidence or a programme's measure: value, month and SPC variation.
    var latestWords: String? {
        guard let last = chart.points.last else { return nil }
        let value = format(last.value) + (unit.hasPrefix("%") ? "" : " ") + unit
        let month = YearMonth(last.period).map(\.label) ?? last.period
        return "\(name): \(value) in \(month); \(chart.variationIcon.label.lowercased())"
    }

}

/// The measures Podium charts with SPC, built from positions, contract years and Pharmacy First counts.
enum SPCMeasures {
    /// Monthly UDAs delivered as % of the working-day-profiled expectation; on profile (100 %) is the target.
    static func contractDelivery(_ position: ContractPosition) -> SPCMeasure {
        SPCMeasure(
            id: "delivery", name: "UDAs delivered against the working-day profile", unit: "% of profile",
            chart: XmRChart(months: position.deliveryAgainstProfile, direction: .increase, target: 100), decimals: 1)
    }

    /// The ICB's monthly delivery against its contracts' profile in the year, judged against limits from the months
    /// `before` it too (every earlier month, oldest first): the pandemic phases' baselines, set and held, so a part year
    /// is not charted against trial limits from its own few months.
    static func portfolioDelivery(_ portfolio: PortfolioPosition, before: [(YearMonth, Double)]) -> SPCMeasure {
        let year = portfolio.deliveryAgainstProfile
        let first = year.first?.0
        return phased(
            id: "delivery", name: "UDAs delivered against the working-day profile", unit: "% of profile",
            series: (first.map { first in before.filter { $0.0 < first } } ?? []) + year, target: 100, shownFrom: first)
    }

    /// A year of an every-month series (``patientsSeenSeries``): its months up to `last` charted with their phases (no
    /// month after `last` sets a limit), shown from `first`, under the year measure's `id` and `name`.
    static func year(
        of series: SPCMeasure, id: String, name: String, from first: YearMonth, through last: YearMonth
    ) -> SPCMeasure? {
        let months = series.chart.points.compactMap { point in
            YearMonth(point.period).flatMap { $0 <= last ? ($0, point.value) : nil }
        }
        guard months.contains(where: { $0.0 >= first }) else { return nil }
        return phased(
            id: id, name: name, unit: series.unit, series: months, target: series.chart.target, link: series.link,
            shownFrom: first)
    }

    /// Monthly UDAs delivered as % of the profile from the first month of data, the pandemic made explicit: limits from
    /// a baseline before it, its months shown without limits, limits rebased after recovery (``PandemicPhases``).
    static func deliverySeries(_ months: [(YearMonth, MonthTotals)], link: String? = nil) -> SPCMeasure {
        phased(
            id: "delivery-series", name: "UDAs delivered against the working-day profile, every month",
            unit: "% of profile",
            series: months.compactMap { month, totals in totals.againstProfile.map { (month, $0) } }, target: 100,
            link: link)
    }

    /// Adults seen in 24 months and children in 12 months per 1,000 residents, every month, against the population
    /// estimate nearest each financial year.
    static func patientsSeenSeries(_ months: [(YearMonth, MonthTotals)], populations: [ResidentPopulation])
        -> [SPCMeasure]
    {
        func series(_ count: (MonthTotals) -> Int, _ residents: (ResidentPopulation) -> Int) -> [(YearMonth, Double)] {
            months.compactMap { month, totals in
                let population = ResidentPopulation.nearest(
                    to: FinancialYear(containing: month), among: populations)
                return population.flatMap { ResidentPopulation.perThousand(count(totals), of: residents($0)) }.map {
                    (month, $0)
                }
            }
        }
        guard !populations.isEmpty else { return [] }
        let sources = populations.map(\.source).joined(separator: " and ")
        return [
            phased(
                id: "adults-seen-series", name: "Adults seen in the previous 24 months, every month",
                unit: "per 1,000 adults (\(sources), the nearest each year)",
                series: series(\.adultsSeen24Months, \.adults)),
            phased(
                id: "children-seen-series", name: "Children seen in the previous 12 months, every month",
                unit: "per 1,000 children (\(sources), the nearest each year)",
                series: series(\.childrenSeen12Months, \.children)),
        ]
    }

    /// `series` charted with its pandemic phases; with `shownFrom`, only the months from it on are shown, judged
    /// against the limits and rules of the whole series.
    private static func phased(
        id: String, name: String, unit: String, series: [(YearMonth, Double)], target: Double? = nil,
        link: String? = nil, shownFrom first: YearMonth? = nil
    ) -> SPCMeasure {
        let (options, phases) = PandemicPhases.options(for: series.map(\.0))
        var measure = SPCMeasure(
            id: id, name: name, unit: unit,
            chart: XmRChart(months: series, direction: .increase, target: target, options: options), decimals: 1,
            link: link, phases: phases)
        if let first {
            measure.chart = measure.chart.window(from: first.iso)
            measure.phases = phases.filter { $0.last >= first }
        }
        return measure
    }

    /// Adults seen in 24 months and children in 12 months, summed over the contracts, as % of the population.
    static func patientsSeen(
        _ years: [ContractYear], coverage: ActivityCoverage, population: (adults: Int, children: Int)
    ) -> [SPCMeasure] {
        var adults: [YearMonth: Int] = [:]
        var children: [YearMonth: Int] = [:]
        for year in years {
            for month in year.months {
                if let count = month.adultsSeen24Months { adults[month.month, default: 0] += count }
                if let count = month.childrenSeen12Months { children[month.month, default: 0] += count }
            }
        }
        func series(_ counts: [YearMonth: Int], _ denominator: Int) -> [(YearMonth, Double)] {
            coverage.monthsPresent.compactMap { month in
                counts[month].map { (month, Double($0) / Double(denominator) * 100) }
            }
        }
        return [
            SPCMeasure(
                id: "adults-seen", name: "Adults seen in the previous 24 months", unit: "% of adults 18+, mid-2020",
                chart: XmRChart(months: series(adults, max(1, population.adults)), direction: .increase), decimals: 1),
            SPCMeasure(
                id: "children-seen", name: "Children seen in the previous 12 months",
                unit: "% of children 0–17, mid-2020",
                chart: XmRChart(months: series(children, max(1, population.children)), direction: .increase),
                decimals: 1),
        ]
    }

    /// Monthly consultations from the first full month of the service, totalled by area and, for England, by condition.
    static func pharmacyFirst(_ counts: [PharmacyFirstCount]) -> (areas: [SPCMeasure], conditions: [SPCMeasure]) {
        let live = counts.filter { $0.month >= PharmacyFirstCount.firstFullMonth }
        func chart(_ rows: [PharmacyFirstCount]) -> XmRChart {
            let totals = Dictionary(grouping: rows, by: \.month).mapValues { $0.reduce(0) { $0 + $1.consultations } }
            return XmRChart(months: totals.keys.sorted().map { ($0, Double(totals[$0] ?? 0)) }, direction: .increase)
        }
        // England first, then the regions alphabetically.
        let areas = Set(live.map(\.area)).sorted {
            ($0 == PharmacyFirstCount.england ? 0 : 1, $0) < ($1 == PharmacyFirstCount.england ? 0 : 1, $1)
        }
        let areaMeasures = areas.map { area in
            SPCMeasure(
                id: "area-\(area.lowercased().replacingOccurrences(of: " ", with: "-"))", name: area,
                unit: "consultations a month",
                chart: chart(live.filter { $0.area == area }), decimals: 0)
        }
        let england = live.filter { $0.area == PharmacyFirstCount.england }
        let conditionMeasures = PharmacyFirstCondition.allCases.map { condition in
            SPCMeasure(
                id: "condition-\(condition.rawValue)", name: condition.label, unit: "consultations a month, England",
                chart: chart(england.filter { $0.condition == condition }), decimals: 0)
        }
        return (areaMeasures, conditionMeasures)
    }
}
