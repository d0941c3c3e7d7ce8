import PodiumCore
import PodiumData

/// NHSBSA "English Contractor Monthly General Dental Activity" (22 columns; NHSBSA Open Data Portal).
///
/// Headers may carry stray spaces (trimmed); blank cells mean "no activity reported" and stay `nil`;
/// contract numbers are 10-character text, leading zeros kept.
struct DentalActivityReader: DatasetReader {
    static let columns = [
        "YEAR_MONTH", "COMMISSIONER_CODE", "COMMISSIONER_NAME", "CONTRACT_NUMBER", "PROVIDER_NAME",
        "LATEST_PPC_ADDRESS_POSTCODE",
        "LSOA11_CODE", "UDA_PERF_TARGET", "UDA_FIN_VAL", "UDA_DELIVERED", "LATE_SUBMITTED_FP17", "UDA_DELIVERED_FD",
        "BAND_1_DELIVERED",
        "BAND_2A_DELIVERED", "BAND_2B_DELIVERED", "BAND_2C_DELIVERED", "BAND_3_DELIVERED", "BAND_URGENT_DELIVERED",
        "BAND_OTHER_DELIVERED", "CHILD_12M_COUNT", "ADULT_24M_COUNT", "GENERAL_DENTAL_FIN_VALUE",
    ]
    let layout = FileLayout.headed(columns: columns)

    func row(_ f: inout FieldReader) -> ContractMonth? {
        let monthText = f.required("YEAR_MONTH")
        let month = monthText.flatMap(YearMonth.init)
        if let monthText, month == nil { f.problem("YEAR_MONTH", "\"\(monthText)\" is not a month (expected YYYYMM)") }
        let commissioner = f.code("COMMISSIONER_CODE", as: ICBCode.self)
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
        let bands = [
            "BAND_1_DELIVERED", "BAND_2A_DELIVERED", "BAND_2B_DELIVERED", "BAND_2C_DELIVERED", "BAND_3_DELIVERED",
            "BAND_URGENT_DELIVERED", "BAND_OTHER_DELIVERED",
        ].map { f.optionalInteger($0) }
        let children = f.optionalInteger("CHILD_12M_COUNT")
        let adults = f.optionalInteger("ADULT_24M_COUNT")
        let general = f.parseOptional("GENERAL_DENTAL_FIN_VALUE", Money.init(pounds:))
        guard let month, let commissioner, let commissionerName, let contract, let provider, let postcode, let lsoa,
            let target,
            let value, let delivered, let late, let foundation, let children, let adults, let general,
            !bands.contains(where: { $0 == nil })
        else { return nil }
        let counts = bands.map { $0 ?? nil }
        return ContractMonth(
            month: month, contract: contract, commissioner: commissioner, commissionerName: commissionerName,
            providerName: provider,
            postcode: postcode, lsoa2011: lsoa, udaTarget: target, udaContractValue: value, udasDelivered: delivered,
            lateFP17s: late,
            udasDeliveredByFoundationDentists: foundation,
            courses: CoursesByBand(
                band1: counts[0], band2a: counts[1], band2b: counts[2], band2c: counts[3], band3: counts[4],
                urgent: counts[5],
                other: counts[6]),
            childrenSeen12Months: children, adultsSeen24Months: adults, generalDentalValue: general)
    }
}
