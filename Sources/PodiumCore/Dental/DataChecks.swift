/// Published values too implausible to use without a caveat: a value per UDA outside a band, a target of a handful of
/// UDAs, delivery far above target, a target that moves by more than half in a month. Each is flagged with what was
/// seen, never corrected or dropped: NHSBSA's rows are what the ICB's contracts say, and a commissioner checks them.
/// The thresholds are Podium's choices, parameters stated on the page, not published rules.
public struct DataCheckThresholds: Sendable, Hashable, Codable {
    /// A UDA valued outside this band, in pence (£15–£100: English contracts' UDA values run from about £23 to £40, the
    /// minimum from April 2024 is £28, and 132 contracts in 2023/24 exceed £100).
    public var udaValue: ClosedRange<Int64>
    /// A target of at least 1 and at most this many UDAs a year (0 means no UDA contract, not a data error).
    public var tinyTarget: Int64
    /// Delivery to date above this % of the target for the months reported.
    public var deliveryPercent: Int64
    /// A target that moves by more than this % of its previous value from one reported month to the next.
    public var targetMovePercent: Int64

    public init(udaValue: ClosedRange<Int64>, tinyTarget: Int64, deliveryPercent: Int64, targetMovePercent: Int64) {
        self.udaValue = udaValue
        self.tinyTarget = tinyTarget
        self.deliveryPercent = deliveryPercent
        self.targetMovePercent = targetMovePercent
    }

    public static let standard = DataCheckThresholds(
        udaValue: 1_500...10_000, tinyTarget: 10, deliveryPercent: 300, targetMovePercent: 50)
}

public struct DataCheck: Sendable, Hashable, Codable {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case udaValue = "uda-value"
        case tinyTarget = "tiny-target"
        case deliveryAboveTarget = "delivery-above-target"
        case targetMoved = "target-moved"

        public var label: String {
            switch self {
            case .udaValue: "Value per UDA outside the usual band"
            case .tinyTarget: "Target of a handful of UDAs"
            case .deliveryAboveTarget: "Delivery far above target"
            case .targetMoved: "Target moved by more than half in a month"
            }
        }
    }

    public var contract: ContractNumber
    public var kind: Kind
    /// The month the value was seen in.
    public var month: YearMonth
    /// What was seen and the threshold, in words: "£174.63 per UDA (band £15.00–£100.00)".
    public var words: String

    /// The checks of one contract's year.
    public static func checks(_ year: ContractYear, thresholds: DataCheckThresholds = .standard) -> [DataCheck] {
        var found: [DataCheck] = []
        let latest = year.latest
        let target = latest.udaTarget
        if target.tenThousandths > 0 {
            // Pence per UDA, exact: value ÷ target, rounded half up to the penny.
            let perUDA = ScaledDecimal.multiplyDivide(latest.udaContractValue.pence, 10_000, target.tenThousandths)
            if !thresholds.udaValue.contains(perUDA) {
                found.append(
                    DataCheck(
                        contract: year.contract, kind: .udaValue, month: latest.month,
                        words:
                            "\(Money(pence: perUDA).formatted) per UDA (usual band \(Money(pence: thresholds.udaValue.lowerBound).formatted)–\(Money(pence: thresholds.udaValue.upperBound).formatted)): \(latest.udaContractValue.formatted) for \(target.rounded(to: 0).formatted) UDAs"
                    ))
            }
            if target <= UDAs(whole: thresholds.tinyTarget) {
                found.append(
                    DataCheck(
                        contract: year.contract, kind: .tinyTarget, month: latest.month,
                        words:
                            "a target of \(target.rounded(to: 2).formatted) UDAs a year (at most \(thresholds.tinyTarget) flagged)"
                    ))
            }
            let delivered = year.udasDeliveredToDate
            // Against the target for the months reported (target × months ÷ 12).
            let expected = ScaledDecimal.multiplyDivide(target.tenThousandths, Int64(year.months.count), 12)
            if expected > 0, delivered.tenThousandths * 100 > expected * thresholds.deliveryPercent {
                found.append(
                    DataCheck(
                        contract: year.contract, kind: .deliveryAboveTarget, month: latest.month,
                        words:
                            "\(delivered.rounded(to: 1).formatted) UDAs delivered in \(year.months.count) month\(year.months.count == 1 ? "" : "s") against \(UDAs(tenThousandths: expected).rounded(to: 1).formatted) for those months (over \(thresholds.deliveryPercent)%)"
                    ))
            }
        }
        for change in ContractChange.history(of: year.months) where change.targetChanged {
            let before = change.targetBefore.tenThousandths
            guard before > 0 else { continue }
            let moved = abs(change.targetAfter.tenThousandths - before)
            if moved * 100 > before * thresholds.targetMovePercent {
                found.append(
                    DataCheck(
                        contract: year.contract, kind: .targetMoved, month: change.month,
                        words:
                            "target \(change.targetBefore.rounded(to: 0).formatted) → \(change.targetAfter.rounded(to: 0).formatted) UDAs from \(change.previousMonth.label) to \(change.month.label) (more than \(thresholds.targetMovePercent)%)"
                    ))
            }
        }
        return found
    }
}
