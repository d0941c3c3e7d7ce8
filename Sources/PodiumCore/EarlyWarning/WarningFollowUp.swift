/// What Podium does with a provider's early-warning score: raise a risk in the ICB's risk log, and list it in a
/// user's digest when it is new or worse. The thresholds live here, as parameters, so a page states the values the
/// rule used rather than its own copy of them.

/// A risk for the ICB's risk log made from a provider's early-warning score: the likelihood follows the score
/// (the consequence is a moderate 3 until a commissioner judges it), and the risk cites the live score.
public struct WarningRiskProposal: Sendable, Hashable {
    /// Likelihood by score band, highest first; below the last band, ``baseLikelihood``.
    public static let likelihoodBands: [(minimumScore: Double, likelihood: Likelihood)] = [
        (60, .likely), (40, .possible),
    ]
    public static let baseLikelihood = Likelihood.unlikely
    public static let consequence = Consequence.moderate
    /// Days until the first review.
    public static let reviewDays = 30

    /// The likelihood a score suggests: 60 or more likely (4), 40 or more possible (3), else unlikely (2).
    public static func likelihood(for score: Double) -> Likelihood {
        likelihoodBands.first { score >= $0.minimumScore }?.likelihood ?? baseLikelihood
    }

    /// The reference a provider's risk has, so raising it twice opens the first.
    public static func reference(provider: String) -> String { "EW-" + provider }

    /// The risk's cells for ``RecordTemplate/risks``.
    /// - Parameters:
    ///   - provider: the contract number or pharmacy code; `name` its name; `category` dental or pharmacy.
    ///   - owner: who raises it; `today` the day it is raised (the review is 30 days on).
    public static func cells(
        provider: String, name: String, category: RiskCategory, warning: ProviderWarning, owner: String,
        today: CalendarDate
    ) -> [String: String] {
        let likelihood = likelihood(for: warning.score)
        let target = Likelihood(rawValue: max(Likelihood.rare.rawValue, likelihood.rawValue - 1)) ?? .rare
        let reasons = warning.topReasons(3).map(\.signal.label).joined(separator: ", ").lowercased()
        let rounded = Int(warning.score.rounded(.toNearestOrEven))
        return [
            "reference": reference(provider: provider),
            "title": String("\(name) (\(provider)) may hand back or close: early-warning score \(rounded)".prefix(200)),
            "category": category.rawValue, "owner": owner,
            "initial_likelihood": "\(likelihood.rawValue)", "initial_consequence": "\(consequence.rawValue)",
            "current_likelihood": "\(likelihood.rawValue)", "current_consequence": "\(consequence.rawValue)",
            "target_likelihood": "\(target.rawValue)", "target_consequence": "\(consequence.rawValue)",
            "controls": String(
                "Raised from the early warning (\(reasons.isEmpty ? "no signal" : reasons)).".prefix(1000)),
            "mitigations": "",
            "evidence": "warning:\(provider)"
                + (category == .dental ? " contract:\(provider)" : " pharmacy:\(provider)"),
            "review_date": today.adding(days: reviewDays).iso, "status": "open",
        ]
    }
}

/// Which providers a user's digest lists: those scoring at least ``threshold`` that are new to the list or at least
/// ``worseBy`` points worse than when the user last marked it read.
public struct DigestRule: Sendable, Hashable {
    public var threshold: Double
    public var worseBy: Double

    public init(threshold: Double = 40, worseBy: Double = 5) {
        self.threshold = threshold
        self.worseBy = worseBy
    }

    public static let standard = DigestRule()

    /// A score in tenths, as the digest stores what was read.
    public static func tenths(_ score: Double) -> Int64 { Int64((score * 10).rounded()) }

    /// Whether a score is high enough to be on the list at all.
    public func lists(_ score: Double) -> Bool { score >= threshold }

    /// Whether a listed provider is news: never read before, or worse by ``worseBy`` points or more since.
    public func isNews(scoreTenths: Int64, previousTenths: Int64?) -> Bool {
        guard let previousTenths else { return true }
        return scoreTenths - previousTenths >= Self.tenths(worseBy)
    }

    /// "new, at 52.0" or "worse: 41.0 → 57.0 (+16.0)".
    public static func change(score: Double, previous: Double?) -> String {
        func one(_ value: Double) -> String {
            let tenths = Int64((value * 10).rounded())
            return "\(tenths < 0 ? "-" : "")\(abs(tenths) / 10).\(abs(tenths) % 10)"
        }
        guard let previous else { return "new, at \(one(score))" }
        return "worse: \(one(previous)) → \(one(score)) (+\(one(score - previous)))"
    }
}
