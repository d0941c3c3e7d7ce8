import Foundation
import PodiumCore
import Vapor

/// England, an ICB, its dental practices, about the data, and the static assets.
struct OverviewController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.homeTemplate.components, use: home).openData()
        routes.get(PodiumRoute.aboutDataTemplate.components, use: aboutData).openData()
        routes.get(PodiumRoute.icbTemplate.components, use: icb).openData()
        routes.get(PodiumRoute.dentalPracticesTemplate.components) {
            try await sites(SiteLists.dentalPractices, req: $0)
        }.openData()
        routes.get(PodiumRoute.stylesheetTemplate.components, use: stylesheet).access(.open)
        routes.get(PodiumRoute.iconTemplate.components, use: icon).access(.open)
        routes.get(PodiumRoute.legacyIconTemplate.components, use: icon).access(.open)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await Home.Model.query(req.queryContext, year: parameters.year, held: req.scope.icbs)
        let view = Home.View(model, request: try parameters.listRequest(), year: parameters.year, context: req.page)
        return try Responses.page(view, parameters)
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await ICBShow.Model.query(req.queryContext, icb: try req.icbCode(), year: parameters.year)
        return try Responses.page(ICBShow.View(model, context: req.page), parameters)
    }

    /// Pharmacies or dental practices of an ICB, as a page or CSV.
    private func sites<Kind>(_ list: SiteList<Kind>, req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await SiteIndex.Model.query(req.queryContext, list: list, icb: try req.icbCode())
        let view = SiteIndex.View(model, list: list, request: try parameters.listRequest(), context: req.page)
        return try Responses.page(view, parameters)
    }

    @Sendable func aboutData(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        return try Responses.page(
            AboutData.View(try await AboutData.Model.query(req.queryContext), context: req.page), parameters)
    }

    @Sendable func stylesheet(req: Request) async throws -> Response {
        Responses.asset(
            Stylesheet.css, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
    }

    @Sendable func icon(req: Request) async throws -> Response {
        Responses.asset(Stylesheet.icon, type: HTTPMediaType(type: "image", subType: "svg+xml"))
    }
}
