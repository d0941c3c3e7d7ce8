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
    /// The state of the ICBs' dental records (variations, opening balances), read at most once for the request.
    let dentalRecords: ImportLogReading
    /// The day the reads are for: sources say how old their latest month is on it.
    let today: CalendarDate

    init(
        database: any Database, cache: OpenDataCache?, importLog: ImportLogReading = ImportLogReading(),
        dentalRecords: ImportLogReading = ImportLogReading(), today: CalendarDate
    ) {
        self.database = database
        self.cache = cache
        self.importLog = importLog
        self.dentalRecords = dentalRecords
        self.today = today
    }

    /// The same reads, for another day.
    func on(_ day: CalendarDate) -> OpenData {
        OpenData(database: database, cache: cache, importLog: importLog, dentalRecords: dentalRecords, today: day)
    }

    /// What the values that also depend on the ICBs' dental records are kept for.
    func dentalRecordState() async throws -> String {
        let database = self.database
        return try await dentalRecords.state { try await DentalStore(database: database).recordState() }
    }

    /// `build`'s value from the cache for this import state and state of the ICBs' dental records (and `also`, what
    /// else it depends on).
    func cachedWithDentalRecords<T: Sendable>(
        _ name: String, family: String? = nil, also: String = "", _ build: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let cache else { return try await build() }
        return try await cache.value(
            name, variant: try await dentalRecordState() + "|" + also, family: family, state: try await importState(),
            build: build)
    }

    /// `build`'s value kept until an import, a change to the ICBs' dental records or to `icb`'s local records, or the
    /// day changes: for pages built from one ICB's records as well as the open data.
    func cachedWithRecords<T: Sendable>(
        of icb: ICBCode, _ name: String, family: String, _ build: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let database = self.database
        let records = try await RecordChangeStore(database: database).states()[icb] ?? ""
        return try await cachedWithDentalRecords(name, family: family, also: records + "|" + today.iso, build)
    }

    /// The import log's state: what the kept values are good for.
    func importState() async throws -> String {
        let database = self.database
        return try await importLog.state { try await ImportStore(database: database).state() }
    }

    /// `build`'s value from the cache when there is one, else built now; a `family` of year-sized values keeps only the
    /// years most recently read.
    func cached<T: Sendable>(
        _ name: String, family: String? = nil, _ build: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        guard let cache else { return try await build() }
        return try await cache.value(name, family: family, state: try await importState(), build: build)
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
        // Filtered on each read (a few milliseconds) rather than kept: kept, the subsets would hold on to the rows of
        // years the cache has let go.
        try await contractYears(in: year).filter { $0.icb == code }
    }

    /// Every contract of the year with its months, for the views comparing ICBs.
    func contractYears(in year: FinancialYear) async throws -> [ContractYear] {
        let database = self.database
        return try await cached("contract-years-\(year.label)", family: "contract-years") {
            try await DentalStore(database: database).contractYears(in: year)
        }
    }

    /// Every contract's years chained from April 2016 (or the first year with data) to the latest, with month totals:
    /// built from every year's rows, year by year, once per state of the import log and of the ICBs' variations and
    /// opening balances. Only the outcomes are kept, not the rows.
    ///
    /// The published rows are chained once per import state; the ICBs' records then re-chain only the contracts they
    /// touch, so recording a variation costs those contracts' rows, not ten years of every contract's.
    func dentalHistory() async throws -> DentalHistory {
        let store = DentalStore(database: database)
        let published = try await publishedHistory()
        return try await cachedWithDentalRecords("dental-history") {
            let records = try await store.chainRecords()
            let touched = records.contracts
            guard !touched.isEmpty else { return published }
            return published.replacingContracts(from: try await store.history(records: records, contracts: touched))
        }
    }

    /// Every contract's data checks in `year` (``DataCheck``), by contract, kept per import state.
    func dataChecks(in year: FinancialYear) async throws -> [ContractNumber: [DataCheck]] {
        let openData = self
        return try await cached("data-checks-\(year.label)", family: "data-checks") {
            var checks: [ContractNumber: [DataCheck]] = [:]
            for contract in try await openData.contractYears(in: year) {
                let found = DataCheck.checks(contract)
                if !found.isEmpty { checks[contract.contract] = found }
            }
            return checks
        }
    }

    /// The history of the published rows alone, chained once per import state.
    func publishedHistory() async throws -> DentalHistory {
        let store = DentalStore(database: database)
        return try await cached("dental-history-published") { try await store.history(records: .none) }
    }

    /// The learned year-end forecast of `year` (``ForecastModel``), learned from the published rows of the complete
    /// years before it; `nil` when the year is complete or there is nothing to learn from.
    /// With `asOf`, also for a complete year: the forecast as it was made part way through it.
    func forecastModel(for year: FinancialYear, asOf: YearMonth? = nil) async throws -> ForecastModel? {
        let history = try await publishedHistory()
        guard let coverage = history.coverage.first(where: { $0.financialYear == year }),
            !coverage.isComplete || asOf != nil
        else { return nil }
        let model = try await cached("forecast-model-\(year.label)", family: "forecast-models") {
            ForecastModel(history: history, year: year)
        }
        return model.profile.years.isEmpty ? nil : model
    }

    /// `portfolio` with its clawback's 80 % interval (``PortfolioPosition/withClawbackInterval(errors:)``): 400 draws
    /// over its contracts, so under the standard settings and today's data the interval is kept, by `key` (the ICB, or
    /// the ICBs an England total covers), per state of the import log and of the ICBs' dental records.
    func withClawbackInterval(
        _ portfolio: PortfolioPosition, key: String, settings: PositionSettings, asOf: YearMonth?
    ) async throws -> PortfolioPosition {
        let year = portfolio.financialYear
        guard let errors = try await forecastModel(for: year, asOf: asOf)?.errors else { return portfolio }
        guard asOf == nil, settings == PositionSettings.standard(for: year) else {
            return portfolio.withClawbackInterval(errors: errors)
        }
        var copy = portfolio
        copy.clawbackInterval = try await cachedWithDentalRecords("clawback-interval-\(year.label)-\(key)") {
            portfolio.withClawbackInterval(errors: errors).clawbackInterval
        }
        return copy
    }

    /// The positions of `years` (contract years of one financial year) under `settings`, each with what it brought in
    /// from the year before (the history's chain).
    ///
    /// With `asOf`, the positions as they stood with the data up to that month: later months are dropped from the
    /// rows and the coverage, and the forecast learns only from the complete years before `year`.
    func positions(
        _ years: [ContractYear], in year: FinancialYear, settings: PositionSettings,
        variations: [ContractNumber: [ContractVariation]], asOf: YearMonth? = nil
    ) async throws -> [ContractPosition] {
        if let asOf {
            let full = try await coverage(of: year)
            return try await computePositions(
                Self.upTo(asOf, years), in: year, settings: settings, variations: variations,
                coverage: Self.upTo(asOf, full), asOf: asOf)
        }
        if settings == PositionSettings.standard(for: year) {
            // The standard settings, as most pages read them: every contract's position kept, these picked out.
            let wanted = Set(years.map(\.contract))
            return try await standardPositions(in: year).filter { wanted.contains($0.contract) }
        }
        return try await computePositions(years, in: year, settings: settings, variations: variations)
    }

    /// Every contract's position in `year` under the year's standard settings, kept per state of the import log and
    /// of the ICBs' dental records.
    func standardPositions(in year: FinancialYear) async throws -> [ContractPosition] {
        let openData = self
        return try await cachedWithDentalRecords("positions-\(year.label)", family: "positions") {
            try await openData.computePositions(
                try await openData.contractYears(in: year), in: year, settings: .standard(for: year),
                variations: try await VariationStore(database: openData.database).all())
        }
    }

    /// Contract years with only their months up to `month` (a contract not yet in the data by then is dropped).
    static func upTo(_ month: YearMonth, _ years: [ContractYear]) -> [ContractYear] {
        years.compactMap {
            ContractYear(
                contract: $0.contract, financialYear: $0.financialYear, rows: $0.months.filter { $0.month <= month })
        }
    }

    static func upTo(_ month: YearMonth, _ coverage: ActivityCoverage) -> ActivityCoverage {
        ActivityCoverage(
            financialYear: coverage.financialYear, monthsPresent: coverage.monthsPresent.filter { $0 <= month })
    }

    private func computePositions(
        _ years: [ContractYear], in year: FinancialYear, settings: PositionSettings,
        variations: [ContractNumber: [ContractVariation]], coverage given: ActivityCoverage? = nil,
        asOf: YearMonth? = nil
    ) async throws -> [ContractPosition] {
        let profile = try WorkingDayProfile.required(year)
        var coverage = try await coverage(of: year)
        if let given { coverage = given }
        let history = try await dentalHistory()
        let model = try await forecastModel(for: year, asOf: asOf)
        return years.map {
            ContractPosition(
                year: $0, coverage: coverage, variations: variations[$0.contract] ?? [], profile: profile,
                settings: settings, broughtForward: history.broughtForward(into: year, contract: $0.contract),
                model: model)
        }
    }

    /// The months the early warning reads for the contracts counting for the ICB in `asOf`: that month's financial
    /// year and the one before (its twelve-month changes), from the years' rows, by contract, oldest first.
    func warningHistories(commissionedBy code: ICBCode, asOf: YearMonth) async throws
        -> [ContractNumber: [ContractMonth]]
    {
        let year = FinancialYear(containing: asOf)
        var histories: [ContractNumber: [ContractMonth]] = [:]
        for contract in try await contractYears(in: year) {
            guard contract.months.contains(where: { $0.month == asOf && $0.icb == code }) else { continue }
            histories[contract.contract] = contract.months
        }
        let previous = FinancialYear(startYear: year.startYear - 1)
        if try await financialYears().contains(previous) {
            for contract in try await contractYears(in: previous) where histories[contract.contract] != nil {
                histories[contract.contract] = contract.months + (histories[contract.contract] ?? [])
            }
        }
        return histories
    }

    /// Every English 2021 LSOA with its people, deprivation and centroid (33,755 rows: read once per import).
    func accessAreas() async throws -> [AccessArea] {
        let database = self.database
        return try await cached("access-areas") { try await AccessStore(database: database).areas() }
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
