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
            throw WebError.badRequest(
                .invalidParameter, "A query parameter is not valid: page and per_page must be whole numbers.")
        }
    }

    var wantsCSV: Bool { format?.lowercased() == "csv" }
    var wantsXLSX: Bool { format?.lowercased() == "xlsx" }

    func listRequest(defaultSort: String? = nil) throws -> ListRequest {
        if let dir, !["asc", "desc"].contains(dir) {
            throw WebError.badRequest(.invalidParameter, "dir must be asc or desc.")
        }
        return ListRequest(
            search: q ?? "", sort: sort ?? defaultSort, descending: dir == "desc", page: page ?? 1,
            perPage: perPage ?? ListRequest.defaultPerPage)
    }
}
