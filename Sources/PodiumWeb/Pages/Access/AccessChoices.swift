import Foundation
import PodiumCore
import PodiumData

/// Which sites an access model measures, and how its scores read.
enum AccessService: String, Sendable, Hashable, CaseIterable, Codable {
    case dental, pharmacy

    var label: String { self == .dental ? "NHS dental care" : "Community pharmacy" }
    /// The label inside a sentence.
    var phrase: String { self == .dental ? "NHS dental care" : "community pharmacy" }
    var sites: String { self == .dental ? "dental contracts" : "pharmacies" }
    /// Scores are capacity per resident; shown per this many residents.
    var per: Double { self == .dental ? 1_000 : 10_000 }
    var unit: String {
        self == .dental ? "UDAs a year per 1,000 residents in reach" : "pharmacies per 10,000 residents in reach"
    }
    var capacityLabel: String { self == .dental ? "UDA target a year" : "capacity (1 per pharmacy)" }
}

/// England's access model for one service and demand group, with what was left out and where it came from.
struct AccessSnapshot: Sendable {
    var service: AccessService
    var model: AccessModel
    var financialYear: FinancialYear?
    var placement: AccessSites
    var sources: [SourceNote]
}

extension AccessSnapshot {
    /// England's access model for `service` and `demand`, built once per import state and kept in the open-data cache
    /// (building England takes under a second in a release build; concurrent first requests share one build).
    static func query(_ context: QueryContext, service: AccessService, demand: AccessDemand) async throws
        -> AccessSnapshot
    {
        let openData = context.openData
        let database = context.database
        return try await openData.cached("access-\(service.rawValue)-\(demand.rawValue)") {
            let store = AccessStore(database: database)
            let year = try await openData.financialYear(nil)
            let placement: AccessSites
            switch service {
            case .dental:
                if let year { placement = try await store.dentalSites(in: year) } else { placement = AccessSites() }
            case .pharmacy: placement = try await store.pharmacySites()
            }
            let areas = try await openData.accessAreas()
            let model = AccessModel(areas: areas, sites: placement.sites, demand: demand)
            let datasets: [Dataset] =
                [
                    .population2021, .iod2025, .lsoaVintageLookup, .lsoa2011Centroids, .population2020, .lsoa2021Lookup,
                    .postcodes,
                ]
                + (service == .dental ? [.dentalActivity] : [.pharmacies])
            return AccessSnapshot(
                service: service, model: model, financialYear: year, placement: placement,
                sources: try await openData.notes(datasets, year: year))
        }
    }

    /// One LSOA's scores in the service's unit, its rank in the ICB and (after a what-if) its new score.
    func row(_ area: Int, rank: Int? = nil, after: [Double]? = nil) -> AccessAreaRow {
        let per = service.per
        return AccessAreaRow(
            area: model.areas[area], people: model.population[area], access: model.access[area] * per,
            activity: model.activity[area] * per,
            ofEngland: model.access[area] / model.englandMean, rank: rank, after: after.map { $0[area] * per })
    }
}

/// What a reader picks on the access pages: `service=dental|pharmacy`, `demand=everyone|children|adults`.
struct AccessChoices: Codable, Sendable {
    var service: String?
    var demand: String?

    func resolved() throws -> (service: AccessService, demand: AccessDemand) {
        guard let service = AccessService(rawValue: service.flatMap { $0.isEmpty ? nil : $0 } ?? "dental") else {
            throw WebError.invalid("service must be dental or pharmacy.")
        }
        guard let demand = AccessDemand(rawValue: demand.flatMap { $0.isEmpty ? nil : $0 } ?? "everyone") else {
            throw WebError.invalid("demand must be everyone, children or adults.")
        }
        return (service, demand)
    }

    var queryItems: [URLQueryItem] {
        QueryItems.of([("service", service), ("demand", demand)])
    }
}

/// The what-if form: `site`, `change=close|capacity|move|open`, `capacity`, `amount`, `to`, `postcode`.
struct WhatIfForm: Codable, Sendable {
    var site: String?
    var change: String?
    var capacity: String?
    var amount: String?
    var to: String?
    var postcode: String?

    var isEmpty: Bool { (change ?? "").isEmpty }

    var queryItems: [URLQueryItem] {
        QueryItems.of([
            ("site", site), ("change", change), ("capacity", capacity), ("amount", amount), ("to", to),
            ("postcode", postcode),
        ])
    }

    /// The changes the form asks for, or `nil` if it asks for none yet.
    /// - Throws: a 400 naming the field that is missing or wrong.
    func changes(in model: AccessModel, store: AccessStore) async throws -> ([AccessScenario.Change], String)? {
        guard let change, !change.isEmpty else { return nil }
        func site(_ field: String, _ value: String?) throws -> Int {
            guard let value, !value.isEmpty else { throw WebError.invalid("Choose a site (\(field)).") }
            guard let number = model.site(value) else {
                throw WebError.notFound(
                    .siteNotFound, "No site \(value) in the access model (it may have no location).")
            }
            return number
        }
        func quantity(_ field: String, _ value: String?) throws -> Double {
            guard let text = value?.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces),
                let number = Double(text),
                number.isFinite, number >= 0, number <= 10_000_000
            else { throw WebError.invalid("\(field) must be a number from 0 to 10,000,000.") }
            return number
        }
        func name(_ number: Int) -> String { "\(model.sites[number].name) (\(model.sites[number].id))" }
        switch change {
        case "close":
            let number = try site("site", self.site)
            return ([.close(site: number)], "Close \(name(number))")
        case "capacity":
            let number = try site("site", self.site)
            let value = try quantity("capacity", capacity)
            return (
                [.setCapacity(site: number, capacity: value)], "Set \(name(number))'s capacity to \(Self.group(value))"
            )
        case "move":
            let from = try site("site", self.site)
            let destination = try site("to", to)
            let value = try quantity("amount", amount)
            return (
                [.move(amount: value, from: from, to: destination)],
                "Move \(Self.group(value)) from \(name(from)) to \(name(destination))"
            )
        case "open":
            guard let text = postcode, let code = Postcode(text) else {
                throw WebError.invalid("postcode must be a UK postcode, such as B19 1JD.")
            }
            guard let location = try await store.location(of: code) else {
                throw WebError.notFound(
                    .postcodeNotFound, "Code-Point Open (the bundled subset) does not know \(code.display).")
            }
            let value = try quantity("capacity", capacity)
            return (
                [.open(location: location, capacity: value)],
                "Open a site at \(code.display) with capacity \(Self.group(value))"
            )
        default:
            throw WebError.invalid("change must be close, capacity, move or open.")
        }
    }

    static func group(_ value: Double) -> String {
        value == value.rounded() ? ScaledDecimal.groupThousands(UInt64(value)) : String(format: "%.2f", value)
    }
}
