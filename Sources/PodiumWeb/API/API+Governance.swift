import PodiumCore
import Vapor

extension API.Controller {
    /// `?date=` sets the day reviews and follow-ups are judged on (today by default), so answers can be reproduced.
    @Sendable func governance(req: Request) async throws -> API.GovernanceDTO {
        let context = req.queryContext
        let model = try await Governance.Model.query(
            context.on(try req.queryDate("date") ?? context.today), icb: try req.icbCode())
        return API.GovernanceDTO(model)
    }
}

extension API {
    /// An ICB's governance as computed: delegation in force, risks scored with their live evidence, readiness rolled up,
    /// decisions due and the counts the page shows. Each log's records are also at `/records/{template}`.
    struct GovernanceDTO: Content {
        struct Delegation: Content {
            var reference: String
            var service: String
            var serviceName: String
            var status: String
            var from: String
            var to: String?
            var phase: String
            var host: String
            var icbsServed: [String]
            var confirmed: Bool
        }

        struct Rating: Content {
            var likelihood: Int
            var consequence: Int
            var score: Int
            var grade: String
            init(_ rating: RiskRating) {
                likelihood = rating.likelihood.rawValue
                consequence = rating.consequence.rawValue
                score = rating.score
                grade = rating.grade.rawValue
            }
        }

        struct Evidence: Content {
            var citation: String
            var value: String
        }

        struct Risk: Content {
            var reference: String
            var title: String
            var category: String
            var owner: String
            var initial: Rating
            var current: Rating
            var target: Rating
            var reviewDue: String
            var open: Bool
            var reviewOverdue: Bool
            var aboveTarget: Bool
            var evidence: [Evidence]
        }

        struct Readiness: Content {
            var name: String
            var status: String
            var green: Int
            var amber: Int
            var red: Int
            var unrated: Int
            var greenPercent: Double?
            var principles: [Readiness]?
            init(_ group: ReadinessRollUp.Group, principles: [ReadinessRollUp.Group]? = nil) {
                name = group.name
                status = group.status.rawValue
                green = group.counts[.green] ?? 0
                amber = group.counts[.amber] ?? 0
                red = group.counts[.red] ?? 0
                unrated = group.unrated
                greenPercent = group.readiness.tenthsOfPercent.map { Double($0) / 10 }
                self.principles = principles.map { $0.map { Readiness($0) } }
            }
        }

        var icb: String
        var name: String
        var asOf: String
        var exampleData: Bool
        var delegation: [Delegation]
        var risks: [Risk]
        var readiness: Readiness?
        var domains: [Readiness]
        var decisionsDue: [String]
        var reviewsOverdue: Int
        var followUpsOverdue: Int
        var handoverOutstanding: Int

        init(_ overview: Governance.Model) {
            icb = overview.icb.code.rawValue
            name = overview.icb.name
            asOf = overview.today.iso
            exampleData = overview.hasExamples
            delegation = overview.inForce.map {
                Delegation(
                    reference: $0.reference, service: $0.service.rawValue, serviceName: $0.serviceName,
                    status: $0.status.rawValue, from: $0.from.iso,
                    to: $0.to?.iso, phase: $0.phase, host: $0.host, icbsServed: $0.icbsServed,
                    confirmed: $0.confidence == .confirmed)
            }
            risks = overview.risks.map { risk in
                let assessment = risk.assessment
                return Risk(
                    reference: risk.reference, title: risk.title, category: risk.category, owner: risk.owner,
                    initial: Rating(assessment.initial),
                    current: Rating(assessment.current), target: Rating(assessment.target),
                    reviewDue: assessment.reviewDue.iso, open: assessment.isOpen,
                    reviewOverdue: assessment.isOverdue(on: overview.today), aboveTarget: assessment.isAboveTarget,
                    evidence: risk.evidence.map { Evidence(citation: $0.citation.description, value: $0.value) })
            }
            readiness = overview.readiness.map { Readiness($0.overall) }
            domains =
                overview.readiness.map { readiness in
                    readiness.domains.map { Readiness($0, principles: readiness.principles[$0.name] ?? []) }
                } ?? []
            decisionsDue = overview.decisionsDue.map(\.reference)
            reviewsOverdue = overview.overdue.count
            followUpsOverdue = overview.followUpsOverdue
            handoverOutstanding = overview.handoverOutstanding
        }
    }
}
