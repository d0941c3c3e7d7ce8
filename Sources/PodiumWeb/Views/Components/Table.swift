import Foundation
import PodiumCore

/// One cell of a table, ready for HTML and CSV: the shown text, the CSV value (plain numbers, no £ or
/// separators), an optional link and the value to sort by.
struct Cell: Sendable {
    /// An SPC icon shown in the cell before its text (the summary "integrated performance report" view).
    enum Icon: Sendable {
        case variation(VariationIcon)
        case assurance(AssuranceIcon)
        /// A sparkline of 0–100 values (an early-warning score month by month).
        case trend([Double])
    }

    var text: String
    var csv: String
    var link: String?
    var sort: SortValue
    var icon: Icon?
    /// The value in a spreadsheet export: a typed number or date where the cell holds one, else the CSV text.
    var sheet: SheetCell

    init(
        text: String, csv: String? = nil, link: String? = nil, sort: SortValue? = nil, icon: Icon? = nil,
        sheet: SheetCell? = nil
    ) {
        self.text = text
        self.csv = csv ?? text
        self.link = link
        self.sort = sort ?? (text.isEmpty ? .missing : .text(text))
        self.icon = icon
        self.sheet = sheet ?? (self.csv.isEmpty ? .empty : .text(self.csv))
    }

    static func decimal(_ value: Double?, decimals: Int) -> Cell {
        guard let value, value.isFinite else { return Cell(text: notReported, csv: "", sort: .missing) }
        var plain = String(format: "%.\(decimals)f", value)
        if plain.hasPrefix("-"), Double(plain) == 0 { plain.removeFirst() }  // "-0.00" reads as a negative
        // Shown with thousands grouped, like every other figure; the CSV keeps the plain number.
        let parts = plain.split(separator: ".", maxSplits: 1)
        let whole = parts[0].hasPrefix("-") ? parts[0].dropFirst() : parts[0][...]
        let grouped =
            (parts[0].hasPrefix("-") ? "-" : "") + ScaledDecimal.groupThousands(UInt64(whole) ?? 0)
            + (parts.count > 1 ? "." + parts[1] : "")
        return Cell(
            text: grouped, csv: plain, sort: .number(Int64((value * 10_000).rounded())),
            sheet: .number(plain, decimals == 0 ? .integer : .decimal2))
    }

    /// Shown for a value the source did not report.
    static let notReported = "–"

    /// A value kept in tenths (a rate per 100, a rate per 100,000) to one decimal place.
    static func tenths(_ value: Int64?) -> Cell { .decimal(value.map { Double($0) / 10 }, decimals: 1) }

    /// A moment stored as ISO 8601 (`2026-12-07T02:36:10Z`), shown as people write it ("7 December 2026, 02:36
    /// UTC") and kept as stored in the CSV; sorted as stored, which is time order.
    static func moment(_ iso: String?, missing: String = notReported) -> Cell {
        guard let iso, !iso.isEmpty else { return Cell(text: missing, csv: "", sort: .missing) }
        let parsed =
            ISO8601DateFormatter().date(from: iso)
            ?? {
                let withFraction = ISO8601DateFormatter()
                withFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
                return withFraction.date(from: iso)
            }()
        return Cell(text: parsed.map(DateText.timestamp) ?? iso, csv: iso, sort: .text(iso))
    }

    static func text(_ value: String?, link: String? = nil) -> Cell {
        Cell(text: value ?? "", csv: value ?? "", link: link, sort: value.map { .text($0) } ?? .missing)
    }

    static func money(_ value: Money?) -> Cell {
        guard let value else { return Cell(text: notReported, csv: "", sort: .missing) }
        return Cell(
            text: value.formatted, csv: value.plainPounds, sort: .number(value.pence),
            sheet: .number(value.plainPounds, .pounds))
    }

    static func udas(_ value: UDAs?) -> Cell {
        guard let value else { return Cell(text: notReported, csv: "", sort: .missing) }
        return Cell(
            text: value.formatted, csv: value.plain, sort: .number(value.tenThousandths),
            sheet: .number(value.plain, .decimal2))
    }

    static func count(_ value: Int?) -> Cell {
        guard let value else { return Cell(text: notReported, csv: "", sort: .missing) }
        return Cell(
            text: ScaledDecimal.format(Int64(value), scale: 0), csv: String(value), sort: .number(Int64(value)),
            sheet: .number(String(value), .integer))
    }

    static func percent(_ value: Proportion) -> Cell {
        guard let tenths = value.tenthsOfPercent, let text = value.percentText else {
            return Cell(text: notReported, csv: "", sort: .missing)
        }
        return Cell(
            text: text, csv: value.percentPlain ?? "", sort: .number(tenths),
            sheet: value.percentPlain.map { .number($0, .percent) })
    }

    static func decimal(_ value: FixedDecimal?) -> Cell {
        guard let value else { return Cell(text: notReported, csv: "", sort: .missing) }
        // Sort at a common scale of 4 decimals so values of different precision compare correctly.
        return Cell(
            text: value.formatted, csv: value.plain,
            sort: .number(value.scaled * ScaledDecimal.pow10(max(0, 4 - value.scale))),
            sheet: .number(value.plain, value.scale == 0 ? .integer : .decimal2))
    }

    static func date(_ value: CalendarDate?) -> Cell {
        guard let value else { return Cell(text: "", csv: "", sort: .missing) }
        return Cell(
            text: value.label, csv: value.iso, sort: .text(value.iso),
            sheet: .serialDate(value.spreadsheetSerial, .date))
    }

    static func month(_ value: YearMonth) -> Cell {
        Cell(
            text: value.label, csv: value.iso, sort: .number(Int64(value.year * 100 + value.month)),
            sheet: .serialDate(value.firstDay.spreadsheetSerial, .month))
    }

    static func coordinate(_ value: Double?, decimals: Int) -> Cell {
        guard let value else { return Cell(text: "", csv: "", sort: .missing) }
        let text = String(format: "%.\(decimals)f", value)
        return Cell(text: text, csv: text, sort: .number(Int64((value * 1_000_000).rounded())))
    }
}

/// A column of a table: its key (for sorting and CSV), heading, and how a row fills it.
struct Column<Row>: Sendable {
    var key: String
    var title: String
    /// A note under the heading: the unit or the direction ("higher is better").
    var note: String?
    var numeric: Bool
    var sortable: Bool
    var value: @Sendable (Row) -> Cell

    init(
        _ key: String, _ title: String, note: String? = nil, numeric: Bool = false, sortable: Bool = true,
        _ value: @escaping @Sendable (Row) -> Cell
    ) {
        self.key = key
        self.title = title
        self.note = note
        self.numeric = numeric
        self.sortable = sortable
        self.value = value
    }

    /// The CSV heading: the title with its unit, so a spreadsheet keeps the meaning.
    var csvTitle: String { note.map { "\(title) (\($0))" } ?? title }
}

/// A table: columns and rows, rendered as HTML by ``TableView`` and as CSV here. Search, sort and paging go
/// through Core's ``Listing`` so every table in the product behaves the same way.
struct Table<Row: Sendable>: Sendable {
    var id: String
    var caption: String
    var columns: [Column<Row>]
    var rows: [Row]
    /// A last row shown after the data (England totals); not sorted, paged or filtered.
    var footer: [Cell]?

    func page(_ request: ListRequest) -> ListPage<Row> {
        Listing.page(rows, request: request, searchText: searchText, sortValue: sortValue)
    }

    /// CSV of every row that matches the request's filter, in its order, with a header row.
    func csv(_ request: ListRequest) -> String {
        let matching = Listing.filterAndSort(rows, request: request, searchText: searchText, sortValue: sortValue)
        var text = CSVFormat.line(columns.map(\.csvTitle))
        for row in matching { text += CSVFormat.line(columns.map { $0.value(row).csv }) }
        if let footer { text += CSVFormat.line(footer.map(\.csv)) }
        return text
    }

    /// The same rows as ``csv(_:)`` as a spreadsheet sheet, numbers and dates typed with their formats.
    func sheet(_ request: ListRequest, name: String? = nil) -> Sheet {
        let matching = Listing.filterAndSort(rows, request: request, searchText: searchText, sortValue: sortValue)
        return Sheet(
            name: name ?? caption, title: caption, header: columns.map(\.csvTitle),
            rows: matching.map { row in columns.map { $0.value(row).sheet } }, footer: footer.map { $0.map(\.sheet) })
    }

    func isSortKey(_ key: String) -> Bool { columns.contains { $0.key == key && $0.sortable } }

    /// The request for a page of this table: an unknown sort column is ignored, so a stale bookmark still opens (the
    /// API rejects it instead).
    func accepting(_ request: ListRequest) -> ListRequest {
        var request = request
        if let sort = request.sort, !isSortKey(sort) { request.sort = nil }
        return request
    }

    private func searchText(_ row: Row) -> [String] { columns.map { $0.value(row).text } }

    private func sortValue(_ row: Row, _ key: String) -> SortValue? {
        columns.first { $0.key == key && $0.sortable }.map { $0.value(row).sort }
    }
}
