import PodiumCore
import Testing

@Suite("Pharmacy and optometry rules")
struct PharmacyOptometryTests {
    static let schedule = PharmacyFirstFeeSchedule.standard

    /// (month, clinical pathways, minor illness, urgent supply, registered for PCS and HCFS, fixed payment, total), pence.
    static let pharmacyFirstCases: [(String, Int, Int, Int, Bool, Int64, Int64)] = [
        // A worked example: June 2025, band 20–29 pays £500; (26 + 40) × £17 + 12 × £15 + £500 = £1,802.
        ("2025-06", 26, 40, 12, true, 50_000, 180_200),
        // …with 30 clinical pathway consultations the fixed element is £1,000.
        ("2025-06", 30, 40, 12, true, 100_000, 237_000),
        // …and nothing fixed unless registered for PCS and HCFS.
        ("2025-06", 26, 40, 12, false, 0, 130_200),
        // The same month under the Feb 2024 – Mar 2025 rules: 78 × £15, 26 < 30 so no fixed payment.
        ("2024-11", 26, 40, 12, true, 0, 117_000),
        // Thresholds by month: February 2024 1, August 2024 20.
        ("2024-02", 1, 0, 0, true, 100_000, 101_500),
        ("2024-08", 20, 0, 0, true, 100_000, 130_000),
        ("2024-08", 19, 0, 0, true, 0, 28_500),
        // April 2025: £17 a consultation; the 30 threshold carried over [unconfirmed parameter].
        ("2025-04", 30, 0, 0, false, 100_000, 151_000),
        // Before the launch nothing is paid.
        ("2024-01", 40, 10, 5, true, 0, 0),
        // The 3,000 cap from April 2024: 15 consultations over it go unpaid.
        ("2024-06", 3000, 10, 5, true, 100_000, 4_600_000),
    ]

    @Test(
        "Pharmacy First income by month: fees, thresholds, bands, registration and the cap",
        arguments: pharmacyFirstCases)
    func pharmacyFirstIncome(_ row: (String, Int, Int, Int, Bool, Int64, Int64)) throws {
        let month = try #require(YearMonth(row.0))
        let income = Self.schedule.income(
            PharmacyFirstVolumes(clinicalPathways: row.1, minorIllness: row.2, urgentSupply: row.3), in: month,
            registered: row.4)
        #expect(income.fixedPayment.pence == row.5)
        #expect(income.total.pence == row.6)
    }

    @Test("Pharmacy First fees change on 1 April 2025 for clinical pathways, never for urgent supply")
    func feeDates() throws {
        #expect(Self.schedule.consultationFee(in: YearMonth("2025-03")!).pence == 1500)
        #expect(Self.schedule.consultationFee(in: YearMonth("2025-04")!).pence == 1700)
        #expect(Self.schedule.urgentSupplyFee(in: YearMonth("2025-04")!).pence == 1500)
        #expect(
            PharmacyFirstFeeSchedule(aprilMay2025Threshold: 25).fixedPaymentBands(in: YearMonth("2025-05")!).map(
                \.minimum) == [25])
    }

    /// (date, sight test fee in pence or nil).
    static let sightTestFees: [(String, Int64?)] = [
        ("2023-03-31", nil), ("2023-04-01", 2314), ("2024-03-31", 2314), ("2024-04-01", 2353), ("2025-03-31", 2353),
        ("2025-04-01", 2413), ("2026-11-23", 2413),
    ]

    @Test(
        "GOS sight test fee by date: £23.14, £23.53 from April 2024, £24.13 from April 2025", arguments: sightTestFees)
    func sightTestFee(_ row: (String, Int64?)) throws {
        #expect(GOSFeeSchedule().sightTestFee(on: try #require(CalendarDate(row.0)))?.pence == row.1)
    }

    @Test("A GOS estimate prices what it knows and names what it cannot")
    func gosPayment() throws {
        let claims = GOSClaims(sightTests: 100, vouchers: 20, repairs: 2, domiciliaryTests: 10)
        let month = try #require(YearMonth("2024-06"))
        let bare = try #require(GOSFeeSchedule().payment(for: claims, in: month))
        #expect(bare.sightTests.pence == 110 * 2353)
        #expect(bare.total == bare.sightTests)
        #expect(bare.unpriced == ["20 GOS3 vouchers", "2 GOS4 repairs", "10 GOS6 visiting fees"])
        let priced = try #require(
            GOSFeeSchedule(
                averageVoucher: Money(pence: 4000), averageRepair: Money(pence: 1000),
                domiciliaryVisit: Money(pence: 3800)
            )
            .payment(for: claims, in: month))
        #expect(priced.total.pence == 110 * 2353 + 20 * 4000 + 2 * 1000 + 10 * 3800)
        #expect(priced.unpriced.isEmpty)
        #expect(GOSFeeSchedule().payment(for: claims, in: YearMonth("2023-03")!) == nil)
        // Per 100,000 in tenths, rounded half up: 12 in 50,000 is 24.0; 1 in 3 is 33,333.3; 2 in 3 is 66,666.7.
        #expect(GOSFeeSchedule.ratePer100k(12, population: 50_000) == 240)
        #expect(GOSFeeSchedule.ratePer100k(1, population: 3) == 333_333)
        #expect(GOSFeeSchedule.ratePer100k(2, population: 3) == 666_667)
        #expect(GOSFeeSchedule.ratePer100k(5, population: 0) == nil)
    }

    static func site(_ code: String, _ metres: Double, board: String, open: Bool = true) -> PharmacySite {
        PharmacySite(
            code: PharmacyCode(code)!, name: "Pharmacy \(code)",
            location: GridPoint(easting: 400_000 + metres, northing: 300_000),
            healthAndWellbeingBoard: board, isOpen: open)
    }

    @Test(
        "Notification list: pharmacies within 2 km (inclusive), their boards' LPC and LMC, Healthwatch; not the applicant"
    )
    func notificationList() {
        let sites = [
            Self.site("FAAA1", 1999, board: "E10000001"), Self.site("FAAA2", 2000, board: "E10000002"),
            Self.site("FAAA3", 2001, board: "E10000003"),
            Self.site("FAAA4", 500, board: "E10000004", open: false), Self.site("FAAA5", 100, board: "E06000001"),
        ]
        let parties = MarketEntryNotification.parties(
            premises: GridPoint(easting: 400_000, northing: 300_000), premisesArea: "E06000001",
            applicant: PharmacyCode("FAAA5"),
            pharmacies: sites,
            areaPoints: [
                ("E08000009", GridPoint(easting: 400_000, northing: 301_500)),
                ("E08000010", GridPoint(easting: 400_000, northing: 303_000)),
            ])
        let contractors = parties.filter { $0.role == .affectedContractor }
        #expect(contractors.map(\.identifier) == ["FAAA1", "FAAA2"])
        #expect(contractors.map(\.metres) == [1999, 2000])
        let boards = Set(parties.filter { $0.role == .localPharmaceuticalCommittee }.map(\.identifier))
        #expect(boards == ["E06000001", "E10000001", "E10000002", "E10000004", "E08000009"])
        #expect(Set(parties.filter { $0.role == .localMedicalCommittee }.map(\.identifier)) == boards)
        #expect(parties.filter { $0.role == .healthwatch }.map(\.identifier) == ["E06000001"])
    }

    static func pharmacy(
        _ code: String, postcode: String = "SK7 5LD", status: ODSStatus = .active, opened: String = "2006-06-01",
        closed: String? = nil,
        parent: String? = "P79D", joined: String? = "2006-06-01", name: String = "ROWLANDS PHARMACY"
    ) -> Pharmacy {
        Pharmacy(
            code: PharmacyCode(code)!, name: name, nationalGrouping: "Y62", icb: ICBCode("QOP"),
            addressLines: ["1 HIGH STREET"],
            postcode: Postcode(postcode)!, openDate: CalendarDate(opened), closeDate: closed.flatMap(CalendarDate.init),
            status: status,
            subType: "1", parentCode: parent, joinedParent: joined.flatMap(CalendarDate.init), leftParent: nil,
            telephone: nil)
    }

    @Test("One extract's dates give openings, closures, a new parent, and a new code at the premises of a closed one")
    func historyInOneExtract() throws {
        let register = [
            Self.pharmacy("FA001", status: .closed, closed: "2024-03-31"),
            Self.pharmacy("FB002", opened: "2024-04-01", parent: "P08F", joined: "2024-04-01", name: "BOOTS"),
            Self.pharmacy("FC003", postcode: "M1 1AA", parent: "P08F", joined: "2020-01-01"),
        ]
        let events = PharmacyRegisterHistory.events(in: register)
        #expect(
            events.contains { $0.pharmacy.rawValue == "FA001" && $0.kind == .closed && $0.date.iso == "2024-03-31" })
        let takeover = try #require(events.first { $0.pharmacy.rawValue == "FB002" && $0.kind == .ownershipChanged })
        #expect(takeover.date.iso == "2024-04-01")
        #expect(takeover.detail.contains("FA001"))
        #expect(
            events.contains {
                $0.pharmacy.rawValue == "FC003" && $0.kind == .ownershipChanged && $0.date.iso == "2020-01-01"
            })
        #expect(events.filter { $0.kind == .opened }.count == 3)
        // FA001 closed the day before FB002 opened at its premises: taken over, not a pharmacy lost. A closure with
        // no new code at its postcode, or one a new code reached 8 days later, is a closure.
        let more =
            register + [
                Self.pharmacy("FD004", postcode: "B1 1AA", status: .closed, closed: "2024-06-30"),
                Self.pharmacy("FE005", postcode: "L1 1AA", status: .closed, closed: "2024-06-30"),
                Self.pharmacy("FF006", postcode: "L1 1AA", opened: "2024-07-08"),
            ]
        #expect(PharmacyRegisterHistory.takenOver(in: more) == [PharmacyCode("FA001")!: PharmacyCode("FB002")!])
    }

    @Test("Two extracts: new parent, closure, new code, move, rename and disappearance each become a dated event")
    func historyBetweenExtracts() throws {
        let observed = try #require(CalendarDate("2025-06-01"))
        let earlier = [
            Self.pharmacy("FA001"), Self.pharmacy("FB002"), Self.pharmacy("FC003"), Self.pharmacy("FD004"),
            Self.pharmacy("FE005", postcode: "M1 1AA"),
        ]
        let later = [
            Self.pharmacy("FA001", parent: "P08F", joined: "2025-05-01"),
            Self.pharmacy("FB002", status: .closed, closed: "2025-04-30"),
            Self.pharmacy("FC003", postcode: "M2 2BB"),
            Self.pharmacy("FE005", postcode: "M1 1AA", name: "NEW NAME PHARMACY"),
            Self.pharmacy("FF006", opened: "2025-05-01"),
        ]
        let events = PharmacyRegisterHistory.changes(from: earlier, to: later, observed: observed)
        func find(_ code: String, _ kind: PharmacyEventKind) -> PharmacyEvent? {
            events.first { $0.pharmacy.rawValue == code && $0.kind == kind }
        }
        #expect(find("FA001", .ownershipChanged)?.date.iso == "2025-05-01")
        #expect(find("FA001", .ownershipChanged)?.detail == "parent organisation P79D → P08F")
        #expect(find("FB002", .closed)?.date.iso == "2025-04-30")
        #expect(find("FC003", .relocated)?.date == observed)
        #expect(find("FD004", .leftRegister)?.date == observed)
        #expect(find("FE005", .renamed) != nil)
        #expect(find("FF006", .opened)?.date.iso == "2025-05-01")
        // FF006 opened at FB002's postcode a day after it closed: the premises changed hands with a new code.
        #expect(find("FF006", .ownershipChanged)?.detail.contains("FB002") == true)
        #expect(events.count == 7)
        #expect(PharmacyRegisterHistory.changes(from: later, to: later, observed: observed).isEmpty)
    }

    @Test("Market share by parent: largest first, then by name, then by parent code (owners can share a name)")
    func ownerShares() {
        let shares = PharmacyOwnerShare.shares([
            Self.pharmacy("FA001", parent: "P08F", name: "BOOTS"),
            Self.pharmacy("FA002", parent: "P08F", name: "BOOTS"),
            Self.pharmacy("FA003", parent: nil, name: "INDEPENDENT"), Self.pharmacy("FA004", parent: "P79D"),
            Self.pharmacy("FA005", parent: "V9X7Y", name: "JHOOTS PHARMACY"),
            Self.pharmacy("FA006", parent: "D4A5R", name: "JHOOTS PHARMACY"),
        ])
        #expect(shares.map(\.parent) == ["P08F", nil, "D4A5R", "V9X7Y", "P79D"])
        #expect(shares[0].commonName == "BOOTS")
        #expect(shares[0].share.percentText == "33.3%")
    }

    /// (published, today, state).
    static let pnaCases: [(String, String, PNAStatus.State)] = [
        ("2022-10-01", "2024-01-01", .current), ("2022-10-01", "2025-04-01", .dueSoon),
        ("2022-10-01", "2025-10-01", .dueSoon),
        ("2022-10-01", "2025-10-02", .overdue),
    ]

    @Test(
        "A PNA is due within 3 years of the last; flagged in the 183 days before and overdue after", arguments: pnaCases
    )
    func pnaStatus(_ row: (String, String, PNAStatus.State)) throws {
        let status = PNAStatus.of(
            published: [try #require(CalendarDate(row.0))], statements: [], today: try #require(CalendarDate(row.1)))
        #expect(status.state == row.2)
        #expect(status.nextDue?.iso == "2025-10-01")
    }

    @Test(
        "A statutory date passed without its step is overdue: the decision after 122 days, representations after 45",
        arguments: [
            // status, received, decided, today, step, days (nil: nothing overdue). Worked with a calendar:
            // 3 March 2026 + 122 days = 3 July 2026; 6 September + 45 = 21 October; 1 January + 122 = 3 May.
            ("representations", "2026-03-03", nil, "2026-07-03", nil, nil),
            ("representations", "2026-03-03", nil, "2026-07-04", "decision", 1),
            ("representations", "2026-03-03", nil, "2026-12-01", "decision", 151),
            ("received", "2026-09-06", nil, "2026-10-21", nil, nil),
            ("received", "2026-09-06", nil, "2026-10-22", "representations stage", 1),
            ("deferred", "2026-01-01", nil, "2026-06-01", "decision", 29),
            ("granted", "2026-01-01", "2026-04-01", "2026-12-01", nil, nil),
            ("withdrawn", "2026-01-01", nil, "2026-12-01", nil, nil),
        ] as [(String, String, String?, String, String?, Int?)])
    func marketEntryOverdue(_ row: (String, String, String?, String, String?, Int?)) throws {
        let values = try RecordTemplate.marketEntryApplications.read([
            "reference": "A-1", "kind": "routine", "applicant": "A Ltd", "premises_postcode": "TR1 1AA",
            "ods_code": "", "received": row.1, "pna_need": "", "status": row.0, "decision_date": row.2 ?? "",
            "appeal_lodged": "", "appeal_outcome": "",
        ]).get()
        let application = try #require(MarketEntryApplication(values))
        let overdue = MarketEntryTimetable.standard.overdue(application, today: try #require(CalendarDate(row.3)))
        #expect(overdue?.step == row.4 && overdue?.days == row.5)
    }

    @Test("PNA edge cases: none recorded; published on 29 February; statements counted since the latest PNA")
    func pnaEdges() throws {
        #expect(PNAStatus.of(published: [], statements: [], today: CalendarDate("2025-01-01")!).state == .missing)
        #expect(CalendarDate("2024-02-29")!.addingYears(3).iso == "2027-02-28")
        let status = PNAStatus.of(
            published: [CalendarDate("2019-10-01")!, CalendarDate("2022-10-01")!],
            statements: [CalendarDate("2020-01-01")!, CalendarDate("2023-01-01")!],
            today: CalendarDate("2023-06-01")!)
        #expect(status.latest?.iso == "2022-10-01")
        #expect(status.supplementaryStatements == 1)
    }

    @Test("Closure figures: per 100 pharmacies, hours lost, share under 4 hours, rate by decile")
    func closureSummary() {
        let a = PharmacyCode("FA001")!
        let b = PharmacyCode("FA002")!
        let c = PharmacyCode("FA003")!
        let d = PharmacyCode("FA004")!
        let date = CalendarDate("2024-05-01")!
        let closures = [
            PharmacyClosure(pharmacy: a, date: date, kind: .temporary, minutesLost: 120, reason: "no pharmacist"),
            PharmacyClosure(
                pharmacy: a, date: date.adding(days: 1), kind: .temporary, minutesLost: 240, reason: "no pharmacist"),
            PharmacyClosure(pharmacy: b, date: date, kind: .permanent, minutesLost: nil, reason: "closed"),
        ]
        // Ten pharmacies in decile 10, one of them (FA010) closed for an hour; decile 1 has two pharmacies, too few
        // for a rate (3 closures of 2 would read "150 per 100").
        let tenth = (10..<20).map { PharmacyCode("FA0\($0)")! }
        let summary = ClosureSummary.of(
            closures + [
                PharmacyClosure(
                    pharmacy: tenth[0], date: date, kind: .temporary, minutesLost: 60, reason: "no pharmacist")
            ],
            decileOf: [a: 1, b: 1, c: nil, d: nil].merging(tenth.map { ($0, Int?.some(10)) }) { first, _ in first })
        #expect(summary.pharmacies == 14)
        #expect(summary.per100Pharmacies == 286)  // 4 closures of 14 pharmacies: 28.57 per 100
        #expect(summary.temporary == 3 && summary.permanent == 1)
        #expect(summary.minutesLost == 420)
        #expect(summary.underFourHours == Proportion(part: 2, whole: 3))
        #expect(summary.byDecile[0].closures == 3 && summary.byDecile[0].per100 == nil)
        #expect(summary.byDecile[9].pharmacies == 10 && summary.byDecile[9].per100 == 100)
        #expect(summary.byDecile[4].per100 == nil)
    }

    @Test("The nearest open pharmacy: closed ones and itself skipped, ties by code, far ones found beyond the grid")
    func nearestOpenPharmacy() {
        func site(_ code: String, _ x: Double, _ y: Double, open: Bool = true) -> PharmacySite {
            PharmacySite(
                code: PharmacyCode(code)!, name: code, location: GridPoint(easting: x, northing: y),
                healthAndWellbeingBoard: nil, isOpen: open)
        }
        let locator = PharmacyLocator([
            site("FA001", 100_000, 100_000), site("FA002", 100_300, 100_400, open: false),
            site("FA004", 101_000, 100_000), site("FA003", 99_000, 100_000), site("FA005", 160_000, 100_000),
        ])
        let here = GridPoint(easting: 100_000, northing: 100_000)
        // FA002 (500 m) is closed; FA003 and FA004 are both 1,000 m away: FA003 by code.
        #expect(
            locator.nearestOpen(to: here, excluding: PharmacyCode("FA001")!).map { ($0.0.code.rawValue, $0.1) }
                ?? ("", 0) == ("FA003", 1_000))
        #expect(locator.nearest(to: GridPoint(easting: 100_250, northing: 100_350))?.code.rawValue == "FA002")
        // 300 km east of every site: found by widening the search, 140 km from FA005.
        #expect(
            locator.nearestOpen(to: GridPoint(easting: 300_000, northing: 100_000), excluding: PharmacyCode("FA001")!)?
                .1 == 140_000)
        #expect(PharmacyLocator([site("FA001", 0, 0)]).nearestOpen(to: here, excluding: PharmacyCode("FA001")!) == nil)
    }

    @Test("The grid's nearest point is the one a full scan finds, for 2,000 seeded points and 500 places")
    func gridNearestMatchesAFullScan() {
        var generator = SplitMix64(seed: 2026)
        let points = (0..<2_000).map { _ in
            GridPoint(easting: Double(generator.next() % 300_000), northing: Double(generator.next() % 500_000))
        }
        let index = GridIndex(points, cellSize: 2_000)
        let even: (Int) -> Bool = { $0 % 2 == 0 }
        for _ in 0..<500 {
            let x = Double(generator.next() % 400_000) - 50_000
            let y = Double(generator.next() % 600_000) - 50_000
            var best: (index: Int, distance: Double)?
            for (i, p) in points.enumerated() where even(i) {
                let d = ((p.easting - x) * (p.easting - x) + (p.northing - y) * (p.northing - y)).squareRoot()
                if best == nil || d < best!.distance { best = (i, d) }
            }
            let found = index.nearest(toX: x, y: y, where: even)
            #expect(found?.index == best?.index && found?.distance == best?.distance)
        }
    }

    @Test("Templates read what they document and reject the rest, naming the field")
    func templateValidation() throws {
        func problems(_ template: RecordTemplate, _ cells: [String: String]) -> [String] {
            if case .failure(let found) = template.read(cells) { return found.problems.map(\.description) }
            return []
        }
        let hours = [
            "ods_code": "fa002", "effective_from": "01/04/2024", "day": "Mon", "kind": "core", "opens": "09:00",
            "closes": "17:30",
        ]
        #expect(problems(.pharmacyHours, hours).isEmpty)
        #expect(
            problems(.pharmacyHours, hours.merging(["closes": "08:00"]) { $1 }) == [
                "closes: the session must close after it opens"
            ])
        #expect(problems(.pharmacyHours, hours.merging(["opens": "25:00", "day": "monday"]) { $1 }).count == 2)
        let closure = [
            "ods_code": "FA002", "date": "2024-06-01", "kind": "temporary", "hours_lost": "", "reason": "staff",
        ]
        #expect(problems(.pharmacyClosures, closure) == ["hours_lost: a temporary closure needs the hours lost"])
        #expect(
            problems(.pharmacyClosures, closure.merging(["hours_lost": "3.33"]) { $1 }).first?.hasPrefix("hours_lost:")
                == true)
        #expect(
            problems(.pharmacyClosures, closure.merging(["hours_lost": "3.25", "ods_code": "V12345"]) { $1 }).first?
                .hasPrefix("ods_code:") == true)
        let activity = [
            "ods_code": "FA002", "month": "202406", "clinical_pathways": "30", "minor_illness": "0",
            "urgent_supply": "-1", "registered_pcs_hcfs": "yes",
        ]
        #expect(
            problems(.pharmacyFirstActivity, activity) == ["urgent_supply: \"-1\" is not a whole number of 0 or more"])
        // What a record writes, it reads back the same (the CSV download is a valid upload).
        let read = try RecordTemplate.pharmacyHours.read(hours).get()
        #expect(read.cells == ["FA002", "2024-04-01", "mon", "core", "09:00", "17:30"])
        let again = try RecordTemplate.pharmacyHours.read(
            Dictionary(uniqueKeysWithValues: zip(RecordTemplate.pharmacyHours.fields.map(\.name), read.cells))
        ).get()
        #expect(again == read)
        let session = try #require(OpeningSession(read))
        #expect(
            session.pharmacy.rawValue == "FA002" && session.day == .mon && session.kind == .core
                && session.minutes == 510)
        #expect(WeeklyHours.inForce([session], on: CalendarDate("2024-04-01")!)?.coreMinutes == 510)
        #expect(WeeklyHours.inForce([session], on: CalendarDate("2024-03-31")!) == nil)
    }
}
