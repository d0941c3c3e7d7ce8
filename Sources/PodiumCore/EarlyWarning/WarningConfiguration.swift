/// Provider resilience early warning: which dental contracts and pharmacies look most at risk of handing
/// back or closing, and why. A score is the sum of transparent signals, each with its weight, the value seen, where
/// the signal starts and where it counts in full, and where the value comes from. Nothing here is a published
/// NHS rule: the signals follow what commissioners and the NHS Confederation describe as warning signs, and the
/// thresholds are set from the spread of the bundled 2023/24 data (about the worst tenth starts a signal). The
/// back-test (``WarningBackTest``) measures how useful the score is, rather than asserting it.

/// One warning signal.
public enum WarningSignal: String, Sendable, Hashable, Codable, CaseIterable, CodingKeyRepresentable {
    // Dental contracts
    case behindTarget = "behind-target"
    case spcConcern = "spc-concern"
    case adultsSeenFalling = "adults-seen-falling"
    case childrenSeenFalling = "children-seen-falling"
    case complexCareFalling = "complex-care-falling"
    case urgentRising = "urgent-rising"
    case lateFP17s = "late-fp17s"
    case foundationReliance = "foundation-reliance"
    case targetReduced = "target-reduced"
    case handBack = "hand-back"
    // Pharmacies
    case unplannedClosures = "unplanned-closures"
    case hoursLost = "hours-lost"
    case ownershipChange = "ownership-change"
    case reducedHours = "reduced-hours"
    case pharmacyFirstFalling = "pharmacy-first-falling"
    case permanentClosure = "permanent-closure"
    // Both
    case localIntelligence = "local-intelligence"

    public static let dental: [WarningSignal] = [
        .behindTarget, .spcConcern, .adultsSeenFalling, .childrenSeenFalling, .complexCareFalling, .urgentRising,
        .lateFP17s,
        .foundationReliance, .targetReduced, .handBack, .localIntelligence,
    ]
    public static let pharmacy: [WarningSignal] = [
        .unplannedClosures, .hoursLost, .ownershipChange, .reducedHours, .pharmacyFirstFalling, .permanentClosure,
        .localIntelligence,
    ]

    public var label: String {
        switch self {
        case .behindTarget: "Behind target"
        case .spcConcern: "SPC concern in monthly delivery"
        case .adultsSeenFalling: "Fewer adults seen"
        case .childrenSeenFalling: "Fewer children seen"
        case .complexCareFalling: "Less complex care (Bands 2 and 3)"
        case .urgentRising: "More urgent care"
        case .lateFP17s: "Late FP17s"
        case .foundationReliance: "Reliance on foundation dentists"
        case .targetReduced: "Target reduced"
        case .handBack: "Hand-back or termination recorded"
        case .unplannedClosures: "Unplanned closures"
        case .hoursLost: "Hours lost to closures"
        case .ownershipChange: "Change of ownership"
        case .reducedHours: "Reduced opening hours"
        case .pharmacyFirstFalling: "Pharmacy First activity falling"
        case .permanentClosure: "Permanent closure notified"
        case .localIntelligence: "Local intelligence"
        }
    }

    /// Where the value comes from.
    public var source: String {
        switch self {
        case .behindTarget:
            "NHSBSA dental activity; projected year end at the year-to-date pace (KA-01672 bands), mid-year review (GDS Regs Sch 3 para 58)"
        case .spcConcern:
            "NHSBSA dental activity; XmR chart of monthly delivery against the working-day profile (Making Data Count rules)"
        case .adultsSeenFalling: "NHSBSA ADULT_24M_COUNT, change over 12 months (6 where a year of data is not held)"
        case .childrenSeenFalling: "NHSBSA CHILD_12M_COUNT, change over 12 months (6 where a year of data is not held)"
        case .complexCareFalling:
            "NHSBSA BAND_2A/2B/2C/3 FP17s as a share of all FP17s: the last 3 months against the 3 before"
        case .urgentRising: "NHSBSA BAND_URGENT FP17s as a share of all FP17s: the last 3 months against the 3 before"
        case .lateFP17s: "NHSBSA LATE_SUBMITTED_FP17 as a share of all FP17s, last 6 months"
        case .foundationReliance: "NHSBSA UDA_DELIVERED_FD as a share of all UDAs delivered, last 6 months"
        case .targetReduced: "NHSBSA UDA_PERF_TARGET: reductions in the last 12 months"
        case .handBack:
            "Variations recorded in Podium: hand-backs and terminations effective in the last 12 months or later"
        case .unplannedClosures: "The ICB's pharmacy closures log: temporary closures in the last 3 months"
        case .hoursLost: "The ICB's pharmacy closures log: contracted hours lost in the last 3 months"
        case .ownershipChange: "ODS edispensary extracts: change of parent organisation in the last 12 months"
        case .reducedHours: "The ICB's pharmacy opening hours: weekly hours now against 12 months earlier"
        case .pharmacyFirstFalling: "The ICB's Pharmacy First activity returns: the last 3 months against the 3 before"
        case .permanentClosure: "The ICB's pharmacy closures log: a permanent closure notified"
        case .localIntelligence: "Provider intelligence recorded by the ICB in the last 6 months"
        }
    }
}

/// How much a signal counts and where it starts and is full: points = weight × severity, severity rising linearly
/// from 0 at `starts` to 1 at `full` (either direction: a fall has `full` below `starts`).
public struct SignalSetting: Sendable, Hashable, Codable {
    public var weight: Double
    public var starts: Double
    public var full: Double

    public init(weight: Double, starts: Double, full: Double) {
        self.weight = weight
        self.starts = starts
        self.full = full
    }

    /// 0 at or before `starts`, 1 at or beyond `full`, in between linearly; 0 when there is no value.
    public func severity(of value: Double?) -> Double {
        guard let value, full != starts else { return 0 }
        return min(1, max(0, (value - starts) / (full - starts)))
    }
}

/// The weights and thresholds of every signal, under a version: a score always says which configuration made it,
/// so a committee paper can be reproduced, and any score can be recomputed for a past month under it.
public struct WarningConfiguration: Sendable, Hashable, Codable {
    public var version: String
    public var settings: [WarningSignal: SignalSetting]
    /// Months after the as-of month in which the back-test looks for a target reduction or disappearance.
    public var horizonMonths: Int

    public init(version: String, settings: [WarningSignal: SignalSetting], horizonMonths: Int = 3) {
        self.version = version
        self.settings = settings
        self.horizonMonths = horizonMonths
    }

    public func setting(_ signal: WarningSignal) -> SignalSetting {
        settings[signal] ?? SignalSetting(weight: 0, starts: 0, full: 1)
    }

    /// The highest score a provider of this kind can reach: the sum of its signals' weights.
    public func maximum(_ signals: [WarningSignal]) -> Double { signals.map { setting($0).weight }.reduce(0, +) }

    /// What is wrong with a configuration, in words; empty when it can be used.
    public var problems: [String] {
        var problems: [String] = []
        for signal in WarningSignal.allCases {
            guard let setting = settings[signal] else {
                problems.append("\(signal.rawValue): no weight or thresholds")
                continue
            }
            if setting.weight < 0 { problems.append("\(signal.rawValue): the weight cannot be negative") }
            if setting.starts == setting.full { problems.append("\(signal.rawValue): starts and full must differ") }
        }
        if horizonMonths < 1 { problems.append("the back-test horizon must be at least one month") }
        return problems
    }

    /// The configuration pages and papers score with.
    public static let standard = v2

    /// Version 2 (December 2026): v1's thresholds, the dental weights fitted by ``WarningWeightFit`` on 2017/18 to
    /// December 2023 (pandemic years left out) and tested on 2024/25, which the fit never saw: at the top tenth of each
    /// month's contracts, 16.6 % of those flagged then had their target cut or left the data within 3 months (v1 15.1 %,
    /// the lowest delivery to date 11.8 %, random 5.8 %). A past target cut and falling adult patients foretold most;
    /// complex care, late FP17s and foundation dentists' share added nothing and weigh 0 (still shown). Hand-backs and
    /// local intelligence are not in the open data and keep v1's weights. `podium bench early-warning` refits and checks.
    public static let v2: WarningConfiguration = {
        var configuration = v1
        configuration.version = "2026-12 v2"
        let fitted: [WarningSignal: Double] = [
            .behindTarget: 11, .spcConcern: 5, .adultsSeenFalling: 11, .childrenSeenFalling: 5, .complexCareFalling: 0,
            .urgentRising: 5, .lateFP17s: 0, .foundationReliance: 0, .targetReduced: 43,
        ]
        for (signal, weight) in fitted { configuration.settings[signal]?.weight = weight }
        return configuration
    }()

    /// Version 1 (December 2026). Dental weights sum to 100, as do pharmacy weights, so a score reads as points of
    /// 100. Thresholds: about the worst quarter to tenth of the bundled 2023/24 contracts starts a signal, the worst
    /// twentieth or beyond counts in full (adults seen over 6 months: 25th percentile −2 %, 5th −13 %). Projected
    /// delivery counts from 96 % (the clawback line) down to nothing delivered, since most contracts were below 96 %
    /// in 2023/24 and a ramp ending at 50 % could not tell the worst apart. Weights were compared on the same bundled
    /// months the back-test reports (in-sample): a past target cut foretold the next better than anything else, so it
    /// weighs most (`podium bench early-warning --config` tries others).
    public static let v1 = WarningConfiguration(
        version: "2026-12 v1",
        settings: [
            .behindTarget: SignalSetting(weight: 20, starts: 96, full: 0),
            .spcConcern: SignalSetting(weight: 5, starts: 0, full: 2),
            .adultsSeenFalling: SignalSetting(weight: 5, starts: -2, full: -13),
            .childrenSeenFalling: SignalSetting(weight: 5, starts: -3, full: -17),
            .complexCareFalling: SignalSetting(weight: 5, starts: -2.5, full: -7.5),
            .urgentRising: SignalSetting(weight: 5, starts: 1.5, full: 4.5),
            .lateFP17s: SignalSetting(weight: 5, starts: 0.2, full: 1),
            .foundationReliance: SignalSetting(weight: 5, starts: 5, full: 25),
            .targetReduced: SignalSetting(weight: 25, starts: 0, full: 5),
            .handBack: SignalSetting(weight: 10, starts: 0, full: 1),
            .localIntelligence: SignalSetting(weight: 10, starts: 0, full: 1),
            .unplannedClosures: SignalSetting(weight: 20, starts: 0, full: 4),
            .hoursLost: SignalSetting(weight: 15, starts: 0, full: 24),
            .ownershipChange: SignalSetting(weight: 10, starts: 0, full: 1),
            .reducedHours: SignalSetting(weight: 15, starts: 0, full: 20),
            .pharmacyFirstFalling: SignalSetting(weight: 10, starts: -10, full: -50),
            .permanentClosure: SignalSetting(weight: 20, starts: 0, full: 1),
        ])
}
