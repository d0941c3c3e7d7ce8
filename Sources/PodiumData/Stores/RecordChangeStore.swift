import FluentKit
import Foundation
import PodiumCore
import SQLKit

/// The audit trail of local records (``RecordChange``): appended in the transaction that writes the records.
public struct RecordChangeStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    static let layout = TableLayout(
        name: "record_changes",
        columns: [
            "id", "template", "icb_code", "record_key", "action", "fields", "changed_by", "source", "changed_at",
        ],
        key: ["id"])

    public func append(_ changes: [RecordChange]) async throws {
        let rows = changes.map { change -> [SQLCell] in
            [
                .text(UUID().uuidString.lowercased()), .text(change.template.id), .text(change.icb?.rawValue),
                .text(change.key), .text(change.action.rawValue),
                .text(Self.encode(change.fields)), .text(change.by), .text(change.source), .text(change.at),
            ]
        }
        try await BulkUpsert.write(rows, layout: Self.layout, on: database)
    }

    /// The trail of a template's records for an ICB, newest first; `key` narrows it to one record.
    public func changes(_ template: RecordTemplate, icb: ICBCode, key: String? = nil, limit: Int = 200) async throws
        -> [RecordChange]
    {
        var query = try database.sql().select().columns(Self.layout.columns.map { SQLIdentifier($0) }).from(
            Self.layout.name
        )
        .where("template", .equal, template.id).where("icb_code", .equal, icb.rawValue)
        if let key { query = query.where("record_key", .equal, key) }
        return try await query.orderBy("changed_at", .descending).orderBy("record_key").limit(limit).all().map { row in
            let r = RowReader(row: row, table: Self.layout.name)
            guard let action = RecordChange.Action(rawValue: try r.text("action")) else {
                throw StoreError.corruptValue(table: Self.layout.name, column: "action", value: try r.text("action"))
            }
            return RecordChange(
                template: template, icb: try r.optionalCode("icb_code"), key: try r.text("record_key"), action: action,
                fields: Self.decode(try r.text("fields")), by: try r.text("changed_by"), source: try r.text("source"),
                at: try r.text("changed_at"))
        }
    }

    /// Each ICB's records as they stand, in a word that changes with every save or delete (the trail only grows): what a
    /// value built from an ICB's records is kept for.
    public func states() async throws -> [ICBCode: String] {
        let rows = try await database.sql().raw(
            """
            SELECT icb_code, CAST(COUNT(*) AS BIGINT) AS changes, MAX(changed_at) AS latest FROM record_changes
            WHERE icb_code IS NOT NULL GROUP BY icb_code
            """
        ).all()
        var states: [ICBCode: String] = [:]
        for row in rows {
            let r = RowReader(row: row, table: Self.layout.name)
            guard let code: ICBCode = try r.optionalCode("icb_code") else { continue }
            states[code] = "\(try r.int("changes"))|\(try r.optionalText("latest") ?? "")"
        }
        return states
    }

    /// The fields as a JSON array of [name, before, after] triples.
    static func encode(_ fields: [RecordChange.FieldChange]) -> String {
        let triples = fields.map { [$0.field, $0.before, $0.after] }
        return (try? JSONSerialization.data(withJSONObject: triples, options: [.sortedKeys])).flatMap {
            String(data: $0, encoding: .utf8)
        } ?? "[]"
    }

    static func decode(_ text: String) -> [RecordChange.FieldChange] {
        let triples = (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [[String]] ?? []
        return triples.compactMap {
            $0.count == 3 ? RecordChange.FieldChange(field: $0[0], before: $0[1], after: $0[2]) : nil
        }
    }
}
