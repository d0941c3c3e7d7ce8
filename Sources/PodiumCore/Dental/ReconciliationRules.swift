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

/// How firmly a year's thresholds are known, shown beside them on every page that uses them.
public enum RuleBasis: String, Sendable, Hashable, Codable, CaseIterable {
    /// From the publisher's own guidance (NHSBSA, NHS England).
    case confirmed
    /// From a secondary source that reports the guidance (the BDA, a local dental committee).
    case secondary
    /// A parameter set here because the source is not in hand: change it when it is.
    case unconfirmed

    /// "[confirmed]", as DOMAIN notes write it.
    public var label: String { "[\(rawValue)]" }
}

/// The year-end thresholds for one financial year and service line.
public struct ReconciliationRules: Sendable, Hashable, Codable {
    /// Below this share of target (default 96 %): the whole shortfall to 100 % is clawed back, breach notice.
    public var lowerTolerance: Percentage
    /// Credit above 100 % is carried forward up to this share of target (default 102 %).
    public var upperTolerance: Percentage
    /// Whether a shortfall within the tolerance is carried into next year (it is, except under the pandemic
    /// arrangements, when meeting the year's activity threshold met the contract).
    public var carriesShortfall: Bool
    /// Whether a contract below the lower tolerance repays its whole shortfall to 100 % (the usual rule) or only the
    /// part below the threshold (how Podium reads the pandemic arrangements [unconfirmed]).
    public var clawsBackToTarget: Bool
    /// An ICB scheme paying for over-delivery, if any.
    public var overDeliveryScheme: OverDeliveryScheme?
    /// Why these thresholds, for the "why" lines.
    public var note: String
    public var basis: RuleBasis

    public init(
        lowerTolerance: Percentage, upperTolerance: Percentage, carriesShortfall: Bool = true,
        clawsBackToTarget: Bool = true, overDeliveryScheme: OverDeliveryScheme? = nil, note: String,
        basis: RuleBasis = .confirmed
    ) {
        self.lowerTolerance = lowerTolerance
        self.upperTolerance = upperTolerance
        self.carriesShortfall = carriesShortfall
        self.clawsBackToTarget = clawsBackToTarget
        self.overDeliveryScheme = overDeliveryScheme
        self.note = note
        self.basis = basis
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

    /// The pandemic years' activity thresholds by quarter (April–June, July–September, October–December,
    /// January–March), as shares of the quarter's contracted UDAs.
    public static let pandemicQuarterThresholds: [Int: [Percentage]] = [
        // 2020/21: no activity threshold while practices closed and reopened under income protection, then 45 % of
        // contracted UDAs from 1 January 2021 (NHS England, preparedness letter for primary dental care, December 2020).
        2020: [0, 0, 0, 45].map { Percentage(percent: $0) },
        // 2021/22: 60 % (April–June), 65 % (July–September and October–December), 85 % (January–March 2022; Essex
        // LDC, "Q4 contractual arrangements", reporting NHS England).
        2021: [60, 65, 65, 85].map { Percentage(percent: $0) },
    ]

    /// Thresholds that differ from the standard, by the financial year's first calendar year.
    public static let exceptions: [Int: ReconciliationRules] = [
        2019: ReconciliationRules(
            lowerTolerance: Percentage(percent: 96), upperTolerance: Percentage(percent: 102),
            note:
                "2019/20: the usual 96% and 102% tolerances; how NHS England treated March 2020, when practices closed, is not in hand",
            basis: .unconfirmed),
        2020: pandemic(2020),
        2021: pandemic(2021),
        // 2022/23: NHS England recovered only below a revised lower tolerance of 90 %; the 90–96 % shortfall was
        // carried forward, not written off (as reported by the BDA).
        2022: ReconciliationRules(
            lowerTolerance: Percentage(percent: 90), upperTolerance: Percentage(percent: 102),
            note: "2022/23 revised lower tolerance of 90% (NHS England, as reported by the BDA)", basis: .secondary),
    ]

    /// A pandemic year as one annual threshold: the mean of its quarters' thresholds, met or not by the year's adjusted
    /// delivery; below it only the shortfall to the threshold is recovered, a shortfall above it is not carried, and
    /// credit is carried as usual. The quarterly thresholds applied to each quarter's own delivery, with income
    /// protection and abatements this does not model, so the year end is an estimate, and every part a parameter.
    static func pandemic(_ startYear: Int) -> ReconciliationRules {
        let quarters = pandemicQuarterThresholds[startYear] ?? []
        let mean = Percentage(basisPoints: quarters.map(\.basisPoints).reduce(0, +) / Int64(max(1, quarters.count)))
        let year = FinancialYear(startYear: startYear).label
        return ReconciliationRules(
            lowerTolerance: mean, upperTolerance: Percentage(percent: 102), carriesShortfall: false,
            clawsBackToTarget: false,
            note:
                "\(year) pandemic arrangements: quarterly activity thresholds \(quarters.map(\.formatted).joined(separator: ", ")), applied here as their mean (\(mean.formatted)) to the year; below it only the shortfall to it is recovered; no shortfall carried forward",
            basis: .unconfirmed)
    }

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

/// What a year end is: final (from the twelve months' data), an estimate (twelve months, but the year's rules are
/// only approximated), or projected (the year is in progress).
public enum YearEndStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case final
    case estimate
    case projected

    public init(isFinal: Bool, rules: ReconciliationRules) {
        self = !isFinal ? .projected : rules.clawsBackToTarget ? .final : .estimate
    }

    public var label: String {
        switch self {
        case .final: "final: from the twelve months' data"
        case .estimate: "an estimate: twelve months' data under the pandemic year's [unconfirmed] rules"
        case .projected: "projected: the year is in progress"
        }
    }

    /// "final", "estimate", "projected".
    public var shortLabel: String { rawValue }

    public static var allRawValues: [String] { allCases.map(\.rawValue) }
}
