import Foundation
import PodiumCore
import Vapor

/// The list parameters of a request: `q`, `sort`, `dir`, `page`, `per_page`, and `format=csv`.
struct ListParameters: Content {
    var q: String?
    var sort: String?
    var dir: String?
    var page: Int?
    var perPage: Int?
    var format: String?
    /// Which table of a page a CSV is for, when a page has several.
    var table: String?
    /// Financial year, as `2023/24` or `2023`.
    var year: String?

    enum CodingKeys: String, CodingKey {
        case q, sort, dir, page, format, table, year
        case perPage = "per_page"
    }

    /// Reads the query string; a malformed number is a 400 with the parameter named.
    static func from(_ req: Request) throws -> ListParameters {
        do {
            return try req.query.decode(ListParameters.self)
        } catch {
            throw WebError.badRequest(code: "invalid_parameter", message: "A query parameter is not valid: page and per_page must be whole numbers.")
        }
    }

    var wantsCSV: Bool { format?.lowercased() == "csv" }
    var wantsXLSX: Bool { format?.lowercased() == "xlsx" }

    /// The request for a page: an unknown sort column is ignored, so a stale bookmark still opens (the API
    /// rejects it instead).
    func pageRequest<Row>(for table: Table<Row>) throws -> ListRequest {
        var request = try listRequest()
        if let sort = request.sort, !table.isSortKey(sort) { request.sort = nil }
        return request
    }

    func listRequest(defaultSort: String? = nil) throws -> ListRequest {
        if let dir, !["asc", "desc"].contains(dir) {
            throw WebError.badRequest(code: "invalid_parameter", message: "dir must be asc or desc.")
        }
        return ListRequest(
            search: q ?? "", sort: sort ?? defaultSort, descending: dir == "desc", page: page ?? 1,
            perPage: perPage ?? ListRequest.defaultPerPage)
    }
}

/// Builds the links of a list page (sort, page, CSV) keeping the other parameters.
struct ListLinks: Sendable {
    var path: String
    var request: ListRequest
    /// Parameters to keep that are not list parameters (`year`).
    var extra: [URLQueryItem] = []

    private func url(_ items: [URLQueryItem]) -> String {
        var components = URLComponents()
        components.path = path
        let all = (extra + items).filter { !($0.value ?? "").isEmpty }
        components.queryItems = all.isEmpty ? nil : all
        return components.string ?? path
    }

    private var searchItems: [URLQueryItem] { request.search.isEmpty ? [] : [URLQueryItem(name: "q", value: request.search)] }
    private var sortItems: [URLQueryItem] {
        guard let sort = request.sort else { return [] }
        return [URLQueryItem(name: "sort", value: sort), URLQueryItem(name: "dir", value: request.descending ? "desc" : "asc")]
    }
    private var sizeItems: [URLQueryItem] {
        request.perPage == ListRequest.defaultPerPage ? [] : [URLQueryItem(name: "per_page", value: String(request.perPage))]
    }

    func page(_ number: Int) -> String {
        url(searchItems + sortItems + sizeItems + (number == 1 ? [] : [URLQueryItem(name: "page", value: String(number))]))
    }

    /// Sorting by `key`: ascending first, descending when already ascending on it.
    func sort(_ key: String) -> String {
        let descending = request.sort == key && !request.descending
        return url(searchItems + [URLQueryItem(name: "sort", value: key), URLQueryItem(name: "dir", value: descending ? "desc" : "asc")] + sizeItems)
    }

    /// Query items for the parameters that have a value (a choice left blank is not kept in links).
    static func items(_ parameters: [(name: String, value: String?)]) -> [URLQueryItem] {
        parameters.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) } }
    }

    /// `path` with `items` as its query string (empty values left out).
    static func href(_ path: String, _ items: [URLQueryItem]) -> String { ListLinks(path: path, request: ListRequest(), extra: items).url([]) }

    func csv(table: String? = nil) -> String {
        url(searchItems + sortItems + [URLQueryItem(name: "format", value: "csv")] + (table.map { [URLQueryItem(name: "table", value: $0)] } ?? []))
    }

    /// Hidden fields that keep sort and size when the filter form is submitted.
    var hiddenFields: [(String, String)] {
        (extra + sortItems + sizeItems).compactMap { item in item.value.map { (item.name, $0) } }
    }
}
