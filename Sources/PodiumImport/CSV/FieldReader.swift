import PodiumCore

/// How a file's columns are found: by header name, or by position in a headerless file (ODS extracts).
public enum FileLayout: Sendable {
    /// The first record is a header; `columns` must all be present (matched after trimming spaces), and for each of
    /// `choices` one of its alternatives in full.
    case headed(columns: [String], choices: [ColumnChoice] = [])
    /// No header; every record has exactly `names.count` fields, named here for messages.
    case headerless(names: [String])
}

/// Columns that a publisher has laid out in more than one way over time: a file must have one of the alternatives in
/// full (NHSBSA's dental activity has one `BAND_2_DELIVERED` before April 2023, three band 2 columns after).
public struct ColumnChoice: Sendable {
    /// The alternatives, the current layout first (it is the one named when none is found).
    public var alternatives: [[String]]
    /// When each alternative after the first was used, for the message: "as before April 2023".
    public var whenUsed: [String]

    public init(_ current: [String], or earlier: [String], whenUsed: String) {
        self.alternatives = [current, earlier]
        self.whenUsed = [whenUsed]
    }
}

/// Column positions of a file, resolved from its layout and header.
struct ColumnMap {
    let names: [String]
    private let positions: [String: Int]

    /// - Returns: the map, or the problem with the header.
    static func resolve(layout: FileLayout, header: CSVRecord?, file: String) -> Result<ColumnMap, ImportIssue> {
        switch layout {
        case .headerless(let names):
            return .success(
                ColumnMap(
                    names: names, positions: Dictionary(uniqueKeysWithValues: names.enumerated().map { ($1, $0) })))
        case .headed(let required, let choices):
            guard let header else {
                return .failure(
                    ImportIssue(file: file, line: 1, column: nil, reason: "the file is empty: no header row"))
            }
            let found = header.fields.map(normaliseHeader)
            var positions: [String: Int] = [:]
            for (index, name) in found.enumerated() where positions[name] == nil { positions[name] = index }
            let absent = { (names: [String]) in names.filter { positions[normaliseHeader($0)] == nil } }
            var missing = absent(required)
            var alternativesNamed: [String] = []
            for choice in choices where !choice.alternatives.contains(where: { absent($0).isEmpty }) {
                missing += absent(choice.alternatives[0])
                for (earlier, when) in zip(choice.alternatives.dropFirst(), choice.whenUsed) {
                    alternativesNamed.append("\(earlier.map { "\"\($0)\"" }.joined(separator: ", ")) \(when)")
                }
            }
            guard missing.isEmpty else {
                let list = missing.map { "\"\($0)\"" }.joined(separator: ", ")
                let instead = alternativesNamed.isEmpty ? "" : " (or \(alternativesNamed.joined(separator: "; or ")))"
                return .failure(
                    ImportIssue(
                        file: file, line: header.line, column: nil,
                        reason: "missing column\(missing.count == 1 ? "" : "s") \(list)\(instead)"))
            }
            return .success(ColumnMap(names: header.fields.map { $0.trimmingSpaces }, positions: positions))
        }
    }

    /// Header names are compared with surrounding spaces removed and inner runs of spaces or line breaks
    /// collapsed (NHSBSA headers carry stray spaces; MHCLG headers can carry line breaks, as the published files show).
    static func normaliseHeader(_ name: String) -> String {
        name.trimmingSpaces.split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\r" || $0 == "\t" }).joined(
            separator: " ")
    }

    /// Readers ask with names already in normal form, so the plain lookup is the fast path.
    func position(of name: String) -> Int? { positions[name] ?? positions[Self.normaliseHeader(name)] }
}

/// Reads typed values from one record, collecting a problem for every field that does not parse.
///
/// Accessors return `nil` after recording the problem, so a reader can check a whole row and report every bad
/// field, then `guard let` the values to build the row only when all are good.
struct FieldReader {
    let record: CSVRecord
    let columns: ColumnMap
    let file: String
    private(set) var issues: [ImportIssue] = []

    init(record: CSVRecord, columns: ColumnMap, file: String) {
        self.record = record
        self.columns = columns
        self.file = file
    }

    /// Whether the file has the column (for layouts with ``ColumnChoice``s).
    func has(_ column: String) -> Bool { columns.position(of: column) != nil }

    /// The field's text with surrounding spaces removed ("" if the column is absent).
    func text(_ column: String) -> String {
        guard let index = columns.position(of: column), index < record.fields.count else { return "" }
        return record.fields[index].trimmingSpaces
    }

    /// The field's text, or `nil` if blank.
    func optionalText(_ column: String) -> String? {
        let value = text(column)
        return value.isEmpty ? nil : value
    }

    mutating func problem(_ column: String, _ reason: String) {
        let position = columns.position(of: column).map { $0 + 1 }
        issues.append(ImportIssue(file: file, line: record.line, column: position, reason: "\(column): \(reason)"))
    }

    /// A field that must not be blank.
    mutating func required(_ column: String) -> String? {
        let value = text(column)
        if value.isEmpty { problem(column, "is blank") }
        return value.isEmpty ? nil : value
    }

    /// A parsed value; blank is a problem.
    mutating func parse<T>(_ column: String, _ parser: (String) throws(ScaledDecimal.ParseError) -> T) -> T? {
        guard let value = required(column) else { return nil }
        do { return try parser(value) } catch {
            problem(column, error.description)
            return nil
        }
    }

    /// A parsed value where blank means "not reported": `.some(nil)` for blank, `nil` after a problem.
    mutating func parseOptional<T>(_ column: String, _ parser: (String) throws(ScaledDecimal.ParseError) -> T) -> T?? {
        guard let value = optionalText(column) else { return .some(nil) }
        do { return .some(try parser(value)) } catch {
            problem(column, error.description)
            return nil
        }
    }

    /// A whole number; `"29,199"` is accepted (IoD2019 File 1 writes ranks with separators).
    mutating func integer(_ column: String, in range: ClosedRange<Int>? = nil) -> Int? {
        guard
            let value = parse(
                column, { (text) throws(ScaledDecimal.ParseError) in Int(try ScaledDecimal.parse(text, scale: 0)) })
        else {
            return nil
        }
        if let range, !range.contains(value) {
            problem(column, "\(value) is outside \(range.lowerBound)–\(range.upperBound)")
            return nil
        }
        return value
    }

    /// A whole number or blank (`.some(nil)`); `nil` after a problem.
    mutating func optionalInteger(_ column: String) -> Int?? {
        parseOptional(column) { (text) throws(ScaledDecimal.ParseError) in Int(try ScaledDecimal.parse(text, scale: 0))
        }
    }

    /// A coordinate or other measurement.
    mutating func double(_ column: String) -> Double? {
        guard let value = required(column) else { return nil }
        guard let number = Double(value), number.isFinite else {
            problem(column, "\"\(value)\" is not a number")
            return nil
        }
        return number
    }

    /// A validated identifier.
    mutating func code<Kind>(_ column: String, as type: Code<Kind>.Type = Code<Kind>.self) -> Code<Kind>? {
        guard let value = required(column) else { return nil }
        guard let code = Code<Kind>(value) else {
            problem(column, "\"\(value)\" is not a valid \(Kind.name) (expected \(Kind.format))")
            return nil
        }
        return code
    }

    /// A validated identifier or blank (`.some(nil)`); `nil` after a problem.
    mutating func optionalCode<Kind>(_ column: String, as type: Code<Kind>.Type = Code<Kind>.self) -> Code<Kind>?? {
        guard optionalText(column) != nil else { return .some(nil) }
        return code(column).map { .some($0) }
    }

    /// A `YYYYMMDD` date or blank (`.some(nil)`); `nil` after a problem.
    mutating func optionalDate(_ column: String) -> CalendarDate?? {
        guard let value = optionalText(column) else { return .some(nil) }
        guard let date = CalendarDate(value) else {
            problem(column, "\"\(value)\" is not a date (expected YYYYMMDD)")
            return nil
        }
        return .some(date)
    }

    /// One of an enumeration's raw values.
    mutating func choice<T: RawRepresentable & CaseIterable>(_ column: String, as type: T.Type) -> T?
    where T.RawValue == String {
        guard let value = required(column) else { return nil }
        guard let choice = T(rawValue: value) ?? T(rawValue: value.uppercased()) else {
            problem(column, "\"\(value)\" is not one of \(T.allCases.map { $0.rawValue }.joined(separator: ", "))")
            return nil
        }
        return choice
    }
}
