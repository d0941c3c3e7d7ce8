/// Positions of many contracts — an ICB's, or England's — summed for the dental dashboard.
public struct PortfolioPosition: Sendable, Hashable, Codable {
    /// One month of the portfolio: delivered by contracts reporting, against the profile of all current contracts.
    public struct Month: Sendable, Hashable, Codable {
        public var month: YearMonth
        /// `nil` when the source has no data for the month.
        public var delivered: ActivityUnits?
        public var expected: ActivityUnits
    }

    public var financialYear: FinancialYear
    public var contracts: [ContractPosition]
    /// The 80 % interval of the projected clawback, drawn from the contracts' learned forecasts
    /// (``withClawbackInterval(errors:)``); `nil` for a final year or when nothing was learned.
    public var clawbackInterval: ForecastTotals.Interval?

    public init(financialYear: FinancialYear, contracts: [ContractPosition]) {
        self.financialYear = financialYear
        self.contracts = contracts
    }

    public var forecastContracts: [ContractPosition] { contracts.filter { $0.forecast != nil } }
    /// Contracts missing from the latest month of a year in progress: no forecast is made for them.
    public var notInLatestData: Int {
        contracts.filter { if case .notInLatestData = $0.status { true } else { false } }.count
    }
    /// Contracts that left the data during a completed year: reconciled for the months they ran.
    public var leftDuringYear: Int {
        contracts.filter { if case .leftDuringYear = $0.status { true } else { false } }.count
    }
    /// All twelve months are in the data: the year-end figures are final, not projected.
    public var isFinal: Bool { contracts.first?.isFinal ?? false }
    /// Final, an estimate (a pandemic year) or projected.
    public var yearEndStatus: YearEndStatus {
        YearEndStatus(
            isFinal: isFinal,
            rules: contracts.first?.settings.rules ?? ReconciliationRulesTable.rules(for: financialYear))
    }
    public var flaggedAtMidYear: [ContractPosition] { contracts.filter { $0.midYear?.isFlagged == true } }
    public var flaggedCount: Int { contracts.reduce(0) { $0 + ($1.midYear?.isFlagged == true ? 1 : 0) } }
    public var forecastCount: Int { contracts.reduce(0) { $0 + ($1.forecast == nil ? 0 : 1) } }

    // Sums run over the contracts in place: positions are large, and filtering would copy thousands of them.

    /// The year's contracted UDAs after variations.
    public var target: ActivityUnits { contracts.reduce(.zero) { $0 + $1.terms.effective.target } }
    public var deliveredToDate: ActivityUnits { contracts.reduce(.zero) { $0 + $1.deliveredToDate } }
    public var expectedForReportedMonths: ActivityUnits {
        contracts.reduce(.zero) { $0 + $1.expectedForReportedMonths }
    }
    /// Delivery against the working-day profile (higher is better).
    public var againstProfile: Proportion { Proportion(deliveredToDate, of: expectedForReportedMonths) }

    /// Projected clawback: the learned forecast where there is one, else the year-to-date pace.
    public var projectedClawback: Money {
        contracts.reduce(.zero) { $0 + ($1.forecast?.central.result.clawback ?? .zero) }
    }
    /// The same portfolio with ``clawbackInterval`` drawn from `errors`; contracts without a learned forecast (part
    /// years) add their central clawback to both ends.
    public func withClawbackInterval(errors: ForecastErrors) -> PortfolioPosition {
        let learned = contracts.compactMap(\.forecastTotalsContract)
        guard !isFinal, !learned.isEmpty, let rules = contracts.first?.settings.rules,
            let interval = ForecastTotals.clawback(learned, errors: errors, rules: rules)
        else { return self }
        let fixed = contracts.reduce(Money.zero) {
            $0 + ($1.forecast?.learned == nil ? ($1.forecast?.central.result.clawback ?? .zero) : .zero)
        }
        var copy = self
        copy.clawbackInterval = ForecastTotals.Interval(
            low: interval.low + fixed, high: interval.high + fixed, draws: interval.draws)
        return copy
    }

    /// Projected clawback at the year-to-date pace, whatever the central forecast.
    public var projectedClawbackAtPace: Money {
        contracts.reduce(.zero) { $0 + ($1.forecast?.pace.result.clawback ?? .zero) }
    }

    /// Projected clawback at each contract's lower and higher pace: the range of the central figure.
    public var projectedClawbackRange: (atLowerPace: Money, atHigherPace: Money) {
        (
            contracts.reduce(.zero) { $0 + ($1.forecast?.low.result.clawback ?? .zero) },
            contracts.reduce(.zero) { $0 + ($1.forecast?.high.result.clawback ?? .zero) }
        )
    }
    /// Contract value given up through recorded variations (hand-backs, terminations) in the year.
    public var valueReleasedByVariations: Money {
        contracts.reduce(.zero) {
            $0 + Money(pence: max(0, $1.terms.base.value.pence - $1.terms.effective.value.pence))
        }
    }
    /// Money the ICB is projected not to spend on these contracts: projected clawback plus value released by
    /// variations. Carried-forward shortfall is not underspend: it is owed as activity next year.
    public var projectedUnderspend: Money { projectedClawback + valueReleasedByVariations }
    /// Over-delivery the ICB's scheme would pay for.
    public var projectedOverDeliveryPayments: Money {
        contracts.reduce(.zero) { $0 + ($1.forecast?.central.result.overDeliveryPayment ?? .zero) }
    }

    /// Contracts by projected band (year-to-date pace).
    public var bands: [DeliveryBand: Int] {
        var counts = Dictionary(uniqueKeysWithValues: DeliveryBand.allCases.map { ($0, 0) })
        for position in contracts { if let band = position.projected?.band { counts[band, default: 0] += 1 } }
        return counts
    }

    /// The contracts with the largest projected clawback, largest first (ties by contract number).
    public func topRisks(_ count: Int) -> [ContractPosition] {
        forecastContracts
            .filter { ($0.projected?.clawback.pence ?? 0) > 0 }
            .sorted { ($0.projected?.clawback ?? .zero, $1.contract) > ($1.projected?.clawback ?? .zero, $0.contract) }
            .prefix(count).map { $0 }
    }

    /// Each month's delivery as a percentage of the profile, for months with data.
    public var deliveryAgainstProfile: [(YearMonth, Double)] {
        trend.compactMap { month in
            guard let delivered = month.delivered, month.expected.tenThousandths > 0 else { return nil }
            return (month.month, Double(delivered.tenThousandths) / Double(month.expected.tenThousandths) * 100)
        }
    }

    /// Month by month: delivered against the profile, from April to the latest month.
    public var trend: [Month] {
        guard let months = contracts.first?.months.map(\.month) else { return [] }
        return months.enumerated().map { index, month in
            let entries = contracts.compactMap { $0.months.indices.contains(index) ? $0.months[index] : nil }
            let missing = entries.allSatisfy { $0.data == .missingFromSource }
            return Month(
                month: month, delivered: missing ? nil : entries.compactMap(\.delivered).sum(),
                expected: contracts.filter(\.countsInProfile).compactMap {
                    $0.months.indices.contains(index) ? $0.months[index].expected : nil
                }.sum())
        }
    }
}
