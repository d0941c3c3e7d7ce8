/// Ways an ICB can put dental underspend to work before 31 March (dental ringfence: parliamentary written answers).
public enum ReinvestmentKind: String, Sendable, Hashable, Codable, CaseIterable {
    case overDelivery = "over-delivery"
    case urgentAccessSessions = "urgent-access-sessions"
    case communityDental = "community-dental"
    case reletHandedBack = "relet-handed-back"
    case oralHealth = "oral-health"

    public var label: String {
        switch self {
        case .overDelivery: "Pay for over-delivery (up to a set % above target)"
        case .urgentAccessSessions: "Urgent-access sessions"
        case .communityDental: "Extra community dental service"
        case .reletHandedBack: "Re-let handed-back UDAs"
        case .oralHealth: "Oral-health programme"
        }
    }
}

/// A costed option, with how long it takes from decision to money spent.
public struct ReinvestmentOption: Sendable, Hashable, Codable {
    public var id: String
    public var kind: ReinvestmentKind
    public var cost: Money
    /// Days from the decision until the money is spent (procurement, mobilisation, delivery).
    public var leadTimeDays: Int
    /// The committee decision, once made.
    public var approval: Approval?

    public struct Approval: Sendable, Hashable, Codable {
        public var committee: String
        public var date: CalendarDate

        public init(committee: String, date: CalendarDate) {
            self.committee = committee
            self.date = date
        }
    }

    public init(id: String, kind: ReinvestmentKind, cost: Money, leadTimeDays: Int, approval: Approval? = nil) {
        self.id = id
        self.kind = kind
        self.cost = cost
        self.leadTimeDays = leadTimeDays
        self.approval = approval
    }

    /// The last day it can be decided and still be spent by the year's last day.
    public func lastDecisionDate(in year: FinancialYear) -> CalendarDate { year.lastDay.adding(days: -leadTimeDays) }
}

/// Which options still fit before 31 March, and what remains uncommitted.
public struct ReinvestmentPlan: Sendable, Hashable {
    /// Approved options: committed.
    public var approved: [ReinvestmentOption]
    /// Undecided options that can still be decided in time and whose cost fits what is uncommitted, by deadline.
    public var fitting: [ReinvestmentOption]
    /// Undecided options whose last decision date has passed.
    public var tooLate: [ReinvestmentOption]
    /// Undecided options in time but costing more than is left.
    public var tooCostly: [ReinvestmentOption]
    public var committed: Money
    /// Underspend not yet committed.
    public var uncommitted: Money
    /// "£X must be committed by this date or it is lost": the latest last-decision date of an option that still
    /// fits, or `nil` when none does (whatever is uncommitted is then lost to dentistry).
    public var mustCommitBy: CalendarDate?

    /// Where an option stands in the plan.
    public enum State: String, Sendable, Hashable {
        case approved
        case fits
        case tooLate = "too-late"
        case tooCostly = "too-costly"
    }

    /// Where `option` stands: approved, still fitting, too late for the year, or costing more than is uncommitted.
    public func state(of option: ReinvestmentOption) -> State {
        if option.approval != nil { return .approved }
        if fitting.contains(option) { return .fits }
        if tooLate.contains(option) { return .tooLate }
        return .tooCostly
    }

    /// - Parameters: `underspend` the ring-fenced underspend at risk; `today` the date the plan is for.
    public static func of(underspend: Money, options: [ReinvestmentOption], today: CalendarDate, year: FinancialYear)
        -> ReinvestmentPlan
    {
        let approved = options.filter { $0.approval != nil }
        let committed = approved.map(\.cost).sum()
        let uncommitted = Money(pence: max(0, underspend.pence - committed.pence))
        let open = options.filter { $0.approval == nil }.sorted {
            ($0.lastDecisionDate(in: year), $0.id) < ($1.lastDecisionDate(in: year), $1.id)
        }
        let inTime = open.filter { today <= $0.lastDecisionDate(in: year) }
        let fitting = inTime.filter { $0.cost <= uncommitted && $0.cost.pence > 0 }
        return ReinvestmentPlan(
            approved: approved, fitting: fitting, tooLate: open.filter { today > $0.lastDecisionDate(in: year) },
            tooCostly: inTime.filter { !fitting.contains($0) }, committed: committed, uncommitted: uncommitted,
            mustCommitBy: uncommitted.pence > 0 ? fitting.map { $0.lastDecisionDate(in: year) }.max() : nil)
    }
}
