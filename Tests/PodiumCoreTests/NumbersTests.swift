import PodiumCore
import Testing

@Suite("Exact decimals, money and UDAs")
struct NumbersTests {
    @Test(
        "Decimal text parses exactly into scaled integers",
        arguments: [
            ("0", 2, Int64(0)), ("19145", 2, 1_914_500), ("1238.8", 2, 123_880), ("629762.98", 2, 62_976_298),
            ("-3.5", 1, -35),
            ("+7", 0, 7), ("1,238.8", 2, 123_880), ("\"29,199\"".replacingOccurrences(of: "\"", with: ""), 0, 29_199),
            (" 12.50 ", 1, 125),
            (".5", 2, 50), ("12.", 2, 1200), ("1,234,567", 0, 1_234_567), ("12.0", 0, 12),
        ])
    func parses(text: String, scale: Int, expected: Int64) throws {
        #expect(try ScaledDecimal.parse(text, scale: scale) == expected)
    }

    @Test(
        "Text that is not an exact decimal is an error, never a rounding",
        arguments: [
            ("", ScaledDecimal.ParseError.empty), ("   ", .empty), ("12x", .notANumber("12x")),
            ("1.2.3", .notANumber("1.2.3")),
            ("12,34", .notANumber("12,34")), (",123", .notANumber(",123")),
            ("1.234", .tooManyDecimalPlaces("1.234", allowed: 2)),
            ("-", .notANumber("-")), ("99999999999999999999", .outOfRange("99999999999999999999")),
            ("1e5", .notANumber("1e5")),
        ])
    func rejects(text: String, expected: ScaledDecimal.ParseError) {
        #expect(throws: expected) { try ScaledDecimal.parse(text, scale: 2) }
    }

    @Test(
        "Formatting groups thousands and keeps only significant decimals",
        arguments: [
            (Int64(0), 0, 0, "0"), (1_914_500, 2, 0, "19,145"), (123_880, 2, 0, "1,238.8"),
            (62_976_298, 2, 2, "629,762.98"),
            (-35, 1, 1, "-3.5"), (5, 2, 2, "0.05"), (1_234_567, 0, 0, "1,234,567"), (100, 2, 2, "1.00"),
            (5, 4, 0, "0.0005"), (-123_456_789, 2, 2, "-1,234,567.89"), (100_000, 2, 0, "1,000"), (99_900, 2, 0, "999"),
            (Int64.max, 0, 0, "9,223,372,036,854,775,807"), (Int64.min, 2, 0, "-92,233,720,368,547,758.08"),
        ])
    func formats(value: Int64, scale: Int, minimum: Int, expected: String) {
        #expect(ScaledDecimal.format(value, scale: scale, minimumFractionDigits: minimum) == expected)
    }

    @Test(
        "Rounding half away from zero",
        arguments: [
            (Int64(5), Int64(2), Int64(3)), (4, 2, 2), (7, 3, 2), (-5, 2, -3), (5, -2, -3), (1, 3, 0), (2, 3, 1),
        ])
    func rounding(numerator: Int64, denominator: Int64, expected: Int64) {
        #expect(ScaledDecimal.divideRoundingHalfAwayFromZero(numerator, by: denominator) == expected)
    }

    @Test("Money is held in pence and shown in pounds")
    func money() throws {
        let value = try Money(pounds: "629762.98")
        #expect(value.pence == 62_976_298)
        #expect(value.formatted == "£629,762.98")
        #expect(value.plainPounds == "629762.98")
        #expect(Money(pence: -1250).formatted == "-£12.50")
        #expect(Money(pence: -5).plainPounds == "-0.05")
        #expect([Money(pence: 1), Money(pence: 2), Money(pence: -4)].sum() == Money(pence: -1))
        #expect(throws: ScaledDecimal.ParseError.tooManyDecimalPlaces("1.005", allowed: 2)) {
            try Money(pounds: "1.005")
        }
        // Rounded for reading: billions to two places, millions to one, thousands whole from £10k, else pounds.
        for (pence, words) in [
            (Int64(287_000_000_000), "£2.87bn"), (286_549_000_000, "£2.87bn"), (99_995_000_000, "£1.00bn"),
            (41_590_000_000, "£415.9m"), (99_949_999_999, "£999.5m"), (100_000_000, "£1.0m"), (3_450_000, "£35k"),
            (99_949_999, "£999k"), (123_456, "£1,235"), (-41_590_000_000, "-£415.9m"), (0, "£0"),
        ] {
            #expect(Money(pence: pence).roundedForReading == words, "\(pence)")
        }
    }

    @Test("Worked example: £250,000 for 8,000 UDAs is £31.25 per UDA (NHSBSA UDA_RATE)")
    func workedExampleA() {
        let value = UDAValue(contractValue: Money(pence: 25_000_000), target: UDAs(whole: 8000))
        #expect(value.perUDA == Money(pence: 3125))
    }

    @Test(
        "UDA value rounds half-up to the penny only when shown",
        arguments: [
            // £629,762.98 / 19,145 UDAs = £32.894…
            (Int64(62_976_298), Int64(1_914_500), Int64(3289)),
            // £100 / 3 UDAs = £33.333…
            (10_000, 300, 3333),
            // £1 / 8 UDAs = 12.5p → 13p
            (100, 800, 13),
        ])
    func udaValueRounding(pence: Int64, hundredths: Int64, expected: Int64) {
        #expect(
            UDAValue(contractValue: Money(pence: pence), target: UDAs(tenThousandths: hundredths * 100)).perUDA
                == Money(pence: expected))
    }

    @Test("A contract without a UDA target has no UDA value")
    func zeroTarget() {
        #expect(UDAValue(contractValue: Money(pence: 100), target: .zero).perUDA == nil)
    }

    @Test(
        "Proportions give percentages to a tenth, rounded half away from zero",
        arguments: [
            (Int64(123_880), Int64(1_914_500), "6.5%"), (1, 3, "33.3%"), (2, 3, "66.7%"), (1, 1, "100.0%"),
            (0, 5, "0.0%"), (1, 2000, "0.1%"),
            (-1, 3, "-33.3%"),
        ])
    func proportions(part: Int64, whole: Int64, expected: String) {
        #expect(Proportion(part: part, whole: whole).percentText == expected)
    }

    @Test("A proportion of nothing is not a percentage")
    func zeroWhole() {
        #expect(Proportion(part: 3, whole: 0).percentText == nil)
        #expect(Proportion(part: 3, whole: 0).tenthsOfPercent == nil)
    }

    @Test("UDAs parse from NHSBSA text and add exactly")
    func udas() throws {
        let months = try ["1238.8", "1424.2", "0.1", "0.2"].map { try UDAs(parsing: $0) }
        #expect(months.sum() == UDAs(tenThousandths: 26_633_000))
        #expect(months.sum().formatted == "2,663.3")
        #expect(months.sum().plain == "2663.3")
    }

    @Test("Published statistics compare by value whatever their precision")
    func fixedDecimals() throws {
        let a = try FixedDecimal(parsing: "9361.3", scale: 2)
        let b = try FixedDecimal(parsing: "18014.48", scale: 2)
        #expect(a < b)
        #expect(FixedDecimal(scaled: 15, scale: 1) < FixedDecimal(scaled: 151, scale: 2))
        #expect(a.formatted == "9,361.3")
        #expect(b.plain == "18014.48")
    }

    @Test("UDAs per 1,000 residents is exact to a tenth")
    func perThousand() {
        let figures = ICBFigures(
            population: 56_489_608, dentalContracts: 6997, contractedUDAs: UDAs(whole: 84_265_013),
            contractedValue: .zero,
            pharmacies: 0, dentalPractices: 0, imdAverageRank: nil, imdRankOfAverageRank: nil)
        // 84,265,013 / 56,489,608 × 1000 = 1491.69…
        #expect(figures.udasPerThousandResidents == FixedDecimal(scaled: 14917, scale: 1))
        var empty = figures
        empty.population = 0
        #expect(empty.udasPerThousandResidents == nil)
    }
}

@Suite("Codes in the order people read them")
struct NaturalOrderTests {
    @Test(
        "Digit runs compare as numbers, letters without case; the order is total",
        arguments: [
            ("EX-QT6-G2", "EX-QT6-G10", true), ("EX-QT6-G10", "EX-QT6-G2", false), ("G1", "G1", false),
            ("g2", "G10", true), ("G09", "G9", false), ("G9", "G09", true), ("A", "AB", true), ("AB", "A", false),
            ("2024-05-01", "2024-10-01", true), ("G10a", "G10b", true), ("FA1", "FB1", true),
        ])
    func order(lhs: String, rhs: String, less: Bool) {
        #expect(NaturalOrder.less(lhs, rhs) == less)
    }

    @Test("A list of GOS codes sorts G1, G2 … G10, G11, not G1, G10, G11, G2")
    func list() {
        let codes = (1...12).map { "EX-QT6-G\($0)" }
        #expect(codes.shuffled().sorted(by: NaturalOrder.less) == codes)
        #expect(codes.sorted() != codes)
        #expect(
            [SortValue.text("G10"), .text("G2"), .text("G1")].sorted() == [.text("G1"), .text("G2"), .text("G10")])
    }
}
