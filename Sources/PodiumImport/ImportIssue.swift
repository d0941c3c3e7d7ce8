import PodiumCore

/// One problem found in a file: where it is and why the row cannot be imported.
public struct ImportIssue: Error, Sendable, Hashable, CustomStringConvertible {
    public var file: String
    public var line: Int
    /// 1-based field number, or `nil` for a problem with the whole line.
    public var column: Int?
    public var reason: String

    public init(file: String, line: Int, column: Int?, reason: String) {
        self.file = file
        self.line = line
        self.column = column
        self.reason = reason
    }

    /// `file:line:column: reason`, the form compilers use, so editors can jump to it.
    public var description: String {
        column.map { "\(file):\(line):\($0): \(reason)" } ?? "\(file):\(line): \(reason)"
    }
}

/// A file that was not imported, with every problem found (up to a limit). Nothing was written.
public struct ImportFailure: Error, Sendable, CustomStringConvertible {
    public var dataset: Dataset
    public var file: String
    public var issues: [ImportIssue]
    /// All problems, including those beyond the ones kept in `issues`.
    public var totalIssues: Int

    /// Problems kept for the report; counting goes on past it.
    public static let keptIssues = 1_000
    /// Problems printed before "and N more".
    public static let printedIssues = 50

    public var description: String {
        var lines = issues.prefix(Self.printedIssues).map(\.description)
        if totalIssues > lines.count {
            lines.append("… and \(totalIssues - lines.count) more problem\(totalIssues - lines.count == 1 ? "" : "s")")
        }
        lines.append(
            "\(file): not imported (\(totalIssues) problem\(totalIssues == 1 ? "" : "s")); the database is unchanged.")
        return lines.joined(separator: "\n")
    }
}
