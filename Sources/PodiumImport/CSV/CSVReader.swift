/// One CSV record and the physical line it starts on (1-based), for error messages.
public struct CSVRecord: Sendable, Equatable {
    public var line: Int
    public var fields: [String]
}

/// A structural problem in CSV text: an unterminated quote or stray text after a closing quote.
public struct CSVSyntaxError: Error, Equatable, Sendable {
    public var line: Int
    public var column: Int
    public var reason: String
}

/// An RFC 4180 reader over bytes, written for the files Podium imports:
/// - quoted fields with doubled quotes and line breaks inside them (the record keeps its first line number);
/// - LF or CRLF line ends, a final line with or without a line end, and blank lines skipped;
/// - a UTF-8 byte-order mark at the start ignored, and UTF-16 or UTF-32 text (Excel's "Unicode text") refused by
///   name, since read as bytes it would look like a header of missing columns;
/// - text decoded as UTF-8, with Windows-1252 as the fallback for bytes that are not UTF-8 and for C1 control
///   characters left by a Windows-1252 file decoded as Latin-1 (`Hudson\u{92}s` is `Hudson’s`).
public struct CSVReader {
    let bytes: [UInt8]

    public init(bytes: [UInt8]) { self.bytes = bytes }

    /// Calls `body` with each record in order. `body` returns `false` to stop early.
    /// `progress` receives the number of bytes consumed, now and then.
    /// - Throws: ``CSVSyntaxError`` at the first malformed quote, or whatever `body` throws.
    public func forEachRecord(
        progress: (Int) -> Void = { _ in }, _ body: (CSVRecord) throws -> Bool
    ) throws {
        if let encoding = Self.wideEncoding(bytes) {
            throw CSVSyntaxError(
                line: 1, column: 1,
                reason: "the file is \(encoding) text, not CSV in UTF-8: save it as \"CSV UTF-8\" and try again")
        }
        try bytes.withUnsafeBufferPointer { buffer in
            var scanner = Scanner(buffer: buffer)
            var lastReported = 0
            while let record = try scanner.nextRecord() {
                if scanner.position - lastReported > 1 << 20 {
                    lastReported = scanner.position
                    progress(scanner.position)
                }
                guard try body(record) else { return }
            }
            progress(buffer.count)
        }
    }

    /// The name of a UTF-16 or UTF-32 encoding the text is in, from its byte-order mark or, without one, from NUL
    /// bytes among the first characters (no CSV Podium reads has a NUL; UTF-16 ASCII text has one in every pair).
    static func wideEncoding(_ bytes: [UInt8]) -> String? {
        let start = Array(bytes.prefix(4))
        if start.starts(with: [0xFF, 0xFE, 0, 0]) { return "UTF-32 (little-endian)" }
        if start.starts(with: [0, 0, 0xFE, 0xFF]) { return "UTF-32 (big-endian)" }
        if start.starts(with: [0xFF, 0xFE]) { return "UTF-16 (little-endian)" }
        if start.starts(with: [0xFE, 0xFF]) { return "UTF-16 (big-endian)" }
        let sample = bytes.prefix(64)
        guard sample.count >= 2, sample.contains(0) else { return nil }
        return sample.first == 0 ? "UTF-16 (big-endian)" : "UTF-16 (little-endian)"
    }

    /// Every record, for small files and tests.
    public func records() throws -> [CSVRecord] {
        var result: [CSVRecord] = []
        try forEachRecord {
            result.append($0)
            return true
        }
        return result
    }
}

private let quote = UInt8(ascii: "\"")
private let comma = UInt8(ascii: ",")
private let lf = UInt8(ascii: "\n")
private let cr = UInt8(ascii: "\r")

private struct Scanner {
    let buffer: UnsafeBufferPointer<UInt8>
    var position = 0
    var line = 1

    init(buffer: UnsafeBufferPointer<UInt8>) {
        self.buffer = buffer
        if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { position = 3 }
    }

    mutating func nextRecord() throws -> CSVRecord? {
        // Skip blank lines between records.
        while position < buffer.count, buffer[position] == lf || buffer[position] == cr {
            if buffer[position] == lf { line += 1 }
            position += 1
        }
        guard position < buffer.count else { return nil }
        let startLine = line
        var fields: [String] = []
        while true {
            fields.append(try nextField(recordLine: startLine, fieldNumber: fields.count + 1))
            guard position < buffer.count else { break }
            let byte = buffer[position]
            if byte == comma {
                position += 1
                if position == buffer.count {
                    fields.append("")
                    break
                }
                continue
            }
            // End of record: LF, CRLF or lone CR.
            if byte == cr { position += 1 }
            if position < buffer.count, buffer[position] == lf { position += 1 }
            line += 1
            break
        }
        return CSVRecord(line: startLine, fields: fields)
    }

    /// Reads one field and leaves `position` on the delimiter that ends it (or at the end of the buffer).
    mutating func nextField(recordLine: Int, fieldNumber: Int) throws -> String {
        guard position < buffer.count, buffer[position] == quote else {
            let start = position
            var highBytes = false
            while position < buffer.count {
                let byte = buffer[position]
                if byte == comma || byte == lf || byte == cr { break }
                if byte >= 0x80 { highBytes = true }
                position += 1
            }
            return TextDecoding.decode(
                UnsafeBufferPointer(rebasing: buffer[start..<position]), mayNeedRepair: highBytes)
        }
        // Quoted field: copy bytes, turning "" into ".
        let openingLine = line
        position += 1
        var content: [UInt8] = []
        var highBytes = false
        while true {
            guard position < buffer.count else {
                throw CSVSyntaxError(
                    line: openingLine, column: fieldNumber,
                    reason: "a quoted field is not closed before the end of the file")
            }
            let byte = buffer[position]
            if byte == quote {
                if position + 1 < buffer.count, buffer[position + 1] == quote {
                    content.append(quote)
                    position += 2
                    continue
                }
                position += 1
                break
            }
            if byte == lf { line += 1 }
            if byte >= 0x80 { highBytes = true }
            content.append(byte)
            position += 1
        }
        if position < buffer.count, ![comma, lf, cr].contains(buffer[position]) {
            throw CSVSyntaxError(line: line, column: fieldNumber, reason: "unexpected text after a closing quote")
        }
        return content.withUnsafeBufferPointer { TextDecoding.decode($0, mayNeedRepair: highBytes) }
    }
}

/// Decoding of field bytes, with the Windows-1252 repairs the NHSBSA files need (`Data/open/README.md`).
public enum TextDecoding {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>, mayNeedRepair: Bool) -> String {
        guard mayNeedRepair else { return String(decoding: bytes, as: UTF8.self) }
        guard let text = String(validating: bytes, as: UTF8.self) else {
            return String(String.UnicodeScalarView(bytes.map { windows1252($0) }))
        }
        return repairingC1Controls(text)
    }

    /// Replaces C1 control characters (U+0080–U+009F), which no published text means, with the Windows-1252
    /// characters whose byte values they carry: a file decoded as Latin-1 and re-encoded keeps them.
    public static func repairingC1Controls(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { (0x80...0x9F).contains($0.value) }) else { return text }
        return String(
            String.UnicodeScalarView(
                text.unicodeScalars.map { scalar in
                    (0x80...0x9F).contains(scalar.value) ? windows1252(UInt8(scalar.value)) : scalar
                }))
    }

    /// The character a Windows-1252 byte stands for.
    public static func windows1252(_ byte: UInt8) -> Unicode.Scalar {
        guard (0x80...0x9F).contains(byte) else { return Unicode.Scalar(byte) }
        return Unicode.Scalar(windows1252High[Int(byte - 0x80)]) ?? Unicode.Scalar(byte)
    }

    /// Windows-1252 0x80–0x9F; the five undefined bytes map to themselves.
    private static let windows1252High: [UInt32] = [
        0x20AC, 0x81, 0x201A, 0x0192, 0x201E, 0x2026, 0x2020, 0x2021, 0x02C6, 0x2030, 0x0160, 0x2039, 0x0152, 0x8D,
        0x017D, 0x8F,
        0x90, 0x2018, 0x2019, 0x201C, 0x201D, 0x2022, 0x2013, 0x2014, 0x02DC, 0x2122, 0x0161, 0x203A, 0x0153, 0x9D,
        0x017E, 0x0178,
    ]
}
