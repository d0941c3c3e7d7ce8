import FluentKit
import Foundation
import PodiumCore
import PodiumData

/// Turns a pharmacy extract into register events, inside the import's transaction.
enum PharmacyHistoryImport {
    /// Records the history `register` carries in its own dates and, when an earlier extract is stored, what changed
    /// since. Call it before the new rows are written.
    static func record(_ register: [Pharmacy], on database: any Database, observed: CalendarDate) async throws {
        let earlier = try await OrganisationStore(database: database).pharmacyRegister().map(\.organisation)
        var events = PharmacyRegisterHistory.events(in: register)
        if !earlier.isEmpty {
            events += PharmacyRegisterHistory.changes(from: earlier, to: register, observed: observed)
        }
        // One row per pharmacy, kind and date: the between-extracts reading wins over the single-extract one.
        var unique: [String: PharmacyEvent] = [:]
        for event in events { unique["\(event.pharmacy)|\(event.kind.rawValue)|\(event.date.iso)"] = event }
        try await PharmacyEventStore(database: database).write(
            unique.values.sorted { ($0.pharmacy, $0.date.iso) < ($1.pharmacy, $1.date.iso) })
    }
}
