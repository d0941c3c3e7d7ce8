/// The value of one UDA: contract UDA value ÷ UDA performance target (NHSBSA `UDA_RATE`, FOI-03553 data dictionary).
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
        guard target.tenThousandths != 0 else { return nil }
        // value (pence) ÷ (ten-thousandths ÷ 10⁴) = value × 10⁴ ÷ ten-thousandths
        return Money(pence: ScaledDecimal.multiplyDivide(contractValue.pence, 10_000, target.tenThousandths))
    }
}
