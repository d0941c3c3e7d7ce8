import FluentKit
import PodiumCore
import SQLKit

/// Sites for an access model, and the ones that could not be placed on the map (they are left out and counted).
public struct AccessSites: Sendable {
    public var sites: [AccessSite]
    /// Located by the 2011 LSOA NHSBSA gives for the practice because Code-Point does not know its postcode.
    public var locatedByLSOA: Int
    /// Neither the postcode nor the LSOA is known: id, name and postcode.
    public var unlocated: [(id: String, name: String, postcode: String)]
    /// Left out because they offer nothing to measure (a dental contract with no UDA target: orthodontics only).
    public var withoutCapacity: Int

    public init(
        sites: [AccessSite] = [], locatedByLSOA: Int = 0,
        unlocated: [(id: String, name: String, postcode: String)] = [], withoutCapacity: Int = 0
    ) {
        self.sites = sites
        self.locatedByLSOA = locatedByLSOA
        self.unlocated = unlocated
        self.withoutCapacity = withoutCapacity
    }
}

/// The inputs of the need-and-access model: England's 2021 LSOAs with people, centroids and deprivation, and the
/// dental contracts and pharmacies that serve them.
public struct AccessStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Every English 2021 LSOA with a mid-2024 population, an IMD 2025 decile and an ONS population-weighted
    /// centroid, by code.
    public func areas() async throws -> [AccessArea] {
        let rows = try await database.sql().raw(
            """
            SELECT t.lsoa21_code, t.lsoa21_name, t.population AS total, k.population + y.population AS aged_0_17,
                   d.imd_decile, g.icb24_ods, x.easting, x.northing
            FROM population_mid2024 t
            JOIN population_mid2024 k ON k.lsoa21_code = t.lsoa21_code AND k.age_code = \(bind: Int64(MidYearPopulation2024.AgeGroup.aged0to15.rawValue))
            JOIN population_mid2024 y ON y.lsoa21_code = t.lsoa21_code AND y.age_code = \(bind: Int64(MidYearPopulation2024.AgeGroup.aged16to17.rawValue))
            JOIN iod2025_lsoa21 d ON d.lsoa21_code = t.lsoa21_code
            JOIN lsoa21_centroids x ON x.lsoa21_code = t.lsoa21_code
            LEFT JOIN lsoa21_icb24 g ON g.lsoa21_code = t.lsoa21_code
            WHERE t.age_code = \(bind: Int64(MidYearPopulation2024.AgeGroup.allAges.rawValue))
            ORDER BY t.lsoa21_code
            """
        ).all()
        return try rows.map { row in
            let r = RowReader(row: row, table: "population_mid2024")
            return AccessArea(
                code: try r.code("lsoa21_code"), name: try r.text("lsoa21_name"), icb: try r.optionalCode("icb24_ods"),
                population: Int(try r.int("total")), children: Int(try r.int("aged_0_17")),
                location: GridPoint(easting: try r.double("easting"), northing: try r.double("northing")),
                imdDecile: Int(try r.int("imd_decile")))
        }
    }

    /// Dental contracts of `financialYear` at their latest month: capacity = the annual UDA target then, activity =
    /// UDAs delivered in the year to date; located by the practice postcode through Code-Point, or else by the
    /// practice's 2011 LSOA centroid.
    public func dentalSites(in financialYear: FinancialYear) async throws -> AccessSites {
        let range = financialYear.storedRange
        let rows = try await database.sql().raw(
            """
            SELECT a.contract_number AS id, a.provider_name AS name, \(unsafeRaw: DentalStore.icbOfRow) AS icb, a.postcode,
                   a.uda_target_ten_thousandths AS capacity, d.delivered,
                   p.easting AS pc_easting, p.northing AS pc_northing, c.easting AS lsoa_easting, c.northing AS lsoa_northing
            FROM dental_activity a
            LEFT JOIN dental_contract_icb f ON f.contract_number = a.contract_number
            JOIN (SELECT contract_number, MAX(year_month) AS latest, CAST(SUM(COALESCE(udas_delivered_ten_thousandths, 0)) AS BIGINT) AS delivered
                  FROM dental_activity WHERE year_month BETWEEN \(bind: range.first) AND \(bind: range.last) GROUP BY contract_number) d
              ON d.contract_number = a.contract_number AND d.latest = a.year_month
            LEFT JOIN postcodes p ON p.postcode = a.postcode
            LEFT JOIN lsoa11_centroids c ON c.lsoa11_code = a.lsoa11_code
            ORDER BY a.contract_number
            """
        ).all()
        return try Self.sites(rows, table: "dental_activity") { r in
            (Double(try r.int("capacity")) / 10_000, Double(try r.int("delivered")) / 10_000)
        }
    }

    /// Active English pharmacies and appliance contractors, each capacity 1 (opening hours are not in the bundled
    /// data), located by postcode.
    public func pharmacySites() async throws -> AccessSites {
        let rows = try await database.sql().raw(
            """
            SELECT o.ods_code AS id, o.name, o.icb_code AS icb, o.postcode,
                   p.easting AS pc_easting, p.northing AS pc_northing, CAST(NULL AS DOUBLE PRECISION) AS lsoa_easting, CAST(NULL AS DOUBLE PRECISION) AS lsoa_northing
            FROM pharmacies o LEFT JOIN postcodes p ON p.postcode = o.postcode
            WHERE o.status = 'A' AND o.national_grouping <> 'W00'
            ORDER BY o.ods_code
            """
        ).all()
        return try Self.sites(rows, table: "pharmacies") { _ in (1, 1) }
    }

    /// Where a postcode is, if Code-Point knows it.
    public func location(of postcode: Postcode) async throws -> GridPoint? {
        guard
            let row = try await database.sql().raw(
                "SELECT easting, northing FROM postcodes WHERE postcode = \(bind: postcode.rawValue)"
            ).first()
        else { return nil }
        let r = RowReader(row: row, table: "postcodes")
        return GridPoint(easting: try r.double("easting"), northing: try r.double("northing"))
    }

    private static func sites(
        _ rows: [any SQLRow], table: String, amounts: (RowReader) throws -> (capacity: Double, activity: Double)
    ) throws -> AccessSites {
        var result = AccessSites(sites: [], locatedByLSOA: 0, unlocated: [], withoutCapacity: 0)
        for row in rows {
            let r = RowReader(row: row, table: table)
            let id = try r.text("id")
            let name = try r.text("name")
            let postcode = try r.text("postcode")
            let (capacity, activity) = try amounts(r)
            guard capacity > 0 else {
                result.withoutCapacity += 1
                continue
            }
            var location: GridPoint?
            if let easting = try r.optionalDouble("pc_easting"), let northing = try r.optionalDouble("pc_northing") {
                location = GridPoint(easting: easting, northing: northing)
            } else if let easting = try r.optionalDouble("lsoa_easting"),
                let northing = try r.optionalDouble("lsoa_northing")
            {
                location = GridPoint(easting: easting, northing: northing)
                result.locatedByLSOA += 1
            }
            guard let location else {
                result.unlocated.append((id, name, postcode))
                continue
            }
            result.sites.append(
                AccessSite(
                    id: id, name: name, icb: try r.optionalCode("icb"), postcode: postcode, location: location,
                    capacity: capacity, activity: activity))
        }
        return result
    }
}
