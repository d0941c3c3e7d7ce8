/// A point on the British National Grid, in metres (EPSG:27700).
public struct GridPoint: Sendable, Hashable, Codable {
    public var easting: Double
    public var northing: Double

    public init(easting: Double, northing: Double) {
        self.easting = easting
        self.northing = northing
    }
}

/// A WGS84 latitude and longitude, in degrees.
public struct LatLong: Sendable, Hashable, Codable {
    public var latitude: Double
    public var longitude: Double

    public init(latitude: Double, longitude: Double) {
        self.latitude = latitude
        self.longitude = longitude
    }
}

/// ONS population-weighted centroid of a 2011 LSOA.
public struct LSOACentroid: Sendable, Hashable, Codable {
    public var lsoa2011: LSOACode
    public var name: String
    public var grid: GridPoint
    public var position: LatLong

    public init(lsoa2011: LSOACode, name: String, grid: GridPoint, position: LatLong) {
        self.lsoa2011 = lsoa2011
        self.name = name
        self.grid = grid
        self.position = position
    }
}

/// Where a postcode unit is, from OS Code-Point Open.
public struct PostcodeLocation: Sendable, Hashable, Codable {
    public var postcode: Postcode
    /// Code-Point positional quality: 10 = within a building … 60 = postcode-unit mean, 90 = no coordinates.
    public var quality: Int
    public var grid: GridPoint
    public var position: LatLong
    public var countryCode: String
    public var localAuthorityCode: String
    public var wardCode: String
    /// The county council in two-tier areas (`E10…`); `nil` where the district is itself upper tier.
    public var countyCode: String?

    public init(
        postcode: Postcode, quality: Int, grid: GridPoint, position: LatLong, countryCode: String,
        localAuthorityCode: String, wardCode: String, countyCode: String? = nil
    ) {
        self.countyCode = countyCode
        self.postcode = postcode
        self.quality = quality
        self.grid = grid
        self.position = position
        self.countryCode = countryCode
        self.localAuthorityCode = localAuthorityCode
        self.wardCode = wardCode
    }

    /// The Health and Wellbeing Board area: the county, else the district.
    public var healthAndWellbeingBoard: String {
        HealthAndWellbeingBoard.code(county: countyCode, district: localAuthorityCode)
    }

    /// Code-Point marks postcodes it cannot place with quality 90.
    public var hasCoordinates: Bool { quality != 90 }
}

extension GridPoint {
    /// Straight-line distance in metres (British National Grid is metric and flat at this scale).
    public func distance(to other: GridPoint) -> Double {
        let dx = easting - other.easting
        let dy = northing - other.northing
        return (dx * dx + dy * dy).squareRoot()
    }
}

/// ONS population-weighted centroid of a 2021 LSOA (LSOA December 2021 PWC V4), with its British National Grid point
/// derived at import (ONS publishes the WGS84 position).
public struct LSOA2021Centroid: Sendable, Hashable, Codable {
    public var lsoa2021: LSOACode
    public var grid: GridPoint
    public var position: LatLong

    public init(lsoa2021: LSOACode, grid: GridPoint, position: LatLong) {
        self.lsoa2021 = lsoa2021
        self.grid = grid
        self.position = position
    }
}
