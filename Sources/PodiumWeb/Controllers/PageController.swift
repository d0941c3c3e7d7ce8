import FluentKit
import PodiumCore
import Vapor

/// The HTML workbench. Each handler decodes the request, asks the ``Workbench``, and renders a page or a CSV.
struct PageController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.homeTemplate.components, use: home).openData()
        routes.get(PodiumRoute.aboutDataTemplate.components, use: aboutData).openData()
        routes.get(PodiumRoute.icbTemplate.components, use: icb).openData()
        routes.get(PodiumRoute.dentalContractsTemplate.components, use: dentalContracts).openData()
        routes.get(PodiumRoute.dentalPracticesTemplate.components) { try await sites(SiteLists.dentalPractices, req: $0) }.openData()
        routes.get(PodiumRoute.stylesheetTemplate.components, use: stylesheet).access(.open)
        routes.get(PodiumRoute.iconTemplate.components, use: icon).access(.open)
        routes.get(PodiumRoute.legacyIconTemplate.components, use: icon).access(.open)
    }

    @Sendable func home(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let overview = try await req.workbench.england(year: parameters.year)
        let table = Tables.icbs(overview.rows, total: overview.total)
        let request = try parameters.pageRequest(for: table)
        if parameters.wantsCSV {
            return Responses.csv(table.csv(request), fileName: "england-icbs-\(Responses.slug(overview.financialYear)).csv")
        }
        let links = ListLinks(path: PodiumRoute.home.path, request: request, extra: yearItem(parameters))
        return Responses.html(HomePage.render(overview, table: table, page: table.page(request), links: links, context: req.page))
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let parameters = try ListParameters.from(req)
        let overview = try await req.workbench.icb(code, year: parameters.year)
        let table = Tables.subICBLocations(overview.subICBLocations)
        if parameters.wantsCSV { return Responses.csv(table.csv(ListRequest()), fileName: "\(code)-sub-icb-locations.csv") }
        return Responses.html(ICBPage.render(overview, table: table, context: req.page))
    }

    @Sendable func dentalContracts(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let parameters = try ListParameters.from(req)
        let list = try await req.workbench.contracts(of: code, year: parameters.year)
        let table = Tables.contracts(list.contracts)
        let request = try parameters.pageRequest(for: table)
        if parameters.wantsCSV {
            return Responses.csv(table.csv(request), fileName: "\(code)-dental-contracts-\(Responses.slug(list.financialYear)).csv")
        }
        let links = ListLinks(path: PodiumRoute.dentalContracts(code).path, request: request, extra: yearItem(parameters))
        return Responses.html(ContractListPage.render(list, table: table, page: table.page(request), links: links, context: req.page))
    }

    /// Pharmacies or dental practices of an ICB, as a page or CSV.
    private func sites<Kind>(_ list: SiteList<Kind>, req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let parameters = try ListParameters.from(req)
        let sites = try await list.load(req.workbench, code)
        let table = list.table(sites)
        let request = try parameters.pageRequest(for: table)
        if parameters.wantsCSV { return Responses.csv(table.csv(request), fileName: "\(code)-\(list.id).csv") }
        return Responses.html(OrganisationPage.render(
            sites, list: list, table: table, page: table.page(request),
            links: ListLinks(path: list.route(code).path, request: request), context: req.page))
    }

    @Sendable func aboutData(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let table = Tables.catalogue(try await req.workbench.catalogue())
        if parameters.wantsCSV { return Responses.csv(table.csv(ListRequest()), fileName: "podium-datasets.csv") }
        return Responses.html(AboutDataPage.render(table, context: req.page))
    }

    @Sendable func stylesheet(req: Request) async throws -> Response {
        Responses.asset(Stylesheet.css, type: HTTPMediaType(type: "text", subType: "css", parameters: ["charset": "utf-8"]))
    }

    @Sendable func icon(req: Request) async throws -> Response {
        Responses.asset(Stylesheet.icon, type: HTTPMediaType(type: "image", subType: "svg+xml"))
    }


    private func yearItem(_ parameters: ListParameters) -> [URLQueryItem] {
        parameters.year.map { [URLQueryItem(name: "year", value: $0)] } ?? []
    }
}
