/// Bank holidays in England and Wales, as observed (substitute days included), 2016 to 2028.
///
/// Source: GOV.UK "UK bank holidays" (https://www.gov.uk/bank-holidays, JSON feed
/// https://www.gov.uk/bank-holidays.json, division `england-and-wales`), checked against the `holidays` Python
/// package (subdivision ENG) on 23 November 2026. Includes the one-off days: VE Day moved to 8 May 2020; the
/// Platinum Jubilee (3 June 2022, with the spring holiday moved to 2 June); the Queen's state funeral
/// (19 September 2022); the Coronation (8 May 2023). Covers financial years 2016/17 to 2027/28 (2016–2018 checked
/// against the same package on 6 December 2026, for ten years of dental activity).
public enum BankHolidays {
    /// Years the table covers completely.
    public static let coveredYears = 2016...2028

    /// Financial years whose every day the table covers.
    public static var coveredFinancialYears: ClosedRange<Int> {
        coveredYears.lowerBound...(coveredYears.upperBound - 1)
    }

    public static let englandAndWales: Set<CalendarDate> = Set(
        [
            "2016-01-01", "2016-03-25", "2016-03-28", "2016-05-02", "2016-05-30", "2016-08-29", "2016-12-26",
            "2016-12-27",
            "2017-01-02", "2017-04-14", "2017-04-17", "2017-05-01", "2017-05-29", "2017-08-28", "2017-12-25",
            "2017-12-26",
            "2018-01-01", "2018-03-30", "2018-04-02", "2018-05-07", "2018-05-28", "2018-08-27", "2018-12-25",
            "2018-12-26",
            "2019-01-01", "2019-04-19", "2019-04-22", "2019-05-06", "2019-05-27", "2019-08-26", "2019-12-25",
            "2019-12-26",
            "2020-01-01", "2020-04-10", "2020-04-13", "2020-05-08", "2020-05-25", "2020-08-31", "2020-12-25",
            "2020-12-28",
            "2021-01-01", "2021-04-02", "2021-04-05", "2021-05-03", "2021-05-31", "2021-08-30", "2021-12-27",
            "2021-12-28",
            "2022-01-03", "2022-04-15", "2022-04-18", "2022-05-02", "2022-06-02", "2022-06-03", "2022-08-29",
            "2022-09-19",
            "2022-12-26", "2022-12-27",
            "2023-01-02", "2023-04-07", "2023-04-10", "2023-05-01", "2023-05-08", "2023-05-29", "2023-08-28",
            "2023-12-25",
            "2023-12-26",
            "2024-01-01", "2024-03-29", "2024-04-01", "2024-05-06", "2024-05-27", "2024-08-26", "2024-12-25",
            "2024-12-26",
            "2025-01-01", "2025-04-18", "2025-04-21", "2025-05-05", "2025-05-26", "2025-08-25", "2025-12-25",
            "2025-12-26",
            "2026-01-01", "2026-04-03", "2026-04-06", "2026-05-04", "2026-05-25", "2026-08-31", "2026-12-25",
            "2026-12-28",
            "2027-01-01", "2027-03-26", "2027-03-29", "2027-05-03", "2027-05-31", "2027-08-30", "2027-12-27",
            "2027-12-28",
            "2028-01-03", "2028-04-14", "2028-04-17", "2028-05-01", "2028-05-29", "2028-08-28", "2028-12-25",
            "2028-12-26",
        ].compactMap(CalendarDate.init))
}

/// Working days (Monday to Friday, not a bank holiday) of each month of a financial year: the basis of the
/// expected delivery profile. NHS England's analysts profile expected UDAs by working days, not twelfths
/// (`nhsengland/SMT-Dental-Pack-PhODS`).
public struct WorkingDayProfile: Sendable, Hashable {
    public let financialYear: FinancialYear
    /// Working days of April … March.
    public let monthly: [Int]

    /// - Throws: ``WorkingDayProfile/NotCovered`` for a year the bank-holiday table does not cover.
    public init(_ financialYear: FinancialYear) throws(NotCovered) {
        guard BankHolidays.coveredFinancialYears.contains(financialYear.startYear) else {
            throw NotCovered(financialYear: financialYear)
        }
        self.financialYear = financialYear
        self.monthly = financialYear.months.map { month in
            (1...CalendarDate.days(in: month)).reduce(0) { count, day in
                let date = CalendarDate(year: month.year, month: month.month, day: day)!
                return count + (date.isWeekend || BankHolidays.englandAndWales.contains(date) ? 0 : 1)
            }
        }
    }

    /// Working days in the whole year.
    public var total: Int { monthly.reduce(0, +) }

    /// Working days in one month of the year (0 for a month outside it).
    public func workingDays(in month: YearMonth) -> Int {
        guard financialYear.contains(month) else { return 0 }
        return monthly[financialYear.firstMonth.months(to: month)]
    }

    /// Working days in the given months of the year.
    public func workingDays<S: Sequence>(in months: S) -> Int where S.Element == YearMonth {
        months.reduce(0) { $0 + workingDays(in: $1) }
    }

    /// Working days from 1 April to the end of `month`.
    public func workingDaysThrough(_ month: YearMonth) -> Int {
        workingDays(in: financialYear.months.filter { $0 <= month })
    }

    public struct NotCovered: Error, Sendable, Equatable, CustomStringConvertible {
        public var financialYear: FinancialYear
        public var description: String {
            "Bank holidays are known for financial years \(FinancialYear(startYear: BankHolidays.coveredFinancialYears.lowerBound).label)–\(FinancialYear(startYear: BankHolidays.coveredFinancialYears.upperBound).label), not \(financialYear.label)."
        }
    }
}
