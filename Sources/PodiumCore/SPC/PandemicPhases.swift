/// The pandemic in NHSBSA's monthly dental activity, made explicit for SPC: limits from a baseline before it, the
/// disrupted months shown but not judged, and limits rebased after recovery — each phase's limits taken from its first
/// two years and then held (locked), so later months are judged against them rather than moving them.
public enum PandemicPhases {
    /// Practices stopped routine care from 25 March 2020 (NHS England, "Issue 3: Preparedness letter for primary dental
    /// care", 25 March 2020): March 2020 is the first disrupted month.
    public static let disruptedFrom = YearMonth(year: 2020, month: 3)!
    /// The pandemic activity thresholds ended on 31 March 2022; from April 2022 contracts were held to their full
    /// contracted activity again (NHS England, dental contract arrangements for 2022/23).
    public static let recoveredFrom = YearMonth(year: 2022, month: 4)!
    /// Months each phase's limits come from before they are held: two years, so a seasonal year is seen twice.
    public static let baselineMonths = 24

    /// One phase of a series, in words for the chart.
    public struct Phase: Sendable, Hashable {
        public var first: YearMonth
        public var last: YearMonth
        public var isSuspended: Bool
        /// "April 2016 – February 2020: limits from April 2016 – March 2018 (24 months), held".
        public var description: String
    }

    /// The SPC options of a monthly series (oldest first) with its phases, and the phases in words; a series that does
    /// not reach the pandemic gets the standard options and one phase.
    public static func options(for months: [YearMonth]) -> (options: SPCOptions, phases: [Phase]) {
        guard let first = months.first else { return (.makingDataCount, []) }
        var starts: [(index: Int, suspended: Bool)] = [(0, first >= disruptedFrom && first < recoveredFrom)]
        if first < disruptedFrom, let index = months.firstIndex(where: { $0 >= disruptedFrom }) {
            starts.append((index, months[index] < recoveredFrom))
        }
        if first < recoveredFrom, let index = months.firstIndex(where: { $0 >= recoveredFrom }),
            !starts.contains(where: { $0.index == index })
        {
            starts.append((index, false))
        }
        let phases = starts.enumerated().map { number, start -> Phase in
            let end = number + 1 < starts.count ? starts[number + 1].index - 1 : months.count - 1
            let span = "\(months[start.index].label) – \(months[end].label)"
            guard !start.suspended else {
                return Phase(
                    first: months[start.index], last: months[end], isSuspended: true,
                    description: "\(span): the pandemic, shown without limits and not judged")
            }
            let baselineEnd = min(end, start.index + baselineMonths - 1)
            let count = baselineEnd - start.index + 1
            let held = end > baselineEnd ? ", then held" : ""
            return Phase(
                first: months[start.index], last: months[end], isSuspended: false,
                description:
                    "\(span): limits from \(months[start.index].label) – \(months[baselineEnd].label) (\(count) months)\(held)"
            )
        }
        let options = SPCOptions(
            rebaseAt: starts.map(\.index).filter { $0 > 0 }, fixBaselineAfter: baselineMonths,
            suspendedAt: starts.filter(\.suspended).map(\.index))
        return (options, phases)
    }
}
