/// Errors from persistence, named by meaning.
public enum StoreError: Error, Equatable, CustomStringConvertible {
    /// The database driver is not an SQL database (Podium supports SQLite and PostgreSQL only).
    case notSQL
    /// A stored value does not decode into its domain type: the table holds something no importer writes.
    case corruptValue(table: String, column: String, value: String)
    /// The database cannot be opened or does not answer.
    case unreachable(String, reason: String)

    public var description: String {
        switch self {
        case .notSQL: "The database is not an SQL database; Podium supports SQLite and PostgreSQL."
        case .corruptValue(let table, let column, let value):
            "Stored value \(value) in \(table).\(column) is not valid."
        case .unreachable(let database, let reason): "Cannot use the database (\(database)): \(reason)"
        }
    }
}
