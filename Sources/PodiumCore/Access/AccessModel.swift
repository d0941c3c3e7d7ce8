/// A demand area: a 2021 LSOA with its people, where they live and how deprived it is.
public struct AccessArea: Sendable, Hashable, Codable {
    public var code: LSOACode
    public var name: String
    /// The ICB the LSOA belongs to (April 2024 boundaries).
    public var icb: ICBCode?
    /// Residents, ONS mid-2024 estimate.
    public var population: Int
    /// Residents aged 0–17, ONS mid-2024 estimate (NHS dental "children" are under 18).
    public var children: Int
    /// Population-weighted centroid, British National Grid metres.
    public var location: GridPoint
    /// National IMD 2025 decile, 1 = the most deprived tenth of England.
    public var imdDecile: Int

    public init(
        code: LSOACode, name: String, icb: ICBCode?, population: Int, children: Int, location: GridPoint, imdDecile: Int
    ) {
        self.code = code
        self.name = name
        self.icb = icb
        self.population = population
        self.children = children
        self.location = location
        self.imdDecile = imdDecile
    }

    public var adults: Int { population - children }
}

/// A supply site: a dental contract at its practice, or a pharmacy.
public struct AccessSite: Sendable, Hashable, Codable {
    /// The contract number or the pharmacy's ODS code.
    public var id: String
    public var name: String
    /// The commissioning ICB.
    public var icb: ICBCode?
    public var postcode: String
    public var location: GridPoint
    /// What the site offers a year: contracted UDAs, or 1 for a pharmacy.
    public var capacity: Double
    /// What it delivered: UDAs delivered in the year to date (for a pharmacy, its capacity).
    public var activity: Double

    public init(
        id: String, name: String, icb: ICBCode?, postcode: String, location: GridPoint, capacity: Double,
        activity: Double
    ) {
        self.id = id
        self.name = name
        self.icb = icb
        self.postcode = postcode
        self.location = location
        self.capacity = capacity
        self.activity = activity
    }
}

/// Whose access is measured: everyone, or children and adults as separate demand (their sites are the same).
public enum AccessDemand: String, Sendable, Hashable, Codable, CaseIterable {
    case everyone, children, adults

    public var label: String {
        switch self {
        case .everyone: "Everyone"
        case .children: "Children (0–17)"
        case .adults: "Adults (18 and over)"
        }
    }

    public func people(_ area: AccessArea) -> Int {
        switch self {
        case .everyone: area.population
        case .children: area.children
        case .adults: area.adults
        }
    }
}

/// England's access to one kind of site: E2SFCA scores for every LSOA (capacity within reach per resident,
/// distance-decayed, shared among everyone who can reach it), the same on delivered activity, the England mean,
/// and the unmet-need gap list — built once, then read by ICB and re-scored locally for what-ifs.
public struct AccessModel: Sendable {
    public let areas: [AccessArea]
    public let sites: [AccessSite]
    public let demand: AccessDemand
    /// Demand per area (`demand.people`), as the scores use it.
    public let population: [Double]
    /// E2SFCA on capacity, with what-ifs.
    public let scenario: AccessScenario
    /// E2SFCA on delivered activity: low where little is delivered near the area.
    public let activity: [Double]
    /// `Ā`: capacity in reach per head of England's demand.
    public let englandMean: Double
    /// The national gap list (percentiles are national), largest shortfall first.
    public let gaps: [AccessGaps.Entry]
    public let criteria: AccessGaps.Criteria
    private let siteNumber: [String: Int]

    public var access: [Double] { scenario.base.access }
    public var radius: Double { scenario.pairs.radius }

    public init(
        areas: [AccessArea], sites: [AccessSite], demand: AccessDemand = .everyone, radius: Double = 10_000,
        weight: DistanceWeight = .standardSteps, criteria: AccessGaps.Criteria = .standard
    ) {
        self.areas = areas
        self.sites = sites
        self.demand = demand
        self.criteria = criteria
        population = areas.map { Double(demand.people($0)) }
        let locations = areas.map(\.location)
        let pairs = CatchmentPairs(areas: locations, sites: sites.map(\.location), radius: radius)
        scenario = AccessScenario(
            areas: locations, population: population, capacity: sites.map(\.capacity), pairs: pairs, weight: weight)
        activity =
            FloatingCatchment.twoStage(
                population: population, capacity: sites.map(\.activity), pairs: pairs, weights: scenario.weights
            ).access
        englandMean = FloatingCatchment.populationWeightedMean(scenario.base.access, population: population)
        gaps = AccessGaps.rank(
            access: scenario.base.access, activity: activity, population: population,
            children: areas.map { Double($0.children) },
            decile: areas.map(\.imdDecile), englandMean: englandMean, criteria: criteria)
        siteNumber = Dictionary(sites.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The position of the site with `id`, if it is in the model.
    public func site(_ id: String) -> Int? { siteNumber[id] }

    /// Positions of the ICB's areas, in input order.
    public func areas(in icb: ICBCode) -> [Int] { areas.indices.filter { areas[$0].icb == icb } }

    /// Positions of the sites the ICB commissions.
    public func sites(of icb: ICBCode) -> [Int] { sites.indices.filter { sites[$0].icb == icb } }

    /// The inequality summary over `indices` (all of England if `nil`) for `access` (the base scores by default).
    public func inequality(of indices: [Int]? = nil, access: [Double]? = nil) -> AccessInequality {
        let scores = access ?? self.access
        let chosen = indices ?? Array(areas.indices)
        return AccessInequality(
            access: chosen.map { scores[$0] }, population: chosen.map { population[$0] },
            decile: chosen.map { areas[$0].imdDecile })
    }

    /// Rank of each of `indices` by access, 1 = the least access (no site in reach ranks first).
    public func ranks(of indices: [Int]) -> [Int: Int] {
        let order = indices.sorted { lhs, rhs in
            let a = access[lhs].isNaN ? -1 : access[lhs]
            let b = access[rhs].isNaN ? -1 : access[rhs]
            return (a, areas[lhs].code.rawValue) < (b, areas[rhs].code.rawValue)
        }
        return Dictionary(uniqueKeysWithValues: order.enumerated().map { ($1, $0 + 1) })
    }

    /// A what-if: re-scores the areas the changes reach and says who loses or gains.
    public func whatIf(_ changes: [AccessScenario.Change], icb: ICBCode? = nil) throws(AccessError) -> AccessWhatIf {
        let outcome = try scenario.apply(changes)
        let changed = outcome.recomputed.filter { area in
            let before = access[area]
            let after = outcome.access[area]
            return !(before == after || (before.isNaN && after.isNaN))
        }
        let losing = changed.filter { !access[$0].isNaN && outcome.access[$0].isNaN }
        let gaining = changed.filter { access[$0].isNaN && !outcome.access[$0].isNaN }
        let scope = icb.map { areas(in: $0) }
        return AccessWhatIf(
            before: access, after: outcome.access, changedAreas: changed,
            populationLosingAllAccess: losing.reduce(0) { $0 + population[$1] },
            populationGainingAccess: gaining.reduce(0) { $0 + population[$1] },
            inequalityBefore: inequality(of: scope), inequalityAfter: inequality(of: scope, access: outcome.access),
            englandMeanAfter: FloatingCatchment.populationWeightedMean(outcome.access, population: population),
            opened: outcome.opened)
    }
}

/// What a what-if does.
public struct AccessWhatIf: Sendable {
    public var before: [Double]
    public var after: [Double]
    /// Areas whose score changed, ascending.
    public var changedAreas: [Int]
    /// People in areas that had a site in reach and have none after the change.
    public var populationLosingAllAccess: Double
    public var populationGainingAccess: Double
    /// By national IMD decile, over the chosen ICB's areas (all of England if none was chosen).
    public var inequalityBefore: AccessInequality
    public var inequalityAfter: AccessInequality
    public var englandMeanAfter: Double
    public var opened: [(demand: Double, ratio: Double, areas: Int)]
}
