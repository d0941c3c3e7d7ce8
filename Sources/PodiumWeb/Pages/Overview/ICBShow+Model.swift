import PodiumCore
import PodiumData

/// An ICB's overview: headline figures, where to go next, and its Sub-ICB Locations.
enum ICBShow {
    struct Model: Sendable {
        var icb: ICB
        var figures: ICBFigures
        var financialYear: FinancialYear?
        var subICBLocations: [SubICBLocationFigures]
        var sources: [SourceNote]
        /// Market-entry applications past a statutory date today.
        var overdueApplications: [(application: MarketEntryApplication, overdue: MarketEntryTimetable.Overdue)] = []

        static func query(_ context: QueryContext, icb code: ICBCode, year requested: String?) async throws -> Model {
            let openData = context.openData
            let icb = try await openData.requireICB(code)
            let year = try await openData.financialYear(requested)
            return Model(
                icb: icb, figures: try await openData.figures(financialYear: year)[code] ?? .total([]),
                financialYear: year,
                subICBLocations: try await openData.subICBLocations(of: code),
                sources: try await openData.notes(
                    OpenData.figureSources + [.subICBLocations, .lsoa2021Lookup, .iod2025], year: year),
                overdueApplications: try await OverdueApplications.query(context, icb: code))
        }
    }
}
