import PodiumCore
import PodiumData
import PodiumTestSupport
import PodiumWeb
import Testing

@Suite("Accounts: bcrypt passwords")
struct AccountTests {
    @Test(
        "The right password signs in; a wrong one or an unknown email does not; short passwords and clear-text storage are refused"
    )
    func passwords() async throws {
        try await TestDatabase.with { handle in
            let grant = Grant(role: .commissioner, icbs: [ICBCode("QT6")!])
            let ann = try await Accounts.create(
                email: "ann@example.nhs.uk", name: "Ann", password: "correct horse battery", grant: grant,
                on: handle.database, at: "t")
            #expect(
                try await Accounts.verify(
                    email: "ANN@example.nhs.uk", password: "correct horse battery", on: handle.database) == ann)
            #expect(
                try await Accounts.verify(
                    email: "ann@example.nhs.uk", password: "correct horse batterY", on: handle.database) == nil)
            #expect(
                try await Accounts.verify(
                    email: "bob@example.nhs.uk", password: "correct horse battery", on: handle.database) == nil)
            let stored = try #require(try await UserStore(database: handle.database).user(email: ann.email))
                .passwordHash
            #expect(stored.hasPrefix("$2") && !stored.contains("correct horse"))
            await #expect(throws: Accounts.Failure.weakPassword(["The password must be at least 12 characters."])) {
                try await Accounts.create(
                    email: "bob@example.nhs.uk", name: "Bob", password: "short", grant: grant, on: handle.database,
                    at: "t")
            }
            let generated = Accounts.generatePassword()
            #expect(generated.count == 20 && generated != Accounts.generatePassword())
        }
    }
}
