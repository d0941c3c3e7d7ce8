/// One month's contract payment.
public struct MonthlyPayment: Sendable, Hashable, Codable {
    public var month: YearMonth
    /// The instalment of the annual contract value.
    public var gross: Money
    /// Patient charges the contractor collected, deducted from the payment (SFE "Deductions in respect of NHS charges").
    public var patientCharges: Money

    /// Cash the ICB pays.
    public var net: Money { gross - patientCharges }
}

/// Monthly phasing of an annual contract value (GDS Statement of Financial Entitlements, Monthly Annual Contract Value Payments).
///
/// Each month pays 1/12 of the annual value in force that month, rounded down to the penny; March pays what
/// is left of the year's total, so the instalments sum exactly to the annual value. A variation changes the
/// annual value from the month containing its effective date: months before keep what was paid, and the year's
/// total becomes the pro-rata sum, Σ (value in force in each month) ÷ 12, rounded half up. The 1/12 rule is the
/// working rule, not yet checked against the current SFE's wording; pro rata by month is [unconfirmed].
public enum PaymentSchedule {
    /// A change of annual value from a month.
    public struct Change: Sendable, Hashable {
        public var from: YearMonth
        public var annualValue: Money

        public init(from: YearMonth, annualValue: Money) {
            self.from = from
            self.annualValue = annualValue
        }
    }

    /// The twelve payments of `year`, April first.
    /// - Parameters:
    ///   - annualValue: the value in force from April.
    ///   - changes: later values, each from its month (months outside the year are ignored).
    ///   - patientCharges: charges collected in each month, deducted from that month's payment.
    public static func instalments(
        annualValue: Money, in year: FinancialYear, changes: [Change] = [], patientCharges: [YearMonth: Money] = [:]
    ) -> [MonthlyPayment] {
        let ordered = changes.filter { year.contains($0.from) }.sorted { $0.from < $1.from }
        let inForce = year.months.map { month in ordered.last { $0.from <= month }?.annualValue ?? annualValue }
        let total = floorDivide(inForce.sum().pence * 2 + 12, 24)  // Σ ÷ 12, half up
        var payments = zip(year.months, inForce).map { month, value in
            MonthlyPayment(
                month: month, gross: Money(pence: floorDivide(value.pence, 12)),
                patientCharges: patientCharges[month] ?? .zero)
        }
        let beforeMarch = payments.dropLast().reduce(Int64(0)) { $0 + $1.gross.pence }
        payments[11].gross = Money(pence: total - beforeMarch)
        return payments
    }

    /// Division rounding toward negative infinity, so a negative value (a recovery) phases the same way.
    static func floorDivide(_ value: Int64, _ divisor: Int64) -> Int64 {
        value >= 0 ? value / divisor : -((-value + divisor - 1) / divisor)
    }
}
