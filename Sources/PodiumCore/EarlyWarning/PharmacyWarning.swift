/// What the pharmacy early warning reads about one pharmacy, from what exists: the ICB's closures log and opening
/// hours, ODS changes of ownership, Pharmacy First activity returns and the ICB's intelligence.
public struct PharmacyWarningInput: Sendable, Hashable {
    public struct Closure: Sendable, Hashable {
        public var date: CalendarDate
        public var permanent: Bool
        public var minutesLost: Int?

        public init(date: CalendarDate, permanent: Bool, minutesLost: Int?) {
            self.date = date
            self.permanent = permanent
            self.minutesLost = minutesLost
        }
    }

    /// Contracted minutes a week from the date a set of hours took effect.
    public struct WeeklyHours: Sendable, Hashable {
        public var from: CalendarDate
        public var minutes: Int

        public init(from: CalendarDate, minutes: Int) {
            self.from = from
            self.minutes = minutes
        }
    }

    public var pharmacy: PharmacyCode
    public var closures: [Closure]
    /// Dates of changes of ownership (ODS parent organisation).
    public var ownershipChanges: [CalendarDate]
    public var weeklyHours: [WeeklyHours]
    /// Pharmacy First consultations by month, where returns are held.
    public var pharmacyFirst: [YearMonth: Int]
    public var intelligence: [IntelligenceEntry]

    public init(
        pharmacy: PharmacyCode, closures: [Closure] = [], ownershipChanges: [CalendarDate] = [],
        weeklyHours: [WeeklyHours] = [], pharmacyFirst: [YearMonth: Int] = [:],
        intelligence: [IntelligenceEntry] = []
    ) {
        self.pharmacy = pharmacy
        self.closures = closures
        self.ownershipChanges = ownershipChanges
        self.weeklyHours = weeklyHours
        self.pharmacyFirst = pharmacyFirst
        self.intelligence = intelligence
    }
}

extension EarlyWarning {
    /// The pharmacy's score on `today`, from what was recorded by then.
    public static func pharmacy(
        _ input: PharmacyWarningInput, today: CalendarDate, configuration: WarningConfiguration = .standard
    ) -> ProviderWarning {
        let setting = configuration.setting
        let threeMonths = today.adding(days: -91)
        let year = today.adding(days: -365)
        let recent = input.closures.filter { !$0.permanent && $0.date > threeMonths && $0.date <= today }
        let minutes = recent.compactMap(\.minutesLost).reduce(0, +)
        let hours = Double(minutes) / 60
        var readings = [
            SignalReading(
                signal: .unplannedClosures, value: Double(recent.count), setting: setting(.unplannedClosures),
                words: "\(recent.count) unplanned closure\(recent.count == 1 ? "" : "s") in the last 3 months"),
            SignalReading(
                signal: .hoursLost, value: hours, setting: setting(.hoursLost),
                words: "\(oneDecimal(hours)) contracted hours lost to unplanned closures in the last 3 months"),
        ]
        let owners = input.ownershipChanges.filter { $0 > year && $0 <= today }.sorted()
        readings.append(
            SignalReading(
                signal: .ownershipChange, value: Double(owners.count), setting: setting(.ownershipChange),
                words: owners.last.map { "new owner from \($0.label) (ODS)" }
                    ?? "no change of ownership in the last 12 months"))
        readings.append(reducedHours(input.weeklyHours, today: today, setting: setting(.reducedHours)))
        readings.append(
            pharmacyFirstFalling(input.pharmacyFirst, today: today, setting: setting(.pharmacyFirstFalling)))
        let permanent = input.closures.filter { $0.permanent && $0.date > year }.sorted { $0.date < $1.date }
        readings.append(
            SignalReading(
                signal: .permanentClosure, value: Double(permanent.count), setting: setting(.permanentClosure),
                words: permanent.last.map { "permanent closure notified for \($0.date.label)" }
                    ?? "no permanent closure notified"))
        readings.append(IntelligenceEntry.reading(input.intelligence, today: today, configuration: configuration))
        return ProviderWarning(asOf: today.yearMonth, configuration: configuration.version, readings: readings)
    }

    /// The weekly hours in force today against those in force a year before, as a percentage reduction.
    static func reducedHours(_ weekly: [PharmacyWarningInput.WeeklyHours], today: CalendarDate, setting: SignalSetting)
        -> SignalReading
    {
        let inForce = { (day: CalendarDate) in weekly.filter { $0.from <= day }.max { $0.from < $1.from }?.minutes }
        guard let now = inForce(today), let then = inForce(today.adding(days: -365)), then > 0 else {
            return SignalReading(
                signal: .reducedHours, value: nil, setting: setting,
                words: "no opening hours recorded for a year ago to compare")
        }
        let reduction = Double(then - now) / Double(then) * 100
        return SignalReading(
            signal: .reducedHours, value: reduction, setting: setting,
            words:
                "\(oneDecimal(Double(now) / 60)) hours a week now against \(oneDecimal(Double(then) / 60)) a year before"
        )
    }

    /// Pharmacy First consultations in the last three months with returns against the three before.
    static func pharmacyFirstFalling(_ monthly: [YearMonth: Int], today: CalendarDate, setting: SignalSetting)
        -> SignalReading
    {
        let months = monthly.keys.filter { $0 <= today.yearMonth }.sorted()
        guard months.count >= 6 else {
            return SignalReading(
                signal: .pharmacyFirstFalling, value: nil, setting: setting,
                words: "fewer than 6 months of Pharmacy First returns")
        }
        let recent = months.suffix(3).compactMap { monthly[$0] }.reduce(0, +)
        let before = months.dropLast(3).suffix(3).compactMap { monthly[$0] }.reduce(0, +)
        guard before > 0 else {
            return SignalReading(
                signal: .pharmacyFirstFalling, value: nil, setting: setting,
                words: "no Pharmacy First consultations to compare")
        }
        let change = Double(recent - before) / Double(before) * 100
        return SignalReading(
            signal: .pharmacyFirstFalling, value: change, setting: setting,
            words:
                "\(recent) Pharmacy First consultations in the last 3 months of returns against \(before) in the 3 before (\(signed(change))%)"
        )
    }
}

extension PharmacyWarningInput {
    /// Each pharmacy's input from an ICB's records: the closures log, opening hours (all sessions from one date make
    /// a week), Pharmacy First returns (clinical pathways, minor illness and urgent supply together), ODS events and
    /// provider intelligence.
    public static func inputs(
        pharmacies: [PharmacyCode], closures: [PharmacyClosure], hours: [OpeningSession],
        pharmacyFirst: [PharmacyFirstReturn],
        events: [PharmacyEvent],
        intelligence: [(provider: String, entry: IntelligenceEntry)]
    ) -> [PharmacyCode: PharmacyWarningInput] {
        var inputs = Dictionary(uniqueKeysWithValues: pharmacies.map { ($0, PharmacyWarningInput(pharmacy: $0)) })
        func update(_ code: PharmacyCode?, _ change: (inout PharmacyWarningInput) -> Void) {
            guard let code, inputs[code] != nil else { return }
            change(&inputs[code]!)
        }
        for closure in closures {
            update(closure.pharmacy) {
                $0.closures.append(
                    Closure(date: closure.date, permanent: closure.kind == .permanent, minutesLost: closure.minutesLost)
                )
            }
        }
        var weeks: [PharmacyCode: [CalendarDate: Int]] = [:]
        for session in hours {
            weeks[session.pharmacy, default: [:]][session.effectiveFrom, default: 0] += session.minutes
        }
        for (code, week) in weeks {
            update(code) {
                $0.weeklyHours = week.map { WeeklyHours(from: $0.key, minutes: $0.value) }.sorted { $0.from < $1.from }
            }
        }
        for entry in pharmacyFirst {
            let volumes = entry.volumes
            update(entry.pharmacy) {
                $0.pharmacyFirst[entry.month, default: 0] +=
                    volumes.clinicalPathways + volumes.minorIllness + volumes.urgentSupply
            }
        }
        for event in events where event.kind == .ownershipChanged {
            update(event.pharmacy) { $0.ownershipChanges.append(event.date) }
        }
        for (provider, entry) in intelligence { update(PharmacyCode(provider)) { $0.intelligence.append(entry) } }
        return inputs
    }

    /// The day the ICB's pharmacy returns run to, no later than `today`: the last day of the latest month of Pharmacy
    /// First returns, which every pharmacy makes monthly; without them, the latest closure logged. Pharmacies are
    /// scored as of then, since returns lag the present, and one late entry for one pharmacy must not move the rest.
    public static func latestReturn(_ inputs: some Collection<PharmacyWarningInput>, today: CalendarDate)
        -> CalendarDate?
    {
        let months = inputs.flatMap(\.pharmacyFirst.keys).map(\.lastDay).filter { $0 <= today }
        if let latest = months.max() { return latest }
        return inputs.flatMap { $0.closures.map(\.date) }.filter { $0 <= today }.max()
    }
}
