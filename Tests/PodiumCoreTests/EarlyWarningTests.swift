import PodiumCore
import Testing

/// Months of one contract for early-warning tests: a steady contract unless a test says otherwise.
private func history(
    _ months: [String] = ["202304", "202305", "202306", "202307", "202308", "202309", "202310"], target: Int64 = 8000,
    delivered: Int64? = 700,
    edit: (String, inout ContractMonth) -> Void = { _, _ in }
) -> [ContractMonth] {
    months.map { month in
        var row = ContractMonth.fixture(month, target: target, delivered: delivered)
        edit(month, &row)
        return row
    }
}

private func courses(band1: Int, complex: Int, urgent: Int) -> CoursesByBand {
    CoursesByBand(band1: band1, band2a: complex, band2b: 0, band2c: 0, band3: 0, urgent: urgent, other: 0)
}

private let october = YearMonth("2023-10")!
private let allMonths = ["202304", "202305", "202306", "202307", "202308", "202309", "202310"].compactMap(
    YearMonth.init)

private func score(
    _ rows: [ContractMonth], asOf: YearMonth = october, variations: [ContractVariation] = [],
    intelligence: [IntelligenceEntry] = [],
    today: CalendarDate? = nil
) -> ProviderWarning? {
    EarlyWarning.dental(
        DentalWarningInput(
            contract: rows[0].contract, months: rows, dataMonths: allMonths, variations: variations,
            intelligence: intelligence),
        asOf: asOf, today: today, configuration: .v1)
}

private func reading(_ warning: ProviderWarning?, _ signal: WarningSignal) -> SignalReading? {
    warning?.readings.first { $0.signal == signal }
}

@Suite("Early warning: configuration and scoring rules")
struct WarningConfigurationTests {
    @Test("Version 1 is complete; dental and pharmacy weights each sum to 100")
    func standard() {
        let v1 = WarningConfiguration.v1
        #expect(v1.problems.isEmpty)
        #expect(v1.maximum(WarningSignal.dental) == 100)
        #expect(v1.maximum(WarningSignal.pharmacy) == 100)
        #expect(v1.version == "2026-12 v1")
    }

    @Test(
        "Version 2 is v1 with the fitted dental weights: thresholds, pharmacy and the kept signals unchanged, 100 points"
    )
    func fitted() {
        let v2 = WarningConfiguration.v2
        #expect(v2.problems.isEmpty && v2.version == "2026-12 v2" && WarningConfiguration.standard == v2)
        #expect(v2.maximum(WarningSignal.dental) == 100 && v2.maximum(WarningSignal.pharmacy) == 100)
        for signal in WarningSignal.allCases {
            let (new, old) = (v2.setting(signal), WarningConfiguration.v1.setting(signal))
            #expect(new.starts == old.starts && new.full == old.full)
            if !WarningWeightFit.fitted.contains(signal) { #expect(new.weight == old.weight) }
        }
        #expect(v2.setting(.targetReduced).weight == 43 && v2.setting(.lateFP17s).weight == 0)
    }

    @Test("A configuration missing a signal, with a negative weight or equal thresholds, says so")
    func problems() {
        var broken = WarningConfiguration.v1
        broken.settings[.spcConcern] = nil
        broken.settings[.lateFP17s] = SignalSetting(weight: -1, starts: 0, full: 1)
        broken.settings[.hoursLost] = SignalSetting(weight: 1, starts: 3, full: 3)
        #expect(
            broken.problems == [
                "spc-concern: no weight or thresholds", "late-fp17s: the weight cannot be negative",
                "hours-lost: starts and full must differ",
            ])
    }

    @Test(
        "Severity rises linearly from starts to full, either way, and is 0 without a value",
        arguments: [
            (0.0, 2.0, 1.0 as Double?, 0.5), (0, 2, 3, 1), (0, 2, -1, 0), (-2, -13, -7.5, 0.5), (-2, -13, 5, 0),
            (-2, -13, -20, 1),
            (96, 0, 48, 0.5), (96, 0, nil, 0),
        ])
    func severity(starts: Double, full: Double, value: Double?, expected: Double) {
        #expect(SignalSetting(weight: 10, starts: starts, full: full).severity(of: value) == expected)
    }

    @Test("A score is the points out of the weights, to a tenth; reasons come most points first")
    func scoreAndReasons() {
        let warning = ProviderWarning(
            asOf: october, configuration: "t",
            readings: [
                SignalReading(
                    signal: .spcConcern, value: 1, setting: SignalSetting(weight: 10, starts: 0, full: 2), words: "a"),
                SignalReading(
                    signal: .lateFP17s, value: 0, setting: SignalSetting(weight: 30, starts: 0, full: 1), words: "b"),
                SignalReading(
                    signal: .targetReduced, value: 5, setting: SignalSetting(weight: 20, starts: 0, full: 5), words: "c"
                ),
            ])
        #expect(warning.score == 41.7)  // (5 + 0 + 20) of 60
        #expect(warning.reasons.map(\.signal) == [.targetReduced, .spcConcern])
        #expect(warning.topReasons(1).map(\.signal) == [.targetReduced])
    }
}

@Suite("Early warning: each dental signal")
struct DentalWarningTests {
    @Test("Behind target: on profile earns nothing, three fifths of the pace part, flagged at mid-year in full")
    func behindTarget() throws {
        let onProfile = try #require(score(history(delivered: 700)))
        #expect(reading(onProfile, .behindTarget)?.points == 0)
        // 420 a month is 31.5 % of the target by September: not flagged, projected near 60 %.
        let behind = try #require(reading(score(history(delivered: 420)), .behindTarget))
        let projected = try #require(behind.value)
        #expect(projected > 55 && projected < 65)
        #expect(abs(behind.severity - (96 - projected) / 96) < 1e-9)
        #expect(behind.words.hasPrefix("projected to deliver") && !behind.words.contains("mid-year"))
        let flagged = try #require(reading(score(history(delivered: 150)), .behindTarget))
        #expect(flagged.severity == 1 && flagged.words.contains("flagged at the mid-year review"))
    }

    @Test("SPC: a collapse in the last months is a special cause of concern")
    func spc() throws {
        let steady = try #require(reading(score(history()), .spcConcern))
        #expect(steady.value == 0 && steady.points == 0)
        let collapse = history { month, row in if month >= "202309" { row.udasDelivered = UDAs(whole: 0) } }
        let concern = try #require(reading(score(collapse), .spcConcern))
        #expect((concern.value ?? 0) >= 1)
        #expect(concern.words.contains("special cause of concern"))
    }

    @Test("Patients seen: the change over 12 months, or 6 when a year is not held, or no value")
    func patientsSeen() throws {
        let months = ["202210", "202304", "202310"]
        let counts: [String: Int] = ["202210": 5000, "202304": 4400, "202310": 4000]
        let year = history(months) { month, row in row.adultsSeen24Months = counts[month] }
        let twelve = try #require(reading(score(year), .adultsSeenFalling))
        #expect(twelve.value == -20 && twelve.severity == 1 && twelve.words.contains("12 months before"))
        let six = try #require(reading(score(Array(year.dropFirst())), .adultsSeenFalling))
        #expect(abs((six.value ?? 0) - (-400.0 / 44)) < 1e-9 && six.words.contains("6 months before"))
        let none = try #require(
            reading(
                score(history(["202309", "202310"]) { _, row in row.childrenSeen12Months = 900 }), .childrenSeenFalling)
        )
        #expect(none.value == nil && none.points == 0)
    }

    @Test("Complex care and urgent care: shares of courses, the last 3 months against the 3 before")
    func shares() throws {
        let shifted = history { month, row in
            row.courses =
                month >= "202308"
                ? courses(band1: 70, complex: 10, urgent: 20) : courses(band1: 60, complex: 30, urgent: 10)
        }
        let warning = score(shifted)
        #expect(reading(warning, .complexCareFalling)?.value == -20)
        #expect(reading(warning, .complexCareFalling)?.severity == 1)
        #expect(reading(warning, .urgentRising)?.value == 10)
        let few = history { _, row in row.courses = courses(band1: 2, complex: 1, urgent: 1) }
        #expect(reading(score(few), .complexCareFalling)?.value == nil)
    }

    @Test("Late FP17s and foundation dentists: shares over the last 6 months")
    func lateAndFoundation() throws {
        let rows = history { month, row in
            row.courses = courses(band1: 50, complex: 40, urgent: 10)
            row.lateFP17s = month == "202310" ? 6 : 0
            row.udasDeliveredByFoundationDentists = UDAs(whole: 300)
        }
        let warning = score(rows)
        #expect(reading(warning, .lateFP17s)?.value == 1)  // 6 of 600 FP17s
        #expect(reading(warning, .lateFP17s)?.severity == 1)
        #expect(reading(warning, .foundationReliance)?.value == 30)  // 300 of 1,000 UDAs
    }

    @Test("Target reduced: a cut in the last 12 months counts; one seen later is not known yet")
    func targetReduced() throws {
        let cut = history { month, row in if month >= "202307" { row.udaTarget = UDAs(whole: 7600) } }
        let seen = try #require(reading(score(cut), .targetReduced))
        #expect(seen.value == 5 && seen.severity == 1 && seen.words.contains("first seen in July 2023"))
        let before = try #require(reading(score(cut, asOf: YearMonth("2023-06")!), .targetReduced))
        #expect(before.value == 0 && before.points == 0)
    }

    @Test("Hand-backs: those recorded by the day judged, in force and effective in the last 12 months or later")
    func handBack() throws {
        let contract = ContractNumber("1000080000")!
        func variation(recorded: String, effective: String, withdrawn: Bool = false) -> ContractVariation {
            ContractVariation(
                contract: contract, effective: CalendarDate(effective)!,
                change: .handBack(udas: UDAs(whole: 1000), value: Money(pence: 3_000_000)),
                record: VariationRecord(
                    id: recorded + effective, recordedBy: "Ann", recordedAt: recorded + "T09:00:00Z",
                    reason: "reducing NHS work",
                    withdrawal: withdrawn ? .init(by: "Bob", at: "x", reason: "y") : nil))
        }
        let today = CalendarDate("2026-11-30")!
        let cases: [(ContractVariation, Double)] = [
            (variation(recorded: "2026-11-01", effective: "2027-01-01"), 1),
            (variation(recorded: "2026-12-05", effective: "2027-01-01"), 0),  // recorded after the day judged
            (variation(recorded: "2026-11-01", effective: "2025-01-01"), 0),  // effective over a year before
            (variation(recorded: "2026-11-01", effective: "2027-01-01", withdrawn: true), 0),
        ]
        for (variation, expected) in cases {
            let found = reading(score(history(), variations: [variation], today: today), .handBack)
            #expect(found?.severity == expected, "\(variation.record.id)")
        }
    }

    @Test("Local intelligence in the six months up to the day judged counts; the latest is quoted")
    func intelligence() throws {
        let entries = [
            IntelligenceEntry(date: CalendarDate("2026-10-01")!, category: .workforce, note: "Two associates leaving"),
            IntelligenceEntry(date: CalendarDate("2025-01-01")!, category: .premises, note: "Old"),
        ]
        let found = try #require(
            reading(score(history(), intelligence: entries, today: CalendarDate("2026-11-30")!), .localIntelligence))
        #expect(found.value == 1 && found.severity == 1)
        #expect(found.words.contains("workforce on 1 October 2026: Two associates leaving"))
    }

    @Test("A past month is scored from what was known then: later rows change nothing")
    func recomputeForPastMonth() throws {
        let full = history { month, row in
            if month >= "202308" {
                row.udaTarget = UDAs(whole: 6000)
                row.udasDelivered = UDAs(whole: 0)
            }
        }
        let asOfJuly = YearMonth("2023-07")!
        let fromFull = try #require(score(full, asOf: asOfJuly))
        let fromTruncated = try #require(score(full.filter { $0.month <= asOfJuly }, asOf: asOfJuly))
        #expect(fromFull == fromTruncated)
        #expect(fromFull.asOf == asOfJuly)
        #expect(try #require(score(full)).score > fromFull.score)
    }

    @Test("No score without a row in the month or without a UDA target")
    func noScore() {
        #expect(score(history(["202304", "202305"]), asOf: october) == nil)
        #expect(score(history(target: 0)) == nil)
    }
}

@Suite("Early warning: pharmacies")
struct PharmacyWarningTests {
    let code = PharmacyCode("FA129")!
    let today = CalendarDate("2026-11-30")!

    func reading(_ input: PharmacyWarningInput, _ signal: WarningSignal) -> SignalReading? {
        EarlyWarning.pharmacy(input, today: today).readings.first { $0.signal == signal }
    }

    @Test("Unplanned closures and hours lost in the last 3 months; permanent closures apart")
    func closures() {
        let input = PharmacyWarningInput(
            pharmacy: code,
            closures: [
                .init(date: CalendarDate("2026-11-02")!, permanent: false, minutesLost: 210),
                .init(date: CalendarDate("2026-10-15")!, permanent: false, minutesLost: 600),
                .init(date: CalendarDate("2026-06-01")!, permanent: false, minutesLost: 480),
                .init(date: CalendarDate("2027-01-31")!, permanent: true, minutesLost: nil),
            ])
        #expect(reading(input, .unplannedClosures)?.value == 2)
        #expect(reading(input, .unplannedClosures)?.severity == 0.5)
        #expect(reading(input, .hoursLost)?.value == 13.5)
        #expect(reading(input, .permanentClosure)?.severity == 1)
        #expect(reading(input, .permanentClosure)?.words == "permanent closure notified for 31 January 2027")
    }

    @Test("Ownership, hours and Pharmacy First: a change of owner, 20% fewer hours, activity halved")
    func ownershipHoursActivity() {
        var monthly: [YearMonth: Int] = [:]
        for (offset, count) in [100, 100, 100, 50, 50, 50].enumerated() {
            monthly[YearMonth("2026-05")!.monthsAhead(offset)] = count
        }
        let input = PharmacyWarningInput(
            pharmacy: code, ownershipChanges: [CalendarDate("2026-04-01")!],
            weeklyHours: [
                .init(from: CalendarDate("2024-01-01")!, minutes: 3000),
                .init(from: CalendarDate("2026-09-01")!, minutes: 2400),
            ],
            pharmacyFirst: monthly)
        #expect(reading(input, .ownershipChange)?.severity == 1)
        #expect(reading(input, .reducedHours)?.value == 20)
        #expect(reading(input, .reducedHours)?.severity == 1)
        #expect(reading(input, .pharmacyFirstFalling)?.value == -50)
        let quiet = PharmacyWarningInput(pharmacy: code)
        #expect(EarlyWarning.pharmacy(quiet, today: today).score == 0)
        #expect(reading(quiet, .reducedHours)?.value == nil)
    }
}

@Suite("Early warning: the back-test")
struct WarningBackTestTests {
    @Test("An event is a target cut within the horizon, or leaving the data while it goes on")
    func events() {
        let last = YearMonth("2023-12")!
        let cut = history { month, row in if month >= "202309" { row.udaTarget = UDAs(whole: 7000) } }
        let input = { (rows: [ContractMonth]) in
            DentalWarningInput(contract: rows[0].contract, months: rows, dataMonths: allMonths)
        }
        #expect(WarningBackTest.hadEvent(input(cut), asOf: YearMonth("2023-07")!, lastData: last, horizon: 3))
        #expect(!WarningBackTest.hadEvent(input(cut), asOf: YearMonth("2023-05")!, lastData: last, horizon: 3))
        let gone = history(["202304", "202305", "202306"])
        #expect(WarningBackTest.hadEvent(input(gone), asOf: YearMonth("2023-05")!, lastData: last, horizon: 3))
        #expect(
            !WarningBackTest.hadEvent(
                input(gone), asOf: YearMonth("2023-04")!, lastData: YearMonth("2023-06")!, horizon: 3))
    }

    @Test(
        "Cuts count the flagged, the hits among them and the events; precision and recall follow",
        arguments: [
            (
                [
                    true, false, true, false, false, false, false, false, false, false, false, false, false, false,
                    false, false, false, false, false, true,
                ], 0.05, 1, 1
            ),
            (
                [
                    true, false, true, false, false, false, false, false, false, false, false, false, false, false,
                    false, false, false, false, false, true,
                ], 0.10, 2, 1
            ),
            ([false, false, true], 0.10, 1, 0),
        ])
    func cuts(ranked: [Bool], fraction: Double, flagged: Int, hits: Int) {
        let events = ranked.filter { $0 }.count
        let cut = WarningBackTest.cut(ranked, fraction: fraction, events: events)
        #expect(cut.flagged == flagged && cut.hits == hits && cut.events == events)
        #expect(cut.precision == Double(hits) / Double(flagged))
        #expect(cut.recall == Double(hits) / Double(events))
    }

    @Test(
        "On a small England, contracts with a past target cut and falling delivery are ranked first and then cut again")
    func run() {
        var inputs: [DentalWarningInput] = []
        for index in 0..<20 {
            let number = String(format: "10000%05d", index)
            let troubled = index < 2
            let rows = ["202304", "202305", "202306", "202307", "202308", "202309", "202310", "202312"].map {
                month -> ContractMonth in
                var row = ContractMonth.fixture(month, contract: number, delivered: troubled ? 200 : 700)
                if troubled, month >= "202306" { row.udaTarget = UDAs(whole: 7000) }
                if troubled, month >= "202309" { row.udaTarget = UDAs(whole: 6000) }
                return row
            }
            inputs.append(
                DentalWarningInput(
                    contract: ContractNumber(number)!, months: rows, dataMonths: allMonths + [YearMonth("2023-12")!]))
        }
        let test = WarningBackTest.run(inputs, dataMonths: allMonths + [YearMonth("2023-12")!], configuration: .v1)
        #expect(test.months.map(\.asOf) == allMonths)
        let july = test.months.first { $0.asOf == YearMonth("2023-07")! }
        #expect(july?.events == 2)
        #expect(july?.score[1].hits == 2 && july?.score[1].flagged == 2)
        #expect(test.scored == 140 && test.configuration == "2026-12 v1")
        #expect(test.baseRate == Double(test.events) / 140)
    }
}
