import PodiumCore
import PodiumData

/// A risk's cited evidence with its current value, worked out from live data when the page is built.
struct LiveEvidence: Sendable {
    var citation: EvidenceCitation
    var value: String
    var link: String?
}

/// An ICB's governance (issue 9): delegation register, functions, risk log, assurance, decisions, engagement, handover
/// and transformation, read through Core's scoring, roll-up and timeline.
struct GovernanceOverview: Sendable {
    struct Risk: Sendable {
        var reference: String
        var title: String
        var category: String
        var owner: String
        var assessment: RiskAssessment
        var evidence: [LiveEvidence]
    }

    var icb: ICB
    var today: CalendarDate
    var risks: [Risk]
    var readiness: ReadinessRollUp?
    /// Every register row, earliest first, and the row in force today for each service.
    var register: [DelegationEntry]
    var inForce: [DelegationEntry]
    /// Changes to criteria ratings, newest first, from the audit trail.
    var ratingHistory: [RecordChange]
    /// The ICB's SPC measures that risks and programmes can cite; empty before dental activity is imported.
    var measures: [EvidenceCitation.Measure: SPCMeasure]
    var delegations: ICBRecords, functions: ICBRecords, riskLog: ICBRecords, criteria: ICBRecords, decisions: ICBRecords
    var engagements: ICBRecords, handover: ICBRecords, transformation: ICBRecords

    /// Every log, in the order the page shows them.
    var records: [ICBRecords] { [delegations, functions, riskLog, criteria, decisions, engagements, handover, transformation] }

    var heatMap: RiskHeatMap { RiskHeatMap(risks.map(\.assessment)) }
    var overdue: [Risk] { risks.filter { $0.assessment.isOverdue(on: today) } }
    /// Engagement actions still open whose follow-up date has passed.
    var followUpsOverdue: Int {
        engagements.values.filter { $0.text("status") == "open" && ($0.date("follow_up").map { $0 < today } ?? false) }.count
    }
    /// Handover items neither transferred nor ruled out.
    var handoverOutstanding: Int { handover.values.filter { !["transferred", "not-applicable"].contains($0.text("status") ?? "") }.count }
    /// Decisions still to be taken: proposed or deferred.
    var decisionsDue: [FieldValues] { decisions.values.filter { ["proposed", "deferred"].contains($0.text("status") ?? "") } }
}

extension Workbench {
    func governance(of code: ICBCode, today: CalendarDate) async throws -> GovernanceOverview {
        try await governance(of: code, today: today, dental: try await dentalPositionIfImported(of: code))
    }

    /// The ICB's dental position, or `nil` before any dental activity is imported (governance pages still work then).
    func dentalPositionIfImported(of code: ICBCode) async throws -> ICBDentalPosition? {
        do {
            return try await dentalPosition(of: code, choices: PositionChoices())
        } catch WebError.notFound(code: "financial_year_not_found", message: _) {
            return nil
        }
    }

    func governance(of code: ICBCode, today: CalendarDate, dental: ICBDentalPosition?) async throws -> GovernanceOverview {
        let icb = try await requireICB(code)
        let risks = try await records(.risks, of: code), criteria = try await records(.assuranceCriteria, of: code)
        let delegations = try await records(.delegations, of: code)
        let measures = dental.map(Self.measures) ?? [:]
        // Early-warning scores are worked out only when a risk cites one (issue 11).
        let citesWarning = risks.values.contains { EvidenceCitation.parseAll($0.text("evidence") ?? "").citations.contains { if case .warning = $0 { true } else { false } } }
        var warnings: [String: ProviderWarning] = [:]
        if citesWarning {
            let list = try await providersAtRisk(of: code, month: nil, today: today, trend: false)
            for risk in list.dental { warnings[risk.contract.rawValue] = risk.warning }
            for risk in list.pharmacies { warnings[risk.pharmacy.rawValue] = risk.warning }
        }
        let evidence = EvidenceResolver(
            dental: dental, measures: measures, closures: try await records(.pharmacyClosures, of: code).values, warnings: warnings)
        var rows: [GovernanceOverview.Risk] = []
        for values in risks.values {
            guard let assessment = RiskAssessment(values) else { continue }
            var cited: [LiveEvidence] = []
            for citation in EvidenceCitation.parseAll(values.text("evidence") ?? "").citations {
                cited.append(try await evidence.resolve(citation, organisations: OrganisationStore(database: database)))
            }
            rows.append(GovernanceOverview.Risk(
                reference: values.text("reference") ?? "", title: values.text("title") ?? "", category: values.text("category") ?? "",
                owner: values.text("owner") ?? "", assessment: assessment, evidence: cited))
        }
        // Gravest first, as a committee reads a log.
        rows.sort { ($1.assessment.current, $0.reference) < ($0.assessment.current, $1.reference) }
        let register = delegations.values.compactMap(DelegationEntry.init).sorted { ($0.from, $0.reference) < ($1.from, $1.reference) }
        let history = try await RecordChangeStore(database: database).changes(.assuranceCriteria, icb: code)
            .filter { change in change.fields.contains { $0.field == "rating" } }
        return GovernanceOverview(
            icb: icb, today: today, risks: rows, readiness: ReadinessRollUp.of(criteria.values.compactMap(AssuranceCriterion.init)),
            register: register, inForce: DelegationTimeline.current(register, on: today), ratingHistory: history, measures: measures,
            delegations: delegations, functions: try await records(.delegatedFunctions, of: code), riskLog: risks, criteria: criteria,
            decisions: try await records(.decisions, of: code), engagements: try await records(.engagements, of: code),
            handover: try await records(.handoverItems, of: code), transformation: try await records(.transformation, of: code))
    }

    static func measures(_ dental: ICBDentalPosition) -> [EvidenceCitation.Measure: SPCMeasure] {
        var measures: [EvidenceCitation.Measure: SPCMeasure] = [
            .delivery: SPCMeasures.portfolioDelivery(dental.portfolio, link: PodiumRoute.dentalPosition(dental.icb.code).path),
        ]
        if let population = dental.population {
            for measure in SPCMeasures.patientsSeen(dental.years, coverage: dental.coverage, population: population) {
                if let id = EvidenceCitation.Measure(rawValue: measure.id) { measures[id] = measure }
            }
        }
        return measures
    }
}

/// Works out each citation's current value in plain words.
struct EvidenceResolver: Sendable {
    var dental: ICBDentalPosition?
    var measures: [EvidenceCitation.Measure: SPCMeasure]
    var closures: [FieldValues]
    /// Early-warning scores of the ICB's providers, by contract number or pharmacy code (only when a risk cites one).
    var warnings: [String: ProviderWarning] = [:]

    func resolve(_ citation: EvidenceCitation, organisations: OrganisationStore) async throws -> LiveEvidence {
        switch citation {
        case .contract(let number):
            guard let position = dental?.portfolio.contracts.first(where: { $0.contract == number }) else {
                return LiveEvidence(citation: citation, value: "not among the ICB's dental contracts in the latest year", link: nil)
            }
            let value = position.projected.map { result in
                "projected year-end \(result.achievement.percentText ?? "–") of target (band \(result.band.label(result.rules))), clawback \(result.clawback.formatted)"
            } ?? "no year-end projection: not in the latest month's data"
            return LiveEvidence(citation: citation, value: value + ", data to \(position.latest.month.label)", link: PodiumRoute.dentalContract(number).path)
        case .spc(let id):
            guard let measure = measures[id], let words = measure.latestWords else { return LiveEvidence(citation: citation, value: "no data yet", link: nil) }
            return LiveEvidence(citation: citation, value: words, link: measure.link ?? dental.map { PodiumRoute.dentalPosition($0.icb.code).path })
        case .access(let group):
            guard let dental, let population = dental.population, let month = dental.coverage.monthsPresent.last else {
                return LiveEvidence(citation: citation, value: "needs dental activity and population", link: nil)
            }
            let months = dental.years.flatMap(\.months).filter { $0.month == month }
            let seen = group == .adults ? months.compactMap(\.adultsSeen24Months).reduce(0, +) : months.compactMap(\.childrenSeen12Months).reduce(0, +)
            let people = group == .adults ? population.adults : population.children
            let share = Proportion(part: Int64(max(0, people - seen)), whole: Int64(people))
            let words = group == .adults ? "adults not seen by an NHS dentist in 24 months" : "children not seen by an NHS dentist in 12 months"
            return LiveEvidence(
                citation: citation,
                value: "\(ScaledDecimal.groupThousands(UInt64(max(0, people - seen)))) \(words) (\(share.percentText ?? "–") of \(ScaledDecimal.groupThousands(UInt64(people)))), \(month.label)",
                link: PodiumRoute.access(dental.icb.code).path)
        case .warning(let provider):
            let link = ContractNumber(provider).map { PodiumRoute.dentalContract($0).path } ?? PharmacyCode(provider).map { PodiumRoute.pharmacy($0).path }
            guard let warning = warnings[provider] else {
                return LiveEvidence(citation: citation, value: "no early-warning score: not a scored provider of the ICB in the latest data", link: link)
            }
            return LiveEvidence(
                citation: citation,
                value: "early-warning score \(String(format: "%.1f", warning.score)) of 100 as of \(warning.asOf.label) (higher is more at risk): "
                    + EarlyWarningPages.reasons(warning),
                link: link.map { $0 + "#early-warning" })
        case .pharmacy(let code):
            let link = PodiumRoute.pharmacy(code).path
            guard let sited = try await organisations.pharmacy(code) else {
                return LiveEvidence(citation: citation, value: "not in the ODS pharmacy register", link: nil)
            }
            let pharmacy = sited.organisation
            let unplanned = closures.filter { $0.text("ods_code") == code.rawValue && $0.text("kind") != "permanent" }
            let minutes = unplanned.compactMap { $0.integer("hours_lost") }.reduce(0, +)
            let state = pharmacy.status == .closed ? "closed\(pharmacy.closeDate.map { " on \($0.label)" } ?? "") (ODS)" : "open"
            return LiveEvidence(
                citation: citation,
                value: "\(pharmacy.name): \(state); \(unplanned.count) unplanned closure\(unplanned.count == 1 ? "" : "s") recorded, "
                    + "\(ScaledDecimal.format(minutes * 100 / 60, scale: 2)) hours lost",
                link: link)
        }
    }
}
