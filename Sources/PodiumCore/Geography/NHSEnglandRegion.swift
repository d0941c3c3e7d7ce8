/// The seven NHS England regions, whose assurance teams oversee the ICBs' delegated commissioning.
///
/// Source: ONS, "Integrated Care Boards to NHS England (Region) (July 2022) Lookup in England" (E40 codes), unchanged
/// by the April 2024 boundary update (Surrey Heartlands and Sussex kept their regions). The bundled open data has no
/// region column, so the 42 memberships are written here and a test checks every bundled ICB has one.
public enum NHSEnglandRegion: String, Sendable, Hashable, Codable, CaseIterable {
    case northEastAndYorkshire = "Y63"
    case northWest = "Y62"
    case midlands = "Y60"
    case eastOfEngland = "Y61"
    case london = "Y56"
    case southEast = "Y59"
    case southWest = "Y58"

    public var name: String {
        switch self {
        case .northEastAndYorkshire: "North East and Yorkshire"
        case .northWest: "North West"
        case .midlands: "Midlands"
        case .eastOfEngland: "East of England"
        case .london: "London"
        case .southEast: "South East"
        case .southWest: "South West"
        }
    }

    /// The region's ICBs by ODS code.
    public var icbs: [String] {
        switch self {
        case .northEastAndYorkshire: ["QHM", "QOQ", "QWO", "QF7"]
        case .northWest: ["QYG", "QOP", "QE1"]
        case .midlands: ["QHL", "QUA", "QWU", "QJ2", "QGH", "QK1", "QJM", "QPM", "QT1", "QOC", "QNC"]
        case .eastOfEngland: ["QHG", "QUE", "QM7", "QH8", "QMM", "QJG"]
        case .london: ["QMJ", "QMF", "QRV", "QKK", "QWE"]
        case .southEast: ["QU9", "QNQ", "QRL", "QKS", "QXU", "QNX"]
        case .southWest: ["QOX", "QUY", "QT6", "QJK", "QVV", "QR1", "QSL"]
        }
    }

    /// The region an ICB belongs to, if it is one of the 42.
    public static func of(_ icb: ICBCode) -> NHSEnglandRegion? {
        allCases.first { $0.icbs.contains(icb.rawValue) }
    }
}
