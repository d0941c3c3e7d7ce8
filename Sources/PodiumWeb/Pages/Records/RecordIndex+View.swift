import Plot
import PodiumCore
import PodiumData

extension RecordIndex {
    /// The page of one template's records for an ICB.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let table: Table<StoredRecord>
        let changes: Table<RecordChange>

        init(_ model: Model, request: ListRequest, context: PageContext) {
            self.model = model
            self.context = context
            table = RecordViews.table(model.records, icb: model.icb.code)
            changes = RecordViews.changesTable(model.changes)
            links = ListLinks(
                path: PodiumRoute.records(model.icb.code, model.template).path, request: table.accepting(request))
        }

        var downloadName: String { "\(model.icb.code)-\(model.template.id)" }
        var namesDownloadsByTable: Bool { false }
        /// The records download in the template's own columns (so it can be edited and uploaded again), then the audit trail.
        var tables: [AnyTable] {
            let records = model.records
            return [AnyTable(id: records.template.id) { RecordViews.csv(records) }, AnyTable(changes)]
        }
        func downloadName(of table: String) -> String {
            table == changes.id ? "\(downloadName)-\(table)" : downloadName
        }

        func document() -> HTML {
            let records = model.records
            let icb = model.icb
            let page = table.page(links.request)
            let template = records.template
            let path = PodiumRoute.records(icb.code, template).path
            return Layout.page(
                title: "\(template.title): \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: template.title),
                ],
                content: [
                    Layout.paragraph(template.summary, class: "lede"),
                    RecordViews.exampleNotice(records),
                    TableView.listing(table, page: page, links: links, noun: "records"),
                    .if(
                        context.canEdit(icb.code, finance: template.isFinance),
                        .group(
                            .p(
                                .attr("class", "no-print"),
                                Layout.link("Add a record", PodiumRoute.recordForm(icb.code, template).path)),
                            RecordViews.uploadForm(template, icb: icb.code, context: context))),
                    .h2(.plain("Audit trail")),
                    Layout.paragraph(
                        "Every record added, changed or deleted here, by form or upload: who, when, from which file, and each field before and after "
                            + "(the latest \(model.changesAreCut ? String(RecordChanges.shown) : "changes")). Re-uploading records already stored as they are leaves no entry."
                    ),
                    changes.rows.isEmpty
                        ? Layout.paragraph("No changes recorded yet.", class: "notice")
                        : TableView.whole(
                            changes,
                            csv: ListLinks.href(path, QueryItems.of([("format", "csv"), ("table", changes.id)]))),
                    .h2(.plain("The template")),
                    Layout.paragraph(
                        "Upload a CSV file with a header row naming these columns (in any order; other columns are ignored). A row with the same "
                            + "\(template.key.joined(separator: ", ")) as a stored record replaces it, so uploading the same file twice changes nothing. "
                            + "If any row is wrong nothing is saved, and every problem is listed with its line and column. The CSV download of the table "
                            + "above uses the same columns."),
                    TableView.whole(
                        RecordViews.fieldsTable(template),
                        csv: ListLinks.href(path, QueryItems.of([("format", "template")]))),
                ])
        }
    }
}
