/// What the dental early warning reads about one contract: its whole monthly history, the months the source covers,
/// its recorded variations and the ICB's intelligence about it. Only what is dated on or before the as-of month is
/// used, so a score can be recomputed for any past month.
public struct DentalWarningInput: Sendable, Hashable {
    public var contract: ContractNumber
    /// Every month of the contract in the data, any order.
    public var months: [ContractMonth]
    /// Every month the source covers (a month missing for all contracts is a gap, not a contract's silence).
    public var dataMonths: [YearMonth]
    public var variations: [ContractVariation]
    public var intelligence: [IntelligenceEntry]

    public init(
        contract: ContractNumber, months: [ContractMonth], dataMonths: [YearMonth],
        variations: [ContractVariation] = [],
        intelligence: [IntelligenceEntry] = []
    ) {
        self.contract = contract
        self.months = months
        self.dataMonths = dataMonths
        self.variations = variations
        self.intelligence = intelligence
    }
}

extension EarlyWarning {
    /// The contract's score as of `asOf`, or `nil` when it has no row in that month or no UDA target (nothing to
    /// hand back). NHSBSA signals read only months up to `asOf`; the ICB's own records (variations, intelligence)
    /// are judged on `today` and only those recorded by then count, since the published data lags the present by
    /// months. For a past month, `today` is its last day (the default), so the score is the one that could have been
    /// seen then.
    public static func dental(
        _ input: DentalWarningInput, asOf: YearMonth, today: CalendarDate? = nil,
        configuration: WarningConfiguration = .standard
    ) -> ProviderWarning? {
        let today = today ?? asOf.lastDay
        let history = input.months.filter { $0.month <= asOf }.sorted { $0.month < $1.month }
        guard let latest = history.last, latest.month == asOf, latest.udaTarget.tenThousandths > 0 else { return nil }
        let year = FinancialYear(containing: asOf)
        let covered = input.dataMonths.filter { $0 <= asOf }
        let setting = configuration.setting
        var readings: [SignalReading] = []

        // Behind target and SPC both read the year's position as it stood in `asOf`.
        let position: ContractPosition? = {
            guard let profile = try? WorkingDayProfile(year),
                let contractYear = ContractYear(
                    contract: input.contract, financialYear: year, rows: history.filter { year.contains($0.month) })
            else { return nil }
            let variations = input.variations.filter { $0.isInForce && Self.recorded($0, by: today) }
            return ContractPosition(
                year: contractYear, coverage: ActivityCoverage(financialYear: year, monthsPresent: covered),
                variations: variations,
                profile: profile, settings: .standard(for: year))
        }()
        readings.append(behindTarget(position, setting: setting(.behindTarget)))
        readings.append(spcConcern(position, setting: setting(.spcConcern)))
        readings.append(
            patientsSeen(
                history, asOf: asOf, signal: .adultsSeenFalling, setting: setting(.adultsSeenFalling),
                \.adultsSeen24Months))
        readings.append(
            patientsSeen(
                history, asOf: asOf, signal: .childrenSeenFalling, setting: setting(.childrenSeenFalling),
                \.childrenSeen12Months))
        readings.append(
            shareChange(history, asOf: asOf, signal: .complexCareFalling, setting: setting(.complexCareFalling)) {
                $0.complexCare
            })
        readings.append(
            shareChange(history, asOf: asOf, signal: .urgentRising, setting: setting(.urgentRising)) { $0.urgent })
        readings.append(lateFP17s(history, asOf: asOf, setting: setting(.lateFP17s)))
        readings.append(foundationReliance(history, asOf: asOf, setting: setting(.foundationReliance)))
        readings.append(targetReduced(history, asOf: asOf, setting: setting(.targetReduced)))
        readings.append(handBack(input.variations, today: today, setting: setting(.handBack)))
        readings.append(IntelligenceEntry.reading(input.intelligence, today: today, configuration: configuration))
        return ProviderWarning(asOf: asOf, configuration: configuration.version, readings: readings)
    }

    /// Projected year-end delivery (the year-to-date pace), full when flagged at the mid-year review.
    static func behindTarget(_ position: ContractPosition?, setting: SignalSetting) -> SignalReading {
        guard let position, let projected = position.projected, let tenths = projected.achievement.tenthsOfPercent
        else {
            return SignalReading(
                signal: .behindTarget, value: nil, setting: setting,
                words: "no projection: too little of the year reported")
        }
        let percent = Double(tenths) / 10
        let flagged =
            position.midYear.map {
                $0.isFlagged && position.months.last.map { $0.month >= position.financialYear.firstHalf[5] } == true
            } ?? false
        var words = "projected to deliver \(projected.achievement.percentText ?? "–") of its target by 31 March"
        if flagged, let review = position.midYear {
            words += "; flagged at the mid-year review (\(review.achievement.percentText ?? "–") by September)"
        }
        return SignalReading(
            signal: .behindTarget, value: percent, setting: setting,
            severity: flagged ? 1 : setting.severity(of: percent), words: words)
    }

    /// Special-cause concern among the last three points of monthly delivery against the working-day profile.
    static func spcConcern(_ position: ContractPosition?, setting: SignalSetting) -> SignalReading {
        let series = position?.deliveryAgainstProfile ?? []
        guard series.count >= 3 else {
            return SignalReading(signal: .spcConcern, value: nil, setting: setting, words: "too few months to chart")
        }
        let chart = XmRChart(months: series, direction: .increase, target: 100)
        let concerns = chart.points.suffix(3).filter { $0.type == .concern }
        let words =
            concerns.isEmpty
            ? "no special cause of concern in the last 3 months"
            : "special cause of concern in \(concerns.count) of the last 3 months ("
                + concerns.compactMap { YearMonth($0.period)?.shortLabel }.joined(separator: ", ") + ")"
        return SignalReading(signal: .spcConcern, value: Double(concerns.count), setting: setting, words: words)
    }

    /// The change in patients seen over 12 months, or 6 where a year is not held.
    static func patientsSeen(
        _ history: [ContractMonth], asOf: YearMonth, signal: WarningSignal, setting: SignalSetting,
        _ count: KeyPath<ContractMonth, Int?>
    ) -> SignalReading {
        let who = signal == .adultsSeenFalling ? "adults seen in 24 months" : "children seen in 12 months"
        guard let now = history.last?[keyPath: count] else {
            return SignalReading(signal: signal, value: nil, setting: setting, words: "no count of \(who) this month")
        }
        for span in [12, 6] {
            let then = asOf.monthsBack(span)
            guard let earlier = history.first(where: { $0.month == then })?[keyPath: count], earlier >= 20 else {
                continue
            }
            let change = Double(now - earlier) / Double(earlier) * 100
            let words = "\(who): \(now) against \(earlier) \(span) months before (\(Self.signed(change))%)"
            return SignalReading(signal: signal, value: change, setting: setting, words: words)
        }
        return SignalReading(
            signal: signal, value: nil, setting: setting, words: "fewer than 6 months of \(who) to compare")
    }

    /// A share of all FP17s in the last three months against the three before, in percentage points.
    static func shareChange(
        _ history: [ContractMonth], asOf: YearMonth, signal: WarningSignal, setting: SignalSetting,
        _ part: (CoursesByBand) -> Int?
    ) -> SignalReading {
        func share(_ first: YearMonth, _ last: YearMonth) -> (percent: Double, courses: Int)? {
            let months = history.filter { $0.month >= first && $0.month <= last }
            let total = months.compactMap(\.courses.total).reduce(0, +)
            let counted = months.compactMap { part($0.courses) }.reduce(0, +)
            return total >= 30 ? (Double(counted) / Double(total) * 100, total) : nil
        }
        let what = signal == .urgentRising ? "urgent courses" : "Band 2 and 3 courses"
        guard let recent = share(asOf.monthsBack(2), asOf), let before = share(asOf.monthsBack(5), asOf.monthsBack(3))
        else {
            return SignalReading(
                signal: signal, value: nil, setting: setting,
                words: "too few courses of treatment in the last 6 months to compare")
        }
        let change = recent.percent - before.percent
        let words =
            "\(what): \(Self.oneDecimal(recent.percent))% of courses in the last 3 months against \(Self.oneDecimal(before.percent))% in the 3 before (\(Self.signed(change)) points)"
        return SignalReading(signal: signal, value: change, setting: setting, words: words)
    }

    /// Late FP17s as a share of all FP17s over the last six months.
    static func lateFP17s(_ history: [ContractMonth], asOf: YearMonth, setting: SignalSetting) -> SignalReading {
        let months = history.filter { $0.month >= asOf.monthsBack(5) }
        let total = months.compactMap(\.courses.total).reduce(0, +)
        let late = months.compactMap(\.lateFP17s).reduce(0, +)
        guard total >= 30 else {
            return SignalReading(
                signal: .lateFP17s, value: nil, setting: setting,
                words: "too few courses of treatment in the last 6 months")
        }
        let share = Double(late) / Double(total) * 100
        return SignalReading(
            signal: .lateFP17s, value: share, setting: setting,
            words:
                "\(late) of \(total) FP17s in the last 6 months were sent more than 2 months late (\(Self.oneDecimal(share))%)"
        )
    }

    /// Foundation dentists' share of the UDAs delivered over the last six months.
    static func foundationReliance(_ history: [ContractMonth], asOf: YearMonth, setting: SignalSetting) -> SignalReading
    {
        let months = history.filter { $0.month >= asOf.monthsBack(5) }
        let foundation = months.compactMap(\.udasDeliveredByFoundationDentists).sum()
        let all = months.compactMap(\.udasDelivered).sum() + foundation
        guard all.tenThousandths > 0 else {
            return SignalReading(
                signal: .foundationReliance, value: nil, setting: setting,
                words: "no UDAs delivered in the last 6 months")
        }
        let share = Double(foundation.tenThousandths) / Double(all.tenThousandths) * 100
        return SignalReading(
            signal: .foundationReliance, value: share, setting: setting,
            words: "foundation dentists delivered \(Self.oneDecimal(share))% of the UDAs in the last 6 months")
    }

    /// Reductions of the UDA target seen in the data in the last twelve months, as a percentage of the target before.
    static func targetReduced(_ history: [ContractMonth], asOf: YearMonth, setting: SignalSetting) -> SignalReading {
        let reductions = ContractChange.history(of: history).filter {
            $0.month > asOf.monthsBack(12) && $0.targetDelta.tenThousandths < 0
        }
        guard let first = reductions.first, let last = reductions.last, first.targetBefore.tenThousandths > 0 else {
            return SignalReading(
                signal: .targetReduced, value: 0, setting: setting,
                words: "no reduction of the UDA target in the last 12 months")
        }
        let percent =
            Double(first.targetBefore.tenThousandths - last.targetAfter.tenThousandths)
            / Double(first.targetBefore.tenThousandths) * 100
        return SignalReading(
            signal: .targetReduced, value: percent, setting: setting,
            words:
                "UDA target cut from \(first.targetBefore.formatted) to \(last.targetAfter.formatted) (\(Self.oneDecimal(percent))%), "
                + "first seen in \(first.month.label)")
    }

    /// Whether a variation had been recorded by the end of `day` (its record time is ISO 8601, so it sorts as text).
    static func recorded(_ variation: ContractVariation, by day: CalendarDate) -> Bool {
        variation.record.recordedAt.prefix(10) <= day.iso
    }

    /// Hand-backs and terminations recorded in Podium by `today`, effective within the last twelve months or later.
    static func handBack(_ variations: [ContractVariation], today: CalendarDate, setting: SignalSetting)
        -> SignalReading
    {
        let from = today.adding(days: -365)
        let found = variations.filter { variation in
            guard variation.isInForce, variation.effective >= from, recorded(variation, by: today) else { return false }
            switch variation.change {
            case .handBack, .termination: return true
            case .minimumUDAValue: return false
            }
        }
        guard let latest = found.max(by: { $0.effective < $1.effective }) else {
            return SignalReading(
                signal: .handBack, value: 0, setting: setting, words: "no hand-back or termination recorded")
        }
        return SignalReading(
            signal: .handBack, value: Double(found.count), setting: setting,
            words:
                "\(latest.change.label.lowercased()) recorded, effective \(latest.effective.label): \(latest.record.reason)"
        )
    }

    static func oneDecimal(_ value: Double) -> String {
        let tenths = Int64((value * 10).rounded())
        return ScaledDecimal.format(tenths, scale: 1, minimumFractionDigits: 1)
    }

    static func signed(_ value: Double) -> String { (value > 0 ? "+" : "") + oneDecimal(value) }
}

/// The early-warning engine: scores, and the back-test of what they foretold.
public enum EarlyWarning {}

extension CoursesByBand {
    /// Bands 2 (2a, 2b, 2c, or the one count published before April 2023) and 3: courses with more than an
    /// examination (complex care).
    var complexCare: Int? {
        let parts = [band2, band3]
        return parts.allSatisfy { $0 == nil } ? nil : parts.compactMap { $0 }.reduce(0, +)
    }
}
