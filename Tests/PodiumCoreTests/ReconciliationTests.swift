import PodiumCore
import Testing

/// A worked year-end example (8,000 UDAs at £31.25) and the tolerance boundaries (NHSBSA KA-01672).
@Suite("Year-end reconciliation")
struct ReconciliationTests {
    /// Target 8,000 UDAs at £31.25: contract value £250,000.
    static func input(
        _ delivered: String, shortfall: String = "0", credit: String = "0", npp: String = "0", misc: String = "0",
        line: ServiceLine = .uda
    ) -> YearEndInput {
        YearEndInput(
            line: line, target: UDAs(whole: 8000), contractValue: Money(pence: 25_000_000),
            delivered: try! UDAs(parsing: delivered),
            shortfallBroughtForward: try! UDAs(parsing: shortfall), creditBroughtForward: try! UDAs(parsing: credit),
            newPatientPremiumCredits: try! UDAs(parsing: npp), miscellaneousCredits: try! UDAs(parsing: misc))
    }

    static let standard = ReconciliationRulesTable.standard

    struct Case: Sendable, CustomTestStringConvertible {
        var delivered: String
        var outcome: YearEndOutcome
        var band: DeliveryBand
        var clawbackPence: Int64
        var shortfallCF: String
        var creditCF: String
        var unpaid: String
        var breach: Bool
        var percent: String
        var testDescription: String { "\(delivered) of 8,000" }
    }

    @Test(
        "Worked example: 8,000 UDAs at £31.25, no carry forward",
        arguments: [
            Case(
                delivered: "7600", outcome: .underdelivered, band: .belowLowerTolerance, clawbackPence: 1_250_000,
                shortfallCF: "0", creditCF: "0", unpaid: "0", breach: true, percent: "95.0000"),
            Case(
                delivered: "7700", outcome: .met, band: .withinTolerance, clawbackPence: 0, shortfallCF: "300",
                creditCF: "0", unpaid: "0", breach: false, percent: "96.2500"),
            Case(
                delivered: "8100", outcome: .exceeded, band: .upToUpperTolerance, clawbackPence: 0, shortfallCF: "0",
                creditCF: "100", unpaid: "0", breach: false, percent: "101.2500"),
            Case(
                delivered: "8400", outcome: .exceeded, band: .aboveUpperTolerance, clawbackPence: 0, shortfallCF: "0",
                creditCF: "160", unpaid: "240", breach: false, percent: "105.0000"),
        ])
    func workedExampleC(_ c: Case) throws {
        let result = YearEndReconciliation.reconcile(Self.input(c.delivered), rules: Self.standard)
        #expect(result.outcome == c.outcome)
        #expect(result.band == c.band)
        #expect(result.clawback == Money(pence: c.clawbackPence))
        #expect(result.shortfallCarriedForward == (try UDAs(parsing: c.shortfallCF)))
        #expect(result.creditCarriedForward == (try UDAs(parsing: c.creditCF)))
        #expect(result.unpaidOverDelivery == (try UDAs(parsing: c.unpaid)))
        #expect(result.breachNotice == c.breach)
        #expect(result.achievement.percentPlain(decimals: 4) == c.percent)
        #expect(!result.notes.isEmpty && result.notes.allSatisfy { $0.source.contains("KA-01672") })
    }

    @Test(
        "Boundaries: exactly 96% carries forward, just below claws back the whole shortfall",
        arguments: [
            ("7680", DeliveryBand.withinTolerance, Int64(0), "320"),
            // the whole 320.0001 UDAs × £31.25 = £10,000.003125 → £10,000.00
            ("7679.9999", .belowLowerTolerance, 1_000_000, "0"),
            ("7999.9999", .withinTolerance, 0, "0.0001"),
        ])
    func lowerBoundary(delivered: String, band: DeliveryBand, clawbackPence: Int64, shortfall: String) throws {
        let result = YearEndReconciliation.reconcile(Self.input(delivered), rules: Self.standard)
        #expect(result.band == band)
        #expect(result.clawback.pence == clawbackPence)
        #expect(result.shortfallCarriedForward == (try UDAs(parsing: shortfall)))
    }

    @Test("Boundaries: exactly 100% is met; exactly 102% carries the whole excess; beyond it the credit is capped")
    func upperBoundaries() {
        let met = YearEndReconciliation.reconcile(Self.input("8000"), rules: Self.standard)
        #expect(
            met.outcome == .met && met.band == .upToUpperTolerance && met.creditCarriedForward == .zero
                && met.clawback == .zero)
        let atCap = YearEndReconciliation.reconcile(Self.input("8160"), rules: Self.standard)
        #expect(
            atCap.band == .upToUpperTolerance && atCap.creditCarriedForward == UDAs(whole: 160)
                && atCap.unpaidOverDelivery == .zero)
        let beyond = YearEndReconciliation.reconcile(Self.input("8160.0001"), rules: Self.standard)
        #expect(beyond.band == .aboveUpperTolerance && beyond.creditCarriedForward == UDAs(whole: 160))
        #expect(beyond.unpaidOverDelivery == UDAs(tenThousandths: 1))
    }

    @Test("An over-delivery scheme to 110%: paid above the 2% credit (example C), or instead of it")
    func overDeliveryScheme() {
        var rules = Self.standard
        rules.overDeliveryScheme = OverDeliveryScheme(payUpTo: Percentage(percent: 110))
        let above = YearEndReconciliation.reconcile(Self.input("8400"), rules: rules)
        #expect(above.creditCarriedForward == UDAs(whole: 160))
        #expect(above.paidOverDelivery == UDAs(whole: 240))
        #expect(above.overDeliveryPayment == Money(pence: 750_000))  // £7,500 for 240 UDAs
        #expect(above.unpaidOverDelivery == .zero)
        rules.overDeliveryScheme = OverDeliveryScheme(
            payUpTo: Percentage(percent: 110), mode: .payInsteadOfCarryForward)
        let instead = YearEndReconciliation.reconcile(Self.input("8400"), rules: rules)
        #expect(
            instead.creditCarriedForward == .zero && instead.paidOverDelivery == UDAs(whole: 400)
                && instead.overDeliveryPayment == Money(pence: 1_250_000))
        let beyondScheme = YearEndReconciliation.reconcile(Self.input("9000"), rules: rules)
        #expect(
            beyondScheme.paidOverDelivery == UDAs(whole: 800) && beyondScheme.unpaidOverDelivery == UDAs(whole: 200))
    }

    @Test("Adjusted delivery = delivered − shortfall b/f + credit b/f + NPP credits + miscellaneous credits")
    func adjustedDelivery() {
        let input = Self.input("7500", shortfall: "300", credit: "100", npp: "250.48", misc: "10")
        #expect(input.adjustedDelivery == (try! UDAs(parsing: "7560.48")))
        let result = YearEndReconciliation.reconcile(input, rules: Self.standard)
        #expect(result.band == .belowLowerTolerance)
        // 439.52 UDAs × £31.25 = £13,735.00
        #expect(result.clawback == Money(pence: 1_373_500))
    }

    @Test("2022/23 used a 90% lower tolerance: 95% is carried forward, not clawed back")
    func year2022() {
        let rules = ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2022))
        #expect(rules.lowerTolerance == Percentage(percent: 90))
        let result = YearEndReconciliation.reconcile(Self.input("7600"), rules: rules)
        #expect(
            result.band == .withinTolerance && result.clawback == .zero
                && result.shortfallCarriedForward == UDAs(whole: 400))
        #expect(
            ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2023)).lowerTolerance
                == Percentage(percent: 96))
    }

    @Test("Sedation and domiciliary: below 100% clawback to 100%, nothing carried either way")
    func sedation() {
        let rules = ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2023), line: .sedation)
        let short = YearEndReconciliation.reconcile(Self.input("7900", line: .sedation), rules: rules)
        #expect(
            short.outcome == .underdelivered && short.clawback == Money(pence: 312_500)
                && short.shortfallCarriedForward == .zero)
        #expect(!short.breachNotice)
        let over = YearEndReconciliation.reconcile(Self.input("8100", line: .domiciliary), rules: rules)
        #expect(
            over.outcome == .exceeded && over.creditCarriedForward == .zero
                && over.unpaidOverDelivery == UDAs(whole: 100))
    }

    @Test("A line with no target has nothing to reconcile")
    func noTarget() {
        var input = Self.input("10")
        input.target = .zero
        let result = YearEndReconciliation.reconcile(input, rules: Self.standard)
        #expect(result.clawback == .zero && result.outcome == .met)
    }
}

@Suite("Mid-year review and New Patient Premium")
struct MidYearTests {
    @Test("Worked mid-year example: 2,500 less 300 brought forward is 27.5%: flagged, withholding up to £112,500")
    func workedExampleB() {
        let review = MidYearReview(
            target: UDAs(whole: 8000), contractValue: Money(pence: 25_000_000), firstHalfDelivered: UDAs(whole: 2500),
            shortfallBroughtForward: UDAs(whole: 300))
        #expect(review.adjustedDelivery == UDAs(whole: 2200))
        #expect(review.achievement.percentText == "27.5%")
        #expect(review.isFlagged)
        #expect(review.maximumWithholding == Money(pence: 11_250_000))
        #expect(review.note.source.contains("Schedule 3"))
    }

    @Test(
        "Exactly 30% is not flagged; a hair below is",
        arguments: [("2400", false), ("2399.9999", true), ("4000", false)])
    func threshold(delivered: String, flagged: Bool) throws {
        let review = MidYearReview(
            target: UDAs(whole: 8000), contractValue: Money(pence: 25_000_000),
            firstHalfDelivered: try UDAs(parsing: delivered))
        #expect(review.isFlagged == flagged)
    }

    @Test("Withholding is never below zero nor above the annual value")
    func withholdingBounds() {
        let ahead = MidYearReview(
            target: UDAs(whole: 8000), contractValue: Money(pence: 25_000_000), firstHalfDelivered: UDAs(whole: 5000))
        #expect(ahead.maximumWithholding == .zero)
        let behind = MidYearReview(
            target: UDAs(whole: 8000), contractValue: Money(pence: 25_000_000), firstHalfDelivered: UDAs(whole: 100),
            shortfallBroughtForward: UDAs(whole: 400))
        #expect(behind.adjustedDelivery == UDAs(whole: -300))
        #expect(behind.maximumWithholding == Money(pence: 25_000_000))
    }

    @Test("Worked New Patient Premium example: at £31.25 a UDA, the £50 premium is 1.6 UDAs and the £15 premium 0.48")
    func workedExampleD() {
        let value = UDAValue(contractValue: Money(pence: 25_000_000), target: UDAs(whole: 8000))
        #expect(NewPatientPremium.credit(NewPatientPremium.band2or3, udaValue: value) == (try! UDAs(parsing: "1.6")))
        #expect(
            UDAs(whole: 3) + NewPatientPremium.credit(NewPatientPremium.band2or3, udaValue: value)!
                == (try! UDAs(parsing: "4.6")))
        #expect(
            UDAs(whole: 1) + NewPatientPremium.credit(NewPatientPremium.band1, udaValue: value)!
                == (try! UDAs(parsing: "1.48")))
        #expect(NewPatientPremium.applies(on: CalendarDate(year: 2024, month: 3, day: 1)!))
        #expect(!NewPatientPremium.applies(on: CalendarDate(year: 2025, month: 4, day: 1)!))
    }
}

@Suite("Patients seen")
struct PatientsSeenTests {
    @Test("Worked access example: 480,000 of 1,200,000 adults is 40.0%; 159,600 of 280,000 children is 57.0%")
    func workedExampleE() {
        let seen = PatientsSeen(
            adultsSeen24Months: 480_000, adultPopulation: 1_200_000, childrenSeen12Months: 159_600,
            childPopulation: 280_000)
        #expect(seen.adultRate.percentText == "40.0%")
        #expect(seen.childRate.percentText == "57.0%")
        #expect(
            PatientsSeen(adultsSeen24Months: 1, adultPopulation: 0, childrenSeen12Months: 0, childPopulation: 0)
                .adultRate.percentText == nil)
    }
}
