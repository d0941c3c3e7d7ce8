import Plot
import PodiumCore

/// A table of a page, whatever its rows, for downloading: `?format=csv&table=id`.
struct AnyTable: Sendable {
    let id: String
    private let text: @Sendable (ListRequest) -> String

    /// - Parameter request: the listing's filter and order, for the page's main table (its CSV is what the reader sees,
    ///   every page of it); other tables download whole.
    init<Row>(_ table: Table<Row>, request: ListRequest = ListRequest()) {
        id = table.id
        text = { _ in table.csv(request) }
    }

    /// A download whose CSV is not a table's rows as shown (a records table in its template's own columns).
    init(id: String, csv: @escaping @Sendable () -> String) {
        self.id = id
        text = { _ in csv() }
    }

    var csv: String { text(ListRequest()) }
}

/// A page as a controller serves it: its HTML, and each of its tables as CSV.
protocol PageView {
    /// The file name of downloads, without the table or extension: `QT6-dental-position-2023-24`.
    var downloadName: String { get }
    /// Every table on the page, the default download first.
    var tables: [AnyTable] { get }
    /// Whether a download's name ends with its table's id; by default only when the page has several tables.
    var namesDownloadsByTable: Bool { get }
    /// The file name of a table's download, without the extension.
    func downloadName(of table: String) -> String
    func document() -> HTML
}

extension PageView {
    var namesDownloadsByTable: Bool { tables.count > 1 }
    func downloadName(of table: String) -> String { namesDownloadsByTable ? "\(downloadName)-\(table)" : downloadName }
}
