/// Governance records: the risk log and the assurance (pre-delegation) criteria, kept with the same
/// template machinery as every local record: CSV template, upload, form with optimistic concurrency, audit trail, API.
extension RecordTemplate {
    public static let governance: [RecordTemplate] = [
        delegations, delegatedFunctions, risks, assuranceCriteria, decisions, engagements, handoverItems,
        transformation,
    ]

    private static func scale(_ name: String, _ label: String, _ words: String) -> RecordField {
        RecordField(name, label, .choice(["1", "2", "3", "4", "5"]), help: words)
    }

    private static let likelihoodWords =
        Likelihood.allCases.map { "\($0.rawValue) \($0.label.lowercased())" }.joined(separator: ", ") + "."
    private static let consequenceWords =
        Consequence.allCases.map { "\($0.rawValue) \($0.label.lowercased())" }.joined(separator: ", ") + "."

    public static let risks = RecordTemplate(
        id: "risks", table: "risks", title: "Risk log",
        summary:
            "Risks to delegated commissioning, scored on the NHS 5×5 matrix (likelihood × consequence) before controls, now and "
            + "at target, with owner, controls, mitigations and review date. Inherited risks are category legacy.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's risk reference."),
            RecordField("title", "Risk", .text(maxLength: 200), help: "The risk in a line: cause, event, effect."),
            RecordField(
                "category", "Category", .choice(RiskCategory.allCases.map(\.rawValue)),
                help: RiskCategory.allCases.map(\.rawValue).joined(separator: ", ")
                    + " (legacy: inherited from the previous commissioner)."),
            RecordField("owner", "Owner", .text(maxLength: 200), help: "Who owns the risk."),
            scale("initial_likelihood", "Initial likelihood", likelihoodWords),
            scale("initial_consequence", "Initial consequence", consequenceWords),
            scale("current_likelihood", "Current likelihood", likelihoodWords),
            scale("current_consequence", "Current consequence", consequenceWords),
            scale("target_likelihood", "Target likelihood", likelihoodWords),
            scale("target_consequence", "Target consequence", consequenceWords),
            RecordField("controls", "Controls", .text(maxLength: 1000), required: false, help: "What is in place now."),
            RecordField(
                "mitigations", "Mitigations", .text(maxLength: 1000), required: false,
                help: "What is planned to reach the target."),
            RecordField(
                "evidence", "Live evidence", .text(maxLength: 300), required: false,
                help:
                    "What the risk rests on, shown with its current value: contract:NUMBER (projected year-end delivery and clawback), "
                    + "spc:delivery, spc:adults-seen or spc:children-seen, access:adults or access:children (people not seen), "
                    + "pharmacy:ODS (closures), warning:NUMBER or warning:ODS (a provider's early-warning score); separated by spaces."
            ),
            RecordField("review_date", "Next review", .date, help: "When the risk is next reviewed."),
            RecordField("status", "Status", .choice(["open", "closed"]), help: "open or closed."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            (RiskAssessment(record)?.problems ?? []).map { FieldProblem(field: "target_likelihood", reason: $0) }
                + EvidenceCitation.parseAll(record.text("evidence") ?? "").problems.map {
                    FieldProblem(field: "evidence", reason: $0.description)
                }
        })

    public static let assuranceCriteria = RecordTemplate(
        id: "assurance-criteria", table: "assurance_criteria", title: "Assurance criteria",
        summary:
            "The pre-delegation assessment and assurance tracker: criteria grouped by domain and principle, each rated red, amber "
            + "or green with evidence, owner and due date. The framework is the ICB's own; NHS England's domain list is unconfirmed.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The criterion's reference."),
            RecordField(
                "domain", "Domain", .text(maxLength: 100),
                help: "For example Transformation; Governance and Leadership; Finance; Workforce and Capability."),
            RecordField(
                "principle", "Principle", .text(maxLength: 200), help: "The principle the criterion evidences."),
            RecordField("criterion", "Criterion", .text(maxLength: 1000), help: "What must be true."),
            RecordField(
                "rating", "Rating", .choice(RAG.allCases.map(\.rawValue)), required: false,
                help: "red, amber or green; blank until rated."),
            RecordField(
                "evidence", "Evidence", .text(maxLength: 1000), required: false,
                help: "Where the evidence is (paper, link)."),
            RecordField("owner", "Owner", .text(maxLength: 200), required: false, help: "Who owns it."),
            RecordField("due_date", "Due", .date, required: false, help: "When it must be green."),
        ],
        key: ["reference"], scope: .enteringICB)
}

extension RecordTemplate {
    public static let decisions = RecordTemplate(
        id: "decisions", table: "decisions", title: "Decisions log",
        summary:
            "Decisions on delegated commissioning: what was decided, the options weighed and why, the committee and date, conflicts "
            + "of interest declared, and the risks, contracts or reinvestment options it concerns.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's decision reference."),
            RecordField("date", "Date", .date, help: "The meeting or decision date."),
            RecordField(
                "committee", "Committee", .text(maxLength: 200),
                help: "For example Primary Care Commissioning Committee."),
            RecordField("decision", "Decision", .text(maxLength: 1000), help: "What was decided (or is proposed)."),
            RecordField(
                "options", "Options considered", .text(maxLength: 1000), required: false, help: "The options weighed."),
            RecordField("rationale", "Rationale", .text(maxLength: 1000), help: "Why, in the committee's words."),
            RecordField(
                "conflicts", "Conflicts of interest", .text(maxLength: 500),
                help: "Interests declared and how they were managed, or none."),
            RecordField(
                "linked", "Linked records", .references, required: false,
                help: "References of the risks, contracts or reinvestment options it concerns, separated by spaces."),
            RecordField(
                "status", "Status", .choice(["proposed", "approved", "rejected", "deferred"]),
                help: "proposed, approved, rejected or deferred."),
        ],
        key: ["reference"], scope: .enteringICB)

    public static let engagements = RecordTemplate(
        id: "engagement", table: "engagements", title: "Engagement log",
        summary:
            "Meetings and consultations with the local dental, pharmaceutical and optical committees, Healthwatch, Health and "
            + "Wellbeing Boards, providers and patients, with the actions agreed and when they are followed up.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's reference."),
            RecordField("date", "Date", .date, help: "When it took place."),
            RecordField(
                "partner", "With",
                .choice(["ldc", "lpc", "loc", "healthwatch", "hwb", "local-authority", "provider", "patients", "other"]
                ),
                help:
                    "ldc, lpc, loc (local dental, pharmaceutical, optical committee), healthwatch, hwb, local-authority, provider, patients or other."
            ),
            RecordField(
                "kind", "Kind", .choice(["meeting", "consultation", "correspondence", "event"]),
                help: "meeting, consultation, correspondence or event."),
            RecordField("subject", "Subject", .text(maxLength: 500), help: "What it was about."),
            RecordField(
                "actions", "Actions", .text(maxLength: 1000), required: false, help: "Actions agreed, with owners."),
            RecordField("follow_up", "Follow up by", .date, required: false, help: "When the actions are followed up."),
            RecordField(
                "status", "Status", .choice(["open", "done"]), help: "open while actions are outstanding, else done."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            guard let date = record.date("date"), let followUp = record.date("follow_up"), followUp < date else {
                return []
            }
            return [FieldProblem(field: "follow_up", reason: "the follow-up cannot come before the meeting")]
        })

    public static let handoverItems = RecordTemplate(
        id: "handover", table: "handover_items", title: "Handover checklist",
        summary:
            "What the previous commissioner hands over (contracts, data sets, open disputes, risks, staff knowledge): each item "
            + "with its status and evidence, the \"sender/receiver\" and \"deep dive\" handover.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The item's reference."),
            RecordField("item", "Item", .text(maxLength: 500), help: "What is to be handed over."),
            RecordField(
                "kind", "Kind", .choice(["contracts", "data", "disputes", "risks", "knowledge", "other"]),
                help: "contracts, data, disputes, risks, knowledge or other."),
            RecordField(
                "sender", "From", .text(maxLength: 200), help: "Who hands it over (for example NHS England South West)."
            ),
            RecordField(
                "status", "Status", .choice(["not-started", "in-progress", "transferred", "not-applicable"]),
                help: "not-started, in-progress, transferred or not-applicable."),
            RecordField(
                "evidence", "Evidence", .text(maxLength: 1000), required: false,
                help: "Where the evidence of transfer is."),
            RecordField("due_date", "Due", .date, required: false, help: "When it must be transferred."),
        ],
        key: ["reference"], scope: .enteringICB)
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
                let c = record.text("\(prefix)_consequence").flatMap(Int.init).flatMap(Consequence.init)
            else { return nil }
            return RiskRating(l, c)
        }
        guard let initial = rating("initial"), let current = rating("current"), let target = rating("target"),
            let review = record.date("review_date")
        else { return nil }
        self.init(
            initial: initial, current: current, target: target, reviewDue: review,
            isOpen: record.text("status") != "closed")
    }
}

extension AssuranceCriterion: LocalRecord {
    public static let template = RecordTemplate.assuranceCriteria

    /// Reads a record of ``RecordTemplate/assuranceCriteria``.
    public init?(_ record: FieldValues) {
        guard let domain = record.text("domain"), let principle = record.text("principle"),
            let criterion = record.text("criterion")
        else { return nil }
        self.init(
            domain: domain, principle: principle, criterion: criterion, rating: record.text("rating").flatMap(RAG.init),
            due: record.date("due_date"))
    }
}

extension RecordTemplate {
    private static func endsAfterStart(_ start: String, _ end: String) -> @Sendable (FieldValues) -> [FieldProblem] {
        { record in
            guard let from = record.date(start), let to = record.date(end), to < from else { return [] }
            return [FieldProblem(field: end, reason: "the end cannot come before the start")]
        }
    }

    public static let delegations = RecordTemplate(
        id: "delegations", table: "delegations", title: "Delegation register",
        summary:
            "Who commissions each service for the ICB's population, from when: retained by NHS England, a joint committee, or "
            + "delegated to the ICB; the phase, the host organisation and the ICBs a hosted team serves. Seeded from NHS England's "
            + "published timeline; rows marked unconfirmed need checking against the ICB's delegation agreement.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The row's reference."),
            RecordField(
                "service", "Service", .choice(DelegatedService.allCases.map(\.rawValue)),
                help: DelegatedService.allCases.map { "\($0.rawValue) (\($0.label.lowercased()))" }.joined(
                    separator: ", ") + "."),
            RecordField(
                "service_name", "Service name", .text(maxLength: 200),
                help: "The service, or which specialised services the row covers."),
            RecordField(
                "status", "Status", .choice(DelegationStatus.allCases.map(\.rawValue)),
                help: "retained (by NHS England), joint-committee or delegated."),
            RecordField("effective_from", "From", .date, help: "The first day the status applies."),
            RecordField("effective_to", "To", .date, required: false, help: "The last day, or blank while in force."),
            RecordField("phase", "Phase", .text(maxLength: 300), help: "Which wave of delegation, in words."),
            RecordField(
                "host", "Host organisation", .text(maxLength: 300), required: false,
                help: "Whose team does the work, if hosted."),
            RecordField(
                "icbs_served", "ICBs served", .references, required: false,
                help:
                    "ODS codes of the ICBs the hosted team serves, separated by spaces (each contract still belongs to one ICB)."
            ),
            RecordField(
                "confidence", "Confirmed", .choice(Confidence.allCases.map(\.rawValue)),
                help: "confirmed or unconfirmed."),
            RecordField(
                "sourced_from", "Source", .text(maxLength: 500), required: false, help: "Where this comes from."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            endsAfterStart("effective_from", "effective_to")(record)
                + (record.text("icbs_served") ?? "").split(separator: " ").filter { ICBCode(String($0)) == nil }
                .map {
                    FieldProblem(
                        field: "icbs_served", reason: "\"\($0)\" is not an ICB ODS code (\(ICBCodeKind.format))")
                }
        })

    public static let delegatedFunctions = RecordTemplate(
        id: "delegated-functions", table: "delegated_functions", title: "Delegated and reserved functions",
        summary:
            "The functions the delegation agreement gives the ICB and those NHS England reserves. Seeded with the commonly "
            + "understood split, every line unconfirmed until checked against the ICB's own agreement.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The function's reference."),
            RecordField("function", "Function", .text(maxLength: 500), help: "The function, in the agreement's words."),
            RecordField(
                "arrangement", "Arrangement", .choice(DelegatedFunction.Arrangement.allCases.map(\.rawValue)),
                help: "delegated or reserved."),
            RecordField(
                "confidence", "Confirmed", .choice(Confidence.allCases.map(\.rawValue)),
                help: "confirmed (checked against the agreement) or unconfirmed."),
            RecordField("sourced_from", "Source", .text(maxLength: 500), required: false, help: "The clause or paper."),
        ],
        key: ["reference"], scope: .enteringICB)

    public static let transformation = RecordTemplate(
        id: "transformation", table: "transformation_programmes", title: "Transformation programmes and pilots",
        summary:
            "Programmes, pilots and efficiency schemes: objective, the measure watched with SPC and its baseline, the benefit "
            + "expected on each dimension of the triple aim (population health, quality, value for money), cost, savings, status "
            + "and evaluation.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The programme's reference."),
            RecordField("name", "Programme or pilot", .text(maxLength: 200), help: "Its name."),
            RecordField(
                "kind", "Kind", .choice(["programme", "pilot", "efficiency"]),
                help: "programme, pilot or efficiency (a savings scheme)."),
            RecordField("objective", "Objective", .text(maxLength: 1000), help: "What it sets out to change."),
            RecordField(
                "measure", "Measure", .choice(EvidenceCitation.Measure.allCases.map(\.rawValue)), required: false,
                help: "The ICB measure charted with SPC: "
                    + EvidenceCitation.Measure.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            RecordField(
                "baseline", "Baseline", .text(maxLength: 200), required: false,
                help: "Where the measure stood at the start, in words and figures."),
            RecordField(
                "population_health", "Population health benefit", .text(maxLength: 500), required: false,
                help: "Triple aim: population health."),
            RecordField(
                "quality", "Quality benefit", .text(maxLength: 500), required: false,
                help: "Triple aim: quality of care."),
            RecordField(
                "value", "Value for money benefit", .text(maxLength: 500), required: false,
                help: "Triple aim: value for money."),
            RecordField("cost", "Cost", .pounds, required: false, help: "What it costs, in pounds."),
            RecordField(
                "savings", "Savings", .pounds, required: false,
                help: "Savings expected (efficiency schemes), in pounds."),
            RecordField("start", "Start", .date, help: "When it started or starts."),
            RecordField("end", "End", .date, required: false, help: "When it ends."),
            RecordField(
                "status", "Status", .choice(["planned", "running", "evaluating", "complete", "stopped"]),
                help: "planned, running, evaluating, complete or stopped."),
            RecordField(
                "evaluation", "Evaluation", .text(maxLength: 1000), required: false,
                help: "What the evaluation found, or how it will be evaluated."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            let benefits = ["population_health", "quality", "value"].compactMap { record.text($0) }.filter {
                !$0.isEmpty
            }
            return endsAfterStart("start", "end")(record)
                + (benefits.isEmpty
                    ? [
                        FieldProblem(
                            field: "population_health",
                            reason: "state the benefit on at least one dimension of the triple aim")
                    ] : [])
        })
}

extension DelegationEntry: LocalRecord {
    public static let template = RecordTemplate.delegations

    /// Reads a record of ``RecordTemplate/delegations``.
    public init?(_ record: FieldValues) {
        guard let reference = record.text("reference"),
            let service = record.text("service").flatMap(DelegatedService.init),
            let status = record.text("status").flatMap(DelegationStatus.init), let from = record.date("effective_from")
        else { return nil }
        self.init(
            reference: reference, service: service, serviceName: record.text("service_name") ?? service.label,
            status: status, from: from,
            to: record.date("effective_to"), phase: record.text("phase") ?? "", host: record.text("host") ?? "",
            icbsServed: (record.text("icbs_served") ?? "").split(separator: " ").map(String.init),
            confidence: record.text("confidence").flatMap(Confidence.init) ?? .unconfirmed,
            source: record.text("sourced_from") ?? "")
    }

    /// The record's cells, for seeding the register.
    public var cells: [String: String] {
        [
            "reference": reference, "service": service.rawValue, "service_name": serviceName, "status": status.rawValue,
            "effective_from": from.iso,
            "effective_to": to?.iso ?? "", "phase": phase, "host": host,
            "icbs_served": icbsServed.joined(separator: " "),
            "confidence": confidence.rawValue, "sourced_from": source,
        ]
    }
}

extension DelegatedFunction: LocalRecord {
    public static let template = RecordTemplate.delegatedFunctions

    /// Reads a record of ``RecordTemplate/delegatedFunctions``.
    public init?(_ record: FieldValues) {
        guard let reference = record.text("reference"), let function = record.text("function"),
            let arrangement = record.text("arrangement").flatMap(Arrangement.init),
            let confidence = record.text("confidence").flatMap(Confidence.init)
        else { return nil }
        self.init(
            reference: reference, function: function, arrangement: arrangement, confidence: confidence,
            source: record.text("sourced_from") ?? "")
    }

    public var cells: [String: String] {
        [
            "reference": reference, "function": function, "arrangement": arrangement.rawValue,
            "confidence": confidence.rawValue, "sourced_from": source,
        ]
    }
}

extension AssuranceFramework.Criterion {
    /// The record's cells, unrated.
    public var cells: [String: String] {
        [
            "reference": reference, "domain": domain, "principle": principle, "criterion": criterion, "rating": "",
            "evidence": "", "owner": "", "due_date": "",
        ]
    }
}
