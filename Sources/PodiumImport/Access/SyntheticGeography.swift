import Foundation
import PodiumCore

/// England-like synthetic demand areas and supply sites for access benchmarks: the recipe of the shared generator
/// (`scripts/access/gen.py`) with Podium's own seeded random numbers, so the same
/// seed gives the same files every time (not the same numbers as numpy).
///
/// Clustered like a settlement system: about N/60 towns with rank-size (Zipf) populations whose areas scatter as a
/// Gaussian growing with the town's size; 18 % of areas rural, uniform over the plane; sites near population-weighted
/// random areas (400 m jitter) plus 5 % anywhere. At N = 33,755 the plane is England-sized (520 × 650 km); smaller N
/// shrink it so the density, and so the pairs per area within 10 km, stay about the same.
public struct SyntheticGeography: Sendable {
    public var demand: AccessFile.Places
    public var supply: AccessFile.Places

    public enum Capacity: String, Sendable, CaseIterable {
        /// Contracted UDAs: lognormal, median 7,000, clipped to 300–150,000.
        case uda
        /// One per site (pharmacies counted).
        case count
    }

    static let englandAreas = 33_755.0
    static let width = 520_000.0, height = 650_000.0, originX = 135_000.0, originY = 10_000.0
    static let squareKilometresPerUrbanArea = 0.15

    public init(
        areas n: Int, sites m: Int, seed: UInt64 = 42, capacity: Capacity = .uda, ruralShare: Double = 0.18,
        remoteShare: Double = 0.05
    ) {
        var random = SplitMix64(seed: seed)
        let scale = (Double(n) / Self.englandAreas).squareRoot()
        let w = Self.width * scale
        let h = Self.height * scale
        let x0 = Self.originX + (Self.width - w) / 2
        let y0 = Self.originY + (Self.height - h) / 2
        func clipX(_ x: Double) -> Double { min(max(x.rounded(), x0.rounded(.up)), (x0 + w).rounded(.down)) }
        func clipY(_ y: Double) -> Double { min(max(y.rounded(), y0.rounded(.up)), (y0 + h).rounded(.down)) }

        // Towns: rank-size shares, centres kept a little inside the plane.
        let towns = max(3, Int((Double(n) / 60).rounded()))
        let harmonic = (1...towns).reduce(0.0) { $0 + 1 / Double($1) }
        let share = (1...towns).map { 1 / Double($0) / harmonic }
        let centres = (0..<towns).map { _ in
            (x0 + w * (0.05 + 0.9 * random.uniform()), y0 + h * (0.05 + 0.9 * random.uniform()))
        }

        // Areas: urban ones by town, then rural ones anywhere.
        let rural = Int((Double(n) * ruralShare).rounded())
        let urban = n - rural
        let townOf = (0..<urban).map { _ in random.pick(cumulative: Self.cumulative(share)) }
        var members = Array(repeating: 0, count: towns)
        for town in townOf { members[town] += 1 }
        let sigma = members.map {
            (Double(max($0, 1)) * Self.squareKilometresPerUrbanArea / (2 * Double.pi)).squareRoot() * 1000
        }
        var points = townOf.map { town in
            GridPoint(
                easting: clipX(centres[town].0 + random.normal() * sigma[town]),
                northing: clipY(centres[town].1 + random.normal() * sigma[town]))
        }
        points += (0..<rural).map { _ in
            GridPoint(easting: clipX(x0 + w * random.uniform()), northing: clipY(y0 + h * random.uniform()))
        }
        var people = (0..<n).map { _ in min(3000, max(1000, (1675 + 330 * random.normal()).rounded())) }
        // Shuffle so that ids carry no information about urban or rural.
        let order = random.permutation(n)
        points = order.map { points[$0] }
        people = order.map { people[$0] }

        // Sites near population-weighted areas, plus a few anywhere.
        let remote = Int((Double(m) * remoteShare).rounded())
        let near = m - remote
        let weights = Self.cumulative(people.map { $0 + 1 })
        var sites = (0..<near).map { _ -> GridPoint in
            let anchor = points[random.pick(cumulative: weights)]
            return GridPoint(
                easting: clipX(anchor.easting + 400 * random.normal()),
                northing: clipY(anchor.northing + 400 * random.normal()))
        }
        sites += (0..<remote).map { _ in
            GridPoint(easting: clipX(x0 + w * random.uniform()), northing: clipY(y0 + h * random.uniform()))
        }
        var capacities: [Double] = (0..<m).map { _ in
            switch capacity {
            case .uda: min(150_000, max(300, Foundation.exp(Foundation.log(7000) + 0.7 * random.normal()).rounded()))
            case .count: 1
            }
        }
        let siteOrder = random.permutation(m)
        sites = siteOrder.map { sites[$0] }
        capacities = siteOrder.map { capacities[$0] }

        demand = AccessFile.Places(
            ids: (1...max(1, n)).prefix(n).map { String(format: "E01%06d", $0) }, locations: points, amounts: people)
        supply = AccessFile.Places(
            ids: (1...max(1, m)).prefix(m).map { String(format: "V%06d", $0) }, locations: sites, amounts: capacities)
    }

    /// Running totals normalised to end at 1.
    static func cumulative(_ weights: [Double]) -> [Double] {
        var total = 0.0
        let running = weights.map { weight -> Double in
            total += weight
            return total
        }
        return running.map { $0 / total }
    }

    /// The two CSV files of the shared generator: `id,x,y,population` and `id,x,y,capacity`.
    public func write(to folder: String) throws {
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        for (name, places, amount) in [("demand.csv", demand, "population"), ("supply.csv", supply, "capacity")] {
            var text = "id,x,y,\(amount)\n"
            for index in places.ids.indices {
                text +=
                    "\(places.ids[index]),\(Int(places.locations[index].easting)),\(Int(places.locations[index].northing)),\(Int(places.amounts[index]))\n"
            }
            try Data(text.utf8).write(to: URL(fileURLWithPath: folder).appendingPathComponent(name))
        }
    }
}

/// Core's seeded ``SplitMix64`` (same seed, same sequence, on every platform; also the generator of the CSV fuzz tests'
/// inputs), with the draws the synthetic geography needs.
extension SplitMix64 {
    /// Uniform in [0, 1) with 53 random bits.
    mutating func uniform() -> Double { Double(next() >> 11) * 0x1.0p-53 }

    /// Standard normal by the Box–Muller transform.
    mutating func normal() -> Double {
        let u = 1 - uniform()
        let v = uniform()
        return (-2 * Foundation.log(u)).squareRoot() * Foundation.cos(2 * Double.pi * v)
    }

    /// An index drawn with the probabilities whose running totals are `cumulative`.
    mutating func pick(cumulative: [Double]) -> Int {
        let target = uniform()
        var low = 0
        var high = cumulative.count - 1
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > target { high = middle } else { low = middle + 1 }
        }
        return low
    }

    /// A random order of `0..<count` (Fisher–Yates).
    mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        for index in stride(from: count - 1, to: 0, by: -1) {
            let other = Int(next() % UInt64(index + 1))
            order.swapAt(index, other)
        }
        return order
    }
}
