import PodiumCore
import SQLKit

/// Typed reads from SQL rows that turn a bad stored value into a ``StoreError`` naming the column.
struct RowReader {
    let row: any SQLRow
    let table: String

    func text(_ column: String) throws -> String { try row.decode(column: column, as: String.self) }
    func optionalText(_ column: String) throws -> String? { try row.decode(column: column, as: String?.self) }
    func int(_ column: String) throws -> Int64 { try row.decode(column: column, as: Int64.self) }
    func optionalInt(_ column: String) throws -> Int64? { try row.decode(column: column, as: Int64?.self) }
    func double(_ column: String) throws -> Double { try row.decode(column: column, as: Double.self) }
    func optionalDouble(_ column: String) throws -> Double? { try row.decode(column: column, as: Double?.self) }

    /// A stored identifier, validated again on the way out.
    func code<Kind>(_ column: String, as type: Code<Kind>.Type = Code<Kind>.self) throws -> Code<Kind> {
        let raw = try text(column)
        guard let code = Code<Kind>(raw) else {
            throw StoreError.corruptValue(table: table, column: column, value: raw)
        }
        return code
    }

    func optionalCode<Kind>(_ column: String, as type: Code<Kind>.Type = Code<Kind>.self) throws -> Code<Kind>? {
        guard let raw = try optionalText(column) else { return nil }
        guard let code = Code<Kind>(raw) else {
            throw StoreError.corruptValue(table: table, column: column, value: raw)
        }
        return code
    }

    func optionalDate(_ column: String) throws -> CalendarDate? {
        guard let raw = try optionalText(column) else { return nil }
        guard let date = CalendarDate(raw) else {
            throw StoreError.corruptValue(table: table, column: column, value: raw)
        }
        return date
    }

    func yearMonth(_ column: String) throws -> YearMonth {
        let raw = try int(column)
        guard let month = YearMonth(year: Int(raw / 100), month: Int(raw % 100)) else {
            throw StoreError.corruptValue(table: table, column: column, value: String(raw))
        }
        return month
    }

    func optionalInt32(_ column: String) throws -> Int? { try optionalInt(column).map { Int($0) } }
}

extension YearMonth {
    /// How months are stored: `202304`.
    public var storedValue: Int64 { Int64(year * 100 + month) }
}

extension FinancialYear {
    /// Stored month bounds of the year, inclusive.
    var storedRange: (first: Int64, last: Int64) { (firstMonth.storedValue, lastMonth.storedValue) }
}
