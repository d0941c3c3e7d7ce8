import FluentKit
import PodiumCore
import PodiumData

/// A contract's position in a year, with what the page needs around it.
struct ContractPositionDetail: Sendable {
    var detail: ContractDetail
    var position: ContractPosition
    /// Every recorded variation, withdrawn ones included.
    var variations: [ContractVariation]
    var choices: PositionChoices
}

/// An ICB's dental position.
struct ICBDentalPosition: Sendable {
    var icb: ICB
    var portfolio: PortfolioPosition
    /// The contracts' rows, for measures the positions do not carry (patients seen).
    var years: [ContractYear]
    /// Mid-2020 adults and children of the ICB, when the population is imported.
    var population: (adults: Int, children: Int)?
    var coverage: ActivityCoverage
    var availableYears: [FinancialYear]
    var choices: PositionChoices
    var sources: [SourceNote]
}

/// Every ICB's dental position, side by side.
struct EnglandDentalPosition: Sendable {
    var rows: [(icb: ICB, portfolio: PortfolioPosition)]
    /// The total of the rows shown: England's, or only the reader's ICBs' (``scope``).
    var england: PortfolioPosition
    /// The ICBs the reader may see (issue 10): variations are local records, so other ICBs' rows are left out.
    var scope: ICBScope

    /// What the totals row is called.
    var totalLabel: String { scope == .every ? "England" : "Total of the ICBs shown" }
    var coverage: ActivityCoverage
    var choices: PositionChoices
    var sources: [SourceNote]
}

extension Workbench {
    func position(of number: ContractNumber, choices: PositionChoices) async throws -> ContractPositionDetail {
        let detail = try await contract(number, year: choices.year)
        let (profile, settings) = try yearSetup(detail.current.financialYear, choices: choices)
        let variations = try await VariationStore(database: database).variations(of: number)
        let position = ContractPosition(
            year: detail.current, coverage: detail.coverage, variations: variations, profile: profile, settings: settings)
        return ContractPositionDetail(detail: detail, position: position, variations: variations, choices: choices)
    }

    func dentalPosition(of code: ICBCode, choices: PositionChoices) async throws -> ICBDentalPosition {
        let list = try await contracts(of: code, year: choices.year)
        guard let year = list.financialYear, let coverage = list.coverage else {
            throw WebError.notFound(code: "financial_year_not_found", message: "No dental activity is imported yet.")
        }
        let (profile, settings) = try yearSetup(year, choices: choices)
        let variations = try await VariationStore(database: database).all()
        let positions = list.contracts.map {
            ContractPosition(year: $0, coverage: coverage, variations: variations[$0.contract] ?? [], profile: profile, settings: settings)
        }
        return ICBDentalPosition(
            icb: list.icb, portfolio: PortfolioPosition(financialYear: year, contracts: positions), years: list.contracts,
            population: try await GeographyStore(database: database).agePopulation(of: code), coverage: coverage,
            availableYears: list.availableYears, choices: choices,
            sources: list.sources + (try await notes([.population2020, .lsoa2011Lookup], year: nil)))
    }

    func englandDentalPosition(choices: PositionChoices, scope: ICBScope) async throws -> EnglandDentalPosition {
        let overview = try await england(year: choices.year)
        guard let year = overview.financialYear else {
            throw WebError.notFound(code: "financial_year_not_found", message: "No dental activity is imported yet.")
        }
        let (profile, settings) = try yearSetup(year, choices: choices)
        let dental = DentalStore(database: database)
        let coverage = try await self.coverage(of: year)
        let variations = try await VariationStore(database: database).all()
        let positions = try await contractYears(in: year).map {
            ContractPosition(year: $0, coverage: coverage, variations: variations[$0.contract] ?? [], profile: profile, settings: settings)
        }
        // Each contract counts for the ICB commissioning it in its latest month of the year.
        let byICB = Dictionary(grouping: positions, by: \.latest.commissioner)
        let shown = overview.rows.filter { scope.contains($0.icb.code) }
        let rows = shown.map { row in
            (icb: row.icb, portfolio: PortfolioPosition(financialYear: year, contracts: byICB[row.icb.code] ?? []))
        }
        let registered = Set(shown.map(\.icb.code))
        return EnglandDentalPosition(
            rows: rows,
            england: PortfolioPosition(financialYear: year, contracts: positions.filter { registered.contains($0.latest.commissioner) }),
            scope: scope, coverage: coverage, choices: choices, sources: try await notes([.dentalActivity, .icbs], year: year))
    }

    /// The year's working-day profile and the reader's settings for it.
    private func yearSetup(_ year: FinancialYear, choices: PositionChoices) throws -> (WorkingDayProfile, PositionSettings) {
        let profile: WorkingDayProfile
        do {
            profile = try WorkingDayProfile(year)
        } catch {
            throw WebError.notFound(code: "financial_year_not_covered", message: error.description)
        }
        return (profile, try choices.settings(for: year))
    }
}
