import Foundation
import Plot
import PodiumCore
import PodiumData

/// Signing in, one's own account (password, API tokens) and the administrator's user pages.
enum AccountViews {
    /// The sign-in page: the ICB's sign-in service when one is configured (`openID`), the password form unless
    /// passwords are switched off.
    static func signIn(
        email: String, next: String, formToken: String, problem: String?, openID: OpenIDSettings?,
        context: PageContext
    ) -> HTML {
        let passwords = !(openID?.only ?? false)
        return Layout.page(
            title: "Sign in", context: context,
            content: [
                Layout.paragraph(
                    "Podium holds commissioning records that are not all public: variations, risks, decisions and local returns. "
                        + (openID == nil
                            ? "Sign in with the account your administrator gave you."
                            : "Sign in with your NHS account; an administrator must have added your email address to Podium first."),
                    class: "lede"),
                notice(problem, kind: "error"),
                // A link, not a form: the page's `form-action 'self'` would stop a form that redirects to the provider.
                openID.map { openID in
                    .p(
                        .attr("id", "sign-in-oidc"),
                        .a(
                            .attr("class", "button"),
                            .href(
                                ListLinks.href(PodiumRoute.openIDSignIn.path, [URLQueryItem(name: "next", value: next)])
                            ),
                            .plain(openID.label)))
                } ?? .empty,
                .if(openID != nil && passwords, .h2(.plain("Or sign in with a password"))),
                .if(passwords, passwordForm(email: email, next: next, formToken: formToken)),
                .if(
                    passwords,
                    Layout.paragraph(
                        "After \(SignInThrottle.standard.perAccount) wrong passwords in \(SignInThrottle.standard.window / 60) minutes an account "
                            + "must wait before trying again.")),
            ])
    }

    private static func passwordForm(email: String, next: String, formToken: String) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "post"), .attr("action", PodiumRoute.signIn.path), .attr("class", "record-form"),
            .attr("id", "sign-in"),
            .input(.attr("type", "hidden"), .attr("name", CSRF.field), .attr("value", formToken)),
            .input(.attr("type", "hidden"), .attr("name", "next"), .attr("value", next)),
            .label(.attr("for", "email"), .plain("Email")),
            .input(
                .attr("type", "email"), .attr("id", "email"), .attr("name", "email"), .attr("value", email),
                .attr("required", "required"),
                .attr("autocomplete", "username"), .attr("maxlength", "254")),
            .label(.attr("for", "password"), .plain("Password")),
            .input(
                .attr("type", "password"), .attr("id", "password"), .attr("name", "password"),
                .attr("required", "required"),
                .attr("autocomplete", "current-password"), .attr("maxlength", "200")),
            .button(.attr("type", "submit"), .plain("Sign in"))
        )
    }

    /// One's own account: who they are, what they hold, a password change and API tokens.
    static func account(_ model: AccountShow.Model, notice text: Node<HTML.BodyContext> = .empty, context: PageContext)
        -> HTML
    {
        let user = model.user
        let tokens = model.tokens
        let icbNames = model.icbNames
        return Layout.page(
            title: "Your account", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Your account")],
            content: [
                text,
                .dl(
                    .attr("class", "facts"),
                    .dt(.plain("Name")), .dd(.plain(user.name)),
                    .dt(.plain("Email")), .dd(.plain(user.email)),
                    .dt(.plain("Role")), .dd(.plain(user.grant.role.label)),
                    .dt(.plain("Reads")), .dd(.plain(scopeText(user.grant, icbNames: icbNames)))
                ),
                .form(
                    .attr("method", "post"), .attr("action", PodiumRoute.accountPassword.path),
                    .attr("class", "record-form"), .attr("id", "change-password"),
                    .h2(.plain("Change your password")),
                    Layout.csrfField(context),
                    passwordInput("current", "Current password", autocomplete: "current-password"),
                    passwordInput(
                        "new", "New password",
                        hint:
                            "at least \(PasswordPolicy.minimumLength) characters; a few unrelated words are easy to remember",
                        autocomplete: "new-password"),
                    passwordInput("confirm", "New password again", autocomplete: "new-password"),
                    .button(.attr("type", "submit"), .plain("Change password"))
                ),
                .h2(.plain("API tokens")),
                Layout.paragraph(
                    "A token lets a program read the API (/api/v1/…) with your access, sending \"Authorization: Bearer\" and the token. It is shown "
                        + "once when made; revoke it when the program no longer needs it."),
                TableView.whole(
                    tokensTable(tokens),
                    csv: ListLinks.href(PodiumRoute.account.path, QueryItems.of([("format", "csv")])),
                    note: tokens.count == 1 ? "1 token. " : "\(tokens.count) tokens. "),
                .forEach(tokens) { token in
                    .form(
                        .attr("method", "post"), .attr("action", PodiumRoute.revokeToken(id: token.id).path),
                        .attr("class", "inline no-print"),
                        Layout.csrfField(context),
                        .button(.attr("type", "submit"), .plain("Revoke “\(token.label)”")))
                },
                // A heading of its own, so the form does not read as another row of the table above.
                .h3(.attr("id", "new-token-heading"), .plain("Make a new token")),
                newTokenForm(context),
            ])
    }

    private static func newTokenForm(_ context: PageContext) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "post"), .attr("action", PodiumRoute.accountTokens.path),
            .attr("class", "record-form"), .attr("id", "new-token"),
            .attr("aria-labelledby", "new-token-heading"),
            Layout.csrfField(context),
            .label(.attr("for", "token-label"), .plain("What the token is for")),
            .input(
                .attr("type", "text"), .attr("id", "token-label"), .attr("name", "label"),
                .attr("required", "required"), .attr("maxlength", "200")),
            .label(.attr("for", "token-expires"), .plain("Stops working after")),
            .select(
                .attr("id", "token-expires"), .attr("name", "expires"),
                .forEach(APITokens.lifetimes) { lifetime in
                    .choice(lifetime.days.map(String.init) ?? "never", lifetime.words, selected: lifetime.days == 90)
                }),
            .button(.attr("type", "submit"), .plain("Make a token"))
        )
    }

    static func tokensTable(_ tokens: [UserStore.TokenSummary]) -> Table<UserStore.TokenSummary> {
        Table(
            id: "tokens", caption: "Your API tokens",
            columns: [
                Column("label", "For", sortable: false) { .text($0.label) },
                Column("created", "Made", sortable: false) { .moment($0.createdAt) },
                Column("used", "Last used", sortable: false) { .moment($0.lastUsedAt, missing: "never") },
                Column("expires", "Stops working", sortable: false) {
                    .moment($0.expiresAt, missing: "when revoked")
                },
            ], rows: tokens, footer: nil)
    }

    /// "QT6 Cornwall and the Isles of Scilly, QOX …", a region, or every ICB.
    static func scopeText(_ grant: Grant, icbNames: [ICBCode: String]) -> String {
        switch AccessPolicy.readable(by: grant) {
        case .every: return "Every ICB"
        case .only(let icbs) where grant.role == .regionalAssurance:
            return "The \(icbs.count) ICBs of NHS England \(grant.region?.name ?? "") region"
        case .only(let icbs):
            return icbs.sorted().map { "\($0) \(icbNames[$0] ?? "")".trimmingCharacters(in: .whitespaces) }.joined(
                separator: ", ")
        }
    }

    static func notice(_ text: String?, kind: String) -> Node<HTML.BodyContext> {
        guard let text else { return .empty }
        return .div(
            .attr("class", "notice \(kind)"), .attr("role", kind == "error" ? "alert" : "status"), .p(.plain(text)))
    }

    /// A secret shown once (a new password or API token), in a box that is easy to copy.
    static func secretNotice(_ intro: String, secret: String) -> Node<HTML.BodyContext> {
        .div(
            .attr("class", "notice success"), .attr("role", "status"),
            .p(.plain(intro)), .p(.code(.attr("class", "secret"), .plain(secret))),
            .p(.plain("It is shown only this once: copy it now.")))
    }

    private static func passwordInput(_ name: String, _ label: String, hint: String? = nil, autocomplete: String)
        -> Node<HTML.FormContext>
    {
        .group(
            .label(
                .attr("for", "pw-\(name)"), .plain(label), .unwrap(hint) { .span(.attr("class", "hint"), .plain($0)) }),
            .input(
                .attr("type", "password"), .attr("id", "pw-\(name)"), .attr("name", name),
                .attr("required", "required"),
                .attr("autocomplete", autocomplete), .attr("maxlength", "200")))
    }
}

/// The administrator's pages: every user, adding one, and changing or removing one.
enum AdminViews {
    static func users(
        _ users: [User], table: Table<User>, icbs: [ICB], notice: Node<HTML.BodyContext> = .empty,
        form: UserForm = UserForm(),
        problems: [String] = [], context: PageContext
    ) -> HTML {
        Layout.page(
            title: "Users", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Users")],
            content: [
                Layout.paragraph(
                    "Who can sign in, their role and the ICBs it applies to. Commissioners edit their own ICBs' records; finance edits their "
                        + "own ICBs' budgets, spend and reinvestment options; viewers read their own ICBs; regional assurance reads every ICB of one "
                        + "NHS England region; England read-only reads every ICB; administrators manage users and everything else.",
                    class: "lede"),
                notice,
                TableView.whole(
                    table, csv: ListLinks.href(PodiumRoute.adminUsers.path, QueryItems.of([("format", "csv")])),
                    note: Words.count(users.count, "user") + ". "),
                userForm(
                    action: PodiumRoute.adminUsers.path, heading: "Add a user", form: form, icbs: icbs,
                    problems: problems, isNew: true, context: context),
            ])
    }

    static func usersTable(_ users: [User]) -> Table<User> {
        Table(
            id: "users", caption: "Users",
            columns: [
                Column("email", "Email") { .text($0.email, link: PodiumRoute.adminUser(id: $0.id).path) },
                Column("name", "Name") { .text($0.name) },
                Column("role", "Role") { .text($0.grant.role.label) },
                Column("scope", "ICBs or region") { user in
                    .text(user.grant.region?.name ?? user.grant.icbs.sorted().map(\.rawValue).joined(separator: " "))
                },
            ], rows: users, footer: nil)
    }

    static func user(
        _ user: User, icbs: [ICB], form: UserForm, problems: [String] = [], notice: Node<HTML.BodyContext> = .empty,
        context: PageContext
    ) -> HTML {
        Layout.page(
            title: "User: \(user.email)", context: context,
            crumbs: [
                Crumb(title: "England", href: PodiumRoute.home.path),
                Crumb(title: "Users", href: PodiumRoute.adminUsers.path), Crumb(title: user.email),
            ],
            content: [
                notice,
                userForm(
                    action: PodiumRoute.adminUser(id: user.id).path, heading: "Name and access", form: form, icbs: icbs,
                    problems: problems, isNew: false, context: context),
                action(
                    PodiumRoute.adminUserPassword(id: user.id).path, id: "reset-password",
                    heading: "Reset the password",
                    explained: "Makes a new password, shown once, and signs the user out everywhere.",
                    button: "Reset the password", context: context),
                action(
                    PodiumRoute.adminUserDelete(id: user.id).path, id: "delete-user", heading: "Remove the user",
                    explained:
                        "Their sessions and API tokens end. The audit trail keeps their name against what they changed.",
                    button: "Remove \(user.email)", context: context),
            ])
    }

    /// A one-button form that posts to `path` (with the CSRF token), under a heading that says what it does.
    private static func action(
        _ path: String, id: String, heading: String, explained: String, button: String, context: PageContext
    ) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "post"), .attr("action", path), .attr("class", "record-form"), .attr("id", id),
            .h2(.plain(heading)), .p(.plain(explained)), Layout.csrfField(context),
            .button(.attr("type", "submit"), .plain(button)))
    }

    private static func userForm(
        action: String, heading: String, form: UserForm, icbs: [ICB], problems: [String], isNew: Bool,
        context: PageContext
    ) -> Node<HTML.BodyContext> {
        let byRegion = Dictionary(grouping: icbs) { NHSEnglandRegion.of($0.code) }
        return .form(
            .attr("method", "post"), .attr("action", action), .attr("class", "record-form"),
            .attr("id", isNew ? "new-user" : "edit-user"),
            .h2(.plain(heading)),
            problems.isEmpty
                ? .empty
                : .div(
                    .attr("class", "notice error"), .attr("role", "alert"), .ul(.forEach(problems) { .li(.plain($0)) })),
            Layout.csrfField(context),
            .if(
                isNew,
                .group(
                    .label(
                        .attr("for", "u-email"), .plain("Email"),
                        .span(.attr("class", "hint"), .plain("what they sign in with"))),
                    .input(
                        .attr("type", "email"), .attr("id", "u-email"), .attr("name", "email"),
                        .attr("value", form.email), .attr("required", "required"),
                        .attr("maxlength", "254")))),
            .label(
                .attr("for", "u-name"), .plain("Name"),
                .span(.attr("class", "hint"), .plain("shown in the audit trail"))),
            .input(
                .attr("type", "text"), .attr("id", "u-name"), .attr("name", "name"), .attr("value", form.name),
                .attr("required", "required"),
                .attr("maxlength", "200")),
            .label(.attr("for", "u-role"), .plain("Role")),
            .select(
                .attr("id", "u-role"), .attr("name", "role"),
                .forEach(Role.allCases) { role in
                    .choice(role.rawValue, role.label, selected: role.rawValue == form.role)
                }),
            .label(
                .attr("for", "u-icbs"), .plain("ICBs"),
                .span(
                    .attr("class", "hint"),
                    .plain("for commissioner, finance and viewer; choose several for a hosted team"))),
            .select(
                .attr("id", "u-icbs"), .attr("name", "icbs[]"), .attr("multiple", "multiple"), .attr("size", "8"),
                .forEach(NHSEnglandRegion.allCases) { region in
                    .element(
                        named: "optgroup",
                        nodes: [.attr("label", region.name)]
                            + (byRegion[region] ?? []).map { icb in
                                .choice(
                                    icb.code.rawValue, "\(icb.code) \(icb.shortName)",
                                    selected: form.icbs.contains(icb.code.rawValue))
                            })
                }),
            .label(
                .attr("for", "u-region"), .plain("Region"),
                .span(.attr("class", "hint"), .plain("for regional assurance"))),
            .select(
                .attr("id", "u-region"), .attr("name", "region"),
                .choice("", "—", selected: form.region.isEmpty),
                .forEach(NHSEnglandRegion.allCases) { region in
                    .choice(region.rawValue, region.name, selected: region.rawValue == form.region)
                }),
            .if(
                isNew,
                .group(
                    .label(
                        .attr("for", "u-password"), .plain("Password"),
                        .span(
                            .attr("class", "hint"),
                            .plain(
                                "leave empty to make one, shown once; at least \(PasswordPolicy.minimumLength) characters"
                            ))),
                    .input(
                        .attr("type", "password"), .attr("id", "u-password"), .attr("name", "password"),
                        .attr("autocomplete", "new-password"),
                        .attr("maxlength", "200")))),
            .button(.attr("type", "submit"), .plain(isNew ? "Add the user" : "Save"))
        )
    }
}
