/// The governance templates' records, typed (see ``LocalRecord``).

/// A risk in the risk log, scored on the NHS 5×5 matrix, with the live evidence it cites (``RecordTemplate/risks``).
public struct RiskEntry: LocalRecord, Hashable {
    public static let template = RecordTemplate.risks

    public var reference: String
    public var title: String
    public var category: RiskCategory
    public var owner: String
    public var assessment: RiskAssessment
    public var controls: String?
    public var mitigations: String?
    /// The citations, as written (`contract:1234567890 spc:delivery`).
    public var evidence: [EvidenceCitation]

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"),
            let category = values.text("category").flatMap(RiskCategory.init),
            let assessment = RiskAssessment(values)
        else { return nil }
        self.reference = reference
        title = values.text("title") ?? ""
        self.category = category
        owner = values.text("owner") ?? ""
        self.assessment = assessment
        controls = values.text("controls")
        mitigations = values.text("mitigations")
        evidence = EvidenceCitation.parseAll(values.text("evidence") ?? "").citations
    }

    /// Whether the risk cites a provider's early-warning score.
    public var citesWarning: Bool { evidence.contains { if case .warning = $0 { true } else { false } } }
}

/// A decision on delegated commissioning, with its rationale (``RecordTemplate/decisions``).
public struct DecisionEntry: LocalRecord, Hashable {
    public static let template = RecordTemplate.decisions

    public enum Status: String, Sendable, Hashable { case proposed, approved, rejected, deferred }

    public var reference: String
    public var date: CalendarDate
    public var committee: String
    public var decision: String
    public var options: String?
    public var rationale: String
    public var conflicts: String
    /// References of the risks, contracts or reinvestment options it concerns.
    public var linked: [String]
    public var status: Status

    /// Still to be taken: proposed or deferred.
    public var isDue: Bool { status == .proposed || status == .deferred }

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"), let date = values.date("date"),
            let status = values.text("status").flatMap(Status.init)
        else { return nil }
        self.reference = reference
        self.date = date
        committee = values.text("committee") ?? ""
        decision = values.text("decision") ?? ""
        options = values.text("options")
        rationale = values.text("rationale") ?? ""
        conflicts = values.text("conflicts") ?? ""
        linked = (values.text("linked") ?? "").split(separator: " ").map(String.init)
        self.status = status
    }
}

/// A meeting or consultation with a local committee, Healthwatch or others, and its actions (``RecordTemplate/engagements``).
public struct EngagementEntry: LocalRecord, Hashable {
    public static let template = RecordTemplate.engagements

    public var reference: String
    public var date: CalendarDate
    /// ldc, lpc, loc, healthwatch, hwb, local-authority, provider, patients or other.
    public var partner: String
    public var kind: String
    public var subject: String
    public var actions: String?
    public var followUp: CalendarDate?
    public var isOpen: Bool

    /// Open, with its follow-up date passed.
    public func isFollowUpOverdue(on today: CalendarDate) -> Bool { isOpen && (followUp.map { $0 < today } ?? false) }

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"), let date = values.date("date") else { return nil }
        self.reference = reference
        self.date = date
        partner = values.text("partner") ?? "other"
        kind = values.text("kind") ?? ""
        subject = values.text("subject") ?? ""
        actions = values.text("actions")
        followUp = values.date("follow_up")
        isOpen = values.text("status") == "open"
    }
}

/// An item the previous commissioner hands over (``RecordTemplate/handoverItems``).
public struct HandoverItem: LocalRecord, Hashable {
    public static let template = RecordTemplate.handoverItems

    public enum Status: String, Sendable, Hashable {
        case notStarted = "not-started"
        case inProgress = "in-progress"
        case transferred
        case notApplicable = "not-applicable"
    }

    public var reference: String
    public var item: String
    public var kind: String
    public var sender: String
    public var status: Status
    public var evidence: String?
    public var due: CalendarDate?

    /// Neither transferred nor ruled out.
    public var isOutstanding: Bool { status != .transferred && status != .notApplicable }

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"), let status = values.text("status").flatMap(Status.init) else {
            return nil
        }
        self.reference = reference
        item = values.text("item") ?? ""
        kind = values.text("kind") ?? ""
        sender = values.text("sender") ?? ""
        self.status = status
        evidence = values.text("evidence")
        due = values.date("due_date")
    }
}

/// A transformation programme, pilot or efficiency scheme against the triple aim (``RecordTemplate/transformation``).
public struct TransformationProgramme: LocalRecord, Hashable {
    public static let template = RecordTemplate.transformation

    public var reference: String
    public var name: String
    /// programme, pilot or efficiency.
    public var kind: String
    public var objective: String
    /// The ICB measure it is watched with.
    public var measure: EvidenceCitation.Measure?
    public var baseline: String?
    public var populationHealth: String?
    public var quality: String?
    public var value: String?
    public var cost: Money?
    public var savings: Money?
    public var start: CalendarDate
    public var end: CalendarDate?
    /// planned, running, evaluating, complete or stopped.
    public var status: String
    public var evaluation: String?

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"), let start = values.date("start") else { return nil }
        self.reference = reference
        name = values.text("name") ?? ""
        kind = values.text("kind") ?? ""
        objective = values.text("objective") ?? ""
        measure = values.text("measure").flatMap(EvidenceCitation.Measure.init)
        baseline = values.text("baseline")
        populationHealth = values.text("population_health")
        quality = values.text("quality")
        value = values.text("value")
        cost = values.money("cost")
        savings = values.money("savings")
        self.start = start
        end = values.date("end")
        status = values.text("status") ?? ""
        evaluation = values.text("evaluation")
    }
}
