/// Status of an organisation in an ODS extract (field 13).
public enum ODSStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case active = "A"
    case closed = "C"
    case proposed = "P"
    case dormant = "D"

    public var label: String {
        switch self {
        case .active: "Active"
        case .closed: "Closed"
        case .proposed: "Proposed"
        case .dormant: "Dormant"
        }
    }
}

/// One organisation from an ODS "standard 27 field" extract (NHS England ODS; datagovuk/health-schemas): a pharmacy in `edispensary`,
/// a dental practice in `egdpprac`. `Kind` says which identifier it carries.
public struct ODSOrganisation<Kind: CodeKind>: Sendable, Hashable, Codable {
    public var code: Code<Kind>
    public var name: String
    /// NHS England region or national grouping (`Y56`; `W00` is Wales).
    public var nationalGrouping: String
    /// The ICB from "High Level Health Geography" (field 4); absent for some closed or non-English sites.
    public var icb: ICBCode?
    /// Address lines 1–5 as published, empty lines removed.
    public var addressLines: [String]
    public var postcode: Postcode
    public var openDate: CalendarDate?
    public var closeDate: CalendarDate?
    public var status: ODSStatus
    /// Field 14: `1`/`2`/`3` in edispensary (pharmacy / appliance contractor / other, unconfirmed),
    /// `D`/`P` in egdpprac (NHS and private / private only).
    public var subType: String
    /// Field 15: pharmacy head office (`P08F`) in edispensary; commissioner in egdpprac.
    public var parentCode: String?
    public var joinedParent: CalendarDate?
    public var leftParent: CalendarDate?
    public var telephone: String?

    public init(
        code: Code<Kind>, name: String, nationalGrouping: String, icb: ICBCode?, addressLines: [String],
        postcode: Postcode,
        openDate: CalendarDate?, closeDate: CalendarDate?, status: ODSStatus, subType: String, parentCode: String?,
        joinedParent: CalendarDate?, leftParent: CalendarDate?, telephone: String?
    ) {
        self.code = code
        self.name = name
        self.nationalGrouping = nationalGrouping
        self.icb = icb
        self.addressLines = addressLines
        self.postcode = postcode
        self.openDate = openDate
        self.closeDate = closeDate
        self.status = status
        self.subType = subType
        self.parentCode = parentCode
        self.joinedParent = joinedParent
        self.leftParent = leftParent
        self.telephone = telephone
    }

    /// Wales is national grouping `W00` in ODS extracts.
    public var isInEngland: Bool { nationalGrouping != "W00" }
}

public typealias Pharmacy = ODSOrganisation<PharmacyCodeKind>
public typealias DentalPractice = ODSOrganisation<DentalPracticeCodeKind>

extension ODSOrganisation where Kind == PharmacyCodeKind {
    /// Field 14 of edispensary; the meaning of the codes is not confirmed by ODS (the ODS reference data catalogue).
    public var subTypeLabel: String {
        switch subType {
        case "1": "Pharmacy"
        case "2": "Appliance contractor"
        case "3": "Other"
        default: subType
        }
    }
}

extension ODSOrganisation where Kind == DentalPracticeCodeKind {
    /// Field 14 of egdpprac per the ODS specification.
    public var subTypeLabel: String {
        switch subType {
        case "D": "NHS and private"
        case "P": "Private only"
        default: subType
        }
    }
}
