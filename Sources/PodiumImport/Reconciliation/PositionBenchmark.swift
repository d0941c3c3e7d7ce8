import FluentKit
import Logging
import PodiumCore
import PodiumData

/// `podium bench reconcile`: the time to work out every English contract's position (mid-year review, forecast
/// and year-end reconciliation) beside the time to import the same data, measured in the same run.
public enum PositionBenchmark {
    public struct Report: Sendable {
        public var contracts: Int
        public var monthlyRows: Int
        public var financialYear: FinancialYear
        public var importSeconds: Double
        public var loadSeconds: Double
        /// Milliseconds of each run computing every position.
        public var positionRuns: [Double]
        public var flaggedAtMidYear: Int
        public var projectedClawback: Money

        public var medianMilliseconds: Double { positionRuns.sorted()[positionRuns.count / 2] }
        public var fastestMilliseconds: Double { positionRuns.min() ?? 0 }
    }

    /// Imports `dentalFile` into `database` (migrated, empty), loads the contract years and computes every position
    /// `repeats` times.
    public static func run(dentalFile: String, database: any Database, logger: Logger, repeats: Int) async throws -> Report {
        let clock = ContinuousClock()
        var record: ImportRecord?
        let importTime = try await clock.measure {
            record = try await Importer(database: database, logger: logger).run(.dentalActivity, file: dentalFile, force: true).record
        }
        let store = DentalStore(database: database)
        guard let year = try await store.financialYears().first else { throw BenchmarkError.noData }
        var years: [ContractYear] = []
        var coverage = ActivityCoverage(financialYear: year, monthsPresent: [])
        let loadTime = try await clock.measure {
            years = try await store.contractYears(in: year)
            coverage = try await store.coverage(of: year)
        }
        let profile = try WorkingDayProfile(year)
        let settings = PositionSettings.standard(for: year)
        var runs: [Double] = []
        var portfolio = PortfolioPosition(financialYear: year, contracts: [])
        for _ in 0..<max(1, repeats) {
            let elapsed = clock.measure {
                portfolio = PortfolioPosition(
                    financialYear: year,
                    contracts: years.map { ContractPosition(year: $0, coverage: coverage, variations: [], profile: profile, settings: settings) })
            }
            runs.append(seconds(elapsed) * 1000)
        }
        return Report(
            contracts: years.count, monthlyRows: record?.rowCount ?? 0, financialYear: year, importSeconds: seconds(importTime),
            loadSeconds: seconds(loadTime), positionRuns: runs, flaggedAtMidYear: portfolio.flaggedAtMidYear.count,
            projectedClawback: portfolio.projectedClawback)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public enum BenchmarkError: Error, CustomStringConvertible {
        case noData
        public var description: String { "The dental activity file holds no months." }
    }
}
