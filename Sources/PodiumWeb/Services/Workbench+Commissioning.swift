import PodiumCore
import PodiumData

/// An ICB's pharmaceutical list as Podium knows it: ODS premises with their Health and Wellbeing Board, contract
/// type, and the ICB's local records.
struct PharmacyRegister: Sendable {
    var icb: ICB
    /// Open English pharmacies and appliance contractors of the ICB.
    var sites: [Sited<PharmacyCodeKind>]
    var contractTypes: [PharmacyCode: PharmacyContractType]
    var boardNames: [String: String]
    var sources: [SourceNote]

    func board(of sited: Sited<PharmacyCodeKind>) -> String? { sited.location?.healthAndWellbeingBoard }

    func boardName(_ code: String?) -> String {
        guard let code else { return "" }
        return boardNames[code] ?? HealthAndWellbeingBoard.names[code] ?? code
    }

    /// From the ICB's list where recorded, else ODS's sub-type (which tells appliance contractors apart only).
    func contractType(of pharmacy: Pharmacy) -> PharmacyContractType {
        contractTypes[pharmacy.code] ?? (pharmacy.subType == "2" ? .appliance : .community)
    }

    var boards: [String] { Set(sites.compactMap(board)).sorted() }
}

/// Local records of one template for an ICB, and whether any is example data.
struct ICBRecords: Sendable {
    var template: RecordTemplate
    var records: [StoredRecord]
    var hasExamples: Bool { records.contains(where: \.isExample) }
    var values: [FieldValues] { records.map(\.values) }
}

extension Workbench {
    func pharmacyRegister(of code: ICBCode) async throws -> PharmacyRegister {
        let icb = try await requireICB(code)
        let organisations = OrganisationStore(database: database)
        let types = try await records(.pharmacyContractTypes, of: code).values.reduce(into: [PharmacyCode: PharmacyContractType]()) { types, record in
            if let pharmacy = record.text("ods_code").flatMap(PharmacyCode.init), let type = record.text("contract_type").flatMap(PharmacyContractType.init) {
                types[pharmacy] = type
            }
        }
        return PharmacyRegister(
            icb: icb, sites: try await organisations.pharmacies(in: code), contractTypes: types,
            boardNames: try await GeographyStore(database: database).localAuthorityNames(),
            sources: try await notes([.pharmacies, .postcodes, .lsoaVintageLookup], year: nil))
    }

    func records(_ template: RecordTemplate, of code: ICBCode) async throws -> ICBRecords {
        ICBRecords(template: template, records: try await LocalRecordStore(database: database).records(template, icb: code))
    }

    /// The PNA documents of the boards an ICB's pharmacies are in (PNAs belong to boards, not ICBs).
    func pnaDocuments(boards: [String]) async throws -> ICBRecords {
        let all = try await LocalRecordStore(database: database).records(.pnaDocuments, icb: nil)
        let wanted = Set(boards)
        return ICBRecords(template: .pnaDocuments, records: all.filter { wanted.contains($0.values.text("hwb_code") ?? "") })
    }

    /// Every English pharmacy with a location, open or closed: for distances and the 2 km list.
    func pharmacySites() async throws -> [PharmacySite] {
        try await OrganisationStore(database: database).pharmacyRegister().compactMap { sited in
            guard sited.organisation.isInEngland, let location = sited.location, location.hasCoordinates else { return nil }
            return PharmacySite(
                code: sited.organisation.code, name: sited.organisation.name, location: location.grid,
                healthAndWellbeingBoard: location.healthAndWellbeingBoard, isOpen: sited.organisation.status == .active)
        }
    }
}

/// Closures log figures for an ICB.
struct ClosuresOverview: Sendable {
    var register: PharmacyRegister
    var closures: ICBRecords
    var hours: ICBRecords
    var summary: ClosureSummary
    var rows: [ClosureRow]
    /// Each pharmacy's week of hours in force today.
    var weeks: [(Sited<PharmacyCodeKind>, WeeklyHours?)]
}

struct ClosureRow: Sendable {
    var closure: PharmacyClosure
    var name: String
    var isExample: Bool
    var nearest: (PharmacySite, Int)?
}

extension Workbench {
    func closures(of code: ICBCode, today: CalendarDate) async throws -> ClosuresOverview {
        let register = try await pharmacyRegister(of: code)
        let closures = try await records(.pharmacyClosures, of: code)
        let hours = try await records(.pharmacyHours, of: code)
        let sites = try await pharmacySites()
        let areas = try await AccessStore(database: database).areas()
        let index = GridIndex(areas.map(\.location), cellSize: 2000)
        // A pharmacy's area is the LSOA whose centroid is nearest its postcode (Code-Point gives no LSOA).
        func decile(_ point: GridPoint) -> Int? {
            var best: (Int, Double)?
            for radius in [2000.0, 8000, 30000] where best == nil {
                index.forEach(within: radius, ofX: point.easting, y: point.northing) { item, metres in
                    if best == nil || metres < best!.1 { best = (item, metres) }
                }
            }
            return best.map { areas[$0.0].imdDecile }
        }
        var decileOf: [PharmacyCode: Int?] = [:]
        for sited in register.sites { decileOf[sited.organisation.code] = sited.location.flatMap { $0.hasCoordinates ? decile($0.grid) : nil } }
        let siteOf = Dictionary(sites.map { ($0.code, $0) }, uniquingKeysWith: { first, _ in first })
        let names = Dictionary(register.sites.map { ($0.organisation.code, $0.organisation.name) }, uniquingKeysWith: { first, _ in first })
        let rows = closures.records.compactMap { record -> ClosureRow? in
            guard let closure = PharmacyClosure(record.values) else { return nil }
            let nearest = siteOf[closure.pharmacy].flatMap { ClosureSummary.nearestOpen(to: $0.location, excluding: closure.pharmacy, among: sites) }
            return ClosureRow(closure: closure, name: names[closure.pharmacy] ?? siteOf[closure.pharmacy]?.name ?? "", isExample: record.isExample, nearest: nearest)
        }
        // Permanent closures of pharmacies that have left the open register still count against the ICB's rate.
        for row in rows where row.closure.kind == .permanent && decileOf[row.closure.pharmacy] == nil {
            decileOf[row.closure.pharmacy] = siteOf[row.closure.pharmacy].flatMap { decile($0.location) }
        }
        let sessions = Dictionary(grouping: hours.values, by: { $0.text("ods_code") ?? "" })
        let weeks = register.sites.map { ($0, WeeklyHours.inForce(sessions[$0.organisation.code.rawValue] ?? [], on: today)) }
        return ClosuresOverview(
            register: register, closures: closures, hours: hours, summary: ClosureSummary.of(rows.map(\.closure), decileOf: decileOf),
            rows: rows, weeks: weeks)
    }
}

/// Market entry and PNAs for an ICB.
struct MarketEntryOverview: Sendable {
    var register: PharmacyRegister
    var applications: ICBRecords
    var documents: ICBRecords
    var boards: [(code: String, status: PNAStatus)]
}

extension Workbench {
    func marketEntry(of code: ICBCode, today: CalendarDate) async throws -> MarketEntryOverview {
        let register = try await pharmacyRegister(of: code)
        let documents = try await pnaDocuments(boards: register.boards)
        let byBoard = Dictionary(grouping: documents.values, by: { $0.text("hwb_code") ?? "" })
        let boards = register.boards.map { board in
            let documents = byBoard[board] ?? []
            let dates = { (kind: String) in documents.filter { $0.text("kind") == kind }.compactMap { $0.date("published") } }
            return (board, PNAStatus.of(published: dates("pna"), statements: dates("supplementary-statement"), today: today))
        }
        return MarketEntryOverview(
            register: register, applications: try await records(.marketEntryApplications, of: code), documents: documents, boards: boards)
    }

    /// Who must be notified of an application, from the register and the LSOA centroids.
    /// - Parameter sites: England's pharmacies (``pharmacySites()``).
    func notificationList(for application: FieldValues, sites: [PharmacySite]) async throws -> [NotificationParty]? {
        guard let postcode = application.text("premises_postcode").flatMap(Postcode.init),
              let location = try await AccessStore(database: database).location(of: postcode) else { return nil }
        let premisesBoard = sites.min { $0.location.distance(to: location) < $1.location.distance(to: location) }?.healthAndWellbeingBoard
        // Board areas near the premises: the boards of pharmacies within reach stand in for LSOA boundaries.
        return MarketEntryNotification.parties(
            premises: location, premisesArea: premisesBoard, applicant: application.text("ods_code").flatMap(PharmacyCode.init),
            pharmacies: sites, areaPoints: [])
    }
}

/// Pharmacy First per pharmacy for an ICB, with the income the national fees would pay.
struct PharmacyFirstICB: Sendable {
    var register: PharmacyRegister
    var activity: ICBRecords
    var rows: [PharmacyFirstIncomeRow]
    var months: [YearMonth]
}

struct PharmacyFirstIncomeRow: Sendable {
    var pharmacy: PharmacyCode
    var name: String
    var month: YearMonth
    var volumes: PharmacyFirstVolumes
    var income: PharmacyFirstIncome
    var isExample: Bool
}

extension PharmacyFirstIncomeRow {
    /// A record of ``RecordTemplate/pharmacyFirstActivity`` priced with `schedule`; `names` gives the pharmacy's name.
    init?(_ record: StoredRecord, names: [PharmacyCode: String], schedule: PharmacyFirstFeeSchedule) {
        let values = record.values
        guard let pharmacy = values.text("ods_code").flatMap(PharmacyCode.init), let month = values.month("month") else { return nil }
        let volumes = PharmacyFirstVolumes(
            clinicalPathways: values.count("clinical_pathways"), minorIllness: values.count("minor_illness"), urgentSupply: values.count("urgent_supply"))
        self.init(
            pharmacy: pharmacy, name: names[pharmacy] ?? "", month: month, volumes: volumes,
            income: schedule.income(volumes, in: month, registered: values.text("registered_pcs_hcfs") == "yes"), isExample: record.isExample)
    }
}

extension Workbench {
    func pharmacyFirst(of code: ICBCode, schedule: PharmacyFirstFeeSchedule = .standard) async throws -> PharmacyFirstICB {
        let register = try await pharmacyRegister(of: code)
        let activity = try await records(.pharmacyFirstActivity, of: code)
        let names = Dictionary(register.sites.map { ($0.organisation.code, $0.organisation.name) }, uniquingKeysWith: { first, _ in first })
        let rows = activity.records.compactMap { PharmacyFirstIncomeRow($0, names: names, schedule: schedule) }
        return PharmacyFirstICB(register: register, activity: activity, rows: rows, months: Set(rows.map(\.month)).sorted())
    }
}

/// An ICB's GOS claims in a month and their estimated payment.
struct GOSMonth: Sendable {
    var month: YearMonth
    var claims: GOSClaims
    var payment: GOSPayment?
}

/// GOS contracts, activity and local eye services for an ICB.
struct OptometryOverview: Sendable {
    var icb: ICB
    var contracts: ICBRecords
    var activity: ICBRecords
    var services: ICBRecords
    var population: Int
    var monthly: [GOSMonth]
    var sightTests: SPCMeasure?
    var sources: [SourceNote]
}

extension Workbench {
    func optometry(of code: ICBCode, fees: GOSFeeSchedule) async throws -> OptometryOverview {
        let icb = try await requireICB(code)
        let activity = try await records(.gosActivity, of: code)
        var byMonth: [YearMonth: GOSClaims] = [:]
        for values in activity.values {
            guard let month = values.month("month") else { continue }
            byMonth[month, default: .none] = byMonth[month, default: .none] + GOSClaims(
                sightTests: values.count("gos1_sight_tests"), vouchers: values.count("gos3_vouchers"), repairs: values.count("gos4_repairs"),
                domiciliaryTests: values.count("gos6_domiciliary_tests"))
        }
        let monthly = byMonth.keys.sorted().map { month in GOSMonth(month: month, claims: byMonth[month]!, payment: fees.payment(for: byMonth[month]!, in: month)) }
        let population = try await GeographyStore(database: database).figures(financialYear: nil)[code]?.population ?? 0
        let measure = monthly.count < 2 ? nil : SPCMeasure(
            id: "sight-tests", name: "NHS sight tests a month", unit: "GOS1 and GOS6 claims",
            chart: XmRChart(months: monthly.map { ($0.month, Double($0.claims.allSightTests)) }, direction: .increase), decimals: 0)
        return OptometryOverview(
            icb: icb, contracts: try await records(.gosContracts, of: code), activity: activity, services: try await records(.eyeServices, of: code),
            population: population, monthly: monthly, sightTests: measure, sources: try await notes([.population2021], year: nil))
    }
}
