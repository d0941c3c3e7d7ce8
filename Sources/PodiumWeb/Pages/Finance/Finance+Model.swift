import PodiumCore
import PodiumData

/// An ICB's delegated budget against forecast, the ring-fence, and what must be committed before 31 March.
enum Finance {
    /// An ICB's finance position (``FinancePosition``) with the records it was built from.
    @dynamicMemberLookup
    struct Model: Sendable {
        var icb: ICB
        var position: FinancePosition
        var budgetRecords: ICBRecords
        var actualRecords: ICBRecords
        var optionRecords: ICBRecords
        /// The year's reconciliation rules (the carry-forward band the UDAs carried forward fall in).
        var rules: ReconciliationRules
        var sources: [SourceNote]
        var yearChoice: YearChoice

        subscript<Value>(dynamicMember path: KeyPath<FinancePosition, Value>) -> Value { position[keyPath: path] }

        /// The records, in the order the page lists them.
        var records: [ICBRecords] { [budgetRecords, actualRecords, optionRecords] }
        var hasExamples: Bool { records.contains(where: \.hasExamples) }
        /// Spend across the lines each month.
        var monthlyTotals: [(month: YearMonth, total: Money)] {
            position.year.months.map { month in
                (month, position.lines.compactMap { position.monthly[$0.kind]?[month] }.sum())
            }
        }
        /// One twelfth of the budget in pounds, the monthly spend on plan, for the chart's marker.
        var twelfthOfBudgetInPounds: Double? { position.budget.pence > 0 ? Double(position.budget.pence) / 1200 : nil }

        /// What each reinvestment option's state is, in words.
        func state(of option: ReinvestmentOption) -> String {
            switch position.plan.state(of: option) {
            case .approved: option.approval.map { "approved by \($0.committee), \($0.date.label)" } ?? "approved"
            case .fits: "still fits"
            case .tooLate: position.isHistory ? "not decided by its last decision date" : "too late for this year"
            case .tooCostly: "costs more than is uncommitted"
            }
        }

        static func query(_ context: QueryContext, icb code: ICBCode, choices: PositionChoices) async throws -> Model {
            let dental = try await DentalPosition.Model.query(context, icb: code, choices: choices)
            let budgets = try await ICBRecords.query(context, .budgetLines, icb: code)
            let actuals = try await ICBRecords.query(context, .financeActuals, icb: code)
            let options = try await ICBRecords.query(context, .reinvestmentOptions, icb: code)
            let position = FinancePosition.of(
                dental: dental.portfolio, budgets: budgets.items(BudgetAllocation.self),
                actuals: actuals.items(FinanceActual.self),
                options: options.items(ReinvestmentOptionRecord.self), today: context.today)
            return Model(
                icb: dental.icb, position: position, budgetRecords: budgets, actualRecords: actuals,
                optionRecords: options, rules: dental.settings.rules, sources: dental.sources,
                yearChoice: dental.yearChoice)
        }
    }
}

/// Every ICB's finance position side by side, for NHS England's regional assurance (read only).
enum EnglandFinance {
    struct Model: Sendable {
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
        /// The ICBs the reader may see: finance records are local, so other ICBs' rows are left out.
        var scope: ICBScope
        var rows: [Row]
        var sources: [SourceNote]
        var yearChoice: YearChoice

        /// What the totals row is called: the region, England, or (for a reader of some ICBs) the ICBs shown.
        var totalLabel: String { region?.name ?? (scope == .every ? "England" : "Total of the ICBs shown") }
        /// Where the rows are: the region, England, or the reader's ICBs.
        var scopeName: String { region?.name ?? (scope == .every ? "England" : "your ICBs") }
        var underspendAtRisk: Money { rows.map(\.position.underspendAtRisk).sum() }
        var withUncommittedUnderspend: Int { rows.filter { $0.position.plan.uncommitted.pence > 0 }.count }
        var hasExamples: Bool { rows.contains(where: \.hasExamples) }
        var asOf: YearMonth { rows.map(\.position.asOf).max() ?? year.firstMonth }
        var planDate: CalendarDate { rows.first?.position.planDate ?? year.lastDay }

        /// The total of `value` over the rows.
        func total(_ value: (FinancePosition) -> Money) -> Money { rows.map { value($0.position) }.sum() }

        /// Every ICB's position (or one region's), from one pass over the contracts and the finance records.
        /// - Parameter region: an NHS England region's code (`Y58`), or `nil` for all of England.
        /// Kept until an import, a change to any ICB's records, or the day changes (one per question, for the few most
        /// recently asked): it reads every ICB's finance records and England's dental position.
        static func query(
            _ context: QueryContext, choices: PositionChoices, region: NHSEnglandRegion?, scope: ICBScope
        ) async throws -> Model {
            let records = try await RecordChangeStore(database: context.database).states()
                .sorted { $0.key.rawValue < $1.key.rawValue }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            return try await context.openData.cachedWithDentalRecords(
                "england-finance|\(choices.key)|\(region?.rawValue ?? "")|\(scope.key)", family: "england-finance",
                also: records + "|" + context.today.iso
            ) { try await build(context, choices: choices, region: region, scope: scope) }
        }

        private static func build(
            _ context: QueryContext, choices: PositionChoices, region: NHSEnglandRegion?, scope: ICBScope
        ) async throws -> Model {
            let dental = try await EnglandDentalPosition.Model.query(context, choices: choices, scope: scope)
            let store = LocalRecordStore(database: context.database)
            var byICB: [RecordTemplate: [ICBCode: [StoredRecord]]] = [:]
            for template in RecordTemplate.finance {
                let records = try await store.records(template, icb: nil)
                byICB[template] = Dictionary(
                    grouping: records.compactMap { record in record.icb.map { ($0, record) } }, by: \.0
                )
                .mapValues { $0.map(\.1) }
            }
            let records = { (template: RecordTemplate, icb: ICBCode) in
                ICBRecords(template: template, records: byICB[template]?[icb] ?? [])
            }
            let rows = dental.rows.compactMap { row -> Row? in
                let home = NHSEnglandRegion.of(row.icb.code)
                guard region == nil || home == region else { return nil }
                let budgets = records(.budgetLines, row.icb.code)
                let actuals = records(.financeActuals, row.icb.code)
                let options = records(.reinvestmentOptions, row.icb.code)
                let position = FinancePosition.of(
                    dental: row.portfolio, budgets: budgets.items(BudgetAllocation.self),
                    actuals: actuals.items(FinanceActual.self),
                    options: options.items(ReinvestmentOptionRecord.self), today: context.today)
                return Row(
                    icb: row.icb, region: home, position: position,
                    hasExamples: budgets.hasExamples || actuals.hasExamples || options.hasExamples)
            }
            return Model(
                year: dental.england.financialYear, region: region, scope: scope, rows: rows, sources: dental.sources,
                yearChoice: dental.yearChoice)
        }
    }
}

extension EnglandFinance {
    /// `?region=Y58` read, or `nil` for all of England.
    static func region(_ raw: String?) throws -> NHSEnglandRegion? {
        let raw = raw ?? ""
        guard raw.isEmpty || NHSEnglandRegion(rawValue: raw) != nil else {
            throw WebError.invalid(
                "region must be one of \(NHSEnglandRegion.allCases.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", "))."
            )
        }
        return NHSEnglandRegion(rawValue: raw)
    }
}
