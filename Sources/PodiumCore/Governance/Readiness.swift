/// Red, amber or green: the rating of an assurance criterion (pre-delegation assessment).
public enum RAG: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case red, amber, green

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    /// Worse first: red < amber < green.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// One criterion of an assurance framework (domain → principle → criterion), with its current rating.
public struct AssuranceCriterion: Sendable, Hashable, Codable {
    public var domain: String
    public var principle: String
    public var criterion: String
    /// `nil` until someone rates it.
    public var rating: RAG?
    public var due: CalendarDate?

    public init(domain: String, principle: String, criterion: String, rating: RAG? = nil, due: CalendarDate? = nil) {
        self.domain = domain
        self.principle = principle
        self.criterion = criterion
        self.rating = rating
        self.due = due
    }

    /// Not yet green and past its due date.
    public func isOverdue(on today: CalendarDate) -> Bool { rating != .green && (due.map { $0 < today } ?? false) }
}

/// How ratings roll up from criteria to principles, domains and overall readiness.
///
/// The rule is the cautious one assurance reports use: a group is red if any criterion is red, green only when every
/// criterion is green, and amber otherwise — an unrated criterion counts as not yet evidenced, so it holds a group at
/// amber. Readiness is the share of criteria rated green. The framework itself (PDAF domains, BNSSG principles) is
/// configurable data: NHS England's national domain list was not found in a published source [unconfirmed].
public struct ReadinessRollUp: Sendable, Hashable {
    public struct Group: Sendable, Hashable {
        public var name: String
        public var status: RAG
        public var counts: [RAG: Int]
        public var unrated: Int
        public var total: Int { counts.values.reduce(0, +) + unrated }
        public var readiness: Proportion { Proportion(part: Int64(counts[.green] ?? 0), whole: Int64(total)) }
    }

    public var overall: Group
    /// In the order the domains first appear.
    public var domains: [Group]
    /// Per domain, its principles in order.
    public var principles: [String: [Group]]

    /// `nil` when there are no criteria: an empty framework is not "green".
    public static func of(_ criteria: [AssuranceCriterion]) -> ReadinessRollUp? {
        guard !criteria.isEmpty else { return nil }
        let domainNames = ordered(criteria.map(\.domain))
        return ReadinessRollUp(
            overall: group("Overall", criteria),
            domains: domainNames.map { name in group(name, criteria.filter { $0.domain == name }) },
            principles: Dictionary(
                uniqueKeysWithValues: domainNames.map { domain in
                    let inDomain = criteria.filter { $0.domain == domain }
                    return (
                        domain,
                        ordered(inDomain.map(\.principle)).map { name in
                            group(name, inDomain.filter { $0.principle == name })
                        }
                    )
                }))
    }

    static func group(_ name: String, _ criteria: [AssuranceCriterion]) -> Group {
        let ratings = criteria.compactMap(\.rating)
        let unrated = criteria.count - ratings.count
        let status: RAG = ratings.contains(.red) ? .red : (unrated > 0 || ratings.contains(.amber)) ? .amber : .green
        return Group(
            name: name, status: status, counts: Dictionary(grouping: ratings, by: { $0 }).mapValues(\.count),
            unrated: unrated)
    }

    private static func ordered(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}
