import Foundation
import PodiumCore

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

    private var searchItems: [URLQueryItem] {
        request.search.isEmpty ? [] : [URLQueryItem(name: "q", value: request.search)]
    }
    private var sortItems: [URLQueryItem] {
        guard let sort = request.sort else { return [] }
        return [
            URLQueryItem(name: "sort", value: sort),
            URLQueryItem(name: "dir", value: request.descending ? "desc" : "asc"),
        ]
    }
    private var sizeItems: [URLQueryItem] {
        request.perPage == ListRequest.defaultPerPage
            ? [] : [URLQueryItem(name: "per_page", value: String(request.perPage))]
    }

    func page(_ number: Int) -> String {
        url(
            searchItems + sortItems + sizeItems
                + (number == 1 ? [] : [URLQueryItem(name: "page", value: String(number))]))
    }

    /// Sorting by `key`: ascending first, descending when already ascending on it.
    func sort(_ key: String) -> String {
        let descending = request.sort == key && !request.descending
        return url(
            searchItems + [
                URLQueryItem(name: "sort", value: key), URLQueryItem(name: "dir", value: descending ? "desc" : "asc"),
            ] + sizeItems)
    }

    /// `path` with `items` as its query string (empty values left out).
    static func href(_ path: String, _ items: [URLQueryItem]) -> String {
        ListLinks(path: path, request: ListRequest(), extra: items).url([])
    }

    func csv(table: String? = nil) -> String {
        url(
            searchItems + sortItems + [URLQueryItem(name: "format", value: "csv")]
                + (table.map { [URLQueryItem(name: "table", value: $0)] } ?? []))
    }

    /// Hidden fields that keep sort and size when the filter form is submitted.
    var hiddenFields: [(String, String)] {
        (extra + sortItems + sizeItems).compactMap { item in item.value.map { (item.name, $0) } }
    }
}
