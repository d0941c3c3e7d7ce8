/// A calendar date without time or zone, as published in ODS files (`20060601`).
public struct CalendarDate: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    public let month: Int
    public let day: Int

    /// - Returns: `nil` unless the date exists in the Gregorian calendar.
    public init?(year: Int, month: Int, day: Int) {
        guard let yearMonth = YearMonth(year: year, month: month), (1...Self.days(in: yearMonth)).contains(day) else {
            return nil
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// Parses `"20060601"` (ODS) or `"2006-06-01"` (ISO).
    public init?(_ text: String) {
        let digits = text.trimmingSpaces.filter { $0 != "-" }
        guard digits.count == 8, digits.allSatisfy(\.isASCIIDigit),
              let year = Int(digits.prefix(4)), let month = Int(digits.dropFirst(4).prefix(2)), let day = Int(digits.suffix(2))
        else { return nil }
        self.init(year: year, month: month, day: day)
    }

    /// `2006-06-01`.
    public var iso: String {
        "\(year)-\(month < 10 ? "0" : "")\(month)-\(day < 10 ? "0" : "")\(day)"
    }
    /// `1 June 2006`.
    public var label: String { "\(day) \(YearMonth.monthNames[month - 1]) \(year)" }
    public var description: String { iso }
    public var yearMonth: YearMonth { YearMonth(year: year, month: month)! }

    public static func < (lhs: CalendarDate, rhs: CalendarDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }

    static func days(in month: YearMonth) -> Int {
        switch month.month {
        case 2:
            let leap = (month.year % 4 == 0 && month.year % 100 != 0) || month.year % 400 == 0
            return leap ? 29 : 28
        case 4, 6, 9, 11: return 30
        default: return 31
        }
    }
}
