/// A contract service line: each reconciles separately (NHSBSA KA-01672).
public enum ServiceLine: String, Sendable, Hashable, Codable, CaseIterable {
    /// Units of Dental Activity, general dental services.
    case uda = "UDA"
    /// Units of Orthodontic Activity.
    case uoa = "UOA"
    /// Sedation courses of treatment.
    case sedation = "Sedation"
    /// Domiciliary courses of treatment.
    case domiciliary = "Domiciliary"

    /// UDA and UOA lines have the tolerance band and carry forward; sedation and domiciliary lines do not
    /// (KA-01672: below 100 % clawback to 100 %, above 100 % nothing carried).
    public var hasTolerance: Bool { self == .uda || self == .uoa }

    /// What one unit is called: "UDAs", "UOAs", "courses".
    public var unitName: String {
        switch self {
        case .uda: "UDAs"
        case .uoa: "UOAs"
        case .sedation, .domiciliary: "courses"
        }
    }
}

/// How a paid over-delivery scheme interacts with the 2 % carry-forward credit. No published source
/// confirms the interaction, so it is a choice.
public enum OverDeliveryMode: String, Sendable, Hashable, Codable, CaseIterable {
    /// The credit up to the upper tolerance is carried forward as usual, and activity above it is paid up to the
    /// scheme's limit (a worked example: 8,400 of 8,000 → 160 carried, 240 paid at £31.25 = £7,500). Default.
    case payAboveCarryForward
    /// Everything above 100 % is paid up to the scheme's limit and nothing is carried forward.
    case payInsteadOfCarryForward
}

/// An ICB's over-delivery scheme: pay for activity above target up to a limit (e.g. 110 %).
public struct OverDeliveryScheme: Sendable, Hashable, Codable {
    public var payUpTo: Percentage
    public var mode: OverDeliveryMode

    public init(payUpTo: Percentage, mode: OverDeliveryMode = .payAboveCarryForward) {
        self.payUpTo = payUpTo
        self.mode = mode
    }
}

/// The year-end thresholds for one financial year and service line.
public struct ReconciliationRules: Sendable, Hashable, Codable {
    /// Below this share of target (default 96 %): the whole shortfall to 100 % is clawed back, breach notice.
    public var lowerTolerance: Percentage
    /// Credit above 100 % is carried forward up to this share of target (default 102 %).
    public var upperTolerance: Percentage
    /// An ICB scheme paying for over-delivery, if any.
    public var overDeliveryScheme: OverDeliveryScheme?
    /// Why these thresholds, for the "why" lines.
    public var note: String

    public init(
        lowerTolerance: Percentage, upperTolerance: Percentage, overDeliveryScheme: OverDeliveryScheme? = nil,
        note: String
    ) {
        self.lowerTolerance = lowerTolerance
        self.upperTolerance = upperTolerance
        self.overDeliveryScheme = overDeliveryScheme
        self.note = note
    }

    /// The over-delivery carried forward as credit: from 100 % up to the upper tolerance (2 % by default).
    public var creditAllowance: Percentage { Percentage(basisPoints: upperTolerance.basisPoints - 10_000) }
}

/// The default thresholds per financial year: the one place they live. Every figure can be overridden
/// (`podium reconcile --lower 0.96 --upper 1.02`, an ICB's over-delivery scheme).
public enum ReconciliationRulesTable {
    public static let standard = ReconciliationRules(
        lowerTolerance: Percentage(percent: 96), upperTolerance: Percentage(percent: 102),
        note: "96% lower and 102% upper tolerance (NHSBSA KA-01672)")

    /// Thresholds that differ from the standard, by the financial year's first calendar year.
    public static let exceptions: [Int: ReconciliationRules] = [
        // 2022/23: NHS England recovered only below a revised lower tolerance of 90 %; the 90–96 % shortfall was
        // carried forward, not written off (as reported by the BDA).
        2022: ReconciliationRules(
            lowerTolerance: Percentage(percent: 90), upperTolerance: Percentage(percent: 102),
            note: "2022/23 revised lower tolerance of 90% (NHS England, as reported by the BDA)")
    ]

    /// The most an ICB may pay for over-delivery in a year, where NHS England allowed a scheme "where affordable"
    /// (up to 110 % in 2022/23 and 2023/24; back to the usual 2 % carry-forward from 2024/25).
    public static let overDeliveryAllowance: [Int: Percentage] = [
        2022: Percentage(percent: 110), 2023: Percentage(percent: 110),
    ]

    /// The rules for a financial year and line. Sedation and domiciliary lines have no tolerance band: their
    /// thresholds are 100 %.
    public static func rules(for year: FinancialYear, line: ServiceLine = .uda) -> ReconciliationRules {
        guard line.hasTolerance else {
            return ReconciliationRules(
                lowerTolerance: .hundred, upperTolerance: .hundred,
                note: "\(line.rawValue) courses: clawback below 100%, nothing carried forward (NHSBSA KA-01672)")
        }
        return exceptions[year.startYear] ?? standard
    }
}
