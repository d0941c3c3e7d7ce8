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
    var records: [ICBRecords]

    var heatMap: RiskHeatMap { RiskHeatMap(risks.map(\.assessment)) }
    var overdue: [Risk] { risks.filter { $0.assessment.isOverdue(on: today) } }
    /// Engagement actions still open whose follow-up date has passed.
    var followUpsOverdue: Int {
        records[3].values.filter { $0.text("status") == "open" && ($0.date("follow_up").map { $0 < today } ?? false) }.count
    }
    /// Handover items neither transferred nor ruled out.
    var handoverOutstanding: Int { records[4].values.filter { !["transferred", "not-applicable"].contains($0.text("status") ?? "") }.count }
}

extension Workbench {
    func governance(of code: ICBCode, today: CalendarDate) async throws -> GovernanceOverview {
        let icb = try await requireICB(code)
        let risks = try await records(.risks, of: code), criteria = try await records(.assuranceCriteria, of: code)
        var logs: [ICBRecords] = []
        for template in [RecordTemplate.decisions, .engagements, .handoverItems] { logs.append(try await records(template, of: code)) }
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
            records: [risks, criteria] + logs)
    }
}
