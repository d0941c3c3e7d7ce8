import PodiumCore

/// What every page knows besides its model (views read no globals).
public struct PageContext: Sendable {
    public var version: String
    /// "SQLite" or "PostgreSQL", shown in the footer.
    public var databaseLabel: String
    /// Who is signed in; `nil` on the sign-in page and for anonymous readers of public open data.
    var viewer: SignedIn?
    /// This response's Content-Security-Policy nonce: the one inline style a page carries (its print header and
    /// footer) must present it.
    var styleNonce: String?

    public init(version: String, databaseLabel: String) {
        self.version = version
        self.databaseLabel = databaseLabel
    }

    /// The signed-in person as pages need them: to greet, to offer only what they may do, and to sign forms.
    struct SignedIn: Sendable {
        var user: User
        /// The session's token for forms that post; `nil` for API-token requests, which render no forms.
        var csrfToken: String?
    }

    /// Whether the reader may change records of `icb` (finance records when `finance`): pages offer forms only then.
    func canEdit(_ icb: ICBCode?, finance: Bool = false) -> Bool {
        guard let viewer, viewer.csrfToken != nil else { return false }
        return AccessPolicy.allows(viewer.user.grant, .edit(isFinance: finance), icb: icb)
    }

    var isAdministrator: Bool { viewer?.user.grant.role == .administrator }
}
