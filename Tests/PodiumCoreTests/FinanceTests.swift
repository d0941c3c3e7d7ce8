import PodiumCore
import Testing

@Suite("Finance: payment phasing, forecast outturn and the reinvestment planner")
struct FinanceTests {
    static let year = FinancialYear(startYear: 2024)

    /// (annual value in pence, April–February instalment, March instalment).
    static let phasing: [(Int64, Int64, Int64)] = [
        (25_000_000, 2_083_333, 2_083_337),  // a worked example: £250,000 a year
        (1_200_000, 100_000, 100_000),
        (11, 0, 11),
        (1, 0, 1),
        (0, 0, 0),
        (-1_300, -109, -101),  // a recovery phases the same way and still sums exactly
    ]

    @Test(
        "Equal monthly instalments, remainder in March; they sum to the annual value to the penny", arguments: phasing)
    func instalments(_ row: (Int64, Int64, Int64)) {
        let payments = PaymentSchedule.instalments(annualValue: Money(pence: row.0), in: Self.year)
        #expect(payments.map(\.month) == Self.year.months)
        #expect(payments.dropLast().allSatisfy { $0.gross.pence == row.1 })
        #expect(payments.last?.gross.pence == row.2)
        #expect(payments.reduce(Int64(0)) { $0 + $1.gross.pence } == row.0)
    }

    @Test("Worked example: patient charges collected in a month come off that month's payment")
    func patientCharges() throws {
        let june = try #require(YearMonth("2024-06"))
        let payments = PaymentSchedule.instalments(
            annualValue: Money(pence: 25_000_000), in: Self.year, patientCharges: [june: Money(pence: 610_000)])
        #expect(payments.first { $0.month == june }?.net.pence == 1_473_333)
        #expect(payments.first { $0.month.month == 7 }?.net.pence == 2_083_333)
    }

    @Test("A variation re-phases from its month: earlier months are unchanged and the year totals pro rata")
    func rephasing() throws {
        let october = try #require(YearMonth("2024-10"))
        let before = PaymentSchedule.instalments(annualValue: Money(pence: 25_000_000), in: Self.year)
        // Handing back a fifth from October: £200,000 a year from then on.
        let after = PaymentSchedule.instalments(
            annualValue: Money(pence: 25_000_000), in: Self.year,
            changes: [.init(from: october, annualValue: Money(pence: 20_000_000))])
        #expect(Array(after.prefix(6)) == Array(before.prefix(6)))
        #expect(after[6..<11].allSatisfy { $0.gross.pence == 1_666_666 })
        // 6 × £250,000/12 + 6 × £200,000/12 = £225,000.
        #expect(after.reduce(Int64(0)) { $0 + $1.gross.pence } == 22_500_000)
        #expect(after[11].gross.pence == 22_500_000 - (6 * 2_083_333 + 5 * 1_666_666))
        // A change dated outside the year does nothing.
        let outside = PaymentSchedule.instalments(
            annualValue: Money(pence: 25_000_000), in: Self.year,
            changes: [.init(from: YearMonth("2025-04")!, annualValue: .zero)])
        #expect(outside == before)
    }

    @Test(
        "Forecast outturn = actuals to date + committed + projected − expected clawback; ring-fenced underspend at risk"
    )
    func forecast() throws {
        let months = Self.year.months
        let actuals = Dictionary(uniqueKeysWithValues: months.map { ($0, Money(pence: 1_000_000)) })
        let line = LineForecast.of(
            .dentalPrimary, budget: Money(pence: 13_000_000), asOf: months[5], actuals: actuals,
            committed: Money(pence: 200_000),
            projectedByMonth: actuals, reduction: Money(pence: 300_000))
        #expect(line.actualToDate.pence == 6_000_000)
        #expect(line.projected.pence == 6_000_000)
        #expect(line.recoveries.pence == 300_000)
        #expect(line.forecastOutturn.pence == 11_900_000)
        #expect(line.variance.pence == 1_100_000)
        #expect(line.underspendAtRisk.pence == 1_100_000)
        let pharmacy = LineForecast(
            kind: .pharmacyLocal, budget: Money(pence: 100), actualToDate: .zero, committed: .zero, projected: .zero)
        #expect(pharmacy.underspendAtRisk == .zero)
        #expect(!BudgetLineKind.pharmacyGlobalSum.isICBBudget)
    }

    static let sessions = ReinvestmentOption(
        id: "sessions", kind: .urgentAccessSessions, cost: Money(pence: 5_000_000), leadTimeDays: 30)
    static let community = ReinvestmentOption(
        id: "community", kind: .communityDental, cost: Money(pence: 20_000_000), leadTimeDays: 90)

    /// (today, fitting option ids, too late ids, must commit by).
    static let deadlines: [(String, [String], [String], String?)] = [
        ("2024-12-31", ["community", "sessions"], [], "2025-03-01"),  // 31 March less 90 days is 31 December
        ("2025-01-01", ["sessions"], ["community"], "2025-03-01"),
        ("2025-03-01", ["sessions"], ["community"], "2025-03-01"),  // 31 March less 30 days
        ("2025-03-02", [], ["community", "sessions"], nil),
    ]

    @Test(
        "Planner deadlines around 31 March: an option fits until its lead time would run past the year",
        arguments: deadlines)
    func planner(_ row: (String, [String], [String], String?)) throws {
        let plan = ReinvestmentPlan.of(
            underspend: Money(pence: 30_000_000), options: [Self.sessions, Self.community],
            today: try #require(CalendarDate(row.0)), year: Self.year)
        #expect(plan.fitting.map(\.id).sorted() == row.1)
        #expect(plan.tooLate.map(\.id).sorted() == row.2)
        #expect(plan.mustCommitBy?.iso == row.3)
        #expect(plan.uncommitted.pence == 30_000_000)
    }

    @Test("Approved options are committed; what is left decides which options still fit; leap years count")
    func plannerCommitments() throws {
        var approved = Self.community
        approved.approval = .init(committee: "Primary Care Commissioning Committee", date: CalendarDate("2024-10-10")!)
        let plan = ReinvestmentPlan.of(
            underspend: Money(pence: 24_000_000), options: [approved, Self.sessions],
            today: CalendarDate("2024-11-01")!, year: Self.year)
        #expect(plan.committed.pence == 20_000_000)
        #expect(plan.uncommitted.pence == 4_000_000)
        #expect(plan.fitting.isEmpty)
        #expect(plan.tooCostly.map(\.id) == ["sessions"])
        #expect(plan.mustCommitBy == nil)
        // 2023/24 ends on 31 March 2024, after 29 February: 30 days before is 1 March.
        #expect(Self.sessions.lastDecisionDate(in: FinancialYear(startYear: 2023)).iso == "2024-03-01")
    }
}
