/// Validation and normalisation rules for one kind of identifier (NHS England ODS; NHSBSA data dictionaries).
public protocol CodeKind: Sendable {
    /// How the identifier is called in messages: "ICB ODS code".
    static var name: String { get }
    /// What a valid code looks like, for messages: "3 characters starting with Q".
    static var format: String { get }
    /// The canonical form of `text`, or `nil` if it is not a valid code of this kind.
    static func normalise(_ text: String) -> String?
}

/// A validated, normalised identifier: `Code<ICBCodeKind>` is an ICB ODS code such as `QYG`.
///
/// One generic type instead of eight near-identical structs; the kind carries the rule.
public struct Code<Kind: CodeKind>: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public let rawValue: String

    /// - Returns: `nil` if `text` is not a valid code of this kind.
    public init?(_ text: String) {
        guard let canonical = Kind.normalise(text) else { return nil }
        self.rawValue = canonical
    }

    public var description: String { rawValue }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        guard let code = Self(text) else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not a valid \(Kind.name)"))
        }
        self = code
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

/// Shared character-level checks for code kinds.
enum CodeText {
    static func upperAlphanumeric(_ text: String) -> String? {
        let value = text.trimmingSpaces.uppercased()
        guard !value.isEmpty, value.unicodeScalars.allSatisfy({ ("A"..."Z").contains($0) || ("0"..."9").contains($0) })
        else {
            return nil
        }
        return value
    }

    static func isDigits<S: StringProtocol>(_ text: S) -> Bool { !text.isEmpty && text.allSatisfy(\.isASCIIDigit) }
    static func isLetters<S: StringProtocol>(_ text: S) -> Bool {
        !text.isEmpty && text.unicodeScalars.allSatisfy { ("A"..."Z").contains($0) }
    }
}

/// ICB ODS code: 3 characters starting `Q` (`QYG` Cheshire and Merseyside).
public enum ICBCodeKind: CodeKind {
    public static let name = "ICB code"
    public static let format = "3 letters or digits starting with Q"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), value.count == 3, value.first == "Q" else { return nil }
        return value
    }
}

/// Sub-ICB Location ODS code: the former CCG code, 3 or 5 characters (`01F`, `D4U1Y`).
public enum SubICBCodeKind: CodeKind {
    public static let name = "Sub-ICB Location code"
    public static let format = "3 or 5 letters or digits"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), value.count == 3 || value.count == 5 else { return nil }
        return value
    }
}

/// Any ODS organisation code (regions `Y56`, head offices `P08F`, commissioners): 3 to 8 letters or digits.
public enum ODSCodeKind: CodeKind {
    public static let name = "ODS code"
    public static let format = "3 to 8 letters or digits"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), (3...8).contains(value.count) else { return nil }
        return value
    }
}

/// Community pharmacy or appliance contractor "F code": `F` + 4 letters or digits (`FA002`).
public enum PharmacyCodeKind: CodeKind {
    public static let name = "pharmacy ODS code"
    public static let format = "5 characters starting with F"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), value.count == 5, value.first == "F" else { return nil }
        return value
    }
}

/// General dental practice "V code" as ODS publishes it: `V` + 5 or 6 characters (`V00003`, `V100507`).
///
/// NHSBSA/CoMPASS writes the 7-character form `V0xxxxx`; ODS drops that extra `0` (ODS reference data catalogue), so
/// `V012345` normalises to `V12345`.
public enum DentalPracticeCodeKind: CodeKind {
    public static let name = "dental practice ODS code"
    public static let format = "6 or 7 characters starting with V"
    public static func normalise(_ text: String) -> String? {
        guard var value = CodeText.upperAlphanumeric(text), value.first == "V" else { return nil }
        if value.count == 7, value.hasPrefix("V0") { value.remove(at: value.index(after: value.startIndex)) }
        guard value.count == 6 || value.count == 7 else { return nil }
        return value
    }
}

/// NHS dental contract number: 10 characters, kept as text so leading zeros survive (NHSBSA data dictionaries).
public enum ContractNumberKind: CodeKind {
    public static let name = "contract number"
    public static let format = "10 letters or digits"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), value.count == 10 else { return nil }
        return value
    }
}

/// ONS GSS code: a letter, two digits of entity type and six digits (`E54000008`, `E38000068`, `E06000001`).
public enum ONSCodeKind: CodeKind {
    public static let name = "ONS code"
    public static let format = "a letter and 8 digits, such as E54000008"
    public static func normalise(_ text: String) -> String? {
        guard let value = CodeText.upperAlphanumeric(text), value.count == 9,
            CodeText.isLetters(value.prefix(1)), CodeText.isDigits(value.dropFirst())
        else { return nil }
        return value
    }
}

/// Lower layer Super Output Area code, 2011 or 2021 (`E01000001`; Welsh `W01…`).
public enum LSOACodeKind: CodeKind {
    public static let name = "LSOA code"
    public static let format = "E01 or W01 followed by 6 digits"
    public static func normalise(_ text: String) -> String? {
        guard let value = ONSCodeKind.normalise(text), value.hasPrefix("E01") || value.hasPrefix("W01") else {
            return nil
        }
        return value
    }
}

/// A UK postcode, normalised without spaces (`SK75LD`); shown with one space before the inward code (`SK7 5LD`).
///
/// ODS files carry stray spaces (`"HX7 7BZ "`, `"SA5 9 EA"`); matching ignores all spaces (as NHS England ODS publishes them).
public enum PostcodeKind: CodeKind {
    public static let name = "postcode"
    public static let format = "a UK postcode such as SK7 5LD"
    public static func normalise(_ text: String) -> String? {
        let compact = String(text.uppercased().filter { $0 != " " && $0 != "\t" })
        guard (5...7).contains(compact.count), CodeText.upperAlphanumeric(compact) != nil else { return nil }
        let inward = compact.suffix(3)
        let outward = compact.dropLast(3)
        guard inward.first?.isASCIIDigit == true, CodeText.isLetters(inward.dropFirst()),
            outward.first.map({ !$0.isASCIIDigit }) == true, outward.contains(where: \.isASCIIDigit)
        else { return nil }
        return compact
    }
}

public typealias ICBCode = Code<ICBCodeKind>
public typealias SubICBCode = Code<SubICBCodeKind>
public typealias ODSCode = Code<ODSCodeKind>
public typealias PharmacyCode = Code<PharmacyCodeKind>
public typealias DentalPracticeCode = Code<DentalPracticeCodeKind>
public typealias ContractNumber = Code<ContractNumberKind>
public typealias ONSCode = Code<ONSCodeKind>
public typealias LSOACode = Code<LSOACodeKind>
public typealias Postcode = Code<PostcodeKind>

extension Code where Kind == PostcodeKind {
    /// `SK7 5LD`.
    public var display: String { "\(rawValue.dropLast(3)) \(rawValue.suffix(3))" }
}
