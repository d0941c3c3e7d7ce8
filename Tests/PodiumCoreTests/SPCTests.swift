import Testing

@testable import PodiumCore

/// The Making Data Count rules and the edge cases raised in NHSRplotthedots' issues, each case stated with the limits it uses.
@Suite("SPC rules against fixed limits (mean 0, 2σ ±2, process limits ±3)")
struct SPCRuleTests {
    static let limits = SPCLimits(
        mean: 0, movingRangeMean: 3 / 2.66, upper: 3, lower: -3, upperTwoSigma: 2, lowerTwoSigma: -2,
        baselinePoints: 20, isTrial: false)

    /// The rules each point breaks, with sides, sorted for comparison.
    static func flags(_ values: [Double], runLength: Int = 7) -> [[String]] {
        var flags = Array(repeating: [(SPCRule, SignalSide)](), count: values.count)
        XmRChart.flagRules(
            values, segment: XmRChart.Segment(first: 0, last: values.count - 1, limits: limits), limits: limits,
            runLength: runLength, into: &flags)
        return flags.map { $0.map { "\($0.0.rawValue)-\($0.1.rawValue)" }.sorted() }
    }

    static let none: [String] = []

    /// No point breaks any rule.
    static func clear(_ values: [Double], runLength: Int = 7) -> Bool {
        flags(values, runLength: runLength).allSatisfy(\.isEmpty)
    }

    @Test("Shift: seven in a row on one side are flagged, all seven; six are not")
    func shift() {
        #expect(Self.flags(Array(repeating: 1, count: 7)) == Array(repeating: ["shift-high"], count: 7))
        #expect(Self.flags(Array(repeating: -1, count: 8)) == Array(repeating: ["shift-low"], count: 8))
        #expect(Self.flags(Array(repeating: 1, count: 6)) == Array(repeating: Self.none, count: 6))
        #expect(Self.flags(Array(repeating: 1, count: 6), runLength: 6) == Array(repeating: ["shift-high"], count: 6))
    }

    @Test("Shift: a point on the mean breaks the run")
    func shiftBrokenOnTheMean() {
        #expect(Self.clear([1, 1, 1, 0, 1, 1, 1, 1]))
        #expect(Self.clear([1, 1, 1, 1, 1, 1, 0, 1]))
        #expect(Self.flags([0, 1, 1, 1, 1, 1, 1, 1]) == [Self.none] + Array(repeating: ["shift-high"], count: 7))
    }

    @Test("Trend: seven rising points (six rises) are flagged by the trend's direction; six are not")
    func trend() {
        let rising: [Double] = [-1.5, -1, -0.5, 0, 0.5, 1, 1.5]
        #expect(Self.flags(rising) == Array(repeating: ["trend-high"], count: 7))
        #expect(Self.flags(rising.reversed()) == Array(repeating: ["trend-low"], count: 7))
        #expect(Self.clear(Array(rising.prefix(6))))
        #expect(Self.flags(Array(rising.prefix(6)), runLength: 6) == Array(repeating: ["trend-high"], count: 6))
        #expect(Self.flags(rising + [1.8]) == Array(repeating: ["trend-high"], count: 8))
    }

    @Test("Trend: equal neighbours break it")
    func trendBrokenByEqualNeighbours() {
        #expect(Self.clear([-1.5, -1, -0.5, -0.5, 0, 0.5, 1, 1.5]))
        #expect(Self.clear([-1.5, -1, -0.5, 0, 0, 0.5, 1, 1.5]))
    }

    @Test("Two in three: two beyond 2σ on the same side flag those two; the third is flagged only if beyond 2σ itself")
    func twoInThree() {
        #expect(Self.flags([0.5, 2.5, 0.5, 2.5]) == [Self.none, ["twoInThree-high"], Self.none, ["twoInThree-high"]])
        #expect(Self.flags([-2.5, -2.1, -1]) == [["twoInThree-low"], ["twoInThree-low"], Self.none])
        #expect(Self.flags([2.5, 2.5, 2.5]) == Array(repeating: ["twoInThree-high"], count: 3))
    }

    @Test("Two in three: points on opposite sides never combine, and all three must be on the same side of the mean")
    func twoInThreeOppositeSides() {
        #expect(Self.clear([2.5, -2.5, 2.5]))
        #expect(Self.clear([2.5, -0.5, 2.5]))
        #expect(Self.clear([2.5, 0, 2.5]))
    }

    @Test("Two in three: a point beyond 3σ counts toward it (MDC 2023), and is also astronomical")
    func twoInThreeCountsBeyondThreeSigma() {
        #expect(
            Self.flags([3.5, 2.5, 1]) == [["astronomical-high", "twoInThree-high"], ["twoInThree-high"], Self.none])
    }

    /// NHSRplotthedots #153: R counts only points between 2σ and 3σ, so its answers differ from MDC 2023's here.
    @Test("NHSRplotthedots #153 patterns under MDC 2023: beyond 3σ, beyond 3σ, then 2–3σ flags the third too")
    func issue153() {
        #expect(
            Self.flags([0, 3.5, 3.2, 2.5]) == [
                Self.none, ["astronomical-high", "twoInThree-high"], ["astronomical-high", "twoInThree-high"],
                ["twoInThree-high"],
            ])
        #expect(
            Self.flags([0, 3.5, 2.5, 2.5]) == [
                Self.none, ["astronomical-high", "twoInThree-high"], ["twoInThree-high"], ["twoInThree-high"],
            ])
    }

    /// NHSRplotthedots PR #24: a seven-point falling trend, and the same with a repeated value inside it (which breaks it here).
    @Test("NHSRplotthedots PR #24 examples: a falling trend of seven; a repeated value inside it breaks it")
    func pullRequest24() {
        #expect(
            Self.flags([1, 0.5, 0, -0.5, -1, -1.5, -2, 0.2]) == Array(repeating: ["trend-low"], count: 7) + [Self.none])
        #expect(Self.clear([1, 0.5, 0, -0.5, -0.5, -1, -1.5, -2]))
    }

    @Test("Limits are strict: a point on a line is inside it")
    func strictLimits() {
        #expect(Self.clear([2, 2.5, 2]))
        #expect(Self.clear([3, -3]))
        #expect(Self.flags([3.0001, -3.0001]) == [["astronomical-high"], ["astronomical-low"]])
    }

    @Test(
        "A point in improving and concerning patterns reads as improvement; trends colour by their direction",
        arguments: [
            ([(SPCRule.shift, SignalSide.high)], ImprovementDirection.increase, PointType.improvement, SignalSide.high),
            ([(.shift, .low)], .increase, .concern, .low),
            ([(.shift, .low)], .decrease, .improvement, .low),
            ([(.astronomical, .high)], .decrease, .concern, .high),
            ([(.trend, .low)], .increase, .concern, .low),
            ([(.shift, .high), (.trend, .low)], .increase, .improvement, .high),
            ([(.shift, .high), (.trend, .low)], .decrease, .improvement, .low),
            ([(.twoInThree, .low)], .neutral, .neutral, .low),
        ])
    func classification(
        flags: [(SPCRule, SignalSide)], direction: ImprovementDirection, type: PointType, side: SignalSide
    ) {
        let result = XmRChart.classify(flags, direction: direction)
        #expect(result.0 == type && result.1 == side)
    }

    @Test("Rules are listed in labelling precedence: astronomical, trend, two in three, shift")
    func precedence() {
        #expect(
            [SPCRule.shift, .twoInThree, .astronomical, .trend].sorted() == [
                .astronomical, .trend, .twoInThree, .shift,
            ])
    }
}

@Suite("XmR charts end to end")
struct XmRChartTests {
    static func chart(
        _ values: [Double], direction: ImprovementDirection = .increase, target: Double? = nil,
        options: SPCOptions = .makingDataCount
    ) -> XmRChart {
        XmRChart(
            periods: values.indices.map { "p\($0 + 1)" }, values: values, direction: direction, target: target,
            options: options)
    }

    @Test("Limits: mean ± 2.66 × mean moving range; 2σ at (2/3) × 2.66")
    func limits() throws {
        let limits = try #require(Self.chart([1, 2, 3, 4, 5]).currentLimits)
        #expect(limits.mean == 3)
        #expect(limits.movingRangeMean == 1)
        #expect(abs(limits.upper - 5.66) < 1e-12 && abs(limits.lower - 0.34) < 1e-12)
        #expect(abs(limits.upperTwoSigma - (3 + 2.66 * 2 / 3)) < 1e-12)
        #expect(limits.isTrial)
    }

    @Test(
        "Under 12 points the limits are trial limits; from 12 they are not",
        arguments: [(11, true), (12, false), (24, false)])
    func trial(count: Int, isTrial: Bool) {
        let values = (0..<count).map { Double($0 % 2 == 0 ? 10 : 12) }
        #expect(Self.chart(values).currentLimits?.isTrial == isTrial)
    }

    @Test(
        "A constant series of decimals is common cause at every point (24 × 0.97 sums to 0.9699999999999998 × 24)",
        arguments: [0.97, 0.1, 1.0 / 3, 123_456.789])
    func constantDecimals(value: Double) throws {
        let chart = Self.chart(Array(repeating: value, count: 24))
        #expect(chart.currentLimits?.mean == value)
        #expect(chart.currentLimits?.isConstant == true)
        #expect(chart.points.allSatisfy { $0.rules.isEmpty && $0.type == .commonCause })
        // A point a billionth away is on the line; a real move is still seen.
        var moved = Array(repeating: value, count: 24)
        moved[23] = value * (1 + 1e-12)
        #expect(Self.chart(moved).points.allSatisfy { $0.rules.isEmpty })
        moved[23] = value * 1.01
        #expect(!Self.chart(moved).points[23].rules.isEmpty)
    }

    @Test("Rebasing recomputes the limits from the change point")
    func rebase() throws {
        let values: [Double] = [1, 2, 1, 2, 1, 2, 11, 12, 11, 12, 11, 12]
        let single = Self.chart(values)
        #expect(single.points.contains { !$0.rules.isEmpty })
        let rebased = Self.chart(values, options: SPCOptions(rebaseAt: [6]))
        #expect(rebased.segments.count == 2)
        #expect(rebased.segments[0].limits?.mean == 1.5 && rebased.segments[1].limits?.mean == 11.5)
        #expect(rebased.points.allSatisfy { $0.rules.isEmpty })
        #expect(
            rebased.points[5].segment == 0 && rebased.points[6].segment == 1 && rebased.points[6].movingRange == nil)
    }

    @Test("A window shows a year against the limits held from an earlier baseline, judged as in the whole series")
    func window() throws {
        // Two years alternating 9 and 11 (mean 10, MR̄ 2, limits 10 ± 5.32) set the limits and hold them; the next six
        // months include 30, beyond the upper limit. Alone, those six would get trial limits from themselves.
        let months = (0..<30).map { YearMonth(year: 2022, month: 4)!.monthsAhead($0) }
        let values = (0..<24).map { Double($0 % 2 == 0 ? 9 : 11) } + [10, 30, 10, 11, 9, 10]
        let whole = XmRChart(
            months: Array(zip(months, values)), direction: .increase, options: SPCOptions(fixBaselineAfter: 24))
        let year = whole.window(from: "2024-04")
        let limits = try #require(year.currentLimits)
        #expect(limits.mean == 10 && limits.baselinePoints == 24 && !limits.isTrial)
        #expect(year.points == Array(whole.points.suffix(6)))
        #expect(year.points[1].type == .improvement && year.segments.map(\.first) == [0] && year.segments[0].last == 5)
        let alone = XmRChart(months: Array(zip(months.suffix(6), values.suffix(6))), direction: .increase)
        #expect(alone.currentLimits?.isTrial == true && alone.points[1].type == .commonCause)

        // Rebased at month 7: a window inside the second segment renumbers it 0 and drops the first.
        let rebased = XmRChart(
            months: Array(zip(months.prefix(12), [1, 2, 1, 2, 1, 2, 11, 12, 11, 12, 11, 12])), direction: .increase,
            options: SPCOptions(rebaseAt: [6]))
        let later = rebased.window(from: "2022-12")
        #expect(later.segments.count == 1 && later.segments[0].limits?.mean == 11.5)
        #expect(later.points.map(\.segment) == [0, 0, 0, 0] && later.points.map(\.value) == [11, 12, 11, 12])
        #expect(rebased.window(from: "2030-01").points.isEmpty)
    }

    @Test("Screening drops moving ranges ≥ 3.267 × MR̄ before recomputing it (off by default, as the MDC tools)")
    func screening() throws {
        let values: [Double] = [10, 11, 10, 11, 10, 11, 10, 11, 10, 30, 10, 11]
        let plain = try #require(Self.chart(values).currentLimits)
        let screened = try #require(Self.chart(values, options: SPCOptions(screenMovingRanges: true)).currentLimits)
        // Moving ranges: eight of 1, then 20 and 20, then 1: MR̄ = 49/11 ≈ 4.45; screening drops MRs ≥ 14.55 (the 20s) → 1.
        #expect(abs(plain.movingRangeMean - 49.0 / 11) < 1e-12)
        #expect(screened.movingRangeMean == 1)
        #expect(screened.upper < plain.upper)
    }

    @Test(
        "Constant series: MR̄ = 0, limits collapse, no special cause; assurance passes when the constant meets the target"
    )
    func constantSeries() throws {
        let values = Array(repeating: 100.0, count: 15)
        let chart = Self.chart(values, target: 95)
        let limits = try #require(chart.currentLimits)
        #expect(limits.isConstant && limits.upper == 100 && limits.lower == 100)
        #expect(chart.points.allSatisfy { $0.type == .commonCause })
        #expect(chart.variationIcon == .commonCause)
        #expect(chart.assuranceIcon == .pass)
        #expect(Self.chart(values, target: 100).assuranceIcon == .pass)
        #expect(Self.chart(values, target: 100.5).assuranceIcon == .fail)
        #expect(Self.chart(values, direction: .decrease, target: 100).assuranceIcon == .pass)
        #expect(Self.chart(values, direction: .decrease, target: 99).assuranceIcon == .fail)
    }

    @Test(
        "Assurance compares the target with the latest limits, strictly",
        arguments: [
            (ImprovementDirection.increase, 20.0, AssuranceIcon?.some(.fail)), (.increase, 1, .pass),
            (.increase, 10, .hitAndMiss),
            (.decrease, 20, .pass), (.decrease, 1, .fail), (.decrease, 10, .hitAndMiss), (.neutral, 20, nil),
        ])
    func assurance(direction: ImprovementDirection, target: Double, icon: AssuranceIcon?) throws {
        // Alternating 9 and 11: mean 10, MR̄ 2, limits 10 ± 5.32.
        let values = (0..<12).map { Double($0 % 2 == 0 ? 9 : 11) }
        #expect(Self.chart(values, direction: direction, target: target).assuranceIcon == icon)
        let limits = try #require(Self.chart(values).currentLimits)
        #expect(Self.chart(values, target: limits.upper).assuranceIcon == .hitAndMiss)
        #expect(Self.chart(values).assuranceIcon == nil)
    }

    @Test(
        "The variation icon reads the latest point",
        arguments: [
            (ImprovementDirection.increase, VariationIcon.improvement(.high)), (.decrease, .concern(.high)),
            (.neutral, .neutral(.high)),
        ])
    func variationIcon(direction: ImprovementDirection, icon: VariationIcon) {
        // Twelve steady points then a jump: the last point is astronomical high.
        let values = (0..<12).map { Double($0 % 2 == 0 ? 9 : 11) } + [30]
        let chart = Self.chart(values, direction: direction)
        #expect(chart.variationIcon == icon)
        #expect(chart.points.last?.rules == [.astronomical])
        #expect(Self.chart((0..<12).map { Double($0 % 2 == 0 ? 9 : 11) }).variationIcon == .commonCause)
        #expect(Self.chart([5]).variationIcon == .noData)
        #expect(Self.chart([]).variationIcon == .noData)
    }
}

@Suite("Funnel plots and peer comparison")
struct FunnelTests {
    @Test("A proportion funnel centres on the group rate and flags providers beyond 95% and 99.8%")
    func proportion() throws {
        let inputs = [
            FunnelPlot.Input(id: "a", label: "A", numerator: 50, denominator: 100),
            FunnelPlot.Input(id: "b", label: "B", numerator: 500, denominator: 1000),
            FunnelPlot.Input(id: "c", label: "C", numerator: 570, denominator: 1000),
            FunnelPlot.Input(id: "d", label: "D", numerator: 380, denominator: 1000),
        ]
        let funnel = FunnelPlot(inputs, measure: .proportion, adjustForOverdispersion: false)
        #expect(abs(funnel.centre - 1500.0 / 3100) < 1e-12)
        let flags = Dictionary(uniqueKeysWithValues: funnel.entries.map { ($0.input.id, $0.flag) })
        #expect(flags["a"] == .within && flags["b"] == .within)
        #expect(flags["c"] == .outlierHigh)  // z ≈ 5.4
        #expect(flags["d"] == .outlierLow)
        let limits = funnel.limits(at: 100, z: FunnelPlot.z95)
        #expect(limits.lower < funnel.centre && limits.upper > funnel.centre && limits.upper <= 1)
        #expect(funnel.limits(at: 10_000, z: FunnelPlot.z95).upper < limits.upper)
    }

    @Test("A provider below the minimum volume is left out of the funnel and its centre, and listed; at it, kept")
    func minimumVolume() {
        let inputs = [
            FunnelPlot.Input(id: "tiny", label: "Tiny", numerator: 334.7, denominator: 0.7),  // "47,818 %"
            FunnelPlot.Input(id: "edge", label: "Edge", numerator: 90, denominator: 100),
            FunnelPlot.Input(id: "big", label: "Big", numerator: 1_000, denominator: 1_000),
        ]
        let funnel = FunnelPlot(inputs, measure: .ratio, adjustForOverdispersion: false, minimumDenominator: 100)
        #expect(funnel.excluded.map(\.id) == ["tiny"])
        #expect(funnel.entries.map(\.input.id) == ["edge", "big"])
        #expect(abs(funnel.centre - 1_090.0 / 1_100) < 1e-12)
        let all = FunnelPlot(inputs, measure: .ratio, adjustForOverdispersion: false)
        #expect(all.excluded.isEmpty && all.entries.count == 3)
    }

    @Test("A ratio funnel uses Poisson variance, and overdispersion widens it")
    func ratio() {
        let inputs = (0..<20).map { index in
            FunnelPlot.Input(id: "\(index)", label: "\(index)", numerator: Double(900 + index * 10), denominator: 1000)
        }
        let plain = FunnelPlot(inputs, measure: .ratio, adjustForOverdispersion: false)
        let adjusted = FunnelPlot(inputs, measure: .ratio)
        #expect(adjusted.overdispersion > 1)
        #expect(adjusted.outliers.count <= plain.outliers.count)
        #expect(adjusted.limits(at: 1000, z: FunnelPlot.z998).upper > plain.limits(at: 1000, z: FunnelPlot.z998).upper)
        #expect(FunnelPlot([], measure: .ratio).entries.isEmpty)
    }

    @Test("Percentile ranks run 0–100 with ties sharing their average; deciles interpolate")
    func peers() {
        #expect(PeerComparison.percentileRanks([5, 1, 3, 2, 4]) == [100, 0, 50, 25, 75])
        #expect(PeerComparison.percentileRanks([1, 2, 2, 3]) == [0, 50, 50, 100])
        #expect(PeerComparison.percentileRanks([7]) == [50])
        #expect(PeerComparison.deciles((1...11).map(Double.init)) == [2, 3, 4, 5, 6, 7, 8, 9, 10])
        #expect(PeerComparison.quantile([1, 2], 0.25) == 1.25)
    }
}
