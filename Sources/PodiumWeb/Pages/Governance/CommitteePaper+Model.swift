import PodiumCore
import PodiumData

/// Everything a Primary Care Commissioning Committee paper needs, from live data: the governance overview, the dental
/// position and the finance position built once from the same contract engine, judged on the meeting's date.
enum CommitteePaper {
    /// What the secretariat fills in on a paper's cover (`?agenda_item=&author=&lead=`): empty until given.
    struct Details: Sendable, Hashable {
        var agendaItem = ""
        var author = ""
        /// The sponsoring director (executive lead).
        var lead = ""

        var queryItems: [(String, String)] { [("agenda_item", agendaItem), ("author", author), ("lead", lead)] }
    }

    struct Model: Sendable {
        var governance: Governance.Model
        var dental: DentalPosition.Model?
        var finance: Finance.Model?
        var meeting: CalendarDate
        /// The access gaps (people not seen), worked out like a risk's `access:` citation.
        var access: [LiveEvidence]
        /// The ICB's pharmacy closures on record: permanent ones and unplanned hours lost.
        var closures: (permanent: Int, unplanned: Int)
        /// Engagement in the six months before the meeting.
        var recentEngagement: [EngagementEntry]
        /// How old the dental data is on the meeting's day.
        var dataAge: DataAge?
        /// Market-entry applications past a statutory date on the meeting's day.
        var overdueApplications: [(application: MarketEntryApplication, overdue: MarketEntryTimetable.Overdue)] = []
        var details = Details()
        /// Dental access for the map (everyone, the default choices); `nil` when the access model cannot be built.
        var accessMap: ICBAccess.Model?

        /// How far back the paper looks for engagement.
        static let engagementDays = 183

        var icb: ICB { governance.icb }
        /// "For decision" when decisions are due, else "For assurance" (an ICB cover sheet's wording).
        var purpose: String { governance.decisionsDue.isEmpty ? "For assurance" : "For decision" }
        var hasExamples: Bool { governance.hasExamples || (finance?.hasExamples ?? false) }
        /// The dental position's largest projected clawbacks.
        var topRisks: [ContractPosition] { dental?.topRisks ?? [] }
        /// Recent engagement by partner: "ldc 2", "lpc 1" …
        var engagementByPartner: [String] {
            Dictionary(grouping: recentEngagement, by: \.partner).map { "\($0.key) \($0.value.count)" }.sorted()
        }

        /// - Parameter year: the financial year of the dental and finance sections (`2024-25`); the latest with data by
        ///   default.
        static func query(
            _ context: QueryContext, icb code: ICBCode, meeting: CalendarDate, year: String? = nil,
            details: Details = Details()
        ) async throws -> Model {
            let context = context.on(meeting)
            let dental = try await DentalPosition.Model.queryIfImported(context, icb: code, year: year)
            let governance = try await Governance.Model.query(context, icb: code, dental: dental)
            var finance: Finance.Model?
            if let dental {
                let budgets = try await ICBRecords.query(context, .budgetLines, icb: code)
                let actuals = try await ICBRecords.query(context, .financeActuals, icb: code)
                let options = try await ICBRecords.query(context, .reinvestmentOptions, icb: code)
                let position = FinancePosition.of(
                    dental: dental.portfolio, budgets: budgets.items(BudgetAllocation.self),
                    actuals: actuals.items(FinanceActual.self),
                    options: options.items(ReinvestmentOptionRecord.self), today: meeting)
                finance = Finance.Model(
                    icb: dental.icb, position: position, budgetRecords: budgets, actualRecords: actuals,
                    optionRecords: options, rules: dental.settings.rules, sources: dental.sources,
                    yearChoice: dental.yearChoice)
            }
            let resolver = EvidenceResolver(dental: dental, measures: governance.measures, closures: [])
            var access: [LiveEvidence] = []
            for group in EvidenceCitation.Group.allCases {
                access.append(
                    try await resolver.resolve(
                        .access(group), organisations: OrganisationStore(database: context.database)))
            }
            let closures = try await ICBRecords.query(context, .pharmacyClosures, icb: code).items(PharmacyClosure.self)
            let since = meeting.adding(days: -engagementDays)
            return Model(
                governance: governance, dental: dental, finance: finance, meeting: meeting, access: access,
                closures: (
                    closures.filter { $0.kind == .permanent }.count, closures.filter { $0.kind != .permanent }.count
                ),
                recentEngagement: governance.engagements.filter { since <= $0.date && $0.date <= meeting },
                dataAge: try await context.openData.activityMonths().last.map {
                    DataAge(latestMonth: $0, today: meeting)
                },
                overdueApplications: try await OverdueApplications.query(context, icb: code), details: details,
                accessMap: try? await ICBAccess.Model.query(context, icb: code, choices: AccessChoices()))
        }
    }
}

extension CommitteePaper {
    /// The paper printed to PDF, and its file name, kept until an import, a change to the ICB's records or the day changes (for the few
    /// most recently asked), so that a committee's members downloading it at once cause one print, not one each.
    /// `question` is everything that shapes the paper: the ICB, the reader's scope and the page's query.
    static func printed(
        _ context: QueryContext, icb: ICBCode, question: String,
        print: @escaping @Sendable () async throws -> (bytes: [UInt8], name: String)
    ) async throws -> (bytes: [UInt8], name: String) {
        try await context.openData.cachedWithRecords(
            of: icb, "committee-paper-pdf|\(icb)|\(question)", family: "committee-paper-pdf", print)
    }
}
