/// A number of units of dental activity — UDAs, UOAs, or courses of treatment for sedation and domiciliary
/// lines — held exactly in ten-thousandths.
///
/// NHSBSA publishes UDAs with at most one decimal (`1238.8`); urgent courses weigh 1.2 UDAs, New Patient Premium
/// credits are fractional (NHSBSA FOI-03221 and NPP data) and tolerances take 2 % of a target, so four decimals are kept
/// and anything finer is rejected at import rather than rounded.
public struct ActivityUnits: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// Units × 10,000.
    public var tenThousandths: Int64

    /// Decimal places held.
    public static let scale = 4
    static let perUnit: Int64 = 10_000

    public init(tenThousandths: Int64) { self.tenThousandths = tenThousandths }
    public init(whole: Int64) { self.tenThousandths = whole * Self.perUnit }

    public static let zero = ActivityUnits(tenThousandths: 0)

    /// Parses `"19145"`, `"1238.8"` or `"0.5287"`.
    /// - Throws: ``ScaledDecimal/ParseError``, including for more than four decimals.
    public init(parsing text: String) throws(ScaledDecimal.ParseError) {
        self.tenThousandths = try ScaledDecimal.parse(text, scale: Self.scale)
    }

    /// Exact decimal text without separators, trailing zeros dropped: `1238.8`, `19145`. For CSV and machines.
    public var plain: String { formatted.replacingCommas }
    /// With thousands separators: `19,145` or `1,238.8`.
    public var formatted: String { ScaledDecimal.format(tenThousandths, scale: Self.scale) }
    public var description: String { formatted }

    /// Rounded half away from zero to `decimals` places (0…4), for showing derived figures such as a forecast.
    public func rounded(to decimals: Int) -> ActivityUnits {
        let step = ScaledDecimal.pow10(Self.scale - min(max(decimals, 0), Self.scale))
        return ActivityUnits(
            tenThousandths: ScaledDecimal.divideRoundingHalfAwayFromZero(tenThousandths, by: step) * step)
    }

    /// The larger of zero and this.
    public var clampedAtZero: ActivityUnits { tenThousandths < 0 ? .zero : self }

    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.tenThousandths < rhs.tenThousandths }
    public static func + (lhs: Self, rhs: Self) -> Self {
        Self(tenThousandths: lhs.tenThousandths + rhs.tenThousandths)
    }
    public static func - (lhs: Self, rhs: Self) -> Self {
        Self(tenThousandths: lhs.tenThousandths - rhs.tenThousandths)
    }
    public static prefix func - (value: Self) -> Self { Self(tenThousandths: -value.tenThousandths) }
    public static func += (lhs: inout Self, rhs: Self) { lhs.tenThousandths += rhs.tenThousandths }
    public static func * (lhs: Self, rhs: Int64) -> Self { Self(tenThousandths: lhs.tenThousandths * rhs) }
}

/// Units of Dental Activity (general dental services; NHSBSA FOI-03221 data dictionary).
public typealias UDAs = ActivityUnits
/// Units of Orthodontic Activity.
public typealias UOAs = ActivityUnits

extension Sequence where Element == ActivityUnits {
    public func sum() -> ActivityUnits { reduce(.zero, +) }
}

extension String {
    /// The text without thousands separators: `"1,238.8"` → `"1238.8"`.
    public var replacingCommas: String { String(filter { $0 != "," }) }
}
