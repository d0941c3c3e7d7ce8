/// The command line's CSV inputs (`podium reconcile`, `podium spc`): a header naming the columns, then rows of
/// exactly that many fields. Reading gathers every problem rather than stopping at the first.
enum HeadedCSVInput {
    /// Calls `row` with a field reader for each data row, in file order.
    /// - Returns: every problem: the header, field counts, CSV syntax, what `row` returns and what its reader recorded,
    ///   and "no data rows" for a file with none.
    static func read(_ source: SourceFile, columns: [String], row: (inout FieldReader, CSVRecord) -> [ImportIssue])
        throws -> [ImportIssue]
    {
        var issues: [ImportIssue] = []
        var map: ColumnMap?
        var rows = 0
        do {
            try CSVReader(bytes: source.content).forEachRecord { record in
                guard let map else {
                    switch ColumnMap.resolve(layout: .headed(columns: columns), header: record, file: source.name) {
                    case .success(let resolved): map = resolved
                    case .failure(let issue): issues.append(issue)
                    }
                    return issues.isEmpty
                }
                rows += 1
                guard record.fields.count == map.names.count else {
                    issues.append(
                        ImportIssue(
                            file: source.name, line: record.line, column: nil,
                            reason: "expected \(map.names.count) fields, found \(record.fields.count)"))
                    return true
                }
                var fields = FieldReader(record: record, columns: map, file: source.name)
                let found = row(&fields, record)
                issues += fields.issues + found
                return true
            }
        } catch let syntax as CSVSyntaxError {
            issues.append(
                ImportIssue(file: source.name, line: syntax.line, column: syntax.column, reason: syntax.reason))
        }
        if issues.isEmpty, rows == 0 {
            issues.append(ImportIssue(file: source.name, line: 1, column: nil, reason: "the file has no data rows"))
        }
        return issues
    }
}

/// A file with problems: every one found (up to a limit). Nothing is written.
public struct InputFileFailure: Error, Sendable, CustomStringConvertible {
    public var file: String
    public var issues: [ImportIssue]
    /// What the command would have done: "reconciled", "charted".
    public var verb: String
    public var description: String {
        (issues.prefix(ImportFailure.printedIssues).map(\.description)
            + (issues.count > ImportFailure.printedIssues
                ? ["… and \(issues.count - ImportFailure.printedIssues) more"] : [])
            + ["\(file): not \(verb) (\(issues.count) problem\(issues.count == 1 ? "" : "s")); nothing was written."])
            .joined(separator: "\n")
    }
}
