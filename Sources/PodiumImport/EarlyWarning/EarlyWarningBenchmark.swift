import FluentKit
import Foundation
import Logging
import PodiumCore
import PodiumData

/// `podium bench early-warning`: the early-warning weights fitted on the training years (``WarningWeightFit``) and
/// back-tested on every year, the held-out year among them, beside the configuration in use, a naive ranking and random
/// flagging measured on the same contract-months in the same run.
public enum EarlyWarningBenchmark {
    public struct Report: Sendable {
        public var contracts: Int
        public var months: [YearMonth]
        public var observations: Int
        public var fit: WarningWeightFit
        /// The configuration in use (or the one given), back-tested on every month with data after it.
        public var current: WarningBackTest
        /// The fitted weights, back-tested on the same months.
        public var fitted: WarningBackTest
        /// Milliseconds to score every contract as of the latest month.
        public var scoringMilliseconds: Double
        /// Seconds to score every contract as of every month, and to fit the weights.
        public var observeSeconds: Double
        public var fitSeconds: Double
    }

    /// Loads `database`'s dental months (importing the ICB register and `dentalFiles` first when it has none), fits
    /// the weights starting from `fitFrom` (so the fit is reproducible whatever is in use) and back-tests
    /// `configuration` and the fit.
    public static func run(
        database: any Database, registerFile: String, dentalFiles: [String], logger: Logger,
        configuration: WarningConfiguration, fitFrom: WarningConfiguration, every stride: Int = 1
    ) async throws -> Report {
        let store = DentalStore(database: database)
        if try await store.financialYears().isEmpty {
            let importer = Importer(database: database, logger: logger, clock: .system)
            _ = try await importer.run(.icbs, file: registerFile)
            _ = try await importer.run(.dentalActivity, files: dentalFiles, force: true)
        }
        let months = try await store.months()
        guard let latest = months.last else { throw PositionBenchmark.BenchmarkError.noData }
        let inputs = try await store.allMonths().map {
            DentalWarningInput(contract: $0.key, months: $0.value, dataMonths: months)
        }
        .sorted { $0.contract < $1.contract }
        let clock = ContinuousClock()
        var scored = 0
        let scoring = clock.measure {
            scored = inputs.compactMap { EarlyWarning.dental($0, asOf: latest, configuration: configuration) }.count
        }
        let start = clock.now
        let asOf = stride > 1 ? Swift.stride(from: 0, to: months.count, by: stride).map { months[$0] } : months
        let observations = await observe(inputs, months: months, asOf: asOf, configuration: configuration)
        let observing = clock.now - start
        var fit: WarningWeightFit?
        let fitting = clock.measure {
            fit = WarningWeightFit.fit(observations, from: fitFrom, version: "fitted in this run")
        }
        guard let fit else { throw PositionBenchmark.BenchmarkError.noData }
        return Report(
            contracts: scored, months: months, observations: observations.count, fit: fit,
            current: WarningBackTest.evaluate(observations, configuration: configuration),
            fitted: WarningBackTest.evaluate(observations, configuration: fit.configuration),
            scoringMilliseconds: PositionBenchmark.seconds(scoring) * 1000,
            observeSeconds: PositionBenchmark.seconds(observing), fitSeconds: PositionBenchmark.seconds(fitting))
    }

    /// Every contract as of each month of `asOf` with data after it, the contracts shared out over the processors.
    static func observe(
        _ inputs: [DentalWarningInput], months: [YearMonth], asOf: [YearMonth], configuration: WarningConfiguration
    ) async -> [WarningObservation] {
        let workers = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let size = (inputs.count + workers - 1) / workers
        return await withTaskGroup(of: [WarningObservation].self) { group in
            for first in stride(from: 0, to: inputs.count, by: max(1, size)) {
                let share = Array(inputs[first..<min(inputs.count, first + size)])
                group.addTask {
                    WarningBackTest.observations(share, dataMonths: months, configuration: configuration, asOf: asOf)
                }
            }
            var all: [WarningObservation] = []
            for await part in group { all += part }
            return all
        }
    }
}
