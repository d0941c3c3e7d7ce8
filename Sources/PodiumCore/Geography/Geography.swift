/// An Integrated Care Board (NHS England ODS, ICB reconfiguration guidance): 42 since 1 July 2022, keyed by its ODS code because ONS codes
/// change with boundary reviews (Surrey Heartlands and Sussex were re-coded in April 2024).
public struct ICB: Sendable, Hashable, Codable {
    public var code: ICBCode
    public var name: String
    /// ONS E54 code in the April 2024 geography.
    public var onsCode: ONSCode
    /// ONS E54 code in the July 2022 geography.
    public var onsCode2022: ONSCode

    public init(code: ICBCode, name: String, onsCode: ONSCode, onsCode2022: ONSCode) {
        self.code = code
        self.name = name
        self.onsCode = onsCode
        self.onsCode2022 = onsCode2022
    }

    /// "NHS Cheshire and Merseyside Integrated Care Board" → "Cheshire and Merseyside".
    public var shortName: String {
        var text = name
        if text.hasPrefix("NHS ") { text.removeFirst(4) }
        for suffix in [" Integrated Care Board", " ICB"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
        }
        return text
    }
}

/// A Sub-ICB Location (the former CCG), April 2024 geography.
public struct SubICBLocation: Sendable, Hashable, Codable {
    public var code: SubICBCode
    public var onsCode: ONSCode
    public var name: String
    public var icb: ICBCode

    public init(code: SubICBCode, onsCode: ONSCode, name: String, icb: ICBCode) {
        self.code = code
        self.onsCode = onsCode
        self.name = name
        self.icb = icb
    }
}

/// Where a 2011 LSOA sat in the July 2022 NHS geography (ONS LSOA11_SICBL22_ICB22_LAD22 lookup).
public struct LSOA2011Assignment: Sendable, Hashable, Codable {
    public var lsoa: LSOACode
    public var name: String
    public var subICB: SubICBCode
    public var subICBOnsCode: ONSCode
    public var icb: ICBCode
    public var icbOnsCode: ONSCode
    public var localAuthorityCode: ONSCode
    public var localAuthorityName: String

    public init(
        lsoa: LSOACode, name: String, subICB: SubICBCode, subICBOnsCode: ONSCode, icb: ICBCode, icbOnsCode: ONSCode,
        localAuthorityCode: ONSCode, localAuthorityName: String
    ) {
        self.lsoa = lsoa
        self.name = name
        self.subICB = subICB
        self.subICBOnsCode = subICBOnsCode
        self.icb = icb
        self.icbOnsCode = icbOnsCode
        self.localAuthorityCode = localAuthorityCode
        self.localAuthorityName = localAuthorityName
    }
}

/// Where a 2021 LSOA sits in the April 2024 NHS geography (ONS LSOA21_SICBL24_ICB24 lookup).
public struct LSOA2021Assignment: Sendable, Hashable, Codable {
    public var lsoa: LSOACode
    public var name: String
    public var subICB: SubICBCode
    public var subICBOnsCode: ONSCode
    public var icb: ICBCode
    public var icbOnsCode: ONSCode

    public init(
        lsoa: LSOACode, name: String, subICB: SubICBCode, subICBOnsCode: ONSCode, icb: ICBCode, icbOnsCode: ONSCode
    ) {
        self.lsoa = lsoa
        self.name = name
        self.subICB = subICB
        self.subICBOnsCode = subICBOnsCode
        self.icb = icb
        self.icbOnsCode = icbOnsCode
    }
}

/// How a 2011 LSOA became 2021 LSOAs (ONS change codes).
public enum LSOAChange: String, Sendable, Hashable, Codable, CaseIterable {
    case unchanged = "U"
    case split = "S"
    case merged = "M"
    /// Redesigned: neither a simple split nor a merge.
    case complex = "X"
}

/// One row of the ONS LSOA (2011) → LSOA (2021) → LAD (2022) lookup.
public struct LSOAVintageLink: Sendable, Hashable, Codable {
    public var lsoa2011: LSOACode
    public var name2011: String
    public var lsoa2021: LSOACode
    public var name2021: String
    public var change: LSOAChange
    public var localAuthorityCode: ONSCode
    public var localAuthorityName: String

    public init(
        lsoa2011: LSOACode, name2011: String, lsoa2021: LSOACode, name2021: String, change: LSOAChange,
        localAuthorityCode: ONSCode, localAuthorityName: String
    ) {
        self.lsoa2011 = lsoa2011
        self.name2011 = name2011
        self.lsoa2021 = lsoa2021
        self.name2021 = name2021
        self.change = change
        self.localAuthorityCode = localAuthorityCode
        self.localAuthorityName = localAuthorityName
    }
}
