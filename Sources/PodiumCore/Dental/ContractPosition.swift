/// What a commissioner chooses when reading positions; defaults follow NHSBSA.
public struct PositionSettings: Sendable, Hashable, Codable {
    public var rules: ReconciliationRules
    /// Whether foundation dentists' UDAs count toward the target. Default `false`, as NHSBSA's `UDA_DELIVERED`.
    public var countsFoundationDentistUDAs: Bool
    /// Months behind the "recent pace" end of the forecast range.
    public var recentMonths: Int
    public var midYearThreshold: Percentage

    public init(
        rules: ReconciliationRules, countsFoundationDentistUDAs: Bool = false, recentMonths: Int = 3,
        midYearThreshold: Percentage = MidYearReview.regulationThreshold
    ) {
        self.rules = rules
        self.countsFoundationDentistUDAs = countsFoundationDentistUDAs
        self.recentMonths = recentMonths
        self.midYearThreshold = midYearThreshold
    }

    /// The year's default rules, no over-delivery scheme, foundation dentists not counted.
    public static func standard(for year: FinancialYear) -> PositionSettings {
        PositionSettings(rules: ReconciliationRulesTable.rules(for: year))
    }
}

/// One month of a contract's year against the working-day profile.
public struct MonthPosition: Sendable, Hashable, Codable {
    public enum Data: String, Sendable, Hashable, Codable {
        /// The contract has a row this month.
        case reported
        /// The source has no file for this month (November 2023 in the bundled data).
        case missingFromSource
        /// The source has the month but no row for this contract.
        case noRow
    }

    public var month: YearMonth
    public var data: Data
    /// Units delivered; `nil` unless reported (a missing month is unknown, never zero).
    public var delivered: ActivityUnits?
    public var workingDays: Int
    /// The target × this month's working days ÷ the year's.
    public var expected: ActivityUnits
}

/// A projection of year-end delivery at one pace, and what reconciliation would make of it.
public struct Projection: Sendable, Hashable, Codable {
    /// "year-to-date pace" or "pace of the last 3 months".
    public var basis: String
    /// Units per working day × 10,000 working days: the pace, kept exact as units over days.
    public var paceUnits: ActivityUnits
    public var paceWorkingDays: Int
    public var yearEndDelivery: ActivityUnits
    public var result: YearEndResult
}

/// The forecast outturn: the learned forecast (central) with its 80 % interval, where past years can teach one;
/// otherwise the year-to-date pace (central) and recent pace, with the range they span. Pace is kept as a named
/// comparison either way.
public struct DeliveryForecast: Sendable, Hashable, Codable {
    public var central: Projection
    /// The year-to-date pace: the central figure when nothing is learned, a comparison when something is.
    public var pace: Projection
    public var recent: Projection
    /// Working days already reported, and still to come (including months missing from the source).
    public var workingDaysReported: Int
    public var workingDaysProjected: Int
    /// The learned forecast behind ``central`` and its interval's two ends, reconciled; `nil` when the central
    /// figure is the pace.
    public var learned: LearnedForecast?
    public var intervalLow: Projection?
    public var intervalHigh: Projection?

    /// The 80 % interval's ends when learned; otherwise the lower and higher of the two paces.
    public var low: Projection {
        intervalLow ?? (pace.yearEndDelivery <= recent.yearEndDelivery ? pace : recent)
    }
    public var high: Projection {
        intervalHigh ?? (pace.yearEndDelivery <= recent.yearEndDelivery ? recent : pace)
    }
}

/// Units carried from one year's reconciliation into the next: a shortfall (96–100 %, delivered first next year) or
/// a credit (100–102 %, counted as delivered next year).
public struct CarryForward: Sendable, Hashable, Codable {
    public enum Source: Sendable, Hashable, Codable {
        case none
        /// Worked out from the previous year's data (final, or projected while that year is in progress).
        case previousYear(FinancialYear)
        /// Recorded by the ICB, which knows better than the data (a local record; it wins).
        case openingBalance
    }

    public var shortfall: ActivityUnits
    public var credit: ActivityUnits
    public var source: Source

    public init(shortfall: ActivityUnits, credit: ActivityUnits, source: Source) {
        self.shortfall = shortfall
        self.credit = credit
        self.source = source
    }

    public static let none = CarryForward(shortfall: .zero, credit: .zero, source: .none)

    public var isZero: Bool { shortfall.tenThousandths == 0 && credit.tenThousandths == 0 }

    /// What a year-end result carries into the next year.
    public init(from result: YearEndResult, year: FinancialYear) {
        self.init(
            shortfall: result.shortfallCarriedForward, credit: result.creditCarriedForward,
            source: .previousYear(year))
    }

    /// "300 UDAs shortfall", "none".
    public var amountWords: String {
        var parts: [String] = []
        if shortfall.tenThousandths > 0 { parts.append("\(shortfall.rounded(to: 2).formatted) UDAs shortfall") }
        if credit.tenThousandths > 0 { parts.append("\(credit.rounded(to: 2).formatted) UDAs credit") }
        return parts.isEmpty ? "none" : parts.joined(separator: " and ")
    }

    /// "300 UDAs shortfall from 2022/23", "none".
    public var words: String {
        guard !isZero else { return "none" }
        let from: String =
            switch source {
            case .none: ""
            case .previousYear(let year): " from \(year.label)"
            case .openingBalance: " (opening balance recorded by the ICB)"
            }
        return amountWords + from
    }
}

/// A dental contract's position in a financial year: against its working-day profile, at mid-year, and the year end
/// with money — final once the data has all twelve months, projected while the year is in progress. Pure: everything
/// comes in as values.
public struct ContractPosition: Sendable, Hashable, Codable {
    public enum Status: Sendable, Hashable, Codable {
        case current
        /// Not in the source's latest month of a year in progress: it may have ended; no forecast is made.
        case notInLatestData(lastSeen: YearMonth)
        /// Left the data before March of a completed year: reconciled for the months it ran.
        case leftDuringYear(lastSeen: YearMonth)
    }

    public var contract: ContractNumber
    public var financialYear: FinancialYear
    public var latest: ContractMonth
    public var status: Status
    public var terms: ContractTermsTimeline
    /// April to the source's latest month.
    public var months: [MonthPosition]
    /// The review of April–September against the terms in force at 30 September; `nil` when the contract was not
    /// live then (``notReviewedAtMidYear``) or the year has no first-half data yet.
    public var midYear: MidYearReview?
    /// Why there is no mid-year review though one was due: the contract was not in the September data.
    public var notReviewedAtMidYear: String?
    /// The year end at the year-to-date pace (projected) or from the twelve months (final, ``isFinal``).
    public var forecast: DeliveryForecast?
    /// The data has all twelve months of the year: the year end is final ("from the twelve months' data").
    public var isFinal: Bool
    /// Last year's shortfall or credit, delivered first or counted as delivered this year.
    public var broughtForward: CarryForward
    /// Working days of the months the contract ran in the year: all the year's for a whole year; fewer when it
    /// started or ended within it, and its terms are then pro-rated by them [unconfirmed rule].
    public var runningDays: Int
    public var settings: PositionSettings
    /// Working days in the year, for the "why" lines.
    public var yearWorkingDays: Int

    /// Computes the position of `year` (its rows), given the months the source covers, the contract's recorded
    /// variations, the year's working-day profile and what the previous year carried forward.
    /// - Parameter model: the learned forecast of the year (``ForecastModel``); without it the year end is projected at
    ///   the year-to-date pace.
    public init(
        year: ContractYear, coverage: ActivityCoverage, variations: [ContractVariation], profile: WorkingDayProfile,
        settings: PositionSettings, broughtForward: CarryForward = .none, model: ForecastModel? = nil
    ) {
        let financialYear = year.financialYear
        let rows = Dictionary(year.months.map { ($0.month, $0) }, uniquingKeysWith: { _, last in last })
        let latestMonth = coverage.latestMonth ?? year.latest.month
        let isFinal = coverage.isComplete
        let base = ContractTerms(target: year.udaTarget, value: year.contractValue)
        let terms = ContractTermsTimeline(financialYear: financialYear, base: base, variations: variations)
        // The months it ran: from its first month in the data (if after April) to March, or to its last month when it
        // left during a completed year.
        let firstRunning = year.months[0].month
        let leftEarly = isFinal && year.latest.month < financialYear.lastMonth
        let lastRunning = leftEarly ? year.latest.month : financialYear.lastMonth
        let running = financialYear.months.filter { $0 >= firstRunning && $0 <= lastRunning }
        let runningDays = profile.workingDays(in: running)
        let target = terms.effective.target
        let present = Set(coverage.monthsPresent)
        let months = financialYear.months.filter { $0 <= latestMonth }.map { month -> MonthPosition in
            let workingDays = profile.workingDays(in: month)
            let expected = ActivityUnits(
                tenThousandths: month >= firstRunning && month <= lastRunning
                    ? ScaledDecimal.multiplyDivide(target.tenThousandths, Int64(workingDays), Int64(profile.total))
                    : 0)
            guard present.contains(month) else {
                return MonthPosition(
                    month: month, data: .missingFromSource, delivered: nil, workingDays: workingDays, expected: expected
                )
            }
            guard let row = rows[month] else {
                return MonthPosition(
                    month: month, data: .noRow, delivered: nil, workingDays: workingDays, expected: expected)
            }
            var delivered = row.udasDelivered ?? .zero  // a reported row with a blank cell: no activity that month
            if settings.countsFoundationDentistUDAs { delivered += row.udasDeliveredByFoundationDentists ?? .zero }
            return MonthPosition(
                month: month, data: .reported, delivered: delivered, workingDays: workingDays, expected: expected)
        }

        self.contract = year.contract
        self.financialYear = financialYear
        self.latest = year.latest
        self.status =
            leftEarly
            ? .leftDuringYear(lastSeen: year.latest.month)
            : year.latest.month < latestMonth ? .notInLatestData(lastSeen: year.latest.month) : .current
        self.terms = terms
        self.months = months
        self.settings = settings
        self.isFinal = isFinal
        self.broughtForward = broughtForward
        self.runningDays = runningDays
        self.yearWorkingDays = profile.total

        (midYear, notReviewedAtMidYear) = Self.midYear(
            year: year, coverage: coverage, months: months, variations: variations, settings: settings,
            broughtForward: broughtForward)
        // The year's terms for the months it ran [unconfirmed rule: pro rata by working days].
        let share = { (units: Int64) in ScaledDecimal.multiplyDivide(units, Int64(runningDays), Int64(profile.total)) }
        let yearTerms = ContractTerms(
            target: ActivityUnits(tenThousandths: share(terms.effective.target.tenThousandths)),
            value: Money(pence: share(terms.effective.value.pence)))
        self.forecast =
            status == .current || isFinal
            ? Self.forecast(
                months: months, runningDays: runningDays, terms: yearTerms, settings: settings,
                broughtForward: broughtForward,
                learned: isFinal || runningDays != profile.total || months.contains { $0.data != .reported }
                    ? nil
                    : model?.forecast(
                        contract: year.contract, icb: year.icb, month: months.count,
                        deliveredToDate: months.compactMap(\.delivered).sum(), target: yearTerms.target))
            : nil
    }

    /// The mid-year review as it was held: the terms in force at 30 September (the September row, or the latest month
    /// up to September the data has, with variations effective by then), the first half's delivery and what was
    /// brought forward. A contract not in that month's data was not live then and is not reviewed. Before September
    /// is in the data, a review so far against the latest terms.
    static func midYear(
        year: ContractYear, coverage: ActivityCoverage, months: [MonthPosition], variations: [ContractVariation],
        settings: PositionSettings, broughtForward: CarryForward
    ) -> (MidYearReview?, String?) {
        let financialYear = year.financialYear
        let firstHalfMonths = Set(financialYear.firstHalf)
        let firstHalf = months.filter { firstHalfMonths.contains($0.month) }
        guard let reviewMonth = coverage.midYearMonth else { return (nil, nil) }
        guard !MidYearReview.notHeld.contains(financialYear.startYear) else {
            return (
                nil,
                "No mid-year review in \(financialYear.label): the pandemic arrangements' quarterly activity thresholds took its place [unconfirmed]."
            )
        }
        let september = financialYear.firstHalf[5]
        let rowAtReview = year.months.last { $0.month == reviewMonth }
        guard let rowAtReview else {
            guard reviewMonth == september else { return (nil, nil) }
            let when =
                year.months[0].month > september
                ? "it first appears in \(year.months[0].month.label)" : "it was not in the \(september.label) data"
            return (nil, "Not reviewed at mid-year: \(when), so it was not live at 30 September.")
        }
        let thirtieth = CalendarDate(year: september.year, month: 9, day: 30)!
        let atReview = ContractTermsTimeline(
            financialYear: financialYear,
            base: ContractTerms(target: rowAtReview.udaTarget, value: rowAtReview.udaContractValue),
            variations: variations.filter { $0.startOfNewTerms <= thirtieth }
        ).terms(on: thirtieth)
        return (
            MidYearReview(
                target: atReview.target, contractValue: atReview.value,
                firstHalfDelivered: firstHalf.compactMap(\.delivered).sum(),
                shortfallBroughtForward: broughtForward.shortfall, creditBroughtForward: broughtForward.credit,
                threshold: settings.midYearThreshold, monthsWithData: firstHalf.filter { $0.data == .reported }.count),
            nil
        )
    }

    /// Delivered in the months reported so far.
    public var deliveredToDate: ActivityUnits { months.compactMap(\.delivered).sum() }
    /// What the profile expects for the months reported (missing months are left out of both sides).
    public var expectedForReportedMonths: ActivityUnits { months.filter { $0.data == .reported }.map(\.expected).sum() }
    /// What the profile expects from April to the latest month, whatever is missing.
    public var expectedToDate: ActivityUnits { months.map(\.expected).sum() }
    /// Delivery against the profile for the reported months (100 % = on profile; higher is better).
    public var againstProfile: Proportion { Proportion(deliveredToDate, of: expectedForReportedMonths) }
    public var missingMonths: [YearMonth] { months.filter { $0.data != .reported }.map(\.month) }
    /// Each reported month's delivery as a percentage of its working-day expectation: the series Podium charts
    /// with SPC (on profile = 100).
    public var deliveryAgainstProfile: [(YearMonth, Double)] {
        months.compactMap { month in
            guard let delivered = month.delivered, month.expected.tenThousandths > 0 else { return nil }
            return (month.month, Double(delivered.tenThousandths) / Double(month.expected.tenThousandths) * 100)
        }
    }

    /// The central year-end result — final or projected — if one was made.
    public var projected: YearEndResult? { forecast?.central.result }
    /// What this year carries into the next: from the final result, or the projected one while the year runs.
    public var carriedForward: CarryForward? { projected.map { CarryForward(from: $0, year: financialYear) } }
    /// Whether the profile expects its delivery: not when it has left the data of a year in progress.
    public var countsInProfile: Bool { if case .notInLatestData = status { false } else { true } }
    /// Whether the contract ran the whole year (else its terms are pro-rated by ``runningDays``).
    public var ranWholeYear: Bool { runningDays == yearWorkingDays }
    /// "final: from the twelve months' data", "an estimate under the pandemic year's [unconfirmed] rules", or
    /// "projected".
    public var yearEndLabel: String { YearEndStatus(isFinal: isFinal, rules: settings.rules).label }

    /// The year end at two paces: the year-to-date pace (central) and the recent pace. For a completed year nothing
    /// is left to project and both are the year's delivery.
    static func forecast(
        months: [MonthPosition], runningDays: Int, terms: ContractTerms, settings: PositionSettings,
        broughtForward: CarryForward, learned: LearnedForecast? = nil
    ) -> DeliveryForecast? {
        let reported = months.filter { $0.data == .reported }
        let reportedDays = reported.reduce(0) { $0 + $1.workingDays }
        guard reportedDays > 0 else { return nil }
        let projectedDays = max(0, runningDays - reportedDays)
        let recentMonths = Array(reported.suffix(max(1, settings.recentMonths)))
        func project(_ basis: String, _ sample: [MonthPosition]) -> Projection {
            let units = sample.compactMap(\.delivered).sum()
            let days = sample.reduce(0) { $0 + $1.workingDays }
            // Delivered so far + pace × working days not yet reported (future months and months missing from the source).
            let yearEnd =
                reported.compactMap(\.delivered).sum()
                + ActivityUnits(
                    tenThousandths: days == 0
                        ? 0 : ScaledDecimal.multiplyDivide(units.tenThousandths, Int64(projectedDays), Int64(days)))
            let input = YearEndInput(
                target: terms.target, contractValue: terms.value, delivered: yearEnd,
                shortfallBroughtForward: broughtForward.shortfall, creditBroughtForward: broughtForward.credit)
            return Projection(
                basis: basis, paceUnits: units, paceWorkingDays: days, yearEndDelivery: yearEnd,
                result: YearEndReconciliation.reconcile(input, rules: settings.rules))
        }
        func reconciled(_ basis: String, _ yearEnd: ActivityUnits) -> Projection {
            let input = YearEndInput(
                target: terms.target, contractValue: terms.value, delivered: yearEnd,
                shortfallBroughtForward: broughtForward.shortfall, creditBroughtForward: broughtForward.credit)
            return Projection(
                basis: basis, paceUnits: .zero, paceWorkingDays: 0, yearEndDelivery: yearEnd,
                result: YearEndReconciliation.reconcile(input, rules: settings.rules))
        }
        let pace = project("year-to-date pace", reported)
        return DeliveryForecast(
            central: learned.map { reconciled("learned forecast", $0.central) } ?? pace, pace: pace,
            recent: project(
                "pace of the last \(recentMonths.count) month\(recentMonths.count == 1 ? "" : "s") reported",
                recentMonths),
            workingDaysReported: reportedDays, workingDaysProjected: projectedDays, learned: learned,
            intervalLow: learned.map { reconciled("10th percentile", $0.low) },
            intervalHigh: learned.map { reconciled("90th percentile", $0.high) })
    }

    /// The contract as a draw of a total's interval needs it; `nil` without a learned forecast.
    public var forecastTotalsContract: ForecastTotals.Contract? {
        guard let forecast, let learned = forecast.learned else { return nil }
        return ForecastTotals.Contract(
            errorKey: learned.errorKey, target: forecast.central.result.input.target,
            value: forecast.central.result.input.contractValue, deliveredToDate: learned.deliveredToDate,
            central: learned.central, broughtForward: broughtForward)
    }

    /// Why, rule by rule, for every figure and flag — written on demand, since most positions are only summed.
    public var notes: [RuleNote] {
        var notes: [RuleNote] = []
        let delivered = months.compactMap(\.delivered).sum()
        let expected = months.filter { $0.data == .reported }.map(\.expected).sum()
        let reportedDays = months.filter { $0.data == .reported }.reduce(0) { $0 + $1.workingDays }
        notes.append(
            RuleNote(
                rule: "Delivery against profile",
                explanation:
                    "\(delivered.formatted) UDAs delivered against \(expected.rounded(to: 1).formatted) expected in the months reported (target \(terms.effective.target.formatted) × \(reportedDays) working days ÷ \(yearWorkingDays) in the year)"
                    + (Proportion(delivered, of: expected).percentText.map { ": \($0) of profile, higher is better" }
                        ?? ""),
                source: DentalRuleSource.profile))
        let missing = months.filter { $0.data != .reported }.map(\.month.label)
        if !missing.isEmpty {
            notes.append(
                RuleNote(
                    rule: "Missing months",
                    explanation:
                        "no data for \(missing.joined(separator: ", ")): left out of delivery and profile, and projected at the contract's pace, never counted as zero",
                    source: DentalRuleSource.profile))
        }
        if terms.segments.count > 1 || terms.effective != terms.base {
            notes.append(
                RuleNote(
                    rule: "Variations",
                    explanation:
                        "recorded variations change the year's target from \(terms.base.target.formatted) to \(terms.effective.target.formatted) UDAs and its value from \(terms.base.value.formatted) to \(terms.effective.value.formatted)",
                    source: DentalRuleSource.proRata))
        }
        for rejected in terms.rejected {
            notes.append(
                RuleNote(
                    rule: "Variation not applied",
                    explanation:
                        "\(rejected.variation.change.label) from \(rejected.variation.effective.label): \(rejected.error.description)",
                    source: "Podium validation"))
        }
        if let midYear { notes.append(midYear.note) }
        if !broughtForward.isZero {
            notes.append(
                RuleNote(
                    rule: "Carried forward into this year",
                    explanation:
                        "\(broughtForward.words): the shortfall is delivered first and the credit counts as delivered, at mid-year and at the year end",
                    source: DentalRuleSource.adjustedDelivery))
        }
        if let notReviewedAtMidYear {
            notes.append(
                RuleNote(rule: "Mid-year review", explanation: notReviewedAtMidYear, source: DentalRuleSource.midYear))
        }
        if !ranWholeYear {
            notes.append(
                RuleNote(
                    rule: "Part of the year",
                    explanation:
                        "the contract ran \(runningDays) of the year's \(yearWorkingDays) working days, so its target and value for the year are pro-rated to them",
                    source: "pro rata by working days for a contract starting or ending in the year [unconfirmed rule]")
            )
        }
        switch (status, forecast) {
        case (.notInLatestData(let lastSeen), _):
            notes.append(
                RuleNote(
                    rule: "Forecast",
                    explanation:
                        "not in the latest month's data (last seen \(lastSeen.label)): the contract may have ended, so no year-end forecast is made",
                    source: "NHSBSA English Contractor Monthly General Dental Activity"))
        case (_, let forecast?) where isFinal:
            notes.append(
                RuleNote(
                    rule: "Year end (final)",
                    explanation:
                        "from the twelve months' data: \(forecast.central.yearEndDelivery.rounded(to: 1).formatted) UDAs delivered (\(forecast.central.result.achievement.percentText ?? "–") of target after what was carried forward). "
                        + "NHSBSA's own year end also counts forms for the year scheduled up to June, so its figure can be a little higher",
                    source: "NHSBSA English Contractor Monthly General Dental Activity; \(DentalRuleSource.yearEnd)"))
            notes += forecast.central.result.notes
        case (_, let forecast?) where forecast.learned != nil:
            let learned = forecast.learned!
            notes.append(
                RuleNote(
                    rule: "Forecast",
                    explanation:
                        "\(learned.central.rounded(to: 1).formatted) UDAs by 31 March (\(forecast.central.result.achievement.percentText ?? "–")), learned from past years: "
                        + learned.why
                        + ". For comparison, at the year-to-date pace \(forecast.pace.yearEndDelivery.rounded(to: 1).formatted) (\(forecast.pace.result.achievement.percentText ?? "–")), which overstates a shortfall because delivery is back-loaded",
                    source:
                        "Podium's learned forecast (docs/DENTAL-RULES.md); NHSBSA English Contractor Monthly General Dental Activity"
                ))
            notes += forecast.central.result.notes
        case (_, let forecast?):
            notes.append(
                RuleNote(
                    rule: "Forecast",
                    explanation:
                        "at the year-to-date pace, \(forecast.central.yearEndDelivery.rounded(to: 1).formatted) UDAs by 31 March (\(forecast.central.result.achievement.percentText ?? "–")); at the \(forecast.recent.basis), \(forecast.recent.yearEndDelivery.rounded(to: 1).formatted) (\(forecast.recent.result.achievement.percentText ?? "–")). "
                        + "NHSBSA's year end also counts forms for the year scheduled up to June, so in-year schedule months understate the final delivery a little",
                    source: DentalRuleSource.profile))
            notes += forecast.central.result.notes
        case (_, nil):
            break
        }
        if settings.countsFoundationDentistUDAs {
            notes.append(
                RuleNote(
                    rule: "Foundation dentists",
                    explanation:
                        "foundation dentists' UDAs are counted toward the target (a setting; NHSBSA's UDA_DELIVERED leaves them out)",
                    source: "Podium setting"))
        }
        return notes
    }
}
