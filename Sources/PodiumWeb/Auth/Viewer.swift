import PodiumCore
import Vapor

/// The signed-in person behind a request, and how they proved it.
struct Viewer: Sendable {
    enum Credential: Sendable, Equatable {
        /// A browser session: unsafe requests must carry its CSRF token.
        case session(tokenHash: String, csrfToken: String)
        /// An API token in `Authorization: Bearer …`: no cookie, so no cross-site request can carry it.
        case apiToken
    }

    var user: User
    var credential: Credential

    var csrfToken: String? {
        if case .session(_, let token) = credential { return token }
        return nil
    }
}

extension Request {
    private struct ViewerKey: StorageKey { typealias Value = Viewer }

    /// The signed-in person, once ``AccessMiddleware`` has checked the request; `nil` for open routes and anonymous
    /// readers of public open data.
    var viewer: Viewer? {
        get { storage[ViewerKey.self] }
        set { storage[ViewerKey.self] = newValue }
    }

    /// The ICBs this request may read. Pages comparing ICBs show only these rows. Anonymous requests reach only
    /// open-data routes, where every ICB's published figures are shown.
    var scope: ICBScope { viewer.map { AccessPolicy.readable(by: $0.user.grant) } ?? .every }

    /// What the person is recorded as in audit trails: their name and email.
    var recorder: String { viewer.map(\.user.auditName) ?? "anonymous" }

    /// The page context for this request: the installation's, with who is signed in.
    var page: PageContext {
        var context = application.pageContext
        context.viewer = viewer.map { PageContext.SignedIn(user: $0.user, csrfToken: $0.csrfToken) }
        context.styleNonce = styleNonce
        return context
    }
}

extension Application {
    private struct PageContextKey: StorageKey { typealias Value = PageContext }

    /// The installation's page context (version, database), set once by ``configure(_:config:)``.
    var pageContext: PageContext {
        get { storage[PageContextKey.self] ?? PageContext(version: PodiumVersion.current, databaseLabel: "") }
        set { storage[PageContextKey.self] = newValue }
    }

    private struct AuthSettingsKey: StorageKey { typealias Value = AuthSettings }

    var authSettings: AuthSettings {
        get { storage[AuthSettingsKey.self] ?? AuthSettings() }
        set { storage[AuthSettingsKey.self] = newValue }
    }
}
