import PodiumCore
import PodiumData

/// An ICB's finance position (``FinancePosition``) with the records it was built from, for the finance page.
@dynamicMemberLookup
struct FinanceOverview: Sendable {
    var icb: ICB
    var position: FinancePosition
    var records: [ICBRecords]
    var sources: [SourceNote]

    subscript<Value>(dynamicMember path: KeyPath<FinancePosition, Value>) -> Value { position[keyPath: path] }
}

extension Workbench {
    /// - Parameter today: the date the plan is for (31 March deadlines count back from it).
    func finance(of code: ICBCode, choices: PositionChoices, today: CalendarDate) async throws -> FinanceOverview {
        let dental = try await dentalPosition(of: code, choices: choices)
        let records = [try await records(.budgetLines, of: code), try await records(.financeActuals, of: code), try await records(.reinvestmentOptions, of: code)]
        let position = FinancePosition.of(
            dental: dental.portfolio, budgets: records[0].values, actuals: records[1].values, options: records[2].values, today: today)
        return FinanceOverview(icb: dental.icb, position: position, records: records, sources: dental.sources)
    }
}

/// Every ICB's finance position side by side, for NHS England's regional assurance (read only).
struct EnglandFinance: Sendable {
    struct Row: Sendable {
        var icb: ICB
        var region: NHSEnglandRegion?
        var position: FinancePosition
        /// Whether any of the ICB's finance records are labelled example data.
        var hasExamples: Bool
    }

    var year: FinancialYear
    /// The region asked for, or `nil` for all of England.
    var region: NHSEnglandRegion?
    /// The ICBs the reader may see (issue 10): finance records are local, so other ICBs' rows are left out.
    var scope: ICBScope
    var rows: [Row]

    /// What the totals row is called: the region, England, or (for a reader of some ICBs) the ICBs shown.
    var totalLabel: String { region?.name ?? (scope == .every ? "England" : "Total of the ICBs shown") }
    var sources: [SourceNote]
}

extension Workbench {
    /// Every ICB's position (or one region's), from one pass over the contracts and the finance records.
    func englandFinance(choices: PositionChoices, region: NHSEnglandRegion?, scope: ICBScope, today: CalendarDate) async throws -> EnglandFinance {
        let dental = try await englandDentalPosition(choices: choices, scope: scope)
        let store = LocalRecordStore(database: database)
        var byICB: [RecordTemplate: [ICBCode: [StoredRecord]]] = [:]
        for template in RecordTemplate.finance {
            byICB[template] = Dictionary(grouping: try await store.records(template, icb: nil).filter { $0.icb != nil }) { $0.icb! }
        }
        let values = { (template: RecordTemplate, icb: ICBCode) in byICB[template]?[icb] ?? [] }
        let rows = dental.rows.compactMap { row -> EnglandFinance.Row? in
            let home = NHSEnglandRegion.of(row.icb.code)
            guard region == nil || home == region else { return nil }
            let records = RecordTemplate.finance.map { values($0, row.icb.code) }
            let position = FinancePosition.of(
                dental: row.portfolio, budgets: records[0].map(\.values), actuals: records[1].map(\.values), options: records[2].map(\.values), today: today)
            return EnglandFinance.Row(icb: row.icb, region: home, position: position, hasExamples: records.joined().contains(where: \.isExample))
        }
        return EnglandFinance(year: dental.england.financialYear, region: region, scope: scope, rows: rows, sources: dental.sources)
    }
}
