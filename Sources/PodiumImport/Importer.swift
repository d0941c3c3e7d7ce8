import FluentKit
import Foundation
import Logging
import PodiumCore
import PodiumData

/// What an import did.
public enum ImportOutcome: Sendable {
    /// The file was read and its rows upserted in one transaction.
    case imported(ImportRecord)
    /// This exact file (same SHA-256) was imported before; nothing was read or written.
    case alreadyImported(ImportRecord)

    public var record: ImportRecord {
        switch self {
        case .imported(let record), .alreadyImported(let record): record
        }
    }
}

/// Progress of a long import, for a terminal.
public struct ImportProgressEvent: Sendable {
    public enum Phase: Sendable { case reading, writing }
    public var dataset: Dataset
    public var phase: Phase
    /// Bytes read (reading) or rows written (writing).
    public var done: Int
    public var total: Int
    /// The file's name, and its place among the files of one command ("3 of 114"); 1 of 1 for a single file.
    public var file: String = ""
    public var fileNumber = 1
    public var fileCount = 1
}

/// Imports published files into the database: one file, one transaction, all or nothing.
///
/// Every row is validated before anything is written; a file with any invalid row changes nothing and the
/// ``ImportFailure`` names file, line, column and reason for each problem. Rows are upserted by their natural
/// key, so importing the same file twice leaves the database as it was (the second time is skipped outright
/// unless `force` is set, and then rewrites identical values).
public struct Importer: Sendable {
    let database: any Database
    let logger: Logger
    /// Dates the import in the log and the day pharmacy register changes are observed on.
    let clock: WallClock
    let progress: @Sendable (ImportProgressEvent) -> Void

    public init(
        database: any Database, logger: Logger, clock: WallClock,
        progress: @escaping @Sendable (ImportProgressEvent) -> Void = { _ in }
    ) {
        self.database = database
        self.logger = logger
        self.clock = clock
        self.progress = progress
    }

    /// Imports `path` as `dataset`.
    /// - Throws: ``SourceFileError`` if the file cannot be read, ``ImportFailure`` if any row is invalid,
    ///   or a database error (the transaction is rolled back).
    public func run(_ dataset: Dataset, file path: String, force: Bool = false) async throws -> ImportOutcome {
        try await run(dataset, files: [path], force: force)[0]
    }

    /// Imports each of `paths` as `dataset`, in order, each file in its own transaction with its own line in the
    /// import log; files imported before (the same SHA-256) are skipped. A folder stands for the CSV files in it.
    /// Stops at the first file that fails (the files before it stay imported, so a re-run carries on from there).
    /// While one file is written the next is read and checked, so the two cores share the work. `onEach` hears each
    /// outcome as it happens.
    @discardableResult
    public func run(
        _ dataset: Dataset, files paths: [String], force: Bool = false,
        onEach: (String, ImportOutcome) -> Void = { _, _ in }
    ) async throws -> [ImportOutcome] {
        let files = try paths.flatMap { BundledData.isFolder($0) ? try BundledData.publishedFiles(inFolder: $0) : [$0] }
        guard !files.isEmpty else {
            throw SourceFileError.unreadable(paths.joined(separator: ", "), "holds no CSV files")
        }
        // Which files the log already has, by their fingerprints, before any is read in full.
        let log = ImportStore(database: database)
        var earlier: [ImportRecord?] = []
        for file in files {
            earlier.append(try await log.find(dataset: dataset, sha256: try SourceFile.fingerprint(path: file)))
        }
        let reader = Self.reader(for: dataset, knownICBs: try await knownICBs(for: dataset))
        return try await run(reader, dataset, files: files, earlier: earlier, force: force, onEach: onEach)
    }

    private func run<Reader: DatasetReader>(
        _ reader: Reader, _ dataset: Dataset, files: [String], earlier: [ImportRecord?], force: Bool,
        onEach: (String, ImportOutcome) -> Void
    ) async throws -> [ImportOutcome] {
        let toRead = files.indices.filter { force || earlier[$0] == nil }
        let progress = self.progress
        // Reads and checks one file, off the writer's way.
        let read = { (index: Int) in
            Task { () throws -> (ImportContext, [Reader.Row]) in
                let started = ContinuousClock.now
                let source = try SourceFile.load(path: files[index])
                let context = ImportContext(
                    dataset: dataset, source: source, started: started, earlier: earlier[index],
                    fileNumber: index + 1, fileCount: files.count)
                let rows = try Self.parse(reader, dataset: dataset, source: source) { bytes in
                    progress(context.progress(.reading, done: bytes, total: source.content.count))
                }
                return (context, rows)
            }
        }
        var next = toRead.first.map(read)
        var nextPosition = 1
        var outcomes: [ImportOutcome] = []
        defer { next?.cancel() }
        for (index, file) in files.enumerated() {
            let outcome: ImportOutcome
            if !force, let earlier = earlier[index] {
                logger.info("already imported", metadata: ["dataset": "\(dataset.rawValue)", "file": "\(file)"])
                outcome = .alreadyImported(earlier)
            } else {
                guard let reading = next else { break }
                let (context, rows) = try await reading.value
                next = nextPosition < toRead.count ? read(toRead[nextPosition]) : nil
                nextPosition += 1
                outcome = .imported(try await write(rows, context))
            }
            onEach(file, outcome)
            outcomes.append(outcome)
        }
        return outcomes
    }

    /// The ICB register's codes for readers that check against it; `nil` for the others.
    /// - Throws: ``ImportFailure`` for dental activity when the register is empty: it says which commissioners are ICBs.
    private func knownICBs(for dataset: Dataset) async throws -> Set<String>? {
        guard [.subICBLocations, .dentalActivity].contains(dataset) else { return nil }
        let known = Set(try await GeographyStore(database: database).icbs().map(\.code.rawValue))
        if dataset == .dentalActivity, known.isEmpty {
            throw ImportFailure(
                dataset: dataset, file: "the ICB register",
                issues: [
                    ImportIssue(
                        file: "the ICB register", line: 1, column: nil,
                        reason:
                            "the ICB register is empty: import the \"\(Dataset.icbs.rawValue)\" dataset first (it says which commissioners are ICBs)"
                    )
                ], totalIssues: 1)
        }
        return known
    }

    /// Imports the bundled copy of every dataset from `directory`, in dependency order (a dataset bundled as a folder
    /// file by file), stopping at the first failure. `onEach` hears each outcome as it happens.
    @discardableResult
    public func runBundled(
        directory: String, force: Bool = false, onEach: (Dataset, ImportOutcome) -> Void = { _, _ in }
    ) async throws -> [(Dataset, ImportOutcome)] {
        var outcomes: [(Dataset, ImportOutcome)] = []
        for dataset in Dataset.allCases {
            try await run(dataset, files: try BundledData.files(for: dataset, in: directory), force: force) {
                onEach(dataset, $1)
                outcomes.append((dataset, $1))
            }
        }
        return outcomes
    }

    /// What an import run knows before it reads the file.
    struct ImportContext {
        var dataset: Dataset
        var source: SourceFile
        var started: ContinuousClock.Instant
        /// The log entry of an earlier import of the same file (only when forced).
        var earlier: ImportRecord?
        var fileNumber = 1
        var fileCount = 1

        func progress(_ phase: ImportProgressEvent.Phase, done: Int, total: Int) -> ImportProgressEvent {
            ImportProgressEvent(
                dataset: dataset, phase: phase, done: done, total: total, file: source.name, fileNumber: fileNumber,
                fileCount: fileCount)
        }
    }

    /// The reader of each dataset's file format: the one place a dataset is tied to its reader.
    /// - Parameter knownICBs: the ICB register's codes, for Sub-ICB Locations and dental commissioners; `nil` skips
    ///   those checks (parsing only).
    static func reader(for dataset: Dataset, knownICBs: Set<String>?) -> any DatasetReader {
        switch dataset {
        case .icbs: ICBReader()
        case .subICBLocations: SubICBLocationReader(knownICBs: knownICBs)
        case .lsoa2011Lookup: LSOA2011LookupReader()
        case .lsoa2021Lookup: LSOA2021LookupReader()
        case .lsoaVintageLookup: LSOAVintageLookupReader()
        case .imd2019: IMD2019Reader()
        case .iod2025: IoD2025Reader()
        case .iod2025ICBSummary: IoD2025ICBSummaryReader()
        case .population2021: CensusPopulationReader()
        case .population2020: MidYearPopulationReader()
        case .lsoa2011Centroids: LSOACentroidReader()
        case .lsoa2021Centroids: LSOA2021CentroidReader()
        case .population2024: MidYear2024PopulationReader()
        case .postcodes: PostcodeReader()
        case .pharmacies: ODSReader<PharmacyCodeKind>()
        case .dentalPractices: ODSReader<DentalPracticeCodeKind>()
        case .dentalActivity: DentalActivityReader(knownICBs: knownICBs)
        case .pharmacyFirstEngland: PharmacyFirstReader(regional: false)
        case .pharmacyFirstRegions: PharmacyFirstReader(regional: true)
        }
    }

    /// Validates a file without a database and returns its number of rows.
    /// - Throws: ``ImportFailure`` with every problem found.
    public static func rowCount(_ dataset: Dataset, source: SourceFile) throws -> Int {
        try count(reader(for: dataset, knownICBs: nil), dataset: dataset, source: source)
    }

    private static func count<Reader: DatasetReader>(_ reader: Reader, dataset: Dataset, source: SourceFile) throws
        -> Int
    {
        try parse(reader, dataset: dataset, source: source).count
    }

    /// Writes a file's validated rows and its log entry in one transaction.
    private func write<Row: TableRow>(_ rows: [Row], _ context: ImportContext) async throws -> ImportRecord {
        let (dataset, source) = (context.dataset, context.source)
        let record = try await database.transaction { transaction in
            // A new pharmacy extract is compared with the register it replaces: openings, closures and changes of
            // ownership become dated events.
            if let register = rows as? [Pharmacy] {
                try await PharmacyHistoryImport.record(register, on: transaction, observed: clock.today)
            }
            try await BulkUpsert.write(rows, on: transaction) { written in
                progress(context.progress(.writing, done: written, total: rows.count))
            }
            // An area team's contracts count for the ICB that commissioned them next.
            if let activity = rows as? [ContractMonth] {
                try await DentalContractICB.refresh(
                    months: Set(activity.map(\.month.storedValue)).sorted(), on: transaction)
            }
            // A forced re-import of a logged file rewrites identical rows and leaves the log as it was.
            if let earlier = context.earlier { return earlier }
            let elapsed = ContinuousClock.now - context.started
            let record = ImportRecord(
                id: UUID(), dataset: dataset, fileName: source.name, sha256: source.sha256, rowCount: rows.count,
                importedAt: clock.now,
                durationMilliseconds: Int(
                    elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000))
            try await ImportStore(database: transaction).record(record)
            return record
        }
        logger.info(
            "imported", metadata: ["dataset": "\(dataset.rawValue)", "file": "\(source.name)", "rows": "\(rows.count)"])
        return record
    }

    /// Reads and validates every record of `source`. Pure apart from `progress`: no database access.
    /// - Throws: ``ImportFailure`` with every problem found.
    static func parse<Reader: DatasetReader>(
        _ reader: Reader, dataset: Dataset, source: SourceFile, progress: (Int) -> Void = { _ in }
    ) throws -> [Reader.Row] {
        var failure = ImportFailure(dataset: dataset, file: source.name, issues: [], totalIssues: 0)
        func note(_ issue: ImportIssue) {
            failure.totalIssues += 1
            if failure.issues.count < ImportFailure.keptIssues { failure.issues.append(issue) }
        }
        var rows: [Reader.Row] = []
        var columns: ColumnMap?
        var firstLineOfKey: [[SQLCell]: Int] = [:]
        let keyIndices = Reader.Row.layout.key.compactMap { Reader.Row.layout.columns.firstIndex(of: $0) }
        var headerFailed = false
        do {
            try CSVReader(bytes: source.content).forEachRecord(progress: progress) { record in
                if columns == nil {
                    switch reader.layout {
                    case .headed:
                        switch ColumnMap.resolve(layout: reader.layout, header: record, file: source.name) {
                        case .success(let map): columns = map
                        case .failure(let issue):
                            note(issue)
                            headerFailed = true
                            return false
                        }
                        return true
                    case .headerless:
                        columns = try? ColumnMap.resolve(layout: reader.layout, header: nil, file: source.name).get()
                    }
                }
                guard let columns else { return false }
                guard record.fields.count == columns.names.count else {
                    note(
                        ImportIssue(
                            file: source.name, line: record.line, column: nil,
                            reason: "expected \(columns.names.count) fields, found \(record.fields.count)"))
                    return true
                }
                var fields = FieldReader(record: record, columns: columns, file: source.name)
                let row = reader.row(&fields)
                fields.issues.forEach(note)
                guard let row else { return true }
                let cells = row.cells
                let key = keyIndices.map { cells[$0] }
                if let firstLine = firstLineOfKey[key] {
                    note(
                        ImportIssue(
                            file: source.name, line: record.line, column: nil,
                            reason:
                                "repeats the row on line \(firstLine) (same \(Reader.Row.layout.key.joined(separator: " and ")))"
                        ))
                    return true
                }
                firstLineOfKey[key] = record.line
                rows.append(row)
                return true
            }
        } catch let syntax as CSVSyntaxError {
            note(ImportIssue(file: source.name, line: syntax.line, column: syntax.column, reason: syntax.reason))
        }
        if failure.totalIssues == 0, !headerFailed, rows.isEmpty {
            note(ImportIssue(file: source.name, line: 1, column: nil, reason: "the file has no data rows"))
        }
        if failure.totalIssues > 0 { throw failure }
        return rows
    }
}
