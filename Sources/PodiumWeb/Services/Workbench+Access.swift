import FluentKit
import Foundation
import PodiumCore
import PodiumData
import Vapor

/// Which sites an access model measures, and how its scores read.
enum AccessService: String, Sendable, Hashable, CaseIterable, Codable {
    case dental, pharmacy

    var label: String { self == .dental ? "NHS dental care" : "Community pharmacy" }
    /// The label inside a sentence.
    var phrase: String { self == .dental ? "NHS dental care" : "community pharmacy" }
    var sites: String { self == .dental ? "dental contracts" : "pharmacies" }
    /// Scores are capacity per resident; shown per this many residents.
    var per: Double { self == .dental ? 1_000 : 10_000 }
    var unit: String { self == .dental ? "UDAs a year per 1,000 residents in reach" : "pharmacies per 10,000 residents in reach" }
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

/// Built models, per process, keyed by the import log: a new import of any file gives a new key, so every instance
/// rebuilds on its next request and never serves scores from replaced data. Building England takes under a second in
/// a release build; concurrent first requests share one build.
actor AccessModelCache {
    struct Key: Hashable {
        var service: AccessService
        var demand: AccessDemand
        var imports: String
    }

    private var entries: [Key: Task<AccessSnapshot, any Error>] = [:]

    func snapshot(_ key: Key, build: @escaping @Sendable () async throws -> AccessSnapshot) async throws -> AccessSnapshot {
        if let task = entries[key] { return try await task.value }
        // Keep only the current import state: older keys are stale.
        entries = entries.filter { $0.key.imports == key.imports }
        let task = Task { try await build() }
        entries[key] = task
        do {
            return try await task.value
        } catch {
            entries[key] = nil
            throw error
        }
    }
}

extension Application {
    private struct AccessModelCacheKey: StorageKey {
        typealias Value = AccessModelCache
    }

    /// The process's access models (set up by `configure`).
    var accessModels: AccessModelCache {
        get {
            guard let cache = storage[AccessModelCacheKey.self] else { fatalError("configure(_:config:) sets up the access model cache") }
            return cache
        }
        set { storage[AccessModelCacheKey.self] = newValue }
    }
}

/// What a reader picks on the access pages: `service=dental|pharmacy`, `demand=everyone|children|adults`.
struct AccessChoices: Content, Sendable {
    var service: String?
    var demand: String?

    static func from(_ req: Request) throws -> AccessChoices {
        guard let choices = try? req.query.decode(AccessChoices.self) else {
            throw WebError.badRequest(code: "invalid_parameter", message: "A query parameter is not valid.")
        }
        return choices
    }

    func resolved() throws -> (service: AccessService, demand: AccessDemand) {
        guard let service = AccessService(rawValue: service.flatMap { $0.isEmpty ? nil : $0 } ?? "dental") else {
            throw WebError.badRequest(code: "invalid_parameter", message: "service must be dental or pharmacy.")
        }
        guard let demand = AccessDemand(rawValue: demand.flatMap { $0.isEmpty ? nil : $0 } ?? "everyone") else {
            throw WebError.badRequest(code: "invalid_parameter", message: "demand must be everyone, children or adults.")
        }
        return (service, demand)
    }

    var queryItems: [URLQueryItem] {
        ListLinks.items([("service", service), ("demand", demand)])
    }
}

/// An ICB's need and access.
struct ICBAccess: Sendable {
    var icb: ICB
    var snapshot: AccessSnapshot
    /// The ICB's areas (positions in the model), by LSOA code.
    var areas: [Int]
    /// The ICB's sites, by name.
    var sites: [Int]
    var ranks: [Int: Int]
    var inequality: AccessInequality
    var england: AccessInequality
    /// The national gap list's entries in this ICB, largest shortfall first.
    var gaps: [AccessGaps.Entry]
}

/// A what-if on an ICB's access.
struct ICBAccessWhatIf: Sendable {
    var access: ICBAccess
    var changes: [AccessScenario.Change]
    /// The change in words.
    var description: String
    var result: AccessWhatIf
}

extension Workbench {
    /// England's access model for `service` and `demand`, built once per import state.
    func accessSnapshot(_ service: AccessService, demand: AccessDemand, cache: AccessModelCache) async throws -> AccessSnapshot {
        let imports = try await importLog.state(database)
        let database = self.database
        return try await cache.snapshot(.init(service: service, demand: demand, imports: imports)) {
            let workbench = Workbench(database: database)
            let store = AccessStore(database: database)
            let year = try await workbench.financialYear(nil)
            let placement: AccessSites
            switch service {
            case .dental:
                if let year { placement = try await store.dentalSites(in: year) } else { placement = AccessSites() }
            case .pharmacy: placement = try await store.pharmacySites()
            }
            let areas = try await store.areas()
            let model = AccessModel(areas: areas, sites: placement.sites, demand: demand)
            let datasets: [Dataset] = [.population2021, .iod2025, .lsoaVintageLookup, .lsoa2011Centroids, .population2020, .lsoa2021Lookup, .postcodes]
                + (service == .dental ? [.dentalActivity] : [.pharmacies])
            return AccessSnapshot(
                service: service, model: model, financialYear: year, placement: placement,
                sources: try await workbench.notes(datasets, year: year))
        }
    }

    func access(of code: ICBCode, service: AccessService, demand: AccessDemand, cache: AccessModelCache) async throws -> ICBAccess {
        let icb = try await requireICB(code)
        let snapshot = try await accessSnapshot(service, demand: demand, cache: cache)
        let model = snapshot.model
        let areas = model.areas(in: code)
        let inICB = Set(areas)
        return ICBAccess(
            icb: icb, snapshot: snapshot, areas: areas,
            sites: model.sites(of: code).sorted { (model.sites[$0].name, model.sites[$0].id) < (model.sites[$1].name, model.sites[$1].id) },
            ranks: model.ranks(of: areas), inequality: model.inequality(of: areas), england: model.inequality(),
            gaps: model.gaps.filter { inICB.contains($0.area) })
    }

    /// Applies the reader's what-if to the ICB's access, or `nil` if the form asks for no change yet.
    func accessWhatIf(on access: ICBAccess, form: WhatIfForm) async throws -> ICBAccessWhatIf? {
        guard let (changes, description) = try await form.changes(in: access.snapshot.model, store: AccessStore(database: database)) else { return nil }
        do {
            let result = try access.snapshot.model.whatIf(changes, icb: access.icb.code)
            return ICBAccessWhatIf(access: access, changes: changes, description: description, result: result)
        } catch {
            throw WebError.badRequest(code: "invalid_change", message: "The change cannot apply: \(error.description).")
        }
    }
}

/// The what-if form: `site`, `change=close|capacity|move|open`, `capacity`, `amount`, `to`, `postcode`.
struct WhatIfForm: Content, Sendable {
    var site: String?
    var change: String?
    var capacity: String?
    var amount: String?
    var to: String?
    var postcode: String?

    static func from(_ req: Request) throws -> WhatIfForm {
        guard let form = try? req.query.decode(WhatIfForm.self) else {
            throw WebError.badRequest(code: "invalid_parameter", message: "A query parameter is not valid.")
        }
        return form
    }

    var isEmpty: Bool { (change ?? "").isEmpty }

    var queryItems: [URLQueryItem] {
        ListLinks.items([("site", site), ("change", change), ("capacity", capacity), ("amount", amount), ("to", to), ("postcode", postcode)])
    }

    /// The changes the form asks for, or `nil` if it asks for none yet.
    /// - Throws: a 400 naming the field that is missing or wrong.
    func changes(in model: AccessModel, store: AccessStore) async throws -> ([AccessScenario.Change], String)? {
        guard let change, !change.isEmpty else { return nil }
        func site(_ field: String, _ value: String?) throws -> Int {
            guard let value, !value.isEmpty else { throw WebError.badRequest(code: "invalid_parameter", message: "Choose a site (\(field)).") }
            guard let number = model.site(value) else {
                throw WebError.notFound(code: "site_not_found", message: "No site \(value) in the access model (it may have no location).")
            }
            return number
        }
        func quantity(_ field: String, _ value: String?) throws -> Double {
            guard let text = value?.replacingOccurrences(of: ",", with: "").trimmingCharacters(in: .whitespaces), let number = Double(text),
                  number.isFinite, number >= 0, number <= 10_000_000
            else { throw WebError.badRequest(code: "invalid_parameter", message: "\(field) must be a number from 0 to 10,000,000.") }
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
            return ([.setCapacity(site: number, capacity: value)], "Set \(name(number))'s capacity to \(Self.group(value))")
        case "move":
            let from = try site("site", self.site), destination = try site("to", to)
            let value = try quantity("amount", amount)
            return ([.move(amount: value, from: from, to: destination)], "Move \(Self.group(value)) from \(name(from)) to \(name(destination))")
        case "open":
            guard let text = postcode, let code = Postcode(text) else {
                throw WebError.badRequest(code: "invalid_parameter", message: "postcode must be a UK postcode, such as B19 1JD.")
            }
            guard let location = try await store.location(of: code) else {
                throw WebError.notFound(code: "postcode_not_found", message: "Code-Point Open (the bundled subset) does not know \(code.display).")
            }
            let value = try quantity("capacity", capacity)
            return ([.open(location: location, capacity: value)], "Open a site at \(code.display) with capacity \(Self.group(value))")
        default:
            throw WebError.badRequest(code: "invalid_parameter", message: "change must be close, capacity, move or open.")
        }
    }

    static func group(_ value: Double) -> String {
        value == value.rounded() ? ScaledDecimal.groupThousands(UInt64(value)) : String(format: "%.2f", value)
    }
}
