import PodiumCore
import PodiumData

/// The ICB's dental contracts whose published values are implausible in a year (``DataCheck``): what was seen, so a
/// commissioner can check it with NHSBSA before a figure built on it reaches a committee.
enum DentalDataChecks {
    struct Model: Sendable {
        var icb: ICB
        var financialYear: FinancialYear
        var thresholds: DataCheckThresholds
        /// Each contract's checks with its provider, contract by contract.
        var checks: [Entry]
        var contractsChecked: Int
        var yearChoice: YearChoice
        var sources: [SourceNote]

        struct Entry: Sendable {
            var check: DataCheck
            var provider: String
        }

        static func query(_ context: QueryContext, icb code: ICBCode, year requested: String?) async throws -> Model {
            let openData = context.openData
            let icb = try await openData.requireICB(code)
            guard let year = try await openData.financialYear(requested) else {
                throw WebError.notFound(.financialYearNotFound, "No dental activity is imported yet.")
            }
            let years = try await openData.contractYears(commissionedBy: code, in: year)
            let checks = try await openData.dataChecks(in: year)
            let wanted = Dictionary(uniqueKeysWithValues: years.map { ($0.contract, $0.latest.providerName) })
            return Model(
                icb: icb, financialYear: year, thresholds: .standard,
                checks: wanted.keys.sorted().flatMap { contract in
                    (checks[contract] ?? []).map { Entry(check: $0, provider: wanted[contract] ?? "") }
                },
                contractsChecked: years.count, yearChoice: try await openData.yearChoice(year),
                sources: try await openData.notes([.dentalActivity], year: year))
        }
    }
}
