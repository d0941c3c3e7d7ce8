import PodiumCore
import PodiumData

/// An ICB's dental contracts for a financial year, each at its latest month.
enum ContractIndex {
    struct Model: Sendable {
        var icb: ICB
        var financialYear: FinancialYear?
        /// The years with data and the one shown; `nil` when no dental activity is imported.
        var yearChoice: YearChoice?
        var contracts: [ContractYear]
        var coverage: ActivityCoverage?
        var sources: [SourceNote]

        static func query(_ context: QueryContext, icb code: ICBCode, year requested: String?) async throws -> Model {
            let openData = context.openData
            let icb = try await openData.requireICB(code)
            let year = try await openData.financialYear(requested)
            var contracts: [ContractYear] = []
            var coverage: ActivityCoverage?
            var yearChoice: YearChoice?
            if let year {
                contracts = try await openData.contractYears(commissionedBy: code, in: year)
                coverage = try await openData.coverage(of: year)
                yearChoice = try await openData.yearChoice(year)
            }
            return Model(
                icb: icb, financialYear: year, yearChoice: yearChoice,
                contracts: contracts,
                coverage: coverage, sources: try await openData.notes([.dentalActivity], year: year))
        }
    }
}
