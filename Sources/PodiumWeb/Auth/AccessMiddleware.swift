import Foundation
import PodiumCore
import PodiumData
import Vapor

/// The one place every request's access is decided (issue 10): who is asking (session cookie or API token), whether
/// a form really came from Podium (CSRF), and whether their grant allows what the route does to the ICB it concerns.
/// Handlers never check scope themselves; pages comparing ICBs read ``Request/scope``, which is the same policy.
struct AccessMiddleware: AsyncMiddleware {
    let settings: AuthSettings

    /// The largest body any route accepts (a CSV upload); unsafe requests are read here to find their CSRF token.
    static let maximumBody = 20 * 1024 * 1024

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // No route: Vapor answers 404 with nothing from the database.
        guard let route = request.route else { return try await next.respond(to: request) }
        let rule = RouteAccess.of(route)
        if rule == .open { return try await next.respond(to: request) }

        guard let viewer = try await Self.authenticate(request) else {
            if case .read(_, openData: true) = rule, settings.publicOpenData { return try await next.respond(to: request) }
            return try signInRequired(request)
        }
        request.viewer = viewer
        if !(request.method == .GET || request.method == .HEAD), case .session(_, let csrfToken) = viewer.credential {
            try await CSRF.check(request, expected: csrfToken)
        }
        try await authorise(rule, grant: viewer.user.grant, request: request)
        return try await next.respond(to: request)
    }

    /// The session cookie's user, or the bearer token's; `nil` when neither is presented or valid.
    static func authenticate(_ request: Request) async throws -> Viewer? {
        let store = UserStore(database: request.db)
        let now = request.clock.iso
        if let bearer = request.headers.bearerAuthorization?.token {
            guard let user = try await store.tokenUser(tokenHash: Secret.hash(bearer), now: now) else {
                throw WebError.unauthorized(message: "The API token is not valid: it may have been revoked. Create a new one on your account page.")
            }
            return Viewer(user: user, credential: .apiToken)
        }
        guard let token = SessionCookie.value(in: request) else { return nil }
        let hash = Secret.hash(token)
        guard let session = try await store.session(tokenHash: hash, now: now) else { return nil }
        return Viewer(user: session.user, credential: .session(tokenHash: hash, csrfToken: session.csrfToken))
    }

    private func authorise(_ rule: RouteAccess, grant: Grant, request: Request) async throws {
        let allowed: Bool
        switch rule {
        case .open, .signedIn:
            allowed = true
        case .administer:
            allowed = AccessPolicy.allows(grant, .administer, icb: nil)
        case .read(let subject, _):
            allowed = try await Self.allows(grant, .read, subject, request)
        case .edit(let subject):
            let template = request.parameters.get("template").flatMap(RecordTemplate.named)
            allowed = try await Self.allows(grant, .edit(isFinance: template?.isFinance ?? false), subject, request)
        }
        guard allowed else {
            throw WebError.forbidden(message: "Your account (\(grant.role.label)) cannot \(rule.isEdit ? "change" : "see") this. Ask an administrator if you need it.")
        }
    }

    /// Resolves the ICB the subject belongs to and asks the policy. Something that does not exist is a 404 here, so
    /// no handler is reached for it; something without a known ICB is readable only by those who read every ICB.
    private static func allows(_ grant: Grant, _ action: Action, _ subject: RouteAccess.Subject, _ request: Request) async throws -> Bool {
        switch subject {
        case .icbs:
            return AccessPolicy.allows(grant, action, icb: nil)
        case .icb(let name):
            return AccessPolicy.allows(grant, action, icb: try request.code(name, as: ICBCode.self, notFound: "icb_not_found"))
        case .contract(let name):
            let contract = try request.code(name, as: ContractNumber.self, notFound: "contract_not_found")
            guard let icb = try await DentalStore(database: request.db).commissioner(of: contract) else {
                throw WebError.notFound(code: "contract_not_found", message: "No dental contract \(contract) in the imported activity data.")
            }
            return AccessPolicy.allows(grant, action, icb: icb)
        case .pharmacy(let name):
            let pharmacy = try request.code(name, as: PharmacyCode.self, notFound: "pharmacy_not_found")
            let owner = try await OrganisationStore(database: request.db).icb(ofPharmacy: pharmacy)
            guard owner.found else {
                throw WebError.notFound(code: "pharmacy_not_found", message: "No pharmacy \(pharmacy) in the imported ODS data.")
            }
            guard let icb = owner.icb else {
                // A pharmacy ODS places in no ICB belongs to nobody's scope: England-wide readers read it, the administrator edits it.
                return grant.role == .administrator || (action == .read && AccessPolicy.readable(by: grant) == .every)
            }
            return AccessPolicy.allows(grant, action, icb: icb)
        }
    }

    /// Pages send the browser to sign in and come back; the API and forms answer 401.
    private func signInRequired(_ request: Request) throws -> Response {
        let isPage = (request.method == .GET || request.method == .HEAD) && !request.url.path.hasPrefix("/api/")
        guard isPage else {
            throw WebError.unauthorized(message: "Sign in first: send a session cookie from /sign-in, or an API token as \"Authorization: Bearer …\".")
        }
        let back = request.url.string
        return request.redirect(to: ListLinks.href(PodiumRoute.signIn.path, [URLQueryItem(name: "next", value: back)]), redirectType: .normal)
    }
}

extension RouteAccess {
    var isEdit: Bool {
        if case .edit = self { return true }
        return false
    }
}

/// Cross-site request forgery: an unsafe request made with a session cookie must carry the session's token, which
/// only Podium's own pages know (the synchronizer-token pattern), and must not come from another origin.
enum CSRF {
    static let field = "_csrf"
    static let header = "X-CSRF-Token"

    static func check(_ request: Request, expected: String) async throws {
        if let origin = request.headers.first(name: .origin), !sameOrigin(origin, host: request.headers.first(name: .host)) {
            throw WebError.forbidden(message: "This request came from another site (\(origin)), so it was refused.")
        }
        if request.headers.first(name: "Sec-Fetch-Site") == "cross-site" {
            throw WebError.forbidden(message: "This request came from another site, so it was refused.")
        }
        var sent = request.headers.first(name: header)
        if sent == nil {
            _ = try await request.body.collect(max: AccessMiddleware.maximumBody).get()
            sent = try? request.content.get(String.self, at: field)
        }
        guard let sent, Secret.matches(sent, expected) else {
            throw WebError.forbidden(message: "This form has expired or did not come from Podium. Go back, reload the page and try again.")
        }
    }

    /// Whether an `Origin` header names the host the request was sent to (any scheme: TLS may end at a proxy).
    static func sameOrigin(_ origin: String, host: String?) -> Bool {
        guard let host, let components = URLComponents(string: origin), let originHost = components.host else { return false }
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
            maxAge: token == nil ? 0 : settings.sessionHours * 3600, path: "/", isSecure: settings.secureCookies, isHTTPOnly: true,
            sameSite: .lax)
        cookie.domain = nil
        response.cookies[name(secure: settings.secureCookies)] = cookie
    }
}

