import PodiumCore
import Vapor

extension CalendarDate {
    /// Days since 30 December 1899, the day spreadsheets count from (ECMA-376 Part 1 §18.17.4.1, 1900 date system,
    /// which keeps Lotus 1-2-3's phantom 29 February 1900, so later dates line up with this epoch).
    var spreadsheetSerial: Int { dayNumber + 25_569 }
}

extension Responses {
    /// An XLSX download with a file name.
    static func xlsx(_ workbook: Workbook, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.replaceOrAdd(name: .contentType, value: Workbook.contentType)
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safeFileName(fileName))\"")
        return Response(status: .ok, headers: headers, body: .init(data: Data(workbook.bytes())))
    }
}
