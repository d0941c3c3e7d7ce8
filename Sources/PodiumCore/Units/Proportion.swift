/// A part of a whole, such as UDAs delivered of the annual target, compared and shown with integers only.
public struct Proportion: Sendable, Hashable, Codable {
    public var part: Int64
    public var whole: Int64

    public init(part: Int64, whole: Int64) {
        self.part = part
        self.whole = whole
    }

    public init(_ part: ActivityUnits, of whole: ActivityUnits) {
        self.init(part: part.tenThousandths, whole: whole.tenThousandths)
    }

    /// The percentage in tenths of a per cent (`647` is 64.7 %), rounded half away from zero; `nil` if the whole is 0.
    public var tenthsOfPercent: Int64? { percent(decimals: 1) }

    /// The percentage × 10^decimals, rounded half away from zero (`percent(decimals: 4)` of 7,700/8,000 is 962,500).
    public func percent(decimals: Int) -> Int64? {
        guard whole != 0 else { return nil }
        return ScaledDecimal.multiplyDivide(part, 100 * ScaledDecimal.pow10(decimals), whole)
    }

    /// `"64.7%"`, or `nil` when the whole is zero.
    public var percentText: String? { percentText(decimals: 1) }

    /// `"96.2500%"` with `decimals: 4`.
    public func percentText(decimals: Int) -> String? {
        percent(decimals: decimals).map {
            ScaledDecimal.format($0, scale: decimals, minimumFractionDigits: decimals) + "%"
        }
    }

    /// `"64.7"` (no sign), for CSV cells.
    public var percentPlain: String? { percentPlain(decimals: 1) }

    public func percentPlain(decimals: Int) -> String? {
        percent(decimals: decimals).map {
            ScaledDecimal.format($0, scale: decimals, minimumFractionDigits: decimals).replacingCommas
        }
    }

    /// How the proportion compares with a percentage, exactly (no rounding). The whole must be positive.
    public func compared(to percentage: Percentage) -> ScaledDecimal.ComparisonOrder {
        // part / whole vs bp / 10,000  ⟺  part × 10,000 vs bp × whole
        ScaledDecimal.compareProducts(part, 10_000, percentage.basisPoints, whole)
    }

    public func isBelow(_ percentage: Percentage) -> Bool { compared(to: percentage) == .less }
    public func isAbove(_ percentage: Percentage) -> Bool { compared(to: percentage) == .greater }
}
