import ArgumentParser
import Foundation
import PodiumCore
import PodiumData
import PodiumWeb

/// `podium user create …`: the first administrator, and any account from a script.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Manage user accounts.", subcommands: [Create.self, List.self, Token.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a user. The password is read from PODIUM_NEW_PASSWORD, or generated and printed once.",
            discussion: "Roles: " + Role.allCases.map(\.rawValue).joined(separator: ", ")
                + ". Commissioner, finance and viewer need --icb (repeat it for a hosted team); regional-assurance needs --region (Y56–Y63)."
        )

        @ArgumentParser.Option(name: .long, help: "Email address (the login).") var email: String
        @ArgumentParser.Option(name: .long, help: "Name shown in the audit trail (default: the email).") var name:
            String?
        @ArgumentParser.Option(name: .long, help: "Role.") var role: String
        @ArgumentParser.Option(name: .long, help: "ICB ODS code the role applies to; repeatable.") var icb: [String] =
            []
        @ArgumentParser.Option(name: .long, help: "NHS England region code, for regional-assurance.") var region:
            String?
        @ArgumentParser.OptionGroup var options: DatabaseOptions

        func run() async throws {
            guard let role = Role(rawValue: role) else {
                throw ValidationError(
                    "Unknown role '\(role)'. Choose one of: \(Role.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            let icbs = try icb.map { text in
                guard let code = ICBCode(text) else {
                    throw ValidationError("'\(text)' is not an ICB ODS code (\(ICBCodeKind.format)).")
                }
                return code
            }
            let region = try region.map { text in
                guard let region = NHSEnglandRegion(rawValue: text.uppercased()) else {
                    throw ValidationError(
                        "'\(text)' is not an NHS England region code (\(NHSEnglandRegion.allCases.map(\.rawValue).joined(separator: ", ")))."
                    )
                }
                return region
            }
            let supplied = ProcessInfo.processInfo.environment["PODIUM_NEW_PASSWORD"]
            let password = supplied ?? Accounts.generatePassword()
            do {
                let user = try await options.withDatabase("podium.user") { handle in
                    try await Accounts.create(
                        email: email, name: name ?? email, password: password,
                        grant: Grant(role: role, icbs: Set(icbs), region: region),
                        on: handle.database, at: WallClock.system.iso)
                }
                Terminal.line(
                    "Created \(user.email) (\(role.label)\(icbs.isEmpty ? "" : ", " + icbs.map(\.rawValue).joined(separator: " ")))."
                )
                if supplied == nil { Terminal.line("Password (shown once): \(password)") }
            } catch let error as UserStore.Failure {
                throw ValidationError(error.description)
            } catch let error as Accounts.Failure {
                throw ValidationError(error.description)
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List users with their roles and ICBs.")
        @ArgumentParser.OptionGroup var options: DatabaseOptions

        func run() async throws {
            try await options.withDatabase("podium.user") { handle in
                for user in try await UserStore(database: handle.database).all() {
                    let scope =
                        user.grant.region.map { $0.name }
                        ?? user.grant.icbs.map(\.rawValue).sorted().joined(separator: " ")
                    Terminal.line("\(user.email)\t\(user.grant.role.rawValue)\t\(scope)")
                }
            }
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Make an API token for a user, with the user's access; printed once.",
            discussion: "Send it as 'Authorization: Bearer TOKEN' to /api/v1/… Revoke it on the user's account page.")

        @ArgumentParser.Option(name: .long, help: "The user's email.") var email: String
        @ArgumentParser.Option(name: .long, help: "What the token is for.") var label: String
        @ArgumentParser.Option(name: .long, help: "Days until it stops working (default: until revoked).")
        var days: Int?
        @ArgumentParser.OptionGroup var options: DatabaseOptions

        func validate() throws {
            if let days, !(1...3650).contains(days) { throw ValidationError("--days must be from 1 to 3650.") }
        }

        func run() async throws {
            let token = try await options.withDatabase("podium.user") { handle in
                try await APITokens.make(forEmail: email, label: label, days: days, on: handle.database, clock: .system)
            }
            guard let token else { throw ValidationError("No user has the email \(email).") }
            Terminal.line(token)
        }
    }
}
