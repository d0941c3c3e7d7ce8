/// English Indices of Deprivation 2019, IMD rank and decile of a 2011 LSOA (File 1).
/// Rank 1 is the most deprived; decile 1 is the most deprived 10 % of LSOAs in England (MHCLG, IoD2019).
public struct IMD2019Area: Sendable, Hashable, Codable {
    public var lsoa2011: LSOACode
    public var rank: Int
    public var decile: Int

    public init(lsoa2011: LSOACode, rank: Int, decile: Int) {
        self.lsoa2011 = lsoa2011
        self.rank = rank
        self.decile = decile
    }
}

/// The seven IoD domains, in MHCLG's order.
public enum DeprivationDomain: String, Sendable, CaseIterable, Codable {
    case income, employment, education, health, crime, housingAndServices, environment
}

/// English Indices of Deprivation 2025 for a 2021 LSOA: IMD score, rank and decile, and each domain's decile.
public struct IoD2025Area: Sendable, Hashable, Codable {
    public var lsoa2021: LSOACode
    /// IMD score as published (3 decimals).
    public var imdScore: FixedDecimal
    public var imdRank: Int
    public var imdDecile: Int
    /// Decile of each domain, 1 = most deprived.
    public var domainDeciles: [DeprivationDomain: Int]

    public init(
        lsoa2021: LSOACode, imdScore: FixedDecimal, imdRank: Int, imdDecile: Int,
        domainDeciles: [DeprivationDomain: Int]
    ) {
        self.lsoa2021 = lsoa2021
        self.imdScore = imdScore
        self.imdRank = imdRank
        self.imdDecile = imdDecile
        self.domainDeciles = domainDeciles
    }
}

/// MHCLG's IoD2025 summary measures for an ICB (2024 boundaries).
public struct IoD2025ICBSummary: Sendable, Hashable, Codable {
    public var icbOnsCode: ONSCode
    public var name: String
    /// Population-weighted average of LSOA IMD ranks, in MHCLG's summary form: higher means more deprived (in IoD2025
    /// Birmingham and Solihull has the highest, 23,114.39, and is 1st most deprived; Surrey Heartlands the lowest).
    public var imdAverageRank: FixedDecimal
    /// Position among the 42 ICBs on average rank (1 = most deprived).
    public var imdRankOfAverageRank: Int
    public var imdAverageScore: FixedDecimal
    /// Share of the ICB's LSOAs among England's most deprived 10 %.
    public var proportionInMostDeprivedDecile: FixedDecimal

    /// Which way the average rank reads, for a caption.
    public static let averageRankDirection = "higher is more deprived"

    public init(
        icbOnsCode: ONSCode, name: String, imdAverageRank: FixedDecimal, imdRankOfAverageRank: Int,
        imdAverageScore: FixedDecimal, proportionInMostDeprivedDecile: FixedDecimal
    ) {
        self.icbOnsCode = icbOnsCode
        self.name = name
        self.imdAverageRank = imdAverageRank
        self.imdRankOfAverageRank = imdRankOfAverageRank
        self.imdAverageScore = imdAverageScore
        self.proportionInMostDeprivedDecile = proportionInMostDeprivedDecile
    }
}
