/// How much a site counts at a distance, as PySAL `access` 1.1.10 `weights.py` defines it
/// (PySAL `access` 1.1, "Distance-decay functions").
public enum DistanceWeight: Sendable, Hashable, Codable {
    /// Every site within the catchment counts fully: plain 2SFCA (Luo & Wang 2003).
    case none
    /// Step weights: the weight of the smallest upper bound the distance is within (bounds inclusive); beyond the
    /// largest bound, 0. E2SFCA (Luo & Qi 2009) uses three steps.
    case steps([StepWeight])
    /// Gravity: `(max(d, minimumDistance) / scale) ^ exponent`, a whole-number exponent (negative for decay).
    case gravity(scale: Double, exponent: Int, minimumDistance: Double)

    /// The bands Podium uses on metres unless told otherwise: 0–3 km 1.0, 3–6 km 0.68, 6–10 km 0.22 (the shared
    /// fixtures' bands; Luo & Qi's 10/20/30-minute weights applied to distance).
    public static let standardSteps = DistanceWeight.steps([
        StepWeight(upTo: 3000, weight: 1), StepWeight(upTo: 6000, weight: 0.68), StepWeight(upTo: 10000, weight: 0.22),
    ])

    /// The weight at distance `d` (in the cost table's unit).
    @inlinable
    public func weight(at d: Double) -> Double {
        switch self {
        case .none:
            return 1
        case .steps(let steps):
            // `steps` are sorted by bound (see ``StepWeight/parse(_:)``); d <= bound is inclusive, as `step_fn`.
            for step in steps where d <= step.upTo { return step.weight }
            return 0
        case .gravity(let scale, let exponent, let minimumDistance):
            return Self.power(max(d, minimumDistance) / scale, exponent)
        }
    }

    /// `x ^ n` for the whole-number exponents gravity models use (PodiumCore has no `pow`).
    @usableFromInline
    static func power(_ x: Double, _ n: Int) -> Double {
        var result = 1.0
        for _ in 0..<abs(n) { result *= x }
        return n < 0 ? 1 / result : result
    }
}

/// One step of a step weight: distances up to `upTo` (inclusive) and beyond the previous bound get `weight`.
public struct StepWeight: Sendable, Hashable, Codable {
    public var upTo: Double
    public var weight: Double

    public init(upTo: Double, weight: Double) {
        self.upTo = upTo
        self.weight = weight
    }

    /// Parses `3000:1,6000:0.68,10000:0.22` into steps sorted by bound.
    /// - Throws: ``AccessError/badSteps(_:)`` for a malformed list, a negative weight or a repeated bound.
    public static func parse(_ text: String) throws(AccessError) -> [StepWeight] {
        var steps: [StepWeight] = []
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let bound = Double(pieces[0].trimmed), let weight = Double(pieces[1].trimmed),
                bound.isFinite, weight.isFinite, bound >= 0, weight >= 0
            else { throw .badSteps("\"\(part)\" is not bound:weight with numbers of at least 0") }
            steps.append(StepWeight(upTo: bound, weight: weight))
        }
        steps.sort { $0.upTo < $1.upTo }
        for (previous, next) in zip(steps, steps.dropFirst()) where previous.upTo == next.upTo {
            throw .badSteps("the bound \(next.upTo) appears twice")
        }
        return steps
    }
}

extension Substring {
    fileprivate var trimmed: Substring {
        var text = self
        while text.first == " " { text.removeFirst() }
        while text.last == " " { text.removeLast() }
        return text
    }
}

/// Problems with an access computation's inputs, in plain words.
public enum AccessError: Error, Equatable, Sendable, CustomStringConvertible {
    case badSteps(String)
    case badRadius(Double)
    /// A what-if change that cannot apply.
    case badChange(String)

    public var description: String {
        switch self {
        case .badSteps(let reason): "step weights: \(reason)"
        case .badChange(let reason): reason
        case .badRadius(let radius): "the catchment radius must be a positive number of metres, not \(radius)"
        }
    }
}
