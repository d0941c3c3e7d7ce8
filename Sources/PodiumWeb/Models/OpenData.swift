import FluentKit
import PodiumCore
import PodiumData

/// The open data as page models read it — the ICB register, the months and contract years of dental activity, every
/// ICB's headline figures, England's access models — each built once per state of the import log and kept in the
/// application's ``OpenDataCache`` (computed on every call when there is none).
struct OpenData: Sendable {
    let database: any Database
    let cache: OpenDataCache?
    /// The import log, read at most once for the request these reads serve.
    let importLog: ImportLogReading
    /// The day the reads are for: sources say how old their latest month is on it.
    let today: CalendarDate

    init(
        database: any Database, cache: OpenDataCache?, importLog: ImportLogReading = ImportLogReading(),
        today: CalendarDate
    ) {
        self.database = database
        self.cache = cache
        self.importLog = importLog
        self.today = today
    }

    /// The same reads, for another day.
    func on(_ day: CalendarDate) -> OpenData {
        OpenData(database: database, cache: cache, importLog: importLog, today: day)
    }

    /// The import log's state: what the kept values are good for.
    func importState() async throws -> String {
        let database = self.database
        return try await importLog.state { try await ImportStore(database: database).state() }
    }

    /// `build`'s value from the cache when there is one, else built now.
    func cached<T: Sendable>(_ name: String, _ build: @escaping @Sendable () async throws -> T) async throws -> T {
        guard let cache else { return try await build() }
        return try await cache.value(name, state: try await importState(), build: build)
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

    /// Financial years with dental activity, latest first.
    func financialYears() async throws -> [FinancialYear] {
        DentalStore.financialYears(months: try await activityMonths())
    }

    /// Every financial year with dental activity and the months it has, latest first.
    func yearCoverages() async throws -> [ActivityCoverage] {
        let months = try await activityMonths()
        return DentalStore.financialYears(months: months).map {
            ActivityCoverage(financialYear: $0, monthsPresent: months)
        }
    }

    func coverage(of year: FinancialYear) async throws -> ActivityCoverage {
        ActivityCoverage(financialYear: year, monthsPresent: try await activityMonths())
    }

    /// The contracts whose latest month of the year counts for the ICB, with their months (England's, filtered: the
    /// months are shared, not copied).
    func contractYears(commissionedBy code: ICBCode, in year: FinancialYear) async throws -> [ContractYear] {
        let england = try await contractYears(in: year)
        return try await cached("contract-years-\(code)-\(year.label)") { england.filter { $0.icb == code } }
    }

    /// Every contract of the year with its months, for the views comparing ICBs.
    func contractYears(in year: FinancialYear) async throws -> [ContractYear] {
        let database = self.database
        return try await cached("contract-years-\(year.label)") {
            try await DentalStore(database: database).contractYears(in: year)
        }
    }

    /// Every contract's years chained from April 2016 (or the first year with data) to the latest, with month totals:
    /// built from every year's rows, year by year, once per state of the import log and of the ICBs' variations and
    /// opening balances. Only the outcomes are kept, not the rows.
    func dentalHistory() async throws -> DentalHistory {
        let database = self.database
        let months = try await activityMonths()
        let recorded = try await DentalStore(database: database).recordState()
        let build: @Sendable () async throws -> DentalHistory = {
            let store = DentalStore(database: database)
            let variations = try await VariationStore(database: database).all()
            let openings = try await Self.openings(database)
            var history = DentalHistory()
            for year in DentalStore.financialYears(months: months).reversed() {
                guard let profile = try? WorkingDayProfile(year) else { continue }
                history.add(
                    try await store.contractYears(in: year),
                    coverage: ActivityCoverage(financialYear: year, monthsPresent: months), variations: variations,
                    openings: openings[year] ?? [:], profile: profile)
            }
            return history
        }
        guard let cache else { return try await build() }
        return try await cache.value("dental-history", variant: recorded, state: try await importState(), build: build)
    }

    /// The positions of `years` (contract years of one financial year) under `settings`, each with what it brought in
    /// from the year before (the history's chain).
    func positions(
        _ years: [ContractYear], in year: FinancialYear, settings: PositionSettings,
        variations: [ContractNumber: [ContractVariation]]
    ) async throws -> [ContractPosition] {
        let profile = try WorkingDayProfile.required(year)
        let coverage = try await coverage(of: year)
        let history = try await dentalHistory()
        return years.map {
            ContractPosition(
                year: $0, coverage: coverage, variations: variations[$0.contract] ?? [], profile: profile,
                settings: settings, broughtForward: history.broughtForward(into: year, contract: $0.contract))
        }
    }

    /// The ICBs' carry-forward opening balances by year and contract, each under the ICB that recorded it (it applies
    /// only to a contract of that ICB).
    static func openings(_ database: any Database) async throws -> [FinancialYear: [ContractNumber: [ICBCode:
        CarryForward]]]
    {
        var openings: [FinancialYear: [ContractNumber: [ICBCode: CarryForward]]] = [:]
        for record in try await LocalRecordStore(database: database).records(.carryForwardOpenings, icb: nil) {
            guard let icb = record.icb, let opening = CarryForwardOpening(record.values) else { continue }
            openings[opening.financialYear, default: [:]][opening.contract, default: [:]][icb] = opening.balance
        }
        return openings
    }

    /// Every month of every contract the ICB has commissioned (the early warning's histories).
    func contractHistories(commissionedBy code: ICBCode) async throws -> [ContractNumber: [ContractMonth]] {
        let database = self.database
        return try await cached("warning-months-\(code)") {
            try await DentalStore(database: database).allMonths(commissionedBy: code)
        }
    }

    /// The ICB register, by name.
    func icbs() async throws -> [ICB] {
        let database = self.database
        return try await cached("icbs") { try await GeographyStore(database: database).icbs() }
    }

    func subICBLocations(of code: ICBCode) async throws -> [SubICBLocationFigures] {
        let database = self.database
        return try await cached("sub-icb-locations-\(code)") {
            try await GeographyStore(database: database).subICBLocations(of: code)
        }
    }

    /// Every ICB's headline figures for a year (aggregates over every LSOA, site and contract).
    func figures(financialYear year: FinancialYear?) async throws -> [ICBCode: ICBFigures] {
        let database = self.database
        return try await cached("figures-\(year?.label ?? "none")") {
            try await GeographyStore(database: database).figures(financialYear: year)
        }
    }

    /// The ICB with this code, or a 404.
    func requireICB(_ code: ICBCode) async throws -> ICB {
        guard let icb = try await icbs().first(where: { $0.code == code }) else {
            throw WebError.notFound(.icbNotFound, "No ICB with ODS code \(code) in the register.")
        }
        return icb
    }

    /// The requested financial year, or the latest with dental activity (`nil` if there is none).
    func financialYear(_ requested: String?) async throws -> FinancialYear? {
        let available = try await financialYears()
        guard let requested, !requested.isEmpty else { return available.first }
        guard let year = FinancialYear(requested) else {
            throw WebError.badRequest(.invalidParameter, "year must be a financial year such as 2023/24.")
        }
        guard available.contains(year) else {
            let list = available.map(\.label).joined(separator: ", ")
            throw WebError.notFound(
                .financialYearNotFound,
                "No dental activity for \(year.label). Available: \(list.isEmpty ? "none" : list).")
        }
        return year
    }

    /// Each dataset with its latest import; dental activity also says which months of `year` it covers, and its
    /// latest month and how old that is today.
    func notes(_ datasets: [Dataset], year: FinancialYear?) async throws -> [SourceNote] {
        let records = try await importRecords()
        var latest: [Dataset: ImportRecord] = [:]
        for record in records where latest[record.dataset] == nil { latest[record.dataset] = record }
        var coverage: String?
        var latestMonth: YearMonth?
        if datasets.contains(.dentalActivity) {
            latestMonth = try await activityMonths().last
            if let year { coverage = "\(year.label): " + (try await self.coverage(of: year)).summary }
        }
        let today = self.today
        return datasets.map {
            SourceNote(
                dataset: $0, detail: $0 == .dentalActivity ? coverage : nil, record: latest[$0],
                latestMonth: $0 == .dentalActivity ? latestMonth : nil, today: today)
        }
    }

    /// The datasets behind the headline figures.
    static let figureSources: [Dataset] = [
        .icbs, .population2021, .dentalActivity, .pharmacies, .dentalPractices, .iod2025ICBSummary,
    ]
}
