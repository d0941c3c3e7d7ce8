/// A contract's annual UDA target and value.
public struct ContractTerms: Sendable, Hashable, Codable {
    public var target: ActivityUnits
    public var value: Money

    public init(target: ActivityUnits, value: Money) {
        self.target = target
        self.value = value
    }

    public var udaValue: UDAValue { UDAValue(contractValue: value, target: target) }
}

/// How a minimum UDA value uplift is applied: one or the other, never both silently (the method is unconfirmed; the BDA
/// and BHP describe lowering the target).
public enum UpliftMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// Keep the target, raise the value to target × minimum.
    case raiseValue
    /// Keep the value, lower the target to value ÷ minimum.
    case lowerTarget
}

/// A change to a contract recorded by a commissioner, effective from a date.
public enum VariationChange: Sendable, Hashable, Codable {
    /// Hand-back or rebasing: UDAs and value given up a year from the effective date (as NHSBSA FOI-02986 records them).
    case handBack(udas: ActivityUnits, value: Money)
    /// Minimum indicative UDA value (£23 from 2022/23, £28 from April 2024; NHS England dental recovery plan).
    case minimumUDAValue(Money, method: UpliftMethod)
    /// The contract ends on the effective date (the last day it runs).
    case termination

    public var kind: String {
        switch self {
        case .handBack: "hand-back"
        case .minimumUDAValue: "minimum-uda-value"
        case .termination: "termination"
        }
    }

    public var label: String {
        switch self {
        case .handBack: "Hand-back (rebasing)"
        case .minimumUDAValue: "Minimum UDA value uplift"
        case .termination: "Termination"
        }
    }
}

/// Why a variation could not be applied.
public enum VariationError: Error, Sendable, Hashable, Codable, CustomStringConvertible {
    case handBackNotPositive
    case handBackExceedsContract(target: ActivityUnits, value: Money)
    case upliftNotNeeded(current: Money, minimum: Money)
    case minimumNotPositive
    case noTarget

    public var description: String {
        switch self {
        case .handBackNotPositive: "Enter the UDAs and the value handed back, both more than zero."
        case .handBackExceedsContract(let target, let value):
            "A hand-back cannot exceed the contract: \(target.formatted) UDAs, \(value.formatted) a year."
        case .upliftNotNeeded(let current, let minimum):
            "The UDA value is already \(current.formatted), at or above the \(minimum.formatted) minimum: nothing to change."
        case .minimumNotPositive: "Enter a minimum UDA value of more than £0."
        case .noTarget: "The contract has no UDA target to vary."
        }
    }
}

/// Who recorded a variation, when and why; and, if it was withdrawn, who withdrew it, when and why.
/// Times are ISO 8601 text: Core takes time as a value, it never reads a clock.
public struct VariationRecord: Sendable, Hashable, Codable {
    public struct Withdrawal: Sendable, Hashable, Codable {
        public var by: String
        public var at: String
        public var reason: String

        public init(by: String, at: String, reason: String) {
            self.by = by
            self.at = at
            self.reason = reason
        }
    }

    public var id: String
    public var recordedBy: String
    public var recordedAt: String
    public var reason: String
    public var withdrawal: Withdrawal?

    public init(id: String, recordedBy: String, recordedAt: String, reason: String, withdrawal: Withdrawal? = nil) {
        self.id = id
        self.recordedBy = recordedBy
        self.recordedAt = recordedAt
        self.reason = reason
        self.withdrawal = withdrawal
    }
}

/// A variation recorded by a commissioner, effective from a date, with who, when and why. (Changes of target or
/// value seen in NHSBSA's monthly data are ``ContractChange``s: already in the figures, never applied again.)
public struct ContractVariation: Sendable, Hashable, Codable {
    public var contract: ContractNumber
    public var effective: CalendarDate
    public var change: VariationChange
    public var record: VariationRecord

    public init(contract: ContractNumber, effective: CalendarDate, change: VariationChange, record: VariationRecord) {
        self.contract = contract
        self.effective = effective
        self.change = change
        self.record = record
    }

    /// Not withdrawn: the variations that change a position.
    public var isInForce: Bool { record.withdrawal == nil }

    /// The terms after this variation, given the terms before it.
    /// - Throws: ``VariationError`` when it cannot apply (hand-back larger than the contract, uplift not needed…).
    public func apply(to terms: ContractTerms) throws(VariationError) -> ContractTerms {
        switch change {
        case .handBack(let udas, let value):
            guard udas.tenThousandths > 0, value.pence > 0 else { throw .handBackNotPositive }
            guard udas <= terms.target, value <= terms.value else {
                throw .handBackExceedsContract(target: terms.target, value: terms.value)
            }
            return ContractTerms(target: terms.target - udas, value: terms.value - value)
        case .minimumUDAValue(let minimum, let method):
            guard minimum.pence > 0 else { throw .minimumNotPositive }
            guard terms.target.tenThousandths > 0, let current = terms.udaValue.perUDA else { throw .noTarget }
            // Compare the exact ratio, not the rounded penny: value ÷ target < minimum ⟺ value × 10⁴ < minimum × target.
            guard
                ScaledDecimal.compareProducts(terms.value.pence, 10_000, minimum.pence, terms.target.tenThousandths)
                    == .less
            else {
                throw .upliftNotNeeded(current: current, minimum: minimum)
            }
            switch method {
            case .raiseValue:
                return ContractTerms(
                    target: terms.target,
                    value: Money(
                        pence: ScaledDecimal.multiplyDivide(terms.target.tenThousandths, minimum.pence, 10_000)))
            case .lowerTarget:
                return ContractTerms(
                    target: ActivityUnits(
                        tenThousandths: ScaledDecimal.multiplyDivide(terms.value.pence, 10_000, minimum.pence)),
                    value: terms.value)
            }
        case .termination:
            return ContractTerms(target: .zero, value: .zero)
        }
    }

    /// The date from which the new terms run: the day after a termination's last day, else the effective date.
    var startOfNewTerms: CalendarDate {
        if case .termination = change { return effective.adding(days: 1) }
        return effective
    }
}

/// A contract's terms through a financial year once recorded variations are applied.
public struct ContractTermsTimeline: Sendable, Hashable, Codable {
    public struct Segment: Sendable, Hashable, Codable {
        public var from: CalendarDate
        public var to: CalendarDate
        public var terms: ContractTerms
        public var days: Int { from.days(to: to) + 1 }
    }

    public var financialYear: FinancialYear
    /// The terms known from the data (the latest target and value of the year).
    public var base: ContractTerms
    public var segments: [Segment]
    /// The year's target and value: each segment's annual terms × its share of the year's days, rounded once.
    public var effective: ContractTerms
    /// Variations that could not be applied, with why.
    public var rejected: [RejectedVariation]

    public struct RejectedVariation: Sendable, Hashable, Codable {
        public var variation: ContractVariation
        public var error: VariationError
    }

    /// Applies the `variations` in force (not withdrawn) effective within or before the year, in date order, to `base`.
    ///
    /// A change part-way through the year is pro-rated by calendar days [unconfirmed rule: no
    /// published pro-rata rule was found]. Variations effective before the year apply from 1 April.
    public init(financialYear: FinancialYear, base: ContractTerms, variations: [ContractVariation]) {
        self.financialYear = financialYear
        self.base = base
        var segments = [Segment(from: financialYear.firstDay, to: financialYear.lastDay, terms: base)]
        var rejected: [RejectedVariation] = []
        for variation in variations.sorted(by: { $0.effective < $1.effective })
        where variation.isInForce && variation.startOfNewTerms <= financialYear.lastDay {
            let start = max(variation.startOfNewTerms, financialYear.firstDay)
            let current = segments[segments.count - 1]
            do {
                let next = try variation.apply(to: current.terms)
                if start > current.from {
                    segments[segments.count - 1].to = start.adding(days: -1)
                    segments.append(Segment(from: start, to: financialYear.lastDay, terms: next))
                } else {
                    segments[segments.count - 1].terms = next
                }
            } catch {
                rejected.append(RejectedVariation(variation: variation, error: error))
            }
        }
        self.segments = segments
        self.rejected = rejected
        let days = Int64(financialYear.numberOfDays)
        let targetDays = segments.reduce(Int64(0)) { $0 + $1.terms.target.tenThousandths * Int64($1.days) }
        let valueDays = segments.reduce(Int64(0)) { $0 + $1.terms.value.pence * Int64($1.days) }
        self.effective = ContractTerms(
            target: ActivityUnits(tenThousandths: ScaledDecimal.divideRoundingHalfAwayFromZero(targetDays, by: days)),
            value: Money(pence: ScaledDecimal.divideRoundingHalfAwayFromZero(valueDays, by: days)))
    }

    /// The terms in force at the end of the year (after every variation).
    public var final: ContractTerms { segments[segments.count - 1].terms }

    /// The annual terms in force on `date` (the first segment's before the year, the last's after it).
    public func terms(on date: CalendarDate) -> ContractTerms {
        segments.first { $0.from <= date && date <= $0.to }?.terms
            ?? (date < financialYear.firstDay ? segments[0].terms : final)
    }
}
