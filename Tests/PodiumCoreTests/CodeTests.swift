import PodiumCore
import Testing

@Suite("Identifiers")
struct CodeTests {
    @Test(
        "ICB ODS codes are three characters starting with Q",
        arguments: [
            ("QYG", "QYG" as String?), ("qyg", "QYG"), (" QT6 ", "QT6"), ("Q99", "Q99"), ("YG1", nil), ("QYGG", nil),
            ("", nil), ("Q-1", nil),
        ])
    func icbCodes(text: String, expected: String?) {
        #expect(ICBCode(text)?.rawValue == expected)
    }

    @Test(
        "Contract numbers are ten characters and keep leading zeros",
        arguments: [
            ("1000080000", "1000080000" as String?), ("0012345678", "0012345678"), ("12345678", nil),
            ("00123456789", nil), ("12345 6789", nil),
        ])
    func contractNumbers(text: String, expected: String?) {
        #expect(ContractNumber(text)?.rawValue == expected)
    }

    @Test(
        "Dental practice codes drop CoMPASS's extra 0 (V0xxxxx → Vxxxxx)",
        arguments: [
            ("V00003", "V00003" as String?), ("V012345", "V12345"), ("V100507", "V100507"), ("V1234", nil),
            ("F12345", nil),
        ])
    func practiceCodes(text: String, expected: String?) {
        #expect(DentalPracticeCode(text)?.rawValue == expected)
    }

    @Test(
        "Pharmacy codes are F and four characters",
        arguments: [
            ("FA002", "FA002" as String?), ("fw844", "FW844"), ("FA0021", nil), ("VA002", nil),
        ])
    func pharmacyCodes(text: String, expected: String?) {
        #expect(PharmacyCode(text)?.rawValue == expected)
    }

    @Test(
        "Postcodes match whatever their spacing and show with one space",
        arguments: [
            ("SK7 5LD", "SK75LD" as String?, "SK7 5LD" as String?), ("HX7 7BZ ", "HX77BZ", "HX7 7BZ"),
            ("SA5 9 EA", "SA59EA", "SA5 9EA"),
            ("ec1a1bb", "EC1A1BB", "EC1A 1BB"), ("B1 1AA", "B11AA", "B1 1AA"), ("12345", nil, nil),
            ("SK7 5L", nil, nil), ("SK7 5LDD", nil, nil),
            ("", nil, nil),
        ])
    func postcodes(text: String, compact: String?, display: String?) {
        let postcode = Postcode(text)
        #expect(postcode?.rawValue == compact)
        #expect(postcode?.display == display)
    }

    @Test(
        "LSOA codes are 2011/2021 E01 or W01 codes",
        arguments: [
            ("E01000001", true), ("W01001234", true), ("E02000001", false), ("E0100001", false), ("E01A00001", false),
        ])
    func lsoaCodes(text: String, valid: Bool) {
        #expect((LSOACode(text) != nil) == valid)
    }

    @Test("Codes decode from JSON only when valid")
    func codable() throws {
        let decoder = JSONDecoderShim()
        #expect(try decoder.decode(ICBCode.self, from: "\"qyg\"").rawValue == "QYG")
        #expect(throws: (any Error).self) { try decoder.decode(ICBCode.self, from: "\"XYZ\"") }
    }

    @Test("An ICB's short name drops NHS and Integrated Care Board")
    func shortName() throws {
        let icb = ICB(
            code: try #require(ICBCode("QYG")), name: "NHS Cheshire and Merseyside Integrated Care Board",
            onsCode: try #require(ONSCode("E54000008")), onsCode2022: try #require(ONSCode("E54000008")))
        #expect(icb.shortName == "Cheshire and Merseyside")
    }
}
