/// Governance records (issue 9): the risk log and the assurance (pre-delegation) criteria, kept with the same
/// template machinery as every local record: CSV template, upload, form with optimistic concurrency, audit trail, API.
extension RecordTemplate {
    public static let governance: [RecordTemplate] = [risks, assuranceCriteria, decisions, engagements, handoverItems]

    private static func scale(_ name: String, _ label: String, _ words: String) -> RecordField {
        RecordField(name, label, .choice(["1", "2", "3", "4", "5"]), help: words)
    }

    private static let likelihoodWords = Likelihood.allCases.map { "\($0.rawValue) \($0.label.lowercased())" }.joined(separator: ", ") + "."
    private static let consequenceWords = Consequence.allCases.map { "\($0.rawValue) \($0.label.lowercased())" }.joined(separator: ", ") + "."

    public static let risks = RecordTemplate(
        id: "risks", table: "risks", title: "Risk log",
        summary: "Risks to delegated commissioning, scored on the NHS 5×5 matrix (likelihood × consequence) before controls, now and "
            + "at target, with owner, controls, mitigations and review date. Inherited risks are category legacy.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's risk reference."),
            RecordField("title", "Risk", .text(maxLength: 200), help: "The risk in a line: cause, event, effect."),
            RecordField(
                "category", "Category", .choice(RiskCategory.allCases.map(\.rawValue)),
                help: RiskCategory.allCases.map(\.rawValue).joined(separator: ", ") + " (legacy: inherited from the previous commissioner)."),
            RecordField("owner", "Owner", .text(maxLength: 200), help: "Who owns the risk."),
            scale("initial_likelihood", "Initial likelihood", likelihoodWords), scale("initial_consequence", "Initial consequence", consequenceWords),
            scale("current_likelihood", "Current likelihood", likelihoodWords), scale("current_consequence", "Current consequence", consequenceWords),
            scale("target_likelihood", "Target likelihood", likelihoodWords), scale("target_consequence", "Target consequence", consequenceWords),
            RecordField("controls", "Controls", .text(maxLength: 1000), required: false, help: "What is in place now."),
            RecordField("mitigations", "Mitigations", .text(maxLength: 1000), required: false, help: "What is planned to reach the target."),
            RecordField("review_date", "Next review", .date, help: "When the risk is next reviewed."),
            RecordField("status", "Status", .choice(["open", "closed"]), help: "open or closed."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true,
        check: { record in (RiskAssessment(record)?.problems ?? []).map { FieldProblem(field: "target_likelihood", reason: $0) } })

    public static let assuranceCriteria = RecordTemplate(
        id: "assurance-criteria", table: "assurance_criteria", title: "Assurance criteria",
        summary: "The pre-delegation assessment and assurance tracker: criteria grouped by domain and principle, each rated red, amber "
            + "or green with evidence, owner and due date. The framework is the ICB's own; NHS England's domain list is unconfirmed.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The criterion's reference."),
            RecordField("domain", "Domain", .text(maxLength: 100), help: "For example Transformation; Governance and Leadership; Finance; Workforce and Capability."),
            RecordField("principle", "Principle", .text(maxLength: 200), help: "The principle the criterion evidences."),
            RecordField("criterion", "Criterion", .text(maxLength: 1000), help: "What must be true."),
            RecordField("rating", "Rating", .choice(RAG.allCases.map(\.rawValue)), required: false, help: "red, amber or green; blank until rated."),
            RecordField("evidence", "Evidence", .text(maxLength: 1000), required: false, help: "Where the evidence is (paper, link)."),
            RecordField("owner", "Owner", .text(maxLength: 200), required: false, help: "Who owns it."),
            RecordField("due_date", "Due", .date, required: false, help: "When it must be green."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true)
}

extension RecordTemplate {
    public static let decisions = RecordTemplate(
        id: "decisions", table: "decisions", title: "Decisions log",
        summary: "Decisions on delegated commissioning: what was decided, the options weighed and why, the committee and date, conflicts "
            + "of interest declared, and the risks, contracts or reinvestment options it concerns.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's decision reference."),
            RecordField("date", "Date", .date, help: "The meeting or decision date."),
            RecordField("committee", "Committee", .text(maxLength: 200), help: "For example Primary Care Commissioning Committee."),
            RecordField("decision", "Decision", .text(maxLength: 1000), help: "What was decided (or is proposed)."),
            RecordField("options", "Options considered", .text(maxLength: 1000), required: false, help: "The options weighed."),
            RecordField("rationale", "Rationale", .text(maxLength: 1000), help: "Why, in the committee's words."),
            RecordField("conflicts", "Conflicts of interest", .text(maxLength: 500), help: "Interests declared and how they were managed, or none."),
            RecordField("linked", "Linked records", .references, required: false,
                        help: "References of the risks, contracts or reinvestment options it concerns, separated by spaces."),
            RecordField("status", "Status", .choice(["proposed", "approved", "rejected", "deferred"]), help: "proposed, approved, rejected or deferred."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true)

    public static let engagements = RecordTemplate(
        id: "engagement", table: "engagements", title: "Engagement log",
        summary: "Meetings and consultations with the local dental, pharmaceutical and optical committees, Healthwatch, Health and "
            + "Wellbeing Boards, providers and patients, with the actions agreed and when they are followed up.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's reference."),
            RecordField("date", "Date", .date, help: "When it took place."),
            RecordField(
                "partner", "With", .choice(["ldc", "lpc", "loc", "healthwatch", "hwb", "local-authority", "provider", "patients", "other"]),
                help: "ldc, lpc, loc (local dental, pharmaceutical, optical committee), healthwatch, hwb, local-authority, provider, patients or other."),
            RecordField("kind", "Kind", .choice(["meeting", "consultation", "correspondence", "event"]), help: "meeting, consultation, correspondence or event."),
            RecordField("subject", "Subject", .text(maxLength: 500), help: "What it was about."),
            RecordField("actions", "Actions", .text(maxLength: 1000), required: false, help: "Actions agreed, with owners."),
            RecordField("follow_up", "Follow up by", .date, required: false, help: "When the actions are followed up."),
            RecordField("status", "Status", .choice(["open", "done"]), help: "open while actions are outstanding, else done."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true,
        check: { record in
            guard let date = record.date("date"), let followUp = record.date("follow_up"), followUp < date else { return [] }
            return [FieldProblem(field: "follow_up", reason: "the follow-up cannot come before the meeting")]
        })

    public static let handoverItems = RecordTemplate(
        id: "handover", table: "handover_items", title: "Handover checklist",
        summary: "What the previous commissioner hands over (contracts, data sets, open disputes, risks, staff knowledge): each item "
            + "with its status and evidence, the \"sender/receiver\" and \"deep dive\" handover.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The item's reference."),
            RecordField("item", "Item", .text(maxLength: 500), help: "What is to be handed over."),
            RecordField("kind", "Kind", .choice(["contracts", "data", "disputes", "risks", "knowledge", "other"]),
                        help: "contracts, data, disputes, risks, knowledge or other."),
            RecordField("sender", "From", .text(maxLength: 200), help: "Who hands it over (for example NHS England South West)."),
            RecordField("status", "Status", .choice(["not-started", "in-progress", "transferred", "not-applicable"]),
                        help: "not-started, in-progress, transferred or not-applicable."),
            RecordField("evidence", "Evidence", .text(maxLength: 1000), required: false, help: "Where the evidence of transfer is."),
            RecordField("due_date", "Due", .date, required: false, help: "When it must be transferred."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true)
}

/// What a risk is about, for filtering the log.
public enum RiskCategory: String, Sendable, Hashable, CaseIterable {
    case dental, pharmacy, optometry, finance, workforce, governance, data, legacy, other
}

extension RiskAssessment {
    /// Reads a record of ``RecordTemplate/risks``; `nil` when a rating is missing.
    public init?(_ record: FieldValues) {
        func rating(_ prefix: String) -> RiskRating? {
            guard let l = record.text("\(prefix)_likelihood").flatMap(Int.init).flatMap(Likelihood.init),
                  let c = record.text("\(prefix)_consequence").flatMap(Int.init).flatMap(Consequence.init) else { return nil }
            return RiskRating(l, c)
        }
        guard let initial = rating("initial"), let current = rating("current"), let target = rating("target"),
              let review = record.date("review_date") else { return nil }
        self.init(initial: initial, current: current, target: target, reviewDue: review, isOpen: record.text("status") != "closed")
    }
}

extension AssuranceCriterion {
    /// Reads a record of ``RecordTemplate/assuranceCriteria``.
    public init?(_ record: FieldValues) {
        guard let domain = record.text("domain"), let principle = record.text("principle"), let criterion = record.text("criterion") else { return nil }
        self.init(domain: domain, principle: principle, criterion: criterion, rating: record.text("rating").flatMap(RAG.init), due: record.date("due_date"))
    }
}
