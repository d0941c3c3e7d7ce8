/// A percentage held exactly in basis points (1 bp = 0.01 %): a tolerance such as 96 % is 9,600.
public struct Percentage: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    public var basisPoints: Int64

    public init(basisPoints: Int64) { self.basisPoints = basisPoints }
    public init(percent: Int64) { self.basisPoints = percent * 100 }

    /// Parses a fraction such as `"0.96"` (as the command line takes tolerances).
    /// - Throws: ``ScaledDecimal/ParseError`` for more than four decimals.
    public init(parsingFraction text: String) throws(ScaledDecimal.ParseError) {
        self.basisPoints = try ScaledDecimal.parse(text, scale: 4)
    }

    public static let hundred = Percentage(percent: 100)

    /// `96%`, `102.5%`.
    public var formatted: String { ScaledDecimal.format(basisPoints, scale: 2) + "%" }
    public var description: String { formatted }

    /// This share of `units`, rounded half away from zero to the units' precision.
    public func of(_ units: ActivityUnits) -> ActivityUnits {
        ActivityUnits(tenThousandths: ScaledDecimal.multiplyDivide(units.tenThousandths, basisPoints, 10_000))
    }

    /// This share of `money`, rounded half away from zero to the penny.
    public func of(_ money: Money) -> Money {
        Money(pence: ScaledDecimal.multiplyDivide(money.pence, basisPoints, 10_000))
    }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.basisPoints < rhs.basisPoints }
}
