/// The NHS dental access measure (NHSBSA; NICE recall intervals): distinct adults (18+) seen in the previous 24 months and
/// children (under 18) seen in the previous 12 months, as shares of the population of those ages.
///
/// Contract-level counts are de-duplicated within each contract's attribution only; a population's rate should
/// use counts published for that geography (NHSBSA de-duplicates at each level), so this rule takes the counts
/// as given.
public struct PatientsSeen: Sendable, Hashable, Codable {
    public var adultsSeen24Months: Int
    public var adultPopulation: Int
    public var childrenSeen12Months: Int
    public var childPopulation: Int

    public init(adultsSeen24Months: Int, adultPopulation: Int, childrenSeen12Months: Int, childPopulation: Int) {
        self.adultsSeen24Months = adultsSeen24Months
        self.adultPopulation = adultPopulation
        self.childrenSeen12Months = childrenSeen12Months
        self.childPopulation = childPopulation
    }

    /// Adults seen as a share of adults (higher is better).
    public var adultRate: Proportion { Proportion(part: Int64(adultsSeen24Months), whole: Int64(adultPopulation)) }
    /// Children seen as a share of children (higher is better).
    public var childRate: Proportion { Proportion(part: Int64(childrenSeen12Months), whole: Int64(childPopulation)) }
}
