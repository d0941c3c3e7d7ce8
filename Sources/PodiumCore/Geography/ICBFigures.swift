/// The headline figures of one ICB (or of England): what the commissioner inherited.
public struct ICBFigures: Sendable, Hashable, Codable {
    /// Census 2021 usual residents of the ICB's 2021 LSOAs.
    public var population: Int
    /// Dental contracts with the ICB as commissioner in their latest month of the financial year.
    public var dentalContracts: Int
    /// Sum over those contracts of the latest annual UDA target.
    public var contractedUDAs: UDAs
    /// Sum over those contracts of the latest annual UDA contract value.
    public var contractedValue: Money
    /// Active English pharmacies and appliance contractors (ODS edispensary).
    public var pharmacies: Int
    /// Active dental practices (ODS egdpprac).
    public var dentalPractices: Int
    /// IoD2025 population-weighted average IMD rank (lower = more deprived), `nil` for England.
    public var imdAverageRank: FixedDecimal?
    /// The ICB's position among 42 on that measure (1 = most deprived).
    public var imdRankOfAverageRank: Int?

    public init(
        population: Int, dentalContracts: Int, contractedUDAs: UDAs, contractedValue: Money, pharmacies: Int,
        dentalPractices: Int, imdAverageRank: FixedDecimal?, imdRankOfAverageRank: Int?
    ) {
        self.population = population
        self.dentalContracts = dentalContracts
        self.contractedUDAs = contractedUDAs
        self.contractedValue = contractedValue
        self.pharmacies = pharmacies
        self.dentalPractices = dentalPractices
        self.imdAverageRank = imdAverageRank
        self.imdRankOfAverageRank = imdRankOfAverageRank
    }

    /// Contracted UDAs per 1,000 residents, to one decimal (`nil` without population).
    public var udasPerThousandResidents: FixedDecimal? {
        guard population > 0 else { return nil }
        // (ten-thousandths ÷ 10⁴) UDAs × 1,000 ÷ population, in tenths (× 10) = ten-thousandths ÷ population
        let tenths = ScaledDecimal.divideRoundingHalfAwayFromZero(contractedUDAs.tenThousandths, by: Int64(population))
        return FixedDecimal(scaled: tenths, scale: 1)
    }

    /// England: the sum over ICBs (no deprivation average).
    public static func total(_ parts: [ICBFigures]) -> ICBFigures {
        ICBFigures(
            population: parts.map(\.population).reduce(0, +),
            dentalContracts: parts.map(\.dentalContracts).reduce(0, +),
            contractedUDAs: parts.map(\.contractedUDAs).sum(),
            contractedValue: parts.map(\.contractedValue).sum(),
            pharmacies: parts.map(\.pharmacies).reduce(0, +),
            dentalPractices: parts.map(\.dentalPractices).reduce(0, +),
            imdAverageRank: nil,
            imdRankOfAverageRank: nil
        )
    }
}
