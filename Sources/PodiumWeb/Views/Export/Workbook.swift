// A minimal XLSX (Office Open XML SpreadsheetML, ECMA-376) writer using only the standard library, so spreadsheet
// downloads need no third-party package and no Foundation. Every part is built as a string and stored, uncompressed,
// in a hand-written ZIP (PKWARE APPNOTE.TXT); the same workbook always gives the same bytes.

/// A value in a sheet cell.
enum SheetCell: Sendable, Hashable {
    case empty
    case text(String)
    /// A number written exactly as `literal` (a plain decimal such as "-1234.56" or "42"; never via Double), shown with `format`.
    case number(String, SheetFormat)
    /// A date as its days since 1899-12-30 (the spreadsheet serial), shown with `format` (.date or .month).
    case serialDate(Int, SheetFormat)
}

/// How a numeric cell is displayed; each case is one custom number format (ECMA-376 Part 1 §18.8.30 numFmt).
enum SheetFormat: Sendable, Hashable, CaseIterable {
    case pounds, integer, decimal2, decimal4, percent, date, month

    /// The unescaped format code; `escapeXML` turns its quotes into `&quot;`.
    fileprivate var code: String {
        switch self {
        case .pounds: "\"£\"#,##0.00;-\"£\"#,##0.00"
        case .integer: "#,##0"
        case .decimal2: "#,##0.00"
        case .decimal4: "0.0000"
        case .percent: "0.0\"%\""  // a literal %, because values are already percentages (no ×100)
        case .date: "d mmm yyyy"
        case .month: "mmm yyyy"
        }
    }

    /// Custom number format ids start at 164; lower ids are built in.
    fileprivate var numFmtId: Int { 164 + Self.allCases.firstIndex(of: self)! }
}

struct Sheet: Sendable {
    var name: String  // made valid and unique for Excel when written (see `sheetNames`)
    var title: String?  // bold in A1, then a blank row
    var header: [String]  // bold; panes freeze below it
    var rows: [[SheetCell]]
    var footer: [SheetCell]?  // a bold last row, e.g. totals
    // The memberwise init is `init(name:title:header:rows:footer:)`, with `title` and `footer` defaulting to nil.
}

struct Workbook: Sendable {
    var sheets: [Sheet]  // the memberwise init is `init(sheets:)`

    static let contentType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"

    /// The .xlsx file. Deterministic: the same workbook always gives the same bytes (fixed ZIP timestamps 1980-01-01 00:00).
    func bytes() -> [UInt8] {
        // Excel refuses a workbook without sheets.
        let sheets = sheets.isEmpty ? [Sheet(name: "Sheet1", header: [], rows: [])] : sheets
        let numbers = sheets.indices.map { $0 + 1 }
        let worksheetType = "application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"
        let relationship = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
        // Packaging parts per ECMA-376 Part 2 (Open Packaging Conventions).
        var archive = ZipArchive()
        archive.add(
            "[Content_Types].xml",
            xml(
                """
                <Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">\
                <Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>\
                <Default Extension="xml" ContentType="application/xml"/>\
                <Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>\
                <Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>\
                \(numbers.map { "<Override PartName=\"/xl/worksheets/sheet\($0).xml\" ContentType=\"\(worksheetType)\"/>" }.joined())\
                </Types>
                """))
        archive.add(
            "_rels/.rels",
            xml(
                """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                <Relationship Id="rId1" Type="\(relationship)officeDocument" Target="xl/workbook.xml"/></Relationships>
                """))
        let names = sheetNames(sheets.map(\.name))
        archive.add(
            "xl/workbook.xml",
            xml(
                """
                <workbook xmlns="\(spreadsheetML)" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">\
                <bookViews><workbookView/></bookViews><sheets>\
                \(numbers.map { "<sheet name=\"\(escapeXML(names[$0 - 1]))\" sheetId=\"\($0)\" r:id=\"rId\($0)\"/>" }.joined())\
                </sheets></workbook>
                """))
        archive.add(
            "xl/_rels/workbook.xml.rels",
            xml(
                """
                <Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">\
                \(numbers.map { "<Relationship Id=\"rId\($0)\" Type=\"\(relationship)worksheet\" Target=\"worksheets/sheet\($0).xml\"/>" }.joined())\
                <Relationship Id="rId\(sheets.count + 1)" Type="\(relationship)styles" Target="styles.xml"/></Relationships>
                """))
        archive.add("xl/styles.xml", stylesXML())
        for (number, sheet) in zip(numbers, sheets) {
            archive.add("xl/worksheets/sheet\(number).xml", worksheetXML(sheet))
        }
        return archive.finish()
    }
}

// MARK: - SpreadsheetML parts (ECMA-376 Part 1 §18)

private let spreadsheetML = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"

private func xml(_ body: String) -> [UInt8] {
    Array("<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n\(body)".utf8)
}

/// The formats in cellXfs order: none, then each `SheetFormat`.
private let stylesFormats: [SheetFormat?] = [nil] + SheetFormat.allCases.map { $0 }

/// The cellXfs index for a cell: entries come in (regular, bold) pairs per format, so index 0 is Excel's default style.
private func styleIndex(format: SheetFormat?, bold: Bool) -> Int {
    stylesFormats.firstIndex(of: format)! * 2 + (bold ? 1 : 0)
}

/// One regular and one bold font, and the cellXfs that `styleIndex` describes (§18.8); the fills, border,
/// cellStyleXfs and Normal cell style are the minimum Excel expects.
private func stylesXML() -> [UInt8] {
    let numFmts = SheetFormat.allCases.map {
        "<numFmt numFmtId=\"\($0.numFmtId)\" formatCode=\"\(escapeXML($0.code))\"/>"
    }
    let xfs = stylesFormats.flatMap { format in
        [false, true].map { bold in
            "<xf numFmtId=\"\(format?.numFmtId ?? 0)\" fontId=\"\(bold ? 1 : 0)\" fillId=\"0\" borderId=\"0\" xfId=\"0\""
                + (format == nil ? "" : " applyNumberFormat=\"1\"") + (bold ? " applyFont=\"1\"" : "") + "/>"
        }
    }
    return xml(
        """
        <styleSheet xmlns="\(spreadsheetML)"><numFmts count="\(numFmts.count)">\(numFmts.joined())</numFmts>\
        <fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>\
        <fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>\
        <borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
        <cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
        <cellXfs count="\(xfs.count)">\(xfs.joined())</cellXfs>\
        <cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>
        """)
}

/// A worksheet (§18.3). Children must follow the schema's sequence or Excel reports the file as corrupt:
/// dimension, sheetViews, cols, sheetData, pageMargins, pageSetup.
private func worksheetXML(_ sheet: Sheet) -> [UInt8] {
    var rowsXML = ""
    var row = 0
    var widths: [Int] = []
    func append(_ cells: [SheetCell], bold: Bool, measured: Bool = true) {
        row += 1
        rowsXML += "<row r=\"\(row)\">"
        for (column, cell) in cells.enumerated() {
            if measured {
                if column == widths.count { widths.append(0) }
                widths[column] = max(widths[column], cell.displayWidth)
            }
            rowsXML += cellXML(cell, reference: "\(columnName(column))\(row)", bold: bold)
        }
        rowsXML += "</row>"
    }
    if let title = sheet.title {
        append([.text(title)], bold: true, measured: false)  // a long title may overflow A1 rather than widen it
        row += 1
    }
    append(sheet.header.map(SheetCell.text), bold: true)
    let headerRow = row
    for row in sheet.rows { append(row, bold: false) }
    if let footer = sheet.footer { append(footer, bold: true) }
    let cols = widths.enumerated().map { column, width in
        "<col min=\"\(column + 1)\" max=\"\(column + 1)\" width=\"\(min(max(width + 2, 8), 60))\" customWidth=\"1\"/>"
    }
    return xml(
        """
        <worksheet xmlns="\(spreadsheetML)"><dimension ref="A1:\(columnName(max(widths.count, 1) - 1))\(row)"/>\
        <sheetViews><sheetView workbookViewId="0"><pane ySplit="\(headerRow)" topLeftCell="A\(headerRow + 1)" \
        activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft"/></sheetView></sheetViews>\
        \(cols.isEmpty ? "" : "<cols>\(cols.joined())</cols>")<sheetData>\(rowsXML)</sheetData>\
        <pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>\
        <pageSetup orientation="landscape"/></worksheet>
        """)
}

/// One `<c>`; text is an inline string so no shared-string table is needed. Empty cells are simply omitted.
private func cellXML(_ cell: SheetCell, reference: String, bold: Bool) -> String {
    let (format, content): (SheetFormat?, String)
    switch cell {
    case .empty: return ""
    case .text(let text): (format, content) = (nil, "<is><t xml:space=\"preserve\">\(escapeXML(text))</t></is>")
    // A malformed literal would make Excel reject the whole file, so it is kept as text instead.
    case .number(let literal, _) where !isPlainDecimal(literal):
        return cellXML(.text(literal), reference: reference, bold: bold)
    case .number(let literal, let numberFormat): (format, content) = (numberFormat, "<v>\(literal)</v>")
    case .serialDate(let serial, let dateFormat): (format, content) = (dateFormat, "<v>\(serial)</v>")
    }
    let type = format == nil ? " t=\"inlineStr\"" : ""
    return "<c r=\"\(reference)\" s=\"\(styleIndex(format: format, bold: bold))\"\(type)>\(content)</c>"
}

extension SheetCell {
    /// Roughly how many characters the cell shows, for the column width.
    fileprivate var displayWidth: Int {
        switch self {
        case .empty: 0
        case .text(let text): text.count
        case .number(let literal, _): literal.count + literal.count / 3 + 1  // grouping separators and a £ or %
        case .serialDate(_, let format): format == .month ? 8 : 11  // "Dec 2024", "30 Dec 2024"
        }
    }
}

/// `-?digits(.digits)?`, the only numbers `SheetCell.number` promises.
private func isPlainDecimal(_ literal: String) -> Bool {
    let parts = (literal.hasPrefix("-") ? literal.dropFirst() : Substring(literal)).split(
        separator: ".", omittingEmptySubsequences: false)
    return (1...2).contains(parts.count)
        && parts.allSatisfy { !$0.isEmpty && $0.allSatisfy { $0.isASCII && $0.isNumber } }
}

/// A1-style column letters for a zero-based index: A…Z, AA, AB… (bijective base 26).
private func columnName(_ index: Int) -> String {
    (index < 26 ? "" : columnName(index / 26 - 1)) + String(Unicode.Scalar(UInt8(65 + index % 26)))
}

/// Excel's sheet-name rules: 1…31 UTF-16 units, none of : \ / ? * [ ], no leading or trailing apostrophe, unique
/// ignoring case, and "History" is reserved. Clashes get " (2)", " (3)"… with the base shortened to fit.
private func sheetNames(_ requested: [String]) -> [String] {
    var used: Set<String> = ["history"]
    var names: [String] = []
    func fit(_ base: String, _ suffix: String) -> String {
        var base = Substring(base)
        while base.utf16.count + suffix.utf16.count > 31 { base = base.dropLast() }
        return base + suffix
    }
    for (index, name) in requested.enumerated() {
        let cleaned = String(
            name.map { ":\\/?*[];".contains($0) || $0.unicodeScalars.contains { $0.value < 0x20 } ? "-" : $0 })
        var base = Substring(cleaned)
        while base.first == "'" || base.first == " " { base = base.dropFirst() }
        while base.last == "'" || base.last == " " { base = base.dropLast() }
        let stem = base.isEmpty ? "Sheet\(index + 1)" : String(base)
        var candidate = fit(stem, "")
        var copy = 1
        while used.contains(candidate.lowercased()) {
            copy += 1
            candidate = fit(stem, " (\(copy))")
        }
        used.insert(candidate.lowercased())
        names.append(candidate)
    }
    return names
}

/// Escapes XML markup, drops characters XML 1.0 forbids (§2.2: controls other than tab, LF, CR; U+FFFE, U+FFFF),
/// keeps CR as `&#13;` so parsers don't normalise it away, and writes a literal `_xHHHH_` as `_x005F_xHHHH_` because
/// Excel decodes that pattern in strings (ECMA-376 Part 1, ST_Xstring).
private func escapeXML(_ text: String) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = ""
    for (i, scalar) in scalars.enumerated() {
        switch scalar {
        case "&": out += "&amp;"
        case "<": out += "&lt;"
        case ">": out += "&gt;"
        case "\"": out += "&quot;"
        case "'": out += "&apos;"
        case "\r": out += "&#13;"
        case "_"
        where scalars.count >= i + 7 && scalars[i + 1] == "x" && scalars[i + 6] == "_"
            && scalars[(i + 2)..<(i + 6)].allSatisfy({ $0.properties.isASCIIHexDigit }):
            out += "_x005F_"
        case "\t", "\n": out.unicodeScalars.append(scalar)
        default:
            if scalar.value >= 0x20 && scalar.value != 0xFFFE && scalar.value != 0xFFFF {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out
}

// MARK: - ZIP container (PKWARE APPNOTE.TXT 6.3)

/// Stored (method 0) entries with no data descriptors and no ZIP64, so each part must stay under 4 GiB.
private struct ZipArchive {
    private var output: [UInt8] = [], directory: [UInt8] = [], count = 0

    mutating func add(_ path: String, _ data: [UInt8]) {
        let name = Array(path.utf8)
        let offset = output.count
        // Fields shared by the local header (§4.3.7) and the central directory header (§4.3.12): version needed 2.0,
        // flag bit 11 = UTF-8 names (Appendix D), method 0, MS-DOS time 00:00 and date 1980-01-01 (§4.4.6), CRC-32, sizes.
        var fields: [UInt8] = []
        for (value, width) in [
            (20, 2), (0x0800, 2), (0, 2), (0, 2), (0x21, 2), (Int(crc32(data)), 4),
            (data.count, 4), (data.count, 4), (name.count, 2), (0, 2),
        ] { fields.append(le: value, width) }
        output.append(le: 0x0403_4B50, 4)
        output += fields + name + data
        directory.append(le: 0x0201_4B50, 4)
        directory.append(le: 20, 2)  // version made by: 2.0, MS-DOS attributes
        directory += fields
        // Comment length, disk number, internal and external attributes, local header offset.
        for (value, width) in [(0, 2), (0, 2), (0, 2), (0, 4), (offset, 4)] { directory.append(le: value, width) }
        directory += name
        count += 1
    }

    /// Appends the central directory and the end-of-central-directory record (§4.3.16).
    func finish() -> [UInt8] {
        var result = output + directory
        result.append(le: 0x0605_4B50, 4)
        for (value, width) in [(0, 2), (0, 2), (count, 2), (count, 2), (directory.count, 4), (output.count, 4), (0, 2)]
        {
            result.append(le: value, width)
        }
        return result
    }
}

extension [UInt8] {
    /// Appends `value` as `width` little-endian bytes, the byte order of every ZIP field.
    fileprivate mutating func append(le value: Int, _ width: Int) {
        for shift in stride(from: 0, to: width * 8, by: 8) { append(UInt8(truncatingIfNeeded: value >> shift)) }
    }
}

/// CRC-32 with the reflected IEEE polynomial 0xEDB88320, as APPNOTE §4.4.7 requires.
private let crcTable: [UInt32] = (0..<256).map { byte in
    (0..<8).reduce(UInt32(byte)) { crc, _ in crc & 1 == 1 ? (crc >> 1) ^ 0xEDB8_8320 : crc >> 1 }
}

private func crc32(_ data: [UInt8]) -> UInt32 {
    ~data.reduce(~UInt32(0)) { crc, byte in crcTable[Int((crc ^ UInt32(byte)) & 0xFF)] ^ (crc >> 8) }
}
