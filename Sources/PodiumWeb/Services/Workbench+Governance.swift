import PodiumCore

/// An ICB's risk log and assurance criteria, read through Core's scoring and roll-up (issue 9).
struct GovernanceOverview: Sendable {
    struct Risk: Sendable {
        var reference: String
        var title: String
        var category: String
        var owner: String
        var assessment: RiskAssessment
    }

    var icb: ICB
    var today: CalendarDate
    var risks: [Risk]
    var readiness: ReadinessRollUp?
    var riskLog: ICBRecords, criteria: ICBRecords, decisions: ICBRecords, engagements: ICBRecords, handover: ICBRecords

    /// Every log, in the order the page shows them.
    var records: [ICBRecords] { [riskLog, criteria, decisions, engagements, handover] }

    var heatMap: RiskHeatMap { RiskHeatMap(risks.map(\.assessment)) }
    var overdue: [Risk] { risks.filter { $0.assessment.isOverdue(on: today) } }
    /// Engagement actions still open whose follow-up date has passed.
    var followUpsOverdue: Int {
        engagements.values.filter { $0.text("status") == "open" && ($0.date("follow_up").map { $0 < today } ?? false) }.count
    }
    /// Handover items neither transferred nor ruled out.
    var handoverOutstanding: Int { handover.values.filter { !["transferred", "not-applicable"].contains($0.text("status") ?? "") }.count }
}

extension Workbench {
    func governance(of code: ICBCode, today: CalendarDate) async throws -> GovernanceOverview {
        let icb = try await requireICB(code)
        let risks = try await records(.risks, of: code), criteria = try await records(.assuranceCriteria, of: code)
        let rows = risks.values.compactMap { values -> GovernanceOverview.Risk? in
            guard let assessment = RiskAssessment(values) else { return nil }
            return GovernanceOverview.Risk(
                reference: values.text("reference") ?? "", title: values.text("title") ?? "", category: values.text("category") ?? "",
                owner: values.text("owner") ?? "", assessment: assessment)
        }
        // Gravest first, as a committee reads a log.
        let sorted = rows.sorted { ($1.assessment.current, $0.reference) < ($0.assessment.current, $1.reference) }
        return GovernanceOverview(
            icb: icb, today: today, risks: sorted, readiness: ReadinessRollUp.of(criteria.values.compactMap(AssuranceCriterion.init)),
            riskLog: risks, criteria: criteria, decisions: try await records(.decisions, of: code),
            engagements: try await records(.engagements, of: code), handover: try await records(.handoverItems, of: code))
    }
}
