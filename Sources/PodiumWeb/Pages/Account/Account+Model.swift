import Foundation
import PodiumCore
import PodiumData

/// One's own account: who they are, what they read, their API tokens.
enum AccountShow {
    struct Model: Sendable {
        var user: User
        var tokens: [UserStore.TokenSummary]
        var icbNames: [ICBCode: String]

        static func query(_ context: QueryContext, user: User) async throws -> Model {
            Model(
                user: user, tokens: try await UserStore(database: context.database).tokens(of: user.id),
                icbNames: Dictionary(
                    uniqueKeysWithValues: try await context.openData.icbs().map { ($0.code, $0.shortName) }))
        }
    }

    /// Everything wrong with a password change, in words; empty when it may go ahead.
    static func passwordProblems(_ context: QueryContext, user: User, current: String, new: String, confirm: String?)
        async throws -> [String]
    {
        var problems: [String] = []
        if try await Accounts.verify(email: user.email, password: current, on: context.database) == nil {
            problems.append("The current password is not right.")
        }
        problems += PasswordPolicy.problems(new, email: user.email)
        if new != confirm { problems.append("The new password and its repeat differ.") }
        return problems
    }

    /// Changes the password and signs out the user's other sessions (`keeping` the one that asked).
    static func changePassword(
        _ context: QueryContext, user: User, to new: String, keeping session: String?, now: String
    ) async throws {
        try await Accounts.setPassword(new, for: user, on: context.database)
        if let session {
            try await UserStore(database: context.database).deleteSessions(
                userID: user.id, keeping: session, expiredBefore: now)
        }
    }

    /// Revokes one of the user's tokens; a 404 when they hold no such token.
    static func revokeToken(_ context: QueryContext, id: String, of user: User) async throws {
        guard try await UserStore(database: context.database).deleteToken(id: id, of: user.id) else {
            throw WebError.notFound(.tokenNotFound, "You hold no such API token.")
        }
    }

    /// Ends a browser session.
    static func signOut(_ context: QueryContext, session: String) async throws {
        try await UserStore(database: context.database).deleteSession(tokenHash: session)
    }
}

/// The administrator's pages: every account, adding one, changing a role or ICBs, resetting a password and removing
/// an account.
enum AdminUsers {
    struct Model: Sendable {
        var users: [User]
        var icbs: [ICB]

        static func query(_ context: QueryContext) async throws -> Model {
            Model(users: try await UserStore(database: context.database).all(), icbs: try await context.openData.icbs())
        }
    }

    /// One user and the ICBs a grant can name.
    struct UserModel: Sendable {
        var user: User
        var icbs: [ICB]

        static func query(_ context: QueryContext, id: String) async throws -> UserModel {
            guard let user = try await UserStore(database: context.database).user(id: id) else {
                throw WebError.notFound(.userNotFound, "There is no such user.")
            }
            return UserModel(user: user, icbs: try await context.openData.icbs())
        }
    }

    /// Changes a user's name and grant.
    static func update(_ context: QueryContext, id: String, name: String, grant: Grant) async throws {
        _ = try await UserStore(database: context.database).update(id: id, name: name, grant: grant)
    }

    /// A new password for the user, who is signed out everywhere.
    static func resetPassword(_ context: QueryContext, user: User, now: String) async throws -> String {
        let password = Accounts.generatePassword()
        try await Accounts.setPassword(password, for: user, on: context.database)
        try await UserStore(database: context.database).deleteSessions(userID: user.id, expiredBefore: now)
        return password
    }

    static func delete(_ context: QueryContext, user: User) async throws {
        _ = try await UserStore(database: context.database).delete(id: user.id)
    }
}

/// Signing in: the throttle's counts and the failures it records.
enum SignIn {
    static func failures(_ context: QueryContext, account: String, address: String, since: Int64) async throws -> (
        account: [Int64], address: [Int64]
    ) {
        let found = try await UserStore(database: context.database).failedSignIns(
            account: account, address: address, since: since)
        return (found.account, found.address)
    }

    static func recordFailure(_ context: QueryContext, account: String, address: String, at: Int64) async throws {
        try await UserStore(database: context.database).recordFailedSignIn(account: account, address: address, at: at)
    }

    static func clearFailures(_ context: QueryContext, account: String) async throws {
        try await UserStore(database: context.database).clearFailedSignIns(account: account)
    }
}

/// What the user form posts, and shows again when something is wrong.
struct UserForm: Sendable {
    var email = ""
    var name = ""
    var role = Role.viewer.rawValue
    var icbs: [String] = []
    var region = ""

    init() {}

    init(_ user: User) {
        email = user.email
        name = user.name
        role = user.grant.role.rawValue
        icbs = user.grant.icbs.sorted().map(\.rawValue)
        region = user.grant.region?.rawValue ?? ""
    }
}

/// The administrator's user form as posted.
struct PostedUser: Codable, Sendable {
    var email: String?
    var name: String?
    var role: String?
    var icbs: [String]?
    var region: String?
    var password: String?

    struct Problems: Error {
        var messages: [String]
    }

    var form: UserForm {
        var form = UserForm()
        form.email = email ?? ""
        form.name = name ?? ""
        form.role = role ?? ""
        form.icbs = icbs ?? []
        form.region = region ?? ""
        return form
    }

    /// The grant asked for, or what is wrong with it. ICBs are kept only for roles that use them, and the region only
    /// for regional assurance, so a changed role never leaves a stale scope behind.
    func grant() -> Result<Grant, Problems> {
        guard let role = Role(rawValue: role ?? "") else { return .failure(Problems(messages: ["Choose a role."])) }
        let codes = (icbs ?? []).map { ($0, ICBCode($0)) }
        if let bad = codes.first(where: { $0.1 == nil }) {
            return .failure(Problems(messages: ["\"\(bad.0)\" is not an ICB code."]))
        }
        var region: NHSEnglandRegion?
        if role == .regionalAssurance, let text = self.region, !text.isEmpty {
            guard let found = NHSEnglandRegion(rawValue: text) else {
                return .failure(Problems(messages: ["\"\(text)\" is not an NHS England region."]))
            }
            region = found
        }
        let usesICBs = [.commissioner, .finance, .viewer].contains(role)
        let grant = Grant(
            role: role, icbs: usesICBs ? Set(codes.compactMap(\.1)) : [],
            region: role == .regionalAssurance ? region : nil)
        return grant.problems.isEmpty
            ? .success(grant)
            : .failure(Problems(messages: grant.problems.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }))
    }
}
