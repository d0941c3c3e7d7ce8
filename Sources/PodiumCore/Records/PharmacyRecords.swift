/// The pharmacy templates' records, typed (see ``LocalRecord``).

/// A pharmacy's contract on the ICB's pharmaceutical list, where the list says more than ODS (``RecordTemplate/pharmacyContractTypes``).
public struct PharmacyContractEntry: LocalRecord, Hashable {
    public static let template = RecordTemplate.pharmacyContractTypes

    public var pharmacy: PharmacyCode
    public var type: PharmacyContractType
    public var notes: String?

    public init?(_ values: FieldValues) {
        guard let pharmacy = values.text("ods_code").flatMap(PharmacyCode.init),
            let type = values.text("contract_type").flatMap(PharmacyContractType.init)
        else { return nil }
        self.pharmacy = pharmacy
        self.type = type
        notes = values.text("notes")
    }
}

/// One session of a pharmacy's opening hours from the day it takes effect (``RecordTemplate/pharmacyHours``).
public struct OpeningSession: LocalRecord, Hashable {
    public static let template = RecordTemplate.pharmacyHours

    public enum Kind: String, Sendable, Hashable { case core, supplementary }

    public var pharmacy: PharmacyCode
    public var effectiveFrom: CalendarDate
    public var day: Weekday
    public var kind: Kind
    /// Minutes after midnight.
    public var opens: Int
    public var closes: Int

    public var minutes: Int { closes - opens }

    public init?(_ values: FieldValues) {
        guard let pharmacy = values.text("ods_code").flatMap(PharmacyCode.init),
            let from = values.date("effective_from"),
            let day = values.text("day").flatMap(Weekday.init), let kind = values.text("kind").flatMap(Kind.init),
            let opens = values.integer("opens"), let closes = values.integer("closes")
        else { return nil }
        self.pharmacy = pharmacy
        effectiveFrom = from
        self.day = day
        self.kind = kind
        self.opens = Int(opens)
        self.closes = Int(closes)
    }
}

extension PharmacyClosure: LocalRecord {
    public static let template = RecordTemplate.pharmacyClosures

    /// Reads a record of ``RecordTemplate/pharmacyClosures``.
    public init?(_ record: FieldValues) {
        guard let code = record.text("ods_code").flatMap(PharmacyCode.init), let date = record.date("date"),
            let kind = record.text("kind").flatMap(Kind.init)
        else { return nil }
        self.init(
            pharmacy: code, date: date, kind: kind, minutesLost: record.integer("hours_lost").map(Int.init),
            reason: record.text("reason") ?? "")
    }
}

/// A pharmacy's completed Pharmacy First consultations in a month, as claimed (``RecordTemplate/pharmacyFirstActivity``).
public struct PharmacyFirstReturn: LocalRecord, Hashable {
    public static let template = RecordTemplate.pharmacyFirstActivity

    public var pharmacy: PharmacyCode
    public var month: YearMonth
    public var volumes: PharmacyFirstVolumes
    /// Registered for the Contraception and Hypertension Case-Finding services (the fixed payment needs it from June 2025).
    public var registeredForPCSAndHCFS: Bool

    public init?(_ values: FieldValues) {
        guard let pharmacy = values.text("ods_code").flatMap(PharmacyCode.init), let month = values.month("month")
        else { return nil }
        self.pharmacy = pharmacy
        self.month = month
        volumes = PharmacyFirstVolumes(
            clinicalPathways: values.count("clinical_pathways"), minorIllness: values.count("minor_illness"),
            urgentSupply: values.count("urgent_supply"))
        registeredForPCSAndHCFS = values.text("registered_pcs_hcfs") == "yes"
    }
}

/// An application to join or change the pharmaceutical list (``RecordTemplate/marketEntryApplications``).
public struct MarketEntryApplication: LocalRecord, Hashable {
    public static let template = RecordTemplate.marketEntryApplications

    public var reference: String
    public var kind: MarketEntryKind
    public var applicant: String
    public var premisesPostcode: Postcode
    /// The pharmacy relocating, changing owner or consolidating.
    public var existingPharmacy: PharmacyCode?
    public var received: CalendarDate
    public var pnaNeed: String?
    public var status: MarketEntryStatus
    public var decisionDate: CalendarDate?
    public var appealLodged: CalendarDate?
    /// allowed, dismissed or remitted.
    public var appealOutcome: String?

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"), let kind = values.text("kind").flatMap(MarketEntryKind.init),
            let postcode = values.text("premises_postcode").flatMap(Postcode.init),
            let received = values.date("received"),
            let status = values.text("status").flatMap(MarketEntryStatus.init)
        else { return nil }
        self.reference = reference
        self.kind = kind
        applicant = values.text("applicant") ?? ""
        premisesPostcode = postcode
        existingPharmacy = values.text("ods_code").flatMap(PharmacyCode.init)
        self.received = received
        pnaNeed = values.text("pna_need")
        self.status = status
        decisionDate = values.date("decision_date")
        appealLodged = values.date("appeal_lodged")
        appealOutcome = values.text("appeal_outcome")
    }
}

/// A Health and Wellbeing Board's published PNA or supplementary statement (``RecordTemplate/pnaDocuments``).
public struct PNADocument: LocalRecord, Hashable {
    public static let template = RecordTemplate.pnaDocuments

    public enum Kind: String, Sendable, Hashable {
        case pna
        case supplementaryStatement = "supplementary-statement"
    }

    /// The board's ONS local-authority code.
    public var board: String
    public var kind: Kind
    public var published: CalendarDate
    public var title: String
    public var url: String?

    public init?(_ values: FieldValues) {
        guard let board = values.text("hwb_code"), let kind = values.text("kind").flatMap(Kind.init),
            let published = values.date("published")
        else { return nil }
        self.board = board
        self.kind = kind
        self.published = published
        title = values.text("title") ?? ""
        url = values.text("url")
    }
}

extension PNAStatus {
    /// A board's PNA state from its documents (``PNADocument``), judged on `today`.
    public static func of(_ documents: [PNADocument], today: CalendarDate) -> PNAStatus {
        of(
            published: documents.filter { $0.kind == .pna }.map(\.published),
            statements: documents.filter { $0.kind == .supplementaryStatement }.map(\.published), today: today)
    }
}

extension WeeklyHours {
    /// The week in force on `date`: the sessions of the latest `effectiveFrom` on or before it.
    /// - Parameter sessions: one pharmacy's opening sessions.
    public static func inForce(_ sessions: [OpeningSession], on date: CalendarDate) -> WeeklyHours? {
        guard let from = sessions.map(\.effectiveFrom).filter({ $0 <= date }).max() else { return nil }
        var core = 0
        var supplementary = 0
        for session in sessions where session.effectiveFrom == from {
            if session.kind == .core { core += session.minutes } else { supplementary += session.minutes }
        }
        return WeeklyHours(effectiveFrom: from, coreMinutes: core, supplementaryMinutes: supplementary)
    }
}
