import PodiumCore
import PodiumData

/// Ten years of an ICB's dental contracts, or England's: each financial year's contracted and delivered UDAs, its year
/// end, contracts ended and UDAs lost and recommissioned, patients seen per 1,000 residents, and delivery month by
/// month over the whole series with SPC.
struct DentalTrends: Sendable {
    /// Oldest first.
    var summaries: [DentalYearSummary]
    /// The estimates with an under-18 split, for the per-1,000 rates.
    var populations: [ResidentPopulation]
    var measures: [SPCMeasure]
    /// The year the page shows (its ended contracts are listed).
    var selected: FinancialYear
    /// `nil` for England.
    var icb: ICB?
    /// For England: the ICBs the reader may see (every published row for `.every`).
    var scope: ICBScope = .every

    /// Every month's delivery against the working-day profile, oldest first (the delivery series' points).
    var deliveryMonths: [(YearMonth, Double)] {
        measures.first { $0.id == "delivery-series" }?.chart.points.compactMap { point in
            YearMonth(point.period).map { ($0, point.value) }
        } ?? []
    }

    var selectedSummary: DentalYearSummary? { summaries.first { $0.financialYear == selected } }

    /// The estimate a year's rates use: the nearest to its end with an under-18 split.
    func population(for year: FinancialYear) -> ResidentPopulation? {
        ResidentPopulation.nearest(to: year, among: populations)
    }

    /// What the ICB's years before April 2020 are: the contracts it went on to commission, not an area team's whole.
    var inheritedNote: String? {
        guard let icb, let first = summaries.first?.financialYear, first.startYear < 2020 else { return nil }
        return "Before April 2020 NHS England's area teams commissioned dental contracts; the years before then count "
            + "the contracts \(icb.shortName) went on to commission (contracts that ended before any ICB took them on "
            + "count only in England's figures)."
    }

    /// An ICB's years, or (`icb` nil) England's: every published row for a reader of every ICB, else the total of the
    /// ICBs in `scope` (one ICB's contracts are not listed to another's reader).
    static func query(_ context: QueryContext, icb: ICB?, scope: ICBScope = .every, selected: FinancialYear)
        async throws -> DentalTrends
    {
        let icbs: Set<ICBCode>? = icb.map { [$0.code] } ?? scope.icbs
        let key = icbs.map { $0.map(\.rawValue).sorted().joined(separator: ",") } ?? "england"
        let database = context.database
        let openData = context.openData
        let link = icb.map { PodiumRoute.dentalPosition($0.code).path } ?? PodiumRoute.englandDentalPosition.path
        // What derives from the history and the population estimates: kept with the history.
        let (summaries, populations, measures) = try await openData.cachedWithDentalRecords("dental-trends-\(key)") {
            let history = try await openData.dentalHistory()
            let geography = GeographyStore(database: database)
            var populations = try await geography.residentPopulations(of: icbs?.count == 1 ? icbs?.first : nil)
            if let icbs, icbs.count > 1 {
                var each: [[ResidentPopulation]] = []
                for code in icbs.sorted() { each.append(try await geography.residentPopulations(of: code)) }
                populations = ResidentPopulation.sum(each)
            }
            let months = history.months(icbs: icbs)
            let measures =
                [SPCMeasures.deliverySeries(months, link: link + "#spc-delivery-series")]
                + SPCMeasures.patientsSeenSeries(months, populations: populations)
            return (DentalYearSummary.all(history, icbs: icbs), populations, measures)
        }
        return DentalTrends(
            summaries: summaries, populations: populations, measures: measures, selected: selected, icb: icb,
            scope: icb == nil ? scope : .every)
    }
}
