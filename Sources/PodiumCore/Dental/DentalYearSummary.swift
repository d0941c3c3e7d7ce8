/// A contract that left the data: its last month and the target it had then.
public struct EndedContract: Sendable, Hashable, Codable {
    public var contract: ContractNumber
    public var providerName: String
    public var icb: ICBCode?
    public var commissioner: CommissionerCode
    public var lastMonth: YearMonth
    public var target: ActivityUnits
    public var value: Money
}

/// One financial year of an ICB's contracts (or England's): contracted and delivered UDAs, the year end, contracts
/// ending, and UDAs lost and recommissioned — "are we losing NHS dentistry" in figures.
///
/// - Contracted: each contract's annual target in its latest month of the year, summed over the contracts with any
///   row in the year. Delivered: `UDA_DELIVERED` summed over the year's rows.
/// - Ended: contracts whose last month in the data falls in the year and is before the data's latest month; the UDAs
///   lost with them are their targets in that last month.
/// - Reductions and increases: the change in a contract's target from its latest month of the previous year to its
///   latest month of this one. New contracts: those whose first month in the data falls in the year, after the
///   data's first month; their targets are recommissioned UDAs.
/// - A contract counts for the ICB of its latest month in the year; a contract moving between ICBs is neither lost
///   nor recommissioned.
public struct DentalYearSummary: Sendable, Hashable, Codable {
    public var financialYear: FinancialYear
    public var coverage: ActivityCoverage
    public var contracts: Int
    public var contracted: ActivityUnits
    public var contractValue: Money
    public var delivered: ActivityUnits
    /// Clawback of the year's final results, or of the projected ones while the year is in progress.
    public var clawback: Money
    /// Contracts flagged at the mid-year review (reviewed against the terms at 30 September).
    public var flaggedAtMidYear: Int
    public var ended: [EndedContract]
    public var udasLostToEndings: ActivityUnits
    public var udasLostToReductions: ActivityUnits
    public var newContracts: Int
    public var udasInNewContracts: ActivityUnits
    public var udasFromIncreases: ActivityUnits
    /// Patients seen, summed over the contracts' latest months of the year (a patient seen at two practices counts
    /// twice; NHS Dental Statistics count people once).
    public var adultsSeen24Months: Int
    public var childrenSeen12Months: Int

    public var isFinal: Bool { coverage.isComplete }
    /// Delivered as a share of contracted (higher is better).
    public var percentDelivered: Proportion { Proportion(delivered, of: contracted) }
    public var udasLost: ActivityUnits { udasLostToEndings + udasLostToReductions }
    public var udasRecommissioned: ActivityUnits { udasInNewContracts + udasFromIncreases }
    /// Recommissioned less lost: negative when the year lost NHS dentistry.
    public var netChange: ActivityUnits { udasRecommissioned - udasLost }

    /// Each year of `history` for `icb` (every published row for England, `nil`), oldest first.
    public static func all(_ history: DentalHistory, icb: ICBCode? = nil) -> [DentalYearSummary] {
        all(history, icbs: icb.map { [$0] })
    }

    /// Each year of `history` for the contracts of `icbs` (every published row when `nil`), oldest first.
    public static func all(_ history: DentalHistory, icbs: Set<ICBCode>?) -> [DentalYearSummary] {
        guard let first = history.firstMonth, let latest = history.latestMonth else { return [] }
        var summaries: [FinancialYear: DentalYearSummary] = [:]
        for coverage in history.coverage {
            summaries[coverage.financialYear] = DentalYearSummary(
                financialYear: coverage.financialYear, coverage: coverage, contracts: 0, contracted: .zero,
                contractValue: .zero, delivered: .zero, clawback: .zero, flaggedAtMidYear: 0, ended: [],
                udasLostToEndings: .zero, udasLostToReductions: .zero, newContracts: 0, udasInNewContracts: .zero,
                udasFromIncreases: .zero, adultsSeen24Months: 0, childrenSeen12Months: 0)
        }
        for years in history.contracts.values {
            for (index, outcome) in years.enumerated() where icbs == nil || outcome.icb.map(icbs!.contains) == true {
                let year = outcome.financialYear
                guard var summary = summaries[year] else { continue }
                summary.contracts += 1
                summary.contracted += outcome.target
                summary.contractValue += outcome.value
                summary.delivered += outcome.delivered
                summary.clawback += outcome.result?.clawback ?? .zero
                if outcome.midYear?.isFlagged == true { summary.flaggedAtMidYear += 1 }
                if outcome.lastMonth == summary.coverage.latestMonth {
                    summary.adultsSeen24Months += outcome.adultsSeen24Months ?? 0
                    summary.childrenSeen12Months += outcome.childrenSeen12Months ?? 0
                }
                if index == years.count - 1, outcome.lastMonth < latest {
                    summary.ended.append(
                        EndedContract(
                            contract: outcome.contract, providerName: outcome.providerName, icb: outcome.icb,
                            commissioner: outcome.commissioner, lastMonth: outcome.lastMonth, target: outcome.target,
                            value: outcome.value))
                    summary.udasLostToEndings += outcome.target
                }
                if index == 0, outcome.firstMonth > first {
                    summary.newContracts += 1
                    summary.udasInNewContracts += outcome.target
                }
                if index > 0, years[index - 1].financialYear.startYear == year.startYear - 1 {
                    let change = outcome.target - years[index - 1].target
                    if change.tenThousandths > 0 { summary.udasFromIncreases += change }
                    if change.tenThousandths < 0 { summary.udasLostToReductions += .zero - change }
                }
                summaries[year] = summary
            }
        }
        return summaries.values.map { summary in
            var sorted = summary
            sorted.ended.sort { ($0.lastMonth, $0.contract) < ($1.lastMonth, $1.contract) }
            return sorted
        }.sorted { $0.financialYear < $1.financialYear }
    }
}

/// A population estimate of an area with the split NHS dental access measures need: adults 18 and over (seen in 24
/// months) and children under 18 (seen in 12 months).
public struct ResidentPopulation: Sendable, Hashable, Codable {
    /// "ONS mid-2020 estimate".
    public var source: String
    /// The reference date (30 June for mid-year estimates).
    public var date: CalendarDate
    public var adults: Int
    public var children: Int

    public init(source: String, date: CalendarDate, adults: Int, children: Int) {
        self.source = source
        self.date = date
        self.adults = adults
        self.children = children
    }

    /// The estimate nearest the end of `year` (31 March) — ties to the earlier — among `estimates`.
    /// Census 2021 is not among them: its bands put ages 16–24 together, so it cannot give under-18s.
    public static func nearest(to year: FinancialYear, among estimates: [ResidentPopulation]) -> ResidentPopulation? {
        let end = year.lastDay
        return estimates.min { a, b in
            let (da, db) = (abs(a.date.days(to: end)), abs(b.date.days(to: end)))
            return da == db ? a.date < b.date : da < db
        }
    }

    /// Areas' estimates added up, estimate by estimate (matched by source and date); an estimate missing for any area
    /// is left out.
    public static func sum(_ areas: [[ResidentPopulation]]) -> [ResidentPopulation] {
        guard let first = areas.first else { return [] }
        return first.compactMap { estimate in
            let matching = areas.compactMap { area in
                area.first { $0.source == estimate.source && $0.date == estimate.date }
            }
            guard matching.count == areas.count else { return nil }
            return ResidentPopulation(
                source: estimate.source, date: estimate.date, adults: matching.map(\.adults).reduce(0, +),
                children: matching.map(\.children).reduce(0, +))
        }
    }

    /// `count` per 1,000 of `of` residents, to a tenth; `nil` without residents.
    public static func perThousand(_ count: Int, of residents: Int) -> Double? {
        residents > 0 ? (Double(count) * 1000 / Double(residents) * 10).rounded() / 10 : nil
    }
}
