/// Floating catchment access scores exactly as PySAL `access` 1.1.10 computes them
/// (PySAL `access` 1.1: Luo & Qi 2009, Wang 2012): the same formulas, the same NaN and infinity rules, so Podium's scores match
/// the peer to 1e-9 relative on the shared fixtures.
///
/// Areas and sites are numbered by position: `population[i]` is area `i`'s demand, `capacity[j]` site `j`'s supply
/// (contracted UDAs, or 1 per site to count sites). Scores are capacity per unit of demand — UDAs per resident —
/// with no ×1,000 scaling.
public enum FloatingCatchment {
    /// The two steps of 2SFCA / E2SFCA.
    public struct TwoStage: Sendable, Equatable {
        /// `D_j = Σ_i P_i f(d_ij)`: the weighted demand within each site's catchment (0 for a site nobody reaches).
        public var demand: [Double]
        /// `R_j = S_j / D_j`: `inf` when a site with capacity has no demand in reach, NaN when it has neither.
        public var ratio: [Double]
        /// `A_i = Σ_j R_j f(d_ij)`: NaN for an area with no site in reach.
        public var access: [Double]
    }

    /// 2SFCA with `weights` all 1 (Luo & Wang 2003); E2SFCA with step weights (Luo & Qi 2009). The same weight is
    /// applied in both steps, as `fca.two_stage_fca`. Terms that are NaN (`inf × 0`, `0 / 0`) are skipped in each
    /// sum, as pandas' `sum` skips them.
    public static func twoStage(population: [Double], capacity: [Double], pairs: CatchmentPairs, weights: [Double])
        -> TwoStage
    {
        precondition(
            population.count == pairs.areaCount && capacity.count == pairs.siteCount && weights.count == pairs.count)
        var demand = [Double](repeating: 0, count: pairs.siteCount)
        pairs.site.withUnsafeBufferPointer { site in
            weights.withUnsafeBufferPointer { weight in
                for area in 0..<pairs.areaCount {
                    let people = population[area]
                    for pair in pairs.areaStart[area]..<pairs.areaStart[area + 1] {
                        let term = people * weight[pair]
                        if !term.isNaN { demand[Int(site[pair])] += term }
                    }
                }
            }
        }
        var ratio = [Double](repeating: .nan, count: pairs.siteCount)
        for j in 0..<pairs.siteCount where pairs.siteStart[j + 1] > pairs.siteStart[j] {
            ratio[j] = capacity[j] / demand[j]
        }
        let access = (0..<pairs.areaCount).map { accessOfArea($0, ratio: ratio, pairs: pairs, weights: weights) }
        return TwoStage(demand: demand, ratio: ratio, access: access)
    }

    /// `A_i = Σ_j R_j f(d_ij)` for one area, NaN terms skipped; NaN if the area has no site in reach.
    @inline(__always)
    static func accessOfArea(
        _ area: Int, ratio: [Double], pairs: CatchmentPairs, weights: [Double], isOpen: ((Int) -> Bool)? = nil
    ) -> Double {
        var sum = 0.0
        var reached = false
        for pair in pairs.areaStart[area]..<pairs.areaStart[area + 1] {
            let j = Int(pairs.site[pair])
            if let isOpen, !isOpen(j) { continue }
            reached = true
            let term = ratio[j] * weights[pair]
            if !term.isNaN { sum += term }
        }
        return reached ? sum : .nan
    }

    /// 3SFCA (Wan, Zou & Sternberg 2012): each pair's weight is multiplied by the area's selection weight
    /// `G_ij = W_ij / Σ_k W_ik`, summed over all the area's pairs in the table.
    public static func threeStage(population: [Double], capacity: [Double], pairs: CatchmentPairs, weights: [Double])
        -> TwoStage
    {
        var combined = weights
        for area in 0..<pairs.areaCount {
            let range = pairs.areaStart[area]..<pairs.areaStart[area + 1]
            let total = range.reduce(0.0) { weights[$1].isNaN ? $0 : $0 + weights[$1] }
            for pair in range { combined[pair] = weights[pair] * (weights[pair] / total) }
        }
        return twoStage(population: population, capacity: capacity, pairs: pairs, weights: combined)
    }

    /// Weighted catchment (cumulative opportunities; a gravity potential with a gravity weight):
    /// `A_i = Σ_j S_j f(d_ij)`, no competition for supply. NaN for an area with no site in reach.
    public static func weightedCatchment(capacity: [Double], pairs: CatchmentPairs, weights: [Double]) -> [Double] {
        (0..<pairs.areaCount).map { area in
            let range = pairs.areaStart[area]..<pairs.areaStart[area + 1]
            guard !range.isEmpty else { return .nan }
            return range.reduce(0.0) { sum, pair in
                let term = capacity[Int(pairs.site[pair])] * weights[pair]
                return term.isNaN ? sum : sum + term
            }
        }
    }

    /// Floating catchment ratio: capacity within reach over the population within reach
    /// (`neighbours` are area-to-area pairs with the same radius, each area reaching itself at distance 0).
    /// An area with people in reach but no site scores 0, not NaN (the supply side is `fillna(0)` in `access`).
    public static func ratio(
        population: [Double], capacity: [Double], pairs: CatchmentPairs, neighbours: CatchmentPairs
    ) -> [Double] {
        (0..<pairs.areaCount).map { area in
            let neighbourRange = neighbours.areaStart[area]..<neighbours.areaStart[area + 1]
            guard !neighbourRange.isEmpty else { return .nan }
            let supply = (pairs.areaStart[area]..<pairs.areaStart[area + 1]).reduce(0.0) {
                $0 + capacity[Int(pairs.site[$1])]
            }
            let demand = neighbourRange.reduce(0.0) { $0 + population[Int(neighbours.site[$1])] }
            return supply / demand
        }
    }

    /// `A_i / Ā` with `Ā = Σ P_i A_i / Σ P_i`: NaN products (no site in reach, or `0 × inf`) are left out of the
    /// numerator while every area's population stays in the denominator (`helpers.normalized_access`).
    public static func normalised(_ access: [Double], population: [Double]) -> [Double] {
        let mean = populationWeightedMean(access, population: population)
        return access.map { $0 / mean }
    }

    /// `Σ P_i A_i / Σ P_i`, NaN products skipped in the numerator only: for 2SFCA and E2SFCA this is the reachable
    /// capacity per head of the whole population.
    public static func populationWeightedMean(_ access: [Double], population: [Double]) -> Double {
        var numerator = 0.0
        var denominator = 0.0
        for (score, people) in zip(access, population) {
            let product = score * people
            if !product.isNaN { numerator += product }
            denominator += people
        }
        return numerator / denominator
    }
}
