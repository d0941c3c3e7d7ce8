/// One service line's year-end figures (NHSBSA FOI-03553 field names in brackets).
public struct YearEndInput: Sendable, Hashable, Codable {
    public var line: ServiceLine
    /// The year's target in units (UDA_PERFORMANCE_TARGET).
    public var target: ActivityUnits
    /// The line's annual value (UDA_FINANCIAL_VALUE).
    public var contractValue: Money
    /// Units delivered in the year (UDA Delivered).
    public var delivered: ActivityUnits
    /// Last year's shortfall carried into this year: delivered first, so it is deducted.
    public var shortfallBroughtForward: ActivityUnits
    /// Last year's over-delivery credit carried into this year.
    public var creditBroughtForward: ActivityUnits
    /// New Patient Premium credits, as units (NHSBSA Dental New Patient Premium data).
    public var newPatientPremiumCredits: ActivityUnits
    public var miscellaneousCredits: ActivityUnits

    public init(
        line: ServiceLine = .uda, target: ActivityUnits, contractValue: Money, delivered: ActivityUnits,
        shortfallBroughtForward: ActivityUnits = .zero, creditBroughtForward: ActivityUnits = .zero,
        newPatientPremiumCredits: ActivityUnits = .zero, miscellaneousCredits: ActivityUnits = .zero
    ) {
        self.line = line
        self.target = target
        self.contractValue = contractValue
        self.delivered = delivered
        self.shortfallBroughtForward = shortfallBroughtForward
        self.creditBroughtForward = creditBroughtForward
        self.newPatientPremiumCredits = newPatientPremiumCredits
        self.miscellaneousCredits = miscellaneousCredits
    }

    /// Adjusted delivery = delivered − shortfall brought forward + credit brought forward + NPP credits +
    /// miscellaneous credits (NHSBSA FOI-03553).
    public var adjustedDelivery: ActivityUnits {
        delivered - shortfallBroughtForward + creditBroughtForward + newPatientPremiumCredits + miscellaneousCredits
    }
}

/// NHSBSA's year-end outcome.
///
/// Choice (documented): the outcome compares adjusted delivery with 100 % of target, except that delivery within
/// the lower tolerance is "Met" — as the issue states "below the lower tolerance: Underdelivered", "100 %: Met".
/// ``DeliveryBand`` carries the finer position.
public enum YearEndOutcome: String, Sendable, Hashable, Codable, CaseIterable {
    case met = "Met"
    case underdelivered = "Underdelivered"
    case exceeded = "Exceeded"
}

/// Where adjusted delivery falls against the tolerances (the projected bands of the ICB dashboard).
public enum DeliveryBand: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    /// Below the lower tolerance (< 96 %): clawback to 100 % and a breach notice.
    case belowLowerTolerance
    /// From the lower tolerance to under 100 %: shortfall carried forward.
    case withinTolerance
    /// 100 % up to the upper tolerance (≤ 102 %): met, any excess carried forward.
    case upToUpperTolerance
    /// Above the upper tolerance (> 102 %): credit capped, the rest unpaid unless a scheme pays it.
    case aboveUpperTolerance

    /// "< 96%", "96–100%", "100–102%", "> 102%" for the given rules.
    public func label(_ rules: ReconciliationRules) -> String {
        let lower = rules.lowerTolerance.formatted
        let upper = rules.upperTolerance.formatted
        return switch self {
        case .belowLowerTolerance: "below \(lower)"
        case .withinTolerance: "\(lower) to under 100%"
        case .upToUpperTolerance: "100% to \(upper)"
        case .aboveUpperTolerance: "above \(upper)"
        }
    }

    public static func < (lhs: Self, rhs: Self) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }
}

/// The year-end result of one service line.
public struct YearEndResult: Sendable, Hashable, Codable {
    public var input: YearEndInput
    public var rules: ReconciliationRules
    public var adjustedDelivery: ActivityUnits
    /// Adjusted delivery as a share of target.
    public var achievement: Proportion
    public var outcome: YearEndOutcome
    public var band: DeliveryBand
    /// Money recovered for under-delivery: the whole shortfall to 100 % × value per unit.
    public var clawback: Money
    public var breachNotice: Bool
    /// Shortfall to be delivered next year (within tolerance).
    public var shortfallCarriedForward: ActivityUnits
    /// Over-delivery credited to next year (up to the upper tolerance).
    public var creditCarriedForward: ActivityUnits
    /// Over-delivery neither carried forward nor paid.
    public var unpaidOverDelivery: ActivityUnits
    /// Over-delivery paid by an ICB scheme, and what it costs.
    public var paidOverDelivery: ActivityUnits
    public var overDeliveryPayment: Money

    /// Why, rule by rule — written on demand, since most results are only summed.
    public var notes: [RuleNote] { [YearEndReconciliation.note(for: self)] }
}

/// Year-end reconciliation (NHSBSA KA-01672).
public enum YearEndReconciliation {
    /// Reconciles one service line under `rules`.
    ///
    /// - UDA/UOA: below the lower tolerance the whole shortfall to 100 % is clawed back at value ÷ target per unit
    ///   and a breach notice is due; from the lower tolerance to under 100 % the shortfall is carried forward;
    ///   above 100 % the excess is carried forward up to the upper tolerance; beyond it, unpaid unless a scheme
    ///   pays it.
    /// - Sedation and domiciliary: below 100 % clawback to 100 %; nothing is carried forward either way.
    /// - A line with no target has nothing to reconcile: met, no money.
    public static func reconcile(_ input: YearEndInput, rules: ReconciliationRules) -> YearEndResult {
        let adjusted = input.adjustedDelivery
        let target = input.target
        let achievement = Proportion(adjusted, of: target)
        var result = YearEndResult(
            input: input, rules: rules, adjustedDelivery: adjusted, achievement: achievement, outcome: .met,
            band: .upToUpperTolerance,
            clawback: .zero, breachNotice: false, shortfallCarriedForward: .zero, creditCarriedForward: .zero,
            unpaidOverDelivery: .zero,
            paidOverDelivery: .zero, overDeliveryPayment: .zero)
        guard target.tenThousandths > 0 else { return result }
        let shortfall = target - adjusted
        let excess = adjusted - target
        if achievement.isBelow(lowerTolerance(input, rules)) {
            result.outcome = .underdelivered
            result.band = .belowLowerTolerance
            result.clawback = value(
                of: rules.clawsBackToTarget || !input.line.hasTolerance
                    ? shortfall : rules.lowerTolerance.of(target) - adjusted, in: input)
            result.breachNotice = input.line.hasTolerance
        } else if achievement.isBelow(.hundred) {
            result.band = .withinTolerance
            if rules.carriesShortfall { result.shortfallCarriedForward = shortfall }
        } else if excess.tenThousandths > 0 {
            result.outcome = .exceeded
            overDelivery(excess, input: input, rules: rules, into: &result)
        }
        return result
    }

    /// The line's lower tolerance: the rules' for UDA/UOA lines, 100 % for sedation and domiciliary.
    static func lowerTolerance(_ input: YearEndInput, _ rules: ReconciliationRules) -> Percentage {
        input.line.hasTolerance ? rules.lowerTolerance : .hundred
    }

    /// Carry-forward, payment and the unpaid rest of delivery above 100 %.
    private static func overDelivery(
        _ excess: ActivityUnits, input: YearEndInput, rules: ReconciliationRules, into result: inout YearEndResult
    ) {
        let target = input.target
        guard input.line.hasTolerance else {
            result.unpaidOverDelivery = excess
            return
        }
        let cap = (rules.upperTolerance.of(target) - target).clampedAtZero
        result.band =
            Proportion(result.adjustedDelivery, of: target).isAbove(rules.upperTolerance)
            ? .aboveUpperTolerance : .upToUpperTolerance
        var carried = min(excess, cap)
        var paid = ActivityUnits.zero
        if let scheme = rules.overDeliveryScheme {
            let payable = (scheme.payUpTo.of(target) - target).clampedAtZero
            switch scheme.mode {
            case .payAboveCarryForward:
                paid = (min(excess, payable) - carried).clampedAtZero
            case .payInsteadOfCarryForward:
                paid = min(excess, payable)
                carried = .zero
            }
        }
        result.creditCarriedForward = carried
        result.paidOverDelivery = paid
        result.overDeliveryPayment = value(of: paid, in: input)
        result.unpaidOverDelivery = excess - carried - paid
    }

    /// The plain-words reason for a result, citing the rule.
    static func note(for result: YearEndResult) -> RuleNote {
        // Figures are shown to two decimals: enough for a reader, exact values stay in the result.
        let input = result.input
        let target = input.target
        let adjusted = result.adjustedDelivery.rounded(to: 2)
        let units = input.line.unitName
        let rule = "Year-end reconciliation"
        guard target.tenThousandths > 0 else {
            return RuleNote(
                rule: rule, explanation: "no \(units) target, nothing to reconcile", source: DentalRuleSource.yearEnd)
        }
        let percent = result.achievement.percentText(decimals: 2) ?? "–"
        let lower = lowerTolerance(input, result.rules)
        switch result.band {
        case .belowLowerTolerance:
            return RuleNote(
                rule: rule,
                explanation:
                    result.rules.clawsBackToTarget || !input.line.hasTolerance
                    ? "adjusted delivery \(adjusted.formatted) of \(target.formatted) \(units) is \(percent), below \(lower.formatted): the whole shortfall of \((target - result.adjustedDelivery).rounded(to: 2).formatted) \(units) is clawed back, \(result.clawback.formatted)\(result.breachNotice ? ", and a breach notice is due" : "")"
                    : "adjusted delivery \(adjusted.formatted) of \(target.formatted) \(units) is \(percent), below the year's threshold of \(lower.formatted): the shortfall to it is recovered, \(result.clawback.formatted) \(result.rules.basis.label)",
                source: result.rules.clawsBackToTarget ? DentalRuleSource.yearEnd : result.rules.note)
        case .withinTolerance where !result.rules.carriesShortfall:
            return RuleNote(
                rule: rule,
                explanation:
                    "adjusted delivery is \(percent), at or above the year's threshold of \(lower.formatted): met under the year's arrangements, no shortfall carried forward, no clawback \(result.rules.basis.label)",
                source: result.rules.note)
        case .withinTolerance:
            return RuleNote(
                rule: rule,
                explanation:
                    "adjusted delivery is \(percent), within the \(lower.formatted) tolerance: \(result.shortfallCarriedForward.rounded(to: 2).formatted) \(units) carried forward to be delivered next year, no clawback",
                source: DentalRuleSource.yearEnd)
        case .upToUpperTolerance, .aboveUpperTolerance:
            guard result.outcome == .exceeded else {
                return RuleNote(
                    rule: rule, explanation: "adjusted delivery is exactly 100% of target: met",
                    source: DentalRuleSource.yearEnd)
            }
            guard input.line.hasTolerance else {
                return RuleNote(
                    rule: rule,
                    explanation: "\(percent) delivered: \(input.line.rawValue) over-delivery is not carried forward",
                    source: DentalRuleSource.yearEnd)
            }
            var explanation =
                "adjusted delivery is \(percent): \(result.creditCarriedForward.rounded(to: 2).formatted) \(units) credited to next year"
            if result.band == .aboveUpperTolerance, result.rules.overDeliveryScheme?.mode != .payInsteadOfCarryForward {
                explanation += " (capped at \(result.rules.upperTolerance.formatted) of target)"
            }
            if let scheme = result.rules.overDeliveryScheme, result.paidOverDelivery.tenThousandths > 0 {
                explanation +=
                    "; \(result.paidOverDelivery.rounded(to: 2).formatted) \(units) paid by the ICB's scheme (up to \(scheme.payUpTo.formatted)), \(result.overDeliveryPayment.formatted)"
            }
            if result.unpaidOverDelivery.tenThousandths > 0 {
                explanation += "; \(result.unpaidOverDelivery.rounded(to: 2).formatted) \(units) unpaid"
            }
            return RuleNote(
                rule: rule, explanation: explanation,
                source: result.rules.overDeliveryScheme == nil
                    ? DentalRuleSource.yearEnd : DentalRuleSource.overDelivery)
        }
    }

    /// Units × (contract value ÷ target), rounded half-up to the penny once, at the end.
    public static func value(of units: ActivityUnits, in input: YearEndInput) -> Money {
        guard input.target.tenThousandths != 0 else { return .zero }
        return Money(
            pence: ScaledDecimal.multiplyDivide(
                units.tenThousandths, input.contractValue.pence, input.target.tenThousandths))
    }
}
