import PodiumCore
import PodiumData

/// `icb_list_42.csv`: the ICB register (ODS code, name, ONS codes 2024 and 2022).
struct ICBReader: DatasetReader {
    let layout = FileLayout.headed(columns: ["icb_code_ods", "icb_name", "icb24_code_ons", "icb22_code_ons"])

    func row(_ f: inout FieldReader) -> ICB? {
        let code = f.code("icb_code_ods", as: ICBCode.self)
        let name = f.required("icb_name")
        let ons = f.code("icb24_code_ons", as: ONSCode.self)
        let ons2022 = f.code("icb22_code_ons", as: ONSCode.self)
        guard let code, let name, let ons, let ons2022 else { return nil }
        return ICB(code: code, name: name, onsCode: ons, onsCode2022: ons2022)
    }
}

/// `sicbl_list_106.csv`: Sub-ICB Locations with their ICB, which must already be in the register.
struct SubICBLocationReader: DatasetReader {
    let layout = FileLayout.headed(columns: ["sicbl24_code", "sicbl24_code_nhs", "sicbl24_name", "icb24_code_nhs"])
    /// ICBs already imported; `nil` when only checking the file's format.
    let knownICBs: Set<String>?

    func row(_ f: inout FieldReader) -> SubICBLocation? {
        let code = f.code("sicbl24_code_nhs", as: SubICBCode.self)
        let ons = f.code("sicbl24_code", as: ONSCode.self)
        let name = f.required("sicbl24_name")
        let icb = f.code("icb24_code_nhs", as: ICBCode.self)
        if let icb, let knownICBs, !knownICBs.contains(icb.rawValue) {
            f.problem(
                "icb24_code_nhs",
                "ICB \(icb) is not in the ICB register (import the \"\(Dataset.icbs.rawValue)\" dataset first)")
            return nil
        }
        guard let code, let ons, let name, let icb else { return nil }
        return SubICBLocation(code: code, onsCode: ons, name: name, icb: icb)
    }
}

/// ONS LSOA (2011) → Sub-ICB Location → ICB → LAD (July 2022) lookup.
struct LSOA2011LookupReader: DatasetReader {
    let layout = FileLayout.headed(columns: [
        "lsoa11_code", "lsoa11_name", "sicbl22_code", "sicbl22_code_h", "icb22_code", "icb22_code_h", "ltla22_code",
        "ltla22_name",
    ])

    func row(_ f: inout FieldReader) -> LSOA2011Assignment? {
        let lsoa = f.code("lsoa11_code", as: LSOACode.self)
        let name = f.required("lsoa11_name")
        let sicblONS = f.code("sicbl22_code", as: ONSCode.self)
        let sicbl = f.code("sicbl22_code_h", as: SubICBCode.self)
        let icbONS = f.code("icb22_code", as: ONSCode.self)
        let icb = f.code("icb22_code_h", as: ICBCode.self)
        let lad = f.code("ltla22_code", as: ONSCode.self)
        let ladName = f.required("ltla22_name")
        guard let lsoa, let name, let sicblONS, let sicbl, let icbONS, let icb, let lad, let ladName else { return nil }
        return LSOA2011Assignment(
            lsoa: lsoa, name: name, subICB: sicbl, subICBOnsCode: sicblONS, icb: icb, icbOnsCode: icbONS,
            localAuthorityCode: lad, localAuthorityName: ladName)
    }
}

/// ONS LSOA (2021) → Sub-ICB Location → ICB (April 2024) lookup.
struct LSOA2021LookupReader: DatasetReader {
    let layout = FileLayout.headed(columns: [
        "lsoa21_code", "lsoa21_name", "sicbl24_code", "sicbl24_code_nhs", "icb24_code", "icb24_code_nhs",
    ])

    func row(_ f: inout FieldReader) -> LSOA2021Assignment? {
        let lsoa = f.code("lsoa21_code", as: LSOACode.self)
        let name = f.required("lsoa21_name")
        let sicblONS = f.code("sicbl24_code", as: ONSCode.self)
        let sicbl = f.code("sicbl24_code_nhs", as: SubICBCode.self)
        let icbONS = f.code("icb24_code", as: ONSCode.self)
        let icb = f.code("icb24_code_nhs", as: ICBCode.self)
        guard let lsoa, let name, let sicblONS, let sicbl, let icbONS, let icb else { return nil }
        return LSOA2021Assignment(
            lsoa: lsoa, name: name, subICB: sicbl, subICBOnsCode: sicblONS, icb: icb, icbOnsCode: icbONS)
    }
}

/// ONS LSOA (2011) → LSOA (2021) → LAD (2022) lookup.
struct LSOAVintageLookupReader: DatasetReader {
    let layout = FileLayout.headed(columns: [
        "lsoa11_code", "lsoa11_name", "change_code", "lsoa21_code", "lsoa21_name", "ltla22_code", "ltla22_name",
    ])

    func row(_ f: inout FieldReader) -> LSOAVintageLink? {
        let from = f.code("lsoa11_code", as: LSOACode.self)
        let fromName = f.required("lsoa11_name")
        let change = f.choice("change_code", as: LSOAChange.self)
        let to = f.code("lsoa21_code", as: LSOACode.self)
        let toName = f.required("lsoa21_name")
        let lad = f.code("ltla22_code", as: ONSCode.self)
        let ladName = f.required("ltla22_name")
        guard let from, let fromName, let change, let to, let toName, let lad, let ladName else { return nil }
        return LSOAVintageLink(
            lsoa2011: from, name2011: fromName, lsoa2021: to, name2021: toName, change: change,
            localAuthorityCode: lad, localAuthorityName: ladName)
    }
}
