import Foundation
import JWTKit
import Vapor

/// The ICB's OpenID Connect provider as Podium uses it: discovery, the authorization request, the code exchange
/// and the ID token's checks (OpenID Connect Core 1.0 §3.1; PKCE, RFC 7636). Discovery and the signing keys are read
/// when first needed and kept; the keys are read again when a token names one not yet seen (the provider rotated).
actor OpenIDProvider {
    let settings: OpenIDSettings
    private var discovered: Discovery?
    private var keys: JWTKeyCollection?
    private var keysRead: Date?

    init(settings: OpenIDSettings) { self.settings = settings }

    /// The parts of the discovery document Podium uses (OpenID Connect Discovery 1.0 §3).
    struct Discovery: Decodable, Sendable {
        var issuer: String
        var authorizationEndpoint: String
        var tokenEndpoint: String
        var jwksURI: String
        var tokenEndpointAuthMethods: [String]?

        enum CodingKeys: String, CodingKey {
            case issuer
            case authorizationEndpoint = "authorization_endpoint"
            case tokenEndpoint = "token_endpoint"
            case jwksURI = "jwks_uri"
            case tokenEndpointAuthMethods = "token_endpoint_auth_methods_supported"
        }
    }

    /// Why a return from the provider did not sign anyone in. Each says what happened in words a person can act on;
    /// none repeats a token.
    enum Refusal: Error, Equatable {
        case providerUnavailable(String)
        case providerSaid(String)
        case tokenEndpoint(String)
        case signature
        case issuer(String)
        case audience
        case expired
        case issuedInFuture
        case nonce
        case noVerifiedEmail

        var words: String {
            switch self {
            // What went wrong is logged, not shown: it can name hosts inside the ICB's network.
            case .providerUnavailable: "The sign-in service could not be reached. Try again shortly."
            case .providerSaid(let error): "The sign-in service did not sign you in (\(error))."
            case .tokenEndpoint(let error): "The sign-in service refused to complete the sign-in (\(error))."
            case .signature:
                "The sign-in could not be verified: its signature does not match the sign-in service's keys."
            case .issuer(let issuer): "The sign-in came from \(issuer), not the sign-in service Podium trusts."
            case .audience: "The sign-in was issued for another application, not Podium."
            case .expired: "The sign-in had expired before it reached Podium."
            case .issuedInFuture: "The sign-in is dated in the future; check the server's clock."
            case .nonce: "The sign-in does not match the one this browser started."
            case .noVerifiedEmail: "The sign-in service did not give a verified email address."
            }
        }
    }

    /// The claims Podium reads from an ID token. Its claims are checked by ``check(_:nonce:now:)`` against the
    /// request's clock, not in `verify(using:)`, which jwt-kit calls with none.
    struct IDToken: JWTPayload, Equatable {
        var iss: String
        var sub: String
        var aud: AudienceClaim
        var azp: String?
        var exp: ExpirationClaim
        var iat: IssuedAtClaim
        var nonce: String?
        var email: String?
        var emailVerified: BoolClaim?
        /// Microsoft Entra ID's optional claim that the email's domain is verified by the tenant that owns it, which
        /// Entra sends instead of `email_verified`.
        var emailDomainOwnerVerified: BoolClaim? = nil

        enum CodingKeys: String, CodingKey {
            case iss, sub, aud, azp, exp, iat, nonce, email
            case emailVerified = "email_verified"
            case emailDomainOwnerVerified = "xms_edov"
        }

        func verify(using algorithm: some JWTAlgorithm) async throws {}
    }

    /// Allowed difference between Podium's clock and the provider's.
    static let leeway: TimeInterval = 60

    func discovery(_ client: any Client) async throws -> Discovery {
        if let discovered { return discovered }
        let response: ClientResponse
        do {
            response = try await client.get(URI(string: settings.issuer + "/.well-known/openid-configuration"))
        } catch {
            throw Refusal.providerUnavailable("\(error)")
        }
        guard response.status == .ok, let document = try? response.content.decode(Discovery.self) else {
            throw Refusal.providerUnavailable("its discovery document answered \(response.status.code)")
        }
        // OpenID Connect Discovery §4.3: the document must name the issuer it was read from.
        guard document.issuer == settings.issuer else { throw Refusal.issuer(document.issuer) }
        discovered = document
        return document
    }

    /// Where to send the browser: the authorization request with PKCE (S256), `state` and `nonce`.
    func authorizationURL(_ client: any Client, state: String, nonce: String, codeVerifier: String) async throws
        -> String
    {
        let endpoint = try await discovery(client).authorizationEndpoint
        guard var components = URLComponents(string: endpoint) else {
            throw Refusal.providerUnavailable("its authorization endpoint is not an address")
        }
        let items = [
            URLQueryItem(name: "response_type", value: "code"),
            URLQueryItem(name: "client_id", value: settings.clientID),
            URLQueryItem(name: "redirect_uri", value: settings.redirectURL),
            URLQueryItem(name: "scope", value: "openid email profile"),
            URLQueryItem(name: "state", value: state),
            URLQueryItem(name: "nonce", value: nonce),
            URLQueryItem(name: "code_challenge", value: Self.challenge(codeVerifier)),
            URLQueryItem(name: "code_challenge_method", value: "S256"),
        ]
        components.queryItems = (components.queryItems ?? []) + items
        // `+` in a query means a space to many servers; percent-encode it.
        let query = components.percentEncodedQuery?.replacingOccurrences(of: "+", with: "%2B")
        components.percentEncodedQuery = query
        guard let url = components.string else {
            throw Refusal.providerUnavailable("its authorization endpoint is not an address")
        }
        return url
    }

    /// The PKCE challenge for a verifier: base64url(SHA-256(verifier)) without padding (RFC 7636 §4.2).
    static func challenge(_ verifier: String) -> String {
        Data(SHA256.hash(data: Data(verifier.utf8))).base64URL
    }

    /// Exchanges the code for tokens at the token endpoint and returns the ID token, as sent.
    func exchange(_ client: any Client, code: String, codeVerifier: String) async throws -> String {
        let discovery = try await discovery(client)
        var form = [
            "grant_type": "authorization_code", "code": code, "redirect_uri": settings.redirectURL,
            "code_verifier": codeVerifier,
        ]
        var headers = HTTPHeaders()
        // client_secret_basic unless the provider says it takes only client_secret_post (RFC 6749 §2.3.1: the id and
        // secret are form-encoded before they are joined).
        let methods = discovery.tokenEndpointAuthMethods ?? ["client_secret_basic"]
        if !methods.contains("client_secret_basic") && methods.contains("client_secret_post") {
            form["client_id"] = settings.clientID
            form["client_secret"] = settings.clientSecret
        } else {
            let pair = Self.formEncoded(settings.clientID) + ":" + Self.formEncoded(settings.clientSecret)
            headers.add(name: .authorization, value: "Basic " + Data(pair.utf8).base64EncodedString())
        }
        let response: ClientResponse
        do {
            response = try await client.post(URI(string: discovery.tokenEndpoint), headers: headers) { request in
                try request.content.encode(form, as: .urlEncodedForm)
            }
        } catch {
            throw Refusal.providerUnavailable("\(error)")
        }
        struct Tokens: Decodable {
            var idToken: String?
            var error: String?
            enum CodingKeys: String, CodingKey {
                case idToken = "id_token"
                case error
            }
        }
        let tokens = try? response.content.decode(Tokens.self)
        guard response.status == .ok, let idToken = tokens?.idToken else {
            throw Refusal.tokenEndpoint(tokens?.error ?? "HTTP \(response.status.code)")
        }
        return idToken
    }

    /// The ID token's claims once its signature verifies against the provider's keys, read again once if the token
    /// names a key not yet seen.
    func verifiedClaims(_ client: any Client, idToken: String, now: Date) async throws -> IDToken {
        let keys = try await signingKeys(client, refresh: false, now: now)
        do {
            return try await keys.verify(idToken, as: IDToken.self)
        } catch {
            // A key rotated since the keys were read: read them again, at most once a minute.
            guard keysRead.map({ now.timeIntervalSince($0) > 60 }) ?? true else { throw Refusal.signature }
            let fresh = try await signingKeys(client, refresh: true, now: now)
            do {
                return try await fresh.verify(idToken, as: IDToken.self)
            } catch {
                throw Refusal.signature
            }
        }
    }

    private func signingKeys(_ client: any Client, refresh: Bool, now: Date) async throws -> JWTKeyCollection {
        if let keys, !refresh { return keys }
        let uri = try await discovery(client).jwksURI
        let response: ClientResponse
        do {
            response = try await client.get(URI(string: uri))
        } catch {
            throw Refusal.providerUnavailable("\(error)")
        }
        guard response.status == .ok, let body = response.body,
            let jwks = try? JSONDecoder().decode(JWKS.self, from: body)
        else {
            throw Refusal.providerUnavailable("its signing keys answered \(response.status.code)")
        }
        // jwt-kit reads only asymmetric keys from a JWKS (RSA, EC, OKP), so no shared-secret "key" can be slipped in;
        // a key it cannot use (no `kid`) is left out rather than failing the rest.
        let collection = JWTKeyCollection()
        for key in jwks.keys { _ = try? await collection.add(jwk: key) }
        keys = collection
        keysRead = now
        return collection
    }

    /// OpenID Connect Core §3.1.3.7: issuer exactly, Podium among the audiences (and the authorised party when
    /// there are several), not expired, not issued in the future, and the nonce this browser's sign-in was given.
    static func check(_ token: IDToken, settings: OpenIDSettings, nonce: String, now: Date) throws {
        guard token.iss == settings.issuer else { throw Refusal.issuer(token.iss) }
        guard token.aud.value.contains(settings.clientID) else { throw Refusal.audience }
        if token.aud.value.count > 1 || token.azp != nil {
            guard token.azp == settings.clientID else { throw Refusal.audience }
        }
        guard token.exp.value.addingTimeInterval(leeway) > now else { throw Refusal.expired }
        guard token.iat.value.addingTimeInterval(-leeway) <= now else { throw Refusal.issuedInFuture }
        guard let sent = token.nonce, Secret.matches(sent, nonce) else { throw Refusal.nonce }
    }

    /// The verified email the token gives; without `email_verified` (or Entra's `xms_edov`) true there is none to
    /// match on, as anyone may put any address in an unverified profile.
    static func verifiedEmail(_ token: IDToken) throws -> String {
        let verified = token.emailVerified?.value == true || token.emailDomainOwnerVerified?.value == true
        guard let email = token.email, verified, !email.isEmpty else {
            throw Refusal.noVerifiedEmail
        }
        return email
    }

    private static func formEncoded(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}

extension Data {
    /// base64url without padding (RFC 4648 §5), as JOSE and PKCE write it.
    var base64URL: String {
        base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }
}
