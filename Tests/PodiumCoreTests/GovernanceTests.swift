import PodiumCore
import Testing

@Suite("Governance: risk scoring on the 5×5 matrix and readiness roll-up")
struct GovernanceTests {
    /// NPSA 2008 grading: every cell of the matrix, as likelihood × consequence → grade.
    @Test(
        "Score is likelihood × consequence; 1–3 low, 4–6 moderate, 8–12 high, 15–25 extreme",
        arguments: [
            (1, 1, 1, RiskGrade.low), (1, 3, 3, .low), (3, 1, 3, .low), (2, 2, 4, .moderate), (1, 5, 5, .moderate),
            (2, 3, 6, .moderate),
            (2, 4, 8, .high), (3, 3, 9, .high), (2, 5, 10, .high), (3, 4, 12, .high), (4, 3, 12, .high),
            (3, 5, 15, .extreme), (4, 4, 16, .extreme), (4, 5, 20, .extreme), (5, 5, 25, .extreme),
        ])
    func scoring(likelihood: Int, consequence: Int, score: Int, grade: RiskGrade) throws {
        let rating = RiskRating(
            try #require(Likelihood(rawValue: likelihood)), try #require(Consequence(rawValue: consequence)))
        #expect(rating.score == score)
        #expect(rating.grade == grade)
    }

    @Test(
        "Every cell grades consistently: a higher score never has a lower grade, and 25 cells hold 14 distinct scores")
    func matrix() {
        let cells = Likelihood.allCases.flatMap { l in Consequence.allCases.map { RiskRating(l, $0) } }
        #expect(cells.count == 25)
        #expect(Set(cells.map(\.score)).count == 14)
        for a in cells { for b in cells where a.score < b.score { #expect(a.grade <= b.grade) } }
        #expect(cells.filter { $0.grade == .extreme }.count == 6)
        // Same score, graver consequence ranks higher: likely × minor (8) below unlikely × major (8).
        #expect(RiskRating(.likely, .minor) < RiskRating(.unlikely, .major))
    }

    @Test("Overdue reviews, work left above target, and ratings that cannot be right")
    func assessment() throws {
        let today = try #require(CalendarDate("2026-11-23"))
        let risk = RiskAssessment(
            initial: RiskRating(.likely, .major), current: RiskRating(.possible, .major),
            target: RiskRating(.unlikely, .moderate),
            reviewDue: try #require(CalendarDate("2026-11-22")))
        #expect(risk.isOverdue(on: today))
        #expect(!risk.isOverdue(on: try #require(CalendarDate("2026-11-22"))))
        #expect(risk.isAboveTarget)
        #expect(risk.problems.isEmpty)
        var closed = risk
        closed.isOpen = false
        #expect(!closed.isOverdue(on: today))
        let wrong = RiskAssessment(
            initial: RiskRating(.unlikely, .minor), current: RiskRating(.likely, .minor),
            target: RiskRating(.almostCertain, .major), reviewDue: today)
        #expect(wrong.problems.count == 2)

        let map = RiskHeatMap([risk, risk, closed, wrong])
        #expect(map.total == 3)
        #expect(map.count(.possible, .major) == 2)
        #expect(map.total(.high) == 3)
    }

    static func criterion(_ domain: String, _ principle: String, _ rating: RAG?) -> AssuranceCriterion {
        AssuranceCriterion(domain: domain, principle: principle, criterion: "\(domain)/\(principle)", rating: rating)
    }

    @Test(
        "Readiness rolls up: any red is red, all green is green, an unrated criterion holds a group at amber",
        arguments: [
            ([RAG.green, .green], RAG.green), ([.green, .amber], .amber), ([.green, .red, .amber], .red),
            ([.green, nil], .amber), ([nil], .amber),
            ([.red, nil], .red),
        ] as [([RAG?], RAG)])
    func rollUp(ratings: [RAG?], status: RAG) throws {
        let summary = try #require(ReadinessRollUp.of(ratings.map { Self.criterion("Finance", "Budgets", $0) }))
        #expect(summary.overall.status == status)
        #expect(summary.domains.map(\.status) == [status])
    }

    @Test(
        "Domains and principles keep their order; readiness is the share rated green; an empty framework has no status")
    func groups() throws {
        let criteria = [
            Self.criterion("Governance and Leadership", "Decision making", .green),
            Self.criterion("Governance and Leadership", "Conflicts", .amber),
            Self.criterion("Finance", "Budgets", .green), Self.criterion("Finance", "Budgets", .green),
            Self.criterion("Workforce and Capability", "Staff transfer", .red),
            Self.criterion("Transformation", "Plans", nil),
        ]
        let summary = try #require(ReadinessRollUp.of(criteria))
        #expect(
            summary.domains.map(\.name) == [
                "Governance and Leadership", "Finance", "Workforce and Capability", "Transformation",
            ])
        #expect(summary.domains.map(\.status) == [.amber, .green, .red, .amber])
        #expect(summary.principles["Governance and Leadership"]?.map(\.status) == [.green, .amber])
        #expect(summary.overall.status == .red)
        #expect(summary.overall.readiness == Proportion(part: 3, whole: 6))
        #expect(summary.overall.unrated == 1)
        #expect(ReadinessRollUp.of([]) == nil)
        let due = AssuranceCriterion(
            domain: "Finance", principle: "Budgets", criterion: "x", rating: .amber, due: CalendarDate("2026-10-01"))
        #expect(due.isOverdue(on: try #require(CalendarDate("2026-11-23"))))
    }
}
