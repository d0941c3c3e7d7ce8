import PodiumCore
import PodiumData

/// An ODS "standard 27 field" extract: headerless, fully quoted (NHS England ODS). Used for `edispensary`
/// (pharmacies, F codes) and `egdpprac` (dental practices, V codes).
struct ODSReader<Kind: ODSKindTable>: DatasetReader {
    /// Field names for messages, in file order (fields 19–21, 23 and 25–27 are unused).
    static var fieldNames: [String] {
        [
            "Organisation Code", "Name", "National Grouping", "High Level Health Geography", "Address Line 1",
            "Address Line 2",
            "Address Line 3", "Address Line 4", "Address Line 5", "Postcode", "Open Date", "Close Date", "Status Code",
            "Organisation Sub-Type Code", "Parent Organisation Code", "Join Parent Date", "Left Parent Date",
            "Contact Telephone Number",
            "Null 19", "Null 20", "Null 21", "Amended Record Indicator", "Null 23", "Field 24", "Null 25", "Null 26",
            "Null 27",
        ]
    }

    var layout: FileLayout { .headerless(names: Self.fieldNames) }

    func row(_ f: inout FieldReader) -> ODSOrganisation<Kind>? {
        let code = f.code("Organisation Code", as: Code<Kind>.self)
        let name = f.required("Name")
        let icb = f.optionalCode("High Level Health Geography", as: ICBCode.self)
        let postcode = f.code("Postcode", as: Postcode.self)
        let open = f.optionalDate("Open Date")
        let close = f.optionalDate("Close Date")
        let status = f.choice("Status Code", as: ODSStatus.self)
        let subType = f.required("Organisation Sub-Type Code")
        let joined = f.optionalDate("Join Parent Date")
        let left = f.optionalDate("Left Parent Date")
        guard let code, let name, let icb, let postcode, let open, let close, let status, let subType, let joined,
            let left
        else {
            return nil
        }
        let address = (1...5).compactMap { f.optionalText("Address Line \($0)") }
        return ODSOrganisation(
            code: code, name: name, nationalGrouping: f.text("National Grouping"), icb: icb, addressLines: address,
            postcode: postcode,
            openDate: open, closeDate: close, status: status, subType: subType,
            parentCode: f.optionalText("Parent Organisation Code"),
            joinedParent: joined, leftParent: left, telephone: f.optionalText("Contact Telephone Number"))
    }
}
