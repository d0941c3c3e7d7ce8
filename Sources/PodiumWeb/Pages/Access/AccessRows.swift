import PodiumCore
import PodiumData

/// One LSOA as the access tables show it.
struct AccessAreaRow: Sendable {
    var area: AccessArea
    var people: Double
    /// Scores in the service's unit (per 1,000 or 10,000 residents); NaN = no site in reach.
    var access: Double
    var activity: Double
    /// Access over England's mean (1 = average).
    var ofEngland: Double
    var rank: Int?
    /// After a what-if.
    var after: Double?

    /// After − before, an area with no site in reach counting as zero.
    var change: Double {
        let before = access.isNaN ? 0 : access
        let after = self.after.map { $0.isNaN ? 0 : $0 } ?? 0
        return after - before
    }
}

/// One gap-list entry.
struct AccessGapRow: Sendable {
    var position: Int
    var entry: AccessGaps.Entry
    var row: AccessAreaRow
}

/// One IMD decile, in the ICB and in England.
struct AccessDecileRow: Sendable {
    var decile: Int
    var icb: AccessInequality.Decile?
    var england: AccessInequality.Decile?
    /// After a what-if, in the ICB.
    var after: AccessInequality.Decile?
    var per: Double
}

/// One ICB on the England access page.
struct AccessICBRow: Sendable {
    var icb: ICB
    var summary: AccessInequality
    var gaps: Int
    var gapPopulation: Double
    var per: Double
}
