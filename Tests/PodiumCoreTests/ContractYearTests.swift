import PodiumCore
import Testing

/// Builds monthly rows stating only what a test is about.
extension ContractMonth {
    static func fixture(
        _ month: String, contract: String = "1000080000", commissioner: String = "QYG", target: Int64 = 8000,
        valuePence: Int64 = 25_000_000,
        delivered: Int64? = 600, foundation: Int64? = nil, late: Int? = 0, adults: Int? = nil, children: Int? = nil
    ) -> ContractMonth {
        ContractMonth(
            month: YearMonth(month)!, contract: ContractNumber(contract)!,
            commissioner: CommissionerCode(commissioner)!,
            commissionerName: "An ICB",
            providerName: "A Dental Practice", postcode: Postcode("CH64 9UZ")!, lsoa2011: LSOACode("E01018534"),
            udaTarget: UDAs(whole: target), udaContractValue: Money(pence: valuePence),
            udasDelivered: delivered.map(UDAs.init(whole:)),
            lateFP17s: late, udasDeliveredByFoundationDentists: foundation.map(UDAs.init(whole:)),
            courses: CoursesByBand(band1: 1, band2a: nil, band2b: nil, band2c: nil, band3: 2, urgent: nil, other: nil),
            childrenSeen12Months: children, adultsSeen24Months: adults, generalDentalValue: nil)
    }
}

@Suite("A dental contract's year to date")
struct ContractYearTests {
    let number = ContractNumber("1000080000")!
    let year = FinancialYear(startYear: 2023)

    @Test("Year to date sums the reported months; blank months add nothing")
    func yearToDate() throws {
        let rows: [ContractMonth] = [
            .fixture("202304", delivered: 600, foundation: 10, late: 2),
            .fixture("202305", delivered: nil, foundation: nil, late: nil),
            .fixture("202306", delivered: 700, foundation: 5, late: 1, adults: 4000, children: 1000),
        ]
        let contract = try #require(ContractYear(contract: number, financialYear: year, rows: rows))
        #expect(contract.udasDeliveredToDate == UDAs(whole: 1300))
        #expect(contract.foundationDentistUDAsToDate == UDAs(whole: 15))
        #expect(contract.lateFP17sToDate == 3)
        #expect(contract.deliveryToDate.percentText == "16.3%")  // 1,300 of 8,000 = 16.25 % → 16.3 %
        #expect(contract.adultsSeen24Months == 4000)
        #expect(contract.childrenSeen12Months == 1000)
    }

    @Test("Only the year's months count, whatever order they come in")
    func otherYearsIgnored() throws {
        let rows: [ContractMonth] = [
            .fixture("202306", delivered: 1), .fixture("202403", delivered: 2), .fixture("202404", delivered: 100),
            .fixture("202303", delivered: 100),
        ]
        let contract = try #require(ContractYear(contract: number, financialYear: year, rows: rows))
        #expect(contract.months.map(\.month.iso) == ["2023-06", "2024-03"])
        #expect(contract.udasDeliveredToDate == UDAs(whole: 3))
        #expect(contract.latest.month.iso == "2024-03")
        #expect(ContractYear(contract: number, financialYear: FinancialYear(startYear: 2020), rows: rows) == nil)
    }

    @Test("Target and value are the latest month's")
    func latestTarget() throws {
        let rows: [ContractMonth] = [
            .fixture("202305", target: 9000, valuePence: 30_000_000), .fixture("202304", target: 8000),
        ]
        let contract = try #require(ContractYear(contract: number, financialYear: year, rows: rows))
        #expect(contract.udaTarget == UDAs(whole: 9000))
        #expect(contract.contractValue == Money(pence: 30_000_000))
        #expect(contract.udaValue.perUDA == Money(pence: 3333))
    }

    @Test("A change is shown in the month it first appears, skipping months missing from the data")
    func changes() {
        let rows: [ContractMonth] = [
            .fixture("202304"), .fixture("202305"),
            .fixture("202310", target: 7500, valuePence: 25_000_000),  // target cut first seen in October (after a gap)
            // uplift first seen in December; November is missing
            .fixture("202312", target: 7500, valuePence: 26_000_000),
            .fixture("202401", commissioner: "QHL", target: 7500, valuePence: 26_000_000),
        ]
        let history = ContractChange.history(of: rows.reversed())
        #expect(history.map(\.month.iso) == ["2023-10", "2023-12", "2024-01"])
        #expect(history[0].previousMonth.iso == "2023-05")
        #expect(history[0].targetChanged && !history[0].valueChanged)
        #expect(history[0].targetDelta == UDAs(whole: -500))
        #expect(history[1].valueChanged && !history[1].targetChanged)
        #expect(history[1].valueDelta == Money(pence: 1_000_000))
        #expect(history[2].commissionerChanged && history[2].commissionerBefore.rawValue == "QYG")
    }

    @Test("A contract whose figures never change has no history")
    func noChanges() {
        #expect(ContractChange.history(of: [.fixture("202304"), .fixture("202305")]).isEmpty)
        #expect(ContractChange.history(of: [.fixture("202304")]).isEmpty)
        #expect(ContractChange.history(of: []).isEmpty)
    }

    @Test("Rows of many contracts group into contract years, in contract order")
    func grouping() {
        let rows: [ContractMonth] = [
            .fixture("202304", contract: "2000000000"), .fixture("202304", contract: "1000000000"),
            .fixture("202305", contract: "2000000000"),
            .fixture("202203", contract: "3000000000"),
        ]
        let years = ContractYear.all(from: rows, in: year)
        #expect(years.map(\.contract.rawValue) == ["1000000000", "2000000000"])
        #expect(years[1].months.count == 2)
    }

    @Test("Coverage names the months missing between the first and latest")
    func coverage() throws {
        let present = ["202304", "202305", "202306", "202307", "202308", "202309", "202310", "202312", "202212"]
            .compactMap(YearMonth.init)
        let coverage = ActivityCoverage(financialYear: year, monthsPresent: present)
        #expect(coverage.gaps.map(\.iso) == ["2023-11"])
        #expect(coverage.summary == "April 2023 – December 2023 (November 2023 missing)")
        #expect(ActivityCoverage(financialYear: year, monthsPresent: []).summary == "no months")
        #expect(
            ActivityCoverage(financialYear: year, monthsPresent: [YearMonth(year: 2023, month: 4)!]).summary
                == "April 2023")
    }

    @Test("Courses by band total only what was reported")
    func courses() {
        #expect(
            CoursesByBand(band1: 3, band2a: nil, band2b: 1, band2c: nil, band3: nil, urgent: 2, other: 0).total == 6)
        #expect(
            CoursesByBand(band1: nil, band2a: nil, band2b: nil, band2c: nil, band3: nil, urgent: nil, other: nil).total
                == nil)
    }
}
