/// The 80 % interval of a total — an ICB's or England's projected clawback — from the contracts' own distributions, not
/// a sum of their bounds: each draw replays one learned year's misses (so a year when every contract caught up more
/// than usual moves them together), one contract at a time, and reconciles each; the interval spans the 10th to 90th
/// percentiles of the drawn totals, placed around the central total. Seeded, so a page shows the same interval every
/// time.
public enum ForecastTotals {
    /// One contract as a draw needs it, in ten-thousandths of a UDA and pence.
    public struct Contract: Sendable, Hashable {
        /// The misses its draws come from (``LearnedForecast/errorKey``).
        public var errorKey: ForecastErrors.Key
        public var target: Double
        public var value: Double
        public var deliveredToDate: Double
        public var central: Double
        public var shortfallBroughtForward: Double
        public var creditBroughtForward: Double

        public init(
            errorKey: ForecastErrors.Key, target: ActivityUnits, value: Money, deliveredToDate: ActivityUnits,
            central: ActivityUnits, broughtForward: CarryForward
        ) {
            self.errorKey = errorKey
            self.target = Double(target.tenThousandths)
            self.value = Double(value.pence)
            self.deliveredToDate = Double(deliveredToDate.tenThousandths)
            self.central = Double(central.tenThousandths)
            shortfallBroughtForward = Double(broughtForward.shortfall.tenThousandths)
            creditBroughtForward = Double(broughtForward.credit.tenThousandths)
        }

        /// The clawback, in pence, were the contract to deliver `delivered` (``YearEndReconciliation`` in floating
        /// point, for drawing; the central figure is reconciled exactly).
        func clawback(delivered: Double, rules: ReconciliationRules) -> Double {
            guard target > 0 else { return 0 }
            let adjusted = delivered - shortfallBroughtForward + creditBroughtForward
            let lower = Double(rules.lowerTolerance.basisPoints) / 10_000
            guard adjusted < lower * target else { return 0 }
            let short = rules.clawsBackToTarget ? target - adjusted : lower * target - adjusted
            return max(0, short) * value / target
        }
    }

    public struct Interval: Sendable, Hashable, Codable {
        public var low: Money
        public var high: Money
        public var draws: Int
    }

    public static let standardDraws = 400

    /// The 80 % interval of the contracts' total clawback under `rules`.
    public static func clawback(
        _ contracts: [Contract], errors: ForecastErrors, rules: ReconciliationRules, draws: Int = standardDraws,
        seed: UInt64 = 2_024
    ) -> Interval? {
        let years = errors.errors.keys.sorted()
        guard !contracts.isEmpty, !years.isEmpty else { return nil }
        var random = SplitMix64(seed: seed)
        var totals: [Double] = []
        totals.reserveCapacity(draws)
        for draw in 0..<draws {
            let year = errors.errors[years[draw % years.count]] ?? [:]
            var total = 0.0
            for contract in contracts {
                let pool = year[contract.errorKey] ?? errors.pooled(contract.errorKey)
                let error = pool.isEmpty ? 0 : pool[Int(random.next() % UInt64(pool.count))]
                let delivered = max(contract.deliveredToDate, contract.central + error * contract.target / 100)
                total += contract.clawback(delivered: delivered, rules: rules)
            }
            totals.append(total)
        }
        totals.sort()
        // The draws give the spread; it is placed around the contracts' central forecasts added up, so the interval
        // always holds the figure shown beside it (the draws' own middle can differ: a clawback is not linear in
        // delivery, and a band's misses are not symmetric).
        let central = contracts.reduce(0) { $0 + $1.clawback(delivered: $1.central, rules: rules) }
        let middle = PeerComparison.quantile(totals, 0.5)
        return Interval(
            low: Money(pence: Int64(max(0, central + PeerComparison.quantile(totals, 0.1) - middle).rounded())),
            high: Money(pence: Int64((central + PeerComparison.quantile(totals, 0.9) - middle).rounded())),
            draws: draws)
    }
}

/// A small, fast, seeded generator (Steele, Lea and Flood, "Fast splittable pseudorandom number generators", 2014).
public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64
    public init(seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
