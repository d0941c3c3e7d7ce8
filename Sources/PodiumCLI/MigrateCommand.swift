import ArgumentParser
import PodiumData

/// `podium migrate`: the deploy step for PostgreSQL (SQLite migrates itself on start).
struct Migrate: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Apply (or revert) database migrations.")

    @ArgumentParser.Flag(name: .long, help: "Revert every migration (drops Podium's tables).")
    var revert = false

    @ArgumentParser.Flag(name: .long, help: "List what would run, change nothing.")
    var dryRun = false

    @ArgumentParser.OptionGroup var options: DatabaseOptions

    func run() async throws {
        let logger = options.logger("podium.migrate")
        let handle = try await PodiumDatabase.open(try options.choice(), logger: logger)
        do {
            let pending = try await handle.pendingMigrations()
            if dryRun {
                Terminal.line(
                    pending.isEmpty
                        ? "No pending migrations."
                        : "Pending migrations:\n" + pending.map { "  \($0)" }.joined(separator: "\n"))
            } else if revert {
                try await handle.revertAll()
                Terminal.line("Reverted all migrations on \(handle.choice).")
            } else {
                try await handle.migrate()
                Terminal.line(
                    pending.isEmpty
                        ? "Already up to date (\(handle.choice))."
                        : "Applied \(pending.count) migration\(pending.count == 1 ? "" : "s") on \(handle.choice).")
            }
        } catch {
            await handle.shutdown()
            throw error
        }
        await handle.shutdown()
    }
}
