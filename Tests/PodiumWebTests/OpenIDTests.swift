import Foundation
import JWTKit
import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing
import Vapor
import VaporTesting

@testable import PodiumWeb

/// Signing in through an OpenID Connect provider: what can be checked without one. The whole flow, through the
/// browser against a real provider (django-oidc-provider), is in `browser-tests/test_openid.py`.
@Suite("OpenID Connect: settings, ID token checks, one use of each state, the sign-in page")
struct OpenIDTests {
    static let issuer = "https://login.example.nhs.uk/tenant/v2.0"
    static let environment = [
        "PODIUM_OIDC_ISSUER": issuer, "PODIUM_OIDC_CLIENT_ID": "podium", "PODIUM_OIDC_CLIENT_SECRET": "s3cret",
        "PODIUM_OIDC_REDIRECT_URL": "https://podium.example.nhs.uk/sign-in/oidc/callback",
    ]
    static let settings = OpenIDSettings(
        issuer: issuer, clientID: "podium", clientSecret: "s3cret",
        redirectURL: "https://podium.example.nhs.uk/sign-in/oidc/callback")

    @Test("Settings: every key the flow needs is asked for by name; plain http only on loopback")
    func settingsResolve() throws {
        let resolved = try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: Self.environment)
        #expect(resolved.auth.openID == Self.settings)
        #expect(try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: [:]).auth.openID == nil)
        var loopback = Self.environment
        loopback["PODIUM_OIDC_ISSUER"] = "http://127.0.0.1:8099/openid/"
        loopback["PODIUM_OIDC_ONLY"] = "true"
        let local = try #require(
            try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: loopback).auth.openID)
        #expect(local.issuer == "http://127.0.0.1:8099/openid" && local.only)
        for (change, key) in [
            (["PODIUM_OIDC_CLIENT_ID": ""], "PODIUM_OIDC_CLIENT_ID"),
            (["PODIUM_OIDC_CLIENT_SECRET": " "], "PODIUM_OIDC_CLIENT_SECRET"),
            (["PODIUM_OIDC_REDIRECT_URL": ""], "PODIUM_OIDC_REDIRECT_URL"),
            (["PODIUM_OIDC_ISSUER": "http://login.example.nhs.uk"], "PODIUM_OIDC_ISSUER"),
            (["PODIUM_OIDC_REDIRECT_URL": "podium.example.nhs.uk/callback"], "PODIUM_OIDC_REDIRECT_URL"),
            (["PODIUM_OIDC_ONLY": "maybe"], "PODIUM_OIDC_ONLY"),
            (["PODIUM_OIDC_ISSUER": "", "PODIUM_OIDC_ONLY": "yes"], "PODIUM_OIDC_ONLY"),
        ] {
            let environment = Self.environment.merging(change) { $1 }
            #expect("\(change)") {
                try PodiumConfig.resolve(host: nil, port: nil, sqlitePath: nil, environment: environment)
            } throws: { ($0 as? ConfigurationError)?.key == key }
        }
    }

    static func token(
        iss: String = issuer, aud: [String] = ["podium"], azp: String? = nil, exp: TimeInterval = 300,
        iat: TimeInterval = -10, nonce: String? = "n-1", email: String? = "ann@example.nhs.uk", verified: Bool? = true
    ) -> OpenIDProvider.IDToken {
        OpenIDProvider.IDToken(
            iss: iss, sub: "subject-1", aud: AudienceClaim(value: aud), azp: azp,
            exp: ExpirationClaim(value: Fixtures.t0.addingTimeInterval(exp)),
            iat: IssuedAtClaim(value: Fixtures.t0.addingTimeInterval(iat)), nonce: nonce, email: email,
            emailVerified: verified.map { BoolClaim(value: $0) })
    }

    @Test(
        "An ID token is refused for the wrong issuer, audience or authorised party, expiry, a future date or nonce",
        arguments: [
            (token(), nil),
            (token(exp: -30), nil),  // within the minute's leeway for clocks
            (token(iss: "https://login.example.nhs.uk/other/v2.0"), .issuer("https://login.example.nhs.uk/other/v2.0")),
            (token(iss: issuer + "/"), .issuer(issuer + "/")),
            (token(aud: ["someone-else"]), .audience),
            (token(aud: ["podium", "someone-else"]), .audience),  // several audiences need azp = Podium
            (token(aud: ["podium", "someone-else"], azp: "podium"), nil),
            (token(azp: "someone-else"), .audience),
            (token(exp: -61), .expired),
            (token(iat: 120), .issuedInFuture),
            (token(nonce: "n-2"), .nonce),
            (token(nonce: nil), .nonce),
        ] as [(OpenIDProvider.IDToken, OpenIDProvider.Refusal?)])
    func claims(token: OpenIDProvider.IDToken, refusal: OpenIDProvider.Refusal?) {
        let result = Result { try OpenIDProvider.check(token, settings: Self.settings, nonce: "n-1", now: Fixtures.t0) }
        switch (result, refusal) {
        case (.success, nil): break
        case (.failure(let error), let expected?): #expect(error as? OpenIDProvider.Refusal == expected)
        default: Issue.record("\(result) where \(String(describing: refusal)) was expected")
        }
    }

    @Test("Only a verified email signs anyone in (email_verified, or Entra's xms_edov)")
    func verifiedEmail() throws {
        #expect(try OpenIDProvider.verifiedEmail(Self.token()) == "ann@example.nhs.uk")
        var entra = Self.token(verified: nil)
        entra.emailDomainOwnerVerified = BoolClaim(value: true)
        #expect(try OpenIDProvider.verifiedEmail(entra) == "ann@example.nhs.uk")
        for token in [Self.token(verified: false), Self.token(verified: nil), Self.token(email: nil)] {
            #expect(throws: OpenIDProvider.Refusal.noVerifiedEmail) { try OpenIDProvider.verifiedEmail(token) }
        }
    }

    @Test("PKCE's S256 challenge is RFC 7636's worked example")
    func challenge() {
        // RFC 7636 Appendix B.
        #expect(
            OpenIDProvider.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk")
                == "E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM")
    }

    @Test("A sign-in's state is taken once: a second return with it finds nothing")
    func stateIsUsedOnce() async throws {
        try await TestDatabase.with { handle in
            let store = OpenIDSignInStore(database: handle.database)
            let pending = PendingOpenIDSignIn(
                stateHash: "h1", browserHash: "b1", nonce: "n1", codeVerifier: "v1", next: "/icbs/QT6",
                expiresAt: "2026-12-07T10:10:00Z")
            try await store.begin(pending, now: "2026-12-07T10:00:00Z")
            #expect(try await store.take(stateHash: "h1") == pending)
            #expect(try await store.take(stateHash: "h1") == nil)
            // Beginning another forgets those that expired unused.
            try await store.begin(pending, now: "2026-12-07T10:00:00Z")
            var later = pending
            later.stateHash = "h2"
            try await store.begin(later, now: "2026-12-07T11:00:00Z")
            #expect(try await store.take(stateHash: "h1") == nil)
            #expect(try await store.take(stateHash: "h2") == later)
        }
    }

    @Test("The return from the provider: an unknown state, or another browser's, signs nobody in and uses it up")
    func callbackRefusals() async throws {
        try await withWorkbench(auth: AuthSettings(openID: Self.settings)) { app in
            let tester = try app.testing()
            try await tester.test(.GET, "/sign-in/oidc/callback?state=never-issued&code=c") { response in
                #expect(response.status == .badRequest)
                #expect(response.text.contains("already been used, or was not started here"))
                #expect(response.headers.setCookie?["podium_session"] == nil)
            }
            try await OpenIDSignInStore(database: app.db).begin(
                PendingOpenIDSignIn(
                    stateHash: Secret.hash("state-1"), browserHash: Secret.hash("browser-1"), nonce: "n",
                    codeVerifier: "v", next: "/icbs/QT6", expiresAt: "2099-01-01T00:00:00Z"),
                now: "2026-01-01T00:00:00Z")
            try await tester.test(
                .GET, "/sign-in/oidc/callback?state=state-1&code=c", headers: ["Cookie": "podium_oidc=browser-2"]
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.text.contains("started in another browser"))
            }
            // The right browser, too late: the state is gone.
            try await tester.test(
                .GET, "/sign-in/oidc/callback?state=state-1&code=c", headers: ["Cookie": "podium_oidc=browser-1"]
            ) { #expect($0.status == .badRequest) }
        }
    }

    @Test("A provider that cannot be reached is said so, without naming where Podium looked")
    func providerUnreachable() async throws {
        // Port 9 (discard) on loopback: nothing listens, so the connection is refused at once.
        let closed = OpenIDSettings(
            issuer: "http://127.0.0.1:9/tenant", clientID: "podium", clientSecret: "s",
            redirectURL: "http://127.0.0.1:8089/sign-in/oidc/callback")
        try await withWorkbench(auth: AuthSettings(openID: closed)) { app in
            try await app.testing().test(.GET, "/sign-in/oidc?next=/icbs/QT6") { response in
                #expect(response.status == .badGateway)
                #expect(response.text.contains("The sign-in service could not be reached"))
                #expect(!response.text.contains("127.0.0.1:9"))
            }
        }
    }

    @Test("The sign-in page offers the provider; with passwords off it offers nothing else and refuses one")
    func signInPage() async throws {
        try await withWorkbench { app in
            try await app.testing().test(.GET, "/sign-in") { #expect(!$0.text.contains("sign-in-oidc")) }
            try await app.testing().test(.GET, "/sign-in/oidc") { #expect($0.status == .notFound) }
        }
        try await withWorkbench(auth: AuthSettings(openID: Self.settings)) { app in
            try await app.testing().test(.GET, "/sign-in?next=/icbs/QT6") { response in
                #expect(response.text.contains("href=\"/sign-in/oidc?next=/icbs/QT6\""))
                #expect(response.text.contains("Sign in with your NHS account"))
                #expect(response.text.contains("id=\"password\""))
            }
        }
        var only = Self.settings
        only.only = true
        try await withWorkbench(auth: AuthSettings(openID: only)) { app in
            try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery",
                grant: Grant(role: .viewer, icbs: [ICBCode("QT6")!]), on: app.db, at: "t")
            let tester = try app.testing()
            var cookie = ""
            try await tester.test(.GET, "/sign-in") { response in
                #expect(response.text.contains("sign-in-oidc"))
                #expect(!response.text.contains("id=\"password\""))
                cookie = response.headers.setCookie?["podium_sign_in"]?.string ?? ""
            }
            // A password posted anyway, with a good form token, is refused.
            let response = try await tester.sendRequest(
                .POST, "/sign-in", headers: ["Cookie": "podium_sign_in=\(cookie)"],
                beforeRequest: {
                    try $0.content.encode(
                        ["email": "ann@example.nhs.uk", "password": "correct horse battery", "_csrf": cookie],
                        as: .urlEncodedForm)
                })
            #expect(response.status == .forbidden)
            #expect(response.text.contains("Passwords are switched off"))
        }
    }
}
