import PodiumCore
import Testing

/// Each template's record read into its Core type: what a form or an upload accepts becomes typed values once.
@Suite("Local records, typed")
struct TypedRecordTests {
    private func read(_ template: RecordTemplate, _ cells: [String: String]) throws -> FieldValues {
        try template.read(cells).get()
    }

    @Test("A choice reads in words on a page and stays the stored word in the CSV")
    func choiceWords() {
        let field = RecordField("line", "Budget line", .choice(["dental-primary", "lpc", "mon", "open"]), help: "")
        for (word, words) in [
            ("dental-primary", "Dental primary"), ("lpc", "LPC"), ("mon", "Monday"), ("open", "Open"),
        ] {
            #expect(field.read(.text(word)) == words)
            #expect(field.write(.text(word)) == word)
        }
        #expect(RecordField("n", "Note", .text(maxLength: 10), help: "").read(.text("lpc-x")) == "lpc-x")
    }

    @Test("A market-entry application reads its kind, postcode, dates and status")
    func marketEntry() throws {
        let values = try read(
            .marketEntryApplications,
            [
                "reference": "APP-1", "kind": "relocation", "applicant": "Kernow Chemist Ltd",
                "premises_postcode": "tr15 2aa", "ods_code": "FA636",
                "received": "01/02/2026", "status": "granted", "decision_date": "2026-05-01",
            ])
        let application = try #require(MarketEntryApplication(values))
        #expect(application.kind == .relocation && application.status == .granted && !application.status.isOpen)
        #expect(application.premisesPostcode.display == "TR15 2AA")
        #expect(application.existingPharmacy?.rawValue == "FA636")
        #expect(application.received == CalendarDate(year: 2026, month: 2, day: 1))
        #expect(
            application.decisionDate == CalendarDate(year: 2026, month: 5, day: 1) && application.appealLodged == nil)
    }

    @Test("A GOS contract is open while it has no end date; a GOS return carries its four claim counts")
    func optometry() throws {
        let contract = try #require(
            GOSContract(
                try read(
                    .gosContracts,
                    [
                        "contract_number": "G1", "kind": "additional", "contractor": "Eyes Ltd",
                        "premises": "Home visits",
                        "premises_postcode": "TR1 1AA", "start_date": "2020-04-01",
                    ])))
        #expect(contract.kind == .additional && contract.end == nil)
        let activity = try #require(
            GOSActivityReturn(
                try read(
                    .gosActivity,
                    [
                        "contract_number": "G1", "month": "202506", "gos1_sight_tests": "120", "gos3_vouchers": "30",
                        "gos4_repairs": "4",
                        "gos6_domiciliary_tests": "9",
                    ])))
        #expect(activity.month == YearMonth(year: 2025, month: 6))
        #expect(activity.claims == GOSClaims(sightTests: 120, vouchers: 30, repairs: 4, domiciliaryTests: 9))
        #expect(activity.claims.allSightTests == 129)
    }

    @Test("Finance records: a rejected reinvestment option is not an option; an approved one carries its committee")
    func finance() throws {
        let option = [
            "reference": "R1", "financial_year": "2025/26", "kind": "urgent-access-sessions", "description": "Sessions",
            "cost": "50000",
            "lead_time_days": "30", "status": "approved", "committee": "PCCC", "decision_date": "2025-11-01",
        ]
        let approved = try #require(ReinvestmentOptionRecord(try read(.reinvestmentOptions, option)))
        #expect(approved.year == FinancialYear(startYear: 2025))
        #expect(approved.option.cost == Money(pence: 5_000_000) && approved.option.approval?.committee == "PCCC")
        var rejected = option
        rejected["status"] = "rejected"
        #expect(ReinvestmentOptionRecord(try read(.reinvestmentOptions, rejected)) == nil)
        let actual = try #require(
            FinanceActual(
                try read(.financeActuals, ["month": "2025-06", "line": "dental-primary", "spent": "1250.50"])))
        #expect(actual.spent == Money(pence: 125_050) && actual.committed == .zero)
    }

    @Test("Governance records: decisions due, follow-ups overdue, handover outstanding")
    func governance() throws {
        let decision = try #require(
            DecisionEntry(
                try read(
                    .decisions,
                    [
                        "reference": "D1", "date": "2026-10-01", "committee": "PCCC", "decision": "Fund sessions",
                        "rationale": "Access",
                        "conflicts": "None", "linked": "R1 RISK2", "status": "deferred",
                    ])))
        #expect(decision.isDue && decision.linked == ["R1", "RISK2"])
        let engagement = try #require(
            EngagementEntry(
                try read(
                    .engagements,
                    [
                        "reference": "E1", "date": "2026-10-01", "partner": "ldc", "kind": "meeting",
                        "subject": "Access",
                        "follow_up": "2026-11-01", "status": "open",
                    ])))
        #expect(engagement.isFollowUpOverdue(on: CalendarDate(year: 2026, month: 11, day: 2)!))
        #expect(!engagement.isFollowUpOverdue(on: CalendarDate(year: 2026, month: 11, day: 1)!))
        let item = try #require(
            HandoverItem(
                try read(
                    .handoverItems,
                    [
                        "reference": "H1", "item": "Files", "kind": "contracts", "sender": "NHS England",
                        "status": "not-applicable",
                    ])))
        #expect(!item.isOutstanding)
    }

    @Test("A risk reads its 5×5 ratings and the evidence it cites")
    func risk() throws {
        let risk = try #require(
            RiskEntry(
                try read(
                    .risks,
                    [
                        "reference": "R1", "title": "Under-delivery", "category": "dental", "owner": "Ann",
                        "initial_likelihood": "4",
                        "initial_consequence": "4", "current_likelihood": "3", "current_consequence": "4",
                        "target_likelihood": "2",
                        "target_consequence": "2", "evidence": "contract:1000830000 spc:delivery",
                        "review_date": "2026-12-01", "status": "open",
                    ])))
        #expect(risk.assessment.current.score == 12 && risk.category == .dental)
        #expect(risk.evidence.count == 2 && !risk.citesWarning)
    }

    @Test("Opening sessions from one date make a week of core and supplementary hours")
    func hours() throws {
        func session(_ day: String, _ kind: String, _ opens: String, _ closes: String, from: String = "2024-04-01")
            throws -> OpeningSession
        {
            try #require(
                OpeningSession(
                    try read(
                        .pharmacyHours,
                        [
                            "ods_code": "FA002", "effective_from": from, "day": day, "kind": kind, "opens": opens,
                            "closes": closes,
                        ])))
        }
        let week = [
            try session("mon", "core", "09:00", "17:30"), try session("tue", "core", "09:00", "13:00"),
            try session("sat", "supplementary", "09:00", "12:00"),
            try session("mon", "core", "09:00", "12:00", from: "2023-04-01"),
        ]
        let hours = try #require(WeeklyHours.inForce(week, on: CalendarDate(year: 2024, month: 6, day: 1)!))
        #expect(hours.coreMinutes == 510 + 240 && hours.supplementaryMinutes == 180)
        #expect(WeeklyHours.inForce(week, on: CalendarDate(year: 2023, month: 6, day: 1)!)?.coreMinutes == 180)
    }
}

@Suite("Rules a page states in words")
struct StatedRuleTests {
    @Test("The carry-forward credit is the upper tolerance above 100 %: 2 % by default")
    func creditAllowance() {
        #expect(ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2023)).creditAllowance.formatted == "2%")
        let wide = ReconciliationRules(
            lowerTolerance: Percentage(percent: 90), upperTolerance: Percentage(basisPoints: 10_350), note: "")
        #expect(wide.creditAllowance.formatted == "3.5%")
    }

    @Test("A reinvestment option is approved, fits, too late or too costly")
    func optionState() {
        let year = FinancialYear(startYear: 2025)
        let options = [
            ReinvestmentOption(
                id: "approved", kind: .urgentAccessSessions, cost: Money(pence: 100_000), leadTimeDays: 10,
                approval: .init(committee: "PCCC", date: CalendarDate(year: 2025, month: 12, day: 1)!)),
            ReinvestmentOption(id: "fits", kind: .urgentAccessSessions, cost: Money(pence: 200_000), leadTimeDays: 30),
            ReinvestmentOption(id: "late", kind: .communityDental, cost: Money(pence: 100_000), leadTimeDays: 200),
            ReinvestmentOption(id: "costly", kind: .communityDental, cost: Money(pence: 9_000_000), leadTimeDays: 30),
        ]
        let plan = ReinvestmentPlan.of(
            underspend: Money(pence: 1_000_000), options: options, today: CalendarDate(year: 2026, month: 1, day: 10)!,
            year: year)
        #expect(options.map { plan.state(of: $0) } == [.approved, .fits, .tooLate, .tooCostly])
    }

    @Test("Numbers in words: ordinals and counts with their noun")
    func words() {
        #expect(
            Words.ordinal(1) == "1st" && Words.ordinal(12) == "12th" && Words.ordinal(22) == "22nd"
                && Words.ordinal(113) == "113th")
        #expect(Words.count(1, "contract") == "1 contract" && Words.count(2, "contract") == "2 contracts")
        #expect(Words.count(3, "pharmacy", plural: "pharmacies") == "3 pharmacies")
    }
}

@Suite("GOS contracts ending soon")
struct ContractsEndingTests {
    /// (today, months, end date or nil, ends within): the window runs from today to the same day six months on.
    static let cases: [(String, Int, String?, Bool)] = [
        ("2026-12-01", 6, "2026-12-01", true), ("2026-12-01", 6, "2027-06-01", true),
        ("2026-12-01", 6, "2027-06-02", false),
        ("2026-12-01", 6, "2026-11-30", false), ("2026-12-01", 6, nil, false),
        // 31 August + 6 months is the end of February.
        ("2026-08-31", 6, "2027-02-28", true), ("2026-08-31", 6, "2027-03-01", false),
        ("2027-08-31", 6, "2028-02-29", true),
    ]

    @Test(
        "A contract ends within six months when its end date is from today to six calendar months on", arguments: cases)
    func window(_ row: (String, Int, String?, Bool)) throws {
        var cells = [
            "contract_number": "G1", "kind": "mandatory", "contractor": "Eyes Ltd", "premises": "Eyes",
            "premises_postcode": "TR1 1AA",
            "start_date": "2020-04-01",
        ]
        cells["end_date"] = row.2 ?? ""
        let contract = try #require(GOSContract(try RecordTemplate.gosContracts.read(cells).get()))
        #expect(contract.endsWithin(months: row.1, of: try #require(CalendarDate(row.0))) == row.3)
    }

    @Test("Adding months keeps the day, or takes the last day of a shorter month, across years and backwards")
    func addingMonths() {
        let date = { (text: String) in CalendarDate(text)! }
        #expect(date("2026-01-31").adding(months: 1) == date("2026-02-28"))
        #expect(date("2024-01-31").adding(months: 1) == date("2024-02-29"))
        #expect(date("2026-11-15").adding(months: 3) == date("2027-02-15"))
        #expect(date("2026-03-31").adding(months: -1) == date("2026-02-28"))
        #expect(date("2026-01-15").adding(months: -13) == date("2024-12-15"))
    }
}
