/// The mid-year review (GDS Contracts Regulations 2005, Schedule 3, paras 58–59).
///
/// By 31 October the commissioner looks at units provided 1 April – 30 September, less the shortfall carried
/// in from last year (which must be delivered first) and with last year's credit (units carried forward count as
/// provided this year), against the target in force at 30 September. Below 30 % of the annual target the contractor
/// may be required to attend a review; if concerns remain, money may be withheld up to the annual value less the
/// value of twice the adjusted first-half delivery.
public struct MidYearReview: Sendable, Hashable, Codable {
    public var target: ActivityUnits
    public var contractValue: Money
    /// Units delivered in April–September.
    public var firstHalfDelivered: ActivityUnits
    public var shortfallBroughtForward: ActivityUnits
    /// Last year's over-delivery credited to this year.
    public var creditBroughtForward: ActivityUnits
    /// The review threshold (30 % in the Regulations).
    public var threshold: Percentage
    /// First-half months with data, out of six: a review on fewer months is incomplete.
    public var monthsWithData: Int

    public static let regulationThreshold = Percentage(percent: 30)

    /// Years whose mid-year review was not held: the pandemic arrangements set quarterly activity thresholds instead
    /// (2020/21 and 2021/22) [unconfirmed: no NHS England statement suspending paragraph 58 is in hand].
    public static let notHeld: Set<Int> = [2020, 2021]

    public init(
        target: ActivityUnits, contractValue: Money, firstHalfDelivered: ActivityUnits,
        shortfallBroughtForward: ActivityUnits = .zero, creditBroughtForward: ActivityUnits = .zero,
        threshold: Percentage = regulationThreshold, monthsWithData: Int = 6
    ) {
        self.creditBroughtForward = creditBroughtForward
        self.target = target
        self.contractValue = contractValue
        self.firstHalfDelivered = firstHalfDelivered
        self.shortfallBroughtForward = shortfallBroughtForward
        self.threshold = threshold
        self.monthsWithData = monthsWithData
    }

    /// First-half delivery less the shortfall brought forward, plus the credit brought forward ("adjusted figure",
    /// NHSBSA PAD).
    public var adjustedDelivery: ActivityUnits { firstHalfDelivered - shortfallBroughtForward + creditBroughtForward }
    public var achievement: Proportion { Proportion(adjustedDelivery, of: target) }
    public var isComplete: Bool { monthsWithData >= 6 }

    /// Below the threshold: the commissioner may require a mid-year review (para 58(4)–(5)).
    public var isFlagged: Bool { target.tenThousandths > 0 && achievement.isBelow(threshold) }

    /// The ceiling on withholding (para 59): annual value − value of twice the adjusted first-half delivery,
    /// never below zero and never above the annual value. A ceiling, not a default.
    public var maximumWithholding: Money {
        guard target.tenThousandths > 0 else { return .zero }
        let twice = adjustedDelivery.clampedAtZero * 2
        let valueOfTwice = Money(
            pence: ScaledDecimal.multiplyDivide(twice.tenThousandths, contractValue.pence, target.tenThousandths))
        return Money(pence: min(contractValue.pence, max(0, contractValue.pence - valueOfTwice.pence)))
    }

    public var note: RuleNote {
        let percent = achievement.percentText(decimals: 1) ?? "–"
        let less =
            shortfallBroughtForward.tenThousandths == 0
            ? "" : " less \(shortfallBroughtForward.formatted) shortfall brought forward"
        let plus =
            creditBroughtForward.tenThousandths == 0
            ? "" : " plus \(creditBroughtForward.formatted) credit brought forward"
        let basis =
            "\(firstHalfDelivered.formatted) delivered April–September\(less)\(plus) = \(adjustedDelivery.formatted) of \(target.formatted)\(isComplete ? " (the target at 30 September)" : ""), \(percent)"
        let completeness = isComplete ? "" : " (only \(monthsWithData) of 6 months have data)"
        let explanation =
            isFlagged
            ? "\(basis), below \(threshold.formatted): flagged for a mid-year review; money may be withheld up to \(maximumWithholding.formatted)\(completeness)"
            : "\(basis), at or above \(threshold.formatted): not flagged\(completeness)"
        return RuleNote(rule: "Mid-year review", explanation: explanation, source: DentalRuleSource.midYear)
    }
}
