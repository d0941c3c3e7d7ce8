/// An ICB's delegated budget against forecast for a financial year, and the plan for its ring-fenced dental
/// underspend (parliamentary answers on the ringfence, 2023/24 and 2024/25). Built from the dental contract engine's position and the
/// ICB's finance records, without I/O, so the ICB page, the England view and the API agree.
public struct FinancePosition: Sendable, Hashable {
    public var year: FinancialYear
    /// The latest month with actuals; later months are projected.
    public var asOf: YearMonth
    public var lines: [LineForecast]
    /// Spend by line and month: actual up to ``asOf``, projected after.
    public var monthly: [BudgetLineKind: [YearMonth: Money]]
    public var plan: ReinvestmentPlan
    /// The date the plan is judged at: today within the year; the year's last day once it has ended (its deadlines are
    /// history); before the year, the last day of ``asOf``.
    public var planDate: CalendarDate
    /// The year ended before the day the position is read on: what was not committed by 31 March is history, told in
    /// the past tense, never a live warning.
    public var isHistory: Bool
    public var options: [ReinvestmentOption]
    /// UDAs the contract engine expects to carry into next year (a shortfall of 96–100 %; not money).
    public var carriedForward: ActivityUnits
    /// The projected clawback's central figure and 80 % interval (``PortfolioPosition/clawbackInterval``); `nil` once
    /// the year is final or when nothing was learned.
    public var clawback: Money = .zero
    public var clawbackInterval: ForecastTotals.Interval?

    /// Forecast outturn at the two ends of the clawback's 80 % interval: more clawback, lower outturn.
    public var forecastOutturnInterval: (low: Money, high: Money)? {
        clawbackInterval.map { (forecastOutturn - ($0.high - clawback), forecastOutturn + (clawback - $0.low)) }
    }
    /// Ring-fenced underspend at risk at the two ends of the clawback's interval: more clawback, more underspend.
    public var underspendAtRiskInterval: (low: Money, high: Money)? {
        clawbackInterval.map {
            (
                Money(pence: max(0, (underspendAtRisk - (clawback - $0.low)).pence)),
                underspendAtRisk + ($0.high - clawback)
            )
        }
    }

    public var ringFenced: [LineForecast] { lines.filter(\.kind.isRingFenced) }
    public var underspendAtRisk: Money { Self.underspendAtRisk(lines) }
    public var budget: Money { lines.map(\.budget).sum() }
    public var forecastOutturn: Money { lines.map(\.forecastOutturn).sum() }

    /// Ring-fenced underspend at risk across `lines` (the plan needs it before the position exists).
    static func underspendAtRisk(_ lines: [LineForecast]) -> Money {
        lines.filter(\.kind.isRingFenced).map(\.underspendAtRisk).sum()
    }
    public var variance: Money { budget - forecastOutturn }

    /// - Parameters:
    ///   - dental: the contract engine's position for the ICB's contracts in the year.
    ///   - budgets, actuals, options: the ICB's budget lines, ledger actuals and reinvestment options (those of other
    ///     years are ignored).
    ///   - today: the date the plan is for (31 March deadlines count back from it).
    public static func of(
        dental: PortfolioPosition, budgets: [BudgetAllocation], actuals: [FinanceActual],
        options optionRecords: [ReinvestmentOptionRecord],
        today: CalendarDate
    ) -> FinancePosition {
        let year = dental.financialYear
        let asOf = dental.contracts.map(\.latest.month).max() ?? year.firstMonth
        let options = optionRecords.filter { $0.year == year }.map(\.option)

        var spent: [BudgetLineKind: [YearMonth: Money]] = [:]
        var committed: [BudgetLineKind: Money] = [:]
        for actual in actuals where year.contains(actual.month) {
            spent[actual.line, default: [:]][actual.month] = actual.spent
            committed[actual.line, default: .zero] += actual.committed
        }
        let approved = options.filter { $0.approval != nil }.map(\.cost).sum()
        committed[.dentalPrimary, default: .zero] += approved
        let budgetOf = Dictionary(
            budgets.filter { $0.year == year }.map { ($0.line, $0.budget) }, uniquingKeysWith: { first, _ in first })

        var lines: [LineForecast] = []
        var monthly: [BudgetLineKind: [YearMonth: Money]] = [:]
        for kind in BudgetLineKind.allCases
        where kind.isICBBudget && (budgetOf[kind] != nil || spent[kind] != nil || kind == .dentalPrimary) {
            let byMonth: [YearMonth: Money]
            let reduction: Money
            if kind == .dentalPrimary {
                // Contract payments, unless the ledger records the month; the year-end clawback the engine projects
                // comes back to the ICB, so it reduces the spend.
                byMonth = contractPayments(dental).merging(spent[kind] ?? [:]) { _, ledger in ledger }
                reduction = dental.projectedClawback
            } else {
                byMonth = runRate(spent[kind] ?? [:], asOf: asOf, year: year)
                reduction = .zero
            }
            monthly[kind] = byMonth
            lines.append(
                LineForecast.of(
                    kind, budget: budgetOf[kind] ?? .zero, asOf: asOf, actuals: byMonth,
                    committed: committed[kind] ?? .zero,
                    projectedByMonth: byMonth, reduction: reduction))
        }
        let underspend = underspendAtRisk(lines)
        let isHistory = today > year.lastDay
        let planDate = year.contains(today) ? today : isHistory ? year.lastDay : asOf.lastDay
        // Approved options are already in the committed column: the plan works on the underspend before them.
        let plan = ReinvestmentPlan.of(underspend: underspend + approved, options: options, today: planDate, year: year)
        return FinancePosition(
            year: year, asOf: asOf, lines: lines, monthly: monthly, plan: plan, planDate: planDate,
            isHistory: isHistory,
            options: options,
            carriedForward: dental.forecastContracts.compactMap { $0.forecast?.central.result.shortfallCarriedForward }
                .sum(),
            clawback: dental.projectedClawback, clawbackInterval: dental.clawbackInterval)
    }

    /// Every contract's monthly instalments, re-phased by its recorded variations (SFE monthly payments; re-phasing is Podium's reading).
    static func contractPayments(_ dental: PortfolioPosition) -> [YearMonth: Money] {
        var payments: [YearMonth: Money] = [:]
        for position in dental.contracts {
            let timeline = position.terms
            let changes = timeline.segments.dropFirst().map {
                PaymentSchedule.Change(from: $0.from.yearMonth, annualValue: $0.terms.value)
            }
            for payment in PaymentSchedule.instalments(
                annualValue: timeline.base.value, in: dental.financialYear, changes: changes)
            {
                payments[payment.month, default: .zero] += payment.gross
            }
        }
        return payments
    }

    /// The months recorded up to `asOf`, then their average (to the penny, rounded down) for each month after.
    static func runRate(_ recorded: [YearMonth: Money], asOf: YearMonth, year: FinancialYear) -> [YearMonth: Money] {
        var byMonth = recorded.filter { $0.key <= asOf }
        let average =
            byMonth.isEmpty ? Int64(0) : PaymentSchedule.floorDivide(byMonth.values.sum().pence, Int64(byMonth.count))
        for month in year.months where month > asOf { byMonth[month] = Money(pence: average) }
        return byMonth
    }
}
