import FluentKit
import PodiumCore
import SQLKit

/// A local record as stored: its values and whose it is.
public struct StoredRecord: Sendable, Hashable {
    public var values: FieldValues
    /// The ICB it belongs to (`nil` only for a pharmacy's record whose pharmacy ODS places in no ICB).
    public var icb: ICBCode?
    /// Example data generated for the demo, labelled wherever it is shown.
    public var isExample: Bool
    /// The file it was uploaded in, or "form".
    public var source: String
    /// ISO 8601 time it was last written.
    public var recordedAt: String

    public init(values: FieldValues, icb: ICBCode?, isExample: Bool, source: String, recordedAt: String) {
        self.values = values
        self.icb = icb
        self.isExample = isExample
        self.source = source
        self.recordedAt = recordedAt
    }
}

/// Local records of every template, one table each (see ``RecordTemplate``).
public struct LocalRecordStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let bookkeeping = ["icb_code", "is_example", "source", "recorded_at"]

    static func layout(_ template: RecordTemplate) -> TableLayout {
        TableLayout(
            name: template.table, columns: template.fields.map(\.name) + bookkeeping,
            key: (template.keyIsPerICB ? ["icb_code"] : []) + template.key)
    }

    /// Upserts `records` by the template's key: a record with the same key is replaced, so writing the same
    /// records twice changes nothing. Run it in the caller's transaction.
    public func write(_ records: [StoredRecord], of template: RecordTemplate) async throws {
        let rows = records.map { record -> [SQLCell] in
            template.fields.map { field -> SQLCell in
                switch record.values[field.name] {
                case .text(let text): .text(text)
                case .integer(let number): .integer(number)
                case .missing: .null
                }
            } + [
                .text(record.icb?.rawValue), .integer(record.isExample ? 1 : 0), .text(record.source),
                .text(record.recordedAt),
            ]
        }
        try await BulkUpsert.write(rows, layout: Self.layout(template), on: database)
    }

    /// The ICB's records (every ICB's with `icb` `nil`), in key order.
    /// An ICB's records (or every record, `icb` nil) in key order, codes read naturally (G2 before G10).
    public func records(_ template: RecordTemplate, icb: ICBCode?) async throws -> [StoredRecord] {
        let records = try await select(template) { query in
            icb.map { query.where("icb_code", .equal, $0.rawValue) } ?? query
        }
        let keys = records.map { record in template.key.map { record.values[$0].sortText } }
        return records.indices.sorted { left, right in
            zip(keys[left], keys[right]).first { $0 != $1 }.map { NaturalOrder.less($0.0, $0.1) } ?? (left < right)
        }.map { records[$0] }
    }

    /// Stored records that may share a key with `values`: those whose first key column holds one of theirs (and, for
    /// a per-ICB key, belong to `icb`), so writing a few records reads a few rows, not the whole table. Callers
    /// match full keys themselves.
    public func records(_ template: RecordTemplate, sharingFirstKeyWith values: [FieldValues], icb: ICBCode?)
        async throws -> [StoredRecord]
    {
        guard let first = template.key.first else { return [] }
        let wanted = Array(Set(values.map { $0[first] }))
        var found: [StoredRecord] = []
        // In slices, well inside both databases' limits on bound parameters.
        for start in stride(from: 0, to: wanted.count, by: 500) {
            let binds = wanted[start..<min(start + 500, wanted.count)].compactMap { value -> SQLBind? in
                switch value {
                case .text(let text): SQLBind(text)
                case .integer(let number): SQLBind(number)
                case .missing: nil
                }
            }
            guard !binds.isEmpty else { continue }
            found += try await select(template) { query in
                let scoped =
                    template.keyIsPerICB ? icb.map { query.where("icb_code", .equal, $0.rawValue) } ?? query : query
                return scoped.where(SQLIdentifier(first), .in, SQLGroupExpression(binds))
            }
        }
        return found
    }

    /// Records whose `field` holds `value` (a text field), in key order.
    public func records(_ template: RecordTemplate, where field: String, is value: String) async throws
        -> [StoredRecord]
    {
        guard template.field(field) != nil else { return [] }
        return try await select(template) { $0.where(SQLIdentifier(field), .equal, SQLBind(value)) }
    }

    /// The record with this key (as ``FieldValues/key`` writes it), if any; `icb` names the ICB for a per-ICB key.
    public func record(_ template: RecordTemplate, key: String, icb: ICBCode? = nil) async throws -> StoredRecord? {
        guard let match = keyCondition(template, key: key, icb: icb) else { return nil }
        return try await select(template, match).first
    }

    /// Deletes the record with this key; `false` if there was none.
    public func delete(_ template: RecordTemplate, key: String, icb: ICBCode? = nil) async throws -> Bool {
        guard let match = keyCondition(template, key: key, icb: icb),
            try await record(template, key: key, icb: icb) != nil
        else { return false }
        var delete = try database.sql().delete(from: template.table)
        for (column, value) in match { delete = delete.where(SQLIdentifier(column), .equal, value) }
        try await delete.run()
        return true
    }

    /// Marks the record with this key as written at `now`, but only if it was last written at `savedAt`: the check
    /// and the claim are one statement, so of two editors who opened the same version only the first succeeds
    /// (PostgreSQL holds the row until the transaction ends; the second re-reads it and matches nothing).
    /// - Returns: `false` when the record is gone or was written since `savedAt`.
    public func claim(_ template: RecordTemplate, key: String, icb: ICBCode?, savedAt: String, now: String) async throws
        -> Bool
    {
        guard let match = keyCondition(template, key: key, icb: icb) else { return false }
        var update = try database.sql().update(template.table).set("recorded_at", to: now).where(
            "recorded_at", .equal, savedAt)
        for (column, value) in match { update = update.where(SQLIdentifier(column), .equal, value) }
        return try await !update.returning("recorded_at").all().isEmpty
    }

    private func keyCondition(_ template: RecordTemplate, key: String, icb: ICBCode?) -> [(String, SQLBind)]? {
        let parts = key.split(separator: "|", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == template.key.count else { return nil }
        var condition: [(String, SQLBind)] = []
        if template.keyIsPerICB {
            guard let icb else { return nil }
            condition.append(("icb_code", SQLBind(icb.rawValue)))
        }
        for (name, text) in zip(template.key, parts) {
            guard let field = template.field(name), case .success(let value) = field.read(text) else { return nil }
            switch value {
            case .text(let text): condition.append((name, SQLBind(text)))
            case .integer(let number): condition.append((name, SQLBind(number)))
            case .missing: return nil
            }
        }
        return condition
    }

    private func select(_ template: RecordTemplate, _ match: [(String, SQLBind)]) async throws -> [StoredRecord] {
        try await select(template) { query in match.reduce(query) { $0.where(SQLIdentifier($1.0), .equal, $1.1) } }
    }

    private func select(_ template: RecordTemplate, _ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws
        -> [StoredRecord]
    {
        let layout = Self.layout(template)
        var query = filter(
            try database.sql().select().columns(layout.columns.map { SQLIdentifier($0) }).from(template.table))
        for column in template.key { query = query.orderBy(column) }
        return try await query.all().map { row in
            let r = RowReader(row: row, table: template.table)
            var values: [String: FieldValue] = [:]
            for field in template.fields {
                if field.kind.isStoredAsInteger {
                    values[field.name] = try r.optionalInt(field.name).map(FieldValue.integer) ?? .missing
                } else {
                    values[field.name] = try r.optionalText(field.name).map(FieldValue.text) ?? .missing
                }
            }
            return StoredRecord(
                values: FieldValues(template: template, values: values), icb: try r.optionalCode("icb_code"),
                isExample: try r.int("is_example") != 0, source: try r.text("source"),
                recordedAt: try r.text("recorded_at"))
        }
    }
}

extension PharmacyEvent: TableRow {
    public static let layout = TableLayout(
        name: "pharmacy_events", columns: ["ods_code", "kind", "event_date", "detail", "icb_code"],
        key: ["ods_code", "kind", "event_date"])
    public var cells: [SQLCell] {
        [.text(pharmacy.rawValue), .text(kind.rawValue), .text(date.iso), .text(detail), .text(icb?.rawValue)]
    }
}

/// Register events: openings, closures and changes of ownership read from ODS extracts.
public struct PharmacyEventStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Stores events; an event already stored (same pharmacy, kind and date) is kept as first recorded, so
    /// importing an extract again changes nothing.
    public func write(_ events: [PharmacyEvent]) async throws {
        try await BulkUpsert.write(events, on: database, keepingExisting: true)
    }

    /// The ICB's events, newest first.
    public func events(in icb: ICBCode) async throws -> [PharmacyEvent] {
        try await select { $0.where("icb_code", .equal, icb.rawValue) }
    }

    /// One pharmacy's events, newest first.
    public func events(of pharmacy: PharmacyCode) async throws -> [PharmacyEvent] {
        try await select { $0.where("ods_code", .equal, pharmacy.rawValue) }
    }

    private func select(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [PharmacyEvent] {
        let query = try database.sql().select().columns(PharmacyEvent.layout.columns).from("pharmacy_events")
        return try await filter(query).orderBy("event_date", .descending).orderBy("ods_code").orderBy("kind").all().map
        { row in
            let r = RowReader(row: row, table: "pharmacy_events")
            let kindText = try r.text("kind")
            guard let kind = PharmacyEventKind(rawValue: kindText), let date = try r.optionalDate("event_date") else {
                throw StoreError.corruptValue(table: "pharmacy_events", column: "kind", value: kindText)
            }
            return PharmacyEvent(
                pharmacy: try r.code("ods_code"), date: date, kind: kind, detail: try r.text("detail"),
                icb: try r.optionalCode("icb_code"))
        }
    }
}
