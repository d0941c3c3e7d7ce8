import PodiumCore
import PodiumData

/// Turns the records of one published file into domain rows, validating every field.
protocol DatasetReader: Sendable {
    associatedtype Row: TableRow
    /// How the file's columns are found.
    var layout: FileLayout { get }
    /// Builds the row for a record, or returns `nil` after recording each problem in `fields`.
    func row(_ fields: inout FieldReader) -> Row?
}
