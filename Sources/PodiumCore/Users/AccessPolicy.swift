/// Who may do what, for which ICB, by Podium's roles. One pure function decides every
/// request, so routes cannot disagree about scope: the web layer asks it once per request, in one middleware.

/// A user's role. Roles that edit are limited to the user's own ICBs; regional assurance reads a region's ICBs;
/// England read-only reads every ICB; the administrator manages users and reference data everywhere.
public enum Role: String, Sendable, Hashable, Codable, CaseIterable {
    case administrator
    /// Edits any local record of their own ICBs (contracts, risks, decisions, engagement …).
    case commissioner
    /// Edits finance records (budgets, spend, reinvestment options) of their own ICBs; reads the rest of them.
    case finance
    /// Reads their own ICBs (committee members).
    case viewer
    /// NHS England regional assurance: reads every ICB of one region.
    case regionalAssurance = "regional-assurance"
    /// NHS England national: reads every ICB.
    case englandReadOnly = "england-read-only"

    public var label: String {
        switch self {
        case .administrator: "Administrator"
        case .commissioner: "Commissioner"
        case .finance: "Finance"
        case .viewer: "Viewer"
        case .regionalAssurance: "Regional assurance (NHS England)"
        case .englandReadOnly: "England read-only (NHS England)"
        }
    }
}

/// What a user holds: a role, the ICBs it applies to (a hosted team may hold several) and, for regional
/// assurance, the region.
public struct Grant: Sendable, Hashable, Codable {
    public var role: Role
    public var icbs: Set<ICBCode>
    public var region: NHSEnglandRegion?

    public init(role: Role, icbs: Set<ICBCode> = [], region: NHSEnglandRegion? = nil) {
        self.role = role
        self.icbs = icbs
        self.region = region
    }

    /// What makes a grant incomplete, in words; empty when it can be saved.
    public var problems: [String] {
        switch role {
        case .commissioner, .finance, .viewer:
            icbs.isEmpty ? ["a \(role.rawValue) needs at least one ICB"] : []
        case .regionalAssurance:
            region == nil ? ["regional assurance needs a region"] : []
        case .administrator, .englandReadOnly:
            []
        }
    }
}

/// What a request does to an ICB's data.
public enum Action: Sendable, Hashable {
    /// Any page, CSV or API answer about the ICB.
    case read
    /// Add, change or delete a local record of the ICB: finance records need finance or commissioner; others need commissioner.
    case edit(isFinance: Bool)
    /// Users, imports, reference data.
    case administer
}

public enum AccessPolicy {
    /// Whether `grant` may do `action` to `icb` (`nil` for data that belongs to no ICB, such as England views).
    public static func allows(_ grant: Grant, _ action: Action, icb: ICBCode?) -> Bool {
        switch (grant.role, action) {
        case (.administrator, _):
            return true
        case (_, .administer):
            return false
        case (.englandReadOnly, .read):
            return true
        case (.regionalAssurance, .read):
            guard let icb else { return true }
            return grant.region.map { $0.icbs.contains(icb.rawValue) } ?? false
        case (.englandReadOnly, .edit), (.regionalAssurance, .edit), (.viewer, .edit):
            return false
        case (.commissioner, _), (.finance, .read), (.viewer, .read):
            guard let icb else { return action == .read }
            return grant.icbs.contains(icb)
        case (.finance, .edit(let isFinance)):
            guard let icb else { return false }
            return isFinance && grant.icbs.contains(icb)
        }
    }
}

/// The ICBs a user may read: every one, or a set. Pages that compare ICBs show only these rows.
public enum ICBScope: Sendable, Hashable {
    case every
    case only(Set<ICBCode>)

    public func contains(_ icb: ICBCode) -> Bool {
        switch self {
        case .every: true
        case .only(let icbs): icbs.contains(icb)
        }
    }

    /// `nil` for every ICB, else the set: for filters that take "no filter" as nil.
    public var icbs: Set<ICBCode>? {
        switch self {
        case .every: nil
        case .only(let icbs): icbs
        }
    }
}

extension AccessPolicy {
    /// The ICBs `grant` may read, agreeing with ``allows(_:_:icb:)`` for `.read` on every ICB (a test checks it).
    public static func readable(by grant: Grant) -> ICBScope {
        switch grant.role {
        case .administrator, .englandReadOnly: .every
        case .regionalAssurance: .only(Set((grant.region?.icbs ?? []).compactMap(ICBCode.init)))
        case .commissioner, .finance, .viewer: .only(grant.icbs)
        }
    }
}

/// A person who signs in: email (their login), name (shown in the audit trail) and what they hold.
public struct User: Sendable, Hashable, Codable {
    public var id: String
    public var email: String
    public var name: String
    public var grant: Grant

    public init(id: String, email: String, name: String, grant: Grant) {
        self.id = id
        self.email = email
        self.name = name
        self.grant = grant
    }

    /// How the audit trail names them: "Ann Smith (ann.smith@nhs.net)".
    public var auditName: String { "\(name) (\(email))" }

    /// Emails are compared without case and surrounding spaces; `nil` when the text cannot be an address.
    public static func normalisedEmail(_ text: String) -> String? {
        let email = String(text.lowercased().drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
        let parts = email.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, parts[1].contains("."), !parts[1].hasPrefix("."),
            !parts[1].hasSuffix("."),
            !email.contains(" "), email.count <= 254
        else { return nil }
        return email
    }
}
