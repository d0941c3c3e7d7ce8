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

    /// A CSV download: `text/csv; charset=utf-8`, with a file name.
    static func csv(_ text: String, fileName: String) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(safeFileName(fileName))\"")
        return Response(status: .ok, headers: headers, body: .init(string: text))
    }

    /// A CSV of the table the request names (`?format=csv&table=id`, the first by default), or `nil` for the page.
    static func tableCSV(_ parameters: ListParameters, name: String, _ tables: [(String, () -> String)]) throws -> Response? {
        guard parameters.wantsCSV else { return nil }
        let wanted = parameters.table ?? tables[0].0
        guard let table = tables.first(where: { $0.0 == wanted }) else {
            throw WebError.badRequest(code: "invalid_parameter", message: "table must be one of \(tables.map(\.0).joined(separator: ", ")).")
        }
        return csv(table.1(), fileName: "\(name)-\(wanted).csv")
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

    /// "2023-24" for file names.
    static func slug(_ year: FinancialYear?) -> String {
        year.map { "\($0.startYear)-\(String(format: "%02d", ($0.startYear + 1) % 100))" } ?? "no-year"
    }
}

extension Request {
    /// A validated identifier from the path, or 404: a malformed code names nothing that could exist.
    func code<Kind>(_ name: String, as type: Code<Kind>.Type = Code<Kind>.self, notFound: String) throws -> Code<Kind> {
        let raw = parameters.get(name) ?? ""
        guard let code = Code<Kind>(raw) else {
            throw WebError.notFound(code: notFound, message: "\"\(raw)\" is not a valid \(Kind.name) (\(Kind.format)).")
        }
        return code
    }
}
