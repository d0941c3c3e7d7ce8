import PodiumCore
import PodiumData

/// An ICB's budget against forecast for a financial year, with the reinvestment plan for dental underspend.
struct FinanceOverview: Sendable {
    var icb: ICB
    var year: FinancialYear
    /// The latest month with actuals; later months are projected.
    var asOf: YearMonth
    var lines: [LineForecast]
    /// Spend by line and month: actual up to ``asOf``, projected after.
    var monthly: [BudgetLineKind: [YearMonth: Money]]
    var plan: ReinvestmentPlan
    /// The date the plan is judged at: today within the year, else the end of the latest month of data (a past
    /// year is read as it stood then).
    var planDate: CalendarDate
    var options: [ReinvestmentOption]
    /// UDAs the contract engine expects to carry into next year (not money, noted beside the forecast).
    var carriedForward: ActivityUnits
    var records: [ICBRecords]
    var sources: [SourceNote]

    var ringFenced: [LineForecast] { lines.filter(\.kind.isRingFenced) }
    var underspendAtRisk: Money { ringFenced.reduce(Money.zero) { $0 + $1.underspendAtRisk } }
}

extension Workbench {
    /// - Parameter today: the date the plan is for (31 March deadlines count back from it).
    func finance(of code: ICBCode, choices: PositionChoices, today: CalendarDate) async throws -> FinanceOverview {
        let dental = try await dentalPosition(of: code, choices: choices)
        let year = dental.portfolio.financialYear
        let asOf = dental.portfolio.contracts.map(\.latest.month).max() ?? year.firstMonth
        let budgets = try await records(.budgetLines, of: code)
        let actuals = try await records(.financeActuals, of: code)
        let optionRecords = try await records(.reinvestmentOptions, of: code)
        let options = optionRecords.values.filter { $0.financialYear("financial_year") == year }.compactMap(ReinvestmentOption.init)

        // Dental primary care: every contract's monthly instalments, re-phased by its recorded variations.
        var contractPayments: [YearMonth: Money] = [:]
        for position in dental.portfolio.contracts {
            let timeline = position.terms
            let changes = timeline.segments.dropFirst().map { PaymentSchedule.Change(from: $0.from.yearMonth, annualValue: $0.terms.value) }
            for payment in PaymentSchedule.instalments(annualValue: timeline.base.value, in: year, changes: changes) {
                contractPayments[payment.month, default: .zero] += payment.gross
            }
        }
        var spent: [BudgetLineKind: [YearMonth: Money]] = [:]
        var committed: [BudgetLineKind: Money] = [:]
        for values in actuals.values {
            guard let month = values.month("month"), year.contains(month), let line = values.text("line").flatMap(BudgetLineKind.init) else { continue }
            spent[line, default: [:]][month] = values.money("spent") ?? .zero
            committed[line, default: .zero] += values.money("committed") ?? .zero
        }
        let approved = options.filter { $0.approval != nil }.reduce(Money.zero) { $0 + $1.cost }
        committed[.dentalPrimary, default: .zero] += approved

        var lines: [LineForecast] = [], monthly: [BudgetLineKind: [YearMonth: Money]] = [:]
        let budgetOf = Dictionary(budgets.values.filter { $0.financialYear("financial_year") == year }.compactMap { values in
            values.text("line").flatMap(BudgetLineKind.init).map { ($0, values.money("budget") ?? .zero) }
        }, uniquingKeysWith: { first, _ in first })
        for kind in BudgetLineKind.allCases where kind.isICBBudget && (budgetOf[kind] != nil || spent[kind] != nil || kind == .dentalPrimary) {
            var byMonth: [YearMonth: Money]
            let reduction: Money
            if kind == .dentalPrimary {
                // Contract payments, unless the ledger records the month; the year-end clawback the engine projects
                // comes back to the ICB, so it reduces the spend.
                byMonth = contractPayments.merging(spent[kind] ?? [:]) { _, ledger in ledger }
                reduction = dental.portfolio.projectedClawback
            } else {
                // The run rate of the months recorded, for the months to come.
                let recorded = (spent[kind] ?? [:]).filter { $0.key <= asOf }
                let average = recorded.isEmpty ? Int64(0) : recorded.values.reduce(Int64(0)) { $0 + $1.pence } / Int64(recorded.count)
                byMonth = recorded
                for month in year.months where month > asOf { byMonth[month] = Money(pence: average) }
                reduction = .zero
            }
            monthly[kind] = byMonth
            lines.append(LineForecast.of(
                kind, budget: budgetOf[kind] ?? .zero, asOf: asOf, actuals: byMonth, committed: committed[kind] ?? .zero,
                projectedByMonth: byMonth, reduction: reduction))
        }
        let underspend = lines.filter(\.kind.isRingFenced).reduce(Money.zero) { $0 + $1.underspendAtRisk }
        // Approved options are already in the committed column: the plan works on what is left.
        let planDate = year.contains(today) ? today : asOf.lastDay
        let plan = ReinvestmentPlan.of(underspend: underspend + approved, options: options, today: planDate, year: year)
        let carried = dental.portfolio.forecastContracts.compactMap { $0.forecast?.central.result.shortfallCarriedForward }.sum()
        return FinanceOverview(
            icb: dental.icb, year: year, asOf: asOf, lines: lines, monthly: monthly, plan: plan, planDate: planDate, options: options, carriedForward: carried,
            records: [budgets, actuals, optionRecords], sources: dental.sources)
    }
}
