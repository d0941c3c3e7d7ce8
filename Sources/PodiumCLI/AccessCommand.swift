import ArgumentParser
import Foundation
import PodiumCore
import PodiumImport

/// `podium access`: floating catchment access scores (2SFCA, E2SFCA…) of demand areas to supply sites, as PySAL
/// `access` computes them.
struct Access: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Score spatial access (2SFCA, E2SFCA and more) from demand and supply CSV files.",
        discussion: """
            Demand columns: \(AccessFile.demandColumns.joined(separator: ",")); supply columns: \(AccessFile.supplyColumns.joined(separator: ",")).
            Coordinates are British National Grid metres; distance is Euclidean; the catchment and the bands include their upper bound.
            Output: id,population and one column per method, rows sorted by id; NaN = no site within the radius,
            inf = a site whose catchment holds nobody. A file with any bad row writes nothing (exit status 65).
            """)

    @ArgumentParser.Option(name: .long, help: "Demand areas: id,x,y,population.")
    var demand: String

    @ArgumentParser.Option(name: .long, help: "Supply sites: id,x,y,capacity.")
    var supply: String

    @ArgumentParser.Option(name: .long, help: "Catchment radius in metres.")
    var radius: Double = 10000

    @ArgumentParser.Option(name: .long, help: "E2SFCA step weights as bound:weight in metres.")
    var bands = "3000:1,6000:0.68,10000:0.22"

    @ArgumentParser.Option(
        name: .long,
        help:
            "Columns to write: a comma list of \(AccessFile.Method.allCases.map(\.rawValue).joined(separator: ", ")), or all."
    )
    var methods = AccessFile.Method.standard.map(\.rawValue).joined(separator: ",")

    @ArgumentParser.Option(name: .long, help: "Write the scores to this file instead of standard output.")
    var out: String?

    func validate() throws {
        guard radius.isFinite, radius > 0 else { throw ValidationError(AccessError.badRadius(radius).description) }
        _ = try parseSteps()
        _ = try parseMethods()
    }

    func run() throws {
        let steps = try parseSteps()
        let chosen = try parseMethods()
        let demandPlaces = try Terminal.readInput {
            try AccessFile.read(try SourceFile.load(path: demand), amount: "population")
        }
        let supplyPlaces = try Terminal.readInput {
            try AccessFile.read(try SourceFile.load(path: supply), amount: "capacity")
        }
        let scores = AccessFile.score(
            demand: demandPlaces, supply: supplyPlaces, radius: radius, steps: steps, methods: chosen)
        let text = AccessFile.write(demand: demandPlaces, scores: scores, methods: chosen)
        if let out {
            try Data(text.utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        } else {
            FileHandle.standardOutput.write(Data(text.utf8))
        }
    }

    private func parseSteps() throws -> [StepWeight] {
        do { return try StepWeight.parse(bands) } catch { throw ValidationError("--bands: \(error.description)") }
    }

    private func parseMethods() throws -> [AccessFile.Method] {
        if methods == "all" { return AccessFile.Method.allCases }
        return try methods.split(separator: ",").map { name in
            guard let method = AccessFile.Method(rawValue: String(name)) else {
                throw ValidationError(
                    "--methods: \(name) is not one of \(AccessFile.Method.allCases.map(\.rawValue).joined(separator: ", "))."
                )
            }
            return method
        }
    }
}
