import FluentKit
import PodiumCore
import PodiumData
import Vapor

/// What a page model's `query` reads from: the database, the open data kept per import state, and the day the page
/// is for (reviews, deadlines and follow-ups are judged on it).
struct QueryContext: Sendable {
    let database: any Database
    let openData: OpenData
    let today: CalendarDate
    /// The maps' boundaries, read on first use; `nil` draws maps without them.
    var maps: MapBoundaryLoader? = nil

    /// The same reads, judged on another day (a committee meeting's, or `?date=` to reproduce an answer).
    func on(_ day: CalendarDate) -> QueryContext {
        QueryContext(database: database, openData: openData.on(day), today: day, maps: maps)
    }
}

extension Request {
    /// The request's database, the application's open-data cache and today's date from the application's clock.
    var queryContext: QueryContext {
        QueryContext(
            database: db,
            openData: OpenData(
                database: db, cache: application.openDataCache, importLog: importLogReading,
                dentalRecords: dentalRecordsReading, today: clock.today),
            today: clock.today, maps: application.mapBoundaries)
    }
}

extension ICBScope {
    /// The scope in one word, for what is kept per reader's scope: "every", or the ICBs' codes.
    var key: String {
        switch self {
        case .every: "every"
        case .only(let icbs): icbs.map(\.rawValue).sorted().joined(separator: ",")
        }
    }
}
