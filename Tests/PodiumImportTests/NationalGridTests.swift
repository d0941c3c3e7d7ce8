import Foundation
import PodiumCore
import PodiumTestSupport
import Testing

@testable import PodiumImport

@Suite("WGS84 to the British National Grid")
struct NationalGridTests {
    @Test(
        "The Ordnance Survey guide's worked example: Transverse Mercator of 52°39′27.2531″N 1°43′4.5177″E on Airy 1830")
    func guideExample() {
        // "A guide to coordinate systems in Great Britain", Annex C: OSGB36 latitude and longitude to E 651409.903,
        // N 313177.270 (the projection step alone).
        let latitude = (52 + 39 / 60 + 27.2531 / 3600) * Double.pi / 180
        let longitude = (1 + 43 / 60 + 4.5177 / 3600) * Double.pi / 180
        let point = NationalGrid.project(latitude: latitude, longitude: longitude)
        #expect(abs(point.easting - 651_409.903) < 0.01)
        #expect(abs(point.northing - 313_177.270) < 0.01)
    }

    @Test("ONS's 2011 centroids, published both ways: every converted point within 5 m of ONS's grid reference")
    func onsCentroids() throws {
        let text = try String(contentsOfFile: Fixtures.openData + "/lsoa11_pwc_dec2011.csv", encoding: .utf8)
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        let column = { (name: String) in header.firstIndex(of: name)! }
        var checked = 0
        var worst = 0.0
        for line in lines.dropFirst() {
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard cells.count == header.count, let lat = Double(cells[column("latitude")]),
                let long = Double(cells[column("longitude")]), let easting = Double(cells[column("easting_derived")]),
                let northing = Double(cells[column("northing_derived")])
            else { continue }
            let point = NationalGrid.gridPoint(LatLong(latitude: lat, longitude: long))
            let distance =
                ((point.easting - easting) * (point.easting - easting)
                + (point.northing - northing) * (point.northing - northing)).squareRoot()
            worst = max(worst, distance)
            checked += 1
        }
        #expect(checked > 500)
        #expect(worst < 5, "worst \(worst) m")
    }
}
