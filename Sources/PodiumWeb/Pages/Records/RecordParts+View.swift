import Plot
import PodiumCore
import PodiumData

/// Local records of one template: the table (whose CSV is itself a valid upload), the template to download,
/// the upload form and the entry form. Every ICB register page embeds this block.
enum RecordViews {
    /// The records of a template as a table: every template column, then whether it is example data. The first
    /// column links to the record's form when the ICB is known.
    static func table(_ records: ICBRecords, icb: ICBCode?) -> Table<StoredRecord> {
        let template = records.template
        let columns =
            template.fields.enumerated().map { index, field in
                Column<StoredRecord>(
                    field.name, field.label,
                    numeric: field.kind.isStoredAsInteger && field.kind != .time && field.kind != .month
                ) { record in
                    let text = field.write(record.values[field.name])
                    let words = field.read(record.values[field.name])
                    let link =
                        index == 0
                        ? icb.map {
                            ListLinks.href(
                                PodiumRoute.recordForm($0, template).path, QueryItems.of([("key", record.values.key)]))
                        } : nil
                    return Cell(
                        text: words, csv: text, link: link,
                        sort: record.values[field.name].integer.map { .number($0) }
                            ?? (words.isEmpty ? .missing : .text(words)))
                }
            } + [
                Column<StoredRecord>("example", "Example data", sortable: false) {
                    .text($0.isExample ? "example" : "")
                }
            ]
        return Table(id: template.id, caption: template.title, columns: columns, rows: records.records, footer: nil)
    }

    /// The CSV of a records table in the template's own columns, so a download can be edited and uploaded again.
    static func csv(_ records: ICBRecords) -> String {
        records.records.reduce(records.template.csvHeader()) { $0 + CSVFormat.line($1.values.cells) }
    }

    /// The notice shown wherever example records appear.
    static func exampleNotice(_ records: ICBRecords...) -> Node<HTML.BodyContext> { exampleNotice(records) }

    static func exampleNotice(_ records: [ICBRecords]) -> Node<HTML.BodyContext> {
        // "Pharmacy closures" → "pharmacy closures"; "GOS contracts" keeps its capitals.
        let examples = records.filter(\.hasExamples).map { record in
            let title = record.template.title
            return title.dropFirst().first?.isUppercase == true
                ? title : title.prefix(1).lowercased() + title.dropFirst()
        }
        guard !examples.isEmpty else { return .empty }
        return Layout.paragraph(
            "Example data: the \(examples.joined(separator: ", ")) shown here were generated for the demonstration from the real ODS register "
                + "(real premises, invented figures). Rows marked \"example\" are not real returns; upload your own to replace them.",
            class: "notice example")
    }

    /// The records section: table, downloads, upload and add.
    static func section(_ records: ICBRecords, icb: ICBCode, heading: String? = nil, note: String = "") -> Node<
        HTML.BodyContext
    > {
        let template = records.template
        let table = table(records, icb: icb)
        let path = PodiumRoute.records(icb, template).path
        return .section(
            .attr("id", template.id),
            .h2(.plain(heading ?? template.title)),
            Layout.paragraph(template.summary + " " + note),
            records.records.isEmpty
                ? Layout.paragraph("None recorded yet.", class: "notice")
                : TableView.listing(
                    table, page: table.page(ListRequest(perPage: 25)),
                    links: ListLinks(path: path, request: ListRequest()), noun: "records"),
            manageLinks(records, icb: icb)
        )
    }

    /// Where a log is kept: all its records with the upload and entry forms, and its CSV template.
    static func manageLinks(_ records: ICBRecords, icb: ICBCode) -> Node<HTML.BodyContext> {
        let path = PodiumRoute.records(icb, records.template).path
        return .p(
            .attr("class", "no-print"),
            Layout.link(
                "All \(TableView.group(records.records.count)) records, with the upload and entry forms", path),
            .plain(" · "),
            Layout.link("Download the CSV template", ListLinks.href(path, QueryItems.of([("format", "template")]))))
    }

    static func fieldsTable(_ template: RecordTemplate) -> Table<RecordField> {
        Table(
            id: "columns", caption: "Columns of the \(template.title.lowercased()) template",
            columns: [
                Column("name", "Column", sortable: false) { .text($0.name) },
                Column("required", "Required", sortable: false) { .text($0.isRequired ? "yes" : "no") },
                Column("format", "Format", sortable: false) { .text($0.kind.format) },
                Column("meaning", "Meaning", sortable: false) { field in
                    .text(
                        field.help
                            + (field.aliases.isEmpty
                                ? ""
                                : " Also read from a column named " + field.aliases.joined(separator: " or ") + "."))
                },
            ], rows: template.fields, footer: nil)
    }

    static func uploadForm(_ template: RecordTemplate, icb: ICBCode, context: PageContext) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "post"), .attr("action", PodiumRoute.recordUpload(icb, template).path),
            .attr("enctype", "multipart/form-data"),
            .attr("class", "record-form no-print"),
            .h2(.plain("Upload a file")),
            Layout.csrfField(context),
            .label(.attr("for", "upload-file"), .plain("CSV file")),
            .input(
                .attr("type", "file"), .attr("id", "upload-file"), .attr("name", "file"),
                .attr("accept", ".csv,text/csv"), .attr("required", "required")),
            recorderNote(context),
            .button(.attr("type", "submit"), .plain("Upload"))
        )
    }

    /// Who the audit trail will name: the signed-in person, not a name typed into the form.
    static func recorderNote(_ context: PageContext) -> Node<HTML.FormContext> {
        .p(
            .attr("class", "hint"),
            .plain(
                "Recorded in the audit trail as \(context.viewer?.user.auditName ?? "you"), with the time and what changed."
            ))
    }

    /// The audit trail: newest first, each field before and after.
    static func changesTable(_ changes: [RecordChange]) -> Table<RecordChange> {
        Table(
            id: "changes", caption: "Changes, newest first",
            columns: [
                Column("at", "When") { .moment($0.at) },
                Column("by", "Who") { .text($0.by) },
                Column("action", "Action") { .text($0.action.rawValue) },
                Column("record", "Record") { .text($0.key) },
                Column("source", "From") { .text($0.source) },
                Column("fields", "What changed") { .text($0.summary) },
            ], rows: changes, footer: nil)
    }

    static func input(_ field: RecordField, value: String) -> Node<HTML.FormContext> {
        let id = "f-\(field.name)"
        let label = Node<HTML.FormContext>.label(
            .attr("for", id), .plain(field.label + (field.isRequired ? "" : " (optional)")),
            .span(.attr("class", "hint"), .plain(field.kind.format)))
        switch field.kind {
        case .choice(let words):
            return .group(
                label,
                .select(
                    .attr("id", id), .attr("name", field.name),
                    .choice("", "—", selected: value.isEmpty),
                    .forEach(words) { .choice($0, $0, selected: $0 == value.lowercased()) }))
        case .text(let maxLength) where maxLength > 500:
            return .group(
                label, .textarea(.attr("id", id), .attr("name", field.name), .attr("rows", "4"), .plain(value)))
        default:
            let type = field.kind == .date ? "date" : field.kind == .month ? "month" : "text"
            return .group(
                label, .input(.attr("type", type), .attr("id", id), .attr("name", field.name), .attr("value", value)))
        }
    }
}
