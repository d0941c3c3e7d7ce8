import PodiumCore
import Testing

@Suite("Working days and the bank-holiday table")
struct WorkingDayTests {
    @Test(
        "Day numbers and weekdays agree with known dates",
        arguments: [
            ("1970-01-01", 0, 4), ("2023-04-01", 19448, 6), ("2024-02-29", 19782, 4), ("2000-03-01", 11017, 3),
            ("1969-12-31", -1, 3),
        ])
    func dayNumbers(text: String, number: Int, weekday: Int) throws {
        let date = try #require(CalendarDate(text))
        #expect(date.dayNumber == number)
        #expect(CalendarDate(dayNumber: number) == date)
        #expect(date.weekday == weekday)
    }

    @Test("Every bank holiday in the table falls on a weekday, and Easter holidays match the computed Easter")
    func table() {
        #expect(BankHolidays.englandAndWales.count == 107)
        #expect(BankHolidays.englandAndWales.allSatisfy { !$0.isWeekend })
        for year in BankHolidays.coveredYears {
            let easter = Self.easterSunday(year)
            #expect(BankHolidays.englandAndWales.contains(easter.adding(days: -2)), "Good Friday \(year)")
            #expect(BankHolidays.englandAndWales.contains(easter.adding(days: 1)), "Easter Monday \(year)")
            #expect(BankHolidays.englandAndWales.filter { $0.year == year }.count >= 8, "\(year)")
        }
    }

    @Test(
        "Working days per month match an independent count (Python holidays package, England)",
        arguments: [
            (2016, 255, [21, 20, 22, 21, 22, 22, 21, 22, 20, 21, 20, 23]),
            (2017, 251, [18, 21, 22, 21, 22, 21, 22, 22, 19, 22, 20, 21]),
            (2018, 253, [20, 21, 21, 22, 22, 20, 23, 22, 19, 22, 20, 21]),
            (2019, 254, [20, 21, 20, 23, 21, 21, 23, 21, 20, 22, 20, 22]),
            (2022, 251, [19, 21, 20, 21, 22, 21, 21, 22, 20, 21, 20, 23]),
            (2023, 250, [18, 20, 22, 21, 22, 21, 22, 22, 19, 22, 21, 20]),
            (2024, 254, [21, 21, 20, 23, 21, 21, 23, 21, 20, 22, 20, 21]),
            (2027, 256, [22, 19, 22, 22, 21, 22, 21, 22, 21, 20, 21, 23]),
        ])
    func profile(year: Int, total: Int, monthly: [Int]) throws {
        let profile = try WorkingDayProfile(FinancialYear(startYear: year))
        #expect(profile.total == total)
        #expect(profile.monthly == monthly)
        #expect(profile.workingDaysThrough(YearMonth(year: year, month: 9)!) == monthly.prefix(6).reduce(0, +))
    }

    @Test("A year the table does not cover is an error, not a guess")
    func notCovered() {
        #expect(throws: WorkingDayProfile.NotCovered.self) { try WorkingDayProfile(FinancialYear(startYear: 2028)) }
        #expect(throws: WorkingDayProfile.NotCovered.self) { try WorkingDayProfile(FinancialYear(startYear: 2015)) }
    }

    @Test("Financial years know their days and halves")
    func financialYearDays() {
        #expect(FinancialYear(startYear: 2023).numberOfDays == 366)  // holds 29 February 2024
        #expect(FinancialYear(startYear: 2024).numberOfDays == 365)
        #expect(
            FinancialYear(startYear: 2023).firstHalf.map(\.iso) == [
                "2023-04", "2023-05", "2023-06", "2023-07", "2023-08", "2023-09",
            ])
    }

    /// Anonymous Gregorian algorithm (Meeus/Jones/Butcher): an independent check on the table's Easter dates.
    static func easterSunday(_ year: Int) -> CalendarDate {
        let a = year % 19
        let b = year / 100
        let c = year % 100
        let d = b / 4
        let e = b % 4
        let f = (b + 8) / 25
        let g = (b - f + 1) / 3
        let h = (19 * a + b - d - g + 15) % 30
        let i = c / 4
        let k = c % 4
        let l = (32 + 2 * e + 2 * i - h - k) % 7
        let m = (a + 11 * h + 22 * l) / 451
        let month = (h + l - 7 * m + 114) / 31
        let day = (h + l - 7 * m + 114) % 31 + 1
        return CalendarDate(year: year, month: month, day: day)!
    }
}

@Suite("Contract variations")
struct VariationTests {
    static let year = FinancialYear(startYear: 2023)
    static let base = ContractTerms(target: UDAs(whole: 8000), value: Money(pence: 25_000_000))

    static func variation(_ effective: String, _ change: VariationChange, withdrawn: Bool = false) -> ContractVariation
    {
        ContractVariation(
            contract: ContractNumber("1000080000")!, effective: CalendarDate(effective)!, change: change,
            record: VariationRecord(
                id: effective, recordedBy: "A Commissioner", recordedAt: "2023-09-01T10:00:00.000Z", reason: "test",
                withdrawal: withdrawn
                    ? VariationRecord.Withdrawal(by: "B", at: "2023-09-02T10:00:00.000Z", reason: "mistake") : nil))
    }

    @Test("A hand-back from 1 October is pro-rated by calendar days: half of 2023/24's 366 days at each target")
    func handBackProRata() {
        let timeline = ContractTermsTimeline(
            financialYear: Self.year, base: Self.base,
            variations: [
                Self.variation("2023-10-01", .handBack(udas: UDAs(whole: 1000), value: Money(pence: 3_125_000)))
            ])
        #expect(timeline.segments.map(\.days) == [183, 183])
        #expect(timeline.effective == ContractTerms(target: UDAs(whole: 7500), value: Money(pence: 23_437_500)))
        #expect(timeline.final == ContractTerms(target: UDAs(whole: 7000), value: Money(pence: 21_875_000)))
    }

    @Test("A termination on 30 September ends the contract: half the year's target and value")
    func termination() {
        let timeline = ContractTermsTimeline(
            financialYear: Self.year, base: Self.base, variations: [Self.variation("2023-09-30", .termination)])
        #expect(timeline.effective == ContractTerms(target: UDAs(whole: 4000), value: Money(pence: 12_500_000)))
        #expect(timeline.final.target == .zero)
    }

    @Test("The minimum UDA value is applied by raising the value or lowering the target, never both")
    func minimumValue() {
        let cheap = ContractTerms(target: UDAs(whole: 8000), value: Money(pence: 20_000_000))  // £25.00 a UDA
        let raise = ContractTermsTimeline(
            financialYear: Self.year, base: cheap,
            variations: [Self.variation("2023-04-01", .minimumUDAValue(Money(pence: 2800), method: .raiseValue))])
        #expect(raise.effective == ContractTerms(target: UDAs(whole: 8000), value: Money(pence: 22_400_000)))
        let lower = ContractTermsTimeline(
            financialYear: Self.year, base: cheap,
            variations: [Self.variation("2023-04-01", .minimumUDAValue(Money(pence: 2800), method: .lowerTarget))])
        #expect(
            // £200,000 ÷ £28
            lower.effective == ContractTerms(target: UDAs(tenThousandths: 71_428_571), value: Money(pence: 20_000_000)))
    }

    @Test(
        "Variations that cannot apply are refused with a reason; withdrawn ones are ignored; earlier ones apply from 1 April"
    )
    func refusals() {
        let timeline = ContractTermsTimeline(
            financialYear: Self.year, base: Self.base,
            variations: [
                // £31.25 already
                Self.variation("2023-06-01", .minimumUDAValue(Money(pence: 2800), method: .raiseValue)),
                Self.variation("2023-07-01", .handBack(udas: UDAs(whole: 9000), value: Money(pence: 100))),
                Self.variation("2023-08-01", .termination, withdrawn: true),
                Self.variation("2022-12-01", .handBack(udas: UDAs(whole: 800), value: Money(pence: 2_500_000))),
            ])
        #expect(
            timeline.rejected.map(\.error) == [
                .upliftNotNeeded(current: Money(pence: 3125), minimum: Money(pence: 2800)),
                .handBackExceedsContract(target: UDAs(whole: 7200), value: Money(pence: 22_500_000)),
            ])
        #expect(timeline.effective == ContractTerms(target: UDAs(whole: 7200), value: Money(pence: 22_500_000)))
        #expect(timeline.segments.count == 1)
    }
}
