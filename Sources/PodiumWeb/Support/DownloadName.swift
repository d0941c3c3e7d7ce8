import PodiumCore

/// Parts of download file names.
enum DownloadName {
    /// "2023-24" for a financial year; "no-year" before any dental activity is imported.
    static func year(_ year: FinancialYear?) -> String {
        guard let year else { return "no-year" }
        let next = (year.startYear + 1) % 100
        return "\(year.startYear)-\(next < 10 ? "0" : "")\(next)"
    }
}
