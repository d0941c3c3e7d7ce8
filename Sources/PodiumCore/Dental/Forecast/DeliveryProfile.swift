/// How a year's UDA delivery is spread over its months, learned from past complete years, and how far a forecast made
/// from it has missed: what Podium's year-end forecast is made from (``LearnedForecast``).
///
/// Delivery is back-loaded — practices catch up before 31 March, and claims for a month keep arriving in later
/// schedule months — so "the year-to-date pace" overstates a shortfall. The profile holds, for each month k of the
/// year (1 = April), the UDAs delivered in April–k and in the whole year, summed over the years learned from: for
/// England, each ICB and each contract. A forecast at month k multiplies what a contract has delivered so far by the
/// year ÷ to-date ratio: its own years', shrunk towards its ICB's, shrunk towards England's (Podium's method, not a
/// published rule).
public struct DeliveryProfile: Sendable {
    /// UDAs delivered by the end of each month (April first) and in the whole year, over the years learned from.
    public struct Sums: Sendable, Hashable {
        public var toDate = [Double](repeating: 0, count: 12)
        public var year = 0.0
        /// Contract-years summed.
        public var count = 0

        public init() {}

        mutating func add(_ monthly: [Int64]) {
            var running = 0.0
            for (index, units) in monthly.enumerated() {
                running += Double(units)
                toDate[index] += running
            }
            year += running
            count += 1
        }

        /// Year ÷ delivered by the end of month `k` (1 = April); `nil` when nothing was delivered by then.
        public func ratio(at k: Int) -> Double? {
            guard (1...12).contains(k), toDate[k - 1] > 0, year > 0 else { return nil }
            return year / toDate[k - 1]
        }
    }

    /// How much the contract's own years and its ICB's count against the level above: `n ÷ (n + prior)` for `n`
    /// contract-years.
    public struct Shrinkage: Sendable, Hashable {
        public var contractPrior: Double
        public var icbPrior: Double
        public init(contractPrior: Double, icbPrior: Double) {
            self.contractPrior = contractPrior
            self.icbPrior = icbPrior
        }
        public static let standard = Shrinkage(contractPrior: 10, icbPrior: 20)
    }

    /// The financial years learned from, newest first.
    public let years: [FinancialYear]
    public let england: Sums
    public let icbs: [ICBCode: Sums]
    public let contracts: [ContractNumber: Sums]
    public let shrinkage: Shrinkage

    /// Years a profile never learns from: 2019/20 lost March 2020 to the pandemic, and 2020/21 and 2021/22 ran under
    /// activity thresholds, not contracts (``PandemicPhases``).
    public static let excludedYears: Set<Int> = [2019, 2020, 2021]
    /// How many of the most recent eligible years a profile learns from.
    public static let yearsLearned = 3

    /// The complete years before `year` a forecast for it learns from: the most recent ``yearsLearned`` with twelve
    /// months of data, the pandemic years left out.
    public static func trainingYears(for year: FinancialYear, complete: [FinancialYear]) -> [FinancialYear] {
        Array(
            complete.filter { $0 < year && !excludedYears.contains($0.startYear) }.sorted(by: >).prefix(yearsLearned))
    }

    /// Learns from the contracts that ran every month of `years` in `history`.
    public init(history: DentalHistory, years: [FinancialYear], shrinkage: Shrinkage = .standard) {
        self.init(outcomes: years.flatMap { history.outcomes(in: $0) }, years: years, shrinkage: shrinkage)
    }

    public init(outcomes: [ContractYearOutcome], years: [FinancialYear], shrinkage: Shrinkage = .standard) {
        let wanted = Set(years)
        var england = Sums()
        var icbs: [ICBCode: Sums] = [:]
        var contracts: [ContractNumber: Sums] = [:]
        for outcome in outcomes where wanted.contains(outcome.financialYear) && outcome.inEveryMonth {
            england.add(outcome.monthlyDelivered)
            if let icb = outcome.icb { icbs[icb, default: Sums()].add(outcome.monthlyDelivered) }
            contracts[outcome.contract, default: Sums()].add(outcome.monthlyDelivered)
        }
        self.years = years.sorted(by: >)
        self.england = england
        self.icbs = icbs
        self.contracts = contracts
        self.shrinkage = shrinkage
    }

    /// The year ÷ to-date ratio at month `k` for a contract, and how much its own years and its ICB's weighed.
    public struct Ratio: Sendable, Hashable {
        public var value: Double
        public var contractWeight: Double
        public var icbWeight: Double
    }

    /// Blended in logs: England's ratio; the ICB's pulled towards it by `icbPrior`; the contract's own pulled
    /// towards that by `contractPrior`. `nil` when England delivered nothing by month `k` in the years learned from.
    public func ratio(at k: Int, contract: ContractNumber, icb: ICBCode?) -> Ratio? {
        guard let englandRatio = england.ratio(at: k) else { return nil }
        var log = englandRatio.logarithm
        var icbWeight = 0.0
        if let icb, let sums = icbs[icb], let ratio = sums.ratio(at: k) {
            icbWeight = Double(sums.count) / (Double(sums.count) + shrinkage.icbPrior)
            log = icbWeight * ratio.logarithm + (1 - icbWeight) * log
        }
        var contractWeight = 0.0
        if let sums = contracts[contract], let ratio = sums.ratio(at: k) {
            contractWeight = Double(sums.count) / (Double(sums.count) + shrinkage.contractPrior)
            log = contractWeight * ratio.logarithm + (1 - contractWeight) * log
        }
        return Ratio(
            value: log.exponential, contractWeight: contractWeight, icbWeight: icbWeight * (1 - contractWeight))
    }
}

extension Double {
    /// Natural logarithm and exponential by series, so PodiumCore needs no Foundation.
    public var logarithm: Double {
        precondition(self > 0)
        // ln(x) = 2 artanh((x − 1) / (x + 1)), after scaling x into [0.5, 1) by powers of two.
        var x = self
        var exponent = 0.0
        while x >= 1 {
            x /= 2
            exponent += 1
        }
        while x < 0.5 {
            x *= 2
            exponent -= 1
        }
        let y = (x - 1) / (x + 1)
        let y2 = y * y
        var term = y
        var sum = 0.0
        var n = 1.0
        while abs(term / n) > 1e-17 {
            sum += term / n
            term *= y2
            n += 2
        }
        return 2 * sum + exponent * 0.693_147_180_559_945_3
    }

    public var exponential: Double {
        // e^x = 2^k · e^r with r = x − k ln 2 in [−ln2/2, ln2/2], then a Taylor series.
        let ln2 = 0.693_147_180_559_945_3
        let k = (self / ln2).rounded()
        let r = self - k * ln2
        var term = 1.0
        var sum = 1.0
        var n = 1.0
        while abs(term) > 1e-17 {
            term *= r / n
            sum += term
            n += 1
        }
        var result = sum
        if k > 0 { for _ in 0..<Int(k) { result *= 2 } } else if k < 0 { for _ in 0..<Int(-k) { result /= 2 } }
        return result
    }
}
