import Foundation
import PodiumCore
import PodiumTestSupport
import Testing

@testable import PodiumImport

@Suite("podium access files against PySAL access's fixtures")
struct AccessFileTests {
    static let fixtures = Fixtures.root + "/Tests/Fixtures/access"

    /// The expected scores file: column name → value per id.
    static func expected(_ fixture: String) throws -> (columns: [String], rows: [String: [String: Double]]) {
        let lines = try String(contentsOfFile: "\(fixtures)/\(fixture)/scores.csv", encoding: .utf8).split(
            separator: "\n")
        let header = lines[0].split(separator: ",").map(String.init)
        var rows: [String: [String: Double]] = [:]
        for line in lines.dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            rows[fields[0]] = Dictionary(
                uniqueKeysWithValues: zip(header.dropFirst(), fields.dropFirst()).map { ($0, Double($1)!) })
        }
        return (header, rows)
    }

    static func read(_ fixture: String) throws -> (demand: AccessFile.Places, supply: AccessFile.Places) {
        (
            try AccessFile.read(try SourceFile.load(path: "\(fixtures)/\(fixture)/demand.csv"), amount: "population"),
            try AccessFile.read(try SourceFile.load(path: "\(fixtures)/\(fixture)/supply.csv"), amount: "capacity")
        )
    }

    @Test(
        "Every method matches the peer on every area (1e-9 relative, NaN and inf exactly)",
        arguments: ["tiny", "edge", "n1000"])
    func fixture(name: String) throws {
        let (demand, supply) = try Self.read(name)
        let expected = try Self.expected(name)
        let methods = AccessFile.Method.allCases.filter { expected.columns.contains($0.rawValue) }
        #expect(methods.count == AccessFile.Method.allCases.count)
        let scores = AccessFile.score(
            demand: demand, supply: supply, radius: 10000, steps: try StepWeight.parse("3000:1,6000:0.68,10000:0.22"),
            methods: methods)
        #expect(demand.ids.count == expected.rows.count)
        var mismatches: [String] = []
        for (index, id) in demand.ids.enumerated() {
            let row = try #require(expected.rows[id])
            #expect(row["population"] == demand.amounts[index])
            for method in methods where !AccessBenchmark.matches(scores[method]![index], row[method.rawValue]!) {
                mismatches.append("\(id) \(method.rawValue): \(scores[method]![index]) vs \(row[method.rawValue]!)")
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(5))")
    }

    @Test("The written file has the fixtures' columns, rows sorted by id, NaN and inf spelled as the peer does")
    func writtenFile() throws {
        let (demand, supply) = try Self.read("edge")
        let methods = AccessFile.Method.standard
        let text = AccessFile.write(
            demand: demand,
            scores: AccessFile.score(
                demand: demand, supply: supply, radius: 10000,
                steps: try StepWeight.parse("3000:1,6000:0.68,10000:0.22"), methods: methods),
            methods: methods)
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0] == "id,population,2sfca,e2sfca,e2sfca_norm")
        #expect(lines.dropFirst().map { String($0.prefix(while: { $0 != "," })) } == demand.ids.sorted())
        #expect(lines.contains("E2,0,inf,inf,inf"))
        #expect(lines.contains("E3,1500,NaN,NaN,NaN"))
        #expect(AccessFile.number(0.1) == "0.1")
        #expect(AccessFile.number(-.infinity) == "-inf")
    }

    @Test(
        "A bad demand file scores nothing and names every problem's line and column",
        arguments: [
            ("id,x,y,population\nA,0,0,10\nA,5,5,3\n", ["bad.csv:3:1: id: A is already on line 2"]),
            (
                "id,x,y,population\nA,0,zero,10\nB,1,1,-4\n",
                ["bad.csv:2:3: y: \"zero\" is not a number", "bad.csv:3:4: population: -4 is negative"]
            ),
            ("id,x,y\nA,0,0\n", ["bad.csv:1: missing column \"population\""]),
            ("id,x,y,population\n,0,0,10\n", ["bad.csv:2:1: id: is blank"]),
        ])
    func badFile(text: String, problems: [String]) throws {
        let source = try SourceFile.load(path: Fixtures.temporaryFile(named: "bad.csv", text: text))
        let failure = try #require(
            #expect(throws: InputFileFailure.self) { try AccessFile.read(source, amount: "population") })
        #expect(failure.issues.map(\.description) == problems)
        #expect(failure.description.contains("not scored"))
    }

    @Test("The synthetic geography is the same for the same seed, different for another, and England-like in density")
    func syntheticGeography() {
        let first = SyntheticGeography(areas: 2000, sites: 650, seed: 3)
        #expect(first.demand == SyntheticGeography(areas: 2000, sites: 650, seed: 3).demand)
        #expect(first.supply == SyntheticGeography(areas: 2000, sites: 650, seed: 3).supply)
        #expect(first.demand != SyntheticGeography(areas: 2000, sites: 650, seed: 4).demand)
        #expect(first.demand.ids.count == 2000)
        #expect(first.supply.ids.count == 650)
        #expect(Set(first.demand.ids).count == 2000)
        let pairs = CatchmentPairs(areas: first.demand.locations, sites: first.supply.locations, radius: 10000)
        // The shared n1000 fixture has 32 pairs per area; the same recipe should land in the same range.
        #expect((10...80).contains(pairs.count / 2000))
    }
}
