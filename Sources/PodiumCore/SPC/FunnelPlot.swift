/// A funnel plot: one period, many providers, each judged against limits that narrow as its denominator grows
/// (Spiegelhalter 2005; `nhs-r-community/FunnelPlotR`). Used where XmR charts do not apply.
public struct FunnelPlot: Sendable, Hashable, Codable {
    public enum Measure: String, Sendable, Hashable, Codable {
        /// Numerator ÷ denominator, a share between 0 and 1 (binomial variance θ(1 − θ)/n).
        case proportion
        /// Observed ÷ expected (Poisson variance θ/E), such as UDAs delivered against the profile.
        case ratio
    }

    public struct Input: Sendable, Hashable, Codable {
        public var id: String
        public var label: String
        public var numerator: Double
        public var denominator: Double

        public init(id: String, label: String, numerator: Double, denominator: Double) {
            self.id = id
            self.label = label
            self.numerator = numerator
            self.denominator = denominator
        }
    }

    public enum Flag: String, Sendable, Hashable, Codable {
        case within
        /// Beyond the 95 % limit, within 99.8 %.
        case warningHigh, warningLow
        /// Beyond the 99.8 % limit.
        case outlierHigh, outlierLow

        public var isOutlier: Bool { self == .outlierHigh || self == .outlierLow }

        public var label: String {
            switch self {
            case .within: "within the funnel"
            case .warningHigh: "above the 95% limit"
            case .warningLow: "below the 95% limit"
            case .outlierHigh: "above the 99.8% limit (outlier)"
            case .outlierLow: "below the 99.8% limit (outlier)"
            }
        }
    }

    public struct Entry: Sendable, Hashable, Codable {
        public var input: Input
        public var value: Double
        public var zScore: Double
        public var flag: Flag
    }

    /// Two-sided normal quantiles for the 95 % and 99.8 % limits.
    public static let z95 = 1.959963984540054
    public static let z998 = 3.090232306167813

    public var measure: Measure
    /// The group's overall value (Σ numerators ÷ Σ denominators): what the funnel is centred on.
    public var centre: Double
    /// The multiplicative overdispersion factor applied to the variance (1 when none was needed or chosen).
    public var overdispersion: Double
    public var entries: [Entry]
    /// The smallest denominator plotted: a provider expected to do almost nothing (0.7 UDAs) "delivering 47,818 %"
    /// says nothing about it and would stretch the chart, so it is left out of the funnel and its centre, and listed.
    public var minimumDenominator: Double
    /// Providers below ``minimumDenominator``.
    public var excluded: [Input]

    /// - Parameter adjustForOverdispersion: inflate the limits by √φ, φ the mean of squared z-scores winsorised at
    ///   10 % (Spiegelhalter's multiplicative method), when φ > 1. Real providers vary more than chance alone.
    public init(
        _ inputs: [Input], measure: Measure, adjustForOverdispersion: Bool = true, minimumDenominator: Double = 0
    ) {
        self.minimumDenominator = minimumDenominator
        excluded = inputs.filter { $0.denominator > 0 && $0.denominator < minimumDenominator }
        let usable = inputs.filter { $0.denominator > 0 && $0.denominator >= minimumDenominator }
        self.measure = measure
        let totalDenominator = usable.reduce(0) { $0 + $1.denominator }
        let centre = totalDenominator > 0 ? usable.reduce(0) { $0 + $1.numerator } / totalDenominator : 0
        self.centre = centre
        let raw = usable.map { input -> (Input, Double, Double) in
            let value = input.numerator / input.denominator
            let error = Self.standardError(centre: centre, denominator: input.denominator, measure: measure)
            return (input, value, error > 0 ? (value - centre) / error : 0)
        }
        var phi = 1.0
        if adjustForOverdispersion, raw.count >= 10 {
            let sorted = raw.map(\.2).sorted()
            let low = PeerComparison.quantile(sorted, 0.1)
            let high = PeerComparison.quantile(sorted, 0.9)
            let winsorised = sorted.map { min(max($0, low), high) }
            phi = max(1, winsorised.reduce(0) { $0 + $1 * $1 } / Double(winsorised.count))
        }
        self.overdispersion = phi
        self.entries = raw.map { input, value, z in
            let adjusted = z / phi.squareRoot()
            let flag: Flag =
                adjusted > Self.z998
                ? .outlierHigh
                : adjusted < -Self.z998
                    ? .outlierLow
                    : adjusted > Self.z95 ? .warningHigh : adjusted < -Self.z95 ? .warningLow : .within
            return Entry(input: input, value: value, zScore: adjusted, flag: flag)
        }
    }

    static func standardError(centre: Double, denominator: Double, measure: Measure) -> Double {
        switch measure {
        case .proportion: (centre * (1 - centre) / denominator).squareRoot()
        case .ratio: (centre / denominator).squareRoot()
        }
    }

    /// The limits at a denominator, for drawing the funnel.
    public func limits(at denominator: Double, z: Double) -> (lower: Double, upper: Double) {
        let error =
            Self.standardError(centre: centre, denominator: denominator, measure: measure) * overdispersion.squareRoot()
        let upper = centre + z * error
        return (max(0, centre - z * error), measure == .proportion ? min(1, upper) : upper)
    }

    /// Beyond the 99.8 % limits.
    public var outliers: [Entry] { entries.filter(\.flag.isOutlier) }
    /// Beyond the 95 % limits (the outliers included).
    public var beyondWarning: [Entry] { entries.filter { $0.flag != .within } }
}

/// Where a value stands among its peers (OpenPrescribing style): percentile ranks and deciles.
public enum PeerComparison {
    /// Each value's percentile rank among all of them, 0 (lowest) to 100 (highest); ties share their average rank.
    public static func percentileRanks(_ values: [Double]) -> [Double] {
        guard values.count > 1 else { return values.map { _ in 50 } }
        let order = values.indices.sorted { values[$0] < values[$1] }
        var ranks = Array(repeating: 0.0, count: values.count)
        var start = 0
        while start < order.count {
            var end = start
            while end + 1 < order.count, values[order[end + 1]] == values[order[start]] { end += 1 }
            let averageRank = Double(start + end) / 2  // 0-based
            for position in start...end { ranks[order[position]] = averageRank / Double(values.count - 1) * 100 }
            start = end + 1
        }
        return ranks
    }

    /// The 10th, 20th … 90th percentiles (linear interpolation, as numpy's default).
    public static func deciles(_ values: [Double]) -> [Double] {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return [] }
        return (1...9).map { quantile(sorted, Double($0) / 10) }
    }

    /// The `p` quantile of sorted values by linear interpolation between order statistics.
    public static func quantile(_ sorted: [Double], _ p: Double) -> Double {
        guard let first = sorted.first else { return 0 }
        guard sorted.count > 1 else { return first }
        let position = p * Double(sorted.count - 1)
        let below = Int(position.rounded(.down))
        let above = min(below + 1, sorted.count - 1)
        return sorted[below] + (sorted[above] - sorted[below]) * (position - Double(below))
    }
}
