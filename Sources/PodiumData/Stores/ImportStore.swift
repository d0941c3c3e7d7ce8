import FluentKit
import Foundation
import PodiumCore
import SQLKit

/// One file imported into the database.
public struct ImportRecord: Sendable, Hashable, Codable {
    public var id: UUID
    public var dataset: Dataset
    public var fileName: String
    /// SHA-256 of the file's bytes, hex.
    public var sha256: String
    public var rowCount: Int
    public var importedAt: Date
    public var durationMilliseconds: Int

    public init(
        id: UUID, dataset: Dataset, fileName: String, sha256: String, rowCount: Int, importedAt: Date,
        durationMilliseconds: Int
    ) {
        self.id = id
        self.dataset = dataset
        self.fileName = fileName
        self.sha256 = sha256
        self.rowCount = rowCount
        self.importedAt = importedAt
        self.durationMilliseconds = durationMilliseconds
    }
}

/// The import log.
public struct ImportStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The earlier import of this exact file into this dataset, if any.
    public func find(dataset: Dataset, sha256: String) async throws -> ImportRecord? {
        try await select { $0.where("dataset", .equal, dataset.rawValue).where("sha256", .equal, sha256) }.first
    }

    /// Every import, newest first (then by dataset, then the latest file name first).
    public func all() async throws -> [ImportRecord] {
        try await select { $0 }
    }

    /// The log's state in one short row: how many imports and the latest time. Every import of a new file adds a
    /// record, so anything derived from the imported data is current while this is unchanged.
    public func state() async throws -> String {
        let row = try await database.sql().raw(
            "SELECT CAST(COUNT(*) AS BIGINT) AS n, MAX(imported_at) AS latest FROM imports"
        ).first()
        let reader = row.map { RowReader(row: $0, table: "imports") }
        return "\(try reader?.int("n") ?? 0)|\(try reader?.optionalText("latest") ?? "")"
    }

    /// Adds a record. Call inside the import's transaction so the log and the data change together.
    public func record(_ record: ImportRecord) async throws {
        let row = [
            SQLCell.text(record.id.uuidString), .text(record.dataset.rawValue), .text(record.fileName),
            .text(record.sha256),
            .integer(Int64(record.rowCount)), .text(Self.timestamp.format(record.importedAt)),
            .integer(Int64(record.durationMilliseconds)),
        ]
        try await database.sql().insert(into: "imports")
            .columns("id", "dataset", "file_name", "sha256", "row_count", "imported_at", "duration_ms")
            .values(row.map(\.expression))
            .run()
    }

    private func select(_ filter: (SQLSelectBuilder) -> SQLSelectBuilder) async throws -> [ImportRecord] {
        let query = try database.sql().select()
            .columns("id", "dataset", "file_name", "sha256", "row_count", "imported_at", "duration_ms")
            .from("imports")
        // Files imported in the same instant (a folder of monthly files under a stopped clock) come latest name first,
        // the same on both databases.
        let rows = try await filter(query).orderBy("imported_at", .descending).orderBy("dataset")
            .orderBy("file_name", .descending).all()
        return try rows.map { row in
            let reader = RowReader(row: row, table: "imports")
            let id = try reader.text("id")
            let dataset = try reader.text("dataset")
            let at = try reader.text("imported_at")
            guard let uuid = UUID(uuidString: id) else {
                throw StoreError.corruptValue(table: "imports", column: "id", value: id)
            }
            guard let set = Dataset(rawValue: dataset) else {
                throw StoreError.corruptValue(table: "imports", column: "dataset", value: dataset)
            }
            guard let date = try? Self.timestamp.parse(at) else {
                throw StoreError.corruptValue(table: "imports", column: "imported_at", value: at)
            }
            return ImportRecord(
                id: uuid, dataset: set, fileName: try reader.text("file_name"), sha256: try reader.text("sha256"),
                rowCount: Int(try reader.int("row_count")), importedAt: date,
                durationMilliseconds: Int(try reader.int("duration_ms")))
        }
    }

    /// UTC ISO 8601 with milliseconds: sorts as text on both databases.
    public static let timestamp = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
