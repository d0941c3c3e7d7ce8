/// Who has access and who does not, by deprivation: the population-weighted mean score in each national IMD decile,
/// the ratio of the most to the least deprived decile, and the share of people with no site in reach.
///
/// Choice: an area with no site in reach (NaN) counts as zero access in the means — its people have none — and is
/// also counted in "no site in reach". An infinite score only arises for an area with no people (a site whose
/// catchment holds nobody), which carries no weight and is left out.
public struct AccessInequality: Sendable, Equatable {
    public struct Decile: Sendable, Equatable {
        /// 1 = the most deprived tenth of areas in England.
        public var decile: Int
        public var areas: Int
        public var population: Double
        /// Population-weighted mean score, areas with no site in reach counted as 0.
        public var meanAccess: Double
        public var populationWithoutAccess: Double
    }

    public var deciles: [Decile]
    public var population: Double
    public var populationWithoutAccess: Double
    /// Population-weighted mean over every area, no-site areas as 0.
    public var meanAccess: Double

    /// Most deprived decile's mean over the least deprived's: below 1, the most deprived have less access.
    public var ratioMostToLeastDeprived: Double? {
        guard let most = deciles.first(where: { $0.decile == 1 }),
            let least = deciles.first(where: { $0.decile == 10 }),
            least.meanAccess > 0
        else { return nil }
        return most.meanAccess / least.meanAccess
    }

    /// Why there is no ratio, in words; `nil` when there is one.
    public var whyNoRatio: String? {
        guard ratioMostToLeastDeprived == nil else { return nil }
        let most = deciles.first { $0.decile == 1 }
        let least = deciles.first { $0.decile == 10 }
        switch (most, least) {
        case (nil, nil): return "no LSOA here is in IMD decile 1 or in decile 10"
        case (nil, _): return "no LSOA here is in IMD decile 1 (the most deprived)"
        case (_, nil): return "no LSOA here is in IMD decile 10 (the least deprived)"
        default: return "no access at all in IMD decile 10, so nothing to divide by"
        }
    }

    public var shareWithoutAccess: Double { population > 0 ? populationWithoutAccess / population : 0 }

    /// - Parameters: per area, in the same order: its score, its people and its national IMD decile (1–10).
    public init(access: [Double], population: [Double], decile: [Int]) {
        precondition(access.count == population.count && access.count == decile.count)
        var groups: [Int: (areas: Int, people: Double, weighted: Double, without: Double)] = [:]
        for index in access.indices {
            let people = population[index]
            let score = access[index].isNaN ? 0 : access[index]
            var group = groups[decile[index], default: (0, 0, 0, 0)]
            group.areas += 1
            group.people += people
            let product = score * people
            if !product.isNaN { group.weighted += product }
            if access[index].isNaN { group.without += people }
            groups[decile[index]] = group
        }
        deciles = groups.keys.sorted().map { key in
            let group = groups[key]!
            return Decile(
                decile: key, areas: group.areas, population: group.people,
                meanAccess: group.people > 0 ? group.weighted / group.people : 0, populationWithoutAccess: group.without
            )
        }
        self.population = deciles.reduce(0) { $0 + $1.population }
        populationWithoutAccess = deciles.reduce(0) { $0 + $1.populationWithoutAccess }
        meanAccess =
            self.population > 0 ? deciles.reduce(0) { $0 + $1.meanAccess * $1.population } / self.population : 0
    }
}

/// The unmet-need gap list: areas of high need (deprivation or a young population) whose access and delivered
/// activity are both among the lowest in England, ranked by the capacity it would take to bring them to the
/// England average.
public enum AccessGaps {
    /// What counts as high need and low access; shown beside the list.
    public struct Criteria: Sendable, Hashable, Codable {
        /// High need: IMD decile at most this (3 = the 30 % most deprived areas of England)…
        public var maximumIMDDecile: Int
        /// …or a share of children at or above this percentile of areas in England.
        public var childrenSharePercentile: Double
        /// Low access and low activity: at or below this percentile of areas in England (no site in reach is lowest).
        public var accessPercentile: Double
        public var activityPercentile: Double

        public init(
            maximumIMDDecile: Int = 3, childrenSharePercentile: Double = 90, accessPercentile: Double = 20,
            activityPercentile: Double = 20
        ) {
            self.maximumIMDDecile = maximumIMDDecile
            self.childrenSharePercentile = childrenSharePercentile
            self.accessPercentile = accessPercentile
            self.activityPercentile = activityPercentile
        }

        public static let standard = Criteria()
    }

    /// Why an area is high need.
    public struct Need: OptionSet, Sendable, Hashable {
        public let rawValue: Int
        public init(rawValue: Int) { self.rawValue = rawValue }
        public static let deprivation = Need(rawValue: 1)
        public static let children = Need(rawValue: 2)
    }

    public struct Entry: Sendable, Equatable {
        public var area: Int
        public var need: Need
        /// Percentile of the area's access and activity among all areas (0 = lowest).
        public var accessPercentile: Double
        public var activityPercentile: Double
        /// Capacity (UDAs) that would bring the area's score to the England mean: `(Ā − A_i) × P_i`.
        public var shortfall: Double
    }

    /// Areas of high need with low access and low activity, largest shortfall first.
    /// - Parameters: per area, in the same order, over all of England (the percentiles are national): access and
    ///   activity scores (NaN = no site in reach), people, children, IMD decile; `englandMean` is `Ā` of access.
    public static func rank(
        access: [Double], activity: [Double], population: [Double], children: [Double], decile: [Int],
        englandMean: Double,
        criteria: Criteria = .standard
    ) -> [Entry] {
        let accessRank = PeerComparison.percentileRanks(access.map { $0.isNaN ? -1 : $0 })
        let activityRank = PeerComparison.percentileRanks(activity.map { $0.isNaN ? -1 : $0 })
        let childShare = zip(children, population).map { $1 > 0 ? $0 / $1 : 0 }
        let childRank = PeerComparison.percentileRanks(childShare)
        var entries: [Entry] = []
        for area in access.indices where population[area] > 0 {
            var need: Need = []
            if decile[area] <= criteria.maximumIMDDecile { need.insert(.deprivation) }
            if childRank[area] >= criteria.childrenSharePercentile { need.insert(.children) }
            guard !need.isEmpty, accessRank[area] <= criteria.accessPercentile,
                activityRank[area] <= criteria.activityPercentile
            else { continue }
            let score = access[area].isNaN ? 0 : access[area]
            entries.append(
                Entry(
                    area: area, need: need, accessPercentile: accessRank[area], activityPercentile: activityRank[area],
                    shortfall: max(0, (englandMean - score) * population[area])))
        }
        return entries.sorted { ($0.shortfall, $1.area) > ($1.shortfall, $0.area) }
    }
}
