import Foundation
import PodiumCore
import PodiumTestSupport
import Testing

@testable import PodiumImport

@Suite("Map boundaries: the bundled ONS outlines as the maps read them")
struct MapBoundaryTests {
    @Test("The ring encoding: tens of metres, first point absolute, then steps; anything else is refused")
    func encoding() throws {
        let rings = try #require(AreaShape.rings(encoded: "100 200 1 0 0 1;5 5 2 0 0 2 -2 0"))
        #expect(rings.count == 2)
        #expect(
            rings[0] == [
                GridPoint(easting: 1_000, northing: 2_000), GridPoint(easting: 1_010, northing: 2_000),
                GridPoint(easting: 1_010, northing: 2_010),
            ])
        #expect(rings[1].last == GridPoint(easting: 50, northing: 70))
        for bad in ["", "1 2 3", "1 2 3 4", "1 2 3 4 5 x", "1 2 3 4 5 6 7"] {
            #expect(AreaShape.rings(encoded: bad) == nil, "\(bad)")
        }
    }

    @Test("The bundled files hold every ICB of the register and England's 33,755 LSOAs; Truro is inside Cornwall's")
    func bundled() throws {
        let boundaries = try MapBoundaries.load(directory: Fixtures.bundled)
        #expect(boundaries.icbs.count == 42)
        #expect(boundaries.lsoas.count == 33_755)
        let register = try CSVReader(bytes: SourceFile.load(path: Fixtures.bundled + "/icb_list_42.csv").content)
            .records().dropFirst().map { $0.fields[2] }
        #expect(register.count == 42)
        for code in register { #expect(boundaries.icbs[String(code)] != nil, "\(code)") }
        // Truro (SW 825 448, from the OS grid reference of its cathedral) lies inside Cornwall's box, not Devon's.
        let cornwall = try #require(boundaries.icbs["E54000036"]).bounds
        #expect(cornwall.minX < 182_500 && 182_500 < cornwall.maxX && cornwall.minY < 44_800 && 44_800 < cornwall.maxY)
        #expect(boundaries.icbs["E54000036"]?.name == "NHS Cornwall and the Isles of Scilly Integrated Care Board")
    }

    @Test("A bad row names its file and line")
    func badRow() throws {
        let file = try SourceFile.received(name: "icbs.csv", bytes: Array("code,name,rings\nE1,A,1 2 3\n".utf8))
        #expect(throws: MapBoundaryError(file: "icbs.csv", line: 2, reason: "not a code and its rings")) {
            try MapBoundaries.shapes(file, named: true)
        }
    }
}
