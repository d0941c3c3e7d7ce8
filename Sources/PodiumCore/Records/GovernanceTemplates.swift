/// Governance records (issue 9): the risk log and the assurance (pre-delegation) criteria, kept with the same
/// template machinery as every local record: CSV template, upload, form with optimistic concurrency, audit trail, API.
extension RecordTemplate {
    public static let governance: [RecordTemplate] = [risks, assuranceCriteria]

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
