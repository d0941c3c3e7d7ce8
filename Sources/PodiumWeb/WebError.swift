import Vapor

/// Errors a request can end in, with a stable code for the API (`{"error":{"code":…,"message":…}}`).
enum WebError: Error, AbortError {
    case notFound(code: String, message: String)
    case badRequest(code: String, message: String)
    /// The server lacks something optional the request needs (Chromium for a PDF).
    case unavailable(code: String, message: String)
    /// Nobody is signed in, or the credential presented is not valid.
    case unauthorized(message: String)
    /// Signed in, but the account's role or ICBs do not allow this.
    case forbidden(message: String)
    /// Too many failed sign-ins: try again after this many seconds.
    case tooManyRequests(message: String, retryAfter: Int64)

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unavailable: .serviceUnavailable
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .tooManyRequests: .tooManyRequests
        }
    }

    var code: String {
        switch self {
        case .notFound(let code, _), .badRequest(let code, _), .unavailable(let code, _): code
        case .unauthorized: "sign_in_required"
        case .forbidden: "forbidden"
        case .tooManyRequests: "too_many_attempts"
        }
    }

    var reason: String {
        switch self {
        case .notFound(_, let message), .badRequest(_, let message), .unavailable(_, let message), .unauthorized(let message),
             .forbidden(let message), .tooManyRequests(let message, _): message
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .unauthorized: ["WWW-Authenticate": "Bearer realm=\"podium\""]
        case .tooManyRequests(_, let seconds): ["Retry-After": String(seconds)]
        default: [:]
        }
    }
}
