import FluentKit
import PodiumCore
import PodiumData

/// Example local records for the demo, where no open data exists: real sites from the bundled ODS register,
/// invented figures. Every record is stored with `is_example` set and every page that shows one labels it — except the
/// permanent pharmacy closures, which are ODS's own closures and say so.
///
/// Generation is deterministic (a hash of each site's code, never a random generator), so installing twice
/// writes the same values and changes nothing.
public enum ExampleRecords {
    public static let source = "example data"
    /// The source of the records read from the ODS register rather than invented.
    public static let odsSource = "ODS edispensary"
    /// Fixed, so a second install writes identical rows.
    static let recordedAt = "2025-04-01T00:00:00Z"
    /// Example activity covers 2024/25.
    static let months = Array(sequence(first: YearMonth(year: 2024, month: 4)!, next: \.next).prefix(12))

    /// Generates and writes every template's examples in one transaction; returns the number of records per template.
    @discardableResult
    public static func install(on database: any Database) async throws -> [(RecordTemplate, Int)] {
        let register = try await OrganisationStore(database: database).pharmacyRegister()
        let dental = DentalStore(database: database)
        var contractValues: [ICBCode: Money] = [:]
        var dentalYear: (FinancialYear, YearMonth)?
        var largest: [ICBCode: ContractYear] = [:]
        if let year = try await dental.financialYears().first {
            let contracts = try await dental.contractYears(in: year)
            for contract in contracts {
                guard let icb = contract.icb else { continue }
                contractValues[icb, default: .zero] += contract.contractValue
                // The ICB's largest contract is the one its example dental risk cites.
                if largest[icb].map({ $0.contractValue < contract.contractValue }) ?? true { largest[icb] = contract }
            }
            dentalYear = contracts.map(\.latest.month).max().map { (year, $0) }
        }
        let generated = generate(
            register: register, contractValues: contractValues, dentalYear: dentalYear,
            largestContracts: largest.mapValues(\.contract))
        try await database.transaction { transaction in
            let store = LocalRecordStore(database: transaction)
            for (template, records) in generated { try await store.write(records, of: template) }
        }
        return generated.map { ($0.0, $0.1.count) }
    }

    /// Every template's example records from the register.
    /// - Parameters: `contractValues` each ICB's dental contract value in `dentalYear`, whose latest month of data is given.
    static func generate(
        register: [Sited<PharmacyCodeKind>], contractValues: [ICBCode: Money] = [:],
        dentalYear: (FinancialYear, YearMonth)? = nil,
        largestContracts: [ICBCode: ContractNumber] = [:]
    ) -> [(RecordTemplate, [StoredRecord])] {
        let english = register.filter { $0.organisation.isInEngland && $0.organisation.icb != nil }
        let open = english.filter { $0.organisation.status == .active }
        let byICB = Dictionary(grouping: open, by: { $0.organisation.icb! })
        var output: [RecordTemplate: [StoredRecord]] = [:]
        func write(_ template: RecordTemplate, _ icb: ICBCode?, _ cells: [String: String], example: Bool) {
            guard case .success(let values) = template.read(cells) else {
                preconditionFailure("example \(template.id) record does not match its template: \(cells)")
            }
            output[template, default: []].append(
                StoredRecord(
                    values: values, icb: icb, isExample: example, source: example ? source : odsSource,
                    recordedAt: recordedAt))
        }
        func add(_ template: RecordTemplate, _ icb: ICBCode?, _ cells: [String: String]) {
            write(template, icb, cells, example: true)
        }
        for sited in open {
            let pharmacy = sited.organisation
            let code = pharmacy.code.rawValue
            let icb = pharmacy.icb
            let h = hash(code)
            if pharmacy.subType == "2" {
                add(.pharmacyContractTypes, icb, ["ods_code": code, "contract_type": "appliance", "notes": ""])
            }
            for session in hours(h) {
                add(
                    .pharmacyHours, icb,
                    [
                        "ods_code": code, "effective_from": "2024-04-01", "day": session.0, "kind": session.1,
                        "opens": session.2, "closes": session.3,
                    ])
            }
            // About one pharmacy in six had unplanned closures in the year.
            if h % 6 == 0 {
                for index in 0..<Int(1 + (h / 6) % 3) {
                    let day = CalendarDate(year: 2024, month: 4, day: 1)!.adding(
                        days: Int((h / 7 + UInt64(index) * 97) % 360))
                    let quarterHours = 4 + Int((h / 11 + UInt64(index)) % 30)
                    add(
                        .pharmacyClosures, icb,
                        [
                            "ods_code": code, "date": day.iso, "kind": "temporary",
                            "hours_lost": "\(quarterHours / 4).\(["0", "25", "5", "75"][quarterHours % 4])",
                            "reason": closureReasons[Int((h / 13 + UInt64(index)) % UInt64(closureReasons.count))],
                        ])
                }
            }
            if pharmacy.subType == "1" {
                let base = 5 + Int(h % 45)
                for (index, month) in months.enumerated() {
                    let pathways = base + index * Int(h % 3) + Int((h >> UInt64(index)) % 7)
                    add(
                        .pharmacyFirstActivity, icb,
                        [
                            "ods_code": code, "month": month.iso, "clinical_pathways": "\(pathways)",
                            "minor_illness": "\(pathways * 3 / 2)",
                            "urgent_supply": "\(pathways / 2 + Int(h % 5))",
                            "registered_pcs_hcfs": h % 10 == 0 ? "no" : "yes",
                        ])
                }
            }
        }
        // Permanent closures are the real ones, so not labelled example: pharmacies ODS closed from April 2024, less
        // those whose premises a new code took over (a change of ownership, not a pharmacy lost).
        let takenOver = PharmacyRegisterHistory.takenOver(in: english.map(\.organisation))
        for sited in english where sited.organisation.status == .closed && takenOver[sited.organisation.code] == nil {
            guard let closed = sited.organisation.closeDate, closed >= CalendarDate(year: 2024, month: 4, day: 1)!
            else { continue }
            write(
                .pharmacyClosures, sited.organisation.icb,
                [
                    "ods_code": sited.organisation.code.rawValue, "date": closed.iso, "kind": "permanent",
                    "hours_lost": "",
                    "reason": "closure date as published in ODS",
                ], example: false)
        }
        for (icb, pharmacies) in byICB.sorted(by: { $0.key < $1.key }) {
            let sorted = pharmacies.sorted { $0.organisation.code < $1.organisation.code }
            applications(icb, sorted, add)
            optometry(icb, sorted, add)
            governance(icb, contract: largestContracts[icb], pharmacy: sorted[0].organisation.code, add)
        }
        if let (year, latest) = dentalYear {
            for (icb, value) in contractValues.sorted(by: { $0.key < $1.key }) {
                finance(icb, dentalValue: value, year: year, latest: latest, add)
            }
            // An opening balance the ICB knows from the contract's year-end letter, where the data would say otherwise.
            for (icb, contract) in largestContracts.sorted(by: { $0.key < $1.key }) {
                add(
                    .carryForwardOpenings, icb,
                    [
                        "contract": contract.rawValue, "financial_year": year.label, "shortfall": "120", "credit": "",
                        "note":
                            "From the \(FinancialYear(startYear: year.startYear - 1).label) year-end letter (example).",
                    ])
            }
        }
        // A board's PNA is public and a board may straddle ICBs: each ICB whose open pharmacies the board covers keeps
        // its own record of it (as an upload would have to).
        var boardICBs: [String: Set<ICBCode>] = [:]
        for sited in open {
            if let board = sited.location?.healthAndWellbeingBoard, let icb = sited.organisation.icb {
                boardICBs[board, default: []].insert(icb)
            }
        }
        for (board, icbs) in boardICBs.sorted(by: { $0.key < $1.key }) {
            let publish = { (cells: [String: String]) in
                for icb in icbs.sorted(by: { $0.rawValue < $1.rawValue }) { add(.pnaDocuments, icb, cells) }
            }
            let h = hash(board)
            let first = CalendarDate(year: 2022, month: 9, day: 1)!.adding(days: Int(h % 60))
            publish(
                [
                    "hwb_code": board, "kind": "pna", "published": first.iso,
                    "title": "Pharmaceutical needs assessment 2022 to 2025",
                ])
            // Most boards published their next PNA on time in autumn 2025; some have not.
            if h % 4 != 0 {
                let next = CalendarDate(year: 2025, month: 9, day: 15)!.adding(days: Int(h % 45))
                publish(
                    [
                        "hwb_code": board, "kind": "pna", "published": next.iso,
                        "title": "Pharmaceutical needs assessment 2025 to 2028",
                    ])
            }
            if h % 3 == 0 {
                publish(
                    [
                        "hwb_code": board, "kind": "supplementary-statement", "published": first.adding(days: 400).iso,
                        "title": "Supplementary statement: pharmacy closures",
                    ])
            }
        }
        return RecordTemplate.all.compactMap { template in output[template].map { (template, $0) } }
    }

    static let closureReasons = [
        "No pharmacist available", "Staff sickness", "IT or system failure", "Premises problem (power, water, flood)",
        "Locum cancelled at short notice",
    ]

    /// A week of sessions: (day, kind, opens, closes). One pharmacy in twelve keeps long hours.
    static func hours(_ h: UInt64) -> [(String, String, String, String)] {
        if h % 12 == 1 {
            return Weekday.allCases.map { day in
                (day.rawValue, "core", day == .sun ? "10:00" : "07:00", day == .sun ? "17:00" : "22:30")
            }
        }
        var sessions = ["mon", "tue", "wed", "thu", "fri"].map { ($0, "core", "09:00", h % 2 == 0 ? "17:30" : "18:00") }
        sessions.append(("sat", h % 3 == 0 ? "supplementary" : "core", "09:00", "13:00"))
        return sessions
    }

    static func applications(
        _ icb: ICBCode, _ pharmacies: [Sited<PharmacyCodeKind>],
        _ add: (RecordTemplate, ICBCode?, [String: String]) -> Void
    ) {
        let kinds: [(MarketEntryKind, MarketEntryStatus, String?)] = [
            (.routine, .representations, nil), (.changeOfOwnership, .granted, nil),
            (.relocation, .refused, "dismissed"),
            (.distanceSelling, .received, nil),
        ]
        for (index, (kind, status, appeal)) in kinds.enumerated() {
            let site = pharmacies[(index * 7 + 3) % pharmacies.count].organisation
            let received = CalendarDate(year: 2026, month: 3 + index * 2, day: 3 + index)!
            let decided = status == .granted || status == .refused ? received.adding(days: 95) : nil
            add(
                .marketEntryApplications, icb,
                [
                    "reference": "EX-\(icb)-\(index + 1)", "kind": kind.rawValue,
                    "applicant": "Example Applicant \(index + 1) Ltd",
                    "premises_postcode": site.postcode.rawValue,
                    "ods_code": [.relocation, .changeOfOwnership].contains(kind) ? site.code.rawValue : "",
                    "received": received.iso,
                    "pna_need": kind == .routine ? "Improved access on weekday evenings identified in the PNA" : "",
                    "status": appeal == nil ? status.rawValue : "appealed", "decision_date": decided?.iso ?? "",
                    "appeal_lodged": appeal == nil ? "" : decided!.adding(days: 20).iso, "appeal_outcome": appeal ?? "",
                ])
        }
    }

    /// One example optician at the postcode of every fifth pharmacy, and one domiciliary contract per ICB.
    static func optometry(
        _ icb: ICBCode, _ pharmacies: [Sited<PharmacyCodeKind>],
        _ add: (RecordTemplate, ICBCode?, [String: String]) -> Void
    ) {
        var contracts: [String] = []
        for (index, sited) in pharmacies.enumerated() where index % 5 == 0 || index == 1 {
            let pharmacy = sited.organisation
            let number = "EX-\(icb)-G\(contracts.count + 1)"
            let domiciliary = index == 1
            add(
                .gosContracts, icb,
                [
                    "contract_number": number, "kind": domiciliary ? "additional" : "mandatory",
                    "contractor": "Example Optometry \(contracts.count + 1) Ltd",
                    "premises": domiciliary
                        ? "Example home visiting service" : "Example opticians near \(pharmacy.name)",
                    "premises_postcode": pharmacy.postcode.rawValue,
                    "start_date": pharmacy.openDate.map { max($0, CalendarDate(year: 2008, month: 8, day: 1)!) }?.iso
                        ?? "2008-08-01",
                    "end_date": "",
                ])
            contracts.append(number)
            let h = hash(pharmacy.code.rawValue + "G")
            for (offset, month) in months.enumerated() {
                // Sight tests dip in December and August, as high-street activity does.
                let season = month.month == 12 || month.month == 8 ? 80 : 100
                let tests = domiciliary ? 0 : (120 + Int(h % 160) + offset) * season / 100
                add(
                    .gosActivity, icb,
                    [
                        "contract_number": number, "month": month.iso, "gos1_sight_tests": "\(tests)",
                        "gos3_vouchers": "\(tests / 5)",
                        "gos4_repairs": "\(tests / 40)",
                        "gos6_domiciliary_tests": domiciliary ? "\(40 + Int(h % 30))" : "0",
                    ])
            }
        }
        let mecs = contracts.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).prefix(20)
        add(
            .eyeServices, icb,
            [
                "service_code": "EX-\(icb)-CUES", "name": "Community urgent eyecare service", "kind": "mecs-cues",
                "specification":
                    "Assessment and treatment of minor and urgent eye conditions (red eye, flashes and floaters) within 24 hours, "
                    + "after the LOCSU model specification.", "fee_per_episode": "45.00", "start_date": "2023-04-01",
                "end_date": "",
                "contracts": mecs.joined(separator: " "),
            ])
        add(
            .eyeServices, icb,
            [
                "service_code": "EX-\(icb)-GRR", "name": "Glaucoma referral refinement",
                "kind": "glaucoma-referral-refinement",
                "specification":
                    "Repeat measurements before referral to hospital eye services for raised eye pressure.",
                "fee_per_episode": "30.00", "start_date": "2024-04-01", "end_date": "",
                "contracts": contracts.prefix(6).joined(separator: " "),
            ])
    }

    /// A budget per line sized from the ICB's real dental contract value, monthly spend on the other lines to the
    /// latest month of dental data, and three reinvestment options (one approved).
    static func finance(
        _ icb: ICBCode, dentalValue: Money, year: FinancialYear, latest: YearMonth,
        _ add: (RecordTemplate, ICBCode?, [String: String]) -> Void
    ) {
        let h = hash(icb.rawValue)
        func pounds(_ pence: Int64) -> String { Money(pence: pence / 100_000 * 100_000).plainPounds }  // whole £1,000s
        // Dental primary care: the contracts' value plus 1–4 %; the other lines as shares of it.
        let primary = dentalValue.pence * Int64(101 + h % 4) / 100
        let lines: [(BudgetLineKind, Int64)] = [
            (.dentalPrimary, primary), (.dentalCommunity, primary * 8 / 100), (.dentalSecondary, primary * 5 / 100),
            (.pharmacyLocal, primary * 2 / 100), (.optometryLocal, primary * 1 / 100),
        ]
        for (line, budget) in lines {
            add(
                .budgetLines, icb,
                [
                    "financial_year": year.label, "line": line.rawValue, "budget": pounds(budget),
                    "notes": "example allocation",
                ])
            guard line != .dentalPrimary else { continue }
            for (index, month) in year.months.enumerated() where month <= latest {
                let spent = budget / 12 * Int64(88 + (h >> UInt64(index)) % 10) / 100
                add(
                    .financeActuals, icb,
                    [
                        "month": month.iso, "line": line.rawValue, "spent": Money(pence: spent).plainPounds,
                        "committed": "", "notes": "",
                    ])
            }
        }
        let options: [(ReinvestmentKind, Int64, Int, Bool)] = [
            (.urgentAccessSessions, primary / 200, 30, false), (.communityDental, primary / 80, 90, false),
            (.overDelivery, primary / 100, 45, true),
        ]
        for (index, (kind, cost, lead, approved)) in options.enumerated() {
            add(
                .reinvestmentOptions, icb,
                [
                    "reference": "EX-\(icb)-R\(index + 1)", "financial_year": year.label, "kind": kind.rawValue,
                    "description": "Example: \(kind.label.lowercased())",
                    "cost": pounds(cost), "lead_time_days": "\(lead)", "status": approved ? "approved" : "proposed",
                    "committee": approved ? "Primary Care Commissioning Committee" : "",
                    "decision_date": approved ? latest.lastDay.iso : "",
                ])
        }
    }

    /// A few risks and assurance criteria per ICB: real-sounding wording, ratings varied by a hash of the ICB code.
    static func governance(
        _ icb: ICBCode, contract: ContractNumber?, pharmacy: PharmacyCode,
        _ add: (RecordTemplate, ICBCode?, [String: String]) -> Void
    ) {
        let h = hash("governance-" + icb.rawValue)
        // Each example risk cites the live evidence it rests on, so the log shows the current value beside the score.
        let risks: [(String, RiskCategory, String)] = [
            (
                "Dental contracts under-deliver UDAs, so access falls and year-end clawback rises", .dental,
                (contract.map { "contract:\($0) " } ?? "") + "spc:delivery access:adults"
            ),
            ("Pharmacy closures leave gaps in access in the most deprived areas", .pharmacy, "pharmacy:\(pharmacy)"),
            ("Ring-fenced dental underspend is not committed by 31 March and is lost to dentistry", .finance, ""),
            ("Contract disputes inherited from NHS England transfer without full records", .legacy, ""),
        ]
        for (index, (title, category, evidence)) in risks.enumerated() {
            let bits = h >> UInt64(index * 8)
            let initial = (3 + Int(bits % 3), 3 + Int((bits >> 2) % 3))
            let current = (max(1, initial.0 - Int((bits >> 4) % 2)), initial.1)
            let target = (max(1, current.0 - 1), max(1, current.1 - 1))
            add(
                .risks, icb,
                [
                    "reference": "EX-\(icb)-RISK\(index + 1)", "title": title, "category": category.rawValue,
                    "owner": "Head of primary care commissioning",
                    "initial_likelihood": "\(initial.0)", "initial_consequence": "\(initial.1)",
                    "current_likelihood": "\(current.0)",
                    "current_consequence": "\(current.1)", "target_likelihood": "\(target.0)",
                    "target_consequence": "\(target.1)",
                    "controls": "Monthly contract monitoring", "mitigations": "Example mitigation plan",
                    "evidence": evidence,
                    "review_date": CalendarDate(year: 2024, month: 4, day: 1)!.adding(days: Int(bits % 365)).iso,
                    "status": "open",
                ])
        }
        // The default framework's criteria, with example ratings (the defaults then add nothing for a demo ICB).
        for (index, criterion) in AssuranceFramework.defaults.enumerated() {
            var cells = criterion.cells
            cells["rating"] = ["green", "green", "amber", "red", ""][Int((h >> UInt64(index * 3 % 60)) % 5)]
            add(.assuranceCriteria, icb, cells)
        }
        let programmes: [[String: String]] = [
            [
                "reference": "EX-\(icb)-T1", "name": "Urgent dental access sessions", "kind": "pilot",
                "objective": "Add urgent NHS dental appointments for people without a regular dentist",
                "measure": "adults-seen",
                "baseline": "Adults seen in 24 months at the start of 2024/25",
                "population_health": "More adults seen, first in the most deprived areas",
                "quality": "Fewer people reaching A&E with dental pain",
                "value": "Uses ring-fenced dental money that would otherwise be lost",
                "cost": "\(150_000 + Int(h % 50) * 1_000).00", "savings": "", "start": "2024-10-01",
                "end": "2025-09-30", "status": "running",
                "evaluation": "Appointments delivered and patients new to the practice, monthly",
            ],
            [
                "reference": "EX-\(icb)-T2", "name": "Contract rebasing after hand-backs", "kind": "efficiency",
                "objective": "Re-let UDAs handed back by under-delivering contracts", "measure": "delivery",
                "baseline": "Delivery against profile in 2023/24",
                "population_health": "", "quality": "", "value": "Money follows activity that is delivered", "cost": "",
                "savings": "\(80_000 + Int(h % 70) * 1_000).00",
                "start": "2024-04-01", "end": "", "status": h % 2 == 0 ? "evaluating" : "planned", "evaluation": "",
            ],
        ]
        for cells in programmes { add(.transformation, icb, cells) }
        // Provider intelligence: the pharmacy's within its returns' window; the contract's recent enough
        // (autumn 2026) that the early warning counts it on the demo's live page.
        if let contract {
            add(
                .providerIntelligence, icb,
                [
                    "reference": "EX-\(icb)-I1", "provider": contract.rawValue, "category": "workforce",
                    "date": "2026-10-15",
                    "note":
                        "Two associate dentists are leaving the practice in the new year (told by the practice manager).",
                ])
        }
        add(
            .providerIntelligence, icb,
            [
                "reference": "EX-\(icb)-I2", "provider": pharmacy.rawValue, "category": "premises",
                "date": "2025-02-10",
                "note": "The landlord has served notice on the premises (told by the Local Pharmaceutical Committee).",
            ])
        let start = CalendarDate(year: 2024, month: 4, day: 1)!
        add(
            .decisions, icb,
            [
                "reference": "EX-\(icb)-D1", "date": start.adding(days: Int(h % 60) + 150).iso,
                "committee": "Primary Care Commissioning Committee",
                "decision": "Fund urgent dental access sessions from ring-fenced underspend",
                "options": "Do nothing; urgent-access sessions; re-let handed-back UDAs",
                "rationale": "Quickest way to add urgent capacity before 31 March", "conflicts": "None declared",
                "linked": "EX-\(icb)-RISK1 EX-\(icb)-R1",
                "status": "approved",
            ])
        for (index, (partner, subject)) in [
            ("ldc", "Mid-year review and contract hand-backs"), ("lpc", "Pharmacy closures and opening hours"),
            ("healthwatch", "Patients' experience of finding an NHS dentist"),
        ].enumerated() {
            let date = start.adding(days: Int((h >> UInt64(index * 5)) % 300))
            add(
                .engagements, icb,
                [
                    "reference": "EX-\(icb)-E\(index + 1)", "date": date.iso, "partner": partner, "kind": "meeting",
                    "subject": subject,
                    "actions": "Example action", "follow_up": date.adding(days: 42).iso,
                    "status": index == 0 ? "done" : "open",
                ])
        }
        for (index, (item, kind)) in [
            ("Dental contract files and variations", "contracts"), ("NHSBSA activity extracts and access", "data"),
            ("Open contract disputes", "disputes"),
        ].enumerated() {
            add(
                .handoverItems, icb,
                [
                    "reference": "EX-\(icb)-H\(index + 1)", "item": item, "kind": kind,
                    "sender": "NHS England regional team",
                    "status": ["transferred", "in-progress", "not-started"][Int((h >> UInt64(index * 2)) % 3)],
                    "evidence": "", "due_date": "2023-07-01",
                ])
        }
    }

    /// FNV-1a: stable across runs and platforms, unlike `Hasher`.
    static func hash(_ text: String) -> UInt64 {
        text.utf8.reduce(14_695_981_039_346_656_037) { ($0 ^ UInt64($1)) &* 1_099_511_628_211 }
    }
}
