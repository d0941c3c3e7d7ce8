import ArgumentParser
import FluentKit
import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import PodiumWeb
import SQLKit

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// `podium bench http`: requests per second and latency of the busiest pages under load, measured by wrk on
/// loopback against a `podium serve` this command starts, beside two peers in the same run: Podium's own `/healthz`
/// (the framework, middleware and loopback with no database or page), and nginx serving the same page's bytes as a
/// static file (what the machine and wrk manage with no application at all). Every run stops by itself.
struct BenchHTTP: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "http",
        abstract:
            "Load-test the ICB overview and contracts list with wrk (p99 and requests/s), beside /healthz and nginx serving the same bytes.",
        discussion: """
            The database must hold the bundled data ('podium demo --import-only --db FILE', or 'podium migrate' and 'podium import bundled' \
            on PostgreSQL). A commissioner of QT6 is signed in for the run and removed afterwards. Needs wrk (apt-get install wrk); \
            nginx (apt-get install nginx-light) for the static peer.
            """)

    @ArgumentParser.OptionGroup var database: DatabaseOptions

    @ArgumentParser.Option(name: .long, help: "Concurrent connections.") var connections = 64
    @ArgumentParser.Option(name: .long, help: "Seconds each URL is loaded.") var duration = 10
    @ArgumentParser.Option(name: .long, help: "wrk threads.") var threads = 2
    @ArgumentParser.Option(name: .long, help: "Port for the Podium server under test.") var port = 8097
    @ArgumentParser.Option(name: .long, help: "The ICB whose pages are loaded.") var icb = "QT6"
    @ArgumentParser.Flag(
        name: .long,
        help:
            "Instead of load: request every page one at a time as an administrator, the first request then --repeats more, beside /healthz."
    )
    var everyPage = false
    @ArgumentParser.Option(name: .long, help: "Requests of each page after the first (--every-page).") var repeats = 5
    @ArgumentParser.Flag(
        name: .long,
        help:
            "Instead: load each expensive route (the digest, England's dental position and finance, providers at risk, the committee paper's PDF) and time an ordinary page meanwhile."
    )
    var heavy = false
    @ArgumentParser.Option(
        name: .long,
        help: "With --heavy: how many people the load comes from (one session each, taken in turn).")
    var people = 64
    @ArgumentParser.Option(
        name: .long,
        help:
            "A podium executable to serve with instead of this one (an earlier release), so before and after are measured on one machine."
    )
    var server: String?

    func run() async throws {
        let logger = database.logger("podium.bench")
        let wrk = Self.which("wrk")
        guard wrk != nil || everyPage else { throw ValidationError("wrk is not installed: apt-get install wrk") }
        guard let code = ICBCode(icb) else { throw ValidationError("'\(icb)' is not an ICB ODS code.") }
        let choice = try database.choice()
        if heavy {
            guard let wrk else { throw ValidationError("wrk is not installed: apt-get install wrk") }
            return try await runHeavy(wrk: wrk, icb: code, choice: choice)
        }
        let handle = try await PodiumDatabase.open(choice, logger: logger)
        let email = "bench-\(UUID().uuidString.prefix(8).lowercased())@podium.example"
        let cookie: String
        do {
            guard try await GeographyStore(database: handle.database).icb(code) != nil else {
                throw ValidationError(
                    "The database has no ICB \(code): import the bundled data first (podium demo --import-only).")
            }
            let user = try await UserStore(database: handle.database).create(
                email: email, name: "Load test", passwordHash: "!",
                grant: everyPage ? Grant(role: .administrator) : Grant(role: .commissioner, icbs: [code]),
                at: WallClock.system.iso)
            cookie =
                "podium_session="
                + (try await BrowserSessions.start(for: user, hours: 1, on: handle.database, clock: .system).token)
        } catch {
            await handle.shutdown()
            throw error
        }
        let server = try startServer(choice: choice)
        var lines: [String] = []
        do {
            try await waitForHealth()
            if everyPage {
                lines = try await timeEveryPage(code, cookie: cookie, database: handle.database)
                server.terminate()
                server.waitUntilExit()
                await cleanUp(handle, email: email)
                lines.forEach(Terminal.line)
                return
            }
            guard let wrk else { throw ValidationError("wrk is not installed: apt-get install wrk") }
            let pages = [
                ("ICB overview", "/icbs/\(code)"), ("dental contracts list", "/icbs/\(code)/dental-contracts"),
            ]
            // first requests warm caches and connections
            for (_, path) in pages { _ = try await fetch(path, cookie: cookie) }
            var results: [(String, WrkResult)] = []
            for (name, path) in pages {
                results.append((name, try measure(wrk, url: base + path, cookie: cookie)))
            }
            results.append(("peer: Podium /healthz", try measure(wrk, url: base + "/healthz", cookie: nil)))
            if let nginx = Self.which("nginx") {
                let body = try await fetch(pages[0].1, cookie: cookie)
                results.append(
                    (
                        "peer: nginx, the overview's bytes",
                        try withStaticPeer(nginx, body: body) { try measure(wrk, url: $0, cookie: nil) }
                    ))
            } else {
                lines.append("  peer: nginx not installed (apt-get install nginx-light); only /healthz measured")
            }
            lines = report(results, choice: choice) + lines
        } catch {
            server.terminate()
            server.waitUntilExit()
            await cleanUp(handle, email: email)
            throw error
        }
        server.terminate()
        server.waitUntilExit()
        await cleanUp(handle, email: email)
        lines.forEach(Terminal.line)
    }

    var base: String { "http://127.0.0.1:\(port)" }

    /// Every kind of page, one at a time: its first request (which builds what the open-data cache keeps) and the
    /// median and slowest of `repeats` more, beside /healthz timed the same way.
    private func timeEveryPage(_ code: ICBCode, cookie: String, database: any Database) async throws -> [String] {
        let sql = try database.sql()
        func first(_ query: String) async throws -> String {
            try await sql.raw(SQLQueryString(query)).first().flatMap { try? $0.decode(column: "v", as: String.self) }
                ?? ""
        }
        let icb = code.rawValue
        let contract = try await first(
            "SELECT MIN(contract_number) AS v FROM dental_contract_icb WHERE icb_code = '\(icb)'")
        let pharmacy = try await first("SELECT MIN(ods_code) AS v FROM pharmacies WHERE icb_code = '\(icb)'")
        let application = try await first(
            "SELECT MIN(reference) AS v FROM market_entry_applications WHERE icb_code = '\(icb)'")
        var paths = [
            "/", "/icbs/\(icb)", "/dental-position", "/icbs/\(icb)/dental-position", "/icbs/\(icb)/dental-contracts",
            "/icbs/\(icb)/dental-data-checks", "/icbs/\(icb)/dental-practices", "/access", "/icbs/\(icb)/access",
            "/icbs/\(icb)/pharmacies", "/icbs/\(icb)/pharmacy-closures", "/icbs/\(icb)/market-entry", "/pharmacy-first",
            "/icbs/\(icb)/pharmacy-first", "/icbs/\(icb)/optometry", "/icbs/\(icb)/optometry/contracts-ending",
            "/icbs/\(icb)/finance", "/finance", "/icbs/\(icb)/governance", "/icbs/\(icb)/committee-paper",
            "/icbs/\(icb)/providers-at-risk", "/digest", "/about-the-data", "/account", "/admin/users",
            "/icbs/\(icb)/records/risks", "/icbs/\(icb)/records/risks/form",
        ]
        if !contract.isEmpty { paths.append("/dental-contracts/\(contract)") }
        if !pharmacy.isEmpty { paths.append("/pharmacies/\(pharmacy)") }
        if !application.isEmpty { paths.append("/icbs/\(icb)/market-entry/\(application)") }
        var lines = [
            "podium bench http --every-page: \(paths.count) pages of \(icb) and England, one request at a time, "
                + "then \(repeats) more each (ms)",
            "  page                                              first   median  slowest",
        ]
        func time(_ path: String, cookie: String?) async throws -> Double {
            let started = ContinuousClock.now
            _ = try await fetch(path, cookie: cookie)
            return Terminal.seconds(ContinuousClock.now - started) * 1000
        }
        var slowest = (path: "", median: 0.0)
        for path in ["/healthz"] + paths {
            let firstTime = try await time(path, cookie: path == "/healthz" ? nil : cookie)
            var times: [Double] = []
            for _ in 0..<max(1, repeats) {
                times.append(try await time(path, cookie: path == "/healthz" ? nil : cookie))
            }
            times.sort()
            let median = times[times.count / 2]
            if path != "/healthz", median > slowest.median { slowest = (path, median) }
            let name = path == "/healthz" ? "peer: /healthz (no page, no database)" : path
            lines.append(
                "  " + name.padding(toLength: 48, withPad: " ", startingAt: 0)
                    + String(format: "%7.0f %8.1f %8.1f", firstTime, median, times.last ?? median))
        }
        lines.append(
            "  slowest page after its first request: \(slowest.path), median \(String(format: "%.1f", slowest.median)) ms"
        )
        return lines
    }

    func cleanUp(_ handle: PodiumDatabase, email: String) async {
        let store = UserStore(database: handle.database)
        if let user = try? await store.user(email: email)?.user { _ = try? await store.delete(id: user.id) }
        await handle.shutdown()
    }

    /// `podium serve` on the same database, as its own process (as deployed), quiet.
    func startServer(choice: DatabaseChoice) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: server ?? "/proc/self/exe")
        var arguments = ["serve", "--port", String(port), "--log-level", "warning"]
        if case .sqlite(let path) = choice { arguments += ["--db", path] }
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        try process.run()
        return process
    }

    func waitForHealth() async throws {
        for _ in 0..<240 {
            if (try? await fetch("/healthz", cookie: nil)) != nil { return }
            try await Task.sleep(for: .milliseconds(250))
        }
        throw ValidationError("podium serve did not answer on \(base) within 60 s")
    }

    func fetch(_ path: String, cookie: String?) async throws -> Data {
        guard let url = URL(string: base + path) else { throw ValidationError("bad URL \(path)") }
        var request = URLRequest(url: url)
        if let cookie { request.setValue(cookie, forHTTPHeaderField: "Cookie") }
        let (data, response) = try await URLSession.shared.data(for: request)
        guard (response as? HTTPURLResponse)?.statusCode == 200 else {
            throw ValidationError("\(path) answered \((response as? HTTPURLResponse)?.statusCode ?? 0), not 200")
        }
        return data
    }

    struct WrkResult {
        var requestsPerSecond: Double
        var p50: Double
        var p99: Double
        var requests: Int
        /// Socket errors and timeouts, and (unless counted in `refused`) answers that were not 2xx or 3xx.
        var errors: Int
        /// Answers that were not 2xx or 3xx ("Non-2xx or 3xx responses"), also counted in `errors`.
        var refused = 0
    }

    /// One bounded wrk run (`-d`), parsed from its `--latency` report.
    func measure(_ wrk: String, url: String, cookie: String?) throws -> WrkResult {
        try measure(wrk, url: url, cookie: cookie, connections: connections, timeout: 5)
    }

    /// A wrk run; `script` (a Lua file) may set each request's headers. `meanwhile` runs while wrk does.
    func measure(
        _ wrk: String, url: String, cookie: String?, connections: Int, timeout: Int, script: String? = nil,
        meanwhile: () throws -> Void = {}
    ) throws -> WrkResult {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: wrk)
        process.arguments =
            [
                "-t", String(min(threads, connections)), "-c", String(connections), "-d", "\(duration)s", "--latency",
                "--timeout", "\(timeout)s",
            ]
            + (cookie.map { ["-H", "Cookie: \($0)"] } ?? []) + (script.map { ["-s", $0] } ?? []) + [url]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        try meanwhile()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        guard process.terminationStatus == 0, let result = Self.parse(output) else {
            throw ValidationError("wrk failed on \(url):\n\(output)")
        }
        return result
    }

    /// Reads wrk's summary: "Requests/sec:", the 50% and 99% latencies, "N requests in", non-2xx and socket errors.
    static func parse(_ output: String) -> WrkResult? {
        func milliseconds(_ text: Substring) -> Double? {
            let units: [(String, Double)] = [("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60_000)]
            for (unit, scale) in units where text.hasSuffix(unit) {
                return Double(text.dropLast(unit.count)).map { $0 * scale }
            }
            return nil
        }
        var result = WrkResult(requestsPerSecond: .nan, p50: .nan, p99: .nan, requests: 0, errors: 0)
        for line in output.split(separator: "\n") {
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard let first = words.first else { continue }
            switch first {
            case "Requests/sec:": result.requestsPerSecond = words.dropFirst().first.flatMap { Double($0) } ?? .nan
            case "50%": result.p50 = words.dropFirst().first.flatMap(milliseconds) ?? .nan
            case "99%": result.p99 = words.dropFirst().first.flatMap(milliseconds) ?? .nan
            case "Non-2xx":
                result.refused = words.last.flatMap { Int($0) } ?? 0
                result.errors += result.refused
            case "Socket":
                result.errors += words.compactMap { Int($0.trimmingCharacters(in: .punctuationCharacters)) }.reduce(
                    0, +)
            default:
                if words.count > 2, words[1] == "requests", words[2] == "in" { result.requests = Int(first) ?? 0 }
            }
        }
        return result.requestsPerSecond.isNaN ? nil : result
    }

    /// nginx serving `body` as a file on the next port, for the length of `body`'s measurement.
    private func withStaticPeer<T>(_ nginx: String, body: Data, _ run: (String) throws -> T) throws -> T {
        let folder = NSTemporaryDirectory() + "podium-bench-nginx-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: folder + "/www", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        try body.write(to: URL(fileURLWithPath: folder + "/www/page.html"))
        let config = """
            daemon off; worker_processes 1; pid \(folder)/nginx.pid; error_log \(folder)/error.log;
            events { worker_connections 1024; }
            http { access_log off; types { text/html html; } client_body_temp_path \(folder); proxy_temp_path \(folder);
                   fastcgi_temp_path \(folder); uwsgi_temp_path \(folder); scgi_temp_path \(folder);
                   server { listen 127.0.0.1:\(port + 1); root \(folder)/www; } }
            """
        try config.write(toFile: folder + "/nginx.conf", atomically: true, encoding: .utf8)
        let process = Process()
        process.executableURL = URL(fileURLWithPath: nginx)
        process.arguments = ["-c", folder + "/nginx.conf", "-p", folder]
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer {
            process.terminate()
            process.waitUntilExit()
        }
        Thread.sleep(forTimeInterval: 0.5)
        return try run("http://127.0.0.1:\(port + 1)/page.html")
    }

    private func report(_ results: [(String, WrkResult)], choice: DatabaseChoice) -> [String] {
        let goal = connections == 64 ? " (goal: p99 ≤ 50 ms at 64 connections)" : ""
        var lines = [
            "podium bench http — \(PositionBenchmark.buildLabel("http"))",
            "  \(choice.isPostgres ? "PostgreSQL" : "SQLite"), wrk \(threads) threads × \(connections) connections × \(duration) s on loopback, signed in as a QT6 commissioner\(goal)",
            "  "
                + ["", "requests/s", "p50 ms", "p99 ms", "requests", "errors"].enumerated().map {
                    $0.offset == 0
                        ? $0.element.padding(toLength: 36, withPad: " ", startingAt: 0)
                        : $0.element.spacedLeftPadded(11)
                }.joined(),
        ]
        for (name, result) in results {
            lines.append(
                "  " + name.padding(toLength: 36, withPad: " ", startingAt: 0)
                    + String(format: "%.0f", result.requestsPerSecond).spacedLeftPadded(11)
                    + String(format: "%.1f", result.p50).spacedLeftPadded(11)
                    + String(format: "%.1f", result.p99).spacedLeftPadded(11)
                    + String(result.requests).spacedLeftPadded(11)
                    + String(result.errors).spacedLeftPadded(11))
        }
        return lines
    }

    static func which(_ name: String) -> String? {
        (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/usr/sbin").split(separator: ":")
            .map { "\($0)/\(name)" }.first { FileManager.default.isExecutableFile(atPath: $0) }
    }
}

extension String {
    /// Right-aligned in `width` columns, with at least one space before it (the HTTP table's columns run together).
    fileprivate func spacedLeftPadded(_ width: Int) -> String { count >= width ? " " + self : leftPadded(width) }
}
