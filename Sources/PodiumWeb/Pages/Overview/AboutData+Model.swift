import PodiumCore
import PodiumData

/// What is loaded, from where, when, under which licence.
enum AboutData {
    struct Model: Sendable {
        /// Every dataset with its latest import.
        var datasets: [SourceNote]

        var imported: Int { datasets.filter { $0.record != nil }.count }

        static func query(_ context: QueryContext) async throws -> Model {
            Model(datasets: try await context.openData.notes(Dataset.allCases, year: nil))
        }
    }
}
