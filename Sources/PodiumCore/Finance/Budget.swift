/// A line of an ICB's delegated budget (POD allocations: NHS England, Allocation of resources 2026/27 to 2027/28).
public enum BudgetLineKind: String, Sendable, Hashable, Codable, CaseIterable {
    case dentalPrimary = "dental-primary"
    case dentalCommunity = "dental-community"
    case dentalSecondary = "dental-secondary"
    case pharmacyLocal = "pharmacy-local"
    case pharmacyGlobalSum = "pharmacy-global-sum"
    case optometryGOS = "optometry-gos"
    case optometryLocal = "optometry-local"
    case specialised

    public var label: String {
        switch self {
        case .dentalPrimary: "Dental: primary care"
        case .dentalCommunity: "Dental: community"
        case .dentalSecondary: "Dental: secondary care"
        case .pharmacyLocal: "Pharmacy: locally commissioned services"
        case .pharmacyGlobalSum: "Pharmacy: national global sum (not an ICB budget)"
        case .optometryGOS: "Optometry: GOS"
        case .optometryLocal: "Optometry: local eye services"
        case .specialised: "Specialised services (when delegated)"
        }
    }

    /// Dental allocations are ring-fenced: underspend goes back into dental access or is lost to dentistry.
    public var isRingFenced: Bool { [.dentalPrimary, .dentalCommunity, .dentalSecondary].contains(self) }

    /// The CPCF global sum is paid nationally by NHSBSA; it is shown for context and never counted as ICB spend.
    public var isICBBudget: Bool { self != .pharmacyGlobalSum }
}

/// Budget against forecast for one line of one financial year.
public struct LineForecast: Sendable, Hashable {
    public var kind: BudgetLineKind
    public var budget: Money
    /// Spent in the months up to and including the latest month with actuals.
    public var actualToDate: Money
    /// Committed but not yet paid (approved reinvestments, signed orders).
    public var committed: Money
    /// Expected payments in the remaining months.
    public var projected: Money
    /// Expected recoveries before the year closes: for dental, the year-end clawback the contract engine projects.
    /// Kept apart from ``projected`` so a large clawback reads as money coming back, not as negative spending.
    public var recoveries: Money

    public init(
        kind: BudgetLineKind, budget: Money, actualToDate: Money, committed: Money, projected: Money,
        recoveries: Money = .zero
    ) {
        self.kind = kind
        self.budget = budget
        self.actualToDate = actualToDate
        self.committed = committed
        self.projected = projected
        self.recoveries = recoveries
    }

    public var forecastOutturn: Money { actualToDate + committed + projected - recoveries }
    /// Budget less forecast: positive is an underspend, negative an overspend.
    public var variance: Money { budget - forecastOutturn }
    /// What a ring-fenced line would lose if nothing more is committed by 31 March.
    public var underspendAtRisk: Money { kind.isRingFenced && variance.pence > 0 ? variance : .zero }

    /// Forecast for a line from its monthly actuals and the projection of the months after them.
    /// - Parameters:
    ///   - actuals: spend by month; months after `asOf` are ignored.
    ///   - projectedByMonth: expected spend by month; months up to `asOf` are ignored.
    ///   - reduction: expected recoveries in the rest of the year (for dental, the projected year-end clawback).
    public static func of(
        _ kind: BudgetLineKind, budget: Money, asOf: YearMonth, actuals: [YearMonth: Money], committed: Money,
        projectedByMonth: [YearMonth: Money], reduction: Money = .zero
    ) -> LineForecast {
        let actual = actuals.filter { $0.key <= asOf }.values.sum()
        let projected = projectedByMonth.filter { $0.key > asOf }.values.sum()
        return LineForecast(
            kind: kind, budget: budget, actualToDate: actual, committed: committed, projected: projected,
            recoveries: reduction)
    }
}
