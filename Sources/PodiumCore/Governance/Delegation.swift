/// Who commissions a service for an ICB's population (NHS Act 2006 s65Z5–s65Z6): NHS England alone, a joint committee of
/// NHS England and ICBs, or the ICB under a delegation agreement (NHS England keeps accountability either way).
public enum DelegationStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case retained
    case jointCommittee = "joint-committee"
    case delegated

    public var label: String {
        switch self {
        case .retained: "Retained by NHS England"
        case .jointCommittee: "Joint committee"
        case .delegated: "Delegated to the ICB"
        }
    }
}

/// The services the register tracks: the POD services and specialised services (one row per service or group).
public enum DelegatedService: String, Sendable, Hashable, Codable, CaseIterable {
    case pharmacy, optometry
    case dentalPrimary = "dental-primary"
    case dentalCommunity = "dental-community"
    case dentalSecondary = "dental-secondary"
    case specialised

    public var label: String {
        switch self {
        case .pharmacy: "Community pharmacy"
        case .optometry: "General ophthalmic services"
        case .dentalPrimary: "Primary care dentistry"
        case .dentalCommunity: "Community dental services"
        case .dentalSecondary: "Secondary care dentistry"
        case .specialised: "Specialised services"
        }
    }
}

/// Whether a fact was confirmed at its source or is the commonly understood position.
public enum Confidence: String, Sendable, Hashable, Codable, CaseIterable {
    case confirmed, unconfirmed
}

/// One row of the delegation register: a service's status for an ICB from a date.
public struct DelegationEntry: Sendable, Hashable {
    public var reference: String
    public var service: DelegatedService
    /// The service's name, or the specialised services the row covers.
    public var serviceName: String
    public var status: DelegationStatus
    public var from: CalendarDate
    /// `nil` while in force.
    public var to: CalendarDate?
    public var phase: String
    /// The organisation whose team does the work (a hub or NHS England region may host it for several ICBs).
    public var host: String
    /// The ICBs the hosted team serves; each contract still belongs to one ICB (its commissioner code).
    public var icbsServed: [String]
    public var confidence: Confidence
    public var source: String

    public init(
        reference: String, service: DelegatedService, serviceName: String, status: DelegationStatus, from: CalendarDate,
        to: CalendarDate? = nil,
        phase: String, host: String = "", icbsServed: [String] = [], confidence: Confidence, source: String
    ) {
        self.reference = reference
        self.service = service
        self.serviceName = serviceName
        self.status = status
        self.from = from
        self.to = to
        self.phase = phase
        self.host = host
        self.icbsServed = icbsServed
        self.confidence = confidence
        self.source = source
    }

    /// In force on a date: started, and not yet ended.
    public func isInForce(on date: CalendarDate) -> Bool { from <= date && (to.map { date <= $0 } ?? true) }
}

/// The published delegation timeline, as register rows for one ICB (NHS England PRN00089; NHS England Board, 7 December 2023).
public enum DelegationTimeline {
    static let pod2023 = CalendarDate(year: 2023, month: 4, day: 1)!
    static let jointCommittees = CalendarDate(year: 2023, month: 4, day: 1)!
    static let specialisedWave1 = CalendarDate(year: 2024, month: 4, day: 1)!
    static let specialisedAll = CalendarDate(year: 2025, month: 4, day: 1)!

    /// The regions that took full delegation of the 59 specialised services in 2024/25; the rest kept joint committees a year.
    static let specialisedFirstRegions: Set<NHSEnglandRegion> = [.eastOfEngland, .midlands, .northWest]

    static let podSource =
        "NHS England, delegation of primary medical, pharmaceutical, ophthalmic and dental functions (PRN00089)"
    static let specialisedSource = "NHS England Board, 7 December 2023; delegation of specialised services 2025/26"

    /// The register rows Podium seeds for an ICB. The published dates apply to all remaining ICBs; the nine early adopters
    /// took some POD services from 1 July 2022, which the published sources do not list by ICB, so they correct their rows.
    public static func entries(for icb: ICBCode) -> [DelegationEntry] {
        let region = NHSEnglandRegion.of(icb)
        // Staff moved to ICB-hosted teams on 1 April 2023 in the East of England and North West, 1 July 2023 elsewhere.
        let staff = region.map { [.eastOfEngland, .northWest].contains($0) } == true ? "1 April 2023" : "1 July 2023"
        let (host, served, hostConfidence) = host(of: region)
        var rows = [DelegatedService.pharmacy, .optometry, .dentalPrimary, .dentalCommunity, .dentalSecondary].map {
            service in
            DelegationEntry(
                reference: "DEL-\(service.rawValue.uppercased())", service: service, serviceName: service.label,
                status: .delegated, from: pod2023,
                phase: "POD delegation to all remaining ICBs; staff transferred \(staff)", host: host,
                icbsServed: served,
                confidence: hostConfidence, source: podSource)
        }
        let firstWave = region.map(specialisedFirstRegions.contains) ?? false
        rows.append(
            DelegationEntry(
                reference: "DEL-SPEC59-JC", service: .specialised, serviceName: "59 specialised services",
                status: .jointCommittee,
                from: jointCommittees, to: (firstWave ? specialisedWave1 : specialisedAll).adding(days: -1),
                phase: "Nine statutory joint committees of ICBs and NHS England", confidence: .confirmed,
                source: specialisedSource))
        rows.append(
            DelegationEntry(
                reference: "DEL-SPEC59", service: .specialised, serviceName: "59 specialised services",
                status: .delegated,
                from: firstWave ? specialisedWave1 : specialisedAll,
                phase: firstWave
                    ? "Specialised delegation, first regions (2024/25)"
                    : "Specialised delegation to all ICBs (2025/26)",
                confidence: .confirmed, source: specialisedSource))
        rows.append(
            DelegationEntry(
                reference: "DEL-SPEC11-NHSE", service: .specialised, serviceName: "11 further specialised services",
                status: .retained,
                from: jointCommittees, to: specialisedAll.adding(days: -1),
                phase: "Commissioned by NHS England before 2025/26",
                confidence: .unconfirmed, source: "Derived: not among the 59 jointly commissioned services"))
        rows.append(
            DelegationEntry(
                reference: "DEL-SPEC11", service: .specialised, serviceName: "11 further specialised services",
                status: .delegated,
                from: specialisedAll, phase: "70 services in scope from April 2025", confidence: .confirmed,
                source: specialisedSource))
        return rows
    }

    /// Where the published sources name a hosting model (ICBs' announcements): the South West hub and the Midlands committees in common.
    static func host(of region: NHSEnglandRegion?) -> (String, [String], Confidence) {
        switch region {
        case .southWest?:
            (
                "South West Collaborative Commissioning Hub (NHS England South West and 7 ICBs)",
                NHSEnglandRegion.southWest.icbs, .confirmed
            )
        case .midlands?:
            (
                "NHS England Midlands team, ICBs meeting as committees in common", NHSEnglandRegion.midlands.icbs,
                .confirmed
            )
        case let region?: ("NHS England \(region.name) team (hosting not confirmed)", [], .unconfirmed)
        case nil: ("", [], .unconfirmed)
        }
    }

    /// Each service's row in force on a date (the latest that started), in the order of ``DelegatedService``.
    public static func current(_ entries: [DelegationEntry], on date: CalendarDate) -> [DelegationEntry] {
        let inForce = entries.filter { $0.isInForce(on: date) }
        let order = { (entry: DelegationEntry) in
            (DelegatedService.allCases.firstIndex(of: entry.service)!, entry.serviceName)
        }
        return Dictionary(grouping: inForce, by: { "\($0.service.rawValue)|\($0.serviceName)" })
            .values.compactMap { rows in rows.max { ($0.from, $0.reference) < ($1.from, $1.reference) } }
            .sorted { order($0) < order($1) }
    }
}

/// A function under the delegation agreement: delegated to the ICB or reserved to NHS England.
public struct DelegatedFunction: Sendable, Hashable {
    public enum Arrangement: String, Sendable, Hashable, Codable, CaseIterable { case delegated, reserved }

    public var reference: String
    public var function: String
    public var arrangement: Arrangement
    public var confidence: Confidence
    public var source: String

    /// Reserved functions exist (NHS England delegation guidance) but no published list was found; this is the commonly
    /// understood split, every line unconfirmed until an ICB checks it against its own agreement.
    public static let defaults: [DelegatedFunction] = {
        let reserved = [
            "National contract frameworks and negotiations (GDS and PDS regulations, pharmacy terms of service and CPCF, Drug Tariff, GOS fees)",
            "National performers lists (NHS (Performers Lists) (England) Regulations 2013)",
            "NHSBSA payments and post-payment verification",
            "National data collections",
        ]
        let delegated = [
            "Contract management and variations", "Procurement of new contracts",
            "Mid-year review and year-end reconciliation decisions",
            "Breach and remedial notices", "Pharmacy market-entry decisions", "Maintaining the pharmaceutical list",
            "Complaints about POD services (to ICBs from 1 July 2023)",
        ]
        let source = "Commonly understood, not confirmed against a published delegation agreement"
        return reserved.enumerated().map {
            DelegatedFunction(
                reference: "FN-R\($0.offset + 1)", function: $0.element, arrangement: .reserved,
                confidence: .unconfirmed, source: source)
        }
            + delegated.enumerated().map {
                DelegatedFunction(
                    reference: "FN-D\($0.offset + 1)", function: $0.element, arrangement: .delegated,
                    confidence: .unconfirmed, source: source)
            }
    }()
}

/// The default pre-delegation assessment framework: the four domains of the BNSSG paper (confirmed by the issue's sources)
/// with six principles and criteria Podium proposes (the principles' wording is unconfirmed; ICBs edit them as records).
public enum AssuranceFramework {
    public struct Criterion: Sendable, Hashable {
        public var reference: String
        public var domain: String
        public var principle: String
        public var criterion: String
    }

    public static let domains = ["Transformation", "Governance and Leadership", "Finance", "Workforce and Capability"]

    public static let defaults: [Criterion] = {
        let outline: [(String, String, [String])] = [
            (
                "Transformation", "A shared plan for integrated primary care",
                [
                    "A POD transformation plan agreed with system partners", "Benefits tracked against the triple aim",
                ]
            ),
            (
                "Transformation", "Population health and inequalities",
                [
                    "Dental access and unmet need analysed by deprivation",
                    "Pharmaceutical needs assessments current for every Health and Wellbeing Board",
                ]
            ),
            (
                "Governance and Leadership", "Clear accountability and decision making",
                [
                    "Primary Care Commissioning Committee terms of reference cover POD",
                    "Risk, decisions and conflicts of interest logged",
                    "Regular engagement with the LDC, LPC, LOC and Healthwatch",
                ]
            ),
            (
                "Finance", "Sound management of delegated budgets",
                [
                    "POD allocations, the dental ring-fence and the run rate reconciled",
                    "Month-end reporting of POD spend in place",
                ]
            ),
            (
                "Workforce and Capability", "A capable, sustainable team",
                ["Hosted team arrangements and staff transfer agreed"]
            ),
            (
                "Workforce and Capability", "Data, systems and knowledge",
                [
                    "Access to NHSBSA and contract data for every commissioner",
                    "Handover from the previous commissioner complete",
                ]
            ),
        ]
        var number = 0
        return outline.flatMap { domain, principle, criteria in
            criteria.map { text in
                number += 1
                return Criterion(
                    reference: "PDA\(number < 10 ? "0" : "")\(number)", domain: domain, principle: principle,
                    criterion: text)
            }
        }
    }()
}
