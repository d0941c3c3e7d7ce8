import Vapor

/// Turns every error into a clear answer: an HTML error page, or `{"error":{"code","message"}}` under `/api/`.
/// Unexpected errors are logged with the request id and shown as a generic 500, never with internals.
struct PodiumErrorMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        do {
            return try await next.respond(to: request)
        } catch {
            return response(for: error, request: request)
        }
    }

    private func response(for error: any Error, request: Request) -> Response {
        let (status, code, message) = describe(error)
        let extra = (error as? WebError)?.headers ?? [:]
        let busy: Bool = if case .busy = error as? WebError { true } else { false }
        if busy {
            // Refusing work when busy is the server doing its job; under load there are thousands.
            request.logger.debug("refused: busy", metadata: ["path": "\(request.url.path)"])
        } else if status.code >= 500 {
            request.logger.error(
                "request failed", metadata: ["error": "\(String(reflecting: error))", "path": "\(request.url.path)"])
        }
        if request.url.path.hasPrefix("/api/") {
            let body = API.ErrorDTO(error: .init(code: code, message: message))
            var headers = HTTPHeaders()
            headers.contentType = .json
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
            let data =
                (try? encoder.encode(body))
                ?? Data("{\"error\":{\"code\":\"internal_error\",\"message\":\"error\"}}".utf8)
            headers.add(contentsOf: extra)
            return Response(status: status, headers: headers, body: .init(data: data))
        }
        let title =
            switch status {
            case .notFound: "Page not found"
            case .unauthorized: "Sign in first"
            case .forbidden: "Not available to your account"
            case .tooManyRequests: "Please wait, then try again"
            case .serviceUnavailable where busy: "Busy: please try again shortly"
            default: status.code >= 500 ? "Something went wrong" : "This request cannot be answered"
            }
        let response = Responses.html(
            ErrorPage.render(status: Int(status.code), title: title, message: message, context: request.page),
            status: status)
        response.headers.add(contentsOf: extra)
        return response
    }

    private func describe(_ error: any Error) -> (HTTPResponseStatus, String, String) {
        switch error {
        case let error as WebError:
            return (error.status, error.code.rawValue, error.reason)
        case let abort as any AbortError:
            let status = abort.status
            let code =
                status == .notFound
                ? APIErrorCode.notFound.rawValue
                : status.reasonPhrase.lowercased().replacingOccurrences(of: " ", with: "_")
            let message = status == .notFound ? "There is no page at this address." : abort.reason
            return (status, code, message)
        default:
            return (
                .internalServerError, APIErrorCode.internalError.rawValue,
                "The server could not complete the request. It has been logged; please try again or contact the administrator."
            )
        }
    }
}

/// Headers that keep pages safe even if something slipped through escaping: no scripts run, no framing.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    /// HSTS goes with secure cookies: an installation that sets them is served over HTTPS.
    var strictTransportSecurity = false

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let nonce = Request.makeNonce()
        request.styleNonce = nonce
        let response = try await next.respond(to: request)
        response.headers.replaceOrAdd(
            name: "Content-Security-Policy",
            value:
                "default-src 'self'; style-src 'self' 'nonce-\(nonce)'; script-src 'none'; object-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'"
        )
        response.headers.replaceOrAdd(name: "X-Content-Type-Options", value: "nosniff")
        response.headers.replaceOrAdd(name: "Referrer-Policy", value: "same-origin")
        // What a signed-in person reads (a new API token on /account, an ICB's records) is kept by no cache; the
        // stylesheet and icon say how long they keep.
        if response.headers.first(name: .cacheControl) == nil {
            response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        }
        if strictTransportSecurity {
            response.headers.replaceOrAdd(name: .strictTransportSecurity, value: "max-age=31536000")
        }
        return response
    }
}
