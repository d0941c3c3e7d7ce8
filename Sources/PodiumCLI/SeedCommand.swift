import ArgumentParser
import PodiumCore
import PodiumData
import PodiumImport

/// `podium seed-governance`: Podium's default governance records for every ICB (never overwrites what an ICB has).
struct SeedGovernance: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "seed-governance",
        abstract:
            "Add the default delegation register, delegated and reserved functions and assurance framework for every imported ICB.",
        discussion:
            "From NHS England's delegation sources, each row marked confirmed or unconfirmed. Only references an ICB does not "
            + "already have are added, so running it again, or after edits, changes nothing. Run 'podium import bundled' first."
    )

    @ArgumentParser.OptionGroup var options: DatabaseOptions

    func run() async throws {
        try await options.withDatabase("podium.seed") { handle in
            Terminal.line(SeedGovernance.report(try await GovernanceDefaults.install(on: handle.database)))
        }
    }

    static func report(_ added: [(RecordTemplate, Int)]) -> String {
        added.isEmpty
            ? "  governance defaults: nothing to add"
            : "  governance defaults added: " + added.map { "\($0.0.id) \($0.1)" }.joined(separator: ", ")
    }
}
