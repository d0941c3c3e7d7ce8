/// How often a high score came before trouble: for each month of data that has months after it, every
/// contract is scored with only what was known then, and the highest-scoring 5 % and 10 % are checked against what
/// followed within the horizon: a cut in the UDA target, or the contract disappearing from the data while the data
/// goes on. Precision is the share of flagged contracts that then had such an event; recall, the share of events
/// that had been flagged. A naive ranking (lowest delivery to date as a share of target) is measured the same way,
/// and the base rate says what picking at random would find.
public struct WarningBackTest: Sendable, Hashable {
    /// Flagging the top `fraction` of a month's contracts.
    public struct Cut: Sendable, Hashable {
        public var fraction: Double
        public var flagged: Int
        public var hits: Int
        public var events: Int

        /// Flagged contracts that then had an event.
        public var precision: Double? { flagged > 0 ? Double(hits) / Double(flagged) : nil }
        /// Events that had been flagged.
        public var recall: Double? { events > 0 ? Double(hits) / Double(events) : nil }

        static func + (lhs: Cut, rhs: Cut) -> Cut {
            Cut(
                fraction: lhs.fraction, flagged: lhs.flagged + rhs.flagged, hits: lhs.hits + rhs.hits,
                events: lhs.events + rhs.events)
        }
    }

    public struct Month: Sendable, Hashable {
        public var asOf: YearMonth
        public var scored: Int
        public var events: Int
        public var score: [Cut]
        public var naive: [Cut]
    }

    public static let fractions = [0.05, 0.10]

    public var configuration: String
    public var horizonMonths: Int
    public var months: [Month]

    /// Every month's cuts added together (each flagged contract-month counted once).
    public var score: [Cut] { Self.pooled(months.map(\.score)) }
    public var naive: [Cut] { Self.pooled(months.map(\.naive)) }
    public var scored: Int { months.map(\.scored).reduce(0, +) }
    public var events: Int { months.map(\.events).reduce(0, +) }
    /// What random flagging finds: the share of scored contract-months that had an event.
    public var baseRate: Double? { scored > 0 ? Double(events) / Double(scored) : nil }

    static func pooled(_ cuts: [[Cut]]) -> [Cut] {
        fractions.indices.map { index in
            cuts.map { $0[index] }.reduce(Cut(fraction: fractions[index], flagged: 0, hits: 0, events: 0), +)
        }
    }

    /// Runs the back-test over every contract and every month that has data after it.
    public static func run(
        _ inputs: [DentalWarningInput], dataMonths: [YearMonth], configuration: WarningConfiguration = .standard
    ) -> WarningBackTest {
        evaluate(
            observations(inputs, dataMonths: dataMonths, configuration: configuration), configuration: configuration)
    }

    /// Every contract scored as of each month of `asOf` (default: every month that has data after it), with only what
    /// was known then, and whether an event followed within the configuration's horizon.
    public static func observations(
        _ inputs: [DentalWarningInput], dataMonths: [YearMonth], configuration: WarningConfiguration = .standard,
        asOf: [YearMonth]? = nil
    ) -> [WarningObservation] {
        let covered = Array(Set(dataMonths)).sorted()
        guard let lastData = covered.last else { return [] }
        var observations: [WarningObservation] = []
        for month in asOf ?? covered where month < lastData {
            for input in inputs {
                guard let warning = EarlyWarning.dental(input, asOf: month, configuration: configuration) else {
                    continue
                }
                let severities = Dictionary(uniqueKeysWithValues: warning.readings.map { ($0.signal, $0.severity) })
                observations.append(
                    WarningObservation(
                        contract: input.contract, asOf: month,
                        severities: WarningSignal.dental.map { severities[$0] ?? 0 },
                        naive: naiveRisk(input, asOf: month),
                        event: hadEvent(input, asOf: month, lastData: lastData, horizon: configuration.horizonMonths)))
            }
        }
        return observations
    }

    /// The back-test of `configuration`'s weights on observations already made: each month's contracts ranked by
    /// their points (before the score is rounded), and by the naive risk.
    public static func evaluate(_ observations: [WarningObservation], configuration: WarningConfiguration)
        -> WarningBackTest
    {
        let weights = WarningSignal.dental.map { configuration.setting($0).weight }
        let months = Dictionary(grouping: observations, by: \.asOf).sorted { $0.key < $1.key }.map { asOf, scored in
            let events = scored.filter(\.event).count
            let byScore = ranked(scored) { $0.points(weights) }
            let byNaive = ranked(scored, by: \.naive)
            return Month(
                asOf: asOf, scored: scored.count, events: events,
                score: fractions.map { cut(byScore, fraction: $0, events: events) },
                naive: fractions.map { cut(byNaive, fraction: $0, events: events) })
        }
        return WarningBackTest(
            configuration: configuration.version, horizonMonths: configuration.horizonMonths, months: months)
    }

    /// Whether each observation had an event, highest value first (ties: the lower contract number first).
    static func ranked(_ observations: [WarningObservation], by value: (WarningObservation) -> Double) -> [Bool] {
        observations.map { (value($0), $0.contract, $0.event) }.sorted { ($0.0, $1.1) > ($1.0, $0.1) }.map(\.2)
    }

    /// The months of one financial year (as-of months within it).
    public func within(_ year: FinancialYear) -> WarningBackTest {
        WarningBackTest(
            configuration: configuration, horizonMonths: horizonMonths, months: months.filter { year.contains($0.asOf) }
        )
    }

    /// The top `fraction` of a ranked list (at least one contract), with how many of them had an event.
    public static func cut(_ ranked: [Bool], fraction: Double, events: Int) -> Cut {
        let flagged = ranked.isEmpty ? 0 : max(1, Int((Double(ranked.count) * fraction).rounded(.up)))
        return Cut(
            fraction: fraction, flagged: flagged, hits: ranked.prefix(flagged).filter { $0 }.count, events: events)
    }

    /// A cut in the UDA target within the horizon after `asOf`, or the contract's last month of data falling within it
    /// while the data goes on.
    public static func hadEvent(_ input: DentalWarningInput, asOf: YearMonth, lastData: YearMonth, horizon: Int) -> Bool
    {
        let months = input.months.sorted { $0.month < $1.month }
        guard let now = months.last(where: { $0.month <= asOf }), let last = months.last else { return false }
        let end = asOf.monthsAhead(horizon)
        if months.contains(where: { $0.month > asOf && $0.month <= end && $0.udaTarget < now.udaTarget }) {
            return true
        }
        return last.month < lastData && last.month < end
    }

    /// The naive ranking: how far delivery to date falls short of the target's share of the year so far (higher is
    /// worse), from the same months as the score.
    static func naiveRisk(_ input: DentalWarningInput, asOf: YearMonth) -> Double {
        let year = FinancialYear(containing: asOf)
        let rows = input.months.filter { year.contains($0.month) && $0.month <= asOf }
        guard let target = rows.max(by: { $0.month < $1.month })?.udaTarget, target.tenThousandths > 0 else { return 0 }
        let delivered = rows.compactMap(\.udasDelivered).sum()
        return 1 - Double(delivered.tenThousandths) / Double(target.tenThousandths)
    }
}

/// One contract as of one month, as the back-test sees it: each dental signal's severity then, the naive ranking's
/// risk, and whether an event followed. Severities depend on the thresholds only, so weights can be tried on the same
/// observations without scoring again.
public struct WarningObservation: Sendable, Hashable {
    public var contract: ContractNumber
    public var asOf: YearMonth
    /// Severities (0–1) of ``WarningSignal/dental``, in that order.
    public var severities: [Double]
    public var naive: Double
    public var event: Bool

    public init(contract: ContractNumber, asOf: YearMonth, severities: [Double], naive: Double, event: Bool) {
        self.contract = contract
        self.asOf = asOf
        self.severities = severities
        self.naive = naive
        self.event = event
    }

    /// Points under `weights` (aligned with ``WarningSignal/dental``).
    public func points(_ weights: [Double]) -> Double {
        zip(severities, weights).reduce(0) { $0 + $1.0 * $1.1 }
    }
}
