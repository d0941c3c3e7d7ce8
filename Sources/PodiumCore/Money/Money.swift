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

    public static func < (lhs: Money, rhs: Money) -> Bool { lhs.pence < rhs.pence }
    public static func + (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence + rhs.pence) }
    public static func - (lhs: Money, rhs: Money) -> Money { Money(pence: lhs.pence - rhs.pence) }
    public static func += (lhs: inout Money, rhs: Money) { lhs.pence += rhs.pence }
}

extension Sequence where Element == Money {
    /// The exact total.
    public func sum() -> Money { reduce(.zero, +) }
}
