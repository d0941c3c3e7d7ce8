import PodiumCore
import Testing

@Suite("Financial years, months and dates")
struct TimeTests {
    @Test(
        "The financial year runs 1 April to 31 March",
        arguments: [
            (2023, 4, 2023), (2024, 3, 2023), (2024, 4, 2024), (2023, 12, 2023), (2024, 1, 2023), (2023, 3, 2022),
        ])
    func financialYearOfMonth(year: Int, month: Int, startYear: Int) throws {
        let yearMonth = try #require(YearMonth(year: year, month: month))
        #expect(FinancialYear(containing: yearMonth) == FinancialYear(startYear: startYear))
    }

    @Test("A financial year has twelve months, April to March, and a label")
    func months() {
        let year = FinancialYear(startYear: 2023)
        #expect(year.label == "2023/24")
        #expect(year.months.count == 12)
        #expect(year.months.first == YearMonth(year: 2023, month: 4))
        #expect(year.months.last == YearMonth(year: 2024, month: 3))
        #expect(FinancialYear(startYear: 1999).label == "1999/00")
        #expect(FinancialYear(startYear: 2008).label == "2008/09")
    }

    @Test(
        "Financial years parse from the ways people write them",
        arguments: [
            ("2023/24", 2023 as Int?), ("2023-24", 2023), ("2023", 2023), (" 2024/25 ", 2024), ("2023/25", nil),
            ("23/24", nil), ("2023/2024", nil),
            ("abcd", nil),
        ])
    func parseYear(text: String, expected: Int?) {
        #expect(FinancialYear(text)?.startYear == expected)
    }

    @Test(
        "Schedule months parse from NHSBSA and ISO forms",
        arguments: [
            ("202304", "2023-04" as String?), ("2023-12", "2023-12"), ("202313", nil), ("202300", nil), ("20234", nil),
            ("2023-4", nil), ("", nil),
        ])
    func parseMonth(text: String, expected: String?) {
        #expect(YearMonth(text)?.iso == expected)
    }

    @Test("Months step across year ends and count the gap between them")
    func monthArithmetic() throws {
        let december = try #require(YearMonth(year: 2023, month: 12))
        #expect(december.next == YearMonth(year: 2024, month: 1))
        #expect(december.next.previous == december)
        #expect(try #require(YearMonth(year: 2023, month: 4)).months(to: december) == 8)
        #expect(december.label == "December 2023")
        #expect(december.shortLabel == "Dec 2023")
    }

    @Test(
        "ODS dates parse only when the day exists",
        arguments: [
            ("20060601", "2006-06-01" as String?), ("2024-02-29", "2024-02-29"), ("20230229", nil), ("19000229", nil),
            ("20000229", "2000-02-29"),
            ("20230431", nil), ("2023061", nil), ("", nil),
        ])
    func parseDate(text: String, expected: String?) {
        #expect(CalendarDate(text)?.iso == expected)
    }
}
