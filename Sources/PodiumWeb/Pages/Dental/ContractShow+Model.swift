import FluentKit
import PodiumCore
import PodiumData

/// One dental contract: its months in the data, its position in a year (delivery against the working-day profile,
/// the mid-year review, the forecast year end), the variations commissioners recorded, and its early warning.
enum ContractShow {
    /// A contract's months and its year in the data.
    struct Detail: Sendable {
        var contract: ContractNumber
        /// Every month on record, oldest first.
        var months: [ContractMonth]
        /// The year shown: the requested one, or the latest the contract has data for.
        var current: ContractYear
        /// The commissioning ICB in the latest month, if it is in the register.
        var icb: ICB?
        var coverage: ActivityCoverage
        var sources: [SourceNote]

        /// The commissioner of the contract's latest month.
        var commissioner: ICBCode? { months.last?.icb }
        /// The months of the year shown.
        var monthsOfYear: [ContractMonth] { months.filter { current.financialYear.contains($0.month) } }

        /// - Parameter requested: a financial year (`2023-24`), or `nil` for the latest the contract has data for.
        static func query(_ context: QueryContext, contract number: ContractNumber, year requested: String? = nil)
            async throws -> Detail
        {
            let months = try await DentalStore(database: context.database).months(of: number)
            guard let latest = months.last else {
                throw WebError.notFound(
                    .contractNotFound, "No dental contract \(number) in the imported activity data.")
            }
            var year = FinancialYear(containing: latest.month)
            if let requested, !requested.isEmpty {
                guard let parsed = FinancialYear(requested) else {
                    throw WebError.invalid("year must be a financial year such as 2023/24.")
                }
                year = parsed
            }
            guard let current = ContractYear(contract: number, financialYear: year, rows: months) else {
                throw WebError.notFound(.financialYearNotFound, "Contract \(number) has no activity in \(year.label).")
            }
            let openData = context.openData
            return Detail(
                contract: number, months: months, current: current,
                icb: try await openData.icbs().first { $0.code == latest.icb },
                coverage: try await openData.coverage(of: current.financialYear),
                sources: try await openData.notes([.dentalActivity], year: current.financialYear))
        }
    }

    struct Model: Sendable {
        var detail: Detail
        var position: ContractPosition
        /// Every recorded variation, withdrawn ones included.
        var variations: [ContractVariation]
        var choices: PositionChoices
        /// Monthly delivery against the profile, charted with SPC.
        var delivery: SPCMeasure
        /// The contract's early-warning score in the latest month of data; `nil` when it is not scored.
        var warning: ProviderWarning?
        /// Every year the contract appears in, chained (``DentalHistory``).
        var history: [ContractYearOutcome]
        /// The years the contract appears in, the one shown, and today.
        var yearChoice: YearChoice
        /// The latest month of all the data (a contract missing from it has ended).
        var latestDataMonth: YearMonth?
        /// Implausible published values in the year shown (``DataCheck``): a caveat on the page.
        var dataChecks: [DataCheck] = []

        static func query(_ context: QueryContext, contract number: ContractNumber, choices: PositionChoices)
            async throws -> Model
        {
            let detail = try await Detail.query(context, contract: number, year: choices.requestedYear)
            let year = detail.current.financialYear
            let asOf = try choices.asOf(in: year, months: try await context.openData.activityMonths())
            let variations = try await VariationStore(database: context.database).variations(of: number)
            guard
                let position = try await context.openData.positions(
                    [detail.current], in: year, settings: try choices.settings(for: year),
                    variations: [number: variations], asOf: asOf
                ).first
            else {
                throw WebError.notFound(
                    .contractNotFound, "Contract \(number) is not in the data up to \(choices.asOf ?? "that month").")
            }
            let history = try await context.openData.dentalHistory().contracts[number] ?? []
            var yearChoice = try await context.openData.yearChoice(year)
            let years = Set(history.map(\.financialYear))
            yearChoice.years = yearChoice.years.filter { years.contains($0.financialYear) }
            return Model(
                detail: detail, position: position, variations: variations, choices: choices,
                delivery: SPCMeasures.contractDelivery(position),
                warning: try await ProviderWarnings.dental(context, contract: number)?.warning, history: history,
                yearChoice: yearChoice, latestDataMonth: try await context.openData.activityMonths().last,
                dataChecks: try await context.openData.dataChecks(in: year)[number] ?? [])
        }
    }
}

extension WorkingDayProfile {
    /// The year's working-day profile, or a 404 naming the years the bank-holiday table covers.
    static func required(_ year: FinancialYear) throws -> WorkingDayProfile {
        do {
            return try WorkingDayProfile(year)
        } catch {
            throw WebError.notFound(.financialYearNotCovered, error.description)
        }
    }
}
