import PodiumCore
import PodiumData

/// An ICB's pharmaceutical list: the register, market share by owner, and changes on the register.
enum PharmacyIndex {
    struct Model: Sendable {
        var register: PharmacyRegister
        var shares: [PharmacyOwnerShare]
        /// Every change on the register, newest first.
        var events: [PharmacyEvent]

        static let recentEvents = 25

        /// Pharmacies by contract type, in the order of the types.
        var byType: [(type: PharmacyContractType, count: Int)] {
            let types = Dictionary(grouping: register.sites) { register.contractType(of: $0.organisation) }
            return PharmacyContractType.allCases.compactMap { type in types[type].map { (type, $0.count) } }
        }

        static func query(_ context: QueryContext, icb code: ICBCode) async throws -> Model {
            let register = try await PharmacyRegister.query(context, icb: code)
            return Model(
                register: register, shares: PharmacyOwnerShare.shares(register.sites.map(\.organisation)),
                events: try await PharmacyEventStore(database: context.database).events(in: code))
        }
    }
}

/// One pharmacy: what ODS says, its hours, closures, Pharmacy First and its early warning.
enum PharmacyShow {
    struct Model: Sendable {
        var sited: Sited<PharmacyCodeKind>
        /// The register of its ICB, when it has one.
        var register: PharmacyRegister?
        var events: [PharmacyEvent]
        var hours: WeeklyHours?
        /// Its entries in its ICB's closures log; `nil` without an ICB.
        var closures: ICBRecords?
        var income: [PharmacyFirstIncomeRow]
        var nearest: (site: PharmacySite, metres: Int)?
        var warning: ProviderWarning?

        /// Whether the page shows the early warning: open pharmacies of an ICB are scored.
        var isScored: Bool { register != nil && sited.organisation.status == .active }

        static func query(_ context: QueryContext, pharmacy code: PharmacyCode) async throws -> Model {
            guard let sited = try await OrganisationStore(database: context.database).pharmacy(code) else {
                throw WebError.notFound(.pharmacyNotFound, "No pharmacy \(code) in the ODS register.")
            }
            let icb = sited.organisation.icb
            let register = try await icb.asyncMap { try await PharmacyRegister.query(context, icb: $0) }
            let store = LocalRecordStore(database: context.database)
            let sessions = OpeningSession.all(
                try await store.records(.pharmacyHours, where: "ods_code", is: code.rawValue).map(\.values))
            let closures = ICBRecords(
                template: .pharmacyClosures,
                records: try await store.records(.pharmacyClosures, where: "ods_code", is: code.rawValue))
            let activity = ICBRecords(
                template: .pharmacyFirstActivity,
                records: try await store.records(.pharmacyFirstActivity, where: "ods_code", is: code.rawValue))
            var nearest: (PharmacySite, Int)?
            if let location = sited.location, location.hasCoordinates {
                nearest = try await PharmacySites.query(context).nearestOpen(to: location.grid, excluding: code)
            }
            return Model(
                sited: sited, register: register,
                events: try await PharmacyEventStore(database: context.database).events(of: code),
                hours: WeeklyHours.inForce(sessions, on: context.today), closures: register == nil ? nil : closures,
                income: PharmacyFirstIncomeRow.rows(activity, names: [code: sited.organisation.name]),
                nearest: nearest.map { (site: $0.0, metres: $0.1) },
                warning: try await icb.asyncMap {
                    try await ProviderWarnings.pharmacy(context, pharmacy: code, icb: $0)
                } ?? nil)
        }
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
