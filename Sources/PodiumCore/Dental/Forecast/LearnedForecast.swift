/// A contract's year-end delivery forecast from what it has delivered so far and how past years' delivery was spread
/// (``DeliveryProfile``), with an 80 % interval from how far the same forecast missed in those years.
public struct LearnedForecast: Sendable, Hashable, Codable {
    /// Months of the year reported (1 = April only).
    public var month: Int
    public var deliveredToDate: ActivityUnits
    public var ratio: Double
    /// Points of target added to delivered × ratio: the median miss, in the years learned from, of contracts whose
    /// forecast stood in the same band at the same month (behind contracts catch up, those ahead slow down).
    public var adjustment: Double
    /// The errors the interval (and a total's draws) come from.
    public var errorKey: ForecastErrors.Key
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
            + "how the year's delivery compared with delivery by \(monthName) in \(years) (\(weights))"
            + (abs(adjustment) >= 0.05
                ? ", then \(adjustment > 0 ? "+" : "−")\(ScaledDecimal.format(Int64((abs(adjustment) * 10).rounded()), scale: 1, minimumFractionDigits: 1)) points of target, "
                    + "how contracts forecast \(errorKey.bandWords) by then ended in those years"
                : "")
            + "; 80% likely between \(low.rounded(to: 0).formatted) and \(high.rounded(to: 0).formatted) UDAs, from the same forecast's misses in those years"
    }
}

/// The misses of the learned forecast in the years it learned from, as percentage points of target (actual − forecast),
/// by month reported, size and the band the forecast stood in: each year forecast from the others (leave one year
/// out), or from itself when it is the only year. A band's median miss corrects its forecasts (so a band's misses are
/// kept around that median); the misses give each contract's 80 % interval and, replayed a year at a time, the
/// interval of a total. A band with fewer than ``minimumBand`` misses is pooled with the month's others.
public struct ForecastErrors: Sendable {
    /// Contracts of at least this many UDAs a year have errors of their own; smaller ones vary more.
    public static let largeContract = ActivityUnits(whole: 1_000)
    /// Upper bounds of the forecast bands, in % of target: below 60, 60–80, … , 125 and above.
    public static let bandBounds: [Double] = [60, 80, 90, 96, 100, 104, 110, 125]
    /// Misses a band needs (over the years) to be corrected on its own.
    public static let minimumBand = 50

    public struct Key: Sendable, Hashable, Codable {
        public var month: Int
        public var large: Bool
        /// Index into the bands; `nil`: every band of the month and size.
        public var band: Int?
        public init(month: Int, large: Bool, band: Int? = nil) {
            self.month = month
            self.large = large
            self.band = band
        }

        /// "between 80% and 90% of target".
        public var bandWords: String {
            guard let band else { return "anywhere" }
            let bounds = ForecastErrors.bandBounds
            let low = band > 0 ? bounds[band - 1] : nil
            let high = band < bounds.count ? bounds[band] : nil
            switch (low, high) {
            case (nil, let high?): return "below \(Int(high))% of target"
            case (let low?, nil): return "at \(Int(low))% of target or more"
            case (let low?, let high?): return "between \(Int(low))% and \(Int(high))% of target"
            default: return "anywhere"
            }
        }
    }

    /// Bands from this % of target up are corrected by their median miss: contracts ahead of their target slow down
    /// once it is safe (delivery above 102 % is not paid), a pattern every year shows; how far contracts behind catch up
    /// changes from year to year (2022/23's recovery was not 2024/25's), so their forecasts keep the ratio alone.
    public static let correctedFrom = 100.0

    static func corrects(_ key: Key) -> Bool {
        guard let band = key.band, band > 0 else { return false }
        return bandBounds[band - 1] >= correctedFrom
    }

    /// The band of a forecast of `percent` % of target.
    public static func band(of percent: Double) -> Int { bandBounds.firstIndex { percent < $0 } ?? bandBounds.count }

    /// By year and key, each band's misses less its median, sorted: the spread around a forecast.
    public private(set) var errors: [FinancialYear: [Key: [Double]]] = [:]
    /// Each key's median miss.
    public private(set) var medians: [Key: Double] = [:]

    /// The points of target a forecast under `key` is corrected by: its band's median miss from ``correctedFrom`` up,
    /// else none.
    public func adjustment(_ key: Key) -> Double { Self.corrects(key) ? medians[key] ?? 0 : 0 }

    /// From raw misses by year and key (keys with a band); thin bands are pooled with their month and size.
    public init(errors raw: [FinancialYear: [Key: [Double]]]) {
        var counts: [Key: Int] = [:]
        for byKey in raw.values { for (key, values) in byKey { counts[key, default: 0] += values.count } }
        let merged = raw.mapValues { byKey in
            var kept: [Key: [Double]] = [:]
            for (key, values) in byKey {
                let thin = key.band != nil && (counts[key] ?? 0) < Self.minimumBand
                kept[thin ? Key(month: key.month, large: key.large) : key, default: []] += values
            }
            return kept
        }
        var pooled: [Key: [Double]] = [:]
        for byKey in merged.values { for (key, values) in byKey { pooled[key, default: []] += values } }
        medians = pooled.mapValues { PeerComparison.quantile($0.sorted(), 0.5) }
        errors = merged.mapValues { byKey in
            Dictionary(
                uniqueKeysWithValues: byKey.map { key, values in
                    (key, values.map { $0 - (self.medians[key] ?? 0) }.sorted())
                })
        }
    }

    /// The key a forecast of `percent` % of target uses: its band's, or its month and size's when the band is thin.
    public func key(month: Int, large: Bool, percent: Double) -> Key {
        let banded = Key(month: month, large: large, band: Self.band(of: percent))
        return medians[banded] != nil ? banded : Key(month: month, large: large)
    }

    /// Every error of a key, over the years.
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
                    let forecast = toDate * ratio.value / target * 100
                    let key = ForecastErrors.Key(
                        month: month, large: outcome.target >= ForecastErrors.largeContract,
                        band: ForecastErrors.band(of: forecast))
                    errors[held, default: [:]][key, default: []].append(actual / target * 100 - forecast)
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
        let delivered = Double(deliveredToDate.tenThousandths)
        let spread = Double(target.tenThousandths) / 100
        let raw = delivered * ratio.value
        let key = errors.key(
            month: month, large: target >= ForecastErrors.largeContract, percent: spread > 0 ? raw / spread : 0)
        let adjustment = errors.adjustment(key)
        // Never below what is already delivered.
        let central = max(delivered, raw + adjustment * spread)
        let pool = errors.pooled(key)
        let low = max(delivered, central + PeerComparison.quantile(pool, 0.1) * spread)
        let high = max(low, central + PeerComparison.quantile(pool, 0.9) * spread)
        return LearnedForecast(
            month: month, deliveredToDate: deliveredToDate, ratio: ratio.value, adjustment: adjustment, errorKey: key,
            central: ActivityUnits(tenThousandths: Int64(central.rounded())),
            low: ActivityUnits(tenThousandths: Int64(low.rounded())),
            high: ActivityUnits(tenThousandths: Int64(high.rounded())),
            contractWeight: ratio.contractWeight, icbWeight: ratio.icbWeight, learnedFrom: profile.years)
    }
}
