/// A contract's year-end delivery forecast from what it has delivered so far and how past years' delivery was spread
/// (``DeliveryProfile``), with an 80 % interval from how far the same forecast missed in those years.
public struct LearnedForecast: Sendable, Hashable, Codable {
    /// Months of the year reported (1 = April only).
    public var month: Int
    public var deliveredToDate: ActivityUnits
    public var ratio: Double
    public var central: ActivityUnits
    /// The 10th and 90th percentiles: 80 % likely to hold the year end.
    public var low: ActivityUnits
    public var high: ActivityUnits
    /// How much the contract's own years and its ICB's weighed in the ratio (England's is the rest).
    public var contractWeight: Double
    public var icbWeight: Double
    public var learnedFrom: [FinancialYear]

    /// "2,345 UDAs delivered by the end of September × 1.93, how the year's delivery compared with delivery by September
    /// in 2024/25, 2023/24, 2022/23 (this contract's years 23%, its ICB's 57%, England's 20%); 80% likely between …"
    public var why: String {
        let monthName = YearMonth.monthNames[FinancialYear(startYear: 2000).months[month - 1].month - 1]
        let weights = [
            ("this contract's years", contractWeight), ("its ICB's", icbWeight),
            ("England's", max(0, 1 - contractWeight - icbWeight)),
        ].filter { $0.1 >= 0.005 }.map { "\($0.0) \(Int(($0.1 * 100).rounded()))%" }.joined(separator: ", ")
        let years = learnedFrom.map(\.label).joined(separator: ", ")
        return
            "\(deliveredToDate.rounded(to: 1).formatted) UDAs delivered by the end of \(monthName) × \(ScaledDecimal.format(Int64((ratio * 100).rounded()), scale: 2, minimumFractionDigits: 2)), "
            + "how the year's delivery compared with delivery by \(monthName) in \(years) (\(weights)); "
            + "80% likely between \(low.rounded(to: 0).formatted) and \(high.rounded(to: 0).formatted) UDAs, from the same forecast's misses in those years"
    }
}

/// The misses of the learned forecast in the years it learned from, as percentage points of target (actual − forecast),
/// by month reported and size: each year forecast from the others (leave one year out), or from itself when it is the
/// only year. They give each contract's 80 % interval and, replayed a year at a time, the interval of a total.
public struct ForecastErrors: Sendable {
    /// Contracts of at least this many UDAs a year have errors of their own; smaller ones vary more.
    public static let largeContract = ActivityUnits(whole: 1_000)

    public struct Key: Sendable, Hashable {
        public var month: Int
        public var large: Bool
        public init(month: Int, large: Bool) {
            self.month = month
            self.large = large
        }
    }

    /// By year, month and size, sorted.
    public private(set) var errors: [FinancialYear: [Key: [Double]]] = [:]

    public init(errors: [FinancialYear: [Key: [Double]]]) {
        self.errors = errors.mapValues { $0.mapValues { $0.sorted() } }
    }

    /// Every error of a month and size, over the years.
    public func pooled(_ key: Key) -> [Double] { errors.values.flatMap { $0[key] ?? [] }.sorted() }

}

/// The learned forecast: a profile for the year, the errors that give its intervals, and the forecast of one contract.
public struct ForecastModel: Sendable {
    public let year: FinancialYear
    public let profile: DeliveryProfile
    public let errors: ForecastErrors

    /// Learns the forecast of `year` from the complete years before it in `history`.
    public init(history: DentalHistory, year: FinancialYear, shrinkage: DeliveryProfile.Shrinkage = .standard) {
        let complete = history.coverage.filter(\.isComplete).map(\.financialYear)
        let years = DeliveryProfile.trainingYears(for: year, complete: complete)
        let outcomes = years.flatMap { history.outcomes(in: $0) }
        self.init(year: year, outcomes: outcomes, years: years, shrinkage: shrinkage)
    }

    public init(
        year: FinancialYear, outcomes: [ContractYearOutcome], years: [FinancialYear],
        shrinkage: DeliveryProfile.Shrinkage = .standard
    ) {
        self.year = year
        profile = DeliveryProfile(outcomes: outcomes, years: years, shrinkage: shrinkage)
        var errors: [FinancialYear: [ForecastErrors.Key: [Double]]] = [:]
        for held in years {
            let others = years.count > 1 ? years.filter { $0 != held } : years
            let learner = DeliveryProfile(outcomes: outcomes, years: others, shrinkage: shrinkage)
            for outcome in outcomes
            where outcome.financialYear == held && outcome.inEveryMonth && outcome.target.tenThousandths > 0 {
                let target = Double(outcome.target.tenThousandths)
                var toDate = 0.0
                for month in 1...11 {
                    toDate += Double(outcome.monthlyDelivered[month - 1])
                    guard
                        let ratio = learner.ratio(at: month, contract: outcome.contract, icb: outcome.icb)
                    else { continue }
                    let actual = Double(outcome.delivered.tenThousandths)
                    let key = ForecastErrors.Key(month: month, large: outcome.target >= ForecastErrors.largeContract)
                    errors[held, default: [:]][key, default: []].append((actual - toDate * ratio.value) / target * 100)
                }
            }
        }
        self.errors = ForecastErrors(errors: errors)
    }

    /// The forecast of a contract with `deliveredToDate` by the end of month `month` (1 = April) of a year with
    /// `target`; `nil` before April is reported, after March, or with nothing learned.
    public func forecast(
        contract: ContractNumber, icb: ICBCode?, month: Int, deliveredToDate: ActivityUnits, target: ActivityUnits
    ) -> LearnedForecast? {
        guard (1...11).contains(month),
            let ratio = profile.ratio(at: month, contract: contract, icb: icb)
        else { return nil }
        let central = Double(deliveredToDate.tenThousandths) * ratio.value
        let pool = errors.pooled(.init(month: month, large: target >= ForecastErrors.largeContract))
        let spread = Double(target.tenThousandths) / 100
        // Never below what is already delivered.
        let low = max(Double(deliveredToDate.tenThousandths), central + PeerComparison.quantile(pool, 0.1) * spread)
        let high = max(low, central + PeerComparison.quantile(pool, 0.9) * spread)
        return LearnedForecast(
            month: month, deliveredToDate: deliveredToDate, ratio: ratio.value,
            central: ActivityUnits(tenThousandths: Int64(central.rounded())),
            low: ActivityUnits(tenThousandths: Int64(low.rounded())),
            high: ActivityUnits(tenThousandths: Int64(high.rounded())),
            contractWeight: ratio.contractWeight, icbWeight: ratio.icbWeight, learnedFrom: profile.years)
    }
}
