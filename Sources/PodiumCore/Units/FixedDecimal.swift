/// A published statistic kept exactly as written (IMD average rank `18014.48`, score `25.531`).
///
/// Statistics from MHCLG and ONS files are shown as published; holding them as scaled integers avoids
/// the last-digit drift a `Double` round trip can introduce between SQLite and PostgreSQL.
public struct FixedDecimal: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The value × 10^scale.
    public var scaled: Int64
    /// Number of decimal places held.
    public var scale: Int

    public init(scaled: Int64, scale: Int) {
        self.scaled = scaled
        self.scale = scale
    }

    /// - Throws: ``ScaledDecimal/ParseError``.
    public init(parsing text: String, scale: Int) throws(ScaledDecimal.ParseError) {
        self.init(scaled: try ScaledDecimal.parse(text, scale: scale), scale: scale)
    }

    /// With thousands separators and trailing zeros dropped: `18,014.48`.
    public var formatted: String { ScaledDecimal.format(scaled, scale: scale) }
    /// Without separators, for CSV and JSON: `18014.48`.
    public var plain: String { formatted.replacingCommas }
    public var description: String { formatted }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        // Compare at a common scale so values of different precision order correctly.
        let common = max(lhs.scale, rhs.scale)
        return lhs.scaled * ScaledDecimal.pow10(common - lhs.scale) < rhs.scaled
            * ScaledDecimal.pow10(common - rhs.scale)
    }
}
