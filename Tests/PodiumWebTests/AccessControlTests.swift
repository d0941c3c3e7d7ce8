import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
import PodiumWeb
import Testing
import Vapor
import VaporTesting

/// Proof that scope holds on every route: each registered route is called as users of another ICB, and
/// as nobody, and must refuse (or, for comparisons of ICBs, leave the other ICB out) without exception.
@Suite("Users, roles and ICB scope on every route")
struct AccessControlTests {
    static let cornwall = ICBCode("QT6")!, lancashire = ICBCode("QE1")!
    /// A dental contract commissioned by QT6, and a pharmacy in QT6.
    static let contract = "1639100001", pharmacy = "FA129"
    /// Written into every free-text field of QT6's local records and a variation: it must never reach anyone else.
    static let secret = "QT6-LOCAL-ONLY-7f3a"

    static func data(_ database: any Database) async throws {
        try await Fixtures.importAll(into: database)
        try await ExampleRecords.install(on: database)
        _ = try await GovernanceDefaults.install(on: database)
        #expect(try await plant(secret, icb: cornwall, on: database).count >= 10)
        try await VariationStore(database: database).record(
            ContractVariation(
                contract: ContractNumber(contract)!, effective: CalendarDate(year: 2023, month: 4, day: 1)!,
                change: .termination,
                record: VariationRecord(
                    id: "variation-\(secret)", recordedBy: secret, recordedAt: "2026-11-30T10:00:00Z", reason: secret)))
    }

    /// Pages comparing ICBs built only from published open data: every ICB's published figures may appear.
    static let openComparisons: Set<String> = [
        "/", "/about-the-data", "/access", "/pharmacy-first", "/api/v1/icbs", "/api/v1/pharmacy-first",
    ]
    /// Routes anyone may call, and one's own account.
    static let openRoutes: Set<String> = [
        "/sign-in", "/sign-in/oidc", "/sign-in/oidc/callback", "/assets/podium.css", "/favicon.svg", "/favicon.ico",
        "/healthz", "/api/v1/openapi.json",
    ]
    static let ownAccount: Set<String> = [
        "/sign-out", "/account", "/account/password", "/account/tokens", "/account/tokens/:token/revoke", "/digest",
        "/digest/read",
    ]

    /// Every registered route with its parameters filled with QT6's things (every record template where one is named).
    static func calls(_ app: Application, adminID: String) -> [(method: HTTPMethod, pattern: String, path: String)] {
        app.routes.all.flatMap { route -> [(HTTPMethod, String, String)] in
            let pattern = "/" + route.path.map(\.description).joined(separator: "/")
            let templates = route.path.contains(.parameter("template")) ? RecordTemplate.all.map(\.id) : [""]
            return templates.map { template in
                let path =
                    "/"
                    + route.path.map { component -> String in
                        guard case .parameter(let name) = component else { return component.description }
                        switch name {
                        case "icb": return cornwall.rawValue
                        case "contract": return contract
                        case "pharmacy": return pharmacy
                        case "template": return template
                        case "variation": return "variation-\(secret)"
                        case "reference": return "EX-QT6-1"
                        case "user": return adminID
                        default: return "x"
                        }
                    }.joined(separator: "/")
                return (route.method, pattern, path == "//" ? "/" : path)
            }
        }
    }

    static let namesAnICBsThing = [":icb", ":contract", ":pharmacy"]

    @Test(
        "Every route called by users of another ICB answers 403 or 404, or leaves QT6 out, and changes nothing",
        arguments: [
            Grant(role: .commissioner, icbs: [lancashire]), Grant(role: .finance, icbs: [lancashire]),
            Grant(role: .viewer, icbs: [lancashire]),
            Grant(role: .regionalAssurance, region: .northWest),
        ])
    func otherICB(grant: Grant) async throws {
        try await withWorkbench(data: Self.data) { app in
            let outsider = try await app.session(as: grant)
            let admin = try app.signedIn()
            let before = try await DatabaseSnapshot.take(app.db)
            var checked = 0
            // One's own account pages are about oneself (and signing out would end this session): tested on their own.
            for call in Self.calls(app, adminID: admin.user.id) where !Self.ownAccount.contains(call.pattern) {
                let pattern = call.pattern
                var body = ByteBuffer()
                body.writeString(
                    "kind=termination&effective=2023-05-01&reason=\(Self.secret)&key=x&budget=1&label=x&role=administrator&name=x"
                )
                var headers = HTTPHeaders()
                if call.method != .GET { headers.contentType = .urlEncodedForm }
                try await outsider.test(
                    call.method, call.path, headers: headers, body: call.method == .GET ? nil : body
                ) { response in
                    let text = response.text
                    #expect(response.status.code < 500, "\(call.method) \(call.path)")
                    #expect(!text.contains(Self.secret), "\(call.method) \(call.path) shows QT6's local records")
                    if Self.openRoutes.contains(pattern) { return }
                    checked += 1
                    if pattern.hasPrefix("/admin/") || Self.namesAnICBsThing.contains(where: pattern.contains) {
                        #expect(
                            [403, 404].contains(response.status.code),
                            "\(call.method) \(call.path) answered \(response.status.code)")
                    } else if call.method == .GET, Self.openComparisons.contains(pattern) {
                        #expect(response.status == .ok, "\(call.path)")
                    } else if call.method == .GET {
                        // A comparison including local records: only the reader's ICBs, so QT6 is not named at all.
                        #expect(response.status == .ok, "\(call.path)")
                        #expect(!text.contains("QT6") && !text.contains("Cornwall"), "\(call.path) shows QT6")
                    } else {
                        Issue.record(
                            "\(call.method) \(call.path) is not classified by this test: say what it should answer")
                    }
                }
            }
            #expect(checked >= 60)
            let after = try await DatabaseSnapshot.take(app.db)
            let changed = after.keys.filter {
                !["sessions", "sign_in_failures", "api_tokens", "users", "user_icbs"].contains($0)
                    && after[$0] != before[$0]
            }
            #expect(changed.isEmpty, "tables changed by another ICB's user: \(changed)")
        }
    }

    @Test("Without signing in, every route but the open ones sends pages to sign in and answers 401 elsewhere")
    func anonymous() async throws {
        try await withWorkbench(data: Self.data) { app in
            let tester = try app.testing()
            for call in Self.calls(app, adminID: "x") where !Self.openRoutes.contains(call.pattern) {
                try await tester.test(call.method, call.path) { response in
                    #expect(!response.text.contains(Self.secret), "\(call.path)")
                    if call.method == .GET, !call.path.hasPrefix("/api/") {
                        #expect(response.status == .seeOther, "\(call.path)")
                        #expect(
                            response.headers.first(name: .location)?.hasPrefix("/sign-in?next=") == true, "\(call.path)"
                        )
                    } else {
                        #expect(response.status == .unauthorized, "\(call.method) \(call.path)")
                    }
                }
            }
            // (Signing in through a provider is open too, and answers 404 here, where none is set up: OpenIDTests.)
            for path in Self.openRoutes.subtracting(["/sign-in", "/sign-in/oidc", "/sign-in/oidc/callback"]) {
                try await tester.test(.GET, path) { #expect($0.status == .ok, "\(path)") }
            }
        }
    }

    @Test(
        "With public open data on, open-data pages answer anyone, hold no local records, and everything else still needs sign-in"
    )
    func publicOpenData() async throws {
        try await withWorkbench(auth: AuthSettings(publicOpenData: true), data: Self.data) { app in
            let tester = try app.testing()
            let open = [
                "/", "/icbs/QT6", "/icbs/QT6/dental-contracts", "/icbs/QT6/dental-practices", "/icbs/QT6/access",
                "/access", "/pharmacy-first",
                "/about-the-data", "/api/v1/icbs/QT6", "/api/v1/icbs/QT6/pharmacies",
                "/api/v1/dental-contracts/\(Self.contract)",
            ]
            for path in open {
                try await tester.test(.GET, path) { response in
                    #expect(response.status == .ok, "\(path)")
                    #expect(!response.text.contains(Self.secret), "\(path)")
                    #expect(!response.text.contains("action=\"/sign-out\""))
                }
            }
            for path in [
                "/icbs/QT6/pharmacies", "/icbs/QT6/finance", "/icbs/QT6/governance",
                "/dental-contracts/\(Self.contract)", "/api/v1/finance",
                "/pharmacies/\(Self.pharmacy)", "/icbs/QT6/records/risks",
            ] {
                try await tester.test(.GET, path) { #expect([303, 401].contains($0.status.code), "\(path)") }
            }
        }
    }

    @Test("Each role reads and changes what it should, and pages offer forms only to those who may use them")
    func rolesAtWork() async throws {
        try await withWorkbench(data: Self.data) { app in
            let commissioner = try await app.session(as: Grant(role: .commissioner, icbs: [Self.cornwall]))
            let finance = try await app.session(as: Grant(role: .finance, icbs: [Self.cornwall]))
            let viewer = try await app.session(as: Grant(role: .viewer, icbs: [Self.cornwall]))
            let regional = try await app.session(as: Grant(role: .regionalAssurance, region: .southWest))
            let england = try await app.session(as: Grant(role: .englandReadOnly))
            let hosted = try await app.session(as: Grant(role: .commissioner, icbs: [Self.cornwall, ICBCode("QOX")!]))
            let closure = [
                "ods_code": Self.pharmacy, "date": "2026-11-02", "kind": "temporary", "hours_lost": "2",
                "reason": "staffing",
            ]
            let budget = [
                "financial_year": "2026/27", "line": "dental-primary", "budget": "1", "notes": "", "version": "",
                "version_key": "",
            ]
            func post(_ who: SessionTester, _ path: String, _ form: [String: String]) async throws -> UInt {
                var status: UInt = 0
                try await who.test(.POST, path, beforeRequest: { try $0.content.encode(form, as: .urlEncodedForm) }) {
                    status = $0.status.code
                }
                return status
            }
            func get(_ who: SessionTester, _ path: String) async throws -> (UInt, String) {
                var result: (UInt, String) = (0, "")
                try await who.test(.GET, path) { result = ($0.status.code, $0.text) }
                return result
            }
            // Commissioner: edits any QT6 record; finance: only finance records; the rest read.
            #expect(try await post(commissioner, "/icbs/QT6/records/pharmacy-closures/form", closure) == 303)
            #expect(try await post(finance, "/icbs/QT6/records/pharmacy-closures/form", closure) == 403)
            #expect(try await post(finance, "/icbs/QT6/records/budget-lines/form", budget) == 303)
            for reader in [viewer, regional, england] {
                #expect(try await post(reader, "/icbs/QT6/records/budget-lines/form", budget) == 403)
                #expect(try await get(reader, "/icbs/QT6/governance").0 == 200)
            }
            // Forms appear only where they can be used.
            #expect(try await get(commissioner, "/icbs/QT6/records/risks").1.contains("Upload a file"))
            #expect(try await !get(viewer, "/icbs/QT6/records/risks").1.contains("Upload a file"))
            #expect(try await !get(finance, "/icbs/QT6/records/risks").1.contains("Upload a file"))
            #expect(try await get(finance, "/icbs/QT6/records/budget-lines").1.contains("Upload a file"))
            let variationForm = "action=\"/dental-contracts/\(Self.contract)/variations\""
            #expect(try await !get(viewer, "/dental-contracts/\(Self.contract)").1.contains(variationForm))
            #expect(try await get(commissioner, "/dental-contracts/\(Self.contract)").1.contains(variationForm))
            // Regional assurance reads the region's seven ICBs and no other; England read-only reads all.
            #expect(try await get(regional, "/icbs/QOX/finance").0 == 200)
            #expect(try await get(regional, "/icbs/QE1/finance").0 == 403)
            #expect(try await get(england, "/icbs/QE1/finance").0 == 200)
            let regionalFinance = try await get(regional, "/api/v1/finance")
            #expect(regionalFinance.1.components(separatedBy: "\"forecastOutturn\"").count - 1 >= 7)
            let count = { (json: String, key: String) throws -> Int? in
                guard case .array(let items) = try JSONValue.parse(json)[key] else { return nil }
                return items.count
            }
            #expect(try count(regionalFinance.1, "icbs") == 7)
            #expect(try count(try await get(england, "/api/v1/finance").1, "icbs") == 42)
            // A hosted team holds two ICBs and sees both, and only both, side by side.
            #expect(try count(try await get(hosted, "/api/v1/dental-position").1, "icbs") == 2)
            #expect(try await get(hosted, "/icbs/QOX/records/risks").0 == 200)
            // The home page puts the reader's own ICBs first.
            let home = try await get(hosted, "/").1
            #expect(home.contains("id=\"your-icbs\"") && home.contains("Your ICBs: <a href=\"/icbs/QOX\">"))
            #expect(try await !get(england, "/").1.contains("id=\"your-icbs\""))
            // Users and installation settings are the administrator's.
            for user in [commissioner, finance, viewer, regional, england] {
                #expect(try await get(user, "/admin/users").0 == 403)
            }
        }
    }

    @Test(
        "A post without the session's CSRF token, with a wrong one, or from another site is refused and changes nothing"
    )
    func csrf() async throws {
        try await withWorkbench(data: Self.data) { app in
            let commissioner = try await app.session(as: Grant(role: .commissioner, icbs: [Self.cornwall]))
            let closure = [
                "ods_code": Self.pharmacy, "date": "2026-11-03", "kind": "temporary", "hours_lost": "2",
                "reason": "staffing",
            ]
            let other = try await app.session(as: Grant(role: .commissioner, icbs: [Self.cornwall]))
            let before = try await DatabaseSnapshot.take(app.db)
            for headers: HTTPHeaders in [
                ["X-No-CSRF": "1"], ["X-CSRF-Token": "forged"],
                ["Origin": "https://evil.example", "X-CSRF-Token": commissioner.csrfToken],
            ] {
                try await commissioner.test(
                    .POST, "/icbs/QT6/records/pharmacy-closures/form", headers: headers,
                    beforeRequest: {
                        try $0.content.encode(closure, as: .urlEncodedForm)
                    }
                ) { #expect($0.status == .forbidden) }
            }
            // The same post from another session carries that session's token, not this one's.
            var withOthers = closure
            withOthers["_csrf"] = other.csrfToken
            try await commissioner.test(
                .POST, "/icbs/QT6/records/pharmacy-closures/form", headers: ["X-No-CSRF": "1"],
                beforeRequest: {
                    try $0.content.encode(withOthers, as: .urlEncodedForm)
                }
            ) { #expect($0.status == .forbidden) }
            #expect(try await DatabaseSnapshot.take(app.db) == before)
            // The right token in the form, as a browser sends it, saves.
            var good = closure
            good["_csrf"] = commissioner.csrfToken
            try await commissioner.test(
                .POST, "/icbs/QT6/records/pharmacy-closures/form",
                headers: ["X-No-CSRF": "1", "Origin": "http://localhost"],
                beforeRequest: {
                    $0.headers.replaceOrAdd(name: .host, value: "localhost")
                    try $0.content.encode(good, as: .urlEncodedForm)
                }
            ) { #expect($0.status == .seeOther) }
        }
    }
}

@Suite("Signing in, sessions, passwords, API tokens and the users page")
struct SignInTests {
    /// The sign-in page's form token, as the browser holds it in a cookie and the form.
    static func signInForm(_ tester: any TestingApplicationTester) async throws -> (cookie: String, token: String) {
        var result = ("", "")
        try await tester.test(.GET, "/sign-in") { response in
            #expect(response.status == .ok)
            let cookie = response.headers.setCookie?["podium_sign_in"]?.string ?? ""
            result = ("podium_sign_in=\(cookie)", cookie)
            #expect(response.text.contains("name=\"_csrf\" value=\"\(cookie)\""))
        }
        return result
    }

    static func signIn(
        _ tester: any TestingApplicationTester, email: String, password: String, next: String = "/icbs/QT6",
        headers: HTTPHeaders = [:]
    ) async throws -> TestingHTTPResponse {
        let form = try await signInForm(tester)
        var headers = headers
        headers.add(name: .cookie, value: form.cookie)
        return try await tester.sendRequest(
            .POST, "/sign-in", headers: headers,
            beforeRequest: {
                try $0.content.encode(
                    ["email": email, "password": password, "_csrf": form.token, "next": next], as: .urlEncodedForm)
            })
    }

    @Test("The right password starts a session in an HttpOnly, SameSite cookie; signing out ends it")
    func signInAndOut() async throws {
        try await withWorkbench { app in
            let tester = try app.testing()
            try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery",
                grant: Grant(role: .viewer, icbs: [ICBCode("QT6")!]), on: app.db, at: "t")
            let wrong = try await Self.signIn(tester, email: "ann@example.nhs.uk", password: "wrong horse battery")
            #expect(wrong.status == .unauthorized)
            #expect(wrong.body.string.contains("The email or password is not right."))
            let response = try await Self.signIn(tester, email: "ANN@example.nhs.uk", password: "correct horse battery")
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/icbs/QT6")
            let setCookie = response.headers.first(name: .setCookie) ?? ""
            #expect(
                setCookie.hasPrefix("podium_session=") && setCookie.contains("HttpOnly")
                    && setCookie.contains("SameSite=Lax"))
            #expect(!setCookie.contains("Secure"))
            let cookie = "podium_session=" + (response.headers.setCookie?["podium_session"]?.string ?? "")
            var csrf = ""
            try await tester.test(.GET, "/icbs/QT6", headers: ["Cookie": cookie]) { page in
                #expect(page.status == .ok)
                #expect(page.text.contains(">Ann</a>"))
                csrf =
                    page.text.components(separatedBy: "name=\"_csrf\" value=\"").dropFirst().first?.components(
                        separatedBy: "\""
                    ).first ?? ""
            }
            // A page the viewer's ICB does not cover.
            try await tester.test(.GET, "/icbs/QE1/finance", headers: ["Cookie": cookie]) {
                #expect($0.status == .forbidden)
            }
            try await tester.test(
                .POST, "/sign-out", headers: ["Cookie": cookie],
                beforeRequest: { try $0.content.encode(["_csrf": csrf], as: .urlEncodedForm) }
            ) {
                #expect($0.status == .seeOther)
            }
            try await tester.test(.GET, "/icbs/QT6", headers: ["Cookie": cookie]) { #expect($0.status == .seeOther) }
            // A sign-in post without the form's own token is refused, and `next` never leads off the site.
            try await tester.test(
                .POST, "/sign-in",
                beforeRequest: {
                    try $0.content.encode(
                        ["email": "ann@example.nhs.uk", "password": "correct horse battery"], as: .urlEncodedForm)
                }
            ) { #expect($0.status == .forbidden) }
            let offsite = try await Self.signIn(
                tester, email: "ann@example.nhs.uk", password: "correct horse battery", next: "//evil.example/x")
            #expect(offsite.headers.first(name: .location) == "/")
        }
    }

    @Test("Secure cookies carry the __Host- prefix and Secure")
    func secureCookie() async throws {
        try await withWorkbench(auth: AuthSettings(secureCookies: true)) { app in
            try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery",
                grant: Grant(role: .englandReadOnly), on: app.db, at: "t")
            let response = try await Self.signIn(
                try app.testing(), email: "ann@example.nhs.uk", password: "correct horse battery")
            let setCookie = response.headers.first(name: .setCookie) ?? ""
            #expect(
                setCookie.hasPrefix("__Host-podium_session=") && setCookie.contains("Secure")
                    && setCookie.contains("Path=/"))
        }
    }

    @Test("Five wrong passwords make the account wait, even with the right one, and say for how long")
    func rateLimited() async throws {
        try await withWorkbench { app in
            let tester = try app.testing()
            try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery",
                grant: Grant(role: .englandReadOnly), on: app.db, at: "t")
            for _ in 0..<5 {
                #expect(
                    try await Self.signIn(tester, email: "ann@example.nhs.uk", password: "guess guess guess").status
                        == .unauthorized)
            }
            let refused = try await Self.signIn(tester, email: "ann@example.nhs.uk", password: "correct horse battery")
            #expect(refused.status == .tooManyRequests)
            #expect(Int(refused.headers.first(name: "Retry-After") ?? "") ?? 0 > 800)
            #expect(refused.body.string.contains("Try again in 15 minutes"))
            // Another account is not held back by Ann's failures.
            try await Accounts.create(
                email: "bob@example.nhs.uk", name: "Bob", password: "another good password",
                grant: Grant(role: .englandReadOnly), on: app.db, at: "t")
            #expect(
                try await Self.signIn(tester, email: "bob@example.nhs.uk", password: "another good password").status
                    == .seeOther)
        }
    }

    @Test("Changing a password needs the current one, follows the policy and signs out the other sessions")
    func changePassword() async throws {
        try await withWorkbench { app in
            let user = try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery",
                grant: Grant(role: .viewer, icbs: [ICBCode("QT6")!]), on: app.db, at: "t")
            let here = try await BrowserSessions.start(for: user, hours: 1, on: app.db, clock: app.clock)
            let elsewhere = try await BrowserSessions.start(for: user, hours: 1, on: app.db, clock: app.clock)
            let tester = try app.testing()
            func change(_ form: [String: String]) async throws -> TestingHTTPResponse {
                try await tester.sendRequest(
                    .POST, "/account/password",
                    headers: ["Cookie": "podium_session=\(here.token)", "X-CSRF-Token": here.csrfToken],
                    beforeRequest: {
                        try $0.content.encode(form, as: .urlEncodedForm)
                    })
            }
            let bad = try await change(["current": "nope nope nope", "new": "short", "confirm": "other"])
            #expect(bad.status == .unprocessableEntity)
            for message in ["The current password is not right.", "at least 12 characters", "differ"] {
                #expect(bad.body.string.contains(message))
            }
            let good = try await change([
                "current": "correct horse battery", "new": "staple battery horse", "confirm": "staple battery horse",
            ])
            #expect(good.status == .ok)
            #expect(good.body.string.contains("Your password is changed"))
            #expect(
                try await Accounts.verify(email: "ann@example.nhs.uk", password: "staple battery horse", on: app.db)
                    == user)
            try await tester.test(.GET, "/account", headers: ["Cookie": "podium_session=\(elsewhere.token)"]) {
                #expect($0.status == .seeOther)
            }
            try await tester.test(.GET, "/account", headers: ["Cookie": "podium_session=\(here.token)"]) {
                #expect($0.status == .ok)
            }
        }
    }

    @Test("An API token made on the account page reads the API with its owner's scope, and stops when revoked")
    func apiTokens() async throws {
        try await withWorkbench { app in
            let ann = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QT6")!]), name: "Ann")
            var token = ""
            try await ann.test(
                .POST, "/account/tokens",
                beforeRequest: { try $0.content.encode(["label": "Power BI refresh"], as: .urlEncodedForm) }
            ) { response in
                #expect(response.status == .ok)
                token =
                    response.text.components(separatedBy: "<code class=\"secret\">").dropFirst().first?.components(
                        separatedBy: "</code>"
                    ).first ?? ""
                #expect(response.text.contains("Power BI refresh"))
            }
            #expect(token.hasPrefix("podium_") && token.count > 40)
            let tester = try app.testing()
            let bearer: HTTPHeaders = ["Authorization": "Bearer \(token)"]
            try await tester.test(.GET, "/api/v1/icbs/QT6/finance", headers: bearer) { #expect($0.status == .ok) }
            try await tester.test(.GET, "/api/v1/icbs/QE1/finance", headers: bearer) {
                #expect($0.status == .forbidden)
            }
            try await tester.test(
                .GET, "/api/v1/icbs/QT6/finance", headers: ["Authorization": "Bearer podium_not-a-token"]
            ) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers.first(name: "WWW-Authenticate")?.hasPrefix("Bearer") == true)
            }
            let stored = try await UserStore(database: app.db).tokens(of: ann.user.id)
            #expect(stored.count == 1 && stored[0].lastUsedAt != nil)
            try await ann.test(.POST, "/account/tokens/\(stored[0].id)/revoke") { #expect($0.status == .seeOther) }
            try await tester.test(.GET, "/api/v1/icbs/QT6/finance", headers: bearer) {
                #expect($0.status == .unauthorized)
            }
            // Another user cannot revoke Ann's tokens.
            let other = try await APITokens.make(
                forEmail: ann.user.email, label: "second", on: app.db, clock: app.clock)
            #expect(other != nil)
            let bob = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QT6")!]))
            let id = try await UserStore(database: app.db).tokens(of: ann.user.id)[0].id
            try await bob.test(.POST, "/account/tokens/\(id)/revoke") { #expect($0.status == .notFound) }
        }
    }

    @Test(
        "The administrator adds a user with a password shown once, changes the role, resets the password and removes them"
    )
    func administration() async throws {
        try await withWorkbench { app in
            let admin = try app.signedIn()
            var password = ""
            try await admin.test(
                .POST, "/admin/users",
                beforeRequest: {
                    try $0.content.encode(
                        [
                            "email": "cara@example.nhs.uk", "name": "Cara", "role": "commissioner", "icbs[]": "QT6",
                            "region": "", "password": "",
                        ], as: .urlEncodedForm)
                }
            ) { response in
                #expect(response.status == .ok)
                password =
                    response.text.components(separatedBy: "<code class=\"secret\">").dropFirst().first?.components(
                        separatedBy: "</code>"
                    ).first ?? ""
                #expect(response.text.contains("cara@example.nhs.uk"))
            }
            #expect(password.count == 20)
            let cara = try #require(
                try await Accounts.verify(email: "cara@example.nhs.uk", password: password, on: app.db))
            #expect(cara.grant == Grant(role: .commissioner, icbs: [ICBCode("QT6")!]))
            // Refused: a role without its ICB, and a duplicate email.
            try await admin.test(
                .POST, "/admin/users",
                beforeRequest: {
                    try $0.content.encode(
                        ["email": "dan@example.nhs.uk", "name": "Dan", "role": "viewer"], as: .urlEncodedForm)
                }
            ) { response in
                #expect(response.status == .unprocessableEntity)
                #expect(response.text.contains("A viewer needs at least one ICB."))
            }
            try await admin.test(
                .POST, "/admin/users",
                beforeRequest: {
                    try $0.content.encode(
                        ["email": "CARA@example.nhs.uk", "name": "Cara", "role": "england-read-only"],
                        as: .urlEncodedForm)
                }
            ) { #expect($0.status == .unprocessableEntity && $0.text.contains("already exists")) }
            try await admin.test(
                .POST, "/admin/users/\(cara.id)",
                beforeRequest: {
                    try $0.content.encode(
                        ["name": "Cara Jones", "role": "regional-assurance", "region": "Y58", "icbs[]": "QT6"],
                        as: .urlEncodedForm)
                }
            ) { #expect($0.status == .ok) }
            #expect(
                try await UserStore(database: app.db).user(id: cara.id)?.grant
                    == Grant(role: .regionalAssurance, region: .southWest))
            try await admin.test(.POST, "/admin/users/\(cara.id)/password") { response in
                let fresh =
                    response.text.components(separatedBy: "<code class=\"secret\">").dropFirst().first?.components(
                        separatedBy: "</code>"
                    ).first ?? ""
                #expect(fresh.count == 20 && fresh != password)
            }
            #expect(try await Accounts.verify(email: "cara@example.nhs.uk", password: password, on: app.db) == nil)
            try await admin.test(.GET, "/admin/users?format=csv") { response async throws in
                #expect(try csvRows(response.text).count == 3)
            }
            try await admin.test(.POST, "/admin/users/\(cara.id)/delete") { #expect($0.status == .ok) }
            #expect(try await UserStore(database: app.db).user(id: cara.id) == nil)
            try await admin.test(.POST, "/admin/users/\(admin.user.id)/delete") { #expect($0.status == .badRequest) }
        }
    }

    @Test(
        "The demo account is an administrator on an empty installation, gets a new password each run, and is not added beside real users"
    )
    func demoAccount() async throws {
        try await TestDatabase.with { handle in
            let first = try #require(
                try await DemoAccount.prepare(on: handle.database, password: nil, clock: .fixed(Fixtures.t0)))
            #expect(first.email == DemoAccount.email && first.password.count == 20)
            let second = try #require(
                try await DemoAccount.prepare(
                    on: handle.database, password: "a chosen demo password", clock: .fixed(Fixtures.t0)))
            #expect(
                try await Accounts.verify(
                    email: DemoAccount.email, password: "a chosen demo password", on: handle.database)?.grant.role
                    == .administrator)
            #expect(
                try await Accounts.verify(email: DemoAccount.email, password: first.password, on: handle.database)
                    == nil)
            #expect(second.password == "a chosen demo password")
        }
        try await TestDatabase.with { handle in
            try await Accounts.create(
                email: "real@example.nhs.uk", name: "Real", password: "a real password!",
                grant: Grant(role: .administrator), on: handle.database, at: "t")
            #expect(
                try await DemoAccount.prepare(on: handle.database, password: nil, clock: .fixed(Fixtures.t0)) == nil)
            #expect(try await UserStore(database: handle.database).count() == 1)
        }
    }
}
