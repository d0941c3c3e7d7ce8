import FluentKit
import PodiumCore
import SQLKit

/// A Sub-ICB Location with its area figures.
public struct SubICBLocationFigures: Sendable, Hashable, Codable {
    public var location: SubICBLocation
    /// 2021 LSOAs in the location.
    public var lsoas: Int
    /// Census 2021 usual residents.
    public var population: Int
    /// LSOAs among England's 20 % most deprived (IMD 2025 deciles 1–2).
    public var mostDeprivedLSOAs: Int
    /// The share of its LSOAs among England's 20 % most deprived.
    public var mostDeprivedShare: Proportion { Proportion(part: Int64(mostDeprivedLSOAs), whole: Int64(lsoas)) }

    public init(location: SubICBLocation, lsoas: Int, population: Int, mostDeprivedLSOAs: Int) {
        self.location = location
        self.lsoas = lsoas
        self.population = population
        self.mostDeprivedLSOAs = mostDeprivedLSOAs
    }
}

/// ICBs, their Sub-ICB Locations and their headline figures.
public struct GeographyStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// All ICBs, by name.
    public func icbs() async throws -> [ICB] {
        let rows = try await database.sql().select().columns("ods_code", "name", "ons_code", "ons_code_2022").from(
            "icbs"
        )
        .orderBy("name").orderBy("ods_code").all()
        return try rows.map(Self.icb)
    }

    /// The ICB with this ODS code, if it is in the register.
    public func icb(_ code: ICBCode) async throws -> ICB? {
        try await database.sql().select().columns("ods_code", "name", "ons_code", "ons_code_2022").from("icbs")
            .where("ods_code", .equal, code.rawValue).first().map(Self.icb)
    }

    /// The ICB's Sub-ICB Locations with their LSOAs, population and deprivation, by name.
    public func subICBLocations(of icb: ICBCode) async throws -> [SubICBLocationFigures] {
        let rows = try await database.sql().raw(
            """
            SELECT s.ods_code, s.ons_code, s.name, s.icb_ods_code,
                   CAST(COUNT(l.lsoa21_code) AS BIGINT) AS lsoas,
                   CAST(COALESCE(SUM(p.total), 0) AS BIGINT) AS population,
                   CAST(COALESCE(SUM(CASE WHEN d.imd_decile <= 2 THEN 1 ELSE 0 END), 0) AS BIGINT) AS deprived
            FROM sub_icb_locations s
            LEFT JOIN lsoa21_icb24 l ON l.sicbl24_ods = s.ods_code
            LEFT JOIN population_census2021 p ON p.lsoa21_code = l.lsoa21_code
            LEFT JOIN iod2025_lsoa21 d ON d.lsoa21_code = l.lsoa21_code
            WHERE s.icb_ods_code = \(bind: icb.rawValue)
            GROUP BY s.ods_code, s.ons_code, s.name, s.icb_ods_code
            ORDER BY s.name, s.ods_code
            """
        ).all()
        return try rows.map { row in
            let reader = RowReader(row: row, table: "sub_icb_locations")
            let location = SubICBLocation(
                code: try reader.code("ods_code"), onsCode: try reader.code("ons_code"), name: try reader.text("name"),
                icb: try reader.code("icb_ods_code"))
            return SubICBLocationFigures(
                location: location, lsoas: Int(try reader.int("lsoas")), population: Int(try reader.int("population")),
                mostDeprivedLSOAs: Int(try reader.int("deprived")))
        }
    }

    /// Mid-2020 adults (18+) and children (0–17) of the ICB's 2011 LSOAs in the July 2022 geography: the
    /// denominators of the dental access measures (ONS mid-year estimates). `nil` when no population is imported.
    public func agePopulation(of icb: ICBCode) async throws -> (adults: Int, children: Int)? {
        let row = try await database.sql().raw(
            """
            SELECT CAST(COALESCE(SUM(p.aged_18_plus), 0) AS BIGINT) AS adults, CAST(COALESCE(SUM(p.aged_0_17), 0) AS BIGINT) AS children
            FROM lsoa11_icb22 l JOIN population_mid2020 p ON p.lsoa11_code = l.lsoa11_code
            WHERE l.icb22_ods = \(bind: icb.rawValue)
            """
        ).first()
        guard let row else { return nil }
        let reader = RowReader(row: row, table: "population_mid2020")
        let adults = Int(try reader.int("adults"))
        let children = Int(try reader.int("children"))
        return adults + children == 0 ? nil : (adults, children)
    }

    /// The population estimates with an under-18 split, for an ICB or England (`nil`): ONS mid-2020 (2011 LSOAs,
    /// July 2022 ICBs) and mid-2024 (2021 LSOAs, April 2024 ICBs), those imported. England is the sum of its LSOAs.
    public func residentPopulations(of icb: ICBCode?) async throws -> [ResidentPopulation] {
        let sql = try database.sql()
        let icbFilter2020: SQLQueryString =
            icb.map { "WHERE l.icb22_ods = \(bind: $0.rawValue)" } ?? "WHERE l.lsoa11_code LIKE 'E%'"
        let icbFilter2024: SQLQueryString = icb.map { "AND l.icb24_ods = \(bind: $0.rawValue)" } ?? ""
        var estimates: [ResidentPopulation] = []
        if let row = try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(p.aged_18_plus), 0) AS BIGINT) AS adults, CAST(COALESCE(SUM(p.aged_0_17), 0) AS BIGINT) AS children
            FROM lsoa11_icb22 l JOIN population_mid2020 p ON p.lsoa11_code = l.lsoa11_code \(icbFilter2020)
            """
        ).first() {
            let r = RowReader(row: row, table: "population_mid2020")
            let (adults, children) = (Int(try r.int("adults")), Int(try r.int("children")))
            if adults + children > 0 {
                estimates.append(
                    ResidentPopulation(
                        source: "ONS mid-2020 estimate", date: CalendarDate(year: 2020, month: 6, day: 30)!,
                        adults: adults, children: children))
            }
        }
        if let row = try await sql.raw(
            """
            SELECT CAST(COALESCE(SUM(CASE WHEN p.age_code = \(bind: Int64(MidYearPopulation2024.AgeGroup.allAges.rawValue)) THEN p.population ELSE 0 END), 0) AS BIGINT) AS everyone,
                   CAST(COALESCE(SUM(CASE WHEN p.age_code <> \(bind: Int64(MidYearPopulation2024.AgeGroup.allAges.rawValue)) THEN p.population ELSE 0 END), 0) AS BIGINT) AS children
            FROM lsoa21_icb24 l JOIN population_mid2024 p ON p.lsoa21_code = l.lsoa21_code
            WHERE l.lsoa21_code LIKE 'E%' \(icbFilter2024)
            """
        ).first() {
            let r = RowReader(row: row, table: "population_mid2024")
            let (everyone, children) = (Int(try r.int("everyone")), Int(try r.int("children")))
            if everyone > 0 {
                estimates.append(
                    ResidentPopulation(
                        source: "ONS mid-2024 estimate", date: CalendarDate(year: 2024, month: 6, day: 30)!,
                        adults: everyone - children, children: children))
            }
        }
        return estimates
    }

    /// Headline figures of every ICB in the register, for dental contracts in `financialYear`.
    ///
    /// A contract counts for the ICB that commissions it in its latest month of the year, with that month's
    /// target and value: so the England total of contracted UDAs is the sum over contracts of their latest
    /// `UDA_PERF_TARGET`.
    public func figures(financialYear: FinancialYear?) async throws -> [ICBCode: ICBFigures] {
        let sql = try database.sql()
        let population = try await counts(
            sql.raw(
                """
                SELECT l.icb24_ods AS icb, CAST(SUM(p.total) AS BIGINT) AS n
                FROM lsoa21_icb24 l JOIN population_census2021 p ON p.lsoa21_code = l.lsoa21_code
                GROUP BY l.icb24_ods
                """))
        // Pharmacies: active English premises (ODS status A, not in Wales' national grouping W00).
        let pharmacies = try await counts(
            sql.raw(
                """
                SELECT icb_code AS icb, CAST(COUNT(*) AS BIGINT) AS n FROM pharmacies
                WHERE status = 'A' AND national_grouping <> 'W00' AND icb_code IS NOT NULL GROUP BY icb_code
                """))
        let practices = try await counts(
            sql.raw(
                """
                SELECT icb_code AS icb, CAST(COUNT(*) AS BIGINT) AS n FROM dental_practices
                WHERE status = 'A' AND icb_code IS NOT NULL GROUP BY icb_code
                """))
        let dental = try await dentalTotals(financialYear: financialYear)
        let deprivation = try await sql.raw(
            """
            SELECT i.ods_code AS icb, d.imd_average_rank_hundredths AS average_rank, d.imd_rank_of_average_rank AS rank_of
            FROM icbs i JOIN iod2025_icb d ON d.icb24_ons = i.ons_code
            """
        ).all()
        var ranks: [String: (FixedDecimal, Int)] = [:]
        for row in deprivation {
            let reader = RowReader(row: row, table: "iod2025_icb")
            ranks[try reader.text("icb")] = (
                FixedDecimal(scaled: try reader.int("average_rank"), scale: 2), Int(try reader.int("rank_of"))
            )
        }
        var result: [ICBCode: ICBFigures] = [:]
        for icb in try await icbs() {
            let key = icb.code.rawValue
            let contracts = dental[key]
            result[icb.code] = ICBFigures(
                population: population[key] ?? 0,
                dentalContracts: contracts?.count ?? 0,
                contractedUDAs: UDAs(tenThousandths: contracts?.target ?? 0),
                contractedValue: Money(pence: contracts?.value ?? 0),
                pharmacies: pharmacies[key] ?? 0,
                dentalPractices: practices[key] ?? 0,
                imdAverageRank: ranks[key]?.0,
                imdRankOfAverageRank: ranks[key]?.1)
        }
        return result
    }

    private func counts(_ query: SQLRawBuilder) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await query.all() {
            result[try row.decode(column: "icb", as: String.self)] = Int(try row.decode(column: "n", as: Int64.self))
        }
        return result
    }

    /// Per commissioner: contracts, latest targets and values, over each contract's latest month in the year.
    private func dentalTotals(financialYear: FinancialYear?) async throws -> [String: (
        count: Int, target: Int64, value: Int64
    )] {
        guard let financialYear else { return [:] }
        let range = financialYear.storedRange
        let rows = try await database.sql().raw(
            """
            SELECT \(unsafeRaw: DentalStore.icbOfRow) AS icb, CAST(COUNT(*) AS BIGINT) AS contracts,
                   CAST(SUM(a.uda_target_ten_thousandths) AS BIGINT) AS target, CAST(SUM(a.uda_value_pence) AS BIGINT) AS value
            FROM dental_activity a
            LEFT JOIN dental_contract_icb f ON f.contract_number = a.contract_number
            JOIN (SELECT contract_number, MAX(year_month) AS latest FROM dental_activity
                  WHERE year_month BETWEEN \(bind: range.first) AND \(bind: range.last) GROUP BY contract_number) l
              ON l.contract_number = a.contract_number AND l.latest = a.year_month
            WHERE \(unsafeRaw: DentalStore.icbOfRow) IS NOT NULL
            GROUP BY \(unsafeRaw: DentalStore.icbOfRow)
            """
        ).all()
        var result: [String: (Int, Int64, Int64)] = [:]
        for row in rows {
            let reader = RowReader(row: row, table: "dental_activity")
            result[try reader.text("icb")] = (
                Int(try reader.int("contracts")), try reader.int("target"), try reader.int("value")
            )
        }
        return result
    }

    static func icb(_ row: any SQLRow) throws -> ICB {
        let reader = RowReader(row: row, table: "icbs")
        return ICB(
            code: try reader.code("ods_code"), name: try reader.text("name"), onsCode: try reader.code("ons_code"),
            onsCode2022: try reader.code("ons_code_2022"))
    }
}

extension GeographyStore {
    /// Names of local-authority districts (April 2022) by ONS code, from the LSOA lookup.
    public func localAuthorityNames() async throws -> [String: String] {
        let rows = try await database.sql().raw("SELECT DISTINCT lad22_code, lad22_name FROM lsoa11_lsoa21").all()
        var names: [String: String] = [:]
        for row in rows {
            let r = RowReader(row: row, table: "lsoa11_lsoa21")
            names[try r.text("lad22_code")] = try r.text("lad22_name")
        }
        return names
    }
}
