/// The NHS 5×5 risk matrix (National Patient Safety Agency, "A risk matrix for risk managers", 2008): a risk's
/// score is likelihood × consequence, each 1–5, and the score's grade decides how it is escalated.
public enum Likelihood: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case rare = 1
    case unlikely, possible, likely, almostCertain

    public var label: String {
        switch self {
        case .rare: "Rare"
        case .unlikely: "Unlikely"
        case .possible: "Possible"
        case .likely: "Likely"
        case .almostCertain: "Almost certain"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

public enum Consequence: Int, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case negligible = 1
    case minor, moderate, major, catastrophic

    public var label: String {
        switch self {
        case .negligible: "Negligible"
        case .minor: "Minor"
        case .moderate: "Moderate"
        case .major: "Major"
        case .catastrophic: "Catastrophic"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}

/// A point on the matrix.
public struct RiskRating: Sendable, Hashable, Codable, Comparable {
    public var likelihood: Likelihood
    public var consequence: Consequence

    public init(_ likelihood: Likelihood, _ consequence: Consequence) {
        self.likelihood = likelihood
        self.consequence = consequence
    }

    /// 1–25. Only the products of two numbers 1–5 occur (no 7, 11, 13, 14, 17–19, 21–24).
    public var score: Int { likelihood.rawValue * consequence.rawValue }
    public var grade: RiskGrade { RiskGrade(score: score) }

    /// By score, then consequence: of two risks scoring the same, the graver outcome ranks higher.
    public static func < (lhs: Self, rhs: Self) -> Bool { (lhs.score, lhs.consequence) < (rhs.score, rhs.consequence) }
}

/// The NPSA grading of a score: 1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme.
public enum RiskGrade: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case low, moderate, high, extreme

    public init(score: Int) {
        // 7 and 13–14 cannot occur on the 5×5 matrix; anything above the high band is extreme.
        self = Self.allCases.last { score >= $0.scores.lowerBound } ?? .low
    }

    /// The scores of the grade on the 5×5 matrix.
    public var scores: ClosedRange<Int> {
        switch self {
        case .low: 1...3
        case .moderate: 4...6
        case .high: 8...12
        case .extreme: 15...25
        }
    }

    /// "1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme".
    public static var bandsInWords: String {
        allCases.map { "\($0.scores.lowerBound)–\($0.scores.upperBound) \($0.rawValue)" }.joined(separator: ", ")
    }

    public var label: String { rawValue.prefix(1).uppercased() + rawValue.dropFirst() }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// A risk's three ratings and review, as the log keeps them.
public struct RiskAssessment: Sendable, Hashable, Codable {
    /// Before any control.
    public var initial: RiskRating
    /// With the controls in place today.
    public var current: RiskRating
    /// What the mitigations aim for.
    public var target: RiskRating
    public var reviewDue: CalendarDate
    public var isOpen: Bool

    public init(
        initial: RiskRating, current: RiskRating, target: RiskRating, reviewDue: CalendarDate, isOpen: Bool = true
    ) {
        self.initial = initial
        self.current = current
        self.target = target
        self.reviewDue = reviewDue
        self.isOpen = isOpen
    }

    /// An open risk whose review date has passed.
    public func isOverdue(on today: CalendarDate) -> Bool { isOpen && reviewDue < today }

    /// Mitigation still has work to do while the current rating is above the target.
    public var isAboveTarget: Bool { current.score > target.score }

    /// Problems a log entry must not have: a target graver than where the risk stands, or controls that made it worse.
    public var problems: [String] {
        var found: [String] = []
        if target.score > current.score {
            found.append("the target score (\(target.score)) is above the current score (\(current.score))")
        }
        if current.score > initial.score {
            found.append(
                "the current score (\(current.score)) is above the initial score (\(initial.score)): controls do not raise a risk"
            )
        }
        return found
    }
}

/// Counts of open risks in each cell of the matrix, for the heat map.
public struct RiskHeatMap: Sendable, Hashable {
    public private(set) var counts: [RiskRating: Int] = [:]

    public init<Risks: Sequence>(_ risks: Risks) where Risks.Element == RiskAssessment {
        for risk in risks where risk.isOpen { counts[risk.current, default: 0] += 1 }
    }

    public func count(_ likelihood: Likelihood, _ consequence: Consequence) -> Int {
        counts[RiskRating(likelihood, consequence)] ?? 0
    }
    public var total: Int { counts.values.reduce(0, +) }
    public func total(_ grade: RiskGrade) -> Int { counts.filter { $0.key.grade == grade }.values.reduce(0, +) }
}
