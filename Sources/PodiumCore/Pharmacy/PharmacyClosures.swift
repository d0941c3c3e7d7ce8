/// One closure from the closures log.
public struct PharmacyClosure: Sendable, Hashable {
    public enum Kind: String, Sendable, Hashable { case temporary, permanent }

    public var pharmacy: PharmacyCode
    public var date: CalendarDate
    public var kind: Kind
    /// Contracted minutes lost, for a temporary closure.
    public var minutesLost: Int?
    public var reason: String

    public init(pharmacy: PharmacyCode, date: CalendarDate, kind: Kind, minutesLost: Int?, reason: String) {
        self.pharmacy = pharmacy
        self.date = date
        self.kind = kind
        self.minutesLost = minutesLost
        self.reason = reason
    }

}

/// Closure figures for an ICB's pharmacies over the period its log covers.
public struct ClosureSummary: Sendable, Hashable {
    public struct Decile: Sendable, Hashable {
        public var decile: Int
        public var pharmacies: Int
        public var closures: Int
        /// Closures per 100 pharmacies in tenths; `nil` with fewer than ``minimumForRate`` pharmacies (3 closures of 1
        /// pharmacy would read "300 per 100").
        public var per100: Int64?
    }

    /// Pharmacies a decile needs before its rate is shown.
    public static let minimumForRate = 10

    /// Open pharmacies the rates are per.
    public var pharmacies: Int
    public var temporary: Int
    public var permanent: Int
    public var minutesLost: Int
    /// Temporary closures that lost under 4 hours (a closure of a few hours is most often a missing locum).
    public var underFourHours: Proportion
    /// Closures of either kind per 100 pharmacies, in tenths (`125` is 12.5).
    public var per100Pharmacies: Int64?
    /// By IMD decile of the pharmacy's area (1 = most deprived): pharmacies, closures, closures per 100 in tenths.
    public var byDecile: [Decile]

    /// - Parameters:
    ///   - closures: the log for the ICB's pharmacies.
    ///   - decileOf: each open pharmacy's IMD decile (pharmacies with none are counted in the total only).
    public static func of(_ closures: [PharmacyClosure], decileOf: [PharmacyCode: Int?]) -> ClosureSummary {
        let temporary = closures.filter { $0.kind == .temporary }
        let short = temporary.filter { ($0.minutesLost ?? 0) < 240 }.count
        func per100(_ count: Int, _ of: Int) -> Int64? {
            of > 0 ? (Int64(count) * 1000 + Int64(of) / 2) / Int64(of) : nil
        }
        var byDecile: [Decile] = []
        for decile in 1...10 {
            let members = Set(decileOf.filter { $0.value == decile }.keys)
            let count = closures.filter { members.contains($0.pharmacy) }.count
            byDecile.append(
                Decile(
                    decile: decile, pharmacies: members.count, closures: count,
                    per100: members.count >= minimumForRate ? per100(count, members.count) : nil))
        }
        return ClosureSummary(
            pharmacies: decileOf.count, temporary: temporary.count, permanent: closures.count - temporary.count,
            minutesLost: temporary.reduce(0) { $0 + ($1.minutesLost ?? 0) },
            underFourHours: Proportion(part: Int64(short), whole: Int64(temporary.count)),
            per100Pharmacies: per100(closures.count, decileOf.count), byDecile: byDecile)
    }

}

/// England's pharmacies indexed by place, so the nearest open one to a closure or a premises is found from a few grid
/// cells rather than by measuring to all 20,000-odd.
public struct PharmacyLocator: Sendable {
    public let sites: [PharmacySite]
    let index: GridIndex

    public init(_ sites: [PharmacySite]) {
        self.sites = sites
        index = GridIndex(sites.map(\.location), cellSize: 2_000)
    }

    /// The nearest open pharmacy to `point` other than `code`, with the distance in whole metres; equally near ones go
    /// by code.
    public func nearestOpen(to point: GridPoint, excluding code: PharmacyCode) -> (PharmacySite, Int)? {
        index.nearest(
            toX: point.easting, y: point.northing,
            where: { sites[$0].isOpen && sites[$0].code != code },
            isPreferred: { sites[$0].code < sites[$1].code }
        ).map { (sites[$0.index], Int($0.distance.rounded())) }
    }

    /// The nearest pharmacy to `point`, open or not.
    public func nearest(to point: GridPoint) -> PharmacySite? {
        index.nearest(toX: point.easting, y: point.northing, isPreferred: { sites[$0].code < sites[$1].code })
            .map { sites[$0.index] }
    }
}

/// A pharmacy's week of opening hours in force on a date, from the hours log.
public struct WeeklyHours: Sendable, Hashable {
    public var effectiveFrom: CalendarDate
    public var coreMinutes: Int
    public var supplementaryMinutes: Int

    public var totalMinutes: Int { coreMinutes + supplementaryMinutes }

    /// Minutes as hours for display: `2,490` → `41.5`.
    public static func hoursText(_ minutes: Int) -> String {
        ScaledDecimal.format(Int64(minutes) * 10 / 60, scale: 1, minimumFractionDigits: 0)
    }
}
