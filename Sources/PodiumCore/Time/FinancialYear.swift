/// An NHS financial year: 1 April to 31 March (DOMAIN.md §0), named by its first calendar year.
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

    public static func < (lhs: FinancialYear, rhs: FinancialYear) -> Bool { lhs.startYear < rhs.startYear }
}
