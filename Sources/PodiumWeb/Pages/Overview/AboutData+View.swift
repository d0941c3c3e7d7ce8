import Foundation
import Plot
import PodiumCore
import PodiumData

extension AboutData {
    struct View: PageView {
        let model: Model
        let context: PageContext
        let table: Table<SourceNote>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            table = Self.catalogue(model.datasets)
        }

        var downloadName: String { "podium-datasets" }
        var tables: [AnyTable] { [AnyTable(table)] }

        func document() -> HTML {
            Layout.page(
                title: "About the data", context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "About the data")],
                content: [
                    Layout.paragraph(
                        "Podium shows published open data, imported file by file. Each import is all or nothing and is recorded here with the file's "
                            + "SHA-256 fingerprint; importing the same file again changes nothing. NHSBSA dental activity is in-year management information: "
                            + "provisional until year-end reconciliation.", class: "lede"),
                    TableView.whole(
                        table, csv: ListLinks(path: PodiumRoute.aboutData.path, request: ListRequest()).csv(),
                        note: "\(model.imported) of \(model.datasets.count) datasets imported. "),
                ])
        }

        static func catalogue(_ rows: [SourceNote]) -> Table<SourceNote> {
            Table(
                id: "datasets", caption: "Datasets",
                columns: [
                    Column("dataset", "Dataset") { .text($0.dataset.rawValue) },
                    Column("title", "Title") { .text($0.dataset.title) },
                    Column("publisher", "Publisher") { .text($0.dataset.publisher) },
                    Column("coverage", "Coverage") { .text($0.dataset.coverage) },
                    Column("status", "Status") { .text($0.dataset.isProvisional ? "Provisional" : "Published") },
                    Column("file", "File imported") { .text($0.record?.fileName ?? "not imported") },
                    Column("rows", "Rows", numeric: true) { .count($0.record?.rowCount) },
                    Column("imported_at", "Imported") { note in
                        Cell(
                            text: note.record.map { DateText.timestamp($0.importedAt) } ?? "",
                            csv: note.record.map { ImportStore.timestamp.format($0.importedAt) } ?? "")
                    },
                    Column("seconds", "Import time", note: "seconds", numeric: true) { note in
                        guard let record = note.record else { return .count(nil) }
                        return Cell(
                            text: String(format: "%.2f", Double(record.durationMilliseconds) / 1000),
                            sort: .number(Int64(record.durationMilliseconds)))
                    },
                    Column("sha256", "SHA-256") { .text($0.record?.sha256) },
                    Column("licence", "Licence") { .text($0.dataset.licence) },
                ], rows: rows, footer: nil)
        }
    }
}
