import ArgumentParser
import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumWeb

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `podium bench http --heavy`: the routes that build figures for all of England or print with Chromium, each under
/// load from many signed-in people at once (issue 26, F5), with an ordinary page timed one request at a time
/// meanwhile, beside /healthz under the same load. `--server` serves with another podium executable, so an earlier
/// release is measured in the same run and on the same machine.
extension BenchHTTP {
    /// The expensive routes, and how many connections load each (the PDF at 16, as it was found).
    func heavyRoutes(_ icb: ICBCode) -> [(path: String, connections: Int)] {
        var routes = [
            ("/digest", connections), ("/dental-position", connections), ("/finance", connections),
            ("/icbs/\(icb)/providers-at-risk", connections),
        ]
        if Self.which("chromium") != nil || Self.which("chromium-browser") != nil {
            routes.append(("/icbs/\(icb)/committee-paper?format=pdf", min(16, connections)))
        }
        return routes
    }

    func runHeavy(wrk: String, icb: ICBCode, choice: DatabaseChoice) async throws {
        let handle = try await PodiumDatabase.open(choice, logger: database.logger("podium.bench"))
        let tag = "bench-\(UUID().uuidString.prefix(8).lowercased())"
        var emails: [String] = []
        var cookies: [String] = []
        let folder = NSTemporaryDirectory() + tag
        var lines: [String] = []
        do {
            guard try await GeographyStore(database: handle.database).icb(icb) != nil else {
                throw ValidationError("The database has no ICB \(icb): import the bundled data first.")
            }
            // Administrators, so the digest covers all 42 ICBs as it did when it was found slow; one more for the probe.
            for index in 0...max(1, people) {
                let email = "\(tag)-\(index)@podium.example"
                let user = try await UserStore(database: handle.database).create(
                    email: email, name: "Load test \(index)", passwordHash: "!", grant: Grant(role: .administrator),
                    at: WallClock.system.iso)
                emails.append(email)
                let token = try await BrowserSessions.start(for: user, hours: 2, on: handle.database, clock: .system)
                cookies.append("podium_session=\(token.token)")
            }
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            let script = folder + "/people.lua"
            try Self.peopleScript(Array(cookies.dropFirst())).write(toFile: script, atomically: true, encoding: .utf8)
            let probeCookie = cookies[0]
            let serverProcess = try startServer(choice: choice)
            defer {
                serverProcess.terminate()
                serverProcess.waitUntilExit()
            }
            try await waitForHealth()
            let ordinary = "/icbs/\(icb)"
            lines = [
                "podium bench http --heavy — \(PositionBenchmark.buildLabel("http"))",
                "  server: \(server ?? "this build"); \(choice.isPostgres ? "PostgreSQL" : "SQLite"); wrk \(threads) threads, "
                    + "\(duration) s per route, load from \(people) signed-in administrators in turn, timeout 30 s",
                "  each route's first request (builds what is kept per import):",
            ]
            for (path, _) in heavyRoutes(icb) {
                let started = ContinuousClock.now
                let status = await status(path, cookie: probeCookie)
                lines.append(
                    "    \(path): \(String(format: "%.0f", Terminal.seconds(ContinuousClock.now - started) * 1000)) ms (HTTP \(status))"
                )
            }
            lines += [
                "  route                                       conns    req/s   p50 ms   p99 ms  answered  refused  errors | \(ordinary) meanwhile: p50 ms  p99 ms  n"
            ]
            var runs = heavyRoutes(icb).map { ($0.path, $0.connections, script as String?, $0.path) }
            runs.append(("/digest", connections, nil, "/digest, one person on every connection"))
            runs.append((ordinary, connections, script, "\(ordinary) (the ordinary page itself)"))
            runs.append(("/healthz", connections, nil, "peer: /healthz (no page, no database)"))
            for (path, load, peopleScript, label) in runs {
                var probe: [Double] = []
                let result = try measure(
                    wrk, url: base + path, cookie: peopleScript == nil && path != "/healthz" ? cookies[1] : nil,
                    connections: load, timeout: 30, script: peopleScript
                ) {
                    guard path != ordinary, path != "/healthz" else { return }
                    probe = Self.timeSequentially(base + ordinary, cookie: probeCookie, for: .seconds(duration - 1))
                }
                probe.sort()
                let p = { (q: Double) in
                    probe.isEmpty ? Double.nan : probe[min(probe.count - 1, Int(Double(probe.count) * q))]
                }
                lines.append(
                    "  " + label.padding(toLength: 42, withPad: " ", startingAt: 0)
                        + String(
                            format: " %6d %8.1f %8.1f %8.1f %9d %8d %7d |", load, result.requestsPerSecond,
                            result.p50, result.p99, result.requests - result.refused, result.refused,
                            result.errors - result.refused)
                        + (probe.isEmpty ? "" : String(format: " %21.1f %7.1f %3d", p(0.5), p(0.99), probe.count)))
            }
            lines.append(
                "  answered: 2xx/3xx; refused: 429 or 503 with Retry-After (a person's share, or the server's, in use); "
                    + "errors: timeouts and socket errors")
        } catch {
            try? FileManager.default.removeItem(atPath: folder)
            await removeUsers(emails, handle: handle)
            throw error
        }
        try? FileManager.default.removeItem(atPath: folder)
        await removeUsers(emails, handle: handle)
        lines.forEach(Terminal.line)
    }

    /// wrk's Lua: each request carries the next person's session cookie, so the load comes from many people.
    static func peopleScript(_ cookies: [String]) -> String {
        """
        local cookies = { \(cookies.map { "\"\($0)\"" }.joined(separator: ", ")) }
        local i = 0
        request = function()
          i = i + 1
          return wrk.format(nil, nil, { ["Cookie"] = cookies[(i % #cookies) + 1] })
        end
        """
    }

    /// Times `url`, one request after another, for about `span`: what a person reading an ordinary page meanwhile
    /// waits (milliseconds each).
    static func timeSequentially(_ url: String, cookie: String, for span: Duration) -> [Double] {
        var times: [Double] = []
        let end = ContinuousClock.now + span
        while ContinuousClock.now < end {
            let started = ContinuousClock.now
            guard let address = URL(string: url), (try? Self.get(address, cookie: cookie)) == 200 else { continue }
            times.append(Terminal.seconds(ContinuousClock.now - started) * 1000)
        }
        return times
    }

    /// A blocking GET (the probe runs on its own thread while wrk loads the server); its status.
    static func get(_ url: URL, cookie: String) throws -> Int {
        var request = URLRequest(url: url, timeoutInterval: 30)
        request.setValue(cookie, forHTTPHeaderField: "Cookie")
        let done = DispatchSemaphore(value: 0)
        nonisolated(unsafe) var status = 0
        URLSession.shared.dataTask(with: request) { _, response, _ in
            status = (response as? HTTPURLResponse)?.statusCode ?? 0
            done.signal()
        }.resume()
        done.wait()
        return status
    }

    func status(_ path: String, cookie: String) async -> Int {
        guard let url = URL(string: base + path) else { return 0 }
        var request = URLRequest(url: url, timeoutInterval: 120)
        request.setValue(cookie, forHTTPHeaderField: "Cookie")
        return ((try? await URLSession.shared.data(for: request))?.1 as? HTTPURLResponse)?.statusCode ?? 0
    }

    func removeUsers(_ emails: [String], handle: PodiumDatabase) async {
        let store = UserStore(database: handle.database)
        for email in emails {
            if let user = try? await store.user(email: email)?.user { _ = try? await store.delete(id: user.id) }
        }
        await handle.shutdown()
    }
}
