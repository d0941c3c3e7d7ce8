/// A part of a whole, such as UDAs delivered of the annual target, computed with integers.
public struct Proportion: Sendable, Hashable, Codable {
    public var part: Int64
    public var whole: Int64

    public init(part: Int64, whole: Int64) {
        self.part = part
        self.whole = whole
    }

    public init(_ part: UDAs, of whole: UDAs) { self.init(part: part.hundredths, whole: whole.hundredths) }

    /// The percentage in tenths of a per cent (`647` is 64.7 %), rounded half away from zero; `nil` if the whole is 0.
    public var tenthsOfPercent: Int64? {
        guard whole != 0 else { return nil }
        return ScaledDecimal.divideRoundingHalfAwayFromZero(part * 1000, by: whole)
    }

    /// `"64.7%"`, or `nil` when the whole is zero.
    public var percentText: String? {
        tenthsOfPercent.map { ScaledDecimal.format($0, scale: 1, minimumFractionDigits: 1) + "%" }
    }

    /// `"64.7"` (no sign), for CSV cells.
    public var percentPlain: String? {
        tenthsOfPercent.map { ScaledDecimal.format($0, scale: 1, minimumFractionDigits: 1).replacingCommas }
    }
}
