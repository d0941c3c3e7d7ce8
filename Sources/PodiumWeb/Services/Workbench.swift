import FluentKit
import Foundation
import PodiumCore
import PodiumData

/// Where a page's figures come from and how current they are.
struct SourceNote: Sendable {
    var dataset: Dataset
    /// Period covered, e.g. "April 2023 – December 2023 (November 2023 missing)".
    var detail: String?
    /// The import that loaded it, or `nil` if it has not been imported.
    var record: ImportRecord?

    var sentence: String {
        var text = dataset.citation + "; " + dataset.coverage
        if let detail { text += "; " + detail }
        if let record {
            text += ". Imported \(DateText.long(record.importedAt)) from \(record.fileName)."
        } else {
            text += ". Not imported yet."
        }
        return text
    }
}

/// An ICB with its headline figures.
struct ICBRow: Sendable {
    var icb: ICB
    var figures: ICBFigures
}

struct EnglandOverview: Sendable {
    var financialYear: FinancialYear?
    var rows: [ICBRow]
    var total: ICBFigures
    var sources: [SourceNote]
}

struct ICBOverview: Sendable {
    var icb: ICB
    var figures: ICBFigures
    var financialYear: FinancialYear?
    var subICBLocations: [SubICBLocationFigures]
    var sources: [SourceNote]
}

struct ContractList: Sendable {
    var icb: ICB
    var financialYear: FinancialYear?
    var availableYears: [FinancialYear]
    var contracts: [ContractYear]
    var coverage: ActivityCoverage?
    var sources: [SourceNote]
}

struct ContractDetail: Sendable {
    var contract: ContractNumber
    /// Every month on record, oldest first.
    var months: [ContractMonth]
    /// The latest financial year's position.
    var current: ContractYear
    /// The commissioning ICB in the latest month, if it is in the register.
    var icb: ICB?
    var coverage: ActivityCoverage
    var sources: [SourceNote]
}

struct OrganisationList<Kind: CodeKind>: Sendable {
    var icb: ICB
    var sites: [Sited<Kind>]
    var sources: [SourceNote]
}

/// The read side of the workbench: combines stores into what pages and the API show.
/// Pages and API controllers both use it, so a figure is computed in one place.
struct Workbench: Sendable {
    let database: any Database
    /// Figures derived from the open data, kept per state of the import log; `nil` computes them every time.
    var cache: OpenDataCache? = nil
    /// The import log, read at most once for the request this workbench serves.
    var importLog = ImportLogReading()

    private var geography: GeographyStore { GeographyStore(database: database) }
    private var dental: DentalStore { DentalStore(database: database) }

    func england(year requested: String?) async throws -> EnglandOverview {
        let year = try await financialYear(requested)
        let figures = try await figures(financialYear: year)
        let rows = try await icbs().map { ICBRow(icb: $0, figures: figures[$0.code] ?? .total([])) }
        return EnglandOverview(
            financialYear: year, rows: rows, total: .total(rows.map(\.figures)),
            sources: try await notes(Self.figureSources, year: year))
    }

    func icb(_ code: ICBCode, year requested: String?) async throws -> ICBOverview {
        let icb = try await requireICB(code)
        let year = try await financialYear(requested)
        let figures = try await figures(financialYear: year)[code] ?? .total([])
        return ICBOverview(
            icb: icb, figures: figures, financialYear: year, subICBLocations: try await subICBLocations(of: code),
            sources: try await notes(Self.figureSources + [.subICBLocations, .lsoa2021Lookup, .iod2025], year: year))
    }

    func contracts(of code: ICBCode, year requested: String?) async throws -> ContractList {
        let icb = try await requireICB(code)
        let year = try await financialYear(requested)
        var contracts: [ContractYear] = []
        var coverage: ActivityCoverage?
        if let year {
            contracts = try await contractYears(commissionedBy: code, in: year)
            coverage = try await self.coverage(of: year)
        }
        return ContractList(
            icb: icb, financialYear: year, availableYears: try await financialYears(), contracts: contracts,
            coverage: coverage, sources: try await notes([.dentalActivity], year: year))
    }

    /// A contract's months and its year: the requested financial year, or the latest it has data for.
    func contract(_ number: ContractNumber, year requested: String? = nil) async throws -> ContractDetail {
        let months = try await dental.months(of: number)
        guard let latest = months.last else {
            throw WebError.notFound(code: "contract_not_found", message: "No dental contract \(number) in the imported activity data.")
        }
        var year = FinancialYear(containing: latest.month)
        if let requested, !requested.isEmpty {
            guard let parsed = FinancialYear(requested) else {
                throw WebError.badRequest(code: "invalid_parameter", message: "year must be a financial year such as 2023/24.")
            }
            year = parsed
        }
        guard let current = ContractYear(contract: number, financialYear: year, rows: months) else {
            throw WebError.notFound(code: "financial_year_not_found", message: "Contract \(number) has no activity in \(year.label).")
        }
        return ContractDetail(
            contract: number, months: months, current: current, icb: try await icbs().first { $0.code == latest.commissioner },
            coverage: try await coverage(of: current.financialYear),
            sources: try await notes([.dentalActivity], year: current.financialYear))
    }

    func pharmacies(of code: ICBCode) async throws -> OrganisationList<PharmacyCodeKind> {
        OrganisationList(
            icb: try await requireICB(code), sites: try await OrganisationStore(database: database).pharmacies(in: code),
            sources: try await notes([.pharmacies, .postcodes], year: nil))
    }

    func dentalPractices(of code: ICBCode) async throws -> OrganisationList<DentalPracticeCodeKind> {
        OrganisationList(
            icb: try await requireICB(code), sites: try await OrganisationStore(database: database).dentalPractices(in: code),
            sources: try await notes([.dentalPractices, .postcodes], year: nil))
    }

    /// Every dataset with its latest import.
    func catalogue() async throws -> [SourceNote] {
        try await notes(Dataset.allCases, year: nil)
    }

    /// The datasets behind the headline figures.
    static let figureSources: [Dataset] = [.icbs, .population2021, .dentalActivity, .pharmacies, .dentalPractices, .iod2025ICBSummary]

    func requireICB(_ code: ICBCode) async throws -> ICB {
        guard let icb = try await icbs().first(where: { $0.code == code }) else {
            throw WebError.notFound(code: "icb_not_found", message: "No ICB with ODS code \(code) in the register.")
        }
        return icb
    }

    /// The requested financial year, or the latest with dental activity (`nil` if there is none).
    func financialYear(_ requested: String?) async throws -> FinancialYear? {
        let available = try await financialYears()
        guard let requested, !requested.isEmpty else { return available.first }
        guard let year = FinancialYear(requested) else {
            throw WebError.badRequest(code: "invalid_parameter", message: "year must be a financial year such as 2023/24.")
        }
        guard available.contains(year) else {
            let list = available.map(\.label).joined(separator: ", ")
            throw WebError.notFound(
                code: "financial_year_not_found", message: "No dental activity for \(year.label). Available: \(list.isEmpty ? "none" : list).")
        }
        return year
    }

    func notes(_ datasets: [Dataset], year: FinancialYear?) async throws -> [SourceNote] {
        let records = try await importRecords()
        var latest: [Dataset: ImportRecord] = [:]
        for record in records where latest[record.dataset] == nil { latest[record.dataset] = record }
        var coverage: String?
        if datasets.contains(.dentalActivity), let year {
            coverage = "\(year.label): " + (try await self.coverage(of: year)).summary
        }
        return datasets.map { SourceNote(dataset: $0, detail: $0 == .dentalActivity ? coverage : nil, record: latest[$0]) }
    }
}

extension Workbench {
    /// `build`'s value from the cache when there is one, else built now. The cache is good while the import log's
    /// state (read once a request) is unchanged.
    func cached<T: Sendable>(_ name: String, _ build: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let cache else { return try await build() }
        return try await cache.value(name, state: try await importLog.state(database), build: build)
    }

    /// Every import, newest first.
    func importRecords() async throws -> [ImportRecord] {
        let database = self.database
        return try await cached("import-log") { try await ImportStore(database: database).all() }
    }

    /// Months with dental activity (a scan of the whole activity table, so kept).
    func activityMonths() async throws -> [YearMonth] {
        let database = self.database
        return try await cached("activity-months") { try await DentalStore(database: database).months() }
    }

    func financialYears() async throws -> [FinancialYear] { DentalStore.financialYears(months: try await activityMonths()) }

    func coverage(of year: FinancialYear) async throws -> ActivityCoverage {
        ActivityCoverage(financialYear: year, monthsPresent: try await activityMonths())
    }

    /// The contracts an ICB commissions in their latest month of the year, with their months: open data only, so
    /// kept (finding each contract's latest month scans the year's activity).
    func contractYears(commissionedBy code: ICBCode, in year: FinancialYear) async throws -> [ContractYear] {
        let database = self.database
        return try await cached("contract-years-\(code)-\(year.label)") {
            try await DentalStore(database: database).contractYears(commissionedBy: code, in: year)
        }
    }

    /// Every contract of the year with its months, for the views comparing ICBs: open data, so kept.
    func contractYears(in year: FinancialYear) async throws -> [ContractYear] {
        let database = self.database
        return try await cached("contract-years-\(year.label)") { try await DentalStore(database: database).contractYears(in: year) }
    }

    /// The ICB register, by name.
    func icbs() async throws -> [ICB] {
        let database = self.database
        return try await cached("icbs") { try await GeographyStore(database: database).icbs() }
    }

    func subICBLocations(of code: ICBCode) async throws -> [SubICBLocationFigures] {
        let database = self.database
        return try await cached("sub-icb-locations-\(code)") { try await GeographyStore(database: database).subICBLocations(of: code) }
    }

    /// Every ICB's headline figures for a year (aggregates over every LSOA, site and contract, so kept).
    func figures(financialYear year: FinancialYear?) async throws -> [ICBCode: ICBFigures] {
        let database = self.database
        return try await cached("figures-\(year?.label ?? "none")") { try await GeographyStore(database: database).figures(financialYear: year) }
    }
}

/// The import log's state as one request reads it: loaded on first use and kept for the rest of the request, so the
/// many figures a page takes from the cache cost one short query between them.
final class ImportLogReading: @unchecked Sendable {
    // NB: @unchecked because `loaded` is guarded by `lock`.
    private let lock = NSLock()
    private var loaded: String?

    func state(_ database: any Database) async throws -> String {
        if let state = lock.withLock({ loaded }) { return state }
        let state = try await ImportStore(database: database).state()
        lock.withLock { loaded = state }
        return state
    }
}
