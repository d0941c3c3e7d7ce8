import PodiumCore

/// The financial years with dental activity (latest first), the one a page shows, and the day it is read on.
struct YearChoice: Sendable {
    var years: [ActivityCoverage]
    var shown: FinancialYear
    var today: CalendarDate
    /// The latest month of all the data, whatever the year shown (and whichever years a page offers).
    var latestMonth: YearMonth?

    var shownCoverage: ActivityCoverage? { years.first { $0.financialYear == shown } }
    /// The year shown has ended: its deadlines are history, in the past tense.
    var yearHasEnded: Bool { shown.lastDay < today }
}

extension OpenData {
    func yearChoice(_ shown: FinancialYear) async throws -> YearChoice {
        let years = try await yearCoverages()
        return YearChoice(years: years, shown: shown, today: today, latestMonth: years.first?.latestMonth)
    }
}
