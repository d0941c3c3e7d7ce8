/// A number of Units of Dental Activity, held exactly in hundredths.
///
/// NHSBSA publishes UDAs with at most one decimal (`1238.8`); urgent courses weigh 1.2 UDAs and New Patient
/// Premium credits are fractional (DOMAIN.md §1.2, §1.8), so two decimals are kept and anything finer is
/// rejected at import rather than rounded.
public struct UDAs: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// UDAs × 100.
    public var hundredths: Int64

    public init(hundredths: Int64) { self.hundredths = hundredths }
    public init(whole: Int64) { self.hundredths = whole * 100 }

    public static let zero = UDAs(hundredths: 0)

    /// Parses `"19145"` or `"1238.8"`.
    /// - Throws: ``ScaledDecimal/ParseError``.
    public init(parsing text: String) throws(ScaledDecimal.ParseError) {
        self.hundredths = try ScaledDecimal.parse(text, scale: 2)
    }

    /// `19,145` or `1,238.8`.
    public var formatted: String { ScaledDecimal.format(hundredths, scale: 2) }
    /// `19145` or `1238.8`, for CSV.
    public var plain: String { formatted.replacingCommas }
    public var description: String { formatted }

    public static func < (lhs: UDAs, rhs: UDAs) -> Bool { lhs.hundredths < rhs.hundredths }
    public static func + (lhs: UDAs, rhs: UDAs) -> UDAs { UDAs(hundredths: lhs.hundredths + rhs.hundredths) }
    public static func - (lhs: UDAs, rhs: UDAs) -> UDAs { UDAs(hundredths: lhs.hundredths - rhs.hundredths) }
    public static func += (lhs: inout UDAs, rhs: UDAs) { lhs.hundredths += rhs.hundredths }
}

extension Sequence where Element == UDAs {
    public func sum() -> UDAs { reduce(.zero, +) }
}

extension String {
    /// The text without thousands separators: `"1,238.8"` → `"1238.8"`.
    public var replacingCommas: String { String(filter { $0 != "," }) }
}
