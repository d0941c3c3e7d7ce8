/// An amount of money in integer pence. Never `Double`: pence add up exactly on every database and platform.
public struct Money: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The amount in pence (minor units of GBP).
    public var pence: Int64

    public init(pence: Int64) { self.pence = pence }

    public static let zero = Money(pence: 0)

    /// Parses pounds written as a decimal (`"629762.98"`, `"1,234.5"`) into pence, exactly.
    /// - Throws: ``ScaledDecimal/ParseError`` when the text is not a number of pounds with at most 2 decimals.
    public init(pounds text: String) throws(ScaledDecimal.ParseError) {
        self.pence = try ScaledDecimal.parse(text, scale: 2)
    }

    /// `£629,762.98`; negative amounts as `-£12.50`.
    public var formatted: String {
        (pence < 0 ? "-£" : "£") + ScaledDecimal.format(Int64(pence.magnitude), scale: 2, minimumFractionDigits: 2)
    }

    /// Pounds with two decimals and no symbol or separators, for CSV cells: `629762.98`.
    public var plainPounds: String {
        let sign = pence < 0 ? "-" : ""
        let magnitude = pence.magnitude
        let fraction = magnitude % 100
        return "\(sign)\(magnitude / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    public var description: String { formatted }

    /// For reading in a sentence or on a card, not for adding up: `£2.87bn`, `£415.9m`, `£35k`, `£1,234` (the exact
    /// figure stays in tables and CSV). Rounded half away from zero at the place shown.
    public var roundedForReading: String {
        let sign = pence < 0 ? "-£" : "£"
        let magnitude = pence.magnitude
        func rounded(_ unit: UInt64) -> UInt64 { (magnitude + unit / 2) / unit }
        if rounded(10_000_000) >= 10_000 {  // £1,000m and over, in hundredths of a billion
            let hundredths = rounded(1_000_000_000)
            return "\(sign)\(hundredths / 100).\(hundredths % 100 < 10 ? "0" : "")\(hundredths % 100)bn"
        }
        if rounded(100_000) >= 1_000 {  // £1m and over, in tenths of a million
            let tenths = rounded(10_000_000)
            return "\(sign)\(tenths / 10).\(tenths % 10)m"
        }
        if rounded(100) >= 10_000 { return "\(sign)\(rounded(100_000))k" }
        return sign + ScaledDecimal.groupThousands(rounded(100))
    }

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence + rhs.pence) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence - rhs.pence) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.pence += rhs.pence }
}

extension Sequence where Element == Money {
    /// The exact total.
    public func sum() -> Money { reduce(.zero, +) }
}
