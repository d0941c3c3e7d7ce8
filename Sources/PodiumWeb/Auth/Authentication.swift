import Foundation
import PodiumCore
import PodiumData
import Vapor

/// Who is asking: the session cookie's user, or the bearer token's.
enum Authentication {
    /// The session cookie's user, or the bearer token's; `nil` when neither is presented or valid.
    static func viewer(_ request: Request) async throws -> Viewer? {
        let store = UserStore(database: request.db)
        let now = request.clock.iso
        if let bearer = request.headers.bearerAuthorization?.token {
            guard let user = try await store.tokenUser(tokenHash: Secret.hash(bearer), now: now) else {
                throw WebError.unauthorized(
                    message:
                        "The API token is not valid: it may have been revoked. Create a new one on your account page.")
            }
            return Viewer(user: user, credential: .apiToken)
        }
        guard let token = SessionCookie.value(in: request) else { return nil }
        let hash = Secret.hash(token)
        guard let session = try await store.session(tokenHash: hash, now: now) else { return nil }
        return Viewer(user: session.user, credential: .session(tokenHash: hash, csrfToken: session.csrfToken))
    }
}
