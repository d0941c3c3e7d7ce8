/// The value of one UDA: contract UDA value ÷ UDA performance target (DOMAIN.md §1.4; NHSBSA `UDA_RATE`).
///
/// Kept as the exact ratio of its two inputs; rounded to the penny only when shown or used as a final amount.
public struct UDAValue: Sendable, Hashable, Codable {
    public var contractValue: Money
    public var target: UDAs

    public init(contractValue: Money, target: UDAs) {
        self.contractValue = contractValue
        self.target = target
    }

    /// Pence per UDA rounded half-up to the penny, or `nil` for a contract with no UDA target.
    public var perUDA: Money? {
        guard target.hundredths != 0 else { return nil }
        // value (pence) ÷ (hundredths ÷ 100) = value × 100 ÷ hundredths
        return Money(pence: ScaledDecimal.divideRoundingHalfAwayFromZero(contractValue.pence * 100, by: target.hundredths))
    }
}
