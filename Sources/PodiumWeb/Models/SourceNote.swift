import PodiumCore
import PodiumData

/// Where a page's figures come from and how current they are.
struct SourceNote: Sendable {
    var dataset: Dataset
    /// Period covered, e.g. "April 2023 – December 2023 (November 2023 missing)".
    var detail: String?
    /// The import that loaded it, or `nil` if it has not been imported.
    var record: ImportRecord?
}
