import Vapor

/// The API's error codes (`{"error":{"code":…}}`): stable strings clients may switch on, so a typo cannot make a new
/// one. The raw values are the codes as published; never change one.
enum APIErrorCode: String, Sendable, CaseIterable, Codable {
    case invalidParameter = "invalid_parameter"
    case invalidChange = "invalid_change"
    case icbNotFound = "icb_not_found"
    case contractNotFound = "contract_not_found"
    case pharmacyNotFound = "pharmacy_not_found"
    case financialYearNotFound = "financial_year_not_found"
    case financialYearNotCovered = "financial_year_not_covered"
    case warningNotFound = "warning_not_found"
    case recordNotFound = "record_not_found"
    case templateNotFound = "template_not_found"
    case variationNotFound = "variation_not_found"
    case applicationNotFound = "application_not_found"
    case userNotFound = "user_not_found"
    case tokenNotFound = "token_not_found"
    case siteNotFound = "site_not_found"
    case postcodeNotFound = "postcode_not_found"
    case fileMissing = "file_missing"
    case cannotRemoveSelf = "cannot_remove_self"
    case pdfUnavailable = "pdf_unavailable"
    case signInRequired = "sign_in_required"
    case forbidden = "forbidden"
    case tooManyAttempts = "too_many_attempts"
    case tooLarge = "too_large"
    case busy = "busy"
    /// A route that does not exist (answered by Vapor's router).
    case notFound = "not_found"
    case internalError = "internal_error"
}

/// Errors a request can end in, with a stable code for the API.
enum WebError: Error, AbortError {
    case notFound(APIErrorCode, String)
    case badRequest(APIErrorCode, String)
    /// The server lacks something optional the request needs (Chromium for a PDF).
    case unavailable(APIErrorCode, String)
    /// Nobody is signed in, or the credential presented is not valid.
    case unauthorized(message: String)
    /// Signed in, but the account's role or ICBs do not allow this.
    case forbidden(message: String)
    /// Too many failed sign-ins, or one person's share of expensive work used up: try again after this many seconds.
    case tooManyRequests(message: String, retryAfter: Int64)
    /// The server's share of expensive work is used up (``WorkLimiter``): try again after this many seconds.
    case busy(message: String, retryAfter: Int64)
    /// A body larger than the route takes (a form of more than a few kilobytes).
    case payloadTooLarge(limit: Int)

    var status: HTTPResponseStatus {
        switch self {
        case .notFound: .notFound
        case .badRequest: .badRequest
        case .unavailable, .busy: .serviceUnavailable
        case .unauthorized: .unauthorized
        case .forbidden: .forbidden
        case .tooManyRequests: .tooManyRequests
        case .payloadTooLarge: .payloadTooLarge
        }
    }

    var code: APIErrorCode {
        switch self {
        case .notFound(let code, _), .badRequest(let code, _), .unavailable(let code, _): code
        case .unauthorized: .signInRequired
        case .forbidden: .forbidden
        case .tooManyRequests: .tooManyAttempts
        case .payloadTooLarge: .tooLarge
        case .busy: .busy
        }
    }

    var reason: String {
        switch self {
        case .notFound(_, let message), .badRequest(_, let message), .unavailable(_, let message),
            .unauthorized(let message),
            .forbidden(let message), .tooManyRequests(let message, _), .busy(let message, _):
            message
        case .payloadTooLarge(let limit):
            "This form is larger than Podium takes (\(limit / 1024) KB); a file goes through the upload form."
        }
    }

    var headers: HTTPHeaders {
        switch self {
        case .unauthorized: ["WWW-Authenticate": "Bearer realm=\"podium\""]
        case .tooManyRequests(_, let seconds), .busy(_, let seconds): ["Retry-After": String(seconds)]
        default: [:]
        }
    }

    /// A query parameter that cannot be read (400, `invalid_parameter`).
    static func invalid(_ message: String) -> WebError { .badRequest(.invalidParameter, message) }
}
