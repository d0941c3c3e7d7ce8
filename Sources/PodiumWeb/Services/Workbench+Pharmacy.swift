import PodiumCore
import PodiumData

/// Pharmacy First activity with its SPC measures.
struct PharmacyFirstOverview: Sendable {
    var counts: [PharmacyFirstCount]
    var areas: [SPCMeasure]
    var conditions: [SPCMeasure]
    var sources: [SourceNote]

    /// Total consultations per area and month, months in order.
    var monthlyTotals: [PharmacyFirstMonth] {
        let months = Set(counts.map(\.month)).sorted()
        let names = areas.map(\.name)
        return months.map { month in
            let rows = counts.filter { $0.month == month }
            return PharmacyFirstMonth(month: month, totals: names.map { area in rows.filter { $0.area == area }.reduce(0) { $0 + $1.consultations } })
        }
    }
}

/// One month's consultations in each area (in the order of ``PharmacyFirstOverview/areas``).
struct PharmacyFirstMonth: Sendable {
    var month: YearMonth
    var totals: [Int]
}

extension Workbench {
    func pharmacyFirst() async throws -> PharmacyFirstOverview {
        let counts = try await PharmacyFirstStore(database: database).counts()
        let measures = SPCMeasures.pharmacyFirst(counts)
        return PharmacyFirstOverview(
            counts: counts, areas: measures.areas, conditions: measures.conditions,
            sources: try await notes([.pharmacyFirstEngland, .pharmacyFirstRegions], year: nil))
    }
}
