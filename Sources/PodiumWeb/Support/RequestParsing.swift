import Foundation
import PodiumCore
import Vapor

extension Request {
    /// A validated identifier from the path, or 404: a malformed code names nothing that could exist.
    func code<Kind>(_ name: String, as type: Code<Kind>.Type = Code<Kind>.self, notFound: APIErrorCode) throws -> Code<
        Kind
    > {
        let raw = parameters.get(name) ?? ""
        guard let code = Code<Kind>(raw) else {
            throw WebError.notFound(notFound, "\"\(raw)\" is not a valid \(Kind.name) (\(Kind.format)).")
        }
        return code
    }

    /// The ICB named in the path (`:icb`), or 404.
    func icbCode() throws -> ICBCode { try code("icb", as: ICBCode.self, notFound: .icbNotFound) }

    /// The query string read as `T`, or a 400: the one place a malformed query becomes `invalid_parameter`.
    func queryValues<T: Decodable>(_ type: T.Type) throws -> T {
        do {
            return try query.decode(T.self)
        } catch {
            throw WebError.invalid("A query parameter is not valid.")
        }
    }

    /// A date from the query string (`YYYY-MM-DD`), or `nil` when it is not given.
    func queryDate(_ name: String) throws -> CalendarDate? {
        guard let text = try query.get(String?.self, at: name), !text.isEmpty else { return nil }
        guard let date = CalendarDate(text) else { throw WebError.invalid("\(name) must be a date, YYYY-MM-DD.") }
        return date
    }
}
