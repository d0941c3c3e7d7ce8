import Foundation
import Vapor

/// Bounds work that costs seconds rather than milliseconds, so that many requests for it cannot make everyone wait
/// (issue 26, F5: at 64 connections the digest completed nothing in 20 s and slowed every page for two minutes; 16
/// committee-paper PDFs at once started 160 Chromium processes). At most `slots` run at once, one person holds at
/// most `perPerson` of them (running or waiting), and at most `queue` more wait, each for at most `patience`.
/// Beyond that a request is refused at once, with `Retry-After`: 429 when it is that person's own share that is used
/// up, 503 when it is the server's. Fair: slots are handed to waiters in the order they came.
actor WorkLimiter {
    /// What the work is, in the refusal's words: "committee papers being printed".
    let work: String
    let slots: Int
    let perPerson: Int
    let queue: Int
    let patience: Duration

    private var running = 0
    private var held: [String: Int] = [:]
    private var waiting: [(id: Int, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    init(work: String, slots: Int, perPerson: Int, queue: Int, patience: Duration) {
        self.work = work
        self.slots = max(1, slots)
        self.perPerson = max(1, perPerson)
        self.queue = max(0, queue)
        self.patience = patience
    }

    /// How many are running and waiting now (for tests and the log).
    var load: (running: Int, waiting: Int) { (running, waiting.count) }

    /// Runs `body` once a slot is free, for `person`.
    /// - Throws: ``WebError/tooManyRequests(message:retryAfter:)`` or ``WebError/busy(message:retryAfter:)``
    ///   without running it.
    func run<T: Sendable>(for person: String, _ body: @Sendable () async throws -> T) async throws -> T {
        try await acquire(for: person)
        defer { release(for: person) }
        return try await body()
    }

    private func acquire(for person: String) async throws {
        guard held[person, default: 0] < perPerson else {
            throw WebError.tooManyRequests(
                message:
                    "You already have \(perPerson == 1 ? "one" : "\(perPerson)") of the \(work) under way. Wait for \(perPerson == 1 ? "it" : "them") to finish, then try again.",
                retryAfter: Int64(retrySeconds))
        }
        if running < slots {
            running += 1
            held[person, default: 0] += 1
            return
        }
        guard waiting.count < queue else { throw busy() }
        held[person, default: 0] += 1
        nextID += 1
        let id = nextID
        let patience = patience
        do {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<Void, any Error>) in
                waiting.append((id, continuation))
                Task { [weak self] in
                    try? await Task.sleep(for: patience)
                    await self?.giveUp(id)
                }
            }
        } catch {
            held[person, default: 1] -= 1
            throw error
        }
    }

    /// A finished request hands its slot straight to the longest waiter, or frees it.
    private func release(for person: String) {
        held[person, default: 1] -= 1
        if held[person] == 0 { held[person] = nil }
        if waiting.isEmpty {
            running -= 1
        } else {
            waiting.removeFirst().continuation.resume()
        }
    }

    private func giveUp(_ id: Int) {
        guard let index = waiting.firstIndex(where: { $0.id == id }) else { return }
        waiting.remove(at: index).continuation.resume(throwing: busy())
    }

    private var retrySeconds: Int { max(1, Int(patience.components.seconds)) }

    private func busy() -> WebError {
        WebError.busy(
            message:
                "The server is busy with \(work) (\(running) under way, \(waiting.count) waiting). Try again in \(retrySeconds) seconds.",
            retryAfter: Int64(retrySeconds))
    }
}

/// The server's limits on expensive work, made once per application.
struct WorkLimits: Sendable {
    /// Pages that build figures for all of England or every contract (the digest, England's dental position and
    /// finance, providers at risk, access what-ifs): one fewer at once than the machine has cores, so an ordinary page
    /// always finds one; two per person; and a queue long enough for every connection of a busy server, where a
    /// request waits at most half a second before it is told to come back (a wait, not an instant refusal, so that
    /// clients that retry at once do not spin the server).
    let pages: WorkLimiter
    /// Committee papers printed to PDF by headless Chromium (a dozen processes and a second or more each, at low
    /// priority): half as many at once as there are cores, one per person.
    let papers: WorkLimiter

    static func standard(cores: Int = ProcessInfo.processInfo.activeProcessorCount) -> WorkLimits {
        let pageSlots = max(1, cores - 1)
        return WorkLimits(
            pages: WorkLimiter(
                work: "pages that build figures for all of England", slots: pageSlots, perPerson: 2,
                queue: 64 * cores, patience: .milliseconds(500)),
            papers: WorkLimiter(
                work: "committee papers being printed", slots: max(1, cores / 2), perPerson: 1, queue: 4,
                patience: .seconds(20)))
    }
}

extension Application {
    private struct WorkLimitsKey: StorageKey { typealias Value = WorkLimits }

    /// The limits on expensive work (``WorkLimits/standard(cores:)`` unless set).
    var workLimits: WorkLimits {
        get {
            if let limits = storage[WorkLimitsKey.self] { return limits }
            let limits = WorkLimits.standard()
            storage[WorkLimitsKey.self] = limits
            return limits
        }
        set { storage[WorkLimitsKey.self] = newValue }
    }
}

extension Request {
    /// Whose share of limited work a request takes: the signed-in person's, or (not signed in) the address's.
    var workOwner: String { viewer?.user.id ?? remoteAddress?.ipAddress ?? "anonymous" }
}

extension Route {
    private static let expensiveKey = "podium.expensive"

    /// Marks a route whose answer can take much longer than a page: it runs under ``WorkLimits/pages``.
    @discardableResult
    func expensive() -> Route {
        userInfo[Self.expensiveKey] = true
        return self
    }

    var isExpensive: Bool { userInfo[Self.expensiveKey] as? Bool ?? false }
}

/// Runs the routes marked ``Route/expensive()`` under the page limiter, for the person asking (or, not signed in, the
/// address asking). After ``AccessMiddleware``, so only those allowed in take a place.
struct ExpensiveWorkMiddleware: AsyncMiddleware {
    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let route = request.route, route.isExpensive else { return try await next.respond(to: request) }
        return try await request.application.workLimits.pages.run(for: request.workOwner) {
            try await next.respond(to: request)
        }
    }
}
