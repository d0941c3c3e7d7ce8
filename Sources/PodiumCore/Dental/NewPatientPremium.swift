/// The New Patient Premium (dental recovery plan, 1 March 2024 to 31 March 2025; NHS England PRN01129): £15 for a
/// Band 1 course, £50 for Band 2 or 3, paid by NHSBSA as extra UDAs of equal value, counted within the target.
public enum NewPatientPremium {
    public static let firstDay = CalendarDate(year: 2024, month: 3, day: 1)!
    public static let lastDay = CalendarDate(year: 2025, month: 3, day: 31)!
    public static let band1 = Money(pence: 1500)
    public static let band2or3 = Money(pence: 5000)

    /// The UDAs a premium is worth: premium ÷ (contract value ÷ target), rounded half-up to 4 decimals once.
    /// `nil` for a contract without value or target.
    public static func credit(_ premium: Money, udaValue: UDAValue) -> ActivityUnits? {
        guard udaValue.contractValue.pence > 0, udaValue.target.tenThousandths > 0 else { return nil }
        return ActivityUnits(
            tenThousandths: ScaledDecimal.multiplyDivide(
                premium.pence, udaValue.target.tenThousandths, udaValue.contractValue.pence))
    }

    /// Whether a course accepted on `date` could attract the premium.
    public static func applies(on date: CalendarDate) -> Bool { date >= firstDay && date <= lastDay }
}
