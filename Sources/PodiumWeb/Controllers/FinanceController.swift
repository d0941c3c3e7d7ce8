import Foundation
import PodiumCore
import Vapor

/// Finance: an ICB's position (page, CSV, XLSX) and every ICB's for regional assurance.
struct FinanceController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.financeTemplate.components, use: icb)
        routes.get(PodiumRoute.englandFinanceTemplate.components, use: england).expensive()
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await Finance.Model.query(
            req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(PositionChoices.self))
        let view = Finance.View(model, context: req.page)
        if parameters.wantsXLSX { return Responses.xlsx(view.workbook, fileName: view.downloadName + ".xlsx") }
        return try Responses.page(view, parameters)
    }

    @Sendable func england(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await EnglandFinance.Model.query(
            req.queryContext, choices: try req.queryValues(PositionChoices.self),
            region: try EnglandFinance.region(req.query[String.self, at: "region"]), scope: req.scope)
        let view = EnglandFinance.View(model, request: try parameters.listRequest(), context: req.page)
        if parameters.wantsXLSX { return Responses.xlsx(view.workbook, fileName: view.downloadName + ".xlsx") }
        return try Responses.page(view, parameters)
    }
}
