import FluentKit
import Logging
import PodiumCore
import PodiumData

/// `podium bench early-warning`: the back-test of the early-warning score on the bundled months, beside
/// a naive ranking and random flagging measured on the same contract-months in the same run, and how long scoring
/// every contract takes.
public enum EarlyWarningBenchmark {
    public struct Report: Sendable {
        public var contracts: Int
        public var months: [YearMonth]
        public var backTest: WarningBackTest
        /// Milliseconds to score every contract as of the latest month.
        public var scoringMilliseconds: Double
        /// Milliseconds for the whole back-test (every contract as of every month with data after it).
        public var backTestMilliseconds: Double
    }

    /// Imports `dentalFiles` into `database` (migrated, empty; the ICB register first) and back-tests
    /// `configuration` on them.
    public static func run(
        registerFile: String, dentalFiles: [String], database: any Database, logger: Logger,
        configuration: WarningConfiguration
    ) async throws -> Report {
        let importer = Importer(database: database, logger: logger, clock: .system)
        _ = try await importer.run(.icbs, file: registerFile)
        _ = try await importer.run(.dentalActivity, files: dentalFiles, force: true)
        let store = DentalStore(database: database)
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
        var backTest: WarningBackTest?
        let testing = clock.measure {
            backTest = WarningBackTest.run(inputs, dataMonths: months, configuration: configuration)
        }
        guard let backTest else { throw PositionBenchmark.BenchmarkError.noData }
        return Report(
            contracts: scored, months: months, backTest: backTest,
            scoringMilliseconds: PositionBenchmark.seconds(scoring) * 1000,
            backTestMilliseconds: PositionBenchmark.seconds(testing) * 1000)
    }
}
