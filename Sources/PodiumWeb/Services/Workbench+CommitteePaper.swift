import PodiumCore
import PodiumData

/// Everything a Primary Care Commissioning Committee paper needs, from live data (issue 9): the governance overview,
/// the dental position and the finance position built once from the same contract engine.
struct CommitteePaper: Sendable {
    var governance: GovernanceOverview
    var dental: ICBDentalPosition?
    var finance: FinanceOverview?
    var meeting: CalendarDate
    /// The access gaps (people not seen), worked out like a risk's `access:` citation.
    var access: [LiveEvidence]
    /// The ICB's pharmacy closures on record: permanent ones and unplanned hours lost.
    var closures: (permanent: Int, unplanned: Int)
    /// Engagement in the six months before the meeting.
    var recentEngagement: [FieldValues]

    var icb: ICB { governance.icb }
    /// "For decision" when decisions are due, else "For assurance" (BNSSG cover-sheet wording).
    var purpose: String { governance.decisionsDue.isEmpty ? "For assurance" : "For decision" }
    var hasExamples: Bool { governance.records.contains(where: \.hasExamples) || (finance?.records.contains(where: \.hasExamples) ?? false) }
}

extension Workbench {
    func committeePaper(of code: ICBCode, meeting: CalendarDate) async throws -> CommitteePaper {
        let dental = try await dentalPositionIfImported(of: code)
        let governance = try await governance(of: code, today: meeting, dental: dental)
        var finance: FinanceOverview?
        if let dental {
            let records = [try await records(.budgetLines, of: code), try await records(.financeActuals, of: code), try await records(.reinvestmentOptions, of: code)]
            let position = FinancePosition.of(
                dental: dental.portfolio, budgets: records[0].values, actuals: records[1].values, options: records[2].values, today: meeting)
            finance = FinanceOverview(icb: dental.icb, position: position, records: records, sources: dental.sources)
        }
        let resolver = EvidenceResolver(dental: dental, measures: governance.measures, closures: [])
        var access: [LiveEvidence] = []
        for group in EvidenceCitation.Group.allCases {
            access.append(try await resolver.resolve(.access(group), organisations: OrganisationStore(database: database)))
        }
        let closures = try await records(.pharmacyClosures, of: code).values
        let since = meeting.adding(days: -183)
        return CommitteePaper(
            governance: governance, dental: dental, finance: finance, meeting: meeting, access: access,
            closures: (closures.filter { $0.text("kind") == "permanent" }.count, closures.filter { $0.text("kind") != "permanent" }.count),
            recentEngagement: governance.engagements.values.filter { ($0.date("date").map { since <= $0 && $0 <= meeting }) ?? false })
    }
}
