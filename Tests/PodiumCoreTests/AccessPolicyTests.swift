import PodiumCore
import Testing

@Suite("Users: who may read and edit which ICB")
struct AccessPolicyTests {
    static let qt6 = ICBCode("QT6")!, qe1 = ICBCode("QE1")!, qox = ICBCode("QOX")!

    /// Cornwall (QT6) and Bristol (QOX) are in the South West (Y58); Lancashire (QE1) is in the North West.
    @Test(
        "Each role reads and edits only what its role allows",
        arguments: [
            (Role.administrator, [String](), nil as String?, Action.edit(isFinance: false), "QE1" as String?, true),
            (.administrator, [], nil, .administer, nil, true),
            (.commissioner, ["QT6"], nil, .read, "QT6", true),
            (.commissioner, ["QT6"], nil, .read, "QE1", false),
            (.commissioner, ["QT6"], nil, .edit(isFinance: false), "QT6", true),
            (.commissioner, ["QT6"], nil, .edit(isFinance: true), "QT6", true),
            (.commissioner, ["QT6"], nil, .edit(isFinance: false), "QOX", false),
            (.commissioner, ["QT6", "QOX"], nil, .edit(isFinance: false), "QOX", true),
            (.commissioner, ["QT6"], nil, .administer, nil, false),
            (.finance, ["QT6"], nil, .edit(isFinance: true), "QT6", true),
            (.finance, ["QT6"], nil, .edit(isFinance: false), "QT6", false),
            (.finance, ["QT6"], nil, .read, "QT6", true),
            (.finance, ["QT6"], nil, .edit(isFinance: true), "QE1", false),
            (.viewer, ["QT6"], nil, .read, "QT6", true),
            (.viewer, ["QT6"], nil, .read, "QOX", false),
            (.viewer, ["QT6"], nil, .edit(isFinance: false), "QT6", false),
            (.viewer, ["QT6"], nil, .read, nil, true),
            (.regionalAssurance, [], "Y58", .read, "QT6", true),
            (.regionalAssurance, [], "Y58", .read, "QOX", true),
            (.regionalAssurance, [], "Y58", .read, "QE1", false),
            (.regionalAssurance, [], "Y58", .edit(isFinance: false), "QT6", false),
            (.regionalAssurance, [], nil, .read, "QT6", false),
            (.englandReadOnly, [], nil, .read, "QE1", true),
            (.englandReadOnly, [], nil, .edit(isFinance: true), "QE1", false),
            (.englandReadOnly, [], nil, .administer, nil, false),
        ])
    func policy(role: Role, icbs: [String], region: String?, action: Action, icb: String?, allowed: Bool) {
        let grant = Grant(
            role: role, icbs: Set(icbs.compactMap(ICBCode.init)), region: region.flatMap(NHSEnglandRegion.init))
        #expect(AccessPolicy.allows(grant, action, icb: icb.flatMap(ICBCode.init)) == allowed)
    }

    @Test("A grant that cannot work is refused with the reason")
    func grantProblems() {
        #expect(Grant(role: .commissioner).problems == ["a commissioner needs at least one ICB"])
        #expect(Grant(role: .regionalAssurance).problems == ["regional assurance needs a region"])
        #expect(Grant(role: .regionalAssurance, region: .southWest).problems.isEmpty)
        #expect(Grant(role: .englandReadOnly).problems.isEmpty)
        #expect(Grant(role: .viewer, icbs: [Self.qt6]).problems.isEmpty)
    }

    @Test("No role but the administrator edits an ICB it does not hold, whatever the ICB")
    func noEditOutsideScope() throws {
        let all = NHSEnglandRegion.allCases.flatMap(\.icbs).compactMap(ICBCode.init)
        for role in Role.allCases where role != .administrator {
            let grant = Grant(role: role, icbs: [Self.qt6], region: .southWest)
            for icb in all where icb != Self.qt6 {
                #expect(!AccessPolicy.allows(grant, .edit(isFinance: true), icb: icb), "\(role) \(icb)")
                #expect(!AccessPolicy.allows(grant, .edit(isFinance: false), icb: icb), "\(role) \(icb)")
            }
        }
    }
}

@Suite("Users: readable ICBs, passwords and sign-in throttling")
struct SignInRuleTests {
    @Test("The ICBs a grant may read are exactly those `allows` lets it read, for every role and ICB")
    func readableAgreesWithPolicy() {
        let all = NHSEnglandRegion.allCases.flatMap(\.icbs).compactMap(ICBCode.init)
        #expect(all.count == 42)
        for role in Role.allCases {
            let grant = Grant(role: role, icbs: [AccessPolicyTests.qt6, AccessPolicyTests.qe1], region: .southWest)
            let scope = AccessPolicy.readable(by: grant)
            for icb in all {
                #expect(scope.contains(icb) == AccessPolicy.allows(grant, .read, icb: icb), "\(role) \(icb)")
            }
        }
        #expect(AccessPolicy.readable(by: Grant(role: .regionalAssurance, region: .southWest)).icbs?.count == 7)
        #expect(AccessPolicy.readable(by: Grant(role: .englandReadOnly)).icbs == nil)
    }

    @Test("Only budgets, spend and reinvestment options are finance records")
    func financeTemplates() {
        #expect(
            RecordTemplate.all.filter(\.isFinance).map(\.id) == [
                "budget-lines", "finance-actuals", "reinvestment-options",
            ])
    }

    @Test(
        "A password is 12 characters to 72 bytes, not the email, not among the 30,000 commonest, not a trivial pattern",
        arguments: [
            ("correct horse", "ann@example.nhs.uk", [String]()),
            ("short", "ann@example.nhs.uk", ["The password must be at least 12 characters."]),
            (
                String(repeating: "éàüöï", count: 8), "a@b.uk",
                ["The password must be at most 72 bytes (bcrypt reads no more)."]
            ),
            (String(repeating: "wxyz!", count: 14) + "ab", "a@b.uk", []),
            ("Ann@Example.NHS.uk", "ann@example.nhs.uk", ["The password must not be the email address."]),
            // Guessed first (NCSC: refuse the commonest and trivial patterns), each as the attacker tried it.
            (String(repeating: " ", count: 12), "a@b.uk", ["The password must not be only spaces."]),
            (
                "aaaaaaaaaaaa", "a@b.uk",
                [
                    "The password uses fewer than 5 different characters (like aaaaaaaaaaaa): it would be guessed at once."
                ]
            ),
            ("123456789012", "a@b.uk", ["The password must not be only digits: choose a few words instead."]),
            (
                "password1234", "a@b.uk",
                [
                    "The password is one of the most common (or one with digits added): choose a few unrelated words instead."
                ]
            ),
            (
                "monkey!2024!", "a@b.uk",
                [
                    "The password is one of the most common (or one with digits added): choose a few unrelated words instead."
                ]
            ),
            (
                "xabcdefghijz", "a@b.uk",
                [
                    "The password is a run of consecutive characters (like abcdefgh or 98765432): it would be guessed at once."
                ]
            ),
        ])
    func passwordPolicy(password: String, email: String, problems: [String]) {
        #expect(PasswordPolicy.problems(password, email: email) == problems)
    }

    struct ThrottleCase: Sendable, CustomTestStringConvertible {
        var account: [Int64]
        var address: [Int64]
        var expected: SignInThrottle.Decision
        var testDescription: String { "\(account.count) account and \(address.count) address failures" }
    }

    static let throttleCases: [ThrottleCase] = [
        ThrottleCase(account: [], address: [], expected: .allowed),
        ThrottleCase(account: [100, 200, 300, 400], address: [], expected: .allowed),
        ThrottleCase(account: [100, 200, 300, 400, 500], address: [], expected: .wait(seconds: 100 + 900 - 600)),
        ThrottleCase(account: [10, 100, 200, 300, 400, 500], address: [], expected: .wait(seconds: 100 + 900 - 600)),
        // The first failure is older than the window.
        ThrottleCase(account: [-400, 100, 200, 300, 400], address: [], expected: .allowed),
        ThrottleCase(account: [], address: Array(1...20), expected: .wait(seconds: 1 + 900 - 600)),
        ThrottleCase(account: [], address: Array(1...19), expected: .allowed),
        ThrottleCase(account: [599, 599, 599, 599, 599], address: [], expected: .wait(seconds: 899)),
    ]

    /// The window is 900 s; 5 failures per account or 20 per address make the caller wait.
    @Test("Repeated failures make a caller wait until the oldest that matters ages out", arguments: throttleCases)
    func throttle(_ entry: ThrottleCase) {
        #expect(
            SignInThrottle.standard.decision(accountFailures: entry.account, addressFailures: entry.address, now: 600)
                == entry.expected)
    }

    @Test("A wait is never zero: a failure exactly one window old still counts until the next second")
    func neverZero() {
        let throttle = SignInThrottle(window: 60, perAccount: 1, perAddress: 1)
        #expect(throttle.decision(accountFailures: [41], addressFailures: [], now: 100) == .wait(seconds: 1))
        #expect(throttle.decision(accountFailures: [40], addressFailures: [], now: 100) == .allowed)
    }
}
