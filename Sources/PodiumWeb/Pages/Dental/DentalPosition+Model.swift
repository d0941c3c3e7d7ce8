import PodiumCore
import PodiumData

/// An ICB's dental position: mid-year flags, projected clawback and underspend, bands, top risks, the trend against
/// the working-day profile, SPC of delivery and patients seen, the funnel, and every contract's position.
enum DentalPosition {
    struct Model: Sendable {
        var icb: ICB
        var portfolio: PortfolioPosition
        var settings: PositionSettings
        /// The contracts' rows, for measures the positions do not carry (patients seen).
        var years: [ContractYear]
        /// Mid-2020 adults and children of the ICB, when the population is imported.
        var population: (adults: Int, children: Int)?
        var coverage: ActivityCoverage
        var choices: PositionChoices
        var sources: [SourceNote]
        /// Delivery against profile, then (with the mid-2020 population imported) adults and children seen.
        var measures: [SPCMeasure]
        var funnel: FunnelPlot
        /// Each contract's percentile rank among the ICB's on delivery against profile.
        var percentiles: [ContractNumber: Double]
        /// Every year of the ICB's contracts, and the month-by-month series.
        var trends: DentalTrends
        var yearChoice: YearChoice
        /// The year's implausible published values, by contract (``DataCheck``): a caveat beside each.
        var dataChecks: [ContractNumber: [DataCheck]] = [:]

        static let topRiskCount = 10

        var topRisks: [ContractPosition] { portfolio.topRisks(Self.topRiskCount) }

        static func query(_ context: QueryContext, icb code: ICBCode, choices: PositionChoices) async throws -> Model {
            var list = try await ContractIndex.Model.query(context, icb: code, year: choices.requestedYear)
            guard let year = list.financialYear, var coverage = list.coverage else {
                throw WebError.notFound(.financialYearNotFound, "No dental activity is imported yet.")
            }
            let asOf = try choices.asOf(in: year, months: try await context.openData.activityMonths())
            if let asOf {
                list.contracts = OpenData.upTo(asOf, list.contracts)
                coverage = OpenData.upTo(asOf, coverage)
            }
            let settings = try choices.settings(for: year)
            let variations = try await VariationStore(database: context.database).all()
            let positions = try await context.openData.positions(
                list.contracts, in: year, settings: settings, variations: variations, asOf: asOf)
            let portfolio = try await context.openData.withClawbackInterval(
                PortfolioPosition(financialYear: year, contracts: positions), key: code.rawValue, settings: settings,
                asOf: asOf)
            let trends = try await DentalTrends.query(context, icb: list.icb, selected: year)
            var measures = [SPCMeasures.portfolioDelivery(portfolio, before: trends.deliveryMonths)]
            let population = try await GeographyStore(database: context.database).agePopulation(of: code)
            // Patients seen per 1,000 residents: the year's months of the every-month series, so their limits come from
            // the same held baseline; the mid-2020 shares where no estimate with an under-18 split is imported.
            let seen = zip(["adults-seen", "children-seen"], ["adults-seen-series", "children-seen-series"]).compactMap
            {
                id, series -> SPCMeasure? in
                guard let series = trends.measures.first(where: { $0.id == series }), let first = year.months.first,
                    let last = coverage.monthsPresent.last
                else { return nil }
                let name = series.name.replacingOccurrences(of: ", every month", with: "")
                return SPCMeasures.year(of: series, id: id, name: name, from: first, through: last)
            }
            if !seen.isEmpty {
                measures += seen
            } else if let population {
                measures += SPCMeasures.patientsSeen(list.contracts, coverage: coverage, population: population)
            }
            return Model(
                icb: list.icb, portfolio: portfolio, settings: settings, years: list.contracts, population: population,
                coverage: coverage,
                choices: choices,
                sources: list.sources
                    + (try await context.openData.notes([.population2020, .lsoa2011Lookup], year: nil)),
                measures: measures, funnel: portfolio.deliveryFunnel,
                percentiles: portfolio.percentileRanksAgainstProfile,
                trends: trends,
                yearChoice: try await context.openData.yearChoice(year),
                dataChecks: try await context.openData.dataChecks(in: year))
        }

        /// The position, or `nil` before any dental activity is imported (finance and governance still answer then).
        static func queryIfImported(_ context: QueryContext, icb code: ICBCode, year: String? = nil) async throws
            -> Model?
        {
            guard try await !context.openData.financialYears().isEmpty else { return nil }
            var choices = PositionChoices()
            choices.year = year
            return try await query(context, icb: code, choices: choices)
        }
    }
}

/// Every ICB's dental position, side by side.
enum EnglandDentalPosition {
    struct Model: Sendable {
        struct Row: Sendable {
            var icb: ICB
            var portfolio: PortfolioPosition
        }

        var rows: [Row]
        /// The total of the rows shown: England's, or only the reader's ICBs' (``scope``).
        var england: PortfolioPosition
        /// The ICBs the reader may see: variations are local records, so other ICBs' rows are left out.
        var scope: ICBScope
        var settings: PositionSettings
        var coverage: ActivityCoverage
        var choices: PositionChoices
        var sources: [SourceNote]
        /// Each ICB's percentile rank among those shown on delivery against profile.
        var percentiles: [ICBCode: Double]
        /// The 10th to 90th percentiles of the ICBs' delivery against profile; empty when too few ICBs.
        var deciles: [Double]
        /// Every year of England's contracts (every published row), and the month-by-month series.
        var trends: DentalTrends
        var yearChoice: YearChoice

        /// What the totals row is called.
        var totalLabel: String { scope == .every ? "England" : "Total of the ICBs shown" }

        /// Kept until an import, a variation or opening balance, or the day changes (one per question asked, for the
        /// few most recently asked): it takes a fifth of a second to build, and many people read it at once.
        static func query(_ context: QueryContext, choices: PositionChoices, scope: ICBScope) async throws -> Model {
            try await context.openData.cachedWithDentalRecords(
                "england-position|\(choices.key)|\(scope.key)", family: "england-position", also: context.today.iso
            ) { try await build(context, choices: choices, scope: scope) }
        }

        private static func build(_ context: QueryContext, choices: PositionChoices, scope: ICBScope) async throws
            -> Model
        {
            let openData = context.openData
            guard let year = try await openData.financialYear(choices.requestedYear) else {
                throw WebError.notFound(.financialYearNotFound, "No dental activity is imported yet.")
            }
            let settings = try choices.settings(for: year)
            let asOf = try choices.asOf(in: year, months: try await openData.activityMonths())
            var coverage = try await openData.coverage(of: year)
            if let asOf { coverage = OpenData.upTo(asOf, coverage) }
            let variations = try await VariationStore(database: context.database).all()
            let positions = try await openData.positions(
                try await openData.contractYears(in: year), in: year, settings: settings, variations: variations,
                asOf: asOf)
            // Each contract counts for the ICB commissioning it in its latest month of the year.
            let byICB = Dictionary(grouping: positions.filter { $0.latest.icb != nil }, by: { $0.latest.icb })
            let shown = try await openData.icbs().filter { scope.contains($0.code) }
            var rows: [Row] = []
            for icb in shown {
                rows.append(
                    Row(
                        icb: icb,
                        portfolio: try await openData.withClawbackInterval(
                            PortfolioPosition(financialYear: year, contracts: byICB[icb.code] ?? []),
                            key: icb.code.rawValue, settings: settings, asOf: asOf)))
            }
            let registered = Set(shown.map(\.code))
            let values = rows.map { $0.portfolio.againstProfilePercent ?? 0 }
            let deciles = PeerComparison.deciles(rows.compactMap(\.portfolio.againstProfilePercent))
            return Model(
                rows: rows,
                england: try await openData.withClawbackInterval(
                    PortfolioPosition(
                        financialYear: year,
                        contracts: positions.filter { $0.latest.icb.map(registered.contains) ?? false }),
                    key: "total-" + shown.map(\.code.rawValue).joined(), settings: settings, asOf: asOf),
                scope: scope, settings: settings, coverage: coverage, choices: choices,
                sources: try await openData.notes([.dentalActivity, .icbs], year: year),
                percentiles: Dictionary(
                    uniqueKeysWithValues: zip(rows.map(\.icb.code), PeerComparison.percentileRanks(values))),
                deciles: deciles.count == 9 ? deciles : [],
                trends: try await DentalTrends.query(context, icb: nil, scope: scope, selected: year),
                yearChoice: try await openData.yearChoice(year))
        }
    }
}
