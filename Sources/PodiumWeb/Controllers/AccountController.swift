import Foundation
import Plot
import PodiumCore
import PodiumData
import Vapor

/// Signing in and out, changing one's password and managing one's API tokens.
struct AccountController: RouteCollection {
    let settings: AuthSettings
    var throttle = SignInThrottle.standard

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.signInTemplate.components, use: signInPage).access(.open)
        routes.post(PodiumRoute.signInTemplate.components, use: signIn).access(.open)
        routes.post(PodiumRoute.signOutTemplate.components, use: signOut).access(.signedIn)
        routes.get(PodiumRoute.accountTemplate.components, use: account).access(.signedIn)
        routes.post(PodiumRoute.accountPasswordTemplate.components, use: changePassword).access(.signedIn)
        routes.post(PodiumRoute.accountTokensTemplate.components, use: createToken).access(.signedIn)
        routes.post(PodiumRoute.revokeTokenTemplate.components, use: revokeToken).access(.signedIn)
    }

    /// The sign-in form is protected from cross-site posting by a double-submit cookie: there is no session yet to
    /// hold a CSRF token, so the form carries the value this cookie holds, which another site can neither read nor set.
    static let formCookie = "podium_sign_in"

    @Sendable func signInPage(req: Request) async throws -> Response {
        let next = Self.safeNext(req.query[String.self, at: "next"])
        if try await Authentication.viewer(req) != nil { return req.redirect(to: next, redirectType: .normal) }
        return signInForm(req, email: "", next: next, problem: nil, status: .ok)
    }

    private func signInForm(_ req: Request, email: String, next: String, problem: String?, status: HTTPStatus)
        -> Response
    {
        Self.signInForm(req, settings: settings, email: email, next: next, problem: problem, status: status)
    }

    /// The sign-in page, with its form token in a cookie; also shown when a sign-in through the provider is refused.
    static func signInForm(
        _ req: Request, settings: AuthSettings, email: String = "", next: String, problem: String?, status: HTTPStatus
    ) -> Response {
        let token = req.cookies[Self.formCookie]?.string ?? Secret.make()
        let response = Responses.html(
            AccountViews.signIn(
                email: email, next: next, formToken: token, problem: problem, openID: settings.openID,
                context: req.page),
            status: status)
        response.cookies[Self.formCookie] = HTTPCookies.Value(
            string: token, maxAge: 3600, path: PodiumRoute.signIn.path, isSecure: settings.secureCookies,
            isHTTPOnly: true, sameSite: .strict)
        return response
    }

    struct SignInForm: Content {
        var email: String?
        var password: String?
        var next: String?
        var _csrf: String?
    }

    @Sendable func signIn(req: Request) async throws -> Response {
        // The double-submit pair below is the client's to choose; the browser's word on where the form came from
        // is not, so a cross-site post (login CSRF) is refused before the pair is even read.
        try CSRF.checkOrigin(req)
        if let openID = settings.openID, openID.only {
            throw WebError.forbidden(
                message: "Passwords are switched off here: use “\(openID.label)” on the sign-in page.")
        }
        let form = (try? req.content.decode(SignInForm.self)) ?? SignInForm()
        let email = (form.email ?? "").trimmingCharacters(in: .whitespaces)
        let next = Self.safeNext(form.next)
        guard let cookie = req.cookies[Self.formCookie]?.string, Secret.matches(form._csrf ?? "", cookie) else {
            return signInForm(
                req, email: email, next: next, problem: "The sign-in form had expired. Please sign in again.",
                status: .forbidden)
        }
        let context = req.queryContext
        let account = User.normalisedEmail(email) ?? email.lowercased()
        let address = clientAddress(req)
        let now = req.clock.epochSeconds
        let failures = try await SignIn.failures(
            context, account: account, address: address, since: now - throttle.window)
        if case .wait(let seconds) = throttle.decision(
            accountFailures: failures.account, addressFailures: failures.address, now: now)
        {
            req.logger.warning("sign-in throttled", metadata: ["address": "\(address)"])
            throw WebError.tooManyRequests(
                message:
                    "Too many wrong passwords. Try again in \(Self.minutes(seconds)), or ask an administrator to reset your password.",
                retryAfter: seconds)
        }
        guard let user = try await Accounts.verify(email: email, password: form.password ?? "", on: req.db) else {
            try await SignIn.recordFailure(context, account: account, address: address, at: now)
            req.logger.notice("sign-in failed", metadata: ["address": "\(address)"])
            return signInForm(
                req, email: email, next: next, problem: "The email or password is not right.", status: .unauthorized)
        }
        try await SignIn.clearFailures(context, account: account)
        return try await Self.startSession(req, for: user, next: next, settings: settings, how: "password")
    }

    /// Starts a session for someone who has proved who they are, and sends them on.
    static func startSession(_ req: Request, for user: User, next: String, settings: AuthSettings, how: String)
        async throws -> Response
    {
        let token = try await BrowserSessions.start(
            for: user, hours: settings.sessionHours, on: req.db, clock: req.clock
        ).token
        req.logger.notice("signed in", metadata: ["user": "\(user.id)", "with": "\(how)"])
        let response = req.redirect(to: next, redirectType: .normal)
        SessionCookie.set(token, on: response, settings: settings)
        return response
    }

    @Sendable func signOut(req: Request) async throws -> Response {
        if case .session(let hash, _) = req.viewer?.credential {
            try await AccountShow.signOut(req.queryContext, session: hash)
        }
        let response = req.redirect(to: PodiumRoute.signIn.path, redirectType: .normal)
        SessionCookie.set(nil, on: response, settings: settings)
        return response
    }

    @Sendable func account(req: Request) async throws -> Response {
        try await accountPage(req, notice: .empty)
    }

    private func accountPage(_ req: Request, notice: Node<HTML.BodyContext>, status: HTTPStatus = .ok) async throws
        -> Response
    {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        let model = try await AccountShow.Model.query(req.queryContext, user: user)
        if try ListParameters.from(req).wantsCSV {
            return Responses.csv(AccountViews.tokensTable(model.tokens).csv(ListRequest()), fileName: "api-tokens.csv")
        }
        return Responses.html(AccountViews.account(model, notice: notice, context: req.page), status: status)
    }

    struct PasswordForm: Content {
        var current: String?
        var new: String?
        var confirm: String?
    }

    @Sendable func changePassword(req: Request) async throws -> Response {
        guard let viewer = req.viewer else { throw WebError.unauthorized(message: "Sign in first.") }
        let form = (try? req.content.decode(PasswordForm.self)) ?? PasswordForm()
        let new = form.new ?? ""
        let problems = try await AccountShow.passwordProblems(
            req.queryContext, user: viewer.user, current: form.current ?? "", new: new, confirm: form.confirm)
        guard problems.isEmpty else {
            return try await accountPage(
                req,
                notice: AccountViews.notice(
                    "Your password was not changed. " + problems.joined(separator: " "), kind: "error"),
                status: .unprocessableEntity)
        }
        let session: String? = if case .session(let hash, _) = viewer.credential { hash } else { nil }
        try await AccountShow.changePassword(
            req.queryContext, user: viewer.user, to: new, keeping: session, now: req.clock.iso)
        req.logger.notice("password changed", metadata: ["user": "\(viewer.user.id)"])
        return try await accountPage(
            req,
            notice: AccountViews.notice(
                "Your password is changed; any other sessions of yours are signed out.", kind: "success"))
    }

    @Sendable func createToken(req: Request) async throws -> Response {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        let label = (try? req.content.get(String.self, at: "label")) ?? ""
        // The form offers the choices in ``APITokens/lifetimes``; anything else is the shortest.
        let asked = (try? req.content.get(String.self, at: "expires")) ?? ""
        let days =
            asked == "never"
            ? nil : APITokens.lifetimes.compactMap(\.days).first { String($0) == asked } ?? APITokens.lifetimes[0].days
        let token: String
        do {
            token = try await APITokens.make(for: user, label: label, days: days, on: req.db, clock: req.clock)
        } catch UserStore.Failure.invalidName {
            return try await accountPage(
                req, notice: AccountViews.notice("Say what the token is for (1 to 200 characters).", kind: "error"),
                status: .unprocessableEntity)
        }
        req.logger.notice("API token made", metadata: ["user": "\(user.id)"])
        return try await accountPage(
            req, notice: AccountViews.secretNotice("Your new API token for “\(label)”:", secret: token))
    }

    @Sendable func revokeToken(req: Request) async throws -> Response {
        guard let user = req.viewer?.user else { throw WebError.unauthorized(message: "Sign in first.") }
        try await AccountShow.revokeToken(req.queryContext, id: req.parameters.get("token") ?? "", of: user)
        return req.redirect(to: PodiumRoute.account.path, redirectType: .normal)
    }

    /// Where to go after signing in: a path on this site only, never another site (an open redirect).
    static func safeNext(_ text: String?) -> String {
        // Only a path of this site: visible ASCII with no backslash (browsers drop tabs and other controls and read
        // `/\t/host` as `//host`), not protocol-relative, and parsed as a path with no scheme or host.
        guard let text, text.hasPrefix("/"), !text.hasPrefix("//"),
            text.unicodeScalars.allSatisfy({ $0.value > 0x20 && $0.value < 0x7F && $0 != "\\" }),
            let parsed = URLComponents(string: text), parsed.scheme == nil, parsed.host == nil,
            parsed.path.hasPrefix("/"), !parsed.path.hasPrefix("//"),
            text != PodiumRoute.signIn.path, !text.hasPrefix(PodiumRoute.signIn.path + "?")
        else { return PodiumRoute.home.path }
        return text
    }

    /// The caller's address for rate limiting: the connection's, or the load balancer's last `X-Forwarded-For` entry.
    private func clientAddress(_ req: Request) -> String {
        if settings.trustForwardedFor,
            let forwarded = req.headers.first(name: .xForwardedFor)?.split(separator: ",").last
        {
            return forwarded.trimmingCharacters(in: .whitespaces)
        }
        return req.remoteAddress?.ipAddress ?? "unknown"
    }

    static func minutes(_ seconds: Int64) -> String {
        let minutes = (seconds + 59) / 60
        return minutes == 1 ? "1 minute" : "\(minutes) minutes"
    }
}
