import Foundation
import PodiumCore
import Vapor

/// Dental contract management pages: an ICB's contracts, a contract's position and variations, the ICB dashboard,
/// England.
struct DentalController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.dentalContractsTemplate.components, use: contracts).openData()
        routes.get(PodiumRoute.dentalContractTemplate.components, use: contract)
        routes.post(PodiumRoute.recordVariationTemplate.components, use: recordVariation)
        routes.post(PodiumRoute.withdrawVariationTemplate.components, use: withdrawVariation)
        routes.get(PodiumRoute.dentalPositionTemplate.components, use: icb)
        routes.get(PodiumRoute.englandDentalPositionTemplate.components, use: england).expensive()
        routes.get(PodiumRoute.dentalDataChecksTemplate.components, use: dataChecks)
    }

    @Sendable func dataChecks(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await DentalDataChecks.Model.query(
            req.queryContext, icb: try req.icbCode(), year: parameters.year)
        return try Responses.page(DentalDataChecks.View(model, context: req.page), parameters)
    }

    private func contractNumber(_ req: Request) throws -> ContractNumber {
        try req.code("contract", as: ContractNumber.self, notFound: .contractNotFound)
    }

    @Sendable func contracts(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await ContractIndex.Model.query(req.queryContext, icb: try req.icbCode(), year: parameters.year)
        let view = ContractIndex.View(
            model, request: try parameters.listRequest(), year: parameters.year, context: req.page)
        return try Responses.page(view, parameters)
    }

    @Sendable func contract(req: Request) async throws -> Response {
        let choices = try req.queryValues(PositionChoices.self)
        let model = try await ContractShow.Model.query(
            req.queryContext, contract: try contractNumber(req), choices: choices)
        return try Responses.page(ContractShow.View(model, context: req.page), try ListParameters.from(req))
    }

    /// Records a variation; on a problem, shows the page again with the form as typed and what is wrong.
    @Sendable func recordVariation(req: Request) async throws -> Response {
        let number = try contractNumber(req)
        let form = (try? req.content.decode(VariationForm.self)) ?? .empty
        let model = try await ContractShow.Model.query(req.queryContext, contract: number, choices: PositionChoices())
        let entry = VariationEntry.parse(
            form, contract: number, id: UUID().uuidString, recordedBy: req.recorder, now: req.clock.isoMilliseconds)
        switch entry.flatMap({ VariationEntry.check($0, against: model) }) {
        case .failure(let problems):
            let view = ContractShow.View(
                model, form: VariationFormState(values: form, errors: problems.messages), context: req.page)
            return Responses.html(view.document(), status: .badRequest)
        case .success(let variation):
            try await VariationEntry.record(req.queryContext, variation)
            req.logger.notice(
                "variation recorded",
                metadata: [
                    "contract": "\(number)", "kind": "\(variation.change.kind)", "by": "\(variation.record.recordedBy)",
                ])
            return req.redirect(to: PodiumRoute.dentalContract(number).path + "#variations", redirectType: .normal)
        }
    }

    @Sendable func withdrawVariation(req: Request) async throws -> Response {
        let number = try contractNumber(req)
        let id = req.parameters.get("variation") ?? ""
        let reason = ((try? req.content.get(String.self, at: "reason")) ?? "").trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard
            let withdrawal = VariationEntry.withdrawal(reason: reason, by: req.recorder, at: req.clock.isoMilliseconds)
        else {
            let model = try await ContractShow.Model.query(
                req.queryContext, contract: number, choices: PositionChoices())
            let form = VariationFormState(errors: [VariationEntry.withdrawalReasonNeeded])
            return Responses.html(
                ContractShow.View(model, form: form, context: req.page).document(), status: .badRequest)
        }
        try await VariationEntry.withdraw(req.queryContext, id: id, contract: number, withdrawal: withdrawal)
        req.logger.notice(
            "variation withdrawn", metadata: ["contract": "\(number)", "id": "\(id)", "by": "\(withdrawal.by)"])
        return req.redirect(to: PodiumRoute.dentalContract(number).path + "#variations", redirectType: .normal)
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await DentalPosition.Model.query(
            req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(PositionChoices.self))
        return try Responses.page(
            DentalPosition.View(model, request: try parameters.listRequest(), context: req.page), parameters)
    }

    @Sendable func england(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await EnglandDentalPosition.Model.query(
            req.queryContext, choices: try req.queryValues(PositionChoices.self), scope: req.scope)
        return try Responses.page(
            EnglandDentalPosition.View(model, request: try parameters.listRequest(), context: req.page), parameters)
    }
}
