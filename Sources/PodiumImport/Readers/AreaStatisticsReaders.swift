import PodiumCore
import PodiumData

/// IoD2019 File 1: IMD rank (with thousands separators) and decile of each 2011 LSOA.
struct IMD2019Reader: DatasetReader {
    static let rank = "Index of Multiple Deprivation (IMD) Rank"
    static let decile = "Index of Multiple Deprivation (IMD) Decile"
    let layout = FileLayout.headed(columns: ["LSOA code (2011)", rank, decile])

    func row(_ f: inout FieldReader) -> IMD2019Area? {
        let lsoa = f.code("LSOA code (2011)", as: LSOACode.self)
        // 32,844 English 2011 LSOAs (ONS, 2011 Census geographies).
        let rank = f.integer(Self.rank, in: 1...32_844)
        let decile = f.integer(Self.decile, in: 1...10)
        guard let lsoa, let rank, let decile else { return nil }
        return IMD2019Area(lsoa2011: lsoa, rank: rank, decile: decile)
    }
}

/// IoD2025 scores, ranks and deciles of each 2021 LSOA.
struct IoD2025Reader: DatasetReader {
    static let domainColumns: [(DeprivationDomain, String)] = [
        (.income, "Income_decile"), (.employment, "Employment_decile"), (.education, "Education_decile"),
        (.health, "Health_decile"),
        (.crime, "Crime_decile"), (.housingAndServices, "Housing_and_Services_decile"),
        (.environment, "Environment_decile"),
    ]
    let layout = FileLayout.headed(
        columns: ["lsoa21_code", "IMD_score", "IMD_rank", "IMD_decile"] + domainColumns.map(\.1))

    func row(_ f: inout FieldReader) -> IoD2025Area? {
        let lsoa = f.code("lsoa21_code", as: LSOACode.self)
        let score = f.parse("IMD_score") { (text) throws(ScaledDecimal.ParseError) in
            try FixedDecimal(parsing: text, scale: 3)
        }
        // 33,755 English 2021 LSOAs.
        let rank = f.integer("IMD_rank", in: 1...33_755)
        let decile = f.integer("IMD_decile", in: 1...10)
        var deciles: [DeprivationDomain: Int] = [:]
        for (domain, column) in Self.domainColumns {
            deciles[domain] = f.integer(column, in: 1...10)
        }
        guard let lsoa, let score, let rank, let decile, deciles.count == DeprivationDomain.allCases.count else {
            return nil
        }
        return IoD2025Area(lsoa2021: lsoa, imdScore: score, imdRank: rank, imdDecile: decile, domainDeciles: deciles)
    }
}

/// IoD2025 ICB summaries (one row per 2024 ICB).
struct IoD2025ICBSummaryReader: DatasetReader {
    static let share = "imd_proportion_of_lso_as_in_most_deprived_10_percent_nationally"
    let layout = FileLayout.headed(columns: [
        "icb24_code", "icb24_name", "imd_average_rank", "imd_rank_of_average_rank", "imd_average_score", share,
    ])

    func row(_ f: inout FieldReader) -> IoD2025ICBSummary? {
        let code = f.code("icb24_code", as: ONSCode.self)
        let name = f.required("icb24_name")
        let averageRank = f.parse("imd_average_rank") { (text) throws(ScaledDecimal.ParseError) in
            try FixedDecimal(parsing: text, scale: 2)
        }
        // Published as "12.0": an integer written with a decimal.
        let rankOf = f.integer("imd_rank_of_average_rank", in: 1...100)
        let score = f.parse("imd_average_score") { (text) throws(ScaledDecimal.ParseError) in
            try FixedDecimal(parsing: text, scale: 3)
        }
        let share = f.parse(Self.share) { (text) throws(ScaledDecimal.ParseError) in
            try FixedDecimal(parsing: text, scale: 4)
        }
        guard let code, let name, let averageRank, let rankOf, let score, let share else { return nil }
        return IoD2025ICBSummary(
            icbOnsCode: code, name: name, imdAverageRank: averageRank, imdRankOfAverageRank: rankOf,
            imdAverageScore: score,
            proportionInMostDeprivedDecile: share)
    }
}

/// Census 2021 usual residents by 2021 LSOA in six age bands; the total must equal the bands' sum.
struct CensusPopulationReader: DatasetReader {
    static let bands = [
        "Aged 15 years and under", "Aged 16 to 24 years", "Aged 25 to 34 years", "Aged 35 to 49 years",
        "Aged 50 to 64 years",
        "Aged 65 years and over",
    ]
    let layout = FileLayout.headed(columns: ["lsoa21_code", "lsoa21_name", "total_usual_residents"] + bands)

    func row(_ f: inout FieldReader) -> CensusPopulation2021? {
        let lsoa = f.code("lsoa21_code", as: LSOACode.self)
        let name = f.required("lsoa21_name")
        let total = f.integer("total_usual_residents", in: 0...1_000_000)
        let bands = Self.bands.compactMap { f.integer($0, in: 0...1_000_000) }
        guard let lsoa, let name, let total, bands.count == Self.bands.count else { return nil }
        let population = CensusPopulation2021(
            lsoa2021: lsoa, name: name, total: total, aged0to15: bands[0], aged16to24: bands[1], aged25to34: bands[2],
            aged35to49: bands[3], aged50to64: bands[4], aged65plus: bands[5])
        guard population.sumOfBands == total else {
            f.problem("total_usual_residents", "\(total) is not the sum of the age bands (\(population.sumOfBands))")
            return nil
        }
        return population
    }
}

/// ONS mid-2020 LSOA population by single year of age (0 … 89, 90+); the total must equal the ages' sum.
struct MidYearPopulationReader: DatasetReader {
    static let ages = (0...89).map(String.init) + ["90+"]
    let layout = FileLayout.headed(columns: ["lsoa11_code", "lsoa11_name", "total_population"] + ages)

    func row(_ f: inout FieldReader) -> MidYearPopulation2020? {
        let lsoa = f.code("lsoa11_code", as: LSOACode.self)
        let name = f.required("lsoa11_name")
        let total = f.integer("total_population", in: 0...1_000_000)
        let counts = Self.ages.compactMap { f.integer($0, in: 0...1_000_000) }
        guard let lsoa, let name, let total, counts.count == Self.ages.count else { return nil }
        let children = counts[0...17].reduce(0, +)
        let adults = counts[18...].reduce(0, +)
        guard children + adults == total else {
            f.problem("total_population", "\(total) is not the sum of the single years of age (\(children + adults))")
            return nil
        }
        return MidYearPopulation2020(
            lsoa2011: lsoa, name: name, total: total, children0to17: children, adults18plus: adults)
    }
}

/// ONS LSOA (December 2011) population-weighted centroids, with derived British National Grid coordinates.
struct LSOACentroidReader: DatasetReader {
    let layout = FileLayout.headed(columns: [
        "lsoa11cd", "lsoa11nm", "longitude", "latitude", "easting_derived", "northing_derived",
    ])

    func row(_ f: inout FieldReader) -> LSOACentroid? {
        let lsoa = f.code("lsoa11cd", as: LSOACode.self)
        let name = f.required("lsoa11nm")
        let longitude = f.double("longitude")
        let latitude = f.double("latitude")
        let easting = f.double("easting_derived")
        let northing = f.double("northing_derived")
        guard let lsoa, let name, let longitude, let latitude, let easting, let northing else { return nil }
        return LSOACentroid(
            lsoa2011: lsoa, name: name, grid: GridPoint(easting: easting, northing: northing),
            position: LatLong(latitude: latitude, longitude: longitude))
    }
}

/// OS Code-Point Open, one row per postcode unit (quality 90 rows have no coordinates).
struct PostcodeReader: DatasetReader {
    let layout = FileLayout.headed(columns: [
        "postcode", "positional_quality_indicator", "eastings", "northings", "country_code", "admin_county_code",
        "admin_district_code",
        "admin_ward_code", "latitude_derived", "longitude_derived",
    ])

    func row(_ f: inout FieldReader) -> PostcodeLocation? {
        let postcode = f.code("postcode", as: Postcode.self)
        let quality = f.integer("positional_quality_indicator", in: 0...90)
        let easting = f.double("eastings")
        let northing = f.double("northings")
        let latitude = f.double("latitude_derived")
        let longitude = f.double("longitude_derived")
        let country = f.text("country_code")
        guard let postcode, let quality, let easting, let northing, let latitude, let longitude else { return nil }
        return PostcodeLocation(
            postcode: postcode, quality: quality, grid: GridPoint(easting: easting, northing: northing),
            position: LatLong(latitude: latitude, longitude: longitude), countryCode: country,
            localAuthorityCode: f.text("admin_district_code"), wardCode: f.text("admin_ward_code"),
            countyCode: f.optionalText("admin_county_code"))
    }
}

/// ONS LSOA (December 2021) population-weighted centroids V4 as WGS84 positions (`lsoa21cd,longitude,latitude`); the
/// British National Grid point is derived here (``NationalGrid``).
struct LSOA2021CentroidReader: DatasetReader {
    let layout = FileLayout.headed(columns: ["lsoa21cd", "longitude", "latitude"])

    func row(_ f: inout FieldReader) -> LSOA2021Centroid? {
        let lsoa = f.code("lsoa21cd", as: LSOACode.self)
        let longitude = f.double("longitude")
        let latitude = f.double("latitude")
        if let latitude, !(49...61).contains(latitude) { f.problem("latitude", "\(latitude) is outside Great Britain") }
        if let longitude, !(-9...2).contains(longitude) {
            f.problem("longitude", "\(longitude) is outside Great Britain")
        }
        guard let lsoa, let longitude, let latitude, (49...61).contains(latitude), (-9...2).contains(longitude) else {
            return nil
        }
        let position = LatLong(latitude: latitude, longitude: longitude)
        return LSOA2021Centroid(lsoa2021: lsoa, grid: NationalGrid.gridPoint(position), position: position)
    }
}

/// ONS mid-2024 LSOA population estimates from Nomis (NM_2014_1) in its long layout: one row per LSOA and `C_AGE`
/// code, only the codes whose meaning has been checked (``MidYearPopulation2024/AgeGroup``).
struct MidYear2024PopulationReader: DatasetReader {
    let layout = FileLayout.headed(columns: [
        "DATE", "GEOGRAPHY_CODE", "GEOGRAPHY_NAME", "C_AGE", "OBS_VALUE", "RECORD_COUNT",
    ])

    func row(_ f: inout FieldReader) -> MidYearPopulation2024? {
        let date = f.required("DATE")
        if let date, date != "2024" {
            f.problem("DATE", "\"\(date)\" is not 2024 (this reader knows the mid-2024 file)")
        }
        let lsoa = f.code("GEOGRAPHY_CODE", as: LSOACode.self)
        let name = f.required("GEOGRAPHY_NAME")
        let code = f.integer("C_AGE")
        let age = code.flatMap(MidYearPopulation2024.AgeGroup.init(rawValue:))
        if let code, age == nil {
            let known = MidYearPopulation2024.AgeGroup.allCases.map { "\($0.rawValue) (\($0.label))" }
            f.problem("C_AGE", "\(code) is not an age code whose meaning is known (\(known.joined(separator: ", ")))")
        }
        let population = f.integer("OBS_VALUE", in: 0...1_000_000)
        guard date == "2024", let lsoa, let name, let age, let population else { return nil }
        return MidYearPopulation2024(lsoa2021: lsoa, name: name, age: age, population: population)
    }
}
