import Foundation
import Vapor

/// Builds what the heaviest pages read first — the ten-year dental history and the latest year's positions — as the
/// server starts, instead of on the first reader's request (about 13 s in a release build on two cores, most of it
/// reading 800,000 rows). Requests that arrive meanwhile wait for the same build rather than starting their own
/// (``OpenDataCache`` builds each value once). Run by `serve` and `demo`, not by tests.
enum OpenDataWarmUp {
    static func start(_ app: Application) -> Task<Void, Never> {
        let logger = app.logger
        let openData = OpenData(database: app.db, cache: app.openDataCache, today: app.clock.today)
        return Task(priority: .utility) {
            let started = ContinuousClock.now
            do {
                _ = try await openData.dentalHistory()
                if let year = try await openData.financialYears().first {
                    _ = try await openData.standardPositions(in: year)
                }
                let seconds = (ContinuousClock.now - started).components.seconds
                logger.notice("Dental history and the latest year's positions ready (\(seconds) s).")
            } catch is CancellationError {
            } catch {
                // Not fatal: the first request that needs these builds them, and reports its own error.
                logger.warning("Warming the open-data cache failed: \(error)")
            }
        }
    }
}
