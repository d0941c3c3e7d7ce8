/// Choosing the dental signals' weights from history, and holding a year back to test them.
///
/// The weights are fitted on the as-of months of the training years whose horizon ends before the held-out year begins
/// (so no training label reads the held-out year's data), and judged on the held-out year, which the fit never sees.
/// The fit is a coordinate search: one signal at a time tries each candidate weight with the others held, keeping a
/// change only when it flags more contracts that then had an event (top 5 % and top 10 % of each month, added), until a
/// full pass changes nothing. Thresholds are not fitted. The signals the open data cannot show (hand-backs recorded in
/// Podium, local intelligence) keep their weights; the fitted ones are scaled to the points left, so a score still
/// reads out of 100.
public struct WarningWeightFit: Sendable, Hashable {
    /// Years whose months train the weights: 2017/18 (the first with a year of history before it) to 2023/24, without
    /// the pandemic years that forecasts also leave out (``DeliveryProfile/excludedYears``).
    public static let trainingYears = [2017, 2018, 2022, 2023].map(FinancialYear.init(startYear:))
    /// The year held back: the fit never reads its months.
    public static let heldOutYear = FinancialYear(startYear: 2024)
    /// Weights each signal may take in the search.
    public static let candidates: [Double] = [0, 5, 10, 15, 20, 25, 30, 40, 50]
    /// The signals the open data can show; the others keep their weights.
    public static let fitted: [WarningSignal] = WarningSignal.dental.filter {
        $0 != .handBack && $0 != .localIntelligence
    }

    public var configuration: WarningConfiguration
    /// Hits (top 5 % plus top 10 %, over the training months) of the starting weights and of the fitted ones.
    public var startingHits: Int
    public var fittedHits: Int
    public var passes: Int
    public var trainingMonths: [YearMonth]

    /// Whether an observation as of `asOf` may train: its year is a training year and its horizon ends before the
    /// held-out year begins.
    public static func trains(_ asOf: YearMonth, horizon: Int) -> Bool {
        trainingYears.contains(FinancialYear(containing: asOf)) && asOf.monthsAhead(horizon) < heldOutYear.months[0]
    }

    /// Fits the weights of ``fitted`` from `start` on the training observations among `observations`.
    public static func fit(
        _ observations: [WarningObservation], from start: WarningConfiguration, version: String
    ) -> WarningWeightFit {
        let training = Dictionary(
            grouping: observations.filter { trains($0.asOf, horizon: start.horizonMonths) }, by: \.asOf
        )
        .sorted { $0.key < $1.key }
        let signals = WarningSignal.dental
        let fittedIndices = fitted.compactMap { signals.firstIndex(of: $0) }
        var weights = signals.map { start.setting($0).weight }
        let hits = { (weights: [Double]) in
            training.reduce(0) { total, month in
                let ranked = WarningBackTest.ranked(month.value) { $0.points(weights) }
                return total
                    + WarningBackTest.fractions.reduce(0) {
                        $0 + WarningBackTest.cut(ranked, fraction: $1, events: 0).hits
                    }
            }
        }
        let startingHits = hits(weights)
        var best = startingHits
        var passes = 0
        var changed = true
        while changed && passes < 10 {
            changed = false
            passes += 1
            for index in fittedIndices {
                for candidate in candidates where candidate != weights[index] {
                    var trial = weights
                    trial[index] = candidate
                    let found = hits(trial)
                    if found > best {
                        best = found
                        weights = trial
                        changed = true
                    }
                }
            }
        }
        // Scale the fitted weights to the points the others leave, in whole points (largest remainders).
        let kept = signals.indices.filter { !fittedIndices.contains($0) }.map { weights[$0] }.reduce(0, +)
        let total = start.maximum(signals)
        let sum = fittedIndices.map { weights[$0] }.reduce(0, +)
        var configuration = start
        configuration.version = version
        if sum > 0 {
            let exact = fittedIndices.map { weights[$0] / sum * (total - kept) }
            var whole = exact.map { $0.rounded(.down) }
            let order = exact.indices.sorted { (exact[$0] - whole[$0], $1) > (exact[$1] - whole[$1], $0) }
            for position in order.prefix(Int(total - kept - whole.reduce(0, +))) { whole[position] += 1 }
            for (position, index) in fittedIndices.enumerated() {
                configuration.settings[signals[index]]?.weight = whole[position]
            }
        }
        return WarningWeightFit(
            configuration: configuration, startingHits: startingHits, fittedHits: best, passes: passes,
            trainingMonths: training.map(\.key))
    }
}
