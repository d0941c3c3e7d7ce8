/// A calendar month, such as an NHSBSA schedule month (`YEAR_MONTH` = `202304`).
public struct YearMonth: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let year: Int
    /// 1 = January … 12 = December.
    public let month: Int

    /// - Returns: `nil` unless `month` is 1...12 and `year` is 1900...2199.
    public init?(year: Int, month: Int) {
        guard (1...12).contains(month), (1900...2199).contains(year) else { return nil }
        self.year = year
        self.month = month
    }

    /// Parses `"202304"` (NHSBSA) or `"2023-04"` (ISO).
    public init?(_ text: String) {
        let digits = text.trimmingSpaces.filter { $0 != "-" }
        guard digits.count == 6, digits.allSatisfy(\.isASCIIDigit),
            let year = Int(digits.prefix(4)), let month = Int(digits.suffix(2))
        else { return nil }
        self.init(year: year, month: month)
    }

    /// `202304`.
    public var compact: String { "\(year)\(month < 10 ? "0" : "")\(month)" }
    /// `2023-04`.
    public var iso: String { "\(year)-\(month < 10 ? "0" : "")\(month)" }
    /// `April 2023`.
    public var label: String { "\(Self.monthNames[month - 1]) \(year)" }
    /// `Apr 2023`.
    public var shortLabel: String { "\(Self.monthNames[month - 1].prefix(3)) \(year)" }
    public var description: String { iso }

    /// The following month.
    public var next: YearMonth {
        month == 12 ? YearMonth(unchecked: year + 1, 1) : YearMonth(unchecked: year, month + 1)
    }
    /// The preceding month.
    public var previous: YearMonth {
        month == 1 ? YearMonth(unchecked: year - 1, 12) : YearMonth(unchecked: year, month - 1)
    }

    /// The first and last days of the month.
    public var firstDay: CalendarDate { CalendarDate(year: year, month: month, day: 1)! }
    public var lastDay: CalendarDate { CalendarDate(year: year, month: month, day: CalendarDate.days(in: self))! }

    /// Whole months from `self` to `other` (positive when `other` is later).
    public func months(to other: YearMonth) -> Int { (other.year - year) * 12 + (other.month - month) }

    public static func < (lhs: YearMonth, rhs: YearMonth) -> Bool { (lhs.year, lhs.month) < (rhs.year, rhs.month) }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    private init(unchecked year: Int, _ month: Int) {
        self.year = year
        self.month = month
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// How old a monthly dataset is on a day: its latest month against the day's month.
public struct DataAge: Sendable, Hashable {
    public var latestMonth: YearMonth
    public var today: CalendarDate

    public init(latestMonth: YearMonth, today: CalendarDate) {
        self.latestMonth = latestMonth
        self.today = today
    }

    /// Whole months from the latest month to today's month (0 in the same month).
    public var months: Int { max(0, latestMonth.months(to: today.yearMonth)) }

    /// "14 months old on 6 December 2026", "from this month".
    public var words: String {
        months == 0
            ? "this month's, on \(today.label)" : "\(months) month\(months == 1 ? "" : "s") old on \(today.label)"
    }
}
