import Vapor

/// Errors a request can end in, with a stable code for the API (`{"error":{"code":…,"message":…}}`).
enum WebError: Error, AbortError {
    case notFound(code: String, message: String)
    case badRequest(code: String, message: String)
    /// The server lacks something optional the request needs (Chromium for a PDF).
    case unavailable(code: String, message: String)

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        }
    }

    var code: String {
        switch self {
        case .notFound(let code, _), .badRequest(let code, _), .unavailable(let code, _): code
        }
    }

    var reason: String {
        switch self {
        case .notFound(_, let message), .badRequest(_, let message), .unavailable(_, let message): message
        }
    }
}
