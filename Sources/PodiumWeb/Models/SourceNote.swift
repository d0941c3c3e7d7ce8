import PodiumCore
import PodiumData

/// Where a page's figures come from and how current they are.
struct SourceNote: Sendable {
    var dataset: Dataset
    /// Period covered, e.g. "April 2023 – December 2023 (November 2023 missing)".
    var detail: String?
    /// The import that loaded it, or `nil` if it has not been imported.
    var record: ImportRecord?
    /// The latest month of a monthly dataset, and the day the page is for: how old the data is.
    var latestMonth: YearMonth? = nil
    var today: CalendarDate? = nil

    /// "latest month September 2025: 14 months old on 6 December 2026".
    var age: String? {
        guard let latestMonth, let today else { return nil }
        return "latest month \(latestMonth.label): \(DataAge(latestMonth: latestMonth, today: today).words)"
    }
}
