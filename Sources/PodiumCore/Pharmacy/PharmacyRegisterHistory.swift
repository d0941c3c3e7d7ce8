/// What happened to a pharmacy on the register.
public enum PharmacyEventKind: String, Sendable, Hashable, CaseIterable, Codable {
    case opened
    case closed
    /// A new owner: a new parent organisation on the same code (a change of ownership on a debts-and-liabilities
    /// basis keeps the code), or a new code at the same premises the day an old one closed (Community Pharmacy England).
    case ownershipChanged = "ownership-changed"
    case relocated
    case renamed
    /// In the earlier extract, not in the later one.
    case leftRegister = "left-register"

    public var label: String {
        switch self {
        case .opened: "Opened"
        case .closed: "Closed"
        case .ownershipChanged: "Change of ownership"
        case .relocated: "Moved premises"
        case .renamed: "Renamed"
        case .leftRegister: "No longer in ODS"
        }
    }
}

/// A dated change to one pharmacy.
public struct PharmacyEvent: Sendable, Hashable, Codable {
    public var pharmacy: PharmacyCode
    public var date: CalendarDate
    public var kind: PharmacyEventKind
    /// What changed, in words: "parent P79D → P08F".
    public var detail: String
    public var icb: ICBCode?

    public init(pharmacy: PharmacyCode, date: CalendarDate, kind: PharmacyEventKind, detail: String, icb: ICBCode?) {
        self.pharmacy = pharmacy
        self.date = date
        self.kind = kind
        self.detail = detail
        self.icb = icb
    }
}

/// Openings, closures and changes of ownership read from ODS `edispensary` extracts (NHS England Organisation Data Service).
public enum PharmacyRegisterHistory {
    /// Days either side of a closure in which a new code at the same postcode counts as the same premises changing hands.
    public static let sameDayWindow = 7

    /// The history one extract carries in its dates: openings, closures, joins to a new parent after opening, and new
    /// codes that replaced a closed one at the same premises.
    public static func events(in register: [Pharmacy]) -> [PharmacyEvent] {
        var events: [PharmacyEvent] = []
        for pharmacy in register {
            if let opened = pharmacy.openDate {
                events.append(event(pharmacy, opened, .opened, "opened as \(pharmacy.name)"))
            }
            if pharmacy.status == .closed, let closed = pharmacy.closeDate {
                events.append(event(pharmacy, closed, .closed, "closed"))
            }
            if let joined = pharmacy.joinedParent, let parent = pharmacy.parentCode, let opened = pharmacy.openDate,
                joined > opened
            {
                events.append(event(pharmacy, joined, .ownershipChanged, "joined parent organisation \(parent)"))
            }
        }
        return events + newCodes(closed: register, opened: register)
    }

    /// What changed between an earlier and a later extract; `observed` dates changes the extracts do not date.
    public static func changes(from earlier: [Pharmacy], to later: [Pharmacy], observed: CalendarDate)
        -> [PharmacyEvent]
    {
        let before = Dictionary(earlier.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let after = Set(later.map(\.code))
        var events: [PharmacyEvent] = []
        var opened: [Pharmacy] = []
        var closed: [Pharmacy] = []
        for pharmacy in later {
            guard let old = before[pharmacy.code] else {
                events.append(event(pharmacy, pharmacy.openDate ?? observed, .opened, "new in ODS as \(pharmacy.name)"))
                opened.append(pharmacy)
                continue
            }
            if old.status != .closed, pharmacy.status == .closed {
                events.append(
                    event(
                        pharmacy, pharmacy.closeDate ?? observed, .closed,
                        "closed (was \(old.status.label.lowercased()))"))
                closed.append(pharmacy)
            }
            if old.parentCode != pharmacy.parentCode {
                let detail = "parent organisation \(old.parentCode ?? "none") → \(pharmacy.parentCode ?? "none")"
                events.append(event(pharmacy, pharmacy.joinedParent ?? observed, .ownershipChanged, detail))
            }
            if old.postcode != pharmacy.postcode {
                events.append(event(pharmacy, observed, .relocated, "postcode \(old.postcode) → \(pharmacy.postcode)"))
            }
            if old.name != pharmacy.name {
                events.append(event(pharmacy, observed, .renamed, "\(old.name) → \(pharmacy.name)"))
            }
        }
        for old in earlier where !after.contains(old.code) {
            events.append(event(old, observed, .leftRegister, "not in the later extract"))
        }
        return events + newCodes(closed: closed, opened: opened)
    }

    /// A code that opened at the postcode of a code that closed within ``sameDayWindow`` days: the premises changed
    /// hands and took a new code (a change of ownership not on a debts-and-liabilities basis).
    static func newCodes(closed: [Pharmacy], opened: [Pharmacy]) -> [PharmacyEvent] {
        successions(closed: closed, opened: opened).map { old, new in
            event(
                new, new.openDate!, .ownershipChanged,
                "took over from \(old.code) (\(old.name)) at the same premises with a new code")
        }
    }

    /// Closed codes whose premises a new code took over (``newCodes``), each with its successor: a change of
    /// ownership, not a pharmacy lost, so never a permanent closure in a count or a rate.
    public static func takenOver(in register: [Pharmacy]) -> [PharmacyCode: PharmacyCode] {
        Dictionary(
            successions(closed: register, opened: register).map { ($0.old.code, $0.new.code) },
            uniquingKeysWith: { first, _ in first })
    }

    static func successions(closed: [Pharmacy], opened: [Pharmacy]) -> [(old: Pharmacy, new: Pharmacy)] {
        let closures = Dictionary(
            grouping: closed.filter { $0.status == .closed && $0.closeDate != nil }, by: \.postcode)
        return opened.compactMap { pharmacy in
            guard let openDate = pharmacy.openDate, let candidates = closures[pharmacy.postcode] else { return nil }
            return candidates.first { old in
                old.code != pharmacy.code && abs(old.closeDate!.days(to: openDate)) <= sameDayWindow
            }.map { (old: $0, new: pharmacy) }
        }
    }

    private static func event(_ pharmacy: Pharmacy, _ date: CalendarDate, _ kind: PharmacyEventKind, _ detail: String)
        -> PharmacyEvent
    {
        PharmacyEvent(pharmacy: pharmacy.code, date: date, kind: kind, detail: detail, icb: pharmacy.icb)
    }
}

/// A parent organisation's share of an ICB's open pharmacies.
public struct PharmacyOwnerShare: Sendable, Hashable {
    /// The ODS parent code (`P08F`), or `nil` for pharmacies without one.
    public var parent: String?
    /// The commonest name among its pharmacies: ODS publishes the parent's code, not its name.
    public var commonName: String
    public var pharmacies: Int
    /// Share of the ICB's open pharmacies, as a ``Proportion``.
    public var share: Proportion

    /// Shares of `pharmacies` by parent, largest first (ties by name).
    public static func shares(_ pharmacies: [Pharmacy]) -> [PharmacyOwnerShare] {
        let total = pharmacies.count
        return Dictionary(grouping: pharmacies, by: \.parentCode).map { parent, members in
            let names =
                Dictionary(grouping: members, by: \.name).max { ($0.value.count, $1.key) < ($1.value.count, $0.key) }?
                .key ?? ""
            return PharmacyOwnerShare(
                parent: parent, commonName: names, pharmacies: members.count,
                share: Proportion(part: Int64(members.count), whole: Int64(total)))
        }
        // NB: two owners can share a trading name and a count; the parent code settles the order, every run.
        .sorted { ($1.pharmacies, $0.commonName, $0.parent ?? "") < ($0.pharmacies, $1.commonName, $1.parent ?? "") }
    }
}
