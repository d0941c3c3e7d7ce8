/// A commissioner code in NHSBSA's dental activity (`COMMISSIONER_CODE`): an ICB (`QYG`), an NHS England area team of
/// 2016–2020 (`Q50`), an NHS England Health & Justice commissioner (`HJ2`), or any other code the publisher uses.
/// Three to five letters or digits; which kind a code is depends on the ICB register, not its form (`Q50` and `QYG`
/// look alike).
public enum CommissionerCodeKind: CodeKind {
    public static let name = "commissioner code"
    public static let format = "3 to 5 letters or digits"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), (3...5).contains(value.count) else { return nil }
        return value
    }
}

public typealias CommissionerCode = Code<CommissionerCodeKind>

/// Who a commissioner is, as NHSBSA's dental activity names them over time (NHSBSA, English Contractor Monthly General
/// Dental Activity): NHS England's area teams until March 2020 (one, London's, until April), the ICBs (their
/// predecessors' codes are relabelled with ICB names) from April 2020, and NHS England's Health & Justice
/// commissioners beside the ICBs in 2024/25.
public enum CommissionerKind: String, Sendable, Hashable, Codable, CaseIterable {
    case icb
    case areaTeam = "area-team"
    case healthAndJustice = "health-and-justice"
    case other

    /// The kind of `code` named `name`: an ICB when the register has it; Health & Justice by its `HJ` code or "H&J"
    /// name; an area team by its name ("… AT", "… Local Office"); otherwise other.
    public static func of(_ code: CommissionerCode, name: String, isICB: (CommissionerCode) -> Bool) -> CommissionerKind
    {
        if isICB(code) { return .icb }
        let trimmed = name.trimmingSpaces
        if code.rawValue.hasPrefix("HJ") || trimmed.hasPrefix("H&J") { return .healthAndJustice }
        if trimmed.hasSuffix(" AT") || trimmed.hasSuffix("Local Office") { return .areaTeam }
        return .other
    }

    public var label: String {
        switch self {
        case .icb: "ICB"
        case .areaTeam: "NHS England area team"
        case .healthAndJustice: "NHS England Health & Justice"
        case .other: "Other commissioner"
        }
    }

    /// Whether a contract in an area team's months counts for the ICB that commissioned it next: the ICBs inherited
    /// the area teams' contracts; Health & Justice contracts stay with their own commissioner.
    public var passesToNextICB: Bool { self == .areaTeam }
}
