import FluentKit
import Foundation
import PodiumCore
import PodiumData

/// What an upload of a local-records file did.
public struct LocalRecordImportResult: Sendable, Hashable {
    public var template: RecordTemplate
    public var file: String
    public var records: Int
    /// Records new or different from what was stored (the rest were already stored as they are).
    public var changed: Int
    /// Header columns the template does not use (an NHSBSA file carries many), ignored.
    public var ignoredColumns: [String]
}

/// A form's record was saved, added or deleted by someone else since the form was opened; nothing was written.
public struct RecordConflict: Error, Sendable {
    /// The record as it now stands (`nil` if it was deleted).
    public var current: StoredRecord?
}

/// Reads local-record files and forms against their template, checks every record belongs to the ICB entering it,
/// and writes them in one transaction: one bad row and nothing changes. Records are upserted by the template's key,
/// so uploading the same file twice changes nothing. Each record added, changed or deleted leaves a ``RecordChange``
/// in the audit trail, in the same transaction; an unchanged record is not rewritten and leaves none.
public struct LocalRecordImporter: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Uploads `source` for `icb`.
    /// - Throws: ``InputFileFailure`` naming line, column and reason for every problem; nothing is written.
    /// - Parameter by: who is uploading it, for the audit trail.
    public func run(_ template: RecordTemplate, source: SourceFile, for icb: ICBCode, by: String, recordedAt: String)
        async throws -> LocalRecordImportResult
    {
        let (parsed, ignored, issues) = Self.parse(template, source: source)
        guard issues.isEmpty else { throw InputFileFailure(file: source.name, issues: issues, verb: "imported") }
        let scoped = try await scope(template, parsed.map { ($0.line, $0.values) }, for: icb)
        let problems = scoped.compactMap { line, result -> [ImportIssue]? in
            guard case .failure(let problem) = result else { return nil }
            let column = problem.field.flatMap { name in parsed.first?.columns[name] }
            return [ImportIssue(file: source.name, line: line, column: column, reason: problem.description)]
        }.flatMap { $0 }
        guard problems.isEmpty else { throw InputFileFailure(file: source.name, issues: problems, verb: "imported") }
        let records = scoped.compactMap { _, result -> StoredRecord? in
            guard case .success(let (values, owner)) = result else { return nil }
            return StoredRecord(
                values: values, icb: owner, isExample: false, source: source.name, recordedAt: recordedAt)
        }
        let changed = try await database.transaction { transaction in
            try await Self.write(records, of: template, for: icb, by: by, on: transaction)
        }
        return LocalRecordImportResult(
            template: template, file: source.name, records: records.count, changed: changed, ignoredColumns: ignored)
    }

    /// Writes the records that are new or differ from what is stored, with their audit trail; run it in a transaction.
    /// - Returns: how many were written.
    static func write(
        _ records: [StoredRecord], of template: RecordTemplate, for icb: ICBCode, by: String, on database: any Database
    ) async throws -> Int {
        let store = LocalRecordStore(database: database)
        let stored = try await store.records(template, sharingFirstKeyWith: records.map(\.values), icb: icb)
        let existing = Dictionary(stored.map { ($0.values.key, $0) }, uniquingKeysWith: { first, _ in first })
        var changes: [RecordChange] = []
        let fresh = records.filter { record in
            let before = existing[record.values.key]
            if let before, before.values == record.values, before.icb == record.icb,
                before.isExample == record.isExample
            {
                return false
            }
            // A labelled example replaced by the same values is still a change: it becomes the ICB's own record.
            changes.append(
                RecordChange.between(
                    before?.values, record.values, icb: record.icb, by: by, source: record.source, at: record.recordedAt
                )
                    ?? RecordChange(
                        template: template, icb: record.icb, key: record.values.key, action: .changed, fields: [],
                        by: by, source: record.source, at: record.recordedAt))
            return true
        }
        try await store.write(fresh, of: template)
        try await RecordChangeStore(database: database).append(changes)
        return fresh.count
    }

    /// Which version of a record a form was opened on, for optimistic concurrency.
    public enum Version: Sendable, Hashable {
        /// A blank form: no record with the key may exist yet.
        case new
        /// An edit of the record as last written at this time.
        case savedAt(String)
    }

    /// Saves one record entered on a form for `icb`, if nobody has saved it since the form was opened.
    /// - Throws: ``RecordProblems`` when the record does not belong to the ICB; ``RecordConflict`` when it was
    ///   saved (or added) by someone else since `version`, and nothing is written.
    public func save(_ values: FieldValues, for icb: ICBCode, by: String, recordedAt: String, version: Version)
        async throws
    {
        let scoped = try await scope(values.template, [(1, values)], for: icb)
        switch scoped[0].1 {
        case .failure(let problem): throw RecordProblems(problems: [problem])
        case .success(let (values, owner)):
            let template = values.template
            let record = StoredRecord(
                values: values, icb: owner, isExample: false, source: "form", recordedAt: recordedAt)
            _ = try await database.transaction { transaction in
                let store = LocalRecordStore(database: transaction)
                let scopeICB = template.keyIsPerICB ? icb : nil
                switch version {
                case .new:
                    if let current = try await store.record(template, key: values.key, icb: scopeICB) {
                        throw RecordConflict(current: current)
                    }
                case .savedAt(let savedAt):
                    guard
                        try await store.claim(
                            template, key: values.key, icb: scopeICB, savedAt: savedAt, now: recordedAt)
                    else {
                        throw RecordConflict(current: try await store.record(template, key: values.key, icb: scopeICB))
                    }
                }
                return try await Self.write([record], of: template, for: icb, by: by, on: transaction)
            }
        }
    }

    /// Deletes the ICB's record with this key, leaving its values in the audit trail.
    /// - Returns: `false` when the ICB has no such record.
    public func delete(_ template: RecordTemplate, key: String, for icb: ICBCode, by: String, at: String) async throws
        -> Bool
    {
        try await database.transaction { transaction in
            let store = LocalRecordStore(database: transaction)
            guard let record = try await store.record(template, key: key, icb: icb), record.icb == icb,
                try await store.delete(template, key: key, icb: icb)
            else { return false }
            let change = RecordChange.between(record.values, nil, icb: icb, by: by, source: "form", at: at)
            try await RecordChangeStore(database: transaction).append(change.map { [$0] } ?? [])
            return true
        }
    }

    /// One parsed row: its line, values and the 1-based position of each field in the header.
    struct ParsedRow {
        var line: Int
        var values: FieldValues
        var columns: [String: Int]
    }

    /// Reads every row of `source` against `template`, without a database.
    /// - Returns: the rows, the header columns ignored, and every problem (line, column, reason).
    static func parse(_ template: RecordTemplate, source: SourceFile) -> ([ParsedRow], [String], [ImportIssue]) {
        var issues: [ImportIssue] = []
        var rows: [ParsedRow] = []
        var positions: [String: Int]?
        var ignored: [String] = []
        var firstLineOfKey: [String: Int] = [:]
        do {
            try CSVReader(bytes: source.content).forEachRecord { record in
                guard let map = positions else {
                    switch header(template, record, file: source.name) {
                    case .success(let (found, unused)):
                        positions = found
                        ignored = unused
                        return true
                    case .failure(let issue):
                        issues.append(issue)
                        return false
                    }
                }
                if record.fields.allSatisfy({ $0.trimmingSpaces.isEmpty }) { return true }
                var cells: [String: String] = [:]
                for (name, index) in map where index < record.fields.count { cells[name] = record.fields[index] }
                switch template.read(cells) {
                case .success(let values):
                    if let first = firstLineOfKey[values.key] {
                        issues.append(
                            ImportIssue(
                                file: source.name, line: record.line, column: nil,
                                reason:
                                    "repeats the record on line \(first) (same \(template.key.joined(separator: ", ")))"
                            ))
                    } else {
                        firstLineOfKey[values.key] = record.line
                        rows.append(ParsedRow(line: record.line, values: values, columns: map.mapValues { $0 + 1 }))
                    }
                case .failure(let problems):
                    for problem in problems.problems {
                        let column = problem.field.flatMap { map[$0] }.map { $0 + 1 }
                        issues.append(
                            ImportIssue(
                                file: source.name, line: record.line, column: column, reason: problem.description))
                    }
                }
                return issues.count < ImportFailure.keptIssues
            }
        } catch let syntax as CSVSyntaxError {
            issues.append(
                ImportIssue(file: source.name, line: syntax.line, column: syntax.column, reason: syntax.reason))
        } catch {
            issues.append(ImportIssue(file: source.name, line: 1, column: nil, reason: "\(error)"))
        }
        if positions == nil, issues.isEmpty {
            issues.append(
                ImportIssue(file: source.name, line: 1, column: nil, reason: "the file is empty: no header row"))
        }
        if positions != nil, rows.isEmpty, issues.isEmpty {
            issues.append(ImportIssue(file: source.name, line: 2, column: nil, reason: "the file has no data rows"))
        }
        return (rows, ignored, issues)
    }

    /// Where each field is in the header (by its name or an alias, ignoring case and spaces), and the columns unused.
    static func header(_ template: RecordTemplate, _ record: CSVRecord, file: String) -> Result<
        ([String: Int], [String]), ImportIssue
    > {
        let found = record.fields.map { ColumnMap.normaliseHeader($0).lowercased() }
        var positions: [String: Int] = [:]
        for field in template.fields {
            let names = ([field.name] + field.aliases).map { $0.lowercased() }
            if let index = found.firstIndex(where: names.contains) { positions[field.name] = index }
        }
        let missing = template.fields.filter { $0.isRequired && positions[$0.name] == nil }.map(\.name)
        guard missing.isEmpty else {
            return .failure(
                ImportIssue(
                    file: file, line: record.line, column: nil,
                    reason:
                        "missing column\(missing.count == 1 ? "" : "s") \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) for \(template.title.lowercased())"
                ))
        }
        let used = Set(positions.values)
        return .success(
            (positions, record.fields.indices.filter { !used.contains($0) }.map { record.fields[$0].trimmingSpaces }))
    }

    /// Each record with the ICB that owns it, or why it cannot be entered for `icb`.
    func scope(
        _ template: RecordTemplate, _ records: [(Int, FieldValues)], for icb: ICBCode
    ) async throws -> [(Int, Result<(FieldValues, ICBCode?), FieldProblem>)] {
        let context = try await ScopeContext.load(template, for: icb, database: database)
        return records.map { line, values in (line, context.owner(of: values, for: icb).map { (values, $0) }) }
    }
}

/// What the scope checks need from the database, loaded once per upload.
struct ScopeContext {
    var pharmacyICB: [String: ICBCode?] = [:]
    var icbContracts: Set<String> = []
    var icbBoards: Set<String> = []

    static func load(_ template: RecordTemplate, for icb: ICBCode, database: any Database) async throws -> ScopeContext
    {
        var context = ScopeContext()
        let store = LocalRecordStore(database: database)
        switch template.scope {
        case .pharmacy:
            for sited in try await OrganisationStore(database: database).pharmacyRegister() {
                context.pharmacyICB[sited.organisation.code.rawValue] = sited.organisation.icb
            }
        case .gosContract:
            context.icbContracts = Set(
                try await store.records(.gosContracts, icb: icb).compactMap { $0.values.text("contract_number") })
        case .healthAndWellbeingBoard:
            context.icbBoards = Set(
                try await OrganisationStore(database: database).pharmacies(in: icb).compactMap {
                    $0.location?.healthAndWellbeingBoard
                })
        case .enteringICB:
            break
        }
        if template.fields.contains(where: { $0.kind == .gosContracts }) {
            context.icbContracts = Set(
                try await store.records(.gosContracts, icb: icb).compactMap { $0.values.text("contract_number") })
        }
        return context
    }

    func owner(of values: FieldValues, for icb: ICBCode) -> Result<ICBCode?, FieldProblem> {
        // Only fields naming GOS contracts are checked against the register; other references (a decision's linked
        // records, the ICBs a hosted team serves) are checked by their own template.
        for field in values.template.fields where field.kind == .gosContracts {
            let unknown = (values.text(field.name) ?? "").split(separator: " ").map(String.init).filter {
                !icbContracts.contains($0)
            }
            if let first = unknown.first {
                return .failure(FieldProblem(field: field.name, reason: "\(first) is not a GOS contract of \(icb)"))
            }
        }
        switch values.template.scope {
        case .pharmacy(let field):
            let code = values.text(field) ?? ""
            guard let owner = pharmacyICB[code] else {
                return .failure(FieldProblem(field: field, reason: "\(code) is not in the pharmacy register"))
            }
            guard owner == icb else {
                return .failure(
                    FieldProblem(
                        field: field, reason: "\(code) is a pharmacy of \(owner?.rawValue ?? "no ICB"), not \(icb)"))
            }
            return .success(icb)
        case .gosContract(let field):
            let number = values.text(field) ?? ""
            return icbContracts.contains(number)
                ? .success(icb)
                : .failure(FieldProblem(field: field, reason: "\(number) is not on \(icb)'s GOS contracts register"))
        case .healthAndWellbeingBoard(let field):
            let board = values.text(field) ?? ""
            return icbBoards.contains(board)
                ? .success(icb)
                : .failure(
                    FieldProblem(
                        field: field,
                        reason: "\(board) is not a Health and Wellbeing Board area with pharmacies of \(icb)"))
        case .enteringICB:
            // Keys are the ICB's own (``RecordTemplate/keyIsPerICB``): another ICB's record with the same key is
            // neither found nor named here.
            return .success(icb)
        }
    }
}
