import Testing

@testable import PodiumCore

/// Floating catchment scores against hand-worked examples of PySAL `access`'s definitions, whose fractions are
/// PySAL `access` 1.1.10's output (the fixtures themselves are matched file by file in PodiumImportTests).
@Suite("Floating catchment access (hand-worked examples)")
struct FloatingCatchmentTests {
    /// Worked example 1: A (0,0) 1000, B (4000,0) 2000, C (15000,0) 500; X (1000,0) 10, Y (8000,0) 5.
    static let tinyAreas = [
        GridPoint(easting: 0, northing: 0), GridPoint(easting: 4000, northing: 0),
        GridPoint(easting: 15000, northing: 0),
    ]
    static let tinyPopulation: [Double] = [1000, 2000, 500]
    static let tinySites = [GridPoint(easting: 1000, northing: 0), GridPoint(easting: 8000, northing: 0)]
    static let tinyCapacity: [Double] = [10, 5]
    static var tinyPairs: CatchmentPairs { CatchmentPairs(areas: tinyAreas, sites: tinySites, radius: 10000) }

    /// Worked example 2: a zero-population area, a site nobody reaches, a zero-capacity site, bounds hit exactly.
    static let edgeAreas = [
        GridPoint(easting: 0, northing: 0), GridPoint(easting: 50000, northing: 0),
        GridPoint(easting: 100000, northing: 0),
        GridPoint(easting: 2000, northing: 0),
    ]
    static let edgePopulation: [Double] = [1000, 0, 1500, 800]
    static let edgeSites = [
        GridPoint(easting: 0, northing: 3000), GridPoint(easting: 50000, northing: 6000),
        GridPoint(easting: 200000, northing: 0),
        GridPoint(easting: 0, northing: 0), GridPoint(easting: 6000, northing: 8000),
    ]
    static let edgeCapacity: [Double] = [100, 50, 70, 0, 20]

    static func close(_ actual: Double, _ expected: Double, relative: Double = 1e-12) -> Bool {
        if expected.isNaN { return actual.isNaN }
        if expected.isInfinite { return actual == expected }
        return abs(actual - expected) <= relative * max(abs(expected), 1e-300)
    }

    static func close(_ actual: [Double], _ expected: [Double], relative: Double = 1e-12) -> Bool {
        actual.count == expected.count && zip(actual, expected).allSatisfy { close($0, $1, relative: relative) }
    }

    @Test("Tiny: the pairs within 10 km, inclusive at 3 km and at the radius; C–X (14 km) absent")
    func tinyPairs() {
        let pairs = Self.tinyPairs
        #expect(pairs.count == 5)
        #expect(pairs.areaStart == [0, 2, 4, 5])
        #expect(pairs.site.map(Int.init) == [0, 1, 0, 1, 1])
        #expect(pairs.distance == [1000, 8000, 3000, 4000, 7000])
        #expect(pairs.siteStart == [0, 2, 5])
        #expect(pairs.areaOfSitePair.map(Int.init) == [0, 1, 0, 1, 2])
        #expect(pairs.weights(.standardSteps) == [1, 0.22, 1, 0.68, 0.22])
    }

    @Test("Tiny 2SFCA: R_X = 1/300, R_Y = 1/700, A = 1/210, 1/210, 1/700")
    func tinyTwoStep() {
        let pairs = Self.tinyPairs
        let result = FloatingCatchment.twoStage(
            population: Self.tinyPopulation, capacity: Self.tinyCapacity, pairs: pairs, weights: pairs.weights(.none))
        #expect(result.demand == [3000, 3500])
        #expect(Self.close(result.ratio, [1.0 / 300, 1.0 / 700]))
        #expect(Self.close(result.access, [1.0 / 210, 1.0 / 210, 1.0 / 700]))
    }

    @Test("Tiny E2SFCA: D_Y = 1690, A = 101/25350, 271/50700, 11/16900; normalised by Ā = 3/700")
    func tinyEnhanced() {
        let pairs = Self.tinyPairs
        let result = FloatingCatchment.twoStage(
            population: Self.tinyPopulation, capacity: Self.tinyCapacity, pairs: pairs,
            weights: pairs.weights(.standardSteps))
        #expect(Self.close(result.demand, [3000, 1690]))
        #expect(Self.close(result.access, [101.0 / 25350, 271.0 / 50700, 11.0 / 16900]))
        #expect(
            Self.close(
                FloatingCatchment.populationWeightedMean(result.access, population: Self.tinyPopulation), 3.0 / 700))
        let normalised = FloatingCatchment.normalised(result.access, population: Self.tinyPopulation)
        let mean: Double = 3.0 / 700
        let expected: [Double] = [101.0 / 25350 / mean, 271.0 / 50700 / mean, 11.0 / 16900 / mean]
        #expect(Self.close(normalised, expected))
    }

    @Test("Tiny 3SFCA, gravity weighted catchment and FCA ratio")
    func tinyOtherMethods() {
        let pairs = Self.tinyPairs
        let three = FloatingCatchment.threeStage(
            population: Self.tinyPopulation, capacity: Self.tinyCapacity, pairs: pairs,
            weights: pairs.weights(.standardSteps))
        #expect(Self.close(three.access, [0.004360982, 0.004926735, 0.001571096], relative: 1e-6))
        let gravity = DistanceWeight.gravity(scale: 1000, exponent: -1, minimumDistance: 500)
        #expect(
            Self.close(
                FloatingCatchment.weightedCatchment(
                    capacity: Self.tinyCapacity, pairs: pairs, weights: pairs.weights(gravity)),
                [10.625, 10.0 / 3 + 1.25, 5.0 / 7]))
        let neighbours = CatchmentPairs(areas: Self.tinyAreas, sites: Self.tinyAreas, radius: 10000)
        #expect(
            Self.close(
                FloatingCatchment.ratio(
                    population: Self.tinyPopulation, capacity: Self.tinyCapacity, pairs: pairs, neighbours: neighbours),
                [0.005, 0.005, 0.01]))
    }

    @Test("Conservation: Σ P_i A_i equals the capacity of every site someone reaches (2SFCA and E2SFCA)")
    func conservation() {
        let geography = Self.scattered(areas: 400, sites: 60, seed: 7)
        for weight in [DistanceWeight.none, .standardSteps] {
            let pairs = CatchmentPairs(areas: geography.areas, sites: geography.sites, radius: 10000)
            let result = FloatingCatchment.twoStage(
                population: geography.population, capacity: geography.capacity, pairs: pairs,
                weights: pairs.weights(weight))
            let delivered = zip(result.access, geography.population).reduce(0.0) { $1.0.isNaN ? $0 : $0 + $1.0 * $1.1 }
            let reached = (0..<pairs.siteCount).filter { result.demand[$0] > 0 }.reduce(0.0) {
                $0 + geography.capacity[$1]
            }
            #expect(Self.close(delivered, reached, relative: 1e-9))
        }
    }

    @Test("Edge: inf for a catchment of nobody, NaN for no site in reach, bounds inclusive at 3 km and 10 km")
    func edgeCases() {
        let pairs = CatchmentPairs(areas: Self.edgeAreas, sites: Self.edgeSites, radius: 10000)
        // E1 reaches S1 (3000), S4 (0), S5 (10000 exactly); E2 reaches S2; E3 nothing; E4 reaches S1, S4, S5.
        #expect(pairs.areaStart == [0, 3, 4, 4, 7])
        #expect(pairs.siteStart[3] - pairs.siteStart[2] == 0)
        let plain = FloatingCatchment.twoStage(
            population: Self.edgePopulation, capacity: Self.edgeCapacity, pairs: pairs, weights: pairs.weights(.none))
        #expect(Self.close(plain.access, [0.0666667, .infinity, .nan, 0.0666667], relative: 1e-6))
        #expect(plain.ratio[2].isNaN)  // S3: no pair at all
        #expect(plain.ratio[3] == 0)  // S4: 0 / 1800
        let enhanced = FloatingCatchment.twoStage(
            population: Self.edgePopulation, capacity: Self.edgeCapacity, pairs: pairs,
            weights: pairs.weights(.standardSteps))
        #expect(Self.close(enhanced.demand[0], 1544))
        #expect(Self.close(enhanced.demand[4], 396))
        #expect(Self.close(enhanced.access[0], 100.0 / 1544 + 0.22 * 20 / 396))
        #expect(Self.close(enhanced.access, [0.0758780, .infinity, .nan, 0.0551526], relative: 1e-6))
        let normalised = FloatingCatchment.normalised(enhanced.access, population: Self.edgePopulation)
        #expect(Self.close(normalised, [2.08664, .infinity, .nan, 1.51670], relative: 1e-5))
        let neighbours = CatchmentPairs(areas: Self.edgeAreas, sites: Self.edgeAreas, radius: 10000)
        let fca = FloatingCatchment.ratio(
            population: Self.edgePopulation, capacity: Self.edgeCapacity, pairs: pairs, neighbours: neighbours)
        #expect(fca[2] == 0)  // no site, but people in reach: 0, not NaN
        #expect(fca[1] == .infinity)
    }

    @Test("A distance a hair beyond a bound takes the next weight; beyond the last bound, 0")
    func stepBounds() {
        let weight = DistanceWeight.standardSteps
        #expect(weight.weight(at: 0) == 1)
        #expect(weight.weight(at: 3000) == 1)
        #expect(weight.weight(at: 3000.000001) == 0.68)
        #expect(weight.weight(at: 6000) == 0.68)
        #expect(weight.weight(at: 10000) == 0.22)
        #expect(weight.weight(at: 10000.001) == 0)
        #expect(DistanceWeight.gravity(scale: 1000, exponent: -2, minimumDistance: 500).weight(at: 100) == 4)
    }

    @Test("Step weights parse sorted; malformed lists, negative weights and repeated bounds are refused")
    func parseSteps() throws {
        #expect(
            try StepWeight.parse("10000:0.22, 3000:1,6000:0.68") == [
                StepWeight(upTo: 3000, weight: 1), StepWeight(upTo: 6000, weight: 0.68),
                StepWeight(upTo: 10000, weight: 0.22),
            ])
        for bad in ["", "3000", "3000:x", "3000:1,", "3000:-1", "-5:1", "3000:1,3000:0.5", "inf:1"] {
            #expect(throws: AccessError.self, "\(bad)") { try StepWeight.parse(bad) }
        }
    }

    @Test("The grid index finds exactly the pairs an all-pairs scan finds, with the same distances")
    func gridMatchesBruteForce() {
        let geography = Self.scattered(areas: 700, sites: 120, seed: 42)
        for radius in [2500.0, 10000, 40000] {
            let pairs = CatchmentPairs(areas: geography.areas, sites: geography.sites, radius: radius)
            var expected: [[(Int, Double)]] = []
            for area in geography.areas {
                expected.append(
                    geography.sites.enumerated().compactMap { j, site in
                        let dx = site.easting - area.easting
                        let dy = site.northing - area.northing
                        let d = (dx * dx + dy * dy).squareRoot()
                        return d <= radius ? (j, d) : nil
                    })
            }
            #expect(pairs.count == expected.reduce(0) { $0 + $1.count })
            for area in geography.areas.indices {
                let found = (pairs.areaStart[area]..<pairs.areaStart[area + 1]).map {
                    (Int(pairs.site[$0]), pairs.distance[$0])
                }
                .sorted { $0.0 < $1.0 }
                #expect(found.map(\.0) == expected[area].map(\.0))
                #expect(found.map(\.1) == expected[area].map(\.1))
            }
        }
    }

    @Test("Pairs from a cost table (the travel-time seam) drop costs beyond the radius and score the same")
    func pairsFromCosts() {
        let costs: [[(site: Int, cost: Double)]] = [
            [(0, 1000), (1, 8000)], [(0, 3000), (1, 4000)], [(1, 7000), (0, 14000)],
        ]
        let pairs = CatchmentPairs(areaCount: 3, siteCount: 2, radius: 10000, pairs: costs)
        #expect(pairs.count == 5)
        let fromCosts = FloatingCatchment.twoStage(
            population: Self.tinyPopulation, capacity: Self.tinyCapacity, pairs: pairs,
            weights: pairs.weights(.standardSteps))
        let fromGrid = FloatingCatchment.twoStage(
            population: Self.tinyPopulation, capacity: Self.tinyCapacity, pairs: Self.tinyPairs,
            weights: Self.tinyPairs.weights(.standardSteps))
        #expect(fromCosts == fromGrid)
    }

    /// A deterministic scatter of towns on a 60 km square (areas clustered, sites spread) for property checks.
    static func scattered(areas: Int, sites: Int, seed: UInt64) -> (
        areas: [GridPoint], population: [Double], sites: [GridPoint], capacity: [Double]
    ) {
        var state = seed
        func next() -> Double {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Double(state >> 11) / Double(UInt64(1) << 53)
        }
        let towns = (0..<6).map { _ in
            GridPoint(easting: (next() * 60000).rounded(), northing: (next() * 60000).rounded())
        }
        let areaPoints = (0..<areas).map { index -> GridPoint in
            let town = towns[index % towns.count]
            return GridPoint(
                easting: (town.easting + (next() - 0.5) * 16000).rounded(),
                northing: (town.northing + (next() - 0.5) * 16000).rounded())
        }
        let sitePoints = (0..<sites).map { _ in
            GridPoint(easting: (next() * 70000).rounded(), northing: (next() * 70000).rounded())
        }
        return (
            areaPoints, areaPoints.map { _ in (next() * 2000).rounded() }, sitePoints,
            sitePoints.map { _ in (next() * 8000).rounded() }
        )
    }
}

@Suite("What-if scenarios re-score only the affected catchments, exactly")
struct AccessScenarioTests {
    static let geography = FloatingCatchmentTests.scattered(areas: 500, sites: 80, seed: 11)

    static func scenario(_ weight: DistanceWeight = .standardSteps) -> AccessScenario {
        let pairs = CatchmentPairs(areas: geography.areas, sites: geography.sites, radius: 10000)
        return AccessScenario(
            areas: geography.areas, population: geography.population, capacity: geography.capacity, pairs: pairs,
            weight: weight)
    }

    /// The same question answered by a full national recomputation with the changed inputs.
    static func recompute(sites: [GridPoint], capacity: [Double], weight: DistanceWeight) -> [Double] {
        let pairs = CatchmentPairs(areas: geography.areas, sites: sites, radius: 10000)
        return FloatingCatchment.twoStage(
            population: geography.population, capacity: capacity, pairs: pairs, weights: pairs.weights(weight)
        ).access
    }

    static func same(_ a: [Double], _ b: [Double]) -> Bool {
        FloatingCatchmentTests.close(a, b, relative: 1e-12)
    }

    @Test("Closing a site equals recomputing without it", arguments: [DistanceWeight.none, .standardSteps])
    func close(weight: DistanceWeight) throws {
        let scenario = Self.scenario(weight)
        for site in [0, 17, 42, 79] {
            let outcome = try scenario.apply([.close(site: site)])
            var sites = Self.geography.sites
            var capacity = Self.geography.capacity
            sites.remove(at: site)
            capacity.remove(at: site)
            #expect(Self.same(outcome.access, Self.recompute(sites: sites, capacity: capacity, weight: weight)))
            let reach = Set(
                (scenario.pairs.siteStart[site]..<scenario.pairs.siteStart[site + 1]).map {
                    Int(scenario.pairs.areaOfSitePair[$0])
                })
            #expect(Set(outcome.recomputed) == reach)
            #expect(outcome.recomputed.count < Self.geography.areas.count)
        }
    }

    @Test("Changing capacity and moving capacity equal recomputing with the new capacities")
    func capacityChanges() throws {
        let scenario = Self.scenario()
        var capacity = Self.geography.capacity
        capacity[5] = 12345
        #expect(
            Self.same(
                try scenario.apply([.setCapacity(site: 5, capacity: 12345)]).access,
                Self.recompute(sites: Self.geography.sites, capacity: capacity, weight: .standardSteps)))
        capacity = Self.geography.capacity
        let amount = (capacity[3] / 2).rounded()
        capacity[3] -= amount
        capacity[60] += amount
        #expect(
            Self.same(
                try scenario.apply([.move(amount: amount, from: 3, to: 60)]).access,
                Self.recompute(sites: Self.geography.sites, capacity: capacity, weight: .standardSteps)))
    }

    @Test("Opening a site equals recomputing with it added; several changes apply together")
    func openAndCombine() throws {
        let scenario = Self.scenario()
        let location = GridPoint(easting: 30000, northing: 30000)
        let outcome = try scenario.apply([
            .open(location: location, capacity: 5000), .close(site: 9), .setCapacity(site: 20, capacity: 0),
        ])
        var sites = Self.geography.sites
        var capacity = Self.geography.capacity
        capacity[20] = 0
        sites.remove(at: 9)
        capacity.remove(at: 9)
        sites.append(location)
        capacity.append(5000)
        #expect(Self.same(outcome.access, Self.recompute(sites: sites, capacity: capacity, weight: .standardSteps)))
        #expect(outcome.opened.count == 1)
        #expect(outcome.opened[0].areas > 0)
    }

    @Test("Closing the only site in reach leaves its areas with no access (NaN), as if it never existed")
    func closeOnlySite() throws {
        let scenario = AccessScenario(
            areas: FloatingCatchmentTests.tinyAreas, population: FloatingCatchmentTests.tinyPopulation,
            capacity: FloatingCatchmentTests.tinyCapacity, pairs: FloatingCatchmentTests.tinyPairs, weight: .none)
        let outcome = try scenario.apply([.close(site: 1)])
        #expect(FloatingCatchmentTests.close(outcome.access[0], 10.0 / 3000))
        #expect(outcome.access[2].isNaN)
        #expect(outcome.recomputed == [0, 1, 2])
    }

    @Test("Changes that cannot apply are refused in words")
    func refused() {
        let scenario = Self.scenario()
        #expect(throws: AccessError.badChange("there is no site number 80")) { try scenario.apply([.close(site: 80)]) }
        #expect(throws: AccessError.self) { try scenario.apply([.close(site: 1), .setCapacity(site: 1, capacity: 3)]) }
        #expect(throws: AccessError.self) { try scenario.apply([.setCapacity(site: 1, capacity: -3)]) }
        #expect(throws: AccessError.self) { try scenario.apply([.move(amount: 1e12, from: 1, to: 2)]) }
        #expect(throws: AccessError.self) { try scenario.apply([.move(amount: 1, from: 2, to: 2)]) }
        #expect(throws: AccessError.self) {
            try scenario.apply([.open(location: GridPoint(easting: .nan, northing: 0), capacity: 1)])
        }
    }
}

@Suite("Access by deprivation and the unmet-need gap list")
struct AccessInequalityTests {
    @Test("Deciles are population-weighted, no site in reach counts as 0 and as people without access")
    func deciles() {
        let summary = AccessInequality(
            access: [2, 4, .nan, 1, .infinity], population: [100, 300, 100, 200, 0], decile: [1, 1, 1, 10, 5])
        #expect(summary.deciles.map(\.decile) == [1, 5, 10])
        let most = summary.deciles[0]
        #expect(most.areas == 3)
        #expect(most.population == 500)
        let expectedMean: Double = 1400.0 / 500
        #expect(most.meanAccess == expectedMean)
        #expect(most.populationWithoutAccess == 100)
        #expect(summary.deciles[1].meanAccess == 0)  // only an area of nobody with infinite access
        #expect(summary.ratioMostToLeastDeprived == 2.8)
        #expect(summary.shareWithoutAccess == 100.0 / 700)
        #expect(FloatingCatchmentTests.close(summary.meanAccess, (1400 + 200) / 700.0))
        #expect(AccessInequality(access: [1], population: [10], decile: [1]).ratioMostToLeastDeprived == nil)
        #expect(summary.whyNoRatio == nil)
    }

    @Test(
        "Without a ratio, the card says which decile is missing",
        arguments: [
            ([1, 5], "no LSOA here is in IMD decile 10 (the least deprived)"),
            ([5, 10], "no LSOA here is in IMD decile 1 (the most deprived)"),
            ([4, 5], "no LSOA here is in IMD decile 1 or in decile 10"),
        ])
    func whyNoRatio(deciles: [Int], words: String) {
        #expect(AccessInequality(access: [1, 1], population: [10, 10], decile: deciles).whyNoRatio == words)
        let nobodyServed = AccessInequality(access: [1, .nan], population: [10, 10], decile: [1, 10])
        #expect(nobodyServed.whyNoRatio == "no access at all in IMD decile 10, so nothing to divide by")
    }

    @Test("Gap list: high need with low access and low activity, largest shortfall first")
    func gaps() {
        // 20 areas; area 0 deprived with no site in reach; area 1 deprived, low access but high activity (not a gap);
        // area 2 many children, low access and activity; the rest ordinary, area 19 well served.
        let ordinary = 16
        let access: [Double] = [.nan, 0.1, 0.2] + Array(repeating: 1, count: ordinary) + [2]
        let activity: [Double] = [0, 5, 0.1] + Array(repeating: 1, count: ordinary) + [2]
        let population: [Double] = [1000, 1000, 2000] + Array(repeating: 1000, count: ordinary + 1)
        let children: [Double] = [100, 100, 900] + Array(repeating: 100, count: ordinary + 1)
        let decile = [1, 2, 8] + Array(repeating: 5, count: ordinary) + [10]
        let entries = AccessGaps.rank(
            access: access, activity: activity, population: population, children: children, decile: decile,
            englandMean: 1)
        #expect(entries.map(\.area) == [2, 0])
        #expect(entries[0].need == .children)
        #expect(entries[0].shortfall == (1 - 0.2) * 2000)
        #expect(entries[1].need == .deprivation)
        #expect(entries[1].shortfall == 1000)
        #expect(entries[1].accessPercentile == 0)
        let stricter = AccessGaps.Criteria(
            maximumIMDDecile: 1, childrenSharePercentile: 100, accessPercentile: 5, activityPercentile: 5)
        #expect(
            AccessGaps.rank(
                access: access, activity: activity, population: population, children: children, decile: decile,
                englandMean: 1,
                criteria: stricter
            ).map(\.area) == [0])
    }
}
