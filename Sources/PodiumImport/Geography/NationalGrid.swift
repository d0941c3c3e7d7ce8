import Foundation
import PodiumCore

/// WGS84 latitude and longitude to British National Grid eastings and northings, for sources that publish only the
/// former (ONS 2021 LSOA population-weighted centroids).
///
/// Ordnance Survey, "A guide to coordinates and coordinate systems in Great Britain" (2020): a seven-parameter
/// Helmert transformation from WGS84 (≈ ETRS89) to OSGB36 (accurate to about 5 m, far within the 10 km catchments it
/// serves), then the Transverse Mercator projection of the Airy 1830 ellipsoid with the National Grid's origin and
/// scale (Annex C's formulae).
public enum NationalGrid {
    public static func gridPoint(_ position: LatLong) -> GridPoint {
        let osgb36 = helmert(position)
        return project(latitude: osgb36.latitude * .pi / 180, longitude: osgb36.longitude * .pi / 180)
    }

    struct Ellipsoid {
        var a: Double
        var b: Double
        var eccentricitySquared: Double { (a * a - b * b) / (a * a) }
    }

    static let grs80 = Ellipsoid(a: 6_378_137.000, b: 6_356_752.3141)
    static let airy1830 = Ellipsoid(a: 6_377_563.396, b: 6_356_256.909)

    /// WGS84 → OSGB36 by the OS guide's Helmert parameters (translations in metres, rotations in seconds of arc,
    /// scale in parts per million), through Cartesian coordinates at zero height.
    static func helmert(_ position: LatLong) -> LatLong {
        let (x, y, z) = cartesian(position, on: grs80)
        let tx = -446.448
        let ty = 125.157
        let tz = -542.060
        let scale = 20.4894e-6
        let seconds = Double.pi / (180 * 3600)
        let rx = -0.1502 * seconds
        let ry = -0.2470 * seconds
        let rz = -0.8421 * seconds
        let x2 = tx + (1 + scale) * x - rz * y + ry * z
        let y2 = ty + rz * x + (1 + scale) * y - rx * z
        let z2 = tz - ry * x + rx * y + (1 + scale) * z
        return geodetic(x: x2, y: y2, z: z2, on: airy1830)
    }

    static func cartesian(_ position: LatLong, on ellipsoid: Ellipsoid) -> (Double, Double, Double) {
        let phi = position.latitude * .pi / 180
        let lambda = position.longitude * .pi / 180
        let e2 = ellipsoid.eccentricitySquared
        let nu = ellipsoid.a / (1 - e2 * sin(phi) * sin(phi)).squareRoot()
        return (nu * cos(phi) * cos(lambda), nu * cos(phi) * sin(lambda), nu * (1 - e2) * sin(phi))
    }

    static func geodetic(x: Double, y: Double, z: Double, on ellipsoid: Ellipsoid) -> LatLong {
        let e2 = ellipsoid.eccentricitySquared
        let p = (x * x + y * y).squareRoot()
        var phi = atan2(z, p * (1 - e2))
        for _ in 0..<10 {
            let nu = ellipsoid.a / (1 - e2 * sin(phi) * sin(phi)).squareRoot()
            phi = atan2(z + e2 * nu * sin(phi), p)
        }
        return LatLong(latitude: phi * 180 / .pi, longitude: atan2(y, x) * 180 / .pi)
    }

    /// Transverse Mercator on Airy 1830 with the National Grid's true origin (49°N, 2°W), false origin
    /// (400 km west, 100 km north) and central-meridian scale 0.9996012717 (OS guide, Annex C).
    static func project(latitude phi: Double, longitude lambda: Double) -> GridPoint {
        let a = airy1830.a
        let b = airy1830.b
        let f0 = 0.9996012717
        let phi0 = 49 * Double.pi / 180
        let lambda0 = -2 * Double.pi / 180
        let e0 = 400_000.0
        let n0 = -100_000.0
        let e2 = airy1830.eccentricitySquared
        let n = (a - b) / (a + b)
        let sinPhi = sin(phi)
        let cosPhi = cos(phi)
        let tanPhi = tan(phi)
        let nu = a * f0 / (1 - e2 * sinPhi * sinPhi).squareRoot()
        let rho = a * f0 * (1 - e2) / pow(1 - e2 * sinPhi * sinPhi, 1.5)
        let eta2 = nu / rho - 1
        let dPhi = phi - phi0
        let sPhi = phi + phi0
        let m =
            b * f0
            * ((1 + n + 5 / 4 * n * n + 5 / 4 * n * n * n) * dPhi
                - (3 * n + 3 * n * n + 21 / 8 * n * n * n) * sin(dPhi) * cos(sPhi)
                + (15 / 8 * n * n + 15 / 8 * n * n * n) * sin(2 * dPhi) * cos(2 * sPhi)
                - 35 / 24 * n * n * n * sin(3 * dPhi) * cos(3 * sPhi))
        let i = m + n0
        let ii = nu / 2 * sinPhi * cosPhi
        let iii = nu / 24 * sinPhi * pow(cosPhi, 3) * (5 - tanPhi * tanPhi + 9 * eta2)
        let iiiA = nu / 720 * sinPhi * pow(cosPhi, 5) * (61 - 58 * tanPhi * tanPhi + pow(tanPhi, 4))
        let iv = nu * cosPhi
        let v = nu / 6 * pow(cosPhi, 3) * (nu / rho - tanPhi * tanPhi)
        let vi =
            nu / 120 * pow(cosPhi, 5)
            * (5 - 18 * tanPhi * tanPhi + pow(tanPhi, 4) + 14 * eta2 - 58 * tanPhi * tanPhi
                * eta2)
        let l = lambda - lambda0
        return GridPoint(
            easting: e0 + iv * l + v * pow(l, 3) + vi * pow(l, 5),
            northing: i + ii * l * l + iii * pow(l, 4) + iiiA * pow(l, 6))
    }
}
