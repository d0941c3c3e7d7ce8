import PodiumCore
import PodiumData

/// An ICB's governance: delegation register, functions, risk log, assurance, decisions, engagement, handover and
/// transformation, read through Core's scoring, roll-up and timeline.
enum Governance {
    struct Model: Sendable {
        struct Risk: Sendable {
            var entry: RiskEntry
            var evidence: [LiveEvidence]

            var reference: String { entry.reference }
            var title: String { entry.title }
            var category: String { entry.category.rawValue }
            var owner: String { entry.owner }
            var assessment: RiskAssessment { entry.assessment }
        }

        var icb: ICB
        var today: CalendarDate
        var risks: [Risk]
        var readiness: ReadinessRollUp?
        /// Every register row, earliest first, and the row in force today for each service.
        var register: [DelegationEntry]
        var inForce: [DelegationEntry]
        var functions: [DelegatedFunction]
        var decisions: [DecisionEntry]
        var engagements: [EngagementEntry]
        var handover: [HandoverItem]
        var programmes: [TransformationProgramme]
        /// Changes to criteria ratings, newest first, from the audit trail.
        var ratingHistory: [RecordChange]
        /// The ICB's SPC measures that risks and programmes can cite; empty before dental activity is imported.
        var measures: [EvidenceCitation.Measure: SPCMeasure]
        /// Every log, in the order the page shows them.
        var records: [ICBRecords]

        var heatMap: RiskHeatMap { RiskHeatMap(risks.map(\.assessment)) }
        var overdue: [Risk] { risks.filter { $0.assessment.isOverdue(on: today) } }
        /// Engagement actions still open whose follow-up date has passed.
        var followUpsOverdue: Int { engagements.filter { $0.isFollowUpOverdue(on: today) }.count }
        /// Handover items neither transferred nor ruled out.
        var handoverOutstanding: Int { handover.filter(\.isOutstanding).count }
        /// Decisions still to be taken: proposed or deferred.
        var decisionsDue: [DecisionEntry] { decisions.filter(\.isDue) }
        var hasExamples: Bool { records.contains(where: \.hasExamples) }
        /// Extreme and high risks together (a current score in the high band or above).
        var graveRisks: Int { heatMap.total(.extreme) + heatMap.total(.high) }

        /// A risk's state in words: closed, review overdue, above target or at target.
        func state(of risk: Risk) -> String {
            !risk.assessment.isOpen
                ? "closed"
                : risk.assessment.isOverdue(on: today)
                    ? "review overdue" : risk.assessment.isAboveTarget ? "above target" : "at target"
        }

        /// A programme's measure now, in words.
        func latest(of programme: TransformationProgramme) -> String {
            guard let id = programme.measure else { return "" }
            return measures[id]?.latestWords ?? "\(id.rawValue): no data yet"
        }

        static func query(_ context: QueryContext, icb code: ICBCode) async throws -> Model {
            try await query(
                context, icb: code, dental: try await DentalPosition.Model.queryIfImported(context, icb: code))
        }

        static func query(_ context: QueryContext, icb code: ICBCode, dental: DentalPosition.Model?) async throws
            -> Model
        {
            let icb = try await context.openData.requireICB(code)
            func records(_ template: RecordTemplate) async throws -> ICBRecords {
                try await ICBRecords.query(context, template, icb: code)
            }
            let delegations = try await records(.delegations)
            let functions = try await records(.delegatedFunctions)
            let riskLog = try await records(.risks)
            let criteria = try await records(.assuranceCriteria)
            let decisions = try await records(.decisions)
            let engagements = try await records(.engagements)
            let handover = try await records(.handoverItems)
            let transformation = try await records(.transformation)
            let measures = dental.map(EvidenceResolver.measures) ?? [:]
            let entries = riskLog.items(RiskEntry.self)
            // Early-warning scores are worked out only when a risk cites one.
            var warnings: [String: ProviderWarning] = [:]
            if entries.contains(where: \.citesWarning) {
                let list = try await ProvidersAtRisk.Model.query(context, icb: code, month: nil, trend: false)
                for risk in list.dental { warnings[risk.contract.rawValue] = risk.warning }
                for risk in list.pharmacies { warnings[risk.pharmacy.rawValue] = risk.warning }
            }
            let evidence = EvidenceResolver(
                dental: dental, measures: measures,
                closures: try await records(.pharmacyClosures).items(PharmacyClosure.self),
                warnings: warnings)
            var risks: [Risk] = []
            for entry in entries {
                var cited: [LiveEvidence] = []
                for citation in entry.evidence {
                    cited.append(
                        try await evidence.resolve(
                            citation, organisations: OrganisationStore(database: context.database)))
                }
                risks.append(Risk(entry: entry, evidence: cited))
            }
            // Gravest first, as a committee reads a log.
            risks.sort { ($1.assessment.current, $0.reference) < ($0.assessment.current, $1.reference) }
            let register = delegations.items(DelegationEntry.self).sorted {
                ($0.from, $0.reference) < ($1.from, $1.reference)
            }
            let history = try await RecordChangeStore(database: context.database).changes(.assuranceCriteria, icb: code)
                .filter { change in change.fields.contains { $0.field == "rating" } }
            return Model(
                icb: icb, today: context.today, risks: risks,
                readiness: ReadinessRollUp.of(criteria.items(AssuranceCriterion.self)),
                register: register, inForce: DelegationTimeline.current(register, on: context.today),
                functions: functions.items(DelegatedFunction.self)
                    .sorted { ($0.arrangement.rawValue, $0.reference) < ($1.arrangement.rawValue, $1.reference) },
                decisions: decisions.items(DecisionEntry.self), engagements: engagements.items(EngagementEntry.self),
                handover: handover.items(HandoverItem.self),
                programmes: transformation.items(TransformationProgramme.self),
                ratingHistory: history, measures: measures,
                records: [delegations, functions, riskLog, criteria, decisions, engagements, handover, transformation])
        }
    }
}
