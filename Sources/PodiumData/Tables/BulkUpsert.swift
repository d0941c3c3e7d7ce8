import FluentKit
import SQLKit

/// A value for one column of a row being written.
public enum SQLCell: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case real(Double)
    case null

    public var expression: any SQLExpression {
        switch self {
        case .text(let value): SQLBind(value)
        case .integer(let value): SQLBind(value)
        case .real(let value): SQLBind(value)
        case .null: SQLLiteral.null
        }
    }

    static func text(_ value: String?) -> SQLCell { value.map(SQLCell.text) ?? .null }
    static func integer(_ value: Int64?) -> SQLCell { value.map(SQLCell.integer) ?? .null }
    static func integer(_ value: Int?) -> SQLCell { value.map { .integer(Int64($0)) } ?? .null }
}

/// A table's name, columns and natural key, as written by imports.
public struct TableLayout: Sendable {
    public let name: String
    public let columns: [String]
    /// The primary key: what an upsert matches on.
    public let key: [String]

    public init(name: String, columns: [String], key: [String]) {
        self.name = name
        self.columns = columns
        self.key = key
    }
}

/// A domain value that is stored as one row of a table.
public protocol TableRow: Sendable {
    static var layout: TableLayout { get }
    /// One cell per column of ``layout``, in the same order.
    var cells: [SQLCell] { get }
}

/// Batched `INSERT … ON CONFLICT (key) DO UPDATE` in the SQL both SQLite (3.24+) and PostgreSQL accept.
///
/// Writing the same rows twice leaves the table as it was: that is what makes imports idempotent.
public enum BulkUpsert {
    /// Bound parameters per statement: under SQLite's 32,766 and PostgreSQL's 65,535.
    static let maxParametersPerStatement = 30_000

    /// Upserts `rows`, calling `progress` with the number written so far after each batch.
    /// Run it inside the caller's transaction: a failure part-way must leave nothing behind.
    public static func write<Row: TableRow>(
        _ rows: [Row], on database: any Database, keepingExisting: Bool = false, progress: (Int) -> Void = { _ in }
    ) async throws {
        try await write(
            rows.map(\.cells), layout: Row.layout, on: database, keepingExisting: keepingExisting, progress: progress)
    }

    /// Upserts rows of cells laid out as `layout`; with `keepingExisting` a row whose key is stored is left as it is.
    public static func write(
        _ rows: [[SQLCell]], layout: TableLayout, on database: any Database, keepingExisting: Bool = false,
        progress: (Int) -> Void = { _ in }
    ) async throws {
        let sql = try database.sql()
        let batchSize = max(1, maxParametersPerStatement / layout.columns.count)
        let updated = layout.columns.filter { !layout.key.contains($0) }
        var written = 0
        while written < rows.count {
            let batch = rows[written..<min(rows.count, written + batchSize)]
            var insert = sql.insert(into: layout.name).columns(layout.columns)
            for row in batch {
                insert = insert.values(row.map(\.expression))
            }
            if updated.isEmpty || keepingExisting {
                insert = insert.ignoringConflicts(with: layout.key)
            } else {
                insert = insert.onConflict(with: layout.key) { conflict in
                    updated.reduce(conflict) { $0.set(excludedValueOf: $1) }
                }
            }
            try await insert.run()
            written += batch.count
            progress(written)
        }
    }
}
