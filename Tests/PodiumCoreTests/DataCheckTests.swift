import PodiumCore
import Testing

/// Each data check at its boundary: just inside is clean, just outside is flagged with what was seen.
@Suite("Data checks on published dental values")
struct DataCheckTests {
    static func year(
        target: Int64 = 1_000, valuePence: Int64 = 3_000_000, delivered: Int64 = 80, months: Int = 6,
        targets: [Int64]? = nil
    ) -> ContractYear {
        let rows = FinancialYear(startYear: 2024).months.prefix(months).enumerated().map { index, month in
            ContractMonth.fixture(
                month.compact, target: targets?[index] ?? target, valuePence: valuePence, delivered: delivered)
        }
        return ContractYear(contract: rows[0].contract, financialYear: FinancialYear(startYear: 2024), rows: rows)!
    }

    static func kinds(_ year: ContractYear) -> [DataCheck.Kind] { DataCheck.checks(year).map(\.kind) }

    @Test(
        "Value per UDA: £15.00 and £100.00 are inside the band; £14.99 and £100.01 are not",
        arguments: [
            (1_500_000, false), (10_000_000, false), (1_499_000, true), (10_001_000, true),
            // Cornwall's contract at £174.63 a UDA.
            (17_463_000, true),
        ])
    func udaValue(valuePence: Int64, flagged: Bool) {
        let year = Self.year(valuePence: valuePence)
        #expect(Self.kinds(year).contains(.udaValue) == flagged)
        if valuePence == 17_463_000 { #expect(DataCheck.checks(year)[0].words.hasPrefix("£174.63 per UDA")) }
    }

    @Test(
        "A target of 1–10 UDAs is flagged; 11 is not; 0 (no UDA contract) is not",
        arguments: [(10, true), (11, false), (1, true)])
    func tinyTarget(target: Int64, flagged: Bool) {
        // Value kept at £30 a UDA so only the target can be flagged.
        #expect(Self.kinds(Self.year(target: target, valuePence: target * 3_000)).contains(.tinyTarget) == flagged)
    }

    @Test("Delivery above 300% of the target for the months reported: 1,200 UDAs a year, 6 months expect 600")
    func deliveryAboveTarget() {
        // 6 × 300 = 1,800 = exactly 300 % of 600: not flagged; 6 × 301 = 1,806: flagged.
        #expect(
            !Self.kinds(Self.year(target: 1_200, valuePence: 3_600_000, delivered: 300)).contains(.deliveryAboveTarget))
        #expect(
            Self.kinds(Self.year(target: 1_200, valuePence: 3_600_000, delivered: 301)).contains(.deliveryAboveTarget))
    }

    @Test("A target moving by more than half in a month: 1,000 → 500 is exactly half (clean), → 499 is flagged")
    func targetMoved() {
        let half = Self.year(valuePence: 3_000_000, months: 2, targets: [1_000, 500])
        #expect(!Self.kinds(half).contains(.targetMoved))
        let more = Self.year(valuePence: 3_000_000, months: 2, targets: [1_000, 499])
        let check = DataCheck.checks(more).first { $0.kind == .targetMoved }
        #expect(check?.month == YearMonth(year: 2024, month: 5))
        #expect(check?.words.contains("1,000 → 499 UDAs") == true)
        #expect(
            Self.kinds(Self.year(valuePence: 3_000_000, months: 2, targets: [1_000, 1_501])).contains(.targetMoved))
    }
}
