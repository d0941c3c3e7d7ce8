/// A what-if on 2SFCA / E2SFCA scores: close a site, open one, change a site's capacity, or move capacity between
/// sites — and re-score only the areas in the changed sites' catchments.
///
/// Why that is exact, not an approximation: a site's weighted demand `D_j` depends only on the people in its own
/// catchment, which no supply change alters; so only the changed sites' ratios `R_j` move, and only areas that
/// reach a changed site see their sum change. The result equals a national recomputation with the changed inputs
/// (tested against one).
public struct AccessScenario: Sendable {
    public enum Change: Sendable, Hashable {
        /// The site closes: its pairs disappear (an area left with no site in reach scores NaN, as if the site had
        /// never been in the inputs).
        case close(site: Int)
        /// The site's capacity becomes `capacity` (0 keeps the site but shares nothing).
        case setCapacity(site: Int, capacity: Double)
        /// A new site opens at `location` with `capacity`.
        case open(location: GridPoint, capacity: Double)
        /// `amount` of capacity moves from one site to another (UDAs moved between contracts).
        case move(amount: Double, from: Int, to: Int)
    }

    /// What the changes do.
    public struct Outcome: Sendable {
        /// Every area's score after the changes (unchanged areas keep the base score bit for bit).
        public var access: [Double]
        /// Areas whose score was recomputed (they reach a changed site), ascending.
        public var recomputed: [Int]
        /// Each opened site's weighted demand and ratio, in the order of the changes.
        public var opened: [(demand: Double, ratio: Double, areas: Int)]
    }

    public let population: [Double]
    public let capacity: [Double]
    public let pairs: CatchmentPairs
    public let weight: DistanceWeight
    public let weights: [Double]
    /// The scores before any change.
    public let base: FloatingCatchment.TwoStage
    /// The demand areas, to find the catchment of a site that opens.
    let areaIndex: GridIndex

    public init(
        areas: [GridPoint], population: [Double], capacity: [Double], pairs: CatchmentPairs, weight: DistanceWeight
    ) {
        precondition(areas.count == population.count)
        self.population = population
        self.capacity = capacity
        self.pairs = pairs
        self.weight = weight
        weights = pairs.weights(weight)
        base = FloatingCatchment.twoStage(population: population, capacity: capacity, pairs: pairs, weights: weights)
        areaIndex = GridIndex(areas, cellSize: pairs.radius)
    }

    /// Applies `changes` together (in order, for capacity) and re-scores the areas they reach.
    /// - Throws: ``AccessError/badChange(_:)`` for an unknown site, a negative or non-finite capacity, or a move of
    ///   more than the site has.
    public func apply(_ changes: [Change]) throws(AccessError) -> Outcome {
        var capacity = self.capacity
        var closed = Set<Int>()
        var changed = Set<Int>()
        var newSites: [(location: GridPoint, capacity: Double)] = []
        func check(_ site: Int) throws(AccessError) {
            guard capacity.indices.contains(site) else { throw .badChange("there is no site number \(site)") }
            guard !closed.contains(site) else { throw .badChange("site \(site) is closed by an earlier change") }
        }
        func check(amount: Double) throws(AccessError) {
            guard amount.isFinite, amount >= 0 else {
                throw .badChange("a capacity must be a number of at least 0, not \(amount)")
            }
        }
        for change in changes {
            switch change {
            case .close(let site):
                try check(site)
                closed.insert(site)
                changed.insert(site)
            case .setCapacity(let site, let value):
                try check(site)
                try check(amount: value)
                capacity[site] = value
                changed.insert(site)
            case .open(let location, let value):
                try check(amount: value)
                guard location.easting.isFinite, location.northing.isFinite else {
                    throw .badChange("the new site needs a location")
                }
                newSites.append((location, value))
            case .move(let amount, let from, let to):
                try check(from)
                try check(to)
                try check(amount: amount)
                guard from != to else { throw .badChange("capacity must move between two different sites") }
                guard amount <= capacity[from] else {
                    throw .badChange("site \(from) has \(capacity[from]) to move, not \(amount)")
                }
                capacity[from] -= amount
                capacity[to] += amount
                changed.formUnion([from, to])
            }
        }
        // New ratios of the changed sites; D_j is unchanged.
        var ratio = base.ratio
        for site in changed where !closed.contains(site) && pairs.siteStart[site + 1] > pairs.siteStart[site] {
            ratio[site] = capacity[site] / base.demand[site]
        }
        // Each opened site's catchment, weighted demand and ratio.
        var extra: [Int: [(ratio: Int, weight: Double)]] = [:]
        var opened: [(demand: Double, ratio: Double, areas: Int)] = []
        var openedRatios: [Double] = []
        for (number, site) in newSites.enumerated() {
            var reach: [(area: Int, weight: Double)] = []
            areaIndex.forEach(within: pairs.radius, ofX: site.location.easting, y: site.location.northing) {
                area, distance in
                reach.append((area, weight.weight(at: distance)))
            }
            let demand = reach.reduce(0.0) { sum, pair in
                let term = population[pair.area] * pair.weight
                return term.isNaN ? sum : sum + term
            }
            openedRatios.append(site.capacity / demand)
            opened.append((demand, site.capacity / demand, reach.count))
            for pair in reach { extra[pair.area, default: []].append((number, pair.weight)) }
        }
        // Areas that reach a changed or opened site.
        var affected = Set(extra.keys)
        for site in changed {
            for slot in pairs.siteStart[site]..<pairs.siteStart[site + 1] {
                affected.insert(Int(pairs.areaOfSitePair[slot]))
            }
        }
        var access = base.access
        let isOpen: ((Int) -> Bool)? = closed.isEmpty ? nil : { !closed.contains($0) }
        for area in affected {
            let existing = FloatingCatchment.accessOfArea(
                area, ratio: ratio, pairs: pairs, weights: weights, isOpen: isOpen)
            guard let added = extra[area] else {
                access[area] = existing
                continue
            }
            var sum = existing.isNaN ? 0 : existing
            for pair in added {
                let term = openedRatios[pair.ratio] * pair.weight
                if !term.isNaN { sum += term }
            }
            access[area] = sum
        }
        return Outcome(access: access, recomputed: affected.sorted(), opened: opened)
    }
}
