import PodiumCore
import PodiumData

/// England: every ICB with its headline figures (the home page).
enum Home {
    struct Model: Sendable {
        var financialYear: FinancialYear?
        var rows: [Row]
        var total: ICBFigures
        var sources: [SourceNote]
        /// The ICBs the reader holds (commissioner, hosted team, regional assurance), listed first as links; empty for
        /// readers of every ICB.
        var yours: [Row]

        /// An ICB with its headline figures.
        struct Row: Sendable {
            var icb: ICB
            var figures: ICBFigures
        }

        /// - Parameters:
        ///   - year: `2023-24`, or `nil` for the latest year with dental activity.
        ///   - held: the ICBs the reader holds; `nil` when they read every ICB.
        static func query(_ context: QueryContext, year requested: String?, held: Set<ICBCode>? = nil) async throws
            -> Model
        {
            let openData = context.openData
            let year = try await openData.financialYear(requested)
            let figures = try await openData.figures(financialYear: year)
            let rows = try await openData.icbs().map { Row(icb: $0, figures: figures[$0.code] ?? .total([])) }
            return Model(
                financialYear: year, rows: rows, total: .total(rows.map(\.figures)),
                sources: try await openData.notes(OpenData.figureSources, year: year),
                yours: held.map { held in rows.filter { held.contains($0.icb.code) } } ?? [])
        }
    }
}
