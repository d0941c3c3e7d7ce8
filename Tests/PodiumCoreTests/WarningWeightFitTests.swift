import PodiumCore
import Testing

/// Twenty contracts as of `month`: the last two have an event and are behind target (severity 1); the first two have
/// no event and a target cut (severity 1); the others, neither. With `swap`, the target cut foretells instead. Ties
/// rank the lower contract number first, so the events win only when their points are strictly higher.
private func month(_ label: String, swap: Bool = false) -> [WarningObservation] {
    let behind = WarningSignal.dental.firstIndex(of: .behindTarget)!
    let cut = WarningSignal.dental.firstIndex(of: .targetReduced)!
    return (0..<20).map { index in
        var severities = Array(repeating: 0.0, count: WarningSignal.dental.count)
        if index >= 18 { severities[swap ? cut : behind] = 1 }
        if index < 2 { severities[swap ? behind : cut] = 1 }
        return WarningObservation(
            contract: ContractNumber(String(format: "20000%05d", index))!, asOf: YearMonth(label)!,
            severities: severities, naive: 0, event: index >= 18)
    }
}

@Suite("Early warning: weights fitted on training years, tested on the held-out year")
struct WarningWeightFitTests {
    @Test(
        "A month trains when its year is a training year and its horizon ends before 2024/25",
        arguments: [
            ("2016-06", false), ("2017-04", true), ("2019-06", false), ("2021-11", false), ("2022-04", true),
            ("2023-12", true), ("2024-01", false), ("2024-06", false), ("2025-06", false),
        ])
    func trains(month: String, expected: Bool) {
        #expect(WarningWeightFit.trains(YearMonth(month)!, horizon: 3) == expected)
    }

    @Test("The search raises the signal that foretold events, and the fitted weights are scaled to 80 points")
    func fit() {
        // v1 ranks the target-cut contracts (25 points) above the behind-target ones (20): no hits; at 25 they tie and
        // the lower numbers (no event) still come first. Behind target at 30 ranks the two events first: 1 hit at the top 5 % (1 contract) and 2 at the top 10 % (2), in each of the two
        // months. The fitted weights (behind target 30, target cut 25, the seven others 5: 90) are scaled to the 80
        // points hand-backs and intelligence leave: 26.7, 22.2 and 4.4 each; whole points 26 + 22 + 7 × 4 = 76, and the
        // 4 left go to the largest remainders: behind target (0.67), then the first three at 0.44.
        let observations = month("2017-06") + month("2023-12")
        let fit = WarningWeightFit.fit(observations, from: .v1, version: "test")
        #expect(fit.startingHits == 0 && fit.fittedHits == 6)
        #expect(fit.trainingMonths == [YearMonth("2017-06")!, YearMonth("2023-12")!])
        let weights = Dictionary(
            uniqueKeysWithValues: WarningSignal.dental.map { ($0, fit.configuration.setting($0).weight) })
        #expect(
            weights == [
                .behindTarget: 27, .spcConcern: 5, .adultsSeenFalling: 5, .childrenSeenFalling: 5,
                .complexCareFalling: 4, .urgentRising: 4, .lateFP17s: 4, .foundationReliance: 4, .targetReduced: 22,
                .handBack: 10, .localIntelligence: 10,
            ])
        #expect(fit.configuration.version == "test")
        #expect(
            fit.configuration.setting(.behindTarget).starts == WarningConfiguration.v1.setting(.behindTarget).starts)
    }

    @Test("The held-out year, the pandemic years and months whose horizon reaches 2024/25 are never read")
    func holdOut() {
        let trained = WarningWeightFit.fit(month("2017-06"), from: .v1, version: "test")
        let unseen = month("2020-06", swap: true) + month("2024-01", swap: true) + month("2024-06", swap: true)
        let again = WarningWeightFit.fit(month("2017-06") + unseen, from: .v1, version: "test")
        #expect(again == trained)
    }

    @Test("Nothing to train on leaves the weights as they were")
    func nothing() {
        let fit = WarningWeightFit.fit(month("2024-06"), from: .v1, version: "test")
        #expect(fit.passes == 1 && fit.fittedHits == 0 && fit.trainingMonths.isEmpty)
        #expect(
            WarningSignal.dental.allSatisfy { fit.configuration.setting($0) == WarningConfiguration.v1.setting($0) })
    }

    @Test("Evaluation ranks each month by points under the weights, and a year's months can be taken alone")
    func evaluate() {
        var fitted = WarningConfiguration.v1
        fitted.settings[.behindTarget]?.weight = 30
        let observations = month("2017-06") + month("2024-06")
        let before = WarningBackTest.evaluate(observations, configuration: .v1)
        let after = WarningBackTest.evaluate(observations, configuration: fitted)
        #expect(before.score.map(\.hits) == [0, 0] && after.score.map(\.hits) == [2, 4])
        #expect(after.score.map(\.flagged) == [2, 4] && after.events == 4 && after.scored == 40)
        let heldOut = after.within(FinancialYear(startYear: 2024))
        #expect(heldOut.months.map(\.asOf) == [YearMonth("2024-06")!] && heldOut.score.map(\.hits) == [1, 2])
    }
}
