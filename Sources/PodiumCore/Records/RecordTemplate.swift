/// Local records: what an ICB keeps that no national open file carries (opening hours, closures, market-entry
/// applications, GOS contracts …). Each kind is described once by a ``RecordTemplate``: its columns drive the CSV
/// template a commissioner downloads, the reading of an uploaded file, the entry form, the stored table and the
/// JSON list, so the five cannot drift apart.

/// What a template column holds and how its text is read.
public enum FieldKind: Sendable, Hashable {
    /// Free text up to a length.
    case text(maxLength: Int)
    /// `YYYY-MM-DD` (also `DD/MM/YYYY`, as spreadsheets write it).
    case date
    /// `YYYY-MM` (also `YYYYMM`, as NHSBSA writes `YEAR_MONTH`).
    case month
    /// A whole number, zero or more.
    case count
    /// Pounds with up to two decimals, stored in pence.
    case pounds
    /// Hours with up to two decimals (`3.5`), stored in minutes.
    case hours
    /// A time of day `HH:MM` (24-hour), stored in minutes after midnight; `24:00` closes at midnight.
    case time
    /// One of a fixed list of words.
    case choice([String])
    /// A pharmacy ODS code (`FA002`).
    case pharmacy
    /// A UK postcode.
    case postcode
    /// A local reference: 1–24 letters, digits, `-` or `_` (it appears in page addresses).
    case reference
    /// Local references separated by spaces.
    case references
    /// GOS contract numbers separated by spaces, each of which must be on the ICB's GOS contracts register.
    case gosContracts
    /// An ONS local-authority code (`E10000015`), for a Health and Wellbeing Board.
    case localAuthority
    /// A financial year, `2024/25`, stored as its first calendar year.
    case financialYear
    /// UDAs (or other activity units) with up to four decimals (`312.5`), stored in ten-thousandths.
    case units

    /// How the column's values are stored: as text or as a whole number.
    public var isStoredAsInteger: Bool {
        switch self {
        case .month, .count, .pounds, .hours, .time, .financialYear, .units: true
        default: false
        }
    }

    /// The expected form, in words, for the template's notes and error messages.
    public var format: String {
        switch self {
        case .text(let maxLength): "text, up to \(maxLength) characters"
        case .date: "a date, YYYY-MM-DD"
        case .month: "a month, YYYY-MM"
        case .count: "a whole number, 0 or more"
        case .pounds: "pounds, for example 1250.00"
        case .hours: "hours, for example 3.5"
        case .units: "UDAs, for example 312.5"
        case .time: "a time, HH:MM (24-hour)"
        case .choice(let words): "one of " + words.joined(separator: ", ")
        case .pharmacy: PharmacyCodeKind.format
        case .postcode: PostcodeKind.format
        case .reference: "1 to 24 letters, digits, - or _"
        case .references: "references separated by spaces"
        case .gosContracts: "GOS contract numbers separated by spaces"
        case .localAuthority: "an ONS code such as E10000015"
        case .financialYear: "a financial year, such as 2024/25"
        }
    }
}

/// A stored field value.
public enum FieldValue: Sendable, Hashable {
    case text(String)
    case integer(Int64)
    case missing

    public var text: String? { if case .text(let value) = self { value } else { nil } }
    public var integer: Int64? { if case .integer(let value) = self { value } else { nil } }
    /// The value as text to order by (``NaturalOrder``); empty when missing.
    public var sortText: String { text ?? integer.map { String($0) } ?? "" }
}

/// One column of a template.
public struct RecordField: Sendable, Hashable {
    /// The CSV column and stored column name (`snake_case`).
    public let name: String
    /// The label on the entry form.
    public let label: String
    public let kind: FieldKind
    public let isRequired: Bool
    /// What the column means, for the template's notes.
    public let help: String
    /// Other header names accepted on upload, such as NHSBSA's `CONTRACTOR_CODE`.
    public let aliases: [String]

    public init(
        _ name: String, _ label: String, _ kind: FieldKind, required: Bool = true, help: String, aliases: [String] = []
    ) {
        self.name = name
        self.label = label
        self.kind = kind
        self.isRequired = required
        self.help = help
        self.aliases = aliases
    }

    /// Reads one cell: the value, or the reason it cannot be read.
    public func read(_ raw: String) -> Result<FieldValue, FieldProblem> {
        let text = raw.trimmingSpaces
        guard !text.isEmpty else {
            return isRequired ? .failure(FieldProblem(field: name, reason: "\(label) is required")) : .success(.missing)
        }
        func fail(_ reason: String) -> Result<FieldValue, FieldProblem> {
            .failure(FieldProblem(field: name, reason: reason))
        }
        // A control character (a NUL cut the stored value short while the audit trail kept it) is refused in every
        // field; line breaks and tabs are text people type.
        if let control = text.unicodeScalars.first(where: {
            ($0.value < 0x20 && !["\n", "\r", "\t"].contains($0)) || (0x7F...0x9F).contains($0.value)
        }) {
            return fail(
                "\(label) contains a control character (U+\(String(control.value, radix: 16, uppercase: true).leftPadded(to: 4))), which cannot be stored; remove it and try again"
            )
        }
        switch kind {
        case .text(let maxLength):
            return text.count <= maxLength
                ? .success(.text(text)) : fail("\(label) is longer than \(maxLength) characters")
        case .date:
            guard let date = CalendarDate(text) ?? CalendarDate.dayMonthYear(text) else {
                return fail("\"\(text)\" is not a date (YYYY-MM-DD)")
            }
            return .success(.text(date.iso))
        case .month:
            guard let month = YearMonth(text) else { return fail("\"\(text)\" is not a month (YYYY-MM)") }
            return .success(.integer(Int64(month.year * 100 + month.month)))
        case .count:
            guard let value = Int64(text), value >= 0, value <= 100_000_000 else {
                return fail("\"\(text)\" is not a whole number of 0 or more")
            }
            return .success(.integer(value))
        case .pounds:
            do {
                let pence = try ScaledDecimal.parse(text.replacing("£", with: ""), scale: 2)
                return pence >= 0 ? .success(.integer(pence)) : fail("\(label) cannot be negative")
            } catch { return fail("\(label): \(error.description)") }
        case .hours:
            do {
                let hundredths = try ScaledDecimal.parse(text, scale: 2)
                guard (0...(24 * 7 * 100)).contains(hundredths) else {
                    return fail("\(label) must be between 0 and 168 hours")
                }
                // Minutes, exactly: hundredths of an hour are 0.6 minutes, so only quarter hours and the like are exact.
                guard (hundredths * 60) % 100 == 0 else {
                    return fail("\(label) must be a whole number of minutes (3.5 or 3.25, not 3.33)")
                }
                return .success(.integer(hundredths * 60 / 100))
            } catch { return fail("\(label): \(error.description)") }
        case .time:
            guard let minutes = Self.minutesAfterMidnight(text) else { return fail("\"\(text)\" is not a time HH:MM") }
            return .success(.integer(Int64(minutes)))
        case .choice(let words):
            let word = text.lowercased()
            return words.contains(word)
                ? .success(.text(word)) : fail("\"\(text)\" is not one of \(words.joined(separator: ", "))")
        case .pharmacy:
            guard let code = PharmacyCode(text) else {
                return fail("\"\(text)\" is not a \(PharmacyCodeKind.name) (\(PharmacyCodeKind.format))")
            }
            return .success(.text(code.rawValue))
        case .postcode:
            guard let code = Postcode(text) else { return fail("\"\(text)\" is not a \(PostcodeKind.name)") }
            return .success(.text(code.rawValue))
        case .reference:
            return Self.isReference(text)
                ? .success(.text(text)) : fail("\"\(text)\" is not a reference (\(kind.format))")
        case .references, .gosContracts:
            let parts = text.split(separator: " ").map(String.init)
            guard let bad = parts.first(where: { !Self.isReference($0) }) else {
                return .success(.text(parts.joined(separator: " ")))
            }
            return fail("\"\(bad)\" is not a reference (1 to 24 letters, digits, - or _)")
        case .financialYear:
            guard let year = FinancialYear(text) else { return fail("\"\(text)\" is not a financial year (2024/25)") }
            return .success(.integer(Int64(year.startYear)))
        case .units:
            do {
                let units = try ScaledDecimal.parse(text, scale: 4)
                guard (0...(10_000_000 * 10_000)).contains(units) else {
                    return fail("\(label) must be between 0 and 10,000,000")
                }
                return .success(.integer(units))
            } catch { return fail("\(label): \(error.description)") }
        case .localAuthority:
            guard let code = ONSCode(text), code.rawValue.hasPrefix("E") else {
                return fail("\"\(text)\" is not an ONS local-authority code")
            }
            return .success(.text(code.rawValue))
        }
    }

    /// How a stored value reads on a page: a choice in words (`dental-primary` → "Dental primary", `lpc` → "LPC"),
    /// anything else as ``write(_:)`` writes it for the CSV.
    public func read(_ value: FieldValue) -> String {
        let text = write(value)
        guard case .choice = kind, !text.isEmpty else { return text }
        return Self.choiceWords[text]
            ?? (text.prefix(1).uppercased() + text.dropFirst()).split(separator: "-").joined(separator: " ")
    }

    /// Choice words that are abbreviations or days, in full.
    static let choiceWords = [
        "ldc": "LDC", "lpc": "LPC", "loc": "LOC", "hwb": "Health and Wellbeing Board", "gos": "GOS",
        "pcn": "PCN", "mon": "Monday", "tue": "Tuesday", "wed": "Wednesday", "thu": "Thursday", "fri": "Friday",
        "sat": "Saturday", "sun": "Sunday", "nhs-england": "NHS England", "icb": "ICB", "pna": "PNA",
    ]

    /// The value as it is written in a CSV cell or a form: the inverse of ``read(_:)`` on text.
    public func write(_ value: FieldValue) -> String {
        switch value {
        case .missing: return ""
        case .text(let text): return kind == .postcode ? Postcode(text)?.display ?? text : text
        case .integer(let number):
            switch kind {
            case .month: return YearMonth(year: Int(number / 100), month: Int(number % 100))?.iso ?? String(number)
            case .pounds: return Money(pence: number).plainPounds
            case .hours: return ScaledDecimal.format(number * 100 / 60, scale: 2, minimumFractionDigits: 0)
            case .time: return Self.clock(Int(number))
            case .financialYear: return FinancialYear(startYear: Int(number)).label
            case .units:
                return ScaledDecimal.format(number, scale: 4, minimumFractionDigits: 0).replacing(",", with: "")
            default: return String(number)
            }
        }
    }

    static func isReference(_ text: String) -> Bool {
        (1...24).contains(text.count)
            && text.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "-_".contains($0)) }
    }

    /// `08:30` → 510; `24:00` → 1440.
    static func minutesAfterMidnight(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[1].count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
            (0...24).contains(hours), (0..<60).contains(minutes), hours * 60 + minutes <= 1440
        else { return nil }
        return hours * 60 + minutes
    }

    /// 510 → `08:30`.
    public static func clock(_ minutes: Int) -> String {
        let hours = minutes / 60
        let rest = minutes % 60
        return "\(hours < 10 ? "0" : "")\(hours):\(rest < 10 ? "0" : "")\(rest)"
    }
}

/// Why a field, or a whole record, cannot be accepted. `field` is `nil` for a rule across fields.
public struct FieldProblem: Error, Sendable, Hashable, CustomStringConvertible {
    public var field: String?
    public var reason: String

    public init(field: String?, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { field.map { "\($0): \(reason)" } ?? reason }
}

/// Every problem with one record.
public struct RecordProblems: Error, Sendable, Hashable {
    public var problems: [FieldProblem]

    public init(problems: [FieldProblem]) { self.problems = problems }
}

/// Which ICB a record belongs to, so an upload to one ICB cannot write another's records.
public enum RecordScope: Sendable, Hashable {
    /// The pharmacy named in this field: the register says which ICB it is in.
    case pharmacy(String)
    /// The GOS contract named in this field, which must already be on the ICB's register.
    case gosContract(String)
    /// The Health and Wellbeing Board in this field, which must cover some of the ICB's pharmacies. A board may
    /// straddle ICBs; each keeps its own record of the board's documents.
    case healthAndWellbeingBoard(String)
    /// The ICB the record was entered for.
    case enteringICB
}

/// One kind of local record.
public struct RecordTemplate: Sendable, Hashable, Identifiable {
    /// URL and file name: `pharmacy-closures`.
    public let id: String
    /// Stored table.
    public let table: String
    public let title: String
    /// One sentence for the page and the template's notes.
    public let summary: String
    public let fields: [RecordField]
    /// The fields that identify a record: uploading a row with the same key replaces it.
    public let key: [String]
    public let scope: RecordScope
    /// Whether the key is the ICB's own (every ICB has its own "2024/25 dental-primary" budget line, its own GOS
    /// contract "G1" and its own copy of a shared board's PNA), so one ICB can neither see nor take another's key.
    /// Only a pharmacy's records are keyed nationally: the register places each pharmacy in one ICB.
    public var keyIsPerICB: Bool {
        if case .pharmacy = scope { return false }
        return true
    }
    /// Record rules across fields (closing after opening …).
    public let check: @Sendable (FieldValues) -> [FieldProblem]

    public init(
        id: String, table: String, title: String, summary: String, fields: [RecordField], key: [String],
        scope: RecordScope, check: @escaping @Sendable (FieldValues) -> [FieldProblem] = { _ in [] }
    ) {
        self.id = id
        self.table = table
        self.title = title
        self.summary = summary
        self.fields = fields
        self.key = key
        self.scope = scope
        self.check = check
    }

    public static func == (lhs: RecordTemplate, rhs: RecordTemplate) -> Bool { lhs.id == rhs.id }
    public func hash(into hasher: inout Hasher) { hasher.combine(id) }

    public func field(_ name: String) -> RecordField? { fields.first { $0.name == name } }

    /// Reads one record from cells named by field: every problem, or the record's values.
    public func read(_ cells: [String: String]) -> Result<FieldValues, RecordProblems> {
        var values: [String: FieldValue] = [:]
        var problems: [FieldProblem] = []
        for field in fields {
            switch field.read(cells[field.name] ?? "") {
            case .success(let value): values[field.name] = value
            case .failure(let problem): problems.append(problem)
            }
        }
        guard problems.isEmpty else { return .failure(RecordProblems(problems: problems)) }
        let record = FieldValues(template: self, values: values)
        let crossField = check(record)
        return crossField.isEmpty ? .success(record) : .failure(RecordProblems(problems: crossField))
    }

    /// The CSV template: the header, then one example row when given.
    public func csvHeader() -> String { CSVFormat.line(fields.map(\.name)) }
}

/// A record's values by field name, with typed reads for Core rules.
public struct FieldValues: Sendable, Hashable {
    public let template: RecordTemplate
    public let values: [String: FieldValue]

    public init(template: RecordTemplate, values: [String: FieldValue]) {
        self.template = template
        self.values = values
    }

    public subscript(_ name: String) -> FieldValue { values[name] ?? .missing }

    public func text(_ name: String) -> String? { self[name].text }
    public func integer(_ name: String) -> Int64? { self[name].integer }
    public func date(_ name: String) -> CalendarDate? { text(name).flatMap(CalendarDate.init) }
    public func month(_ name: String) -> YearMonth? {
        integer(name).flatMap { YearMonth(year: Int($0 / 100), month: Int($0 % 100)) }
    }
    public func money(_ name: String) -> Money? { integer(name).map(Money.init(pence:)) }
    public func financialYear(_ name: String) -> FinancialYear? {
        integer(name).map { FinancialYear(startYear: Int($0)) }
    }
    public func count(_ name: String) -> Int { Int(integer(name) ?? 0) }

    /// The key of the record, for matching and links: key values joined by `|`.
    public var key: String { template.key.map { template.field($0)?.write(self[$0]) ?? "" }.joined(separator: "|") }

    /// Each field as written in a CSV cell, in template order.
    public var cells: [String] { template.fields.map { $0.write(self[$0.name]) } }
}

extension CalendarDate {
    /// `23/11/2026`, as spreadsheets export dates.
    public static func dayMonthYear(_ text: String) -> CalendarDate? {
        let parts = text.split(separator: "/")
        guard parts.count == 3, parts[2].count == 4, let day = Int(parts[0]), let month = Int(parts[1]),
            let year = Int(parts[2])
        else {
            return nil
        }
        return CalendarDate(year: year, month: month, day: day)
    }
}

extension String {
    /// `"7"` → `"0007"` for `leftPadded(to: 4)`.
    fileprivate func leftPadded(to width: Int) -> String {
        String(repeating: "0", count: max(0, width - count)) + self
    }
}
