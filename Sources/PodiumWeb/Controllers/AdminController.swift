import Foundation
import Plot
import PodiumCore
import PodiumData
import Vapor

/// The administrator's user pages: every account, adding one, changing a role or ICBs, resetting a
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

    @Sendable func users(req: Request) async throws -> Response {
        try await usersPage(req)
    }

    private func usersPage(
        _ req: Request, notice: Node<HTML.BodyContext> = .empty, form: UserForm = UserForm(),
        problems: [String] = [], status: HTTPStatus = .ok
    ) async throws -> Response {
        let model = try await AdminUsers.Model.query(req.queryContext)
        let table = AdminViews.usersTable(model.users)
        if try ListParameters.from(req).wantsCSV, req.method == .GET {
            return Responses.csv(table.csv(ListRequest()), fileName: "podium-users.csv")
        }
        return Responses.html(
            AdminViews.users(
                model.users, table: table, icbs: model.icbs, notice: notice, form: form, problems: problems,
                context: req.page),
            status: status)
    }

    @Sendable func create(req: Request) async throws -> Response {
        let posted = (try? req.content.decode(PostedUser.self)) ?? PostedUser()
        let grant: Grant
        switch posted.grant() {
        case .failure(let problems):
            return try await usersPage(
                req, form: posted.form, problems: problems.messages, status: .unprocessableEntity)
        case .success(let found): grant = found
        }
        let typed = posted.password ?? ""
        let password = typed.isEmpty ? Accounts.generatePassword() : typed
        let created: User
        do {
            created = try await Accounts.create(
                email: posted.email ?? "", name: posted.name ?? "", password: password, grant: grant, on: req.db,
                at: req.clock.iso)
        } catch let failure as UserStore.Failure {
            return try await usersPage(
                req, form: posted.form, problems: [failure.description], status: .unprocessableEntity)
        } catch let failure as Accounts.Failure {
            return try await usersPage(
                req, form: posted.form, problems: [failure.description], status: .unprocessableEntity)
        }
        req.logger.notice(
            "user created",
            metadata: ["user": "\(created.id)", "role": "\(grant.role.rawValue)", "by": "\(req.recorder)"])
        let notice: Node<HTML.BodyContext> =
            typed.isEmpty
            ? AccountViews.secretNotice(
                "Added \(created.email) (\(grant.role.label)). Their password:", secret: password)
            : AccountViews.notice(
                "Added \(created.email) (\(grant.role.label)) with the password you typed.", kind: "success")
        return try await usersPage(req, notice: notice)
    }

    private func target(_ req: Request) async throws -> AdminUsers.UserModel {
        try await AdminUsers.UserModel.query(req.queryContext, id: req.parameters.get("user") ?? "")
    }

    @Sendable func user(req: Request) async throws -> Response {
        let model = try await target(req)
        return Responses.html(AdminViews.user(model.user, icbs: model.icbs, form: .init(model.user), context: req.page))
    }

    @Sendable func update(req: Request) async throws -> Response {
        let model = try await target(req)
        let user = model.user
        let icbs = model.icbs
        let posted = (try? req.content.decode(PostedUser.self)) ?? PostedUser()
        var form = posted.form
        form.email = user.email
        switch posted.grant() {
        case .failure(let problems):
            return Responses.html(
                AdminViews.user(user, icbs: icbs, form: form, problems: problems.messages, context: req.page),
                status: .unprocessableEntity)
        case .success(let grant):
            if user.id == req.viewer?.user.id, grant.role != .administrator {
                return Responses.html(
                    AdminViews.user(
                        user, icbs: icbs, form: form,
                        problems: [
                            "You cannot take away your own administrator role: ask another administrator."
                        ], context: req.page), status: .unprocessableEntity)
            }
            do {
                try await AdminUsers.update(req.queryContext, id: user.id, name: posted.name ?? "", grant: grant)
            } catch let failure as UserStore.Failure {
                return Responses.html(
                    AdminViews.user(user, icbs: icbs, form: form, problems: [failure.description], context: req.page),
                    status: .unprocessableEntity)
            }
            req.logger.notice(
                "user changed",
                metadata: ["user": "\(user.id)", "role": "\(grant.role.rawValue)", "by": "\(req.recorder)"])
            let saved = try await target(req).user
            return Responses.html(
                AdminViews.user(
                    saved, icbs: icbs, form: .init(saved),
                    notice: AccountViews.notice("Saved. The change applies to their next page.", kind: "success"),
                    context: req.page))
        }
    }

    @Sendable func resetPassword(req: Request) async throws -> Response {
        let model = try await target(req)
        let user = model.user
        let password = try await AdminUsers.resetPassword(req.queryContext, user: user, now: req.clock.iso)
        req.logger.notice("password reset", metadata: ["user": "\(user.id)", "by": "\(req.recorder)"])
        return Responses.html(
            AdminViews.user(
                user, icbs: model.icbs, form: .init(user),
                notice: AccountViews.secretNotice(
                    "New password for \(user.email); they are signed out everywhere:", secret: password),
                context: req.page))
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let user = try await target(req).user
        guard user.id != req.viewer?.user.id else {
            throw WebError.badRequest(
                .cannotRemoveSelf, "You cannot remove your own account: ask another administrator.")
        }
        try await AdminUsers.delete(req.queryContext, user: user)
        req.logger.notice("user removed", metadata: ["user": "\(user.id)", "by": "\(req.recorder)"])
        return try await usersPage(req, notice: AccountViews.notice("Removed \(user.email).", kind: "success"))
    }
}
