/// Census 2021 usual residents of a 2021 LSOA, in the six age bands of the ONS custom table.
public struct CensusPopulation2021: Sendable, Hashable, Codable {
    public var lsoa2021: LSOACode
    public var name: String
    public var total: Int
    public var aged0to15: Int
    public var aged16to24: Int
    public var aged25to34: Int
    public var aged35to49: Int
    public var aged50to64: Int
    public var aged65plus: Int

    public init(
        lsoa2021: LSOACode, name: String, total: Int, aged0to15: Int, aged16to24: Int, aged25to34: Int,
        aged35to49: Int, aged50to64: Int, aged65plus: Int
    ) {
        self.lsoa2021 = lsoa2021
        self.name = name
        self.total = total
        self.aged0to15 = aged0to15
        self.aged16to24 = aged16to24
        self.aged25to34 = aged25to34
        self.aged35to49 = aged35to49
        self.aged50to64 = aged50to64
        self.aged65plus = aged65plus
    }

    /// The sum of the age bands; the importer requires it to equal `total`.
    public var sumOfBands: Int { aged0to15 + aged16to24 + aged25to34 + aged35to49 + aged50to64 + aged65plus }
}

/// ONS mid-2020 population of a 2011 LSOA, split at 18 as the dental access measures need
/// (children 0–17 seen in 12 months, adults 18+ seen in 24 months, as NHSBSA counts them).
public struct MidYearPopulation2020: Sendable, Hashable, Codable {
    public var lsoa2011: LSOACode
    public var name: String
    public var total: Int
    public var children0to17: Int
    public var adults18plus: Int

    public init(lsoa2011: LSOACode, name: String, total: Int, children0to17: Int, adults18plus: Int) {
        self.lsoa2011 = lsoa2011
        self.name = name
        self.total = total
        self.children0to17 = children0to17
        self.adults18plus = adults18plus
    }
}

/// One age group's count in ONS mid-2024 population estimates for 2021 LSOAs (Nomis NM_2014_1), as published: one row
/// per LSOA and `C_AGE` code.
public struct MidYearPopulation2024: Sendable, Hashable, Codable {
    /// Nomis `C_AGE` codes the bundled extract holds. The file carries no labels: 201 and 204 were checked against
    /// other ONS estimates (England: 18.4 % and 2.41 % of all ages, against 19.2 % aged 0–15 and 2.19 % aged 16–17 at
    /// mid-2020 and 18.6 % aged 0–15 at the 2021 Census), which fits 0–15 and 16–17 and nothing else.
    public enum AgeGroup: Int, Sendable, Hashable, Codable, CaseIterable {
        case allAges = 200
        case aged0to15 = 201
        case aged16to17 = 204

        public var label: String {
            switch self {
            case .allAges: "all ages"
            case .aged0to15: "aged 0 to 15"
            case .aged16to17: "aged 16 to 17"
            }
        }
    }

    public var lsoa2021: LSOACode
    public var name: String
    public var age: AgeGroup
    public var population: Int

    public init(lsoa2021: LSOACode, name: String, age: AgeGroup, population: Int) {
        self.lsoa2021 = lsoa2021
        self.name = name
        self.age = age
        self.population = population
    }
}
