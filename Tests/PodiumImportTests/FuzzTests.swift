import Foundation
import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

@testable import PodiumImport

/// Every CSV reader, fed more than 100,000 damaged inputs, never crashes and always answers with either
/// rows or a clean error naming the file, a line and (where it can) a column. A crash ends the test process, which
/// fails the run; an error of any other kind, or one without a line, is recorded here.
///
/// Inputs are generated, not random: a SplitMix64 generator with a fixed seed mutates real seed files (the
/// published-format fixtures, a valid file for each local-record template, the command-line formats), so a failure
/// reproduces exactly.
// The readers touch no database, so the PostgreSQL run of the suite skips them.
/// Tagged `fuzz`: it takes most of a minute, so a plain `swift test` skips it and `.ci/run` runs it on its own
/// (`PODIUM_FUZZ=1 swift test --filter .tags:fuzz`). It reads no database, so it runs once, on SQLite's pass.
@Suite(
    "Fuzzing the CSV readers", .tags(.fuzz),
    .enabled(
        if: ProcessInfo.processInfo.environment["PODIUM_FUZZ"] == "1" && !TestDatabase.isPostgres,
        "set PODIUM_FUZZ=1 to run"))
struct FuzzTests {
    /// The synthetic geography's seeded SplitMix64: the same inputs on every run and platform.
    typealias Generator = SplitMix64

    /// What damaged files contain: CSV's own syntax, line ends, encodings broken halfway, numbers too big or not numbers.
    static let tokens: [[UInt8]] =
        [
            "\"", "\"\"", ",", "\r", "\n", "\r\n", ",,,,", "\"\"\"", "\u{FEFF}", "99999999999999999999999", "-1",
            "1e309", "-0", "NaN", "inf",
            "£", "😀", "2024-02-30", "2023/24", "24:00", "99:99", "  ", "\t", "<script>", "%s%n",
            "'; DROP TABLE users; --", "0x7fffffffffffffff",
            "9223372036854775808", "-9223372036854775809", "1.7976931348623157e308", "E01000001", "FA129", "QT6", ".",
            "1,5",
        ].map { Array($0.utf8) } + [[0xFF], [0xC3], [0xE2, 0x82], [0x00], [0x92], [0xF0, 0x9F], [0x1F, 0x8B]]

    /// One to four mutations of `seed`: byte changes, inserted tokens or noise, deletions, duplicated or swapped lines,
    /// truncation and a field replaced.
    static func mutate(_ seed: [UInt8], _ generator: inout Generator) -> [UInt8] {
        var bytes = seed
        for _ in 0..<Int.random(in: 1...4, using: &generator) {
            let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &generator)
            switch Int.random(in: 0..<8, using: &generator) {
            case 0 where !bytes.isEmpty:
                bytes[at] = UInt8.random(in: 0...255, using: &generator)
            case 1:
                bytes.insert(contentsOf: tokens.randomElement(using: &generator)!, at: at)
            case 2 where !bytes.isEmpty:
                bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...64, using: &generator)))
            case 3:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                if let line = lines.randomElement(using: &generator) {
                    lines.insert(line, at: Int.random(in: 0...lines.count, using: &generator))
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 4:
                bytes = Array(bytes.prefix(at))
            case 5:
                var lines = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
                if lines.count > 1 {
                    lines.swapAt(
                        Int.random(in: 0..<lines.count, using: &generator),
                        Int.random(in: 0..<lines.count, using: &generator))
                }
                bytes = Array(lines.joined(separator: [UInt8(ascii: "\n")]))
            case 6:
                bytes.insert(
                    contentsOf: (0..<Int.random(in: 1...24, using: &generator)).map { _ in
                        UInt8.random(in: 0...255, using: &generator)
                    }, at: at)
            default:
                // A whole field replaced: from one comma to the next.
                let comma = UInt8(ascii: ",")
                guard let start = bytes[at...].firstIndex(of: comma) else { continue }
                let end = bytes[(start + 1)...].firstIndex(of: comma) ?? bytes.count
                bytes.replaceSubrange((start + 1)..<end, with: tokens.randomElement(using: &generator)!)
            }
        }
        return bytes
    }

    /// The header and up to 12 rows of a fixture: enough rows for repeats and swaps, short enough to read quickly.
    static func seed(_ text: String) -> [UInt8] {
        Array(text.split(separator: "\n", omittingEmptySubsequences: false).prefix(13).joined(separator: "\n").utf8)
    }

    /// Problems must say where: a line from 1, a column from 1 when given, and a reason.
    static func isClean(_ issues: [ImportIssue], file: String) -> Bool {
        !issues.isEmpty
            && issues.allSatisfy { $0.file == file && $0.line >= 1 && ($0.column ?? 1) >= 1 && !$0.reason.isEmpty }
    }

    /// Runs `count` damaged copies of `seed` through `read`, which returns the issues of a clean error (or `nil` when the
    /// input was read), and records any input that crashed into an unclean error. Returns how many were read cleanly.
    static func fuzz(
        _ name: String, seed: [UInt8], count: Int, generator: inout Generator,
        read: (SourceFile) throws -> [ImportIssue]?
    ) -> (inputs: Int, rejected: Int) {
        var rejected = 0
        for index in 0..<count {
            let bytes = mutate(seed, &generator)
            do {
                let source = try SourceFile.received(name: name, bytes: bytes)
                if let issues = try read(source) {
                    rejected += 1
                    if !isClean(issues, file: name) {
                        Issue.record("\(name) input \(index): an error that does not say where: \(issues.prefix(3))")
                        return (index + 1, rejected)
                    }
                }
            } catch let error as SourceFileError {
                // Bytes that start like gzip and are not: the whole file is refused with a reason.
                rejected += 1
                if error.description.isEmpty { Issue.record("\(name) input \(index): empty reason") }
            } catch {
                Issue.record("\(name) input \(index): unexpected \(type(of: error)): \(error)")
                return (index + 1, rejected)
            }
        }
        return (count, rejected)
    }

    static let perDataset = 2_000, perTemplate = 2_500

    @Test(
        "Every published-format reader: 2,000 damaged files each, rows or a clean error naming file, line and column",
        arguments: Dataset.allCases)
    func datasets(_ dataset: Dataset) throws {
        var generator = Generator(seed: 10 + UInt64(Dataset.allCases.firstIndex(of: dataset) ?? 0))
        let result = Self.fuzz(
            dataset.rawValue + ".csv", seed: Self.seed(try Fixtures.text(of: dataset)), count: Self.perDataset,
            generator: &generator
        ) { source in
            do {
                _ = try Importer.rowCount(dataset, source: source)
                return nil
            } catch let failure as ImportFailure {
                #expect(failure.totalIssues >= failure.issues.count)
                return failure.issues
            }
        }
        // Every input was tried, and the mutations really damage files: most are refused, some still read.
        #expect(result.inputs == Self.perDataset)
        #expect(result.rejected > result.inputs / 4 && result.rejected < result.inputs)
    }

    @Test("In all, more than 100,000 damaged inputs")
    func total() {
        #expect(
            Dataset.allCases.count * Self.perDataset + RecordTemplate.all.count * Self.perTemplate + Self.commandInputs
                > 100_000)
    }

    /// A valid file for a template: its header and three rows of plausible values.
    static func validFile(_ template: RecordTemplate) -> [UInt8] {
        func value(_ field: RecordField, _ row: Int) -> String {
            switch field.kind {
            case .text: field.name == "evidence" ? "spc:delivery" : "note \(row)"
            case .date: "2024-0\(row + 4)-01"
            case .month: "2024-0\(row + 4)"
            case .count: "\(row + 3)"
            case .pounds: "\(row + 1)250.50"
            case .hours: "3.5"
            case .time: field.name == "closes" ? "17:30" : "09:00"
            case .choice(let words): words[row % words.count]
            case .pharmacy: ["FA129", "FA636", "FA002"][row]
            case .postcode: "TR1 1AA"
            case .reference:
                field.name == "provider"
                    ? ["1000080000", "FA129", "1000090000"][row]
                    : field.name == "contract" ? ["1000080000", "1000090000", "1639100001"][row] : "R-\(row)"
            case .references: field.name == "icbs_served" ? "QT6 QOX" : "R-1 R-2"
            case .gosContracts: "G-\(row)"
            case .localAuthority: "E06000052"
            case .financialYear: "202\(row + 3)/2\(row + 4)"
            case .units: field.name == "credit" ? "" : "\(row + 1)00.5"
            }
        }
        let lines =
            [template.csvHeader()] + (0..<3).map { row in CSVFormat.line(template.fields.map { value($0, row) }) }
        return Array(lines.joined().utf8)
    }

    @Test("Every local-record template's upload reader: 2,500 damaged files each")
    func templates() throws {
        var generator = Generator(seed: 20)
        var total = 0
        for template in RecordTemplate.all {
            let seed = Self.validFile(template)
            let (_, _, problems) = LocalRecordImporter.parse(
                template, source: try SourceFile.received(name: "seed.csv", bytes: seed))
            #expect(problems.isEmpty, "\(template.id)'s seed file: \(problems)")
            let result = Self.fuzz("\(template.id).csv", seed: seed, count: Self.perTemplate, generator: &generator) {
                source in
                let (_, _, issues) = LocalRecordImporter.parse(template, source: source)
                return issues.isEmpty ? nil : issues
            }
            #expect(result.rejected > result.inputs / 4, "\(template.id)")
            total += result.inputs
        }
        #expect(total == RecordTemplate.all.count * Self.perTemplate)
    }

    /// Three command-line formats and the scanner, 5,000 each, and 2,000 damaged gzip files.
    static let commandInputs = 4 * 5_000 + 2_000

    @Test("The command-line formats and the CSV scanner: 5,000 damaged files each; gzip damaged 2,000 times")
    func commandFiles() throws {
        var generator = Generator(seed: 30)
        let readers: [(String, [UInt8], (SourceFile) throws -> Void)] = [
            (
                "demand.csv",
                Array(
                    try String(
                        contentsOfFile: Fixtures.root + "/Tests/Fixtures/access/tiny/demand.csv", encoding: .utf8
                    ).utf8), { _ = try AccessFile.read($0, amount: "population") }
            ),
            (
                "reconcile.csv",
                Array(
                    (ReconciliationFile.inputColumns.joined(separator: ",")
                        + "\n1000000001,8000,25000000,7700,0,0,0,0\n1000000002,100.5,3125000,101.9,2.5,0,1,0\n").utf8),
                { _ = try ReconciliationFile.read($0) }
            ),
            (
                "spc.csv", Array("period,value\n2024-01,12.5\n2024-02,13\n2024-03,11.25\n2024-04,40\n".utf8),
                { _ = try SPCFile.read($0) }
            ),
        ]
        var total = 0
        for (name, seed, read) in readers {
            let result = Self.fuzz(name, seed: seed, count: 5_000, generator: &generator) { source in
                do {
                    try read(source)
                    return nil
                } catch let failure as InputFileFailure {
                    return failure.issues
                }
            }
            total += result.inputs
        }
        // The scanner alone: every record, or a syntax error at a line and column.
        let scanned = Self.fuzz(
            "raw.csv", seed: Self.seed(try Fixtures.text(of: .pharmacies)), count: 5_000, generator: &generator
        ) { source in
            do {
                _ = try CSVReader(bytes: source.content).records()
                return nil
            } catch let syntax as CSVSyntaxError {
                return [ImportIssue(file: source.name, line: syntax.line, column: syntax.column, reason: syntax.reason)]
            }
        }
        #expect(scanned.rejected > 100)
        total += scanned.inputs
        // Damaged gzip: read, or refused as a whole with a reason (a truncated download is caught by its size check).
        let gzipped = try SourceFile.gzip(Self.seed(try Fixtures.text(of: .icbs)))
        let inflated = Self.fuzz("icbs.csv.gz", seed: gzipped, count: 2_000, generator: &generator) { source in
            do {
                _ = try Importer.rowCount(.icbs, source: source)
                return nil
            } catch let failure as ImportFailure {
                return failure.issues
            }
        }
        total += inflated.inputs
        #expect(total == Self.commandInputs)
    }
}

extension Tag {
    /// Long randomised runs: skipped by a plain `swift test`, run by `.ci/run`.
    @Tag static var fuzz: Self
}
