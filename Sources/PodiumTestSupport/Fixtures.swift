import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport

/// The repository's fixtures and bundled data, found from this source file so tests run from any directory.
public enum Fixtures {
    /// The package root.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // Sources/PodiumTestSupport/Fixtures.swift
        return url.path
    }()

    /// Real-format slices of the bundled data for two ICBs (see `scripts/make_fixtures.py`).
    public static var openData: String { root + "/Tests/Fixtures/open" }
    /// The full bundled open data the demo imports.
    public static var bundled: String { root + "/Data/open" }

    /// Figures computed independently from the fixture slices by `scripts/make_fixtures.py`.
    public static func expected() throws -> Expected {
        try JSONDecoder().decode(
            Expected.self, from: Data(contentsOf: URL(fileURLWithPath: openData + "/expected.json")))
    }

    public struct Expected: Decodable, Sendable {
        public struct ICBFigures: Decodable, Sendable {
            public var population: Int
            public var childrenMid2024: Int
            public var adultsMid2024: Int
            public var dentalContracts: Int
            public var contractedUDAsHundredths: Int64
            public var contractedValuePence: Int64
            public var pharmacies: Int
            public var dentalPractices: Int
            public var subICBLocations: Int
            public var lsoas: Int
            public var mostDeprivedLSOAs: Int
        }
        /// One contract's figures in one financial year.
        public struct ContractYear: Decodable, Sendable {
            public var months: Int
            public var commissioner: String
            public var targetHundredths: Int64
            public var valuePence: Int64
            public var deliveredHundredths: Int64
            public var foundationHundredths: Int64
            public var lateFP17s: Int
            public var targetChanges: Int
            public var changes: Int
            /// The mid-year review as held: April–September delivery and the target of the September row.
            public var firstHalfDeliveredHundredths: Int64?
            public var targetAtSeptemberHundredths: Int64?
        }
        public struct Contract: Decodable, Sendable {
            public var commissioner: String
            public var firstMonth: String
            public var lastMonth: String
            public var ended: Bool
            /// By financial year, `2023/24`.
            public var years: [String: ContractYear]
        }
        /// The fixtures' rows of one financial year.
        public struct Year: Decodable, Sendable {
            public var months: Int
            public var contracts: Int
            public var contractedHundredths: Int64
            public var deliveredHundredths: Int64
            public var ended: Int
        }
        public var icbs: [String: ICBFigures]
        public var contracts: [String: Contract]
        public var years: [String: Year]
        /// `2025/26`.
        public var latestYear: String
        public var dentalRows: Int
    }

    /// The fixture rows of one financial year (`2023-24`), as one CSV text.
    public static func dentalYearText(_ year: String) throws -> String {
        try String(
            contentsOfFile: openData + "/nhsbsa_dental_activity_monthly/uda_contractor_\(year).csv", encoding: .utf8)
    }

    /// Verbatim slices of one month of each layout NHSBSA has published (`scripts/make_fixtures.py`).
    public static var dentalFormats: String { root + "/Tests/Fixtures/dental-formats" }

    /// The fixed instant tests run at: 1 December 2026, 09:00 UTC (a Tuesday, mid-way through 2026/27).
    public static let t0 = Date(timeIntervalSince1970: 1_796_115_600)

    /// A wall clock stopped at ``t0``: imports, sessions, records and pages dated the same every run.
    public static let clock = WallClock.fixed(t0)

    /// Imports every fixture dataset into `database`.
    public static func importAll(into database: any Database) async throws {
        try await Importer(database: database, logger: TestDatabase.quietLogger, clock: Fixtures.clock).runBundled(
            directory: openData)
    }

    /// Writes `text` to a new file in a fresh temporary folder and returns its path.
    public static func temporaryFile(named name: String, contents: [UInt8]) throws -> String {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let url = folder.appendingPathComponent(name)
        try Data(contents).write(to: url)
        return url.path
    }

    public static func temporaryFile(named name: String, text: String) throws -> String {
        try temporaryFile(named: name, contents: Array(text.utf8))
    }

    /// A fixture file's text: the dataset's one file, or for a dataset bundled as a folder (the monthly dental
    /// activity) its first file.
    public static func text(of dataset: Dataset) throws -> String {
        let path = BundledData.path(for: dataset, in: openData)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue else {
            return try String(contentsOfFile: path, encoding: .utf8)
        }
        let files = try FileManager.default.contentsOfDirectory(atPath: path).filter { $0.hasSuffix(".csv") }.sorted()
        guard let first = files.first else { throw CocoaError(.fileNoSuchFile, userInfo: [NSFilePathErrorKey: path]) }
        return try String(contentsOfFile: path + "/" + first, encoding: .utf8)
    }
}
