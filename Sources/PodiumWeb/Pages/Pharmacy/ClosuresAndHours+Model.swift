import PodiumCore
import PodiumData

/// An ICB's closures log and opening hours: rates by deprivation, each closure with the nearest open pharmacy, and
/// the hours each pharmacy should be open.
enum ClosuresAndHours {
    struct Model: Sendable {
        var register: PharmacyRegister
        var closures: ICBRecords
        var hours: ICBRecords
        var summary: ClosureSummary
        var rows: [Row]
        /// Each pharmacy's week of hours in force today.
        var weeks: [(Sited<PharmacyCodeKind>, WeeklyHours?)]

        var weeksRecorded: Int { weeks.filter { $0.1 != nil }.count }

        struct Row: Sendable {
            var closure: PharmacyClosure
            var name: String
            var isExample: Bool
            var nearest: (PharmacySite, Int)?
        }

        static func query(_ context: QueryContext, icb code: ICBCode) async throws -> Model {
            let register = try await PharmacyRegister.query(context, icb: code)
            let closures = try await ICBRecords.query(context, .pharmacyClosures, icb: code)
            let hours = try await ICBRecords.query(context, .pharmacyHours, icb: code)
            let sites = try await PharmacySites.query(context)
            let areas = try await context.openData.accessAreas()
            let index = GridIndex(areas.map(\.location), cellSize: 2000)
            // A pharmacy's area is the LSOA whose centroid is nearest its postcode (Code-Point gives no LSOA).
            func decile(_ point: GridPoint) -> Int? {
                index.nearest(toX: point.easting, y: point.northing).map { areas[$0.index].imdDecile }
            }
            var decileOf: [PharmacyCode: Int?] = [:]
            for sited in register.sites {
                decileOf[sited.organisation.code] = sited.location.flatMap { $0.hasCoordinates ? decile($0.grid) : nil }
            }
            let siteOf = Dictionary(sites.sites.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
            let names = register.names
            let rows = closures.typed(PharmacyClosure.self).map { closure, stored in
                Row(
                    closure: closure, name: names[closure.pharmacy] ?? siteOf[closure.pharmacy]?.name ?? "",
                    isExample: stored.isExample,
                    nearest: siteOf[closure.pharmacy].flatMap {
                        sites.nearestOpen(to: $0.location, excluding: closure.pharmacy)
                    })
            }
            // Permanent closures of pharmacies that have left the open register still count against the ICB's rate.
            for row in rows where row.closure.kind == .permanent && decileOf[row.closure.pharmacy] == nil {
                decileOf[row.closure.pharmacy] = siteOf[row.closure.pharmacy].flatMap { decile($0.location) }
            }
            let sessions = Dictionary(grouping: hours.items(OpeningSession.self), by: \.pharmacy)
            let weeks = register.sites.map {
                ($0, WeeklyHours.inForce(sessions[$0.organisation.code] ?? [], on: context.today))
            }
            return Model(
                register: register, closures: closures, hours: hours,
                summary: ClosureSummary.of(rows.map(\.closure), decileOf: decileOf),
                rows: rows, weeks: weeks)
        }
    }
}
