import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import Vapor

/// Pharmacy and optometry commissioning pages (issue 7): each answers HTML, or CSV of any of its tables with
/// `?format=csv&table=id`.
struct CommissioningController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.pharmaciesTemplate.components, use: register)
        routes.get(PodiumRoute.pharmacyTemplate.components, use: pharmacy)
        routes.get(PodiumRoute.pharmacyClosuresTemplate.components, use: closures)
        routes.get(PodiumRoute.marketEntryTemplate.components, use: marketEntry)
        routes.get(PodiumRoute.marketEntryApplicationTemplate.components, use: application)
        routes.get(PodiumRoute.icbPharmacyFirstTemplate.components, use: pharmacyFirst)
        routes.get(PodiumRoute.optometryTemplate.components, use: optometry)
        routes.get(APIRoute.icbPharmacyEvents.components, use: eventsAPI)
    }

    private func icb(_ req: Request) throws -> ICBCode { try req.code("icb", as: ICBCode.self, notFound: "icb_not_found") }

    @Sendable func register(req: Request) async throws -> Response {
        let code = try icb(req), parameters = try ListParameters.from(req)
        let workbench = req.workbench
        let register = try await workbench.pharmacyRegister(of: code)
        let table = PharmacyPages.registerTable(register)
        let shares = PharmacyPages.sharesTable(PharmacyOwnerShare.shares(register.sites.map(\.organisation)))
        let events = PharmacyPages.eventsTable(try await PharmacyEventStore(database: req.db).events(in: code))
        let request = try parameters.pageRequest(for: table)
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-pharmacies", [
            (table.id, { table.csv(request) }), (shares.id, { shares.csv(ListRequest()) }), (events.id, { events.csv(ListRequest()) }),
        ]) { return csv }
        return Responses.html(PharmacyPages.register(
            register, table: table, page: table.page(request), links: ListLinks(path: PodiumRoute.pharmacies(code).path, request: request),
            shares: shares, events: events, context: req.page))
    }

    @Sendable func pharmacy(req: Request) async throws -> Response {
        let code = try req.code("pharmacy", as: PharmacyCode.self, notFound: "pharmacy_not_found")
        let parameters = try ListParameters.from(req)
        let workbench = req.workbench
        guard let sited = try await OrganisationStore(database: req.db).pharmacy(code) else {
            throw WebError.notFound(code: "pharmacy_not_found", message: "No pharmacy \(code) in the ODS register.")
        }
        let register = try await sited.organisation.icb.asyncMap { try await workbench.pharmacyRegister(of: $0) }
        let events = PharmacyPages.eventsTable(try await PharmacyEventStore(database: req.db).events(of: code))
        let store = LocalRecordStore(database: req.db)
        let sessions = try await store.records(.pharmacyHours, where: "ods_code", is: code.rawValue).map(\.values)
        let closures = ICBRecords(template: .pharmacyClosures, records: try await store.records(.pharmacyClosures, where: "ods_code", is: code.rawValue))
        let income = try await store.records(.pharmacyFirstActivity, where: "ods_code", is: code.rawValue).compactMap {
            PharmacyFirstIncomeRow($0, names: [code: sited.organisation.name], schedule: .standard)
        }
        let incomeTable = Table<PharmacyFirstIncomeRow>(id: "pharmacy-first", caption: "Pharmacy First", columns: PharmacyPages.incomeColumns(), rows: income, footer: nil)
        let closuresTable = RecordPages.table(closures, icb: sited.organisation.icb)
        let warning = try await sited.organisation.icb.asyncMap { try await workbench.pharmacyWarning(of: code, icb: $0, today: req.clock.today) } ?? nil
        let warningTable = EarlyWarningPages.breakdownTable(warning ?? ProviderWarning(asOf: req.clock.today.yearMonth, configuration: "", readings: []))
        if let csv = try Responses.tableCSV(parameters, name: code.rawValue, [
            (events.id, { events.csv(ListRequest()) }), (closures.template.id, { closuresTable.csv(ListRequest()) }),
            (incomeTable.id, { incomeTable.csv(ListRequest()) }), (warningTable.id, { warningTable.csv(ListRequest()) }),
        ]) { return csv }
        var nearest: (PharmacySite, Int)?
        if let location = sited.location, location.hasCoordinates {
            nearest = ClosureSummary.nearestOpen(to: location.grid, excluding: code, among: try await workbench.pharmacySites())
        }
        return Responses.html(PharmacyPages.pharmacy(
            sited, register: register, events: events, hours: WeeklyHours.inForce(sessions, on: req.clock.today),
            closures: register == nil ? nil : closures, income: income, nearest: nearest, warning: warning, context: req.page))
    }

    @Sendable func closures(req: Request) async throws -> Response {
        let code = try icb(req), parameters = try ListParameters.from(req)
        let overview = try await req.workbench.closures(of: code, today: req.clock.today)
        let tables = (PharmacyPages.closuresTable(overview.rows), PharmacyPages.decileTable(overview.summary), PharmacyPages.hoursTable(overview.weeks))
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-closures", [
            (tables.0.id, { tables.0.csv(ListRequest()) }), (tables.1.id, { tables.1.csv(ListRequest()) }), (tables.2.id, { tables.2.csv(ListRequest()) }),
        ]) { return csv }
        return Responses.html(PharmacyPages.closures(overview, tables: tables, context: req.page))
    }

    @Sendable func marketEntry(req: Request) async throws -> Response {
        let code = try icb(req), parameters = try ListParameters.from(req)
        let overview = try await req.workbench.marketEntry(of: code, today: req.clock.today)
        let applications = PharmacyPages.applicationsTable(overview.applications, icb: code, timetable: .standard)
        let boards = PharmacyPages.boardsTable(overview)
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-market-entry", [
            (applications.id, { applications.csv(ListRequest()) }), (boards.id, { boards.csv(ListRequest()) }),
        ]) { return csv }
        return Responses.html(PharmacyPages.marketEntry(overview, applications: applications, boards: boards, context: req.page))
    }

    @Sendable func application(req: Request) async throws -> Response {
        let code = try icb(req), parameters = try ListParameters.from(req)
        let reference = req.parameters.get("reference") ?? ""
        let workbench = req.workbench
        guard let record = try await LocalRecordStore(database: req.db).record(.marketEntryApplications, key: reference), record.icb == code else {
            throw WebError.notFound(code: "application_not_found", message: "No market-entry application \"\(reference)\" for \(code).")
        }
        let register = try await workbench.pharmacyRegister(of: code)
        let sites = try await workbench.pharmacySites()
        let names = Dictionary(sites.map { ($0.code.rawValue, $0.name) }, uniquingKeysWith: { first, _ in first })
        let parties = try await workbench.notificationList(for: record.values, sites: sites).map {
            PharmacyPages.partiesTable($0, register: register, names: names)
        }
        if let parties, let csv = try Responses.tableCSV(parameters, name: "\(code)-\(reference)", [(parties.id, { parties.csv(ListRequest()) })]) { return csv }
        return Responses.html(PharmacyPages.application(record, register: register, parties: parties, timetable: .standard, context: req.page))
    }

    @Sendable func pharmacyFirst(req: Request) async throws -> Response {
        let code = try icb(req), parameters = try ListParameters.from(req)
        let overview = try await req.workbench.pharmacyFirst(of: code)
        let latestMonth = overview.months.last
        let latest = Table<PharmacyFirstIncomeRow>(
            id: "latest", caption: latestMonth.map { "Each pharmacy in \($0.label)" } ?? "Each pharmacy", columns: PharmacyPages.incomeColumns(),
            rows: overview.rows.filter { $0.month == latestMonth }, footer: nil)
        let all = Table<PharmacyFirstIncomeRow>(id: "all", caption: "Every month", columns: PharmacyPages.incomeColumns(), rows: overview.rows, footer: nil)
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-pharmacy-first", [(latest.id, { latest.csv(ListRequest()) }), (all.id, { all.csv(ListRequest()) })]) {
            return csv
        }
        return Responses.html(PharmacyPages.pharmacyFirst(overview, latest: latest, context: req.page))
    }

    @Sendable func optometry(req: Request) async throws -> Response {
        let code = try icb(req), parameters = try ListParameters.from(req)
        func pounds(_ name: String) throws -> Money? {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return nil }
            guard let money = try? Money(pounds: text.replacingOccurrences(of: "£", with: "")), money.pence >= 0 else {
                throw WebError.badRequest(code: "invalid_parameter", message: "\(name) must be an amount in pounds, such as 39.10.")
            }
            return money
        }
        let fees = GOSFeeSchedule(averageVoucher: try pounds("voucher"), averageRepair: try pounds("repair"), domiciliaryVisit: try pounds("visit"))
        let overview = try await req.workbench.optometry(of: code, fees: fees)
        let monthly = OptometryPage.monthlyTable(overview)
        var tables: [(String, () -> String)] = [(monthly.id, { monthly.csv(ListRequest()) })]
        if let measure = overview.sightTests, let points = Tables.spcPoints(named: "spc-\(measure.id)", in: [measure]) {
            tables.append(("spc-\(measure.id)", { points.csv(ListRequest()) }))
        }
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-optometry", tables) { return csv }
        return Responses.html(OptometryPage.render(overview, monthly: monthly, fees: fees, context: req.page))
    }

    @Sendable func eventsAPI(req: Request) async throws -> API.PharmacyEventsDTO {
        let code = try icb(req)
        _ = try await req.workbench.requireICB(code)
        let events = try await PharmacyEventStore(database: req.db).events(in: code)
        return API.PharmacyEventsDTO(events: events.map {
            API.PharmacyEventDTO(pharmacy: $0.pharmacy.rawValue, date: $0.date.iso, kind: $0.kind.rawValue, detail: $0.detail)
        })
    }
}

extension API {
    struct PharmacyEventsDTO: Content {
        var events: [PharmacyEventDTO]
    }

    /// A dated change on the pharmaceutical register, newest first.
    struct PharmacyEventDTO: Content {
        var pharmacy: String
        var date: String
        var kind: String
        var detail: String
    }
}

extension Optional {
    func asyncMap<T>(_ transform: (Wrapped) async throws -> T) async rethrows -> T? {
        guard let value = self else { return nil }
        return try await transform(value)
    }
}
