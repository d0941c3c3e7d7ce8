import Plot
import PodiumCore
import PodiumData

extension RecordForm {
    /// The entry form: one input per field, keeping what was typed and showing each problem beside the page.
    struct View {
        let model: Model
        let context: PageContext

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
        }

        func document() -> HTML {
            let template = model.template
            let icb = model.icb
            let values = model.values
            let problems = model.problems
            let existing = model.existing
            let theirs = model.theirs
            let history = model.history.map(RecordViews.changesTable)
            let title =
                existing == nil ? "Add: \(template.title.lowercased())" : "Record: \(template.title.lowercased())"
            let canEdit = context.canEdit(icb.code, finance: template.isFinance)
            return Layout.page(
                title: title, context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: template.title, href: PodiumRoute.records(icb.code, template).path),
                    Crumb(title: existing == nil ? "Add" : "Record"),
                ],
                content: [
                    .unwrap(existing) { record in
                        .dl(
                            .attr("class", "facts"),
                            .dt(.plain("Source")),
                            .dd(
                                .plain(
                                    record.isExample ? "Example data (generated for the demonstration)" : record.source)
                            ),
                            .dt(.plain("Last saved")), .dd(.plain(record.recordedAt))
                        )
                    },
                    problems.isEmpty
                        ? .empty
                        : .div(
                            .attr("class", "notice error"), .attr("role", "alert"),
                            .p(.plain("The record was not saved:")),
                            .ul(
                                .forEach(problems) { problem in
                                    .li(
                                        .plain(
                                            problem.field.flatMap { template.field($0)?.label }.map { "\($0): " } ?? ""),
                                        .plain(problem.reason))
                                })
                        ),
                    canEdit
                        ? .form(
                            .attr("method", "post"), .attr("action", PodiumRoute.recordForm(icb.code, template).path),
                            .attr("class", "record-form"),
                            Layout.csrfField(context),
                            .forEach(template.fields) { field in
                                RecordViews.input(field, value: values[field.name] ?? "")
                            },
                            .input(
                                .attr("type", "hidden"), .attr("name", RecordForm.version),
                                .attr("value", values[RecordForm.version] ?? "")),
                            .input(
                                .attr("type", "hidden"), .attr("name", RecordForm.versionKey),
                                .attr("value", values[RecordForm.versionKey] ?? "")),
                            RecordViews.recorderNote(context),
                            .button(.attr("type", "submit"), .plain("Save"))
                        )
                        : .group(
                            Layout.paragraph(
                                "Your account can read these records but not change them.", class: "notice"),
                            .dl(
                                .attr("class", "facts"),
                                .forEach(template.fields) { field in
                                    .group(.dt(.plain(field.label)), .dd(.plain(values[field.name] ?? "")))
                                })
                        ),
                    .unwrap(canEdit ? existing : nil) { record in
                        .form(
                            .attr("method", "post"), .attr("action", PodiumRoute.recordDelete(icb.code, template).path),
                            .attr("class", "record-form no-print"),
                            .h2(.plain("Delete")),
                            Layout.csrfField(context),
                            .input(.attr("type", "hidden"), .attr("name", "key"), .attr("value", record.values.key)),
                            RecordViews.recorderNote(context),
                            .button(.attr("type", "submit"), .plain("Delete this record"))
                        )
                    },
                    .unwrap(theirs) { record in
                        .group(
                            .h2(.plain("The record as it now stands")),
                            .dl(
                                .attr("class", "facts theirs"),
                                .forEach(template.fields) { field in
                                    .group(
                                        .dt(.plain(field.label)), .dd(.plain(field.write(record.values[field.name]))))
                                }))
                    },
                    .unwrap(history) { history in
                        .group(
                            .h2(.plain("Changes to this record")),
                            history.rows.isEmpty
                                ? Layout.paragraph(
                                    "No changes recorded (example data, or written before the audit trail began).")
                                : TableView.whole(history, csv: ""))
                    },
                ])
        }
    }
}

extension RecordUpload {
    /// The outcome of an upload: how many records, or every problem with line and column.
    struct View {
        let model: Model
        let context: PageContext

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
        }

        func document() -> HTML {
            let template = model.template
            let icb = model.icb
            return Layout.page(
                title: "Upload: \(template.title.lowercased())", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: template.title, href: PodiumRoute.records(icb.code, template).path),
                    Crumb(title: "Upload"),
                ],
                content: [
                    outcome,
                    .p(
                        Layout.link(
                            "Back to the \(template.title.lowercased())", PodiumRoute.records(icb.code, template).path)),
                    RecordViews.uploadForm(template, icb: icb.code, context: context),
                ])
        }

        private var outcome: Node<HTML.BodyContext> {
            switch model.outcome {
            case .saved(let file, let records, let changed, let ignored):
                return .group(
                    Layout.paragraph(
                        "\(file): \(TableView.group(records)) records read; \(TableView.group(changed)) new or changed and saved, "
                            + "\(TableView.group(records - changed)) already stored as they are.",
                        class: "notice success"),
                    ignored.isEmpty ? .empty : Layout.paragraph("Columns not used: \(ignored.joined(separator: ", ")).")
                )
            case .problems(let issues):
                let table = Table<Issue>(
                    id: "problems", caption: "Problems in the file",
                    columns: [
                        Column("line", "Line", numeric: true) { .count($0.line) },
                        Column("column", "Column", numeric: true) { .count($0.column) },
                        Column("reason", "Problem") { .text($0.reason) },
                    ], rows: issues, footer: nil)
                return .group(
                    Layout.paragraph(
                        "Nothing was saved: the file has \(Words.count(issues.count, "problem")).",
                        class: "notice error"),
                    TableView.whole(table, csv: "")
                )
            }
        }
    }
}
