import Foundation
import PodiumCore
import Vapor

extension API.Controller {
    @Sendable func icbFinance(req: Request) async throws -> API.FinanceDTO {
        let model = try await Finance.Model.query(
            req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(PositionChoices.self))
        return API.FinanceDTO(icb: model.icb, position: model.position, hasExamples: model.hasExamples)
    }

    @Sendable func englandFinance(req: Request) async throws -> API.EnglandFinanceDTO {
        let model = try await EnglandFinance.Model.query(
            req.queryContext, choices: try req.queryValues(PositionChoices.self),
            region: try EnglandFinance.region(req.query[String.self, at: "region"]), scope: req.scope)
        return API.EnglandFinanceDTO(
            financialYear: model.year.label, region: model.region?.rawValue,
            icbs: model.rows.map { API.FinanceDTO(icb: $0.icb, position: $0.position, hasExamples: $0.hasExamples) })
    }
}

extension API {
    /// An ICB's finance position: every line, month by month, and the reinvestment plan. Money in pence.
    struct FinanceDTO: Content {
        struct Line: Content {
            var line: String
            var label: String
            var ringFenced: Bool
            var budget: MoneyDTO
            var actualToDate: MoneyDTO
            var committed: MoneyDTO
            var projected: MoneyDTO
            /// The year-end clawback the contract engine projects (dental primary care), which comes back to the ICB.
            var recoveries: MoneyDTO
            var forecastOutturn: MoneyDTO
            var variance: MoneyDTO
            var underspendAtRisk: MoneyDTO
            /// Spend by month, April first: actual up to `asOf`, projected after.
            var months: [Month]
        }

        struct Month: Content {
            var month: String
            var basis: String
            var amount: MoneyDTO
        }

        struct Option: Content {
            var reference: String
            var kind: String
            var cost: MoneyDTO
            var leadTimeDays: Int
            var lastDecisionDate: String
            /// approved, fits, too-late or too-costly.
            var state: String
            var committee: String?
            var decisionDate: String?
        }

        var icb: String
        var name: String
        var region: String?
        var financialYear: String
        var asOf: String
        var planDate: String
        var exampleData: Bool
        var budget: MoneyDTO
        var forecastOutturn: MoneyDTO
        var underspendAtRisk: MoneyDTO
        var committed: MoneyDTO
        var uncommitted: MoneyDTO
        var mustCommitBy: String?
        var udasCarriedForward: Decimal
        var lines: [Line]
        var options: [Option]

        init(icb: ICB, position: FinancePosition, hasExamples: Bool) {
            let plan = position.plan
            self.icb = icb.code.rawValue
            name = icb.name
            region = NHSEnglandRegion.of(icb.code)?.rawValue
            financialYear = position.year.label
            asOf = position.asOf.iso
            planDate = position.planDate.iso
            exampleData = hasExamples
            budget = MoneyDTO(position.budget)
            forecastOutturn = MoneyDTO(position.forecastOutturn)
            underspendAtRisk = MoneyDTO(position.underspendAtRisk)
            committed = MoneyDTO(plan.committed)
            uncommitted = MoneyDTO(plan.uncommitted)
            mustCommitBy = plan.mustCommitBy?.iso
            udasCarriedForward = API.decimal(position.carriedForward)
            lines = position.lines.map { line in
                Line(
                    line: line.kind.rawValue, label: line.kind.label, ringFenced: line.kind.isRingFenced,
                    budget: MoneyDTO(line.budget),
                    actualToDate: MoneyDTO(line.actualToDate), committed: MoneyDTO(line.committed),
                    projected: MoneyDTO(line.projected),
                    recoveries: MoneyDTO(line.recoveries),
                    forecastOutturn: MoneyDTO(line.forecastOutturn), variance: MoneyDTO(line.variance),
                    underspendAtRisk: MoneyDTO(line.underspendAtRisk),
                    months: position.year.months.map { month in
                        Month(
                            month: month.iso, basis: month <= position.asOf ? "actual" : "projected",
                            amount: MoneyDTO(position.monthly[line.kind]?[month] ?? .zero))
                    })
            }
            options = position.options.map { option in
                let state = plan.state(of: option).rawValue
                return Option(
                    reference: option.id, kind: option.kind.rawValue, cost: MoneyDTO(option.cost),
                    leadTimeDays: option.leadTimeDays,
                    lastDecisionDate: option.lastDecisionDate(in: position.year).iso, state: state,
                    committee: option.approval?.committee,
                    decisionDate: option.approval?.date.iso)
            }
        }
    }

    struct EnglandFinanceDTO: Content {
        var financialYear: String
        var region: String?
        var icbs: [FinanceDTO]
    }
}
