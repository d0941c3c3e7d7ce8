/// A place on the map with a name, for the market-entry and closure rules.
public struct PharmacySite: Sendable, Hashable {
    public var code: PharmacyCode
    public var name: String
    public var location: GridPoint
    /// The Health and Wellbeing Board whose pharmaceutical list it is on, when its postcode is known.
    public var healthAndWellbeingBoard: String?
    public var isOpen: Bool

    public init(code: PharmacyCode, name: String, location: GridPoint, healthAndWellbeingBoard: String?, isOpen: Bool) {
        self.code = code
        self.name = name
        self.location = location
        self.healthAndWellbeingBoard = healthAndWellbeingBoard
        self.isOpen = isOpen
    }
}

/// Someone the ICB must notify of a market-entry application.
public struct NotificationParty: Sendable, Hashable {
    public enum Role: String, Sendable, Hashable, CaseIterable {
        case localPharmaceuticalCommittee = "lpc"
        case localMedicalCommittee = "lmc"
        case healthwatch
        case affectedContractor = "contractor"

        public var label: String {
            switch self {
            case .localPharmaceuticalCommittee: "Local Pharmaceutical Committee"
            case .localMedicalCommittee: "Local Medical Committee"
            case .healthwatch: "Local Healthwatch"
            case .affectedContractor: "Pharmacy within 2 km"
            }
        }
    }

    public var role: Role
    /// The pharmacy's code for a contractor; the Health and Wellbeing Board area for a committee or Healthwatch.
    public var identifier: String
    /// Metres from the proposed premises, for a contractor.
    public var metres: Int?

    public init(role: Role, identifier: String, metres: Int?) {
        self.role = role
        self.identifier = identifier
        self.metres = metres
    }
}

/// Who must hear of an application: the LPCs and LMCs whose area is within 2 km of the premises, the pharmacies
/// within 2 km, and Healthwatch for the premises' area (SI 2013/349 Sch 2 para 28).
///
/// Committee areas are taken to be Health and Wellbeing Board areas: an area is "within 2 km" when any LSOA
/// centroid or pharmacy in it is. GP providers near a controlled locality are not listed: Podium has no
/// controlled-locality maps.
public enum MarketEntryNotification {
    public static let radiusMetres = 2000.0

    /// - Parameters:
    ///   - premises: where the proposed pharmacy would be; `premisesArea` its board area.
    ///   - applicant: the applicant's existing pharmacy (a relocation or change of ownership), left off the list.
    ///   - pharmacies: the register; only open ones are affected contractors.
    ///   - areaPoints: board-area points (LSOA centroids) that place committees within reach.
    public static func parties(
        premises: GridPoint, premisesArea: String?, applicant: PharmacyCode?, pharmacies: [PharmacySite],
        areaPoints: [(area: String, location: GridPoint)]
    ) -> [NotificationParty] {
        var areas = Set(premisesArea.map { [$0] } ?? [])
        var contractors: [NotificationParty] = []
        for site in pharmacies {
            let metres = premises.distance(to: site.location)
            guard metres <= radiusMetres else { continue }
            if let area = site.healthAndWellbeingBoard { areas.insert(area) }
            if site.isOpen, site.code != applicant {
                contractors.append(
                    NotificationParty(
                        role: .affectedContractor, identifier: site.code.rawValue, metres: Int(metres.rounded())))
            }
        }
        for point in areaPoints where premises.distance(to: point.location) <= radiusMetres { areas.insert(point.area) }
        let committees = areas.sorted().flatMap { area in
            [
                NotificationParty(role: .localPharmaceuticalCommittee, identifier: area, metres: nil),
                NotificationParty(role: .localMedicalCommittee, identifier: area, metres: nil),
            ]
        }
        let healthwatch =
            premisesArea.map { [NotificationParty(role: .healthwatch, identifier: $0, metres: nil)] } ?? []
        return committees + healthwatch
            + contractors.sorted { ($0.metres ?? 0, $0.identifier) < ($1.metres ?? 0, $1.identifier) }
    }
}

/// The statutory clock of an application. The periods are parameters, not yet checked against the Regulations [unconfirmed].
public struct MarketEntryTimetable: Sendable, Hashable {
    /// Days notified parties have to make representations [unconfirmed: 45 days is the commonly quoted period].
    public var representationDays: Int
    /// Days within which the ICB should determine an application [unconfirmed: 4 months is commonly quoted].
    public var decisionDays: Int
    /// Days after the decision notice within which an appeal can be lodged with NHS Resolution [unconfirmed].
    public var appealDays: Int

    public init(representationDays: Int = 45, decisionDays: Int = 122, appealDays: Int = 30) {
        self.representationDays = representationDays
        self.decisionDays = decisionDays
        self.appealDays = appealDays
    }

    public static let standard = MarketEntryTimetable()

    public func representationsClose(received: CalendarDate) -> CalendarDate {
        received.adding(days: representationDays)
    }
    public func decisionDue(received: CalendarDate) -> CalendarDate { received.adding(days: decisionDays) }
    public func appealBy(decided: CalendarDate) -> CalendarDate { decided.adding(days: appealDays) }

    /// A statutory date that has passed without its step.
    public struct Overdue: Sendable, Hashable {
        public var step: String
        public var due: CalendarDate
        public var days: Int
        /// "decision overdue: due 3 July 2026, 151 days ago".
        public var words: String { "\(step) overdue: due \(due.label), \(days) day\(days == 1 ? "" : "s") ago" }
    }

    /// What is overdue on `today` for an open, undecided application: the decision once its due date has passed; before
    /// that, the representations stage when the application is still only "received" after representations should
    /// have closed. Nothing once decided or withdrawn.
    public func overdue(_ application: MarketEntryApplication, today: CalendarDate) -> Overdue? {
        guard application.status.isOpen, application.decisionDate == nil else { return nil }
        let due = decisionDue(received: application.received)
        guard today > due else {
            let close = representationsClose(received: application.received)
            guard application.status == .received, today > close else { return nil }
            return Overdue(step: "representations stage", due: close, days: close.days(to: today))
        }
        return Overdue(step: "decision", due: due, days: due.days(to: today))
    }
}

/// Where a Health and Wellbeing Board's PNA stands (NHS Act 2006 s128A; SI 2013/349 reg 6).
public struct PNAStatus: Sendable, Hashable {
    public enum State: String, Sendable, Hashable {
        case current
        case dueSoon = "due-soon"
        case overdue, missing

        public var label: String {
            switch self {
            case .current: "Current"
            case .dueSoon: "Due soon"
            case .overdue: "Overdue"
            case .missing: "No PNA recorded"
            }
        }
    }

    public var latest: CalendarDate?
    /// A new PNA is due within 3 years of the last (reg 6(1)).
    public var nextDue: CalendarDate?
    public var supplementaryStatements: Int
    public var state: State

    /// Days before the due date from which the PNA is flagged "due soon" (a local choice, not a rule).
    public static let warningDays = 183

    /// - Parameters: `published` the PNA dates, `statements` the supplementary statement dates, `today` the date to judge.
    public static func of(published: [CalendarDate], statements: [CalendarDate], today: CalendarDate) -> PNAStatus {
        guard let latest = published.max() else {
            return PNAStatus(latest: nil, nextDue: nil, supplementaryStatements: statements.count, state: .missing)
        }
        let due = latest.addingYears(3)
        let state: State = today > due ? .overdue : today.days(to: due) <= warningDays ? .dueSoon : .current
        return PNAStatus(
            latest: latest, nextDue: due, supplementaryStatements: statements.filter { $0 >= latest }.count,
            state: state)
    }
}

extension CalendarDate {
    /// The same day `years` later; 29 February becomes 28 February in a common year.
    public func addingYears(_ years: Int) -> CalendarDate {
        CalendarDate(year: year + years, month: month, day: day) ?? CalendarDate(
            year: year + years, month: month, day: day - 1)!
    }
}
