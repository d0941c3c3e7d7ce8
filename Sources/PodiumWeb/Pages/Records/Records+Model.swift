import PodiumCore
import PodiumData
import PodiumImport

/// An ICB's local records of one template: the list with its audit trail, the entry form (with optimistic
/// concurrency), uploads and deletes. Pages work with every template through its fields, so this is the one part of
/// the web layer that reads records by field name (see ``LocalRecord`` for the typed reading everywhere else).
enum RecordIndex {
    struct Model: Sendable {
        var icb: ICB
        var records: ICBRecords
        /// The latest changes, newest first.
        var changes: [RecordChange]

        var template: RecordTemplate { records.template }
        /// Whether the audit trail shown is cut at its limit.
        var changesAreCut: Bool { changes.count == RecordChanges.shown }

        static func query(_ context: QueryContext, icb code: ICBCode, template id: String) async throws -> Model {
            let (icb, template) = try await RecordTarget.resolve(context, icb: code, template: id)
            return Model(
                icb: icb, records: try await ICBRecords.query(context, template, icb: code),
                changes: try await RecordChangeStore(database: context.database).changes(
                    template, icb: code, limit: RecordChanges.shown))
        }
    }
}

/// How many changes the audit trail shows.
enum RecordChanges {
    static let shown = 200
}

/// The ICB and template a records route names, or a 404.
enum RecordTarget {
    static func resolve(_ context: QueryContext, icb code: ICBCode, template id: String) async throws -> (
        ICB, RecordTemplate
    ) {
        guard let template = RecordTemplate.named(id) else {
            throw WebError.notFound(
                .templateNotFound,
                "No record template \"\(id)\". Templates: \(RecordTemplate.all.map(\.id).joined(separator: ", ")).")
        }
        return (try await context.openData.requireICB(code), template)
    }
}

/// One record's entry form: empty to add one, or an existing record with its history.
enum RecordForm {
    /// Hidden fields: when the record the form shows was last written, and its key (optimistic concurrency).
    static let version = "version"
    static let versionKey = "version_key"

    struct Model: Sendable {
        var icb: ICB
        var template: RecordTemplate
        /// Each field as written in the form, with the hidden version fields.
        var values: [String: String]
        var problems: [FieldProblem]
        var existing: StoredRecord?
        /// The record as someone else saved it since the form was opened.
        var theirs: StoredRecord?
        /// The record's changes, newest first (for an existing record).
        var history: [RecordChange]?

        static func query(_ context: QueryContext, icb code: ICBCode, template id: String, key: String?) async throws
            -> Model
        {
            let (icb, template) = try await RecordTarget.resolve(context, icb: code, template: id)
            guard let key else {
                return Model(
                    icb: icb, template: template, values: [:], problems: [], existing: nil, theirs: nil, history: nil)
            }
            guard
                let record = try await LocalRecordStore(database: context.database).record(
                    template, key: key, icb: code),
                record.icb == code
            else {
                throw WebError.notFound(
                    .recordNotFound, "No \(template.title.lowercased()) record \"\(key)\" for \(code).")
            }
            var values = Dictionary(
                uniqueKeysWithValues: template.fields.map { ($0.name, $0.write(record.values[$0.name])) })
            values[version] = record.recordedAt
            values[versionKey] = record.values.key
            return Model(
                icb: icb, template: template, values: values, problems: [], existing: record, theirs: nil,
                history: try await RecordChangeStore(database: context.database).changes(template, icb: code, key: key))
        }
    }

    /// What saving a posted form did.
    enum Outcome: Sendable {
        /// Saved: the record's key and template.
        case saved(key: String, template: RecordTemplate)
        /// Not saved: the form again, with what was typed and what is wrong (`conflict` when someone else saved first).
        case rejected(Model, conflict: Bool)
    }

    /// Saves the posted form. An edit that keeps the key must find the record as the form saw it; a new key is a new
    /// record. Nothing is written on a problem or a conflict.
    static func save(
        _ context: QueryContext, icb code: ICBCode, template id: String, posted: [String: String], by recorder: String,
        at time: String
    ) async throws -> Outcome {
        let (icb, template) = try await RecordTarget.resolve(context, icb: code, template: id)
        var problems: [FieldProblem] = []
        var shown = posted
        var current: StoredRecord?
        var conflict = false
        switch template.read(posted) {
        case .failure(let found): problems += found.problems
        case .success(let values):
            do {
                let opened = posted[version].flatMap { $0.isEmpty ? nil : $0 }
                let version: LocalRecordImporter.Version =
                    if let opened, posted[versionKey] == values.key { .savedAt(opened) } else { .new }
                try await LocalRecordImporter(database: context.database).save(
                    values, for: code, by: recorder, recordedAt: time, version: version)
                return .saved(key: values.key, template: template)
            } catch let found as RecordProblems {
                problems += found.problems
            } catch let found as RecordConflict {
                // Nothing was written. Show theirs beside what was typed; saving again is a deliberate overwrite.
                conflict = true
                current = found.current
                shown[Self.version] = found.current?.recordedAt ?? ""
                shown[versionKey] = found.current?.values.key ?? ""
                problems.append(
                    FieldProblem(
                        field: nil,
                        reason: found.current.map {
                            "Someone else saved this record at \($0.recordedAt) (from \($0.source)) after you opened it. Their values are shown below and "
                                + "yours are kept in the form: save again to replace theirs with yours."
                        }
                            ?? "This record was added or deleted by someone else after you opened the form. Save again to write yours."
                    ))
            }
        }
        let model = Model(
            icb: icb, template: template, values: shown, problems: problems, existing: nil, theirs: current,
            history: nil)
        return .rejected(model, conflict: conflict)
    }

    /// Deletes the record with `key`; a 404 when there is none for the ICB.
    static func delete(
        _ context: QueryContext, icb code: ICBCode, template id: String, key: String, by recorder: String,
        at time: String
    )
        async throws -> RecordTemplate
    {
        let (_, template) = try await RecordTarget.resolve(context, icb: code, template: id)
        guard
            try await LocalRecordImporter(database: context.database).delete(
                template, key: key, for: code, by: recorder, at: time)
        else {
            throw WebError.notFound(.recordNotFound, "No \(template.title.lowercased()) record \"\(key)\" for \(code).")
        }
        return template
    }
}

/// An uploaded CSV file of records: how many were read and saved, or every problem with line and column.
enum RecordUpload {
    struct Model: Sendable {
        var icb: ICB
        var template: RecordTemplate
        var outcome: Outcome
    }

    enum Outcome: Sendable {
        case saved(file: String, records: Int, changed: Int, ignored: [String])
        case problems([Issue])
    }

    struct Issue: Sendable {
        var line: Int
        var column: Int?
        var reason: String
    }

    static func perform(
        _ context: QueryContext, icb code: ICBCode, template id: String, fileName: String, bytes: [UInt8],
        by recorder: String, at time: String
    ) async throws -> Model {
        let (icb, template) = try await RecordTarget.resolve(context, icb: code, template: id)
        do {
            let source = try SourceFile.received(name: fileName, bytes: bytes)
            let done = try await LocalRecordImporter(database: context.database).run(
                template, source: source, for: code, by: recorder, recordedAt: time)
            return Model(
                icb: icb, template: template,
                outcome: .saved(
                    file: done.file, records: done.records, changed: done.changed, ignored: done.ignoredColumns))
        } catch let failure as InputFileFailure {
            return Model(
                icb: icb, template: template,
                outcome: .problems(failure.issues.map { Issue(line: $0.line, column: $0.column, reason: $0.reason) }))
        } catch let failure as SourceFileError {
            return Model(
                icb: icb, template: template,
                outcome: .problems([Issue(line: 1, column: nil, reason: failure.description)]))
        }
    }
}
