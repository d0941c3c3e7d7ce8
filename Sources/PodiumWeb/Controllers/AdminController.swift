import Foundation
import Plot
import PodiumCore
import PodiumData
import Vapor

/// The administrator's user pages (issue 10): every account, adding one, changing a role or ICBs, resetting a
/// password and removing an account. `podium user create` does the same from the command line.
struct AdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.adminUsersTemplate.components, use: users).access(.administer)
        routes.post(PodiumRoute.adminUsersTemplate.components, use: create).access(.administer)
        routes.get(PodiumRoute.adminUserTemplate.components, use: user).access(.administer)
        routes.post(PodiumRoute.adminUserTemplate.components, use: update).access(.administer)
        routes.post(PodiumRoute.adminUserPasswordTemplate.components, use: resetPassword).access(.administer)
        routes.post(PodiumRoute.adminUserDeleteTemplate.components, use: delete).access(.administer)
    }

    struct GrantProblems: Error {
        var messages: [String]
    }

    struct Posted: Content {
        var email: String?
        var name: String?
        var role: String?
        var icbs: [String]?
        var region: String?
        var password: String?

        var form: AdminPages.UserForm {
            var form = AdminPages.UserForm()
            form.email = email ?? ""
            form.name = name ?? ""
            form.role = role ?? ""
            form.icbs = icbs ?? []
            form.region = region ?? ""
            return form
        }

        /// The grant asked for, or what is wrong with it. ICBs are kept only for roles that use them, and the region
        /// only for regional assurance, so a changed role never leaves a stale scope behind.
        func grant() -> Result<Grant, GrantProblems> {
            guard let role = Role(rawValue: role ?? "") else { return .failure(GrantProblems(messages: ["Choose a role."])) }
            let codes = (icbs ?? []).map { ($0, ICBCode($0)) }
            if let bad = codes.first(where: { $0.1 == nil }) { return .failure(GrantProblems(messages: ["\"\(bad.0)\" is not an ICB code."])) }
            var region: NHSEnglandRegion?
            if role == .regionalAssurance, let text = self.region, !text.isEmpty {
                guard let found = NHSEnglandRegion(rawValue: text) else { return .failure(GrantProblems(messages: ["\"\(text)\" is not an NHS England region."])) }
                region = found
            }
            let usesICBs = [.commissioner, .finance, .viewer].contains(role)
            let grant = Grant(role: role, icbs: usesICBs ? Set(codes.compactMap(\.1)) : [], region: role == .regionalAssurance ? region : nil)
            return grant.problems.isEmpty ? .success(grant) : .failure(GrantProblems(messages: grant.problems.map { $0.prefix(1).uppercased() + $0.dropFirst() + "." }))
        }
    }

    @Sendable func users(req: Request) async throws -> Response {
        try await usersPage(req)
    }

    private func usersPage(_ req: Request, notice: Node<HTML.BodyContext> = .empty, form: AdminPages.UserForm = AdminPages.UserForm(),
                           problems: [String] = [], status: HTTPStatus = .ok) async throws -> Response {
        let all = try await UserStore(database: req.db).all()
        let table = AdminPages.usersTable(all)
        if try ListParameters.from(req).wantsCSV, req.method == .GET { return Responses.csv(table.csv(ListRequest()), fileName: "podium-users.csv") }
        return Responses.html(
            AdminPages.users(all, table: table, icbs: try await GeographyStore(database: req.db).icbs(), notice: notice, form: form, problems: problems,
                             context: req.page),
            status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let posted = (try? req.content.decode(Posted.self)) ?? Posted()
        let grant: Grant
        switch posted.grant() {
        case .failure(let problems): return try await usersPage(req, form: posted.form, problems: problems.messages, status: .unprocessableEntity)
        case .success(let found): grant = found
        }
        let typed = posted.password ?? ""
        let password = typed.isEmpty ? Accounts.generatePassword() : typed
        let created: User
        do {
            created = try await Accounts.create(
                email: posted.email ?? "", name: posted.name ?? "", password: password, grant: grant, on: req.db, at: req.clock.iso)
        } catch let failure as UserStore.Failure {
            return try await usersPage(req, form: posted.form, problems: [failure.description], status: .unprocessableEntity)
        } catch let failure as Accounts.Failure {
            return try await usersPage(req, form: posted.form, problems: [failure.description], status: .unprocessableEntity)
        }
        req.logger.notice("user created", metadata: ["user": "\(created.id)", "role": "\(grant.role.rawValue)", "by": "\(req.recorder)"])
        let notice: Node<HTML.BodyContext> = typed.isEmpty
            ? AccountPages.secretNotice("Added \(created.email) (\(grant.role.label)). Their password:", secret: password)
            : AccountPages.notice("Added \(created.email) (\(grant.role.label)) with the password you typed.", kind: "success")
        return try await usersPage(req, notice: notice)
    }

    private func target(_ req: Request) async throws -> User {
        guard let user = try await UserStore(database: req.db).user(id: req.parameters.get("user") ?? "") else {
            throw WebError.notFound(code: "user_not_found", message: "There is no such user.")
        }
        return user
    }

    @Sendable func user(req: Request) async throws -> Response {
        let user = try await target(req)
        return Responses.html(AdminPages.user(user, icbs: try await GeographyStore(database: req.db).icbs(), form: .init(user), context: req.page))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let user = try await target(req)
        let posted = (try? req.content.decode(Posted.self)) ?? Posted()
        var form = posted.form
        form.email = user.email
        let icbs = try await GeographyStore(database: req.db).icbs()
        switch posted.grant() {
        case .failure(let problems):
            return Responses.html(AdminPages.user(user, icbs: icbs, form: form, problems: problems.messages, context: req.page), status: .unprocessableEntity)
        case .success(let grant):
            if user.id == req.viewer?.user.id, grant.role != .administrator {
                return Responses.html(AdminPages.user(user, icbs: icbs, form: form, problems: [
                    "You cannot take away your own administrator role: ask another administrator.",
                ], context: req.page), status: .unprocessableEntity)
            }
            do {
                _ = try await UserStore(database: req.db).update(id: user.id, name: posted.name ?? "", grant: grant)
            } catch let failure as UserStore.Failure {
                return Responses.html(AdminPages.user(user, icbs: icbs, form: form, problems: [failure.description], context: req.page), status: .unprocessableEntity)
            }
            req.logger.notice("user changed", metadata: ["user": "\(user.id)", "role": "\(grant.role.rawValue)", "by": "\(req.recorder)"])
            let saved = try await target(req)
            return Responses.html(AdminPages.user(
                saved, icbs: icbs, form: .init(saved), notice: AccountPages.notice("Saved. The change applies to their next page.", kind: "success"),
                context: req.page))
        }
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let user = try await target(req)
        let password = Accounts.generatePassword()
        try await Accounts.setPassword(password, for: user, on: req.db)
        try await UserStore(database: req.db).deleteSessions(userID: user.id, expiredBefore: req.clock.iso)
        req.logger.notice("password reset", metadata: ["user": "\(user.id)", "by": "\(req.recorder)"])
        return Responses.html(AdminPages.user(
            user, icbs: try await GeographyStore(database: req.db).icbs(), form: .init(user),
            notice: AccountPages.secretNotice("New password for \(user.email); they are signed out everywhere:", secret: password), context: req.page))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let user = try await target(req)
        guard user.id != req.viewer?.user.id else {
            throw WebError.badRequest(code: "cannot_remove_self", message: "You cannot remove your own account: ask another administrator.")
        }
        _ = try await UserStore(database: req.db).delete(id: user.id)
        req.logger.notice("user removed", metadata: ["user": "\(user.id)", "by": "\(req.recorder)"])
        return try await usersPage(req, notice: AccountPages.notice("Removed \(user.email).", kind: "success"))
    }
}
