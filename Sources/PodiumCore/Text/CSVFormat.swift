/// Writing CSV (RFC 4180): fields quoted only when they must be, quotes doubled, CRLF line ends.
public enum CSVFormat {
    /// One record with its line end.
    /// - Parameter spreadsheetSafe: guard against formula injection (for downloads people open in a
    ///   spreadsheet); `false` writes data files verbatim.
    public static func line(_ fields: [String], spreadsheetSafe: Bool = true) -> String {
        fields.map { escape($0, spreadsheetSafe: spreadsheetSafe) }.joined(separator: ",") + "\r\n"
    }

    /// A field, quoted if it holds a comma, quote or line break. With `spreadsheetSafe`, a text starting with a
    /// character a spreadsheet would run as a formula (`=`, `+`, `-`, `@`) gets a leading apostrophe.
    public static func escape(_ field: String, spreadsheetSafe: Bool = true) -> String {
        var text = field
        if spreadsheetSafe, let first = text.first, "=+-@".contains(first), !isNumber(text) {
            // CSV injection guard (OWASP): a leading apostrophe makes spreadsheets show the text as text.
            text = "'" + text
        }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingQuotes + "\""
    }

    static func isNumber(_ text: String) -> Bool {
        Double(text.replacingCommas) != nil
    }
}

extension String {
    var replacingQuotes: String {
        var out = ""
        for character in self {
            if character == "\"" { out.append("\"\"") } else { out.append(character) }
        }
        return out
    }
}
