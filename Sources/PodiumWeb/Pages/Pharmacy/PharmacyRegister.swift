import FluentKit
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

    /// Pharmacy codes with their names, for rows that name a pharmacy by code.
    var names: [PharmacyCode: String] {
        Dictionary(sites.map { ($0.organisation.code, $0.organisation.name) }, uniquingKeysWith: { first, _ in first })
    }

    static func query(_ context: QueryContext, icb code: ICBCode) async throws -> PharmacyRegister {
        let icb = try await context.openData.requireICB(code)
        let entries = try await ICBRecords.query(context, .pharmacyContractTypes, icb: code).items(
            PharmacyContractEntry.self)
        return PharmacyRegister(
            icb: icb, sites: try await OrganisationStore(database: context.database).pharmacies(in: code),
            contractTypes: Dictionary(entries.map { ($0.pharmacy, $0.type) }, uniquingKeysWith: { _, last in last }),
            boardNames: try await GeographyStore(database: context.database).localAuthorityNames(),
            sources: try await context.openData.notes([.pharmacies, .postcodes, .lsoaVintageLookup], year: nil))
    }
}

/// Every English pharmacy with a location, open or closed: for distances and the 2 km list.
enum PharmacySites {
    /// Kept in the open-data cache: reading and placing England's 20,000-odd premises took most of half a second of
    /// every closures, market-entry and pharmacy page.
    static func query(_ context: QueryContext) async throws -> PharmacyLocator {
        let database = context.database
        return try await context.openData.cached("pharmacy-sites") { PharmacyLocator(try await build(database)) }
    }

    private static func build(_ database: any Database) async throws -> [PharmacySite] {
        try await OrganisationStore(database: database).pharmacyRegister().compactMap { sited in
            guard sited.organisation.isInEngland, let location = sited.location, location.hasCoordinates else {
                return nil
            }
            return PharmacySite(
                code: sited.organisation.code, name: sited.organisation.name, location: location.grid,
                healthAndWellbeingBoard: location.healthAndWellbeingBoard, isOpen: sited.organisation.status == .active)
        }
    }
}

/// A Pharmacy First return priced with the national fees of its month.
struct PharmacyFirstIncomeRow: Sendable {
    var pharmacy: PharmacyCode
    var name: String
    var month: YearMonth
    var volumes: PharmacyFirstVolumes
    var income: PharmacyFirstIncome
    var isExample: Bool

    /// Consultation and urgent-supply fees together.
    var fees: Money { income.consultationFees + income.urgentSupplyFees }

    /// `records`' returns priced with `schedule`; `names` gives each pharmacy's name.
    static func rows(
        _ records: ICBRecords, names: [PharmacyCode: String], schedule: PharmacyFirstFeeSchedule = .standard
    ) -> [Self] {
        records.typed(PharmacyFirstReturn.self).map { entry, stored in
            PharmacyFirstIncomeRow(
                pharmacy: entry.pharmacy, name: names[entry.pharmacy] ?? "", month: entry.month, volumes: entry.volumes,
                income: schedule.income(entry.volumes, in: entry.month, registered: entry.registeredForPCSAndHCFS),
                isExample: stored.isExample)
        }
    }
}
