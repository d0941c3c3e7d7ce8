import PodiumCore
import Vapor

/// Governance (issue 9): the risk log with its heat map and the readiness roll-up of the assurance criteria.
struct GovernanceController: RouteCollection {
    let context: PageContext

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.governanceTemplate.components, use: page)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found"), parameters = try ListParameters.from(req)
        let overview = try await Workbench(database: req.db).governance(of: code, today: CalendarDate.today())
        let risks = GovernancePage.risksTable(overview), heat = GovernancePage.heatMapTable(overview), domains = GovernancePage.domainsTable(overview)
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-governance", [
            (risks.id, { risks.csv(ListRequest()) }), (heat.id, { heat.csv(ListRequest()) }), (domains.id, { domains.csv(ListRequest()) }),
        ]) { return csv }
        return Responses.html(GovernancePage.render(overview, risks: risks, heat: heat, domains: domains, context: context))
    }
}
