import Testing

@testable import PodiumImport

@Suite("Reading CSV bytes")
struct CSVReaderTests {
    func records(_ text: String) throws -> [CSVRecord] { try CSVReader(bytes: Array(text.utf8)).records() }

    @Test("Quoted fields keep commas, doubled quotes and line breaks; records keep their first line")
    func quoting() throws {
        let rows = try records("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\n")
        #expect(rows.map(\.line) == [1, 2, 4])
        #expect(rows[1].fields == ["x, y", "say \"hi\"", "two\nlines"])
        #expect(rows[2].fields == ["last", "", ""])
    }

    @Test("CRLF and LF line ends, blank lines, a byte-order mark and no final line end all read the same")
    func lineEnds() throws {
        let rows = try records("\u{FEFF}h1,h2\r\n1,2\r\n\r\n3,4")
        #expect(rows.map(\.fields) == [["h1", "h2"], ["1", "2"], ["3", "4"]])
        #expect(rows.map(\.line) == [1, 2, 4])
    }

    @Test("An unclosed quote is an error on the line where the field starts")
    func unclosedQuote() {
        #expect(
            throws: CSVSyntaxError(
                line: 2, column: 2, reason: "a quoted field is not closed before the end of the file")
        ) {
            try records("a,b\n1,\"open\n\n")
        }
    }

    @Test("Text after a closing quote is an error")
    func textAfterQuote() {
        #expect(throws: CSVSyntaxError(line: 1, column: 1, reason: "unexpected text after a closing quote")) {
            try records("\"a\"b,c\n")
        }
    }

    @Test("Bytes that are not UTF-8 are read as Windows-1252")
    func windows1252Bytes() throws {
        // "Hudson’s – café" written by a Windows program: 0x92 right quote, 0x96 en dash, 0xE9 é.
        let bytes: [UInt8] =
            Array("Hudson".utf8) + [0x92] + Array("s ".utf8) + [0x96] + Array(" caf".utf8) + [0xE9] + [0x0A]
        let rows = try CSVReader(bytes: bytes).records()
        #expect(rows[0].fields == ["Hudson’s – café"])
    }

    @Test("C1 control characters left by a Latin-1 round trip are repaired to their Windows-1252 characters")
    func c1Leftovers() throws {
        let rows = try records("Hudson\u{92}s Dental Care,Amar Dave \u{96} Basildon,\u{80}5,ordinary é\n")
        #expect(rows[0].fields == ["Hudson’s Dental Care", "Amar Dave – Basildon", "€5", "ordinary é"])
    }

    @Test("Stopping early reads no further")
    func stop() throws {
        var seen = 0
        try CSVReader(bytes: Array("1\n2\n3\n".utf8)).forEachRecord { _ in
            seen += 1
            return seen < 2
        }
        #expect(seen == 2)
    }
}
