import PodiumCore

/// The `podium access` file formats, the fixtures' in `Tests/Fixtures/access/`:
/// demand `id,x,y,population`, supply `id,x,y,capacity` (British National Grid metres) in; scores out, one row per
/// area sorted by id, `NaN` for no site in reach and `inf` for a site whose catchment holds nobody.
public enum AccessFile {
    public static let demandColumns = ["id", "x", "y", "population"]
    public static let supplyColumns = ["id", "x", "y", "capacity"]

    /// Points with an id and an amount (people or capacity), in file order.
    public struct Places: Sendable, Equatable {
        public var ids: [String]
        public var locations: [GridPoint]
        public var amounts: [Double]
    }

    /// Reads a demand (`amount: "population"`) or supply (`amount: "capacity"`) file.
    /// - Throws: ``InputFileFailure`` naming file, line, column and reason for each problem: a blank or non-numeric
    ///   field, a negative amount, an id already used on an earlier line.
    public static func read(_ source: SourceFile, amount: String) throws -> Places {
        var places = Places(ids: [], locations: [], amounts: [])
        var seen: [String: Int] = [:]
        let issues = try HeadedCSVInput.read(source, columns: ["id", "x", "y", amount]) { fields, record in
            let id = fields.required("id")
            let x = fields.double("x")
            let y = fields.double("y")
            let value = fields.double(amount)
            if let value, value < 0 { fields.problem(amount, "\(SPCFile.number(value)) is negative") }
            guard let id, let x, let y, let value, value >= 0 else { return [] }
            if let first = seen[id] {
                return [
                    ImportIssue(
                        file: source.name, line: record.line, column: 1, reason: "id: \(id) is already on line \(first)"
                    )
                ]
            }
            seen[id] = record.line
            places.ids.append(id)
            places.locations.append(GridPoint(easting: x, northing: y))
            places.amounts.append(value)
            return []
        }
        guard issues.isEmpty else { throw InputFileFailure(file: source.name, issues: issues, verb: "scored") }
        return places
    }

    /// The methods `podium access` can write, in column order.
    public enum Method: String, Sendable, CaseIterable {
        case twoStage = "2sfca"
        case enhanced = "e2sfca"
        case threeStage = "3sfca"
        case gravity
        case ratio = "fca"
        case enhancedNormalised = "e2sfca_norm"

        /// The issue's default columns.
        public static let standard: [Method] = [.twoStage, .enhanced, .enhancedNormalised]
    }

    /// Scores every area by `methods`: catchment `radius`, `steps` for E2SFCA and 3SFCA, gravity `1000 / max(d, 500)`
    /// (the fixtures' parameters), FCA ratio with an area-to-area table of the same radius.
    public static func score(demand: Places, supply: Places, radius: Double, steps: [StepWeight], methods: [Method])
        -> [Method: [Double]]
    {
        let pairs = CatchmentPairs(areas: demand.locations, sites: supply.locations, radius: radius)
        let population = demand.amounts
        let capacity = supply.amounts
        let stepWeights = pairs.weights(.steps(steps))
        var scores: [Method: [Double]] = [:]
        for method in methods {
            switch method {
            case .twoStage:
                scores[method] =
                    FloatingCatchment.twoStage(
                        population: population, capacity: capacity, pairs: pairs, weights: pairs.weights(.none)
                    ).access
            case .enhanced, .enhancedNormalised:
                if scores[.enhanced] == nil {
                    scores[.enhanced] =
                        FloatingCatchment.twoStage(
                            population: population, capacity: capacity, pairs: pairs, weights: stepWeights
                        ).access
                }
                if method == .enhancedNormalised {
                    scores[method] = FloatingCatchment.normalised(scores[.enhanced]!, population: population)
                }
            case .threeStage:
                scores[method] =
                    FloatingCatchment.threeStage(
                        population: population, capacity: capacity, pairs: pairs, weights: stepWeights
                    ).access
            case .gravity:
                let gravity = pairs.weights(.gravity(scale: 1000, exponent: -1, minimumDistance: 500))
                scores[method] = FloatingCatchment.weightedCatchment(capacity: capacity, pairs: pairs, weights: gravity)
            case .ratio:
                let neighbours = CatchmentPairs(areas: demand.locations, sites: demand.locations, radius: radius)
                scores[method] = FloatingCatchment.ratio(
                    population: population, capacity: capacity, pairs: pairs, neighbours: neighbours)
            }
        }
        return scores.filter { methods.contains($0.key) }
    }

    /// `id,population,<method>…`, rows sorted by id; numbers in the shortest form that reads back exactly.
    public static func write(demand: Places, scores: [Method: [Double]], methods: [Method]) -> String {
        var text = (["id", "population"] + methods.map(\.rawValue)).joined(separator: ",") + "\n"
        for index in demand.ids.indices.sorted(by: { demand.ids[$0] < demand.ids[$1] }) {
            let values = [number(demand.amounts[index])] + methods.map { number(scores[$0]?[index] ?? .nan) }
            text +=
                ([CSVFormat.escape(demand.ids[index], spreadsheetSafe: false)] + values).joined(separator: ",") + "\n"
        }
        return text
    }

    /// `NaN`, `inf`, `-inf`, whole numbers without ".0", otherwise Swift's shortest round-trip form.
    public static func number(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value > 0 ? "inf" : "-inf" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int64(value)) }
        return String(value)
    }
}
