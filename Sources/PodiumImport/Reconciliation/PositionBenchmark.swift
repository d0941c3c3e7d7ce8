import FluentKit
import Logging
import PodiumCore
import PodiumData

/// `podium bench reconcile` and `podium bench spc`: the time to work out every English contract's position (mid-year
/// review, forecast and year-end reconciliation) and to chart its monthly delivery (XmR), beside the time to import
/// and load the same data, measured in the same run.
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
        /// Milliseconds of each run charting every contract's monthly delivery against profile (XmR, four rules, icons).
        public var spcRuns: [Double]
        /// Contracts whose latest month is a special cause.
        public var latestSpecialCause: Int

        public var spcMedianMilliseconds: Double { spcRuns.sorted()[spcRuns.count / 2] }
        public var spcFastestMilliseconds: Double { spcRuns.min() ?? 0 }

        public var medianMilliseconds: Double { positionRuns.sorted()[positionRuns.count / 2] }
        public var fastestMilliseconds: Double { positionRuns.min() ?? 0 }
    }

    /// Imports `dentalFiles` into `database` (migrated, empty; the ICB register first), loads the latest year's
    /// contract years and computes every position `repeats` times.
    public static func run(
        registerFile: String, dentalFiles: [String], database: any Database, logger: Logger, repeats: Int
    ) async throws -> Report {
        let clock = ContinuousClock()
        let importer = Importer(database: database, logger: logger, clock: .system)
        _ = try await importer.run(.icbs, file: registerFile)
        var rows = 0
        let importTime = try await clock.measure {
            rows = try await importer.run(.dentalActivity, files: dentalFiles, force: true).map(\.record.rowCount)
                .reduce(0, +)
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
                    contracts: years.map {
                        ContractPosition(
                            year: $0, coverage: coverage, variations: [], profile: profile, settings: settings)
                    })
            }
            runs.append(seconds(elapsed) * 1000)
        }
        let series = portfolio.contracts.map(\.deliveryAgainstProfile)
        var spcRuns: [Double] = []
        var charts: [XmRChart] = []
        for _ in 0..<max(1, repeats) {
            let elapsed = clock.measure {
                charts = series.map { XmRChart(months: $0, direction: .increase, target: 100) }
            }
            spcRuns.append(seconds(elapsed) * 1000)
        }
        let special = charts.filter {
            if case .commonCause = $0.variationIcon {
                false
            } else if case .noData = $0.variationIcon {
                false
            } else {
                true
            }
        }
        return Report(
            contracts: years.count, monthlyRows: rows, financialYear: year,
            importSeconds: seconds(importTime),
            loadSeconds: seconds(loadTime), positionRuns: runs, flaggedAtMidYear: portfolio.flaggedCount,
            projectedClawback: portfolio.projectedClawback, spcRuns: spcRuns, latestSpecialCause: special.count)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    public enum BenchmarkError: Error, CustomStringConvertible {
        case noData
        public var description: String { "The dental activity file holds no months." }
    }
}
