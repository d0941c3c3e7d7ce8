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

/// The forecast outturn: year-to-date pace (central) and recent pace, with the range they span.
public struct DeliveryForecast: Sendable, Hashable, Codable {
    public var central: Projection
    public var recent: Projection
    /// Working days already reported, and still to come (including months missing from the source).
    public var workingDaysReported: Int
    public var workingDaysProjected: Int

    /// The lower and higher year-end delivery of the two paces.
    public var low: Projection { central.yearEndDelivery <= recent.yearEndDelivery ? central : recent }
    public var high: Projection { central.yearEndDelivery <= recent.yearEndDelivery ? recent : central }
}

/// A dental contract's position in a financial year: against its working-day profile, at mid-year, and the
/// forecast year-end outcome with money. Pure: everything comes in as values.
public struct ContractPosition: Sendable, Hashable, Codable {
    public enum Status: Sendable, Hashable, Codable {
        case current
        /// Not in the source's latest month: it may have ended; no forecast is made.
        case notInLatestData(lastSeen: YearMonth)
    }

    public var contract: ContractNumber
    public var financialYear: FinancialYear
    public var latest: ContractMonth
    public var status: Status
    public var terms: ContractTermsTimeline
    /// April to the source's latest month.
    public var months: [MonthPosition]
    public var midYear: MidYearReview?
    public var forecast: DeliveryForecast?
    public var settings: PositionSettings
    /// Working days in the year, for the "why" lines.
    public var yearWorkingDays: Int

    /// Computes the position of `year` (its rows), given the months the source covers, the contract's recorded
    /// variations and the year's working-day profile.
    public init(
        year: ContractYear, coverage: ActivityCoverage, variations: [ContractVariation], profile: WorkingDayProfile,
        settings: PositionSettings
    ) {
        let rows = Dictionary(year.months.map { ($0.month, $0) }, uniquingKeysWith: { _, last in last })
        let latestMonth = coverage.latestMonth ?? year.latest.month
        let base = ContractTerms(target: year.udaTarget, value: year.contractValue)
        let terms = ContractTermsTimeline(financialYear: year.financialYear, base: base, variations: variations)
        let target = terms.effective.target
        let present = Set(coverage.monthsPresent)
        let months = year.financialYear.months.filter { $0 <= latestMonth }.map { month -> MonthPosition in
            let workingDays = profile.workingDays(in: month)
            let expected = ActivityUnits(
                tenThousandths: ScaledDecimal.multiplyDivide(
                    target.tenThousandths, Int64(workingDays), Int64(profile.total)))
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
        self.financialYear = year.financialYear
        self.latest = year.latest
        self.status = year.latest.month < latestMonth ? .notInLatestData(lastSeen: year.latest.month) : .current
        self.terms = terms
        self.months = months
        self.settings = settings

        let firstHalfMonths = Set(year.financialYear.firstHalf)
        let firstHalf = months.filter { firstHalfMonths.contains($0.month) }
        if latestMonth >= year.financialYear.firstHalf[5] || firstHalf.contains(where: { $0.data == .reported }) {
            self.midYear = MidYearReview(
                target: target, contractValue: terms.effective.value,
                firstHalfDelivered: firstHalf.compactMap(\.delivered).sum(),
                threshold: settings.midYearThreshold, monthsWithData: firstHalf.filter { $0.data == .reported }.count)
        } else {
            self.midYear = nil
        }
        self.forecast =
            status == .current
            ? Self.forecast(months: months, profile: profile, terms: terms.effective, settings: settings)
            : nil
        self.yearWorkingDays = profile.total
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

    /// The central projected year-end result, if a forecast was made.
    public var projected: YearEndResult? { forecast?.central.result }

    static func forecast(
        months: [MonthPosition], profile: WorkingDayProfile, terms: ContractTerms, settings: PositionSettings
    ) -> DeliveryForecast? {
        let reported = months.filter { $0.data == .reported }
        let reportedDays = reported.reduce(0) { $0 + $1.workingDays }
        guard reportedDays > 0 else { return nil }
        let projectedDays = profile.total - reportedDays
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
            let input = YearEndInput(target: terms.target, contractValue: terms.value, delivered: yearEnd)
            return Projection(
                basis: basis, paceUnits: units, paceWorkingDays: days, yearEndDelivery: yearEnd,
                result: YearEndReconciliation.reconcile(input, rules: settings.rules))
        }
        return DeliveryForecast(
            central: project("year-to-date pace", reported),
            recent: project(
                "pace of the last \(recentMonths.count) month\(recentMonths.count == 1 ? "" : "s") reported",
                recentMonths),
            workingDaysReported: reportedDays, workingDaysProjected: projectedDays)
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
        switch status {
        case .notInLatestData(let lastSeen):
            notes.append(
                RuleNote(
                    rule: "Forecast",
                    explanation:
                        "not in the latest month's data (last seen \(lastSeen.label)): the contract may have ended, so no year-end forecast is made",
                    source: "NHSBSA English Contractor Monthly General Dental Activity"))
        case .current:
            if let forecast {
                notes.append(
                    RuleNote(
                        rule: "Forecast",
                        explanation:
                            "at the year-to-date pace, \(forecast.central.yearEndDelivery.rounded(to: 1).formatted) UDAs by 31 March (\(forecast.central.result.achievement.percentText ?? "–")); at the \(forecast.recent.basis), \(forecast.recent.yearEndDelivery.rounded(to: 1).formatted) (\(forecast.recent.result.achievement.percentText ?? "–")). "
                            + "NHSBSA's year end also counts forms for the year scheduled up to June, so in-year schedule months understate the final delivery a little",
                        source: DentalRuleSource.profile))
                notes += forecast.central.result.notes
            }
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
