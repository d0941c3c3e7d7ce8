import PodiumCore
import Testing

/// Positions in 2023/24, whose working days are 18, 20, 22, 21, 22, 21, 22, 22, 19, 22, 21, 20 (250 in all).
/// A target of 12,500 UDAs is 50 UDAs a working day; at £30 a UDA the value is £375,000.
@Suite("Contract and portfolio positions")
struct PositionTests {
    static let year = FinancialYear(startYear: 2023)
    static let profile = try! WorkingDayProfile(year)
    /// April–October and December: November is missing, as in the bundled data.
    static let coverage = ActivityCoverage(
        financialYear: year,
        monthsPresent: ["202304", "202305", "202306", "202307", "202308", "202309", "202310", "202312"].compactMap(
            YearMonth.init))
    static let settings = PositionSettings.standard(for: year)

    /// Rows delivering `perDay` UDAs for each working day of each month present (optionally up to a month).
    static func rows(
        _ contract: String, perDay: Int64, through last: String = "202312", foundation: Int64? = nil,
        blankIn: String? = nil
    ) -> ContractYear {
        let months = coverage.monthsPresent.filter { $0 <= YearMonth(last)! }
        let rows = months.map { month in
            ContractMonth.fixture(
                month.compact, contract: contract, target: 12_500, valuePence: 37_500_000,
                delivered: month == YearMonth(blankIn ?? "") ? nil : perDay * Int64(profile.workingDays(in: month)),
                foundation: foundation)
        }
        return ContractYear(contract: ContractNumber(contract)!, financialYear: year, rows: rows)!
    }

    static func position(
        _ year: ContractYear, settings: PositionSettings = settings, variations: [ContractVariation] = []
    ) -> ContractPosition {
        ContractPosition(year: year, coverage: coverage, variations: variations, profile: profile, settings: settings)
    }

    @Test("On profile: delivery equals the working-day expectation and the forecast lands on 100%")
    func onProfile() throws {
        let position = Self.position(Self.rows("1000000001", perDay: 50))
        #expect(position.deliveredToDate == UDAs(whole: 8250))
        #expect(position.expectedForReportedMonths == UDAs(whole: 8250))
        #expect(position.againstProfile.percentText == "100.0%")
        #expect(position.missingMonths.map(\.iso) == ["2023-11"])
        #expect(position.months.first { $0.month.month == 11 }?.delivered == nil)
        let forecast = try #require(position.forecast)
        #expect(forecast.workingDaysReported == 165 && forecast.workingDaysProjected == 85)
        #expect(forecast.central.yearEndDelivery == UDAs(whole: 12_500))
        #expect(forecast.central.result.outcome == .met && forecast.central.result.clawback == .zero)
        let midYear = try #require(position.midYear)
        #expect(midYear.firstHalfDelivered == UDAs(whole: 6200) && !midYear.isFlagged && midYear.isComplete)
        #expect(position.notes.contains { $0.rule == "Missing months" })
    }

    @Test("Behind: 20 UDAs a working day projects 40%, clawback of the whole shortfall and a mid-year flag")
    func behind() throws {
        let position = Self.position(Self.rows("1000000002", perDay: 20))
        let result = try #require(position.projected)
        #expect(result.achievement.percentText == "40.0%")
        #expect(result.band == .belowLowerTolerance && result.breachNotice)
        #expect(result.clawback == Money(pence: 22_500_000))  // 7,500 UDAs × £30
        #expect(position.midYear?.isFlagged == true)  // 2,480 of 12,500 = 19.8 %
        #expect(position.notes.contains { $0.rule == "Mid-year review" && $0.explanation.contains("flagged") })
    }

    @Test("The range runs between the year-to-date pace and the last three months reported")
    func range() throws {
        // A blank December (a reported month with no activity) slows the recent pace.
        let position = Self.position(Self.rows("1000000003", perDay: 50, blankIn: "202312"))
        let forecast = try #require(position.forecast)
        #expect(forecast.recent.basis == "pace of the last 3 months reported")
        #expect(forecast.low.yearEndDelivery == forecast.recent.yearEndDelivery)
        #expect(forecast.high.yearEndDelivery == forecast.central.yearEndDelivery)
        #expect(forecast.low.yearEndDelivery < forecast.high.yearEndDelivery)
        // Year to date: 7,300 over 165 days; 85 days to go → 7,300 + 7,300 × 85 ÷ 165 = 11,060.6061
        #expect(forecast.central.yearEndDelivery == UDAs(tenThousandths: 110_606_061))
    }

    @Test("A contract missing from the latest month gets no forecast, and says why")
    func notInLatestData() {
        let position = Self.position(Self.rows("1000000004", perDay: 50, through: "202307"))
        #expect(position.status == .notInLatestData(lastSeen: YearMonth(year: 2023, month: 7)!))
        #expect(position.forecast == nil)
        #expect(
            position.months.filter { $0.data == .noRow }.map(\.month.iso) == [
                "2023-08", "2023-09", "2023-10", "2023-12",
            ])
        #expect(position.notes.contains { $0.rule == "Forecast" && $0.explanation.contains("may have ended") })
    }

    @Test("Foundation dentists' UDAs count only when chosen")
    func foundationDentists() {
        let year = Self.rows("1000000005", perDay: 50, foundation: 10)
        #expect(Self.position(year).deliveredToDate == UDAs(whole: 8250))
        var settings = Self.settings
        settings.countsFoundationDentistUDAs = true
        #expect(Self.position(year, settings: settings).deliveredToDate == UDAs(whole: 8330))  // + 8 months × 10
    }

    @Test("Recorded variations change the target the position is judged against")
    func variations() throws {
        let handBack = ContractVariation(
            contract: ContractNumber("1000000006")!, effective: CalendarDate(year: 2023, month: 10, day: 1)!,
            change: .handBack(udas: UDAs(whole: 2500), value: Money(pence: 7_500_000)),
            record: VariationRecord(
                id: "v1", recordedBy: "A", recordedAt: "2023-09-15T09:00:00.000Z", reason: "practice reducing NHS work")
        )
        let position = Self.position(Self.rows("1000000006", perDay: 50), variations: [handBack])
        // 12,500 for 183 days, 10,000 for 183
        #expect(position.terms.effective.target == UDAs(tenThousandths: 112_500_000))
        #expect(position.projected?.outcome == .exceeded)
        #expect(position.notes.contains { $0.rule == "Variations" })
    }

    @Test("A portfolio sums clawback and underspend, counts bands, ranks risks and keeps missing months as gaps")
    func portfolio() throws {
        let onProfile = Self.position(Self.rows("1000000001", perDay: 50))
        let behind = Self.position(Self.rows("1000000002", perDay: 20))
        let worse = Self.position(Self.rows("1000000007", perDay: 10))
        let ended = Self.position(Self.rows("1000000004", perDay: 50, through: "202307"))
        let portfolio = PortfolioPosition(financialYear: Self.year, contracts: [onProfile, behind, worse, ended])
        #expect(portfolio.forecastContracts.count == 3 && portfolio.notInLatestData == 1)
        #expect(portfolio.projectedClawback == Money(pence: 22_500_000 + 30_000_000))  // 7,500 and 10,000 UDAs × £30
        #expect(portfolio.projectedUnderspend == portfolio.projectedClawback)
        #expect(portfolio.bands[.belowLowerTolerance] == 2 && portfolio.bands[.upToUpperTolerance] == 1)
        #expect(portfolio.topRisks(5).map(\.contract.rawValue) == ["1000000007", "1000000002"])
        #expect(portfolio.flaggedAtMidYear.count == 2)
        let november = try #require(portfolio.trend.first { $0.month.month == 11 })
        #expect(november.delivered == nil)
        let april = try #require(portfolio.trend.first)
        #expect(april.delivered == UDAs(whole: 18 * (50 + 20 + 10 + 50)))
        #expect(april.expected == UDAs(whole: 900 * 3))  // current contracts only: 12,500 × 18 ÷ 250 each
    }
}
