import Foundation
import Plot
import PodiumCore
import Vapor

/// Response helpers shared by controllers.
enum Responses {
    static func html(_ document: HTML, status: HTTPResponseStatus = .ok) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "html", parameters: ["charset": "utf-8"])
        return Response(status: status, headers: headers, body: .init(string: document.render()))
    }

    /// The page, or the CSV of one of its tables when the request asks for `format=csv` (`table=id`, the first by
    /// default).
    static func page(_ view: some PageView, _ parameters: ListParameters) throws -> Response {
        guard parameters.wantsCSV else { return html(view.document()) }
        let tables = view.tables
        // A page of one table named without it downloads that table whatever `table` says, as it always has.
        if !view.namesDownloadsByTable, tables.count == 1 {
            return csv(tables[0].csv, fileName: "\(view.downloadName).csv")
        }
        let wanted = parameters.table ?? tables.first?.id ?? ""
        guard let table = tables.first(where: { $0.id == wanted }) else {
            throw WebError.invalid("table must be one of \(tables.map(\.id).joined(separator: ", ")).")
        }
        return csv(table.csv, fileName: "\(view.downloadName(of: wanted)).csv")
    }

    /// A CSV download: `text/csv; charset=utf-8`, with a file name.
    static func csv(_ text: String, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safeFileName(fileName))\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// An XLSX download with a file name.
    static func xlsx(_ workbook: Workbook, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: Workbook.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safeFileName(fileName))\"")
        return Response(status: .ok, headers: headers, body: .init(data: Data(workbook.bytes())))
    }

    /// A download's name with anything but letters, digits, "-" and "." replaced, so the header cannot be broken.
    static func safeFileName(_ name: String) -> String {
        String(name.map { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "." ? $0 : "-" })
    }

    /// A static asset from the binary, cacheable for an hour.
    static func asset(_ text: String, type: HTTPMediaType) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = type
        headers.cacheControl = HTTPHeaders.CacheControl(maxAge: 3600)
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }
}
