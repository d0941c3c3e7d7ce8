import PodiumCore
import Testing

/// A warning whose score is `points` out of 100: one reading of a 100-weight setting, all points earned.
private func warning(score points: Double, reasons: [WarningSignal] = [.targetReduced]) -> ProviderWarning {
    let share = reasons.isEmpty ? 0 : points / Double(reasons.count)
    let readings =
        reasons.map { signal in
            SignalReading(
                signal: signal, value: 1, setting: SignalSetting(weight: share, starts: 0, full: 1), words: "seen")
        } + [
            SignalReading(
                signal: .localIntelligence, value: 0, setting: SignalSetting(weight: 100 - points, starts: 1, full: 2),
                words: "none")
        ]
    return ProviderWarning(asOf: YearMonth(year: 2023, month: 10)!, configuration: "test", readings: readings)
}

@Suite("Raising a risk from an early warning, and the digest's choice")
struct WarningFollowUpTests {
    /// (score, likelihood): the bands are inclusive at their lower edge.
    static let likelihoods: [(Double, Likelihood)] = [
        (0, .unlikely), (39.9, .unlikely), (40, .possible), (59.9, .possible), (60, .likely), (100, .likely),
    ]

    @Test(
        "The likelihood follows the score: 60 or more likely, 40 or more possible, else unlikely",
        arguments: likelihoods)
    func likelihood(_ row: (Double, Likelihood)) {
        #expect(WarningRiskProposal.likelihood(for: row.0) == row.1)
    }

    @Test(
        "The proposed risk is a valid risk-log record: moderate consequence, target one step lower, citing the live score"
    )
    func proposal() throws {
        let today = CalendarDate(year: 2026, month: 12, day: 1)!
        let cells = WarningRiskProposal.cells(
            provider: "1000830000", name: "PCH Dental CIC", category: .dental,
            warning: warning(score: 62.5, reasons: [.targetReduced, .behindTarget]),
            owner: "Ann Commissioner", today: today)
        #expect(cells["reference"] == "EW-1000830000")
        // 62.5 rounds to the even 62, as the title always has.
        #expect(cells["title"] == "PCH Dental CIC (1000830000) may hand back or close: early-warning score 62")
        #expect(cells["current_likelihood"] == "4" && cells["current_consequence"] == "3")
        #expect(cells["target_likelihood"] == "3" && cells["target_consequence"] == "3")
        #expect(cells["evidence"] == "warning:1000830000 contract:1000830000")
        #expect(cells["review_date"] == "2026-12-31")
        let risk = try #require(RiskEntry(try RecordTemplate.risks.read(cells).get()))
        #expect(risk.assessment.current.score == 12)
        #expect(risk.citesWarning)
        let pharmacy = WarningRiskProposal.cells(
            provider: "FA129", name: "Boots", category: .pharmacy, warning: warning(score: 10), owner: "", today: today)
        #expect(pharmacy["evidence"] == "warning:FA129 pharmacy:FA129")
        #expect(pharmacy["target_likelihood"] == "1")
    }

    /// (score, previous score in tenths or nil, listed, news)
    static let digest: [(Double, Int64?, Bool, Bool)] = [
        (39.9, nil, false, true), (40, nil, true, true), (57, 410, true, true), (45.9, 410, true, false),
        (46, 410, true, true),
        (41, 560, true, false),
    ]

    @Test(
        "The digest lists scores of 40 or more that are new, or 5 points or more worse than when last read",
        arguments: digest)
    func digestChoice(_ row: (Double, Int64?, Bool, Bool)) {
        let rule = DigestRule.standard
        #expect(rule.lists(row.0) == row.2)
        #expect(rule.isNews(scoreTenths: DigestRule.tenths(row.0), previousTenths: row.1) == row.3)
    }

    @Test("The digest says what changed in words, to a tenth")
    func digestWords() {
        #expect(DigestRule.change(score: 52, previous: nil) == "new, at 52.0")
        #expect(DigestRule.change(score: 57, previous: 41) == "worse: 41.0 → 57.0 (+16.0)")
        #expect(DigestRule.change(score: 46.3, previous: 40.1) == "worse: 40.1 → 46.3 (+6.2)")
    }
}
