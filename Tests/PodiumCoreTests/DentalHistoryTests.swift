import PodiumCore
import Testing

/// Ten years of a contract: each year's shortfall or credit carried into the next, worked by hand.
@Suite("Contract histories: carry-forward chained across years, the mid-year review as held, year ends")
struct DentalHistoryTests {
    /// Twelve months of a year, `monthly` delivered in each of the first eleven and `last` in March.
    static func year(
        _ startYear: Int, monthly: Int64, last: Int64, target: Int64 = 8000, contract: String = "1000080000"
    ) -> [ContractMonth] {
        FinancialYear(startYear: startYear).months.enumerated().map { index, month in
            ContractMonth.fixture(
                month.compact, contract: contract, target: target, delivered: index == 11 ? last : monthly)
        }
    }

    /// A history of these years of rows (each year complete in the data).
    static func history(
        _ years: [[ContractMonth]], openings: [Int: [ContractNumber: [ICBCode: CarryForward]]] = [:]
    ) throws -> DentalHistory {
        var history = DentalHistory()
        for rows in years {
            let year = FinancialYear(containing: rows[0].month)
            history.add(
                ContractYear.all(from: rows, in: year),
                coverage: ActivityCoverage(financialYear: year, monthsPresent: year.months), variations: [:],
                openings: openings[year.startYear] ?? [:], profile: try WorkingDayProfile(year))
        }
        return history
    }

    static let contract = ContractNumber("1000080000")!

    // 8,000 UDAs at £250,000 (£31.25 a UDA) every year, DOMAIN worked example C's contract.
    // 2016/17: 11 × 640 + 660 = 7,700 delivered: 96.25 %, within tolerance, 300 UDAs shortfall carried.
    // 2017/18: 11 × 680 + 720 = 8,200 delivered, less 300 brought forward = 7,900: 98.75 %, 100 carried; at mid-year
    //          6 × 680 = 4,080 − 300 = 3,780 of 8,000, 47.25 %.
    // 2018/19: 11 × 690 + 710 = 8,300, less 100 = 8,200: 102.5 %, credit capped at 2 % = 160 carried, 40 unpaid.
    // 2019/20: 11 × 633 + 637 = 7,600, plus 160 credit = 7,760: 97 %, 240 shortfall carried; at mid-year
    //          6 × 633 = 3,798 + 160 = 3,958, 49.475 %.
    static let rows = [
        year(2016, monthly: 640, last: 660), year(2017, monthly: 680, last: 720), year(2018, monthly: 690, last: 710),
        year(2019, monthly: 633, last: 637),
    ]

    @Test("Four years worked by hand: 300 shortfall, then 100, then a 160 credit, then 240 shortfall")
    func chained() throws {
        let years = try #require(try Self.history(Self.rows).contracts[Self.contract])
        #expect(years.map(\.financialYear.startYear) == [2016, 2017, 2018, 2019])
        #expect(years.map(\.delivered) == [7_700, 8_200, 8_300, 7_600].map(UDAs.init(whole:)))
        #expect(years.map(\.broughtForward.shortfall) == [0, 300, 100, 0].map(UDAs.init(whole:)))
        #expect(years.map(\.broughtForward.credit) == [0, 0, 0, 160].map(UDAs.init(whole:)))
        #expect(years.map { $0.result?.adjustedDelivery } == [7_700, 7_900, 8_200, 7_760].map(UDAs.init(whole:)))
        #expect(years.map { $0.result?.shortfallCarriedForward } == [300, 100, 0, 240].map(UDAs.init(whole:)))
        #expect(years.map { $0.result?.creditCarriedForward } == [0, 0, 160, 0].map(UDAs.init(whole:)))
        #expect(years[2].result?.unpaidOverDelivery == UDAs(whole: 40))
        #expect(years.allSatisfy { $0.isFinal && $0.result?.clawback == .zero })
        #expect(years[1].midYear?.adjustedDelivery == UDAs(whole: 3_780))
        #expect(years[1].midYear?.achievement.percentText(decimals: 2) == "47.25%")
        #expect(years[3].midYear?.adjustedDelivery == UDAs(whole: 3_958))
        #expect(years[1].broughtForward.source == .previousYear(FinancialYear(startYear: 2016)))
    }

    @Test("Re-chaining one contract with an ICB's opening balance changes its years only, and not the month totals")
    func replacingContracts() throws {
        let icb = ICBCode("QYG")!
        let other = ContractNumber("1000090000")!
        let otherRows = [
            Self.year(2016, monthly: 600, last: 600, contract: other.rawValue),
            Self.year(2017, monthly: 600, last: 600, contract: other.rawValue),
            Self.year(2018, monthly: 600, last: 600, contract: other.rawValue),
            Self.year(2019, monthly: 600, last: 600, contract: other.rawValue),
        ]
        let published = try Self.history(zip(Self.rows, otherRows).map { $0 + $1 })
        let opening = CarryForward(shortfall: UDAs(whole: 500), credit: .zero, source: .openingBalance)
        let rechained = try Self.history(Self.rows, openings: [2018: [Self.contract: [icb: opening]]])
        let merged = published.replacingContracts(from: rechained)
        // The contract with the record: 2019/20 now a clawback of £18,750 (worked in the test below).
        #expect(merged.contracts[Self.contract]?[3].result?.clawback == Money(pence: 1_875_000))
        #expect(published.contracts[Self.contract]?[3].result?.clawback == .zero)
        // The other contract and the month totals: as published.
        #expect(merged.contracts[other] == published.contracts[other])
        let totals = { (history: DentalHistory) in history.months().map { $0.1.delivered } }
        #expect(totals(merged) == totals(published))
        #expect(merged.months().first?.1.contracts == 2)
    }

    @Test("An opening balance the ICB records wins: 500 into 2018/19 turns 2019/20 into a clawback of £18,750")
    func openingBalance() throws {
        let icb = ICBCode("QYG")!
        let opening = CarryForward(shortfall: UDAs(whole: 500), credit: .zero, source: .openingBalance)
        // 2018/19: 8,300 − 500 = 7,800, 97.5 %: 200 carried. 2019/20: 7,600 − 200 = 7,400, 92.5 %, below 96 %: the
        // whole shortfall of 600 UDAs × £31.25 = £18,750 is clawed back.
        let years = try #require(
            try Self.history(Self.rows, openings: [2018: [Self.contract: [icb: opening]]]).contracts[Self.contract])
        #expect(years[2].broughtForward == opening)
        #expect(years[2].result?.shortfallCarriedForward == UDAs(whole: 200))
        #expect(years[3].result?.adjustedDelivery == UDAs(whole: 7_400))
        #expect(years[3].result?.clawback == Money(pence: 1_875_000))
        // Another ICB's record for the contract changes nothing.
        let other = try #require(
            try Self.history(Self.rows, openings: [2018: [Self.contract: [ICBCode("QT6")!: opening]]])
                .contracts[Self.contract])
        #expect(other[2].broughtForward.shortfall == UDAs(whole: 100))
    }

    @Test("A year the contract was not in the data breaks the chain: nothing is brought across the gap")
    func gap() throws {
        let years = try #require(try Self.history([Self.rows[0], Self.rows[2]]).contracts[Self.contract])
        #expect(years.map(\.financialYear.startYear) == [2016, 2018])
        #expect(years[1].broughtForward == .none)
    }

    @Test("The mid-year review as held: the target of the September row, not one set in December")
    func midYearAsHeld() throws {
        // 1002190000's pattern in 2023/24: 3,000 UDAs at 30 September, raised to 4,500 in December. 2,445 UDAs from
        // April to September is 81.5 % of 3,000 as reviewed (54.3 % of 4,500 would flag nothing either, but the review
        // reads the terms in force then).
        let rows = FinancialYear(startYear: 2023).months.enumerated().map { index, month in
            ContractMonth.fixture(
                month.compact, target: index < 8 ? 3_000 : 4_500, delivered: index < 6 ? (index == 5 ? 420 : 405) : 300)
        }
        let year = try #require(
            ContractYear(contract: Self.contract, financialYear: FinancialYear(startYear: 2023), rows: rows))
        let position = ContractPosition(
            year: year,
            coverage: ActivityCoverage(financialYear: year.financialYear, monthsPresent: year.financialYear.months),
            variations: [], profile: try WorkingDayProfile(year.financialYear),
            settings: .standard(for: year.financialYear))
        #expect(position.midYear?.target == UDAs(whole: 3_000))
        #expect(position.midYear?.firstHalfDelivered == UDAs(whole: 2_445))
        #expect(position.midYear?.achievement.percentText(decimals: 1) == "81.5%")
        // The year end keeps the terms as they changed: the latest, 4,500.
        #expect(position.terms.effective.target == UDAs(whole: 4_500))
    }

    @Test("A contract not in the September data was not live at the review and is not reviewed, saying so")
    func notLiveAtMidYear() throws {
        let year = FinancialYear(startYear: 2023)
        let rows = year.months.filter { $0.month >= 10 || $0.month <= 3 }.map {
            ContractMonth.fixture($0.compact, delivered: 700)
        }
        let contractYear = try #require(ContractYear(contract: Self.contract, financialYear: year, rows: rows))
        let position = ContractPosition(
            year: contractYear, coverage: ActivityCoverage(financialYear: year, monthsPresent: year.months),
            variations: [], profile: try WorkingDayProfile(year), settings: .standard(for: year))
        #expect(position.midYear == nil)
        #expect(position.notReviewedAtMidYear?.contains("first appears in October 2023") == true)
        // It ran from October: its year end is pro-rated to the working days of October–March.
        #expect(!position.ranWholeYear)
        #expect(position.isFinal)
    }

    @Test("No mid-year review in the pandemic years: their quarterly thresholds took its place")
    func pandemicMidYear() throws {
        let years = try #require(
            try Self.history([Self.year(2020, monthly: 100, last: 100), Self.year(2021, monthly: 500, last: 500)])
                .contracts[Self.contract])
        #expect(years.allSatisfy { $0.midYear == nil })
        // 2020/21: 1,200 of 8,000 (15 %) is above the year's 11.25 % threshold: met, nothing carried or clawed back.
        #expect(years[0].result?.clawback == .zero && years[0].result?.shortfallCarriedForward == .zero)
        // 2021/22: 6,000 of 8,000 (75 %) is above 68.75 %: met, no shortfall carried.
        #expect(years[1].result?.clawback == .zero && years[1].result?.shortfallCarriedForward == .zero)
        #expect(
            YearEndStatus(isFinal: true, rules: ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2020)))
                == .estimate)
    }

    @Test(
        "Each year's thresholds come from one table, with how firmly each is known",
        arguments: [
            (2016, 9_600, true, RuleBasis.confirmed), (2019, 9_600, true, .unconfirmed),
            (2020, 1_125, false, .unconfirmed),
            (2021, 6_875, false, .unconfirmed), (2022, 9_000, true, .secondary), (2023, 9_600, true, .confirmed),
            (2025, 9_600, true, .confirmed),
        ])
    func thresholds(startYear: Int, lower: Int64, carries: Bool, basis: RuleBasis) {
        let rules = ReconciliationRulesTable.rules(for: FinancialYear(startYear: startYear))
        #expect(rules.lowerTolerance.basisPoints == lower)
        #expect(rules.upperTolerance == Percentage(percent: 102))
        #expect(rules.carriesShortfall == carries)
        #expect(rules.basis == basis)
    }

    @Test("Contracts ending, UDAs lost and recommissioned, year by year, worked by hand")
    func lifecycle() throws {
        // A continues, 1,000 → 800 (200 lost to a reduction); B ends in February 2018 with 500 (lost to an ending);
        // C starts in June 2017 with 300 (recommissioned); D rises 400 → 600 (200 recommissioned). E keeps the data
        // running to March 2018.
        let rows2016 =
            Self.year(2016, monthly: 80, last: 80, target: 1_000, contract: "1000000001")
            + Self.year(2016, monthly: 40, last: 40, target: 500, contract: "1000000002")
            + Self.year(2016, monthly: 30, last: 30, target: 400, contract: "1000000004")
        let rows2017 =
            Self.year(2017, monthly: 60, last: 60, target: 800, contract: "1000000001")
            + Self.year(2017, monthly: 40, last: 40, target: 500, contract: "1000000002").filter {
                $0.month < YearMonth(year: 2018, month: 3)!
            }
            + Self.year(2017, monthly: 25, last: 25, target: 300, contract: "1000000003").filter {
                $0.month >= YearMonth(year: 2017, month: 6)!
            }
            + Self.year(2017, monthly: 50, last: 50, target: 600, contract: "1000000004")
        let summaries = DentalYearSummary.all(try Self.history([rows2016, rows2017]))
        #expect(summaries.count == 2)
        let second = summaries[1]
        #expect(second.ended.map(\.contract.rawValue) == ["1000000002"] && second.udasLostToEndings == UDAs(whole: 500))
        #expect(second.udasLostToReductions == UDAs(whole: 200))
        #expect(second.newContracts == 1 && second.udasInNewContracts == UDAs(whole: 300))
        #expect(second.udasFromIncreases == UDAs(whole: 200))
        #expect(second.netChange == UDAs(whole: -200))
        #expect(second.contracted == UDAs(whole: 2_200))
        #expect(summaries[0].ended.isEmpty && summaries[0].newContracts == 0)
    }

    @Test("The pandemic made explicit for SPC: a baseline, the disrupted months unjudged, a rebase in April 2022")
    func pandemicPhases() {
        let months = Array(sequence(first: YearMonth(year: 2016, month: 4)!, next: \.next).prefix(114))
        let (options, phases) = PandemicPhases.options(for: months)
        #expect(options.rebaseAt == [47, 72])  // March 2020 and April 2022
        #expect(options.suspendedAt == [47])
        #expect(options.fixBaselineAfter == 24)
        #expect(phases.map(\.isSuspended) == [false, true, false])
        #expect(
            phases[0].description
                == "April 2016 – February 2020: limits from April 2016 – March 2018 (24 months), then held")
        let chart = XmRChart(
            months: months.enumerated().map { ($1, Double($0 % 5)) }, direction: .increase, options: options)
        #expect(chart.segments[1].limits == nil && chart.segments[1].isSuspended)
        #expect(chart.points[47..<72].allSatisfy { $0.rules.isEmpty })
        #expect(chart.segments[2].limits?.baselinePoints == 24 && chart.segments[2].limits?.isTrial == false)
        // A series that starts after recovery has one phase and the standard options.
        #expect(PandemicPhases.options(for: Array(months.suffix(10))).options.rebaseAt.isEmpty)
    }

    @Test(
        "A commissioner's kind comes from the ICB register, then its Health & Justice code, then an area team's name",
        arguments: [
            ("QT6", "Cornwall and the Isles Of Scilly ICB", CommissionerKind.icb),
            ("Q66", "Devon, Cornwall and Isles of Scilly AT", .areaTeam), ("Q70", "Wessex Local Office", .areaTeam),
            ("HJ2", "H&J North West", .healthAndJustice), ("X12", "Someone Else", .other),
        ])
    func commissionerKinds(code: String, name: String, kind: CommissionerKind) throws {
        let commissioner = try #require(CommissionerCode(code))
        #expect(CommissionerKind.of(commissioner, name: name) { $0.rawValue == "QT6" } == kind)
    }

    @Test(
        "Each year's per-1,000 rates use the estimate nearest its end with an under-18 split",
        arguments: [(2016, "mid-2020"), (2021, "mid-2020"), (2022, "mid-2024"), (2025, "mid-2024")])
    func nearestPopulation(startYear: Int, source: String) {
        let estimates = [
            ResidentPopulation(
                source: "mid-2020", date: CalendarDate(year: 2020, month: 6, day: 30)!, adults: 1, children: 1),
            ResidentPopulation(
                source: "mid-2024", date: CalendarDate(year: 2024, month: 6, day: 30)!, adults: 1, children: 1),
        ]
        #expect(ResidentPopulation.nearest(to: FinancialYear(startYear: startYear), among: estimates)?.source == source)
    }
}
