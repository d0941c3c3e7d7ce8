import Plot
import PodiumCore
import PodiumData

/// Local records of one template: the table (whose CSV is itself a valid upload), the template to download,
/// the upload form and the entry form. Every ICB register page embeds this block.
enum RecordPages {
    /// The records of a template as a table: every template column, then whether it is example data. The first
    /// column links to the record's form when the ICB is known.
    static func table(_ records: ICBRecords, icb: ICBCode?) -> Table<StoredRecord> {
        let template = records.template
        let columns = template.fields.enumerated().map { index, field in
            Column<StoredRecord>(field.name, field.label, numeric: field.kind.isStoredAsInteger && field.kind != .time && field.kind != .month) { record in
                let text = field.write(record.values[field.name])
                let link = index == 0 ? icb.map { ListLinks.href(PodiumRoute.recordForm($0, template).path, ListLinks.items([("key", record.values.key)])) } : nil
                return Cell(text: text, csv: text, link: link, sort: record.values[field.name].integer.map { .number($0) } ?? (text.isEmpty ? .missing : .text(text)))
            }
        } + [Column<StoredRecord>("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") }]
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
            return title.dropFirst().first?.isUppercase == true ? title : title.prefix(1).lowercased() + title.dropFirst()
        }
        guard !examples.isEmpty else { return .empty }
        return Layout.paragraph(
            "Example data: the \(examples.joined(separator: ", ")) shown here were generated for the demonstration from the real ODS register "
                + "(real premises, invented figures). Rows marked \"example\" are not real returns; upload your own to replace them.",
            class: "notice example")
    }

    /// The records section: table, downloads, upload and add.
    static func section(_ records: ICBRecords, icb: ICBCode, heading: String? = nil, note: String = "") -> Node<HTML.BodyContext> {
        let template = records.template
        let table = table(records, icb: icb)
        let path = PodiumRoute.records(icb, template).path
        return .section(
            .attr("id", template.id),
            .h2(.plain(heading ?? template.title)),
            Layout.paragraph(template.summary + " " + note),
            records.records.isEmpty
                ? Layout.paragraph("None recorded yet.", class: "notice")
                : TableView.listing(table, page: table.page(ListRequest(perPage: 25)), links: ListLinks(path: path, request: ListRequest()), noun: "records"),
            .p(
                .attr("class", "no-print"),
                Layout.link("All \(TableView.group(records.records.count)) records, with the upload and entry forms", path), .plain(" · "),
                Layout.link("Download the CSV template", ListLinks.href(path, ListLinks.items([("format", "template")])))
            )
        )
    }

    /// The page of one template's records for an ICB.
    static func render(
        _ records: ICBRecords, icb: ICB, page: ListPage<StoredRecord>, table: Table<StoredRecord>, changes: Table<RecordChange>, links: ListLinks,
        context: PageContext
    ) -> HTML {
        let template = records.template
        let path = PodiumRoute.records(icb.code, template).path
        return Layout.page(
            title: "\(template.title): \(icb.shortName)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: template.title)],
            content: [
                Layout.paragraph(template.summary, class: "lede"),
                exampleNotice(records),
                TableView.listing(table, page: page, links: links, noun: "records"),
                .if(context.canEdit(icb.code, finance: template.isFinance), .group(
                    .p(.attr("class", "no-print"), Layout.link("Add a record", PodiumRoute.recordForm(icb.code, template).path)),
                    uploadForm(template, icb: icb.code, context: context))),
                .h2(.plain("Audit trail")),
                Layout.paragraph(
                    "Every record added, changed or deleted here, by form or upload: who, when, from which file, and each field before and after "
                        + "(the latest \(changes.rows.count == 200 ? "200" : "changes")). Re-uploading records already stored as they are leaves no entry."),
                changes.rows.isEmpty ? Layout.paragraph("No changes recorded yet.", class: "notice")
                    : TableView.whole(changes, csv: ListLinks.href(path, ListLinks.items([("format", "csv"), ("table", changes.id)]))),
                .h2(.plain("The template")),
                Layout.paragraph(
                    "Upload a CSV file with a header row naming these columns (in any order; other columns are ignored). A row with the same "
                        + "\(template.key.joined(separator: ", ")) as a stored record replaces it, so uploading the same file twice changes nothing. "
                        + "If any row is wrong nothing is saved, and every problem is listed with its line and column. The CSV download of the table "
                        + "above uses the same columns."),
                TableView.whole(fieldsTable(template), csv: ListLinks.href(path, ListLinks.items([("format", "template")]))),
            ])
    }

    static func fieldsTable(_ template: RecordTemplate) -> Table<RecordField> {
        Table(id: "columns", caption: "Columns of the \(template.title.lowercased()) template", columns: [
            Column("name", "Column", sortable: false) { .text($0.name) },
            Column("required", "Required", sortable: false) { .text($0.isRequired ? "yes" : "no") },
            Column("format", "Format", sortable: false) { .text($0.kind.format) },
            Column("meaning", "Meaning", sortable: false) { field in
                .text(field.help + (field.aliases.isEmpty ? "" : " Also read from a column named " + field.aliases.joined(separator: " or ") + "."))
            },
        ], rows: template.fields, footer: nil)
    }

    static func uploadForm(_ template: RecordTemplate, icb: ICBCode, context: PageContext) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "post"), .attr("action", PodiumRoute.recordUpload(icb, template).path), .attr("enctype", "multipart/form-data"),
            .attr("class", "record-form no-print"),
            .h2(.plain("Upload a file")),
            Layout.csrfField(context),
            .label(.attr("for", "upload-file"), .plain("CSV file")),
            .input(.attr("type", "file"), .attr("id", "upload-file"), .attr("name", "file"), .attr("accept", ".csv,text/csv"), .attr("required", "required")),
            recorderNote(context),
            .button(.attr("type", "submit"), .plain("Upload"))
        )
    }

    /// The entry form: one input per field, keeping what was typed and showing each problem beside the page.
    static func form(
        _ template: RecordTemplate, icb: ICB, values: [String: String], problems: [FieldProblem], existing: StoredRecord?,
        theirs: StoredRecord? = nil, history: Table<RecordChange>? = nil, context: PageContext
    ) -> HTML {
        let title = existing == nil ? "Add: \(template.title.lowercased())" : "Record: \(template.title.lowercased())"
        let canEdit = context.canEdit(icb.code, finance: template.isFinance)
        return Layout.page(
            title: title, context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: template.title, href: PodiumRoute.records(icb.code, template).path), Crumb(title: existing == nil ? "Add" : "Record")],
            content: [
                .unwrap(existing) { record in
                    .dl(
                        .attr("class", "facts"),
                        .dt(.plain("Source")), .dd(.plain(record.isExample ? "Example data (generated for the demonstration)" : record.source)),
                        .dt(.plain("Last saved")), .dd(.plain(record.recordedAt))
                    )
                },
                problems.isEmpty ? .empty : .div(
                    .attr("class", "notice error"), .attr("role", "alert"),
                    .p(.plain("The record was not saved:")),
                    .ul(.forEach(problems) { problem in
                        .li(.plain(problem.field.flatMap { template.field($0)?.label }.map { "\($0): " } ?? ""), .plain(problem.reason))
                    })
                ),
                canEdit ? .form(
                    .attr("method", "post"), .attr("action", PodiumRoute.recordForm(icb.code, template).path), .attr("class", "record-form"),
                    Layout.csrfField(context),
                    .forEach(template.fields) { field in input(field, value: values[field.name] ?? "") },
                    .input(.attr("type", "hidden"), .attr("name", version), .attr("value", values[version] ?? "")),
                    .input(.attr("type", "hidden"), .attr("name", versionKey), .attr("value", values[versionKey] ?? "")),
                    recorderNote(context),
                    .button(.attr("type", "submit"), .plain("Save"))
                ) : .group(
                    Layout.paragraph("Your account can read these records but not change them.", class: "notice"),
                    .dl(.attr("class", "facts"), .forEach(template.fields) { field in .group(.dt(.plain(field.label)), .dd(.plain(values[field.name] ?? ""))) })
                ),
                .unwrap(canEdit ? existing : nil) { record in
                    .form(
                        .attr("method", "post"), .attr("action", PodiumRoute.recordDelete(icb.code, template).path), .attr("class", "record-form no-print"),
                        .h2(.plain("Delete")),
                        Layout.csrfField(context),
                        .input(.attr("type", "hidden"), .attr("name", "key"), .attr("value", record.values.key)),
                        recorderNote(context),
                        .button(.attr("type", "submit"), .plain("Delete this record"))
                    )
                },
                .unwrap(theirs) { record in
                    .group(.h2(.plain("The record as it now stands")), .dl(
                        .attr("class", "facts theirs"),
                        .forEach(template.fields) { field in .group(.dt(.plain(field.label)), .dd(.plain(field.write(record.values[field.name])))) }))
                },
                .unwrap(history) { history in
                    .group(.h2(.plain("Changes to this record")), history.rows.isEmpty
                        ? Layout.paragraph("No changes recorded (example data, or written before the audit trail began).")
                        : TableView.whole(history, csv: ""))
                },
            ])
    }

    /// Hidden fields: when the record the form shows was last written, and its key (optimistic concurrency).
    static let version = "version", versionKey = "version_key"

    /// Who the audit trail will name: the signed-in person, not a name typed into the form.
    private static func recorderNote(_ context: PageContext) -> Node<HTML.FormContext> {
        .p(.attr("class", "hint"), .plain("Recorded in the audit trail as \(context.viewer?.user.auditName ?? "you"), with the time and what changed."))
    }

    /// The audit trail: newest first, each field before and after.
    static func changesTable(_ changes: [RecordChange]) -> Table<RecordChange> {
        Table(id: "changes", caption: "Changes, newest first", columns: [
            Column("at", "When") { .text($0.at) },
            Column("by", "Who") { .text($0.by) },
            Column("action", "Action") { .text($0.action.rawValue) },
            Column("record", "Record") { .text($0.key) },
            Column("source", "From") { .text($0.source) },
            Column("fields", "What changed") { .text($0.summary) },
        ], rows: changes, footer: nil)
    }

    private static func input(_ field: RecordField, value: String) -> Node<HTML.FormContext> {
        let id = "f-\(field.name)"
        let label = Node<HTML.FormContext>.label(
            .attr("for", id), .plain(field.label + (field.isRequired ? "" : " (optional)")), .span(.attr("class", "hint"), .plain(field.kind.format)))
        switch field.kind {
        case .choice(let words):
            return .group(label, .select(
                .attr("id", id), .attr("name", field.name),
                .choice("", "—", selected: value.isEmpty),
                .forEach(words) { .choice($0, $0, selected: $0 == value.lowercased()) }))
        case .text(let maxLength) where maxLength > 500:
            return .group(label, .textarea(.attr("id", id), .attr("name", field.name), .attr("rows", "4"), .plain(value)))
        default:
            let type = field.kind == .date ? "date" : field.kind == .month ? "month" : "text"
            return .group(label, .input(.attr("type", type), .attr("id", id), .attr("name", field.name), .attr("value", value)))
        }
    }

    /// The outcome of an upload: how many records, or every problem with line and column.
    static func uploadResult(
        _ template: RecordTemplate, icb: ICB, result: UploadOutcome, context: PageContext
    ) -> HTML {
        Layout.page(
            title: "Upload: \(template.title.lowercased())", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: template.title, href: PodiumRoute.records(icb.code, template).path), Crumb(title: "Upload")],
            content: [
                {
                    switch result {
                    case .saved(let done):
                        return .group(
                            Layout.paragraph(
                                "\(done.file): \(TableView.group(done.records)) records read; \(TableView.group(done.changed)) new or changed and saved, "
                                    + "\(TableView.group(done.records - done.changed)) already stored as they are.", class: "notice success"),
                            done.ignored.isEmpty ? .empty : Layout.paragraph("Columns not used: \(done.ignored.joined(separator: ", ")).")
                        )
                    case .problems(let issues):
                        let table = Table<ImportIssueView>(id: "problems", caption: "Problems in the file", columns: [
                            Column("line", "Line", numeric: true) { .count($0.line) },
                            Column("column", "Column", numeric: true) { .count($0.column) },
                            Column("reason", "Problem") { .text($0.reason) },
                        ], rows: issues, footer: nil)
                        return .group(
                            Layout.paragraph("Nothing was saved: the file has \(issues.count) problem\(issues.count == 1 ? "" : "s").", class: "notice error"),
                            TableView.whole(table, csv: "")
                        )
                    }
                }(),
                .p(Layout.link("Back to the \(template.title.lowercased())", PodiumRoute.records(icb.code, template).path)),
                uploadForm(template, icb: icb.code, context: context),
            ])
    }
}

struct LocalRecordImportResultView: Sendable {
    var file: String
    var records: Int
    var changed: Int
    var ignored: [String]
}

enum UploadOutcome: Sendable {
    case saved(LocalRecordImportResultView)
    case problems([ImportIssueView])
}

struct ImportIssueView: Sendable {
    var line: Int
    var column: Int?
    var reason: String
}
