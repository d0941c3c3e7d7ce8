import ArgumentParser
import Foundation
import PodiumCore
import PodiumImport

/// `podium spc INPUT.csv`: a Making Data Count XmR chart of any series, CSV in, CSV out on standard output.
struct Spc: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "spc",
        abstract: "Chart a series the Making Data Count way: limits, the four rules, point types and both icons.",
        discussion: """
            Input columns: \(SPCFile.inputColumns.joined(separator: ",")), in time order.
            Output columns: \(SPCFile.outputColumns.joined(separator: ",")).
            The variation and assurance icons go to standard error as the last line.
            A file with any bad row writes nothing and lists each problem as file:line:column: reason.
            """)

    @ArgumentParser.Argument(help: "The input CSV file.")
    var input: String

    @ArgumentParser.Option(name: .long, help: "Which way is better: increase, decrease or neutral.")
    var direction: String = ImprovementDirection.increase.rawValue

    @ArgumentParser.Option(name: .long, help: "A target, for the assurance icon.")
    var target: Double?

    @ArgumentParser.Option(name: .customLong("run"), help: "Points in a shift or trend: 7 (Making Data Count) or 6.")
    var runLength = SPCOptions.makingDataCount.runLength

    @ArgumentParser.Flag(
        name: .long, help: "Drop moving ranges ≥ 3.267 × their mean before setting limits (the MDC Excel tools do not)."
    )
    var screen = false

    @ArgumentParser.Option(
        name: .long, help: "Recalculate the limits from this period on (repeat for several rebases).")
    var rebase: [String] = []

    func validate() throws {
        guard ImprovementDirection(rawValue: direction) != nil else {
            throw ValidationError(
                "--direction must be one of: \(ImprovementDirection.allCases.map(\.rawValue).joined(separator: ", ")).")
        }
        guard (2...20).contains(runLength) else { throw ValidationError("--run must be between 2 and 20 points.") }
    }

    func run() throws {
        let series = try Terminal.readInput { try SPCFile.read(try SourceFile.load(path: input)) }
        let rebaseAt = try rebase.map { period in
            guard let index = series.periods.firstIndex(of: period) else {
                throw ValidationError("--rebase \(period) is not a period in \(input).")
            }
            return index
        }
        let options = SPCOptions(runLength: runLength, screenMovingRanges: screen, rebaseAt: rebaseAt)
        let chart = XmRChart(
            periods: series.periods, values: series.values,
            direction: ImprovementDirection(rawValue: direction) ?? .increase,
            target: target, options: options)
        FileHandle.standardOutput.write(Data(SPCFile.write(chart).utf8))
        Terminal.error(SPCFile.icons(chart))
    }
}
