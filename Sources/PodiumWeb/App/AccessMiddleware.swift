import Foundation
import PodiumCore
import PodiumData
import Vapor

/// The one place every request's access is decided: who is asking (session cookie or API token), whether
/// a form really came from Podium (CSRF), and whether their grant allows what the route does to the ICB it concerns.
/// Handlers never check scope themselves; pages comparing ICBs read ``Request/scope``, which is the same policy.
struct AccessMiddleware: AsyncMiddleware {
    let settings: AuthSettings

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        // No route: Vapor answers 404 with nothing from the database.
        guard let route = request.route else { return try await next.respond(to: request) }
        let rule = RouteAccess.of(route)
        if rule == .open { return try await next.respond(to: request) }

        guard let viewer = try await Authentication.viewer(request) else {
            if case .read(_, openData: true) = rule, settings.publicOpenData {
                return try await next.respond(to: request)
            }
            return try signInRequired(request)
        }
        // An API token is for programs reading the API: never a page, a form, an account or a user.
        if viewer.credential == .apiToken,
            !((request.method == .GET || request.method == .HEAD) && request.url.path.hasPrefix("/api/v1/"))
        {
            throw WebError.forbidden(
                message:
                    "An API token reads the API (GET /api/v1/…) and nothing else. Sign in to use the pages, forms and your account."
            )
        }
        request.viewer = viewer
        // Authorised before any body is read: someone who may not post here cannot make the server read megabytes.
        try await authorise(rule, grant: viewer.user.grant, request: request)
        if !(request.method == .GET || request.method == .HEAD), case .session(_, let csrfToken) = viewer.credential {
            try await CSRF.check(request, expected: csrfToken)
        }
        return try await next.respond(to: request)
    }

    private func authorise(_ rule: RouteAccess, grant: Grant, request: Request) async throws {
        let allowed: Bool
        switch rule {
        case .open, .signedIn:
            allowed = true
        case .administer:
            allowed = AccessPolicy.allows(grant, .administer, icb: nil)
        case .read(let subject, let openData):
            // Where anyone may read the published open data, so may every signed-in person (F11: a QE1 user was
            // refused the Cornwall pages an anonymous visitor could read).
            if openData && settings.publicOpenData {
                allowed = true
            } else {
                allowed = try await Self.allows(grant, .read, subject, request)
            }
        case .edit(let subject):
            let template = request.parameters.get("template").flatMap(RecordTemplate.named)
            allowed = try await Self.allows(grant, .edit(isFinance: template?.isFinance ?? false), subject, request)
        }
        guard allowed else {
            throw WebError.forbidden(
                message:
                    "Your account (\(grant.role.label)) cannot \(rule.isEdit ? "change" : "see") this. Ask an administrator if you need it."
            )
        }
    }

    /// Resolves the ICB the subject belongs to and asks the policy. Something that does not exist is a 404 here, so
    /// no handler is reached for it; something without a known ICB is readable only by those who read every ICB.
    private static func allows(_ grant: Grant, _ action: Action, _ subject: RouteAccess.Subject, _ request: Request)
        async throws -> Bool
    {
        switch subject {
        case .icbs:
            return AccessPolicy.allows(grant, action, icb: nil)
        case .icb(let name):
            return AccessPolicy.allows(
                grant, action, icb: try request.code(name, as: ICBCode.self, notFound: .icbNotFound))
        case .contract(let name):
            let contract = try request.code(name, as: ContractNumber.self, notFound: .contractNotFound)
            let owner = try await DentalStore(database: request.db).owner(of: contract)
            guard owner.found else {
                throw WebError.notFound(
                    .contractNotFound, "No dental contract \(contract) in the imported activity data.")
            }
            guard let icb = owner.icb else {
                // A contract no ICB commissions (NHS England Health & Justice's) is in nobody's ICB scope, as above.
                return grant.role == .administrator || (action == .read && AccessPolicy.readable(by: grant) == .every)
            }
            return AccessPolicy.allows(grant, action, icb: icb)
        case .pharmacy(let name):
            let pharmacy = try request.code(name, as: PharmacyCode.self, notFound: .pharmacyNotFound)
            let owner = try await OrganisationStore(database: request.db).icb(ofPharmacy: pharmacy)
            guard owner.found else {
                throw WebError.notFound(.pharmacyNotFound, "No pharmacy \(pharmacy) in the imported ODS data.")
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
            throw WebError.unauthorized(
                message:
                    "Sign in first: send a session cookie from /sign-in, or an API token as \"Authorization: Bearer …\"."
            )
        }
        let back = request.url.string
        return request.redirect(
            to: ListLinks.href(PodiumRoute.signIn.path, [URLQueryItem(name: "next", value: back)]),
            redirectType: .normal)
    }
}

extension RouteAccess {
    var isEdit: Bool {
        if case .edit = self { return true }
        return false
    }
}
