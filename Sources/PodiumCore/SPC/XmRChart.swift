/// Which way is better for a measure (Making Data Count, NHS England). Every chart states it in words.
public enum ImprovementDirection: String, Sendable, Hashable, Codable, CaseIterable {
    case increase, decrease, neutral

    /// "higher is better", for the words next to every chart.
    public var words: String {
        switch self {
        case .increase: "higher is better"
        case .decrease: "lower is better"
        case .neutral: "neither higher nor lower is better"
        }
    }
}

/// The four Making Data Count special-cause rules, in the precedence used to label a point that breaks several
/// (astronomical → trend → two-in-three → shift; NHSRplotthedots PR #180).
public enum SPCRule: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case astronomical
    case trend
    case twoInThree
    case shift

    public var name: String {
        switch self {
        case .astronomical: "Astronomical point"
        case .trend: "Trend"
        case .twoInThree: "Two out of three beyond 2σ"
        case .shift: "Shift"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// Which side of the process a signal points to: above the mean (or a rising trend), or below (a falling trend).
public enum SignalSide: String, Sendable, Hashable, Codable {
    case high, low
}

/// How a point is read: common cause, or special cause of improvement, concern or (neutral measures) neither.
public enum PointType: String, Sendable, Hashable, Codable, CaseIterable {
    case commonCause, improvement, concern, neutral

    public var label: String {
        switch self {
        case .commonCause: "common cause"
        case .improvement: "special cause: improvement"
        case .concern: "special cause: concern"
        case .neutral: "special cause: neither improvement nor concern"
        }
    }
}

/// Choices for an XmR chart. Defaults give Making Data Count Excel parity (NHSRplotthedots, "deviations" vignette).
public struct SPCOptions: Sendable, Hashable, Codable {
    /// Points in a shift or a trend (7; the MDC tool allows 6).
    public var runLength: Int
    /// Drop moving ranges ≥ 3.267 × MR̄ before recomputing MR̄ (NHSRplotthedots' default; the MDC Excel tools do not).
    public var screenMovingRanges: Bool
    /// Limits from fewer points than this are trial limits (12, NHS-R following MDC practice).
    public var trialBelow: Int
    /// Indices of points that start a new baseline: limits are recomputed from each.
    public var rebaseAt: [Int]
    /// Compute each segment's limits from its first n points only, then hold them (default: all points).
    public var fixBaselineAfter: Int?
    /// Indices (among ``rebaseAt``) of segments drawn without limits or rules: a period the process was disrupted from
    /// outside (the pandemic), shown but not judged.
    public var suspendedAt: [Int]

    public init(
        runLength: Int = 7, screenMovingRanges: Bool = false, trialBelow: Int = 12, rebaseAt: [Int] = [],
        fixBaselineAfter: Int? = nil, suspendedAt: [Int] = []
    ) {
        self.runLength = runLength
        self.screenMovingRanges = screenMovingRanges
        self.trialBelow = trialBelow
        self.rebaseAt = rebaseAt
        self.fixBaselineAfter = fixBaselineAfter
        self.suspendedAt = suspendedAt
    }

    public static let makingDataCount = SPCOptions()
}

/// A segment's centre line and limits (Making Data Count, NHS England: mean ± 2.66 × mean moving range).
public struct SPCLimits: Sendable, Hashable, Codable {
    public var mean: Double
    /// Mean moving range (after screening, when chosen).
    public var movingRangeMean: Double
    /// Process limits: mean ± 2.66 × MR̄.
    public var upper: Double
    public var lower: Double
    /// "Near limit" lines: mean ± (2/3) × 2.66 × MR̄ (≈ 1.773 × MR̄).
    public var upperTwoSigma: Double
    public var lowerTwoSigma: Double
    /// Points the limits were computed from.
    public var baselinePoints: Int
    /// Fewer than the trial threshold: revised as points arrive, labelled "trial limits".
    public var isTrial: Bool

    /// 2.66 = 3 ÷ d₂ with d₂ = 1.128 for moving ranges of two.
    public static let processLimitFactor = 2.66
    public static let twoSigmaFactor = 2.66 * 2 / 3
    /// Moving ranges at or above this multiple of MR̄ are screened out when screening is on (Nelson 1982).
    public static let screeningFactor = 3.267

    /// How near a line (relative to the mean, or absolute below 1) a point is taken to be on it.
    public static let tolerance = 1e-9

    /// All values equal: MR̄ = 0 and the limits collapse onto the mean.
    public var isConstant: Bool { movingRangeMean == 0 }
}

/// One point of an XmR chart and how it reads.
public struct SPCPoint: Sendable, Hashable, Codable {
    public var period: String
    public var value: Double
    /// Which baseline segment it belongs to (0 for the first).
    public var segment: Int
    /// |value − previous value| within the segment; `nil` for a segment's first point.
    public var movingRange: Double?
    /// The rules this point breaks, in labelling precedence.
    public var rules: [SPCRule]
    public var type: PointType
    /// The side of the signal that classified it; `nil` for common cause.
    public var side: SignalSide?
}

/// A Making Data Count XmR (individuals) chart: limits, the four rules on every point, point types, and the
/// variation and assurance icons (Making Data Count, NHS England). Pure: periods and values in, everything computed.
public struct XmRChart: Sendable, Hashable, Codable {
    public struct Segment: Sendable, Hashable, Codable {
        /// First and last point indices (inclusive).
        public var first: Int
        public var last: Int
        /// `nil` when the segment has fewer than two points (no moving range, no limits), or is suspended.
        public var limits: SPCLimits?
        /// Shown without limits or rules (``SPCOptions/suspendedAt``).
        public var isSuspended = false
    }

    public var direction: ImprovementDirection
    public var target: Double?
    public var options: SPCOptions
    public var points: [SPCPoint]
    public var segments: [Segment]

    /// - Parameters:
    ///   - periods: a label per value, in time order ("2023-04").
    ///   - values: the measure; missing periods are left out by the caller (the moving range then spans the gap).
    public init(
        periods: [String], values: [Double], direction: ImprovementDirection, target: Double? = nil,
        options: SPCOptions = .makingDataCount
    ) {
        precondition(periods.count == values.count, "a label per value")
        self.direction = direction
        self.target = target
        self.options = options
        // Segment starts: the first point and every rebase inside the series, each once, in order.
        let starts =
            values.isEmpty ? [] : Array(Set([0] + options.rebaseAt.filter { $0 > 0 && $0 < values.count })).sorted()
        self.segments = starts.enumerated().map { index, first in
            let last = index + 1 < starts.count ? starts[index + 1] - 1 : values.count - 1
            let suspended = options.suspendedAt.contains(first)
            return Segment(
                first: first, last: last,
                limits: suspended ? nil : Self.limits(Array(values[first...last]), options: options),
                isSuspended: suspended)
        }
        var points = zip(periods, values).map { period, value in
            SPCPoint(
                period: period, value: value, segment: 0, movingRange: nil, rules: [], type: .commonCause, side: nil)
        }
        var flags = Array(repeating: [(SPCRule, SignalSide)](), count: values.count)
        for (number, segment) in segments.enumerated() {
            for index in segment.first...segment.last {
                points[index].segment = number
                if index > segment.first { points[index].movingRange = abs(values[index] - values[index - 1]) }
            }
            guard let limits = segment.limits else { continue }
            Self.flagRules(values, segment: segment, limits: limits, runLength: options.runLength, into: &flags)
        }
        for index in points.indices where !flags[index].isEmpty {
            let (type, side) = Self.classify(flags[index], direction: direction)
            points[index].rules = Array(Set(flags[index].map(\.0))).sorted()
            points[index].type = type
            points[index].side = side
        }
        self.points = points
    }

    /// A chart of a monthly series; months missing from the series are gaps the moving range spans.
    public init(
        months: [(YearMonth, Double)], direction: ImprovementDirection, target: Double? = nil,
        options: SPCOptions = .makingDataCount
    ) {
        self.init(
            periods: months.map(\.0.iso), values: months.map(\.1), direction: direction, target: target,
            options: options)
    }

    /// The points from `period` on, judged as they were in the whole series: a year shown against limits set and held
    /// from an earlier baseline, its rules reading the months before it (a shift that began in March still counts in
    /// April). Segments that end before the window are dropped; the rest keep their limits.
    public func window(from period: String) -> XmRChart {
        guard let first = points.firstIndex(where: { $0.period >= period }) else {
            var empty = self
            empty.points = []
            empty.segments = []
            return empty
        }
        let dropped = segments.filter { $0.last < first }.count
        var chart = self
        chart.segments = segments.dropFirst(dropped).map { segment in
            var segment = segment
            segment.first = max(segment.first, first) - first
            segment.last -= first
            return segment
        }
        chart.points = points[first...].map { point in
            var point = point
            point.segment -= dropped
            return point
        }
        chart.options.rebaseAt = options.rebaseAt.filter { $0 > first }.map { $0 - first }
        chart.options.suspendedAt = options.suspendedAt.filter { $0 >= first }.map { $0 - first }
        return chart
    }

    /// The limits that apply to a point (its segment's).
    public func limits(of point: SPCPoint) -> SPCLimits? {
        segments.indices.contains(point.segment) ? segments[point.segment].limits : nil
    }

    /// Points with a special cause, for the "why" list.
    public var signals: [SPCPoint] { points.filter { $0.type != .commonCause } }

    // MARK: Limits

    static func limits(_ values: [Double], options: SPCOptions) -> SPCLimits? {
        let baseline = options.fixBaselineAfter.map { Array(values.prefix(max(2, $0))) } ?? values
        guard baseline.count >= 2 else { return nil }
        // A constant baseline's mean is that value exactly: a floating-point sum of 24 × 0.97 ÷ 24 is not, and limits
        // collapsed onto a mean a hair away would flag every point.
        let mean =
            baseline.allSatisfy { $0 == baseline[0] }
            ? baseline[0] : baseline.reduce(0, +) / Double(baseline.count)
        var ranges = zip(baseline.dropFirst(), baseline).map { abs($0 - $1) }
        var mrBar = ranges.reduce(0, +) / Double(ranges.count)
        if options.screenMovingRanges, mrBar > 0 {
            ranges = ranges.filter { $0 < SPCLimits.screeningFactor * mrBar }
            if !ranges.isEmpty { mrBar = ranges.reduce(0, +) / Double(ranges.count) }
        }
        return SPCLimits(
            mean: mean, movingRangeMean: mrBar,
            upper: mean + SPCLimits.processLimitFactor * mrBar, lower: mean - SPCLimits.processLimitFactor * mrBar,
            upperTwoSigma: mean + SPCLimits.twoSigmaFactor * mrBar,
            lowerTwoSigma: mean - SPCLimits.twoSigmaFactor * mrBar,
            baselinePoints: baseline.count, isTrial: baseline.count < options.trialBelow)
    }

    // MARK: The four rules

    static func flagRules(
        _ values: [Double], segment: Segment, limits: SPCLimits, runLength: Int,
        into flags: inout [[(SPCRule, SignalSide)]]
    ) {
        let range = segment.first...segment.last
        // Comparisons allow SPCLimits.tolerance: a point within a billionth (relative) of a line is on it, so that
        // floating-point arithmetic never turns a flat series into special cause.
        let tolerance = SPCLimits.tolerance * max(1, abs(limits.mean))
        let values = values.map { value -> Double in
            for line in [limits.mean, limits.upper, limits.lower, limits.upperTwoSigma, limits.lowerTwoSigma]
            where abs(value - line) <= tolerance {
                return line
            }
            return value
        }
        // 1. Astronomical: beyond a process limit (strictly).
        for index in range {
            if values[index] > limits.upper { flags[index].append((.astronomical, .high)) }
            if values[index] < limits.lower { flags[index].append((.astronomical, .low)) }
        }
        // 2. Shift: runLength or more points in a row strictly on one side of the mean; a point on the mean breaks it.
        var runStart = segment.first
        var runSide: SignalSide?
        for index in range {
            let side: SignalSide? = values[index] > limits.mean ? .high : values[index] < limits.mean ? .low : nil
            if side != runSide || side == nil {
                runStart = index
                runSide = side
            }
            if let side, index - runStart + 1 >= runLength {
                let from = index - runStart + 1 == runLength ? runStart : index
                for flagged in from...index { flags[flagged].append((.shift, side)) }
            }
        }
        // 3. Trend: runLength or more points each strictly above (or below) the one before; equal neighbours break it.
        var trendStart = segment.first
        var trendSide: SignalSide?
        for index in range where index > segment.first {
            let side: SignalSide? =
                values[index] > values[index - 1] ? .high : values[index] < values[index - 1] ? .low : nil
            if side != trendSide || side == nil {
                trendStart = index - 1
                trendSide = side
            }
            if let side, index - trendStart + 1 >= runLength {
                let from = index - trendStart + 1 == runLength ? trendStart : index
                for flagged in from...index { flags[flagged].append((.trend, side)) }
            }
        }
        // 4. Two out of three beyond 2σ on the same side (MDC 2023): all three on that side of the mean; points beyond
        //    3σ count; only the points that are themselves beyond 2σ are flagged.
        guard segment.last - segment.first >= 2 else { return }
        for end in (segment.first + 2)...segment.last {
            let window = (end - 2)...end
            for side in [SignalSide.high, .low] {
                let sameSide = window.allSatisfy { side == .high ? values[$0] > limits.mean : values[$0] < limits.mean }
                let beyond = window.filter {
                    side == .high ? values[$0] > limits.upperTwoSigma : values[$0] < limits.lowerTwoSigma
                }
                guard sameSide, beyond.count >= 2 else { continue }
                for index in beyond where !flags[index].contains(where: { $0.0 == .twoInThree && $0.1 == side }) {
                    flags[index].append((.twoInThree, side))
                }
            }
        }
    }

    /// A point's type from the rules it breaks: improvement if any of its signals is on the improving side (the MDC
    /// Single Chart tool shows improvement when a point is in both patterns), else concern; neutral measures have
    /// neither. The side is that of the first signal in labelling precedence among those that decided the type.
    static func classify(_ flags: [(SPCRule, SignalSide)], direction: ImprovementDirection) -> (PointType, SignalSide) {
        let ordered = flags.sorted { $0.0 < $1.0 }
        guard direction != .neutral else { return (.neutral, ordered[0].1) }
        let improving: SignalSide = direction == .increase ? .high : .low
        if let signal = ordered.first(where: { $0.1 == improving }) { return (.improvement, signal.1) }
        return (.concern, ordered[0].1)
    }

    // MARK: Icons

    /// The variation icon describes the latest point, whatever rule it broke (PowerBI-SPC #116).
    public var variationIcon: VariationIcon {
        guard let latest = points.last else { return .noData }
        switch (latest.type, latest.side) {
        case (.improvement, let side?): return .improvement(side)
        case (.concern, let side?): return .concern(side)
        case (.neutral, let side?): return .neutral(side)
        default: return segments.last?.limits == nil ? .noData : .commonCause
        }
    }

    /// The latest segment's limits: the ones a target is compared with.
    public var currentLimits: SPCLimits? { segments.last?.limits }

    /// Can the process hit the target? Only with a target and a direction (NHSRplotthedots `ptd_calculate_assurance_type`).
    /// Comparisons are strict (as NHSRplotthedots): a target on a limit is hit and miss. Choice for a constant series (MR̄ = 0,
    /// limits collapse onto the value): it passes when the constant meets the target and fails when it does not.
    public var assuranceIcon: AssuranceIcon? {
        guard let target, direction != .neutral, let limits = currentLimits else { return nil }
        if limits.isConstant {
            let meets = direction == .increase ? limits.mean >= target : limits.mean <= target
            return meets ? .pass : .fail
        }
        switch direction {
        case .increase: return target > limits.upper ? .fail : target < limits.lower ? .pass : .hitAndMiss
        case .decrease: return target < limits.lower ? .fail : target > limits.upper ? .pass : .hitAndMiss
        case .neutral: return nil
        }
    }
}

/// What the latest point says (MDC variation icons).
public enum VariationIcon: Sendable, Hashable, Codable {
    case commonCause
    case improvement(SignalSide)
    case concern(SignalSide)
    case neutral(SignalSide)
    /// Too few points for limits.
    case noData

    public var label: String {
        switch self {
        case .commonCause: "Common cause variation"
        case .improvement(let side): "Special cause improvement (\(side == .high ? "high" : "low"))"
        case .concern(let side): "Special cause concern (\(side == .high ? "high" : "low"))"
        case .neutral(let side): "Special cause, neither improvement nor concern (\(side == .high ? "high" : "low"))"
        case .noData: "Not enough points for limits"
        }
    }

    /// Short code for files and the command line: `common`, `improvement-high`, `concern-low`…
    public var code: String {
        switch self {
        case .commonCause: "common"
        case .improvement(let side): "improvement-\(side.rawValue)"
        case .concern(let side): "concern-\(side.rawValue)"
        case .neutral(let side): "neutral-\(side.rawValue)"
        case .noData: "none"
        }
    }
}

/// Whether the process can hit its target (MDC assurance icons).
public enum AssuranceIcon: String, Sendable, Hashable, Codable {
    case pass, fail, hitAndMiss

    public var label: String {
        switch self {
        case .pass: "Consistently passing the target"
        case .fail: "Consistently failing the target"
        case .hitAndMiss: "Hit and miss: the target is within the process limits"
        }
    }

    public var code: String { self == .hitAndMiss ? "hit-and-miss" : rawValue }
}
