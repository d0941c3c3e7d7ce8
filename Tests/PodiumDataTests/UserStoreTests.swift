import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

@Suite("Users, grants and sessions in the database")
struct UserStoreTests {
    @Test("A user's grant round-trips: role, several ICBs, region; emails are unique without regard to case")
    func users() async throws {
        try await TestDatabase.with { handle in
            let store = UserStore(database: handle.database)
            let grant = Grant(role: .commissioner, icbs: [ICBCode("QT6")!, ICBCode("QOX")!])
            let ann = try await store.create(
                email: " Ann@Example.NHS.uk ", name: "Ann", passwordHash: "hash-a", grant: grant,
                at: "2026-11-23T09:00:00Z")
            #expect(ann.email == "ann@example.nhs.uk")
            let found = try #require(try await store.user(email: "ANN@example.nhs.uk"))
            #expect(found.user == ann && found.passwordHash == "hash-a")
            await #expect(throws: UserStore.Failure.duplicateEmail("ann@example.nhs.uk")) {
                try await store.create(
                    email: "ann@EXAMPLE.nhs.uk", name: "Ann 2", passwordHash: "h", grant: grant, at: "t")
            }
            await #expect(throws: UserStore.Failure.invalidGrant(["regional assurance needs a region"])) {
                try await store.create(
                    email: "bob@example.nhs.uk", name: "Bob", passwordHash: "h", grant: Grant(role: .regionalAssurance),
                    at: "t")
            }
            await #expect(throws: UserStore.Failure.invalidEmail("not an email")) {
                try await store.create(email: "not an email", name: "X", passwordHash: "h", grant: grant, at: "t")
            }
            let bob = try await store.create(
                email: "bob@example.nhs.uk", name: "Bob", passwordHash: "h",
                grant: Grant(role: .regionalAssurance, region: .southWest), at: "t")
            #expect(try await store.all().map(\.email) == ["ann@example.nhs.uk", "bob@example.nhs.uk"])
            #expect(try await store.user(id: bob.id)?.grant == Grant(role: .regionalAssurance, region: .southWest))
            #expect(try await store.setPasswordHash("hash-b", for: ann.id))
            #expect(try await store.user(email: ann.email)?.passwordHash == "hash-b")
            #expect(try await !store.setPasswordHash("x", for: "no-such-user"))
        }
    }

    @Test("A session answers until it expires; deleting it, or all of a user's, signs them out")
    func sessions() async throws {
        try await TestDatabase.with { handle in
            let store = UserStore(database: handle.database)
            let ann = try await store.create(
                email: "ann@example.nhs.uk", name: "Ann", passwordHash: "h",
                grant: Grant(role: .viewer, icbs: [ICBCode("QT6")!]), at: "t")
            try await store.createSession(
                tokenHash: "s1", userID: ann.id, csrfToken: "c1", createdAt: "2026-11-23T09:00:00Z",
                expiresAt: "2026-11-23T17:00:00Z")
            try await store.createSession(
                tokenHash: "s2", userID: ann.id, csrfToken: "c2", createdAt: "2026-11-23T09:00:00Z",
                expiresAt: "2026-11-24T17:00:00Z")
            #expect(try await store.session(tokenHash: "s1", now: "2026-11-23T16:59:59Z")?.csrfToken == "c1")
            #expect(try await store.session(tokenHash: "s1", now: "2026-11-23T17:00:00Z") == nil)
            #expect(try await store.session(tokenHash: "nope", now: "2026-11-23T10:00:00Z") == nil)
            try await store.deleteSession(tokenHash: "s2")
            #expect(try await store.session(tokenHash: "s2", now: "2026-11-23T10:00:00Z") == nil)
            try await store.createSession(
                tokenHash: "s3", userID: ann.id, csrfToken: "c3", createdAt: "t", expiresAt: "2099-01-01T00:00:00Z")
            try await store.deleteSessions(userID: ann.id, expiredBefore: "2026-11-23T10:00:00Z")
            #expect(try await store.session(tokenHash: "s3", now: "2026-11-23T10:00:00Z") == nil)
        }
    }
}
