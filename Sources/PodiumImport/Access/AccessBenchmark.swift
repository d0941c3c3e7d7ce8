import PodiumCore

/// `podium bench access`: times the pair search, 2SFCA + E2SFCA scoring and one-site what-ifs on a synthetic
/// England-sized case. The PySAL peer is run on the same files by the command line.
public enum AccessBenchmark {
    public struct Report: Sendable {
        public var areas: Int
        public var sites: Int
        public var pairs: Int
        /// Milliseconds per run.
        public var pairRuns: [Double]
        public var scoreRuns: [Double]
        /// One site closed, and one opened, each re-scored: milliseconds per what-if.
        public var closeRuns: [Double]
        public var openRuns: [Double]
        /// The scores of the last run, for comparison with the peer.
        public var twoStage: [Double]
        public var enhanced: [Double]
        public var areasWithoutSite: Int

        public var pairsMedian: Double { Self.median(pairRuns) }
        public var scoreMedian: Double { Self.median(scoreRuns) }
        public var closeMedian: Double { Self.median(closeRuns) }
        public var openMedian: Double { Self.median(openRuns) }

        static func median(_ runs: [Double]) -> Double { runs.isEmpty ? 0 : runs.sorted()[runs.count / 2] }
    }

    public static func run(
        _ geography: SyntheticGeography, radius: Double = 10_000, steps: DistanceWeight = .standardSteps, repeats: Int,
        whatIfs: Int
    ) -> Report {
        let clock = ContinuousClock()
        let areas = geography.demand.locations
        let sites = geography.supply.locations
        let population = geography.demand.amounts
        let capacity = geography.supply.amounts
        var pairs = CatchmentPairs(areas: [], sites: [], radius: radius)
        var pairRuns: [Double] = []
        var scoreRuns: [Double] = []
        var twoStage: [Double] = []
        var enhanced: [Double] = []
        for _ in 0..<max(1, repeats) {
            pairRuns.append(
                milliseconds(clock.measure { pairs = CatchmentPairs(areas: areas, sites: sites, radius: radius) }))
            scoreRuns.append(
                milliseconds(
                    clock.measure {
                        twoStage =
                            FloatingCatchment.twoStage(
                                population: population, capacity: capacity, pairs: pairs, weights: pairs.weights(.none)
                            ).access
                        enhanced =
                            FloatingCatchment.twoStage(
                                population: population, capacity: capacity, pairs: pairs, weights: pairs.weights(steps)
                            ).access
                    }))
        }
        // What-ifs on E2SFCA: close each of a spread of sites in turn, and open one at each of a spread of areas.
        let scenario = AccessScenario(
            areas: areas, population: population, capacity: capacity, pairs: pairs, weight: steps)
        let count = max(1, min(whatIfs, sites.count, areas.count))
        var closeRuns: [Double] = []
        var openRuns: [Double] = []
        for step in 0..<count {
            let site = step * sites.count / count
            let area = step * areas.count / count
            closeRuns.append(milliseconds(clock.measure { _ = try? scenario.apply([.close(site: site)]) }))
            openRuns.append(
                milliseconds(clock.measure { _ = try? scenario.apply([.open(location: areas[area], capacity: 7000)]) }))
        }
        return Report(
            areas: areas.count, sites: sites.count, pairs: pairs.count, pairRuns: pairRuns, scoreRuns: scoreRuns,
            closeRuns: closeRuns,
            openRuns: openRuns, twoStage: twoStage, enhanced: enhanced, areasWithoutSite: enhanced.filter(\.isNaN).count
        )
    }

    static func milliseconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
    }

    /// The shared fixtures' match rule: both NaN, the same infinity, or `|a − b| ≤ 1e-12 + 1e-9 · max(|a|, |b|)`.
    public static func matches(_ a: Double, _ b: Double, relative: Double = 1e-9, absolute: Double = 1e-12) -> Bool {
        if a.isNaN || b.isNaN { return a.isNaN && b.isNaN }
        if a.isInfinite || b.isInfinite { return a == b }
        return abs(a - b) <= absolute + relative * max(abs(a), abs(b))
    }
}
