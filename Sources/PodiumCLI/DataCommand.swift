import ArgumentParser
import Foundation
import PodiumData
import PodiumImport

/// `podium data …`: maintenance of the bundled open data.
struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "data", abstract: "Maintain the bundled open data; fingerprint a database.",
        subcommands: [PostcodesSubset.self, Fingerprint.self])
}

/// `podium data fingerprint`: each table's row count and a hash of its rows, to show that two databases (or one
/// before and after an operation, such as an import killed part way) hold the same data.
struct Fingerprint: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Print each table's row count and a hash of its rows.")

    @ArgumentParser.OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await options.withDatabase("podium.data") { handle in
            for line in try await DatabaseFingerprint.summary(of: handle.database) { Terminal.line(line) }
        }
    }
}

/// Rebuilds `Data/open/codepoint_open_2025_10_postcodes_subset.csv.gz` from the full Code-Point Open file.
struct PostcodesSubset: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "postcodes-subset",
        abstract:
            "Write the Code-Point subset holding only the postcodes of the bundled ODS sites and dental contracts.")

    @ArgumentParser.Option(
        name: .long, help: "The full Code-Point Open CSV (codepoint_open_2025_10_postcodes_gb.csv.gz).")
    var codepoint: String

    @ArgumentParser.Option(name: .long, help: "Folder of the bundled open data (default: Data/open).")
    var dataDir: String?

    @ArgumentParser.Option(name: .long, help: "Output file (default: the bundled subset in the data folder).")
    var out: String?

    func run() throws {
        let directory = try BundledData.locateDirectory(
            explicit: dataDir, environment: ProcessInfo.processInfo.environment)
        let output = out ?? (directory as NSString).appendingPathComponent(BundledData.fileName(for: .postcodes))
        let summary = try PostcodeSubset.make(codePointPath: codepoint, dataDirectory: directory, output: output)
        Terminal.line("Wrote \(summary.found) of \(summary.wanted) wanted postcodes to \(summary.written).")
    }
}
