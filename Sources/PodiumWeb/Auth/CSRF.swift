import Foundation
import Vapor

/// Cross-site request forgery: an unsafe request made with a session cookie must carry the session's token, which
/// only Podium's own pages know (the synchronizer-token pattern), and must not come from another origin.
enum CSRF {
    static let field = "_csrf"
    static let header = "X-CSRF-Token"
    /// The largest body any route accepts (a CSV upload, multipart); unsafe requests are read here to find their
    /// CSRF token.
    static let maximumBody = 20 * 1024 * 1024
    /// The largest ordinary form: the longest record form is a few kilobytes, so 64 KB leaves room and no more.
    static let maximumForm = 64 * 1024

    /// What a request's body may be: an upload's size for multipart, a form's otherwise.
    static func bodyLimit(_ request: Request) -> Int {
        request.headers.contentType?.type == "multipart" ? maximumBody : maximumForm
    }

    static func check(_ request: Request, expected: String) async throws {
        try checkOrigin(request)
        var sent = request.headers.first(name: header)
        if sent == nil {
            let limit = bodyLimit(request)
            // Said up front, or already in hand: refused before a decoder walks a million fields.
            let declared = request.headers.first(name: .contentLength).flatMap(Int.init) ?? 0
            guard declared <= limit, (request.body.data?.readableBytes ?? 0) <= limit else {
                throw WebError.payloadTooLarge(limit: limit)
            }
            _ = try await request.body.collect(max: limit).get()
            sent = try? request.content.get(String.self, at: field)
        }
        guard let sent, Secret.matches(sent, expected) else {
            throw WebError.forbidden(
                message: "This form has expired or did not come from Podium. Go back, reload the page and try again.")
        }
    }

    /// Refuses a request a browser says came from another site: its `Origin` names another host, or
    /// `Sec-Fetch-Site` says cross-site. (A request without either, from a script, is judged by its token alone.)
    static func checkOrigin(_ request: Request) throws {
        if let origin = request.headers.first(name: .origin),
            !sameOrigin(origin, host: request.headers.first(name: .host))
        {
            throw WebError.forbidden(message: "This request came from another site (\(origin)), so it was refused.")
        }
        if request.headers.first(name: "Sec-Fetch-Site") == "cross-site" {
            throw WebError.forbidden(message: "This request came from another site, so it was refused.")
        }
    }

    /// Whether an `Origin` header names the host the request was sent to (any scheme: TLS may end at a proxy).
    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let components = URLComponents(string: origin), let originHost = components.host else {
            return false
        }
        let originAuthority = originHost + (components.port.map { ":\($0)" } ?? "")
        return originAuthority.lowercased() == host.lowercased()
    }
}

/// The session cookie: `__Host-podium_session` over HTTPS (the prefix makes browsers refuse it from a subdomain or
/// without Secure), `podium_session` on plain-http loopback.
enum SessionCookie {
    static func name(secure: Bool) -> String { secure ? "__Host-podium_session" : "podium_session" }

    static func value(in request: Request) -> String? {
        request.cookies[name(secure: request.application.authSettings.secureCookies)]?.string
    }

    static func set(_ token: String?, on response: Response, settings: AuthSettings) {
        var cookie = HTTPCookies.Value(
            string: token ?? "", expires: token == nil ? Date(timeIntervalSince1970: 0) : nil,
            maxAge: token == nil ? 0 : settings.sessionHours * 3600, path: "/", isSecure: settings.secureCookies,
            isHTTPOnly: true,
            sameSite: .lax)
        cookie.domain = nil
        response.cookies[name(secure: settings.secureCookies)] = cookie
    }
}
