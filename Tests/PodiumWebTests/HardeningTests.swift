import Foundation
import NIOCore
import PodiumCore
import PodiumData
import PodiumImport
import PodiumTestSupport
import Testing
import Vapor
import VaporTesting

@testable import PodiumWeb

/// Faults found when Podium was attacked on purpose (issue 26), each reproduced as it was found.
@Suite("Hardening: tokens, redirects, compressed uploads, control characters, headers")
struct HardeningTests {
    @Test("F2: an API token reads the API and nothing else: no pages, no forms, no tokens, no users")
    func tokensReadTheAPIOnly() async throws {
        try await withWorkbench { app in
            let ann = try await app.session(
                as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), email: "ann@example.nhs.uk")
            let admin = try await app.session(as: Grant(role: .administrator), email: "root@example.nhs.uk")
            let annToken = try #require(
                try await APITokens.make(forEmail: ann.user.email, label: "t", on: app.db, clock: app.clock))
            let adminToken = try #require(
                try await APITokens.make(forEmail: admin.user.email, label: "t", on: app.db, clock: app.clock))
            let tester = try app.testing()
            let bearer = { (token: String) -> HTTPHeaders in ["Authorization": "Bearer \(token)"] }
            try await tester.test(.GET, "/api/v1/icbs/QT6/finance", headers: bearer(annToken)) {
                #expect($0.status == .ok)
            }
            // Everything but when each token was last used (which a refused request still records).
            let snapshot = { try await DatabaseSnapshot.take(app.db).filter { $0.key != "api_tokens" } }
            let before = try await snapshot()
            for (method, path, token) in [
                (HTTPMethod.GET, "/icbs/QT6", annToken), (.GET, "/account", annToken),
                (.POST, "/icbs/QT6/records/risks/form", annToken), (.POST, "/account/tokens", annToken),
                (.POST, "/admin/users", adminToken), (.GET, "/admin/users", adminToken),
            ] {
                var headers = bearer(token)
                headers.contentType = .urlEncodedForm
                try await tester.test(
                    method, path, headers: headers,
                    body: ByteBuffer(
                        string: "key=R9&title=x&label=minted&email=evil%40example.nhs.uk&role=administrator")
                ) { response in
                    #expect(response.status == .forbidden, "\(method) \(path)")
                    #expect(response.body.string.contains("reads the API"), "\(path)")
                }
            }
            #expect(try await snapshot() == before)
            // A password change (or an administrator's reset) revokes every token of the account.
            try await Accounts.setPassword("a new long passphrase here", for: ann.user, on: app.db)
            try await tester.test(.GET, "/api/v1/icbs/QT6/finance", headers: bearer(annToken)) {
                #expect($0.status == .unauthorized)
            }
        }
    }

    @Test("F2: a token may expire: it reads the API until then and not after; the account page offers 30 days to never")
    func tokensExpire() async throws {
        try await withWorkbench { app in
            let ann = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]))
            let store = UserStore(database: app.db)
            let tester = try app.testing()
            let now = Fixtures.t0
            for (token, expires, status) in [
                ("podium_expired", now.addingTimeInterval(-1), HTTPStatus.unauthorized),
                ("podium_current", now.addingTimeInterval(3600), .ok),
            ] {
                try await store.createToken(
                    id: token, tokenHash: Secret.hash(token), userID: ann.user.id, label: token,
                    createdAt: WallClock.iso(now.addingTimeInterval(-86_400)), expiresAt: WallClock.iso(expires))
                try await tester.test(.GET, "/api/v1/icbs/QT6", headers: ["Authorization": "Bearer \(token)"]) {
                    #expect($0.status == status, "\(token)")
                }
            }
            // Made on the account page: 30 days from now, as chosen, and said so in the tokens table.
            try await ann.test(
                .POST, "/account/tokens",
                beforeRequest: { try $0.content.encode(["label": "reports", "expires": "30"], as: .urlEncodedForm) }
            ) { #expect($0.status == .ok) }
            let made = try #require(try await store.tokens(of: ann.user.id).first { $0.label == "reports" })
            #expect(made.expiresAt == WallClock.iso(now.addingTimeInterval(30 * 86_400)))
            try await ann.test(.GET, "/account") { response in
                #expect(response.text.contains("<option value=\"90\" selected>90 days</option>"))
                #expect(response.text.contains("Stops working"))
            }
        }
    }

    @Test("F3: 'next' after sign-in is a local path or the home page; tabs, nulls and other hosts are not")
    func noOpenRedirect() async throws {
        for (next, expected) in [
            ("/icbs/QT6", "/icbs/QT6"), ("/icbs/QT6?year=2024-25", "/icbs/QT6?year=2024-25"),
            ("/\t/127.0.0.1:8097/pwned", "/"), ("/\u{0B}/evil.example", "/"), ("/\u{0C}/evil.example", "/"),
            ("/\u{00}/evil.example", "/"), ("//evil.example", "/"), ("/\\evil.example", "/"),
            ("https://evil.example/", "/"), ("/ /evil.example", "/"), ("/sign-in", "/"),
        ] {
            #expect(AccountController.safeNext(next) == expected, "\(next.debugDescription)")
        }
        try await withWorkbench { app in
            try await app.signedIn().test(.GET, "/sign-in?next=/%09/127.0.0.1:8097/pwned") { response in
                #expect(response.status == .seeOther)
                #expect(response.headers.first(name: .location) == "/")
            }
        }
    }

    @Test("F1: a gzip bomb uploaded as a risk log is refused in words and changes nothing")
    func gzipBombUpload() async throws {
        try await withWorkbench { app in
            let ann = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]))
            var text = Array("reference,title\n".utf8)
            text += [UInt8](repeating: 0x0A, count: 48 << 20)
            let bomb = try SourceFile.gzip(text)
            let before = try await DatabaseSnapshot.take(app.db)
            try await Self.upload(bomb, named: "risks.csv.gz", by: ann) { response in
                #expect(response.status == .unprocessableEntity || response.status == .badRequest)
                #expect(response.body.string.contains("more than 200 times"))
            }
            #expect(try await DatabaseSnapshot.take(app.db) == before)
        }
    }

    @Test("A risk log saved as UTF-16 ('Unicode text') is refused by its encoding, not as missing columns")
    func utf16Upload() async throws {
        try await withWorkbench { app in
            let ann = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]))
            let text = "reference,title,description\r\nR1,Workforce,Too few dentists\r\n"
            let before = try await DatabaseSnapshot.take(app.db)
            let units = Array(text.utf16)
            let littleEndian: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
            let bigEndianWithoutMark: [UInt8] = units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
            for (bytes, encoding) in [
                (littleEndian, "UTF-16 (little-endian)"), (bigEndianWithoutMark, "UTF-16 (big-endian)"),
            ] {
                try await Self.upload(bytes, named: "risks.csv", by: ann) { response in
                    #expect(response.status == .unprocessableEntity)
                    #expect(response.body.string.contains("is \(encoding) text"), "\(encoding)")
                    #expect(!response.body.string.contains("column"), "\(encoding)")
                }
            }
            #expect(try await DatabaseSnapshot.take(app.db) == before)
        }
    }

    /// Posts a file to the risk log's upload form, as the browser's multipart form does.
    static func upload(
        _ bytes: [UInt8], named name: String, by session: SessionTester, check: (TestingHTTPResponse) throws -> Void
    ) async throws {
        var body = ByteBuffer()
        let boundary = "podium-test-boundary"
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"_csrf\"\r\n\r\n\(session.csrfToken)\r\n")
        body.writeString(
            "--\(boundary)\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\(name)\"\r\nContent-Type: application/octet-stream\r\n\r\n"
        )
        body.writeBytes(bytes)
        body.writeString("\r\n--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "multipart", subType: "form-data", parameters: ["boundary": boundary])
        headers.add(name: "X-No-CSRF", value: "form")
        try await session.test(
            .POST, "/icbs/QT6/records/risks/upload", headers: headers, body: body, afterResponse: check)
    }

    @Test("F4: a viewer's huge form is refused before it is read; a form over 64 KB is too large for anyone")
    func formBodies() async throws {
        try await withWorkbench { app in
            let viewer = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QT6")!]))
            let ann = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]))
            // 1.5 MB of k=v fields, the CSRF token last so that finding it means reading everything.
            let fields = String(repeating: "k=v&", count: 400_000)
            for (who, expected) in [(viewer, HTTPStatus.forbidden), (ann, .payloadTooLarge)] {
                var headers = HTTPHeaders()
                headers.contentType = .urlEncodedForm
                headers.add(name: "X-No-CSRF", value: "form")
                try await who.test(
                    .POST, "/icbs/QT6/records/risks/form", headers: headers,
                    body: ByteBuffer(string: fields + "_csrf=\(who.csrfToken)")
                ) { response in
                    #expect(response.status == expected, "\(who.user.grant.role)")
                }
            }
        }
    }

    @Test("The sign-in form refuses a post another site made, even with a matching cookie and field")
    func signInOrigin() async throws {
        try await withWorkbench { app in
            try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery",
                grant: Grant(role: .viewer, icbs: [ICBCode("QT6")!]), on: app.db, at: "t")
            let tester = try app.testing()
            for headers: HTTPHeaders in [["Origin": "http://evil.example"], ["Sec-Fetch-Site": "cross-site"]] {
                let response = try await SignInTests.signIn(
                    tester, email: "ann@example.nhs.uk", password: "correct horse battery", headers: headers)
                #expect(response.status == .forbidden, "\(headers)")
                #expect(response.body.string.contains("came from another site"))
                #expect(response.headers.setCookie?["podium_session"] == nil)
            }
            // The same form from Podium's own page signs in.
            let own = try await SignInTests.signIn(
                tester, email: "ann@example.nhs.uk", password: "correct horse battery",
                headers: ["Sec-Fetch-Site": "same-origin"])
            #expect(own.status == .seeOther)
        }
    }

    @Test("F6, F7: keys are each ICB's own; a PNA is the ICB's record: listed, downloaded, audited and deleted")
    func perICBKeys() async throws {
        try await withWorkbench { app in
            let ann = try await app.session(
                as: Grant(role: .commissioner, icbs: [ICBCode("QT6")!]), name: "Ann Cornwall")
            let lan = try await app.session(as: Grant(role: .commissioner, icbs: [ICBCode("QE1")!]))
            let lanViewer = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QE1")!]))
            func post(_ who: SessionTester, _ path: String, _ form: [String: String]) async throws -> (UInt, String) {
                var result: (UInt, String) = (0, "")
                try await who.test(.POST, path, beforeRequest: { try $0.content.encode(form, as: .urlEncodedForm) }) {
                    result = ($0.status.code, $0.text)
                }
                return result
            }
            func get(_ who: SessionTester, _ path: String) async throws -> (UInt, String) {
                var result: (UInt, String) = (0, "")
                try await who.test(.GET, path) { result = ($0.status.code, $0.text) }
                return result
            }
            let pna = [
                "hwb_code": "E06000052", "kind": "pna", "published": "2025-01-01", "title": "Cornwall PNA 2025 to 2028",
                "url": "", "version": "", "version_key": "",
            ]
            #expect(try await post(ann, "/icbs/QT6/records/pna-documents/form", pna).0 == 303)
            // F7: the ICB's list, its CSV and the API show it; its form shows who added it.
            for path in [
                "/icbs/QT6/records/pna-documents", "/icbs/QT6/records/pna-documents?format=csv",
                "/api/v1/icbs/QT6/records/pna-documents",
            ] {
                let (status, text) = try await get(ann, path)
                #expect(status == 200 && text.contains("Cornwall PNA 2025 to 2028"), "\(path)")
            }
            let key = "E06000052%7Cpna%7C2025-01-01"
            let form = try await get(ann, "/icbs/QT6/records/pna-documents/form?key=\(key)")
            #expect(form.0 == 200 && form.1.contains("Ann Cornwall"))
            // F6: another ICB cannot read it by its key, and is not told whose it is.
            let foreign = try await get(lanViewer, "/icbs/QE1/records/pna-documents/form?key=\(key)")
            #expect(foreign.0 == 404)
            #expect(!foreign.1.contains("Cornwall PNA") && !foreign.1.contains("QT6"))
            // F6: a GOS contract number QT6 holds is QE1's own to use, and QE1 is told nothing of QT6's.
            let gos = [
                "contract_number": "G1", "kind": "mandatory", "contractor": "Kernow Eyes Ltd", "premises": "Bude",
                "premises_postcode": "EX23 8AF", "start_date": "2024-04-01", "end_date": "", "version": "",
                "version_key": "",
            ]
            #expect(try await post(ann, "/icbs/QT6/records/gos-contracts/form", gos).0 == 303)
            var theirs = gos
            theirs["contractor"] = "Red Rose Optical"
            let taken = try await post(lan, "/icbs/QE1/records/gos-contracts/form", theirs)
            #expect(taken.0 == 303 && !taken.1.contains("QT6"))
            #expect(try await get(ann, "/icbs/QT6/records/gos-contracts/form?key=G1").1.contains("Kernow Eyes Ltd"))
            #expect(try await get(lan, "/icbs/QE1/records/gos-contracts/form?key=G1").1.contains("Red Rose Optical"))
            // F7: the administrator (and the ICB's commissioner) can delete it.
            #expect(
                try await post(
                    try app.signedIn(), "/icbs/QT6/records/pna-documents/delete", ["key": "E06000052|pna|2025-01-01"]
                )
                .0 == 303)
            let after = try await get(ann, "/icbs/QT6/records/pna-documents?format=csv").1
            #expect(!after.contains("Cornwall PNA 2025 to 2028"))
        }
    }

    /// Something a test opens when it chooses: work that runs until then.
    actor Gate {
        private var open = false
        private var waiting: [CheckedContinuation<Void, Never>] = []
        func wait() async {
            if open { return }
            await withCheckedContinuation { waiting.append($0) }
        }
        func release() {
            open = true
            for continuation in waiting { continuation.resume() }
            waiting = []
        }
    }

    @Test("F5: expensive work runs a few at a time; one person's share, then the queue, are refused at once")
    func workLimiter() async throws {
        let limiter = WorkLimiter(work: "test work", slots: 1, perPerson: 1, queue: 1, patience: .seconds(30))
        let gate = Gate()
        let ann = Task {
            try await limiter.run(for: "ann") {
                await gate.wait()
                return "ann"
            }
        }
        while await limiter.load.running == 0 { await Task.yield() }
        // Ann's share is one: a second request of hers is refused (429), not queued.
        await #expect(throws: WebError.self) { try await limiter.run(for: "ann") { "again" } }
        do {
            _ = try await limiter.run(for: "ann") { "again" }
        } catch let error as WebError {
            #expect(error.status == .tooManyRequests && error.headers.first(name: "Retry-After") == "30")
        }
        // Bob waits for the slot; Cy finds the queue full (503) straight away.
        let bob = Task { try await limiter.run(for: "bob") { "bob" } }
        while await limiter.load.waiting == 0 { await Task.yield() }
        do {
            _ = try await limiter.run(for: "cy") { "cy" }
            Issue.record("Cy was not refused")
        } catch let error as WebError {
            #expect(error.status == .serviceUnavailable && error.reason.contains("1 under way, 1 waiting"))
        }
        await gate.release()
        #expect(try await ann.value == "ann")
        #expect(try await bob.value == "bob")
        #expect(await limiter.load == (0, 0))
        // Someone who waits longer than the limiter's patience is told to come back, and the slot is not lost.
        let impatient = WorkLimiter(work: "test work", slots: 1, perPerson: 1, queue: 1, patience: .milliseconds(50))
        let second = Gate()
        let holder = Task { try await impatient.run(for: "ann") { await second.wait() } }
        while await impatient.load.running == 0 { await Task.yield() }
        await #expect(throws: WebError.self) { try await impatient.run(for: "bob") { () } }
        await second.release()
        try await holder.value
        #expect(try await impatient.run(for: "bob") { "bob" } == "bob")
        #expect(await impatient.load == (0, 0))
    }

    @Test("F5: an expensive page asked for again by someone whose share is in use is refused with Retry-After")
    func expensivePages() async throws {
        try await withWorkbench { app in
            app.workLimits = WorkLimits(
                pages: WorkLimiter(work: "England pages", slots: 4, perPerson: 1, queue: 0, patience: .seconds(3)),
                papers: WorkLimiter(work: "papers", slots: 1, perPerson: 1, queue: 0, patience: .seconds(3)))
            let ann = try await app.session(as: Grant(role: .englandReadOnly))
            let gate = Gate()
            let held = Task { try await app.workLimits.pages.run(for: ann.user.id) { await gate.wait() } }
            while await app.workLimits.pages.load.running == 0 { await Task.yield() }
            for path in ["/finance", "/dental-position", "/digest", "/api/v1/dental-position"] {
                try await ann.test(.GET, path) { response in
                    #expect(response.status == .tooManyRequests, "\(path)")
                    #expect(response.headers.first(name: "Retry-After") == "3", "\(path)")
                }
            }
            // An ordinary page is not limited, and someone else's share is their own.
            try await ann.test(.GET, "/icbs/QT6") { #expect($0.status == .ok) }
            let bob = try await app.session(as: Grant(role: .englandReadOnly))
            try await bob.test(.GET, "/finance") { #expect($0.status == .ok) }
            await gate.release()
            try await held.value
            try await ann.test(.GET, "/finance") { #expect($0.status == .ok) }
        }
    }

    @Test("F11: with public open data on, a signed-in person sees at least what the public sees")
    func signedInSeesWhatThePublicSees() async throws {
        try await withWorkbench(auth: AuthSettings(publicOpenData: true)) { app in
            let other = try await app.session(as: Grant(role: .viewer, icbs: [ICBCode("QE1")!]))
            try await other.test(.GET, "/icbs/QT6") { #expect($0.status == .ok) }
            try await other.test(.GET, "/icbs/QT6/access") { #expect($0.status == .ok) }
            // Local records stay the ICB's own.
            try await other.test(.GET, "/icbs/QT6/records/risks") { #expect($0.status == .forbidden) }
        }
    }

    @Test("F10: a control character in a text field is refused by name, not stored cut short")
    func controlCharacters() {
        let field = RecordField("title", "Title", .text(maxLength: 200), help: "")
        for text in ["safe\u{00}hidden", "a\u{07}b", "x\u{1B}[31m"] {
            guard case .failure(let problem) = field.read(text) else {
                Issue.record("accepted \(text.debugDescription)")
                continue
            }
            #expect(problem.reason.contains("control character"), "\(problem.reason)")
        }
        // Line breaks and tabs are text people type.
        if case .failure(let problem) = field.read("line one\nline two\tend") { Issue.record("\(problem.reason)") }
    }

    @Test("F9: signed-in answers are not cached; HSTS with secure cookies; the sign-in page names no version")
    func headers() async throws {
        try await withWorkbench(auth: AuthSettings(secureCookies: true)) { app in
            try await app.signedIn().test(.GET, "/account") { response in
                #expect(response.headers.first(name: .cacheControl) == "no-store")
                #expect(response.headers.first(name: .strictTransportSecurity)?.hasPrefix("max-age=") == true)
            }
            try await app.testing().test(.GET, "/sign-in") { response in
                #expect(!response.body.string.contains("Podium \(PodiumVersion.current)"))
                #expect(!response.body.string.contains("SQLite"))
            }
        }
    }
}
