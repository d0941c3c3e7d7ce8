import Foundation
import PodiumCore
import Vapor

/// Need and access: England by ICB, an ICB's map and gap list, and what-ifs.
struct AccessController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.englandAccessTemplate.components, use: england).openData().expensive()
        routes.get(PodiumRoute.accessTemplate.components, use: icb).openData()
        routes.get(PodiumRoute.accessWhatIfTemplate.components, use: whatIf).openData().expensive()
    }

    @Sendable func england(req: Request) async throws -> Response {
        let model = try await EnglandAccess.Model.query(
            req.queryContext, choices: try req.queryValues(AccessChoices.self))
        return try Responses.page(EnglandAccess.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await ICBAccess.Model.query(
            req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(AccessChoices.self))
        return try Responses.page(
            ICBAccess.View(model, request: try parameters.listRequest(), context: req.page), parameters)
    }

    @Sendable func whatIf(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await WhatIf.Model.query(
            req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(AccessChoices.self),
            form: try req.queryValues(WhatIfForm.self))
        if parameters.wantsCSV, model.outcome == nil {
            throw WebError.invalid("Choose a change first: the CSV is of its result.")
        }
        return try Responses.page(WhatIf.View(model, context: req.page), parameters)
    }
}
