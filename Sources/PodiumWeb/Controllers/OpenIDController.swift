import Foundation
import PodiumData
import Vapor

/// Signing in through the ICB's OpenID Connect provider: the authorization code flow with PKCE, `state` and `nonce`
/// (``OpenIDProvider``). A person is matched by the verified email the provider gives to an account an administrator
/// made; their role and ICBs stay Podium's. Without `PODIUM_OIDC_ISSUER` both routes answer 404.
struct OpenIDController: RouteCollection {
    let settings: AuthSettings
    let provider: OpenIDProvider?

    /// Binds a sign-in to the browser that started it: without it, someone could send a victim a return link holding
    /// the attacker's own code and sign the victim in as the attacker.
    static let browserCookie = "podium_oidc"
    /// How long a sign-in may take at the provider.
    static let lifetime: TimeInterval = 600

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.openIDSignInTemplate.components, use: start).access(.open)
        routes.get(PodiumRoute.openIDCallbackTemplate.components, use: callback).access(.open)
    }

    @Sendable func start(req: Request) async throws -> Response {
        guard let provider else { throw Self.notConfigured }
        let next = AccountController.safeNext(req.query[String.self, at: "next"])
        let state = Secret.make()
        let nonce = Secret.make()
        let verifier = Secret.make()  // 43 characters of base64url: RFC 7636's 256 bits
        let browser = Secret.make()
        let destination: String
        do {
            destination = try await provider.authorizationURL(
                req.client, state: state, nonce: nonce, codeVerifier: verifier)
        } catch let refusal as OpenIDProvider.Refusal {
            req.logger.warning("OpenID sign-in could not start", metadata: ["reason": "\(refusal)"])
            return refuse(req, refusal.words, next: next, status: .badGateway)
        }
        let now = req.clock.now
        try await OpenIDSignInStore(database: req.db).begin(
            PendingOpenIDSignIn(
                stateHash: Secret.hash(state), browserHash: Secret.hash(browser), nonce: nonce, codeVerifier: verifier,
                next: next, expiresAt: WallClock.iso(now.addingTimeInterval(Self.lifetime))),
            now: WallClock.iso(now))
        let response = req.redirect(to: destination, redirectType: .normal)
        // Lax, so the browser sends it on the provider's top-level redirect back.
        response.cookies[Self.browserCookie] = HTTPCookies.Value(
            string: browser, maxAge: Int(Self.lifetime), path: PodiumRoute.openIDCallback.path,
            isSecure: settings.secureCookies, isHTTPOnly: true, sameSite: .lax)
        return response
    }

    @Sendable func callback(req: Request) async throws -> Response {
        guard let provider, let openID = settings.openID else { throw Self.notConfigured }
        let state = req.query[String.self, at: "state"] ?? ""
        // Taken, and so deleted, before anything else is looked at: a state signs in once at most, whatever follows.
        guard !state.isEmpty,
            let pending = try await OpenIDSignInStore(database: req.db).take(stateHash: Secret.hash(state))
        else {
            req.logger.notice("OpenID sign-in refused", metadata: ["reason": "unknown or used state"])
            return refuse(
                req, "This sign-in has already been used, or was not started here. Please sign in again.",
                status: .badRequest)
        }
        let now = req.clock.now
        guard pending.expiresAt > WallClock.iso(now) else {
            return refuse(req, "This sign-in took more than 10 minutes. Please sign in again.", next: pending.next)
        }
        guard let browser = req.cookies[Self.browserCookie]?.string,
            Secret.matches(Secret.hash(browser), pending.browserHash)
        else {
            req.logger.notice("OpenID sign-in refused", metadata: ["reason": "another browser"])
            return refuse(
                req, "This sign-in was started in another browser. Please sign in again from this one.",
                next: pending.next)
        }
        do {
            if let error = req.query[String.self, at: "error"] { throw OpenIDProvider.Refusal.providerSaid(error) }
            guard let code = req.query[String.self, at: "code"], !code.isEmpty else {
                throw OpenIDProvider.Refusal.providerSaid("no code")
            }
            let idToken = try await provider.exchange(req.client, code: code, codeVerifier: pending.codeVerifier)
            let claims = try await provider.verifiedClaims(req.client, idToken: idToken, now: now)
            try OpenIDProvider.check(claims, settings: openID, nonce: pending.nonce, now: now)
            let email = try OpenIDProvider.verifiedEmail(claims)
            guard let user = try await UserStore(database: req.db).user(email: email)?.user else {
                req.logger.notice("OpenID sign-in refused", metadata: ["reason": "no account"])
                return refuse(
                    req,
                    "No Podium account uses \(email). An administrator adds people to Podium: ask yours to add this address.",
                    next: pending.next, status: .forbidden)
            }
            let response = try await AccountController.startSession(
                req, for: user, next: pending.next, settings: settings, how: "OpenID Connect")
            response.cookies[Self.browserCookie] = HTTPCookies.Value(
                string: "", expires: Date(timeIntervalSince1970: 0), maxAge: 0,
                path: PodiumRoute.openIDCallback.path, isSecure: settings.secureCookies, isHTTPOnly: true,
                sameSite: .lax)
            return response
        } catch let refusal as OpenIDProvider.Refusal {
            req.logger.notice("OpenID sign-in refused", metadata: ["reason": "\(refusal)"])
            return refuse(req, refusal.words, next: pending.next)
        }
    }

    /// The sign-in page again, saying why.
    private func refuse(
        _ req: Request, _ problem: String, next: String = PodiumRoute.home.path, status: HTTPStatus = .unauthorized
    ) -> Response {
        AccountController.signInForm(req, settings: settings, next: next, problem: problem, status: status)
    }

    static let notConfigured = WebError.notFound(
        .notFound, "Signing in through an identity provider is not set up here (PODIUM_OIDC_ISSUER).")
}
