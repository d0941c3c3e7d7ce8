import FluentKit
import PodiumCore
import Vapor

extension API {
    /// `/api/v1`: the same figures as the pages, as JSON. Lists take `q`, `sort`, `dir`, `page`, `per_page`.
    struct Controller: RouteCollection {
        func boot(routes: any RoutesBuilder) throws {
            routes.get(APIRoute.icbs.components, use: icbs).openData()
            routes.get(APIRoute.icb.components, use: icb).openData()
            routes.get(APIRoute.dentalContracts.components, use: dentalContracts).openData()
            routes.get(APIRoute.dentalContract.components, use: dentalContract).openData()
            routes.get(APIRoute.pharmacies.components) { try await sites(SiteLists.pharmacies, req: $0) }.openData()
            routes.get(APIRoute.dentalPractices.components) { try await sites(SiteLists.dentalPractices, req: $0) }.openData()
            routes.get(APIRoute.contractPosition.components, use: contractPosition)
            routes.get(APIRoute.icbDentalPosition.components, use: icbPosition)
            routes.get(APIRoute.englandDentalPosition.components, use: englandPosition)
            routes.get(APIRoute.icbAccess.components, use: icbAccess).openData()
            routes.get(APIRoute.icbAccessWhatIf.components, use: icbAccessWhatIf).openData()
            routes.get(APIRoute.openAPI.components, use: openAPI).access(.open)
        }

        @Sendable func icbs(req: Request) async throws -> ICBListDTO {
            let parameters = try ListParameters.from(req)
            let overview = try await req.workbench.england(year: parameters.year)
            return ICBListDTO(
                financialYear: overview.financialYear?.label, icbs: overview.rows.map(ICBSummaryDTO.init), england: FiguresDTO(overview.total),
                sources: overview.sources.map(SourceDTO.init))
        }

        @Sendable func icb(req: Request) async throws -> ICBDetailDTO {
            let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
            let parameters = try ListParameters.from(req)
            let overview = try await req.workbench.icb(code, year: parameters.year)
            return ICBDetailDTO(
                odsCode: overview.icb.code.rawValue, onsCode: overview.icb.onsCode.rawValue, onsCode2022: overview.icb.onsCode2022.rawValue,
                name: overview.icb.name, financialYear: overview.financialYear?.label, figures: FiguresDTO(overview.figures),
                subICBLocations: overview.subICBLocations.map(SubICBLocationDTO.init), sources: overview.sources.map(SourceDTO.init))
        }

        @Sendable func dentalContracts(req: Request) async throws -> ContractPageDTO {
            let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
            let parameters = try ListParameters.from(req)
            let list = try await req.workbench.contracts(of: code, year: parameters.year)
            let page = try Self.page(Tables.contracts(list.contracts), parameters)
            return ContractPageDTO(
                icb: code.rawValue, financialYear: list.financialYear?.label, coverage: list.coverage.map(CoverageDTO.init),
                paging: PageInfoDTO(page), items: page.items.map(ContractSummaryDTO.init), sources: list.sources.map(SourceDTO.init))
        }

        @Sendable func dentalContract(req: Request) async throws -> ContractDetailDTO {
            let number = try req.code("contract", as: ContractNumber.self, notFound: "contract_not_found")
            let detail = try await req.workbench.contract(number)
            let latest = detail.current.latest
            return ContractDetailDTO(
                contractNumber: number.rawValue, providerName: latest.providerName, commissionerCode: latest.commissioner.rawValue,
                commissionerName: latest.commissionerName, summary: ContractSummaryDTO(detail.current), coverage: CoverageDTO(detail.coverage),
                months: detail.months.map(ContractMonthDTO.init), changes: detail.current.changes.map(ContractChangeDTO.init),
                sources: detail.sources.map(SourceDTO.init))
        }

        /// Pharmacies or dental practices of an ICB, one page.
        private func sites<Kind>(_ list: SiteList<Kind>, req: Request) async throws -> OrganisationPageDTO {
            let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
            let sites = try await list.load(req.workbench, code)
            let page = try Self.page(list.table(sites), try ListParameters.from(req))
            return OrganisationPageDTO(
                icb: code.rawValue, paging: PageInfoDTO(page),
                items: page.items.map { OrganisationDTO($0, subTypeLabel: list.typeLabel($0.organisation)) },
                sources: sites.sources.map(SourceDTO.init))
        }

        @Sendable func icbAccess(req: Request) async throws -> ICBAccessDTO {
            let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
            let choices = try AccessChoices.from(req)
            let (service, demand) = try choices.resolved()
            let access = try await req.workbench.access(of: code, service: service, demand: demand, cache: req.application.accessModels)
            return API.access(access, tables: AccessController.tables(access, choices: choices))
        }

        @Sendable func icbAccessWhatIf(req: Request) async throws -> AccessWhatIfDTO {
            let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
            let (service, demand) = try AccessChoices.from(req).resolved()
            let form = try WhatIfForm.from(req)
            let workbench = req.workbench
            let access = try await workbench.access(of: code, service: service, demand: demand, cache: req.application.accessModels)
            guard let result = try await workbench.accessWhatIf(on: access, form: form) else {
                throw WebError.badRequest(code: "invalid_parameter", message: "change must be close, capacity, move or open.")
            }
            return API.whatIf(result, changes: AccessController.changes(result))
        }

        @Sendable func openAPI(req: Request) async throws -> Response {
            var headers = HTTPHeaders()
            headers.contentType = .json
            return Response(status: .ok, headers: headers, body: .init(data: try OpenAPIDocument.json()))
        }

        /// The requested page; an unknown sort column is a 400 naming the allowed ones.
        static func page<Row>(_ table: Table<Row>, _ parameters: ListParameters) throws -> ListPage<Row> {
            let request = try parameters.listRequest()
            if let sort = request.sort, !table.isSortKey(sort) {
                let keys = table.columns.filter(\.sortable).map(\.key).joined(separator: ", ")
                throw WebError.badRequest(code: "invalid_parameter", message: "sort must be one of: \(keys).")
            }
            return table.page(request)
        }
    }
}
