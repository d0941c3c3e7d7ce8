import PodiumCore
import PodiumData

/// NHSBSA "English Contractor Monthly General Dental Activity" (NHSBSA Open Data Portal), every layout it has used
/// since April 2016.
///
/// - April 2016 – March 2023: 20 columns, one `BAND_2_DELIVERED`, the header separated by `", "`.
/// - From April 2023: the 22 columns of the data dictionary, band 2 split into 2a, 2b and 2c; `BAND_2A_DELIVERED`
///   is spelled with a trailing space (September–October 2023) or quoted with one (from November 2023).
///
/// Headers are matched with stray spaces trimmed; blank cells mean "no activity reported" and stay `nil`; band 2a/2b/2c
/// of the older files are "not published" (`nil`), never zero. Contract numbers are 10-character text, leading zeros
/// kept. A commissioner is stored as published whatever its kind (ICB, NHS England area team, Health & Justice);
/// only a malformed code is refused.
struct DentalActivityReader: DatasetReader {
    static let columns = [
        "YEAR_MONTH", "COMMISSIONER_CODE", "COMMISSIONER_NAME", "CONTRACT_NUMBER", "PROVIDER_NAME",
        "LATEST_PPC_ADDRESS_POSTCODE", "LSOA11_CODE", "UDA_PERF_TARGET", "UDA_FIN_VAL", "UDA_DELIVERED",
        "LATE_SUBMITTED_FP17", "UDA_DELIVERED_FD", "BAND_1_DELIVERED", "BAND_3_DELIVERED", "BAND_URGENT_DELIVERED",
        "BAND_OTHER_DELIVERED", "CHILD_12M_COUNT", "ADULT_24M_COUNT", "GENERAL_DENTAL_FIN_VALUE",
    ]
    static let splitBand2 = ["BAND_2A_DELIVERED", "BAND_2B_DELIVERED", "BAND_2C_DELIVERED"]
    static let combinedBand2 = "BAND_2_DELIVERED"

    let layout = FileLayout.headed(
        columns: columns,
        choices: [ColumnChoice(splitBand2, or: [combinedBand2], whenUsed: "as in the files before April 2023")])
    /// The ICB register, which says which commissioners are ICBs; `nil` when only checking the file's format.
    let knownICBs: Set<String>?

    func row(_ f: inout FieldReader) -> ContractMonth? {
        let monthText = f.required("YEAR_MONTH")
        let month = monthText.flatMap(YearMonth.init)
        if let monthText, month == nil { f.problem("YEAR_MONTH", "\"\(monthText)\" is not a month (expected YYYYMM)") }
        let commissioner = f.code("COMMISSIONER_CODE", as: CommissionerCode.self)
        let commissionerName = f.required("COMMISSIONER_NAME")
        let contract = f.code("CONTRACT_NUMBER", as: ContractNumber.self)
        let provider = f.required("PROVIDER_NAME")
        let postcode = f.code("LATEST_PPC_ADDRESS_POSTCODE", as: Postcode.self)
        let lsoa = f.optionalCode("LSOA11_CODE", as: LSOACode.self)
        let target = f.parse("UDA_PERF_TARGET", UDAs.init(parsing:))
        let value = f.parse("UDA_FIN_VAL", Money.init(pounds:))
        let delivered = f.parseOptional("UDA_DELIVERED", UDAs.init(parsing:))
        let late = f.optionalInteger("LATE_SUBMITTED_FP17")
        let foundation = f.parseOptional("UDA_DELIVERED_FD", UDAs.init(parsing:))
        let split = f.has(Self.splitBand2[0])
        // The layout the file has: the one count before April 2023, or the three after (the other stays nil).
        let band2 = split ? .some(nil) : f.optionalInteger(Self.combinedBand2)
        let parts = split ? Self.splitBand2.map { f.optionalInteger($0) } : [.some(nil), .some(nil), .some(nil)]
        let bands = ["BAND_1_DELIVERED", "BAND_3_DELIVERED", "BAND_URGENT_DELIVERED", "BAND_OTHER_DELIVERED"].map {
            f.optionalInteger($0)
        }
        let children = f.optionalInteger("CHILD_12M_COUNT")
        let adults = f.optionalInteger("ADULT_24M_COUNT")
        let general = f.parseOptional("GENERAL_DENTAL_FIN_VALUE", Money.init(pounds:))
        guard let month, let commissioner, let commissionerName, let contract, let provider, let postcode, let lsoa,
            let target, let value, let delivered, let late, let foundation, let children, let adults, let general,
            let band2, !(bands + parts).contains(where: { $0 == nil })
        else { return nil }
        let kind = CommissionerKind.of(commissioner, name: commissionerName) {
            knownICBs?.contains($0.rawValue) ?? false
        }
        let counts = bands.map { $0 ?? nil }
        let split2 = parts.map { $0 ?? nil }
        return ContractMonth(
            month: month, contract: contract, commissioner: commissioner, commissionerName: commissionerName,
            commissionerKind: kind, providerName: provider, postcode: postcode, lsoa2011: lsoa, udaTarget: target,
            udaContractValue: value, udasDelivered: delivered, lateFP17s: late,
            udasDeliveredByFoundationDentists: foundation,
            courses: CoursesByBand(
                band1: counts[0], band2: band2, band2a: split2[0], band2b: split2[1], band2c: split2[2],
                band3: counts[1], urgent: counts[2], other: counts[3]),
            childrenSeen12Months: children, adultsSeen24Months: adults, generalDentalValue: general)
    }
}
