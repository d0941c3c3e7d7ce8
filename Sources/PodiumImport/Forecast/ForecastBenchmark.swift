import FluentKit
import Logging
import PodiumCore
import PodiumData

/// `podium bench forecast`: the learned year-end forecast back-tested on every complete year, at months 3, 6 and 9,
/// beside calendar pace and working-day pace computed in the same run on the same contracts.
///
/// The contracts judged are those of at least 1,000 UDAs with a row in every month of the year (as an independent
/// recomputation of the pace error did). Each year is forecast from the years before it only (``ForecastModel``), so
/// every figure is out of sample. The pandemic years are reported but not used to judge the forecast.
public enum ForecastBenchmark {
    public enum Method: String, Sendable, CaseIterable {
        case learned = "learned forecast"
        case calendarPace = "peer: calendar pace"
        case workingDayPace = "peer: working-day pace"
    }

    public struct Row: Sendable {
        public var year: FinancialYear
        public var month: Int
        public var method: Method
        public var contracts: Int
        /// Mean and median absolute error of the year-end % of target, in percentage points.
        public var meanAbsoluteError: Double
        public var medianAbsoluteError: Double
        /// Share of contracts whose forecast band (<96, 96–100, 100–102, >102 %) is the band they ended in.
        public var bandAccuracy: Double
        /// Of the contracts that ended below 96 %, the share forecast below 96 % (recall), and of those forecast below
        /// 96 %, the share that ended there (precision).
        public var below96Recall: Double
        public var below96Precision: Double
        /// England's projected clawback against the actual, in pence, and the error in %.
        public var projectedClawback: Int64
        public var actualClawback: Int64
        /// The median over ICBs of the absolute error of each ICB's projected clawback, in %.
        public var medianICBError: Double
        /// Learned forecast only: the share of contracts whose year end fell inside their 80 % interval, and England's
        /// 80 % clawback interval.
        public var coverage: Double?
        public var englandInterval: ForecastTotals.Interval?
        /// The pandemic years are reported, not judged.
        public var judged: Bool

        public var englandError: Double {
            actualClawback == 0 ? 0 : Double(projectedClawback - actualClawback) / Double(actualClawback) * 100
        }
    }

    public struct Report: Sendable {
        public var rows: [Row]
        public var loadSeconds: Double
        public var computeSeconds: Double
    }

    /// Months at which the forecast is judged (3 = end of June).
    public static let months = [3, 6, 9]

    /// Loads `database`'s dental history (importing the ICB register and `dentalFiles` first when it has none) and
    /// back-tests.
    public static func run(
        database: any Database, registerFile: String, dentalFiles: [String], logger: Logger,
        shrinkage: DeliveryProfile.Shrinkage = .standard
    ) async throws -> Report {
        let clock = ContinuousClock()
        let store = DentalStore(database: database)
        if try await store.financialYears().isEmpty {
            let importer = Importer(database: database, logger: logger, clock: .system)
            _ = try await importer.run(.icbs, file: registerFile)
            _ = try await importer.run(.dentalActivity, files: dentalFiles, force: true)
        }
        var history = DentalHistory()
        let load = try await clock.measure { history = try await store.history(records: .none) }
        var rows: [Row] = []
        let compute = clock.measure { rows = backTest(history, shrinkage: shrinkage) }
        return Report(rows: rows, loadSeconds: seconds(load), computeSeconds: seconds(compute))
    }

    /// Every complete year from the second with data, at each of ``months``, for each method.
    public static func backTest(_ history: DentalHistory, shrinkage: DeliveryProfile.Shrinkage = .standard) -> [Row] {
        let complete = history.coverage.filter(\.isComplete).map(\.financialYear)
        var rows: [Row] = []
        for year in complete.dropFirst() {
            guard let profile = try? WorkingDayProfile(year) else { continue }
            let model = ForecastModel(history: history, year: year, shrinkage: shrinkage)
            let rules = ReconciliationRulesTable.rules(for: year)
            let judged = !DeliveryProfile.excludedYears.contains(year.startYear)
            let outcomes = history.outcomes(in: year).filter {
                $0.inEveryMonth && $0.target >= ForecastErrors.largeContract && $0.result != nil
            }.sorted { $0.contract < $1.contract }
            for month in months {
                let elapsed = Array(year.months.prefix(month))
                for method in Method.allCases {
                    var cases: [Case] = []
                    var totals: [ForecastTotals.Contract] = []
                    for outcome in outcomes {
                        let toDate = ActivityUnits(tenThousandths: outcome.monthlyDelivered.prefix(month).reduce(0, +))
                        var low: ActivityUnits?
                        var high: ActivityUnits?
                        let forecast: ActivityUnits
                        switch method {
                        case .learned:
                            guard
                                let learned = model.forecast(
                                    contract: outcome.contract, icb: outcome.icb, month: month,
                                    deliveredToDate: toDate, target: outcome.target)
                            else { continue }
                            forecast = learned.central
                            (low, high) = (learned.low, learned.high)
                            totals.append(
                                ForecastTotals.Contract(
                                    errorKey: learned.errorKey, target: outcome.target, value: outcome.value,
                                    deliveredToDate: toDate, central: learned.central,
                                    broughtForward: outcome.broughtForward))
                        case .calendarPace:
                            let days = year.firstDay.days(to: elapsed.last!.lastDay) + 1
                            forecast = ActivityUnits(
                                tenThousandths: ScaledDecimal.multiplyDivide(
                                    toDate.tenThousandths, Int64(year.numberOfDays), Int64(days)))
                        case .workingDayPace:
                            forecast = ActivityUnits(
                                tenThousandths: ScaledDecimal.multiplyDivide(
                                    toDate.tenThousandths, Int64(profile.total),
                                    Int64(max(1, profile.workingDays(in: elapsed)))))
                        }
                        cases.append(Case(outcome: outcome, forecast: forecast, low: low, high: high, rules: rules))
                    }
                    guard !cases.isEmpty else { continue }
                    rows.append(
                        row(
                            cases, year: year, month: month, method: method, judged: judged,
                            interval: method == .learned
                                ? ForecastTotals.clawback(totals, errors: model.errors, rules: rules) : nil))
                }
            }
        }
        return rows
    }

    struct Case {
        var outcome: ContractYearOutcome
        var forecast: ActivityUnits
        var low: ActivityUnits?
        var high: ActivityUnits?
        var rules: ReconciliationRules

        var target: Double { Double(outcome.target.tenThousandths) }
        var actualPercent: Double { Double(outcome.delivered.tenThousandths) / target * 100 }
        var forecastPercent: Double { Double(forecast.tenThousandths) / target * 100 }
        var projectedClawback: Int64 {
            YearEndReconciliation.reconcile(
                YearEndInput(
                    target: outcome.target, contractValue: outcome.value, delivered: forecast,
                    shortfallBroughtForward: outcome.broughtForward.shortfall,
                    creditBroughtForward: outcome.broughtForward.credit),
                rules: rules
            ).clawback.pence
        }
        var actualClawback: Int64 { outcome.result?.clawback.pence ?? 0 }

        /// <96, 96–100, 100–102, >102 % of target.
        static func band(_ percent: Double) -> Int { percent < 96 ? 0 : percent < 100 ? 1 : percent <= 102 ? 2 : 3 }
    }

    static func row(
        _ cases: [Case], year: FinancialYear, month: Int, method: Method, judged: Bool,
        interval: ForecastTotals.Interval?
    ) -> Row {
        let errors = cases.map { abs($0.forecastPercent - $0.actualPercent) }.sorted()
        let count = Double(cases.count)
        let below = cases.filter { $0.actualPercent < 96 }
        let flagged = cases.filter { $0.forecastPercent < 96 }
        var projected: [ICBCode: Int64] = [:]
        var actual: [ICBCode: Int64] = [:]
        var englandProjected: Int64 = 0
        var englandActual: Int64 = 0
        for item in cases {
            let (p, a) = (item.projectedClawback, item.actualClawback)
            englandProjected += p
            englandActual += a
            if let icb = item.outcome.icb {
                projected[icb, default: 0] += p
                actual[icb, default: 0] += a
            }
        }
        let icbErrors = actual.compactMap { icb, a -> Double? in
            a > 0 ? abs(Double((projected[icb] ?? 0) - a) / Double(a) * 100) : nil
        }.sorted()
        let withInterval = cases.filter { $0.low != nil }
        let covered = withInterval.filter {
            $0.outcome.delivered >= $0.low! && $0.outcome.delivered <= $0.high!
        }
        return Row(
            year: year, month: month, method: method, contracts: cases.count,
            meanAbsoluteError: errors.reduce(0, +) / count,
            medianAbsoluteError: PeerComparison.quantile(errors, 0.5),
            bandAccuracy: Double(cases.filter { Case.band($0.forecastPercent) == Case.band($0.actualPercent) }.count)
                / count,
            below96Recall: below.isEmpty
                ? 0 : Double(below.filter { $0.forecastPercent < 96 }.count) / Double(below.count),
            below96Precision: flagged.isEmpty
                ? 0 : Double(flagged.filter { $0.actualPercent < 96 }.count) / Double(flagged.count),
            projectedClawback: englandProjected, actualClawback: englandActual,
            medianICBError: PeerComparison.quantile(icbErrors, 0.5),
            coverage: withInterval.isEmpty ? nil : Double(covered.count) / Double(withInterval.count),
            englandInterval: interval, judged: judged)
    }

    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }
}
