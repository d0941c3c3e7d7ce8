/// An NHS financial year: 1 April to 31 March (NHSBSA FOI-03270 data dictionary), named by its first calendar year.
public struct FinancialYear: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The calendar year in which the financial year starts: 2023 for 2023/24.
    public let startYear: Int

    public init(startYear: Int) { self.startYear = startYear }

    /// The financial year a month falls in: April 2023 – March 2024 are 2023/24.
    public init(containing month: YearMonth) {
        self.startYear = month.month >= 4 ? month.year : month.year - 1
    }

    /// Parses `"2023/24"`, `"2023-24"` or `"2023"`.
    public init?(_ text: String) {
        let trimmed = text.trimmingSpaces
        let head = trimmed.prefix(4)
        guard head.count == 4, head.allSatisfy(\.isASCIIDigit), let year = Int(head) else { return nil }
        let rest = trimmed.dropFirst(4)
        if !rest.isEmpty {
            guard rest.count == 3, rest.first == "/" || rest.first == "-",
                Int(rest.dropFirst()) == (year + 1) % 100
            else { return nil }
        }
        self.startYear = year
    }

    /// `2023/24`.
    public var label: String {
        let end = (startYear + 1) % 100
        return "\(startYear)/\(end < 10 ? "0" : "")\(end)"
    }

    public var description: String { label }

    /// `2023-24`: the form `year=` takes in a link, with no character a URL must escape.
    public var parameter: String { label.replacing("/", with: "-") }

    /// April of the start year.
    public var firstMonth: YearMonth { YearMonth(year: startYear, month: 4)! }
    /// March of the following year.
    public var lastMonth: YearMonth { YearMonth(year: startYear + 1, month: 3)! }
    /// The twelve months, April to March.
    public var months: [YearMonth] {
        var result = [firstMonth]
        while result.count < 12 { result.append(result[result.count - 1].next) }
        return result
    }

    public func contains(_ month: YearMonth) -> Bool { FinancialYear(containing: month) == self }

    /// The financial year a date falls in.
    public init(containing date: CalendarDate) { self.init(containing: date.yearMonth) }

    /// 1 April.
    public var firstDay: CalendarDate { CalendarDate(year: startYear, month: 4, day: 1)! }
    /// 31 March.
    public var lastDay: CalendarDate { CalendarDate(year: startYear + 1, month: 3, day: 31)! }
    /// 365, or 366 when the year holds 29 February.
    public var numberOfDays: Int { firstDay.days(to: lastDay) + 1 }
    public func contains(_ date: CalendarDate) -> Bool { date >= firstDay && date <= lastDay }

    /// The first half, 1 April – 30 September: what the mid-year review looks at (GDS Regs Sch 3 para 58(3)).
    public var firstHalf: [YearMonth] { Array(months.prefix(6)) }

    public static func < (lhs: FinancialYear, rhs: FinancialYear) -> Bool { lhs.startYear < rhs.startYear }
}
