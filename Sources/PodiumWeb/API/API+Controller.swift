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
            routes.get(APIRoute.dentalPractices.components) { try await sites(SiteLists.dentalPractices, req: $0) }
                .openData()
            routes.get(APIRoute.contractPosition.components, use: contractPosition)
            routes.get(APIRoute.icbDentalPosition.components, use: icbPosition)
            routes.get(APIRoute.englandDentalPosition.components, use: englandPosition).expensive()
            routes.get(APIRoute.icbAccess.components, use: icbAccess).openData()
            routes.get(APIRoute.icbAccessWhatIf.components, use: icbAccessWhatIf).openData().expensive()
            routes.get(APIRoute.pharmacyFirst.components, use: pharmacyFirst).openData()
            routes.get(APIRoute.icbPharmacyEvents.components, use: pharmacyEvents)
            routes.get(APIRoute.icbGOSContractsEnding.components, use: gosContractsEnding)
            routes.get(APIRoute.icbDentalDataChecks.components, use: dentalDataChecks)
            routes.get(APIRoute.icbRecords.components, use: records)
            routes.get(APIRoute.icbFinance.components, use: icbFinance)
            routes.get(APIRoute.englandFinance.components, use: englandFinance).expensive()
            routes.get(APIRoute.icbGovernance.components, use: governance)
            routes.get(APIRoute.icbProvidersAtRisk.components, use: providersAtRisk).expensive()
            routes.get(APIRoute.contractWarning.components, use: contractWarning)
            routes.get(APIRoute.pharmacyWarning.components, use: pharmacyWarning)
            routes.get(APIRoute.openAPI.components, use: openAPI).access(.open)
        }

        @Sendable func icbs(req: Request) async throws -> ICBListDTO {
            let model = try await Home.Model.query(req.queryContext, year: try ListParameters.from(req).year)
            return ICBListDTO(
                financialYear: model.financialYear?.label, icbs: model.rows.map(ICBSummaryDTO.init),
                england: FiguresDTO(model.total),
                sources: model.sources.map(SourceDTO.init))
        }

        @Sendable func icb(req: Request) async throws -> ICBDetailDTO {
            let overview = try await ICBShow.Model.query(
                req.queryContext, icb: try req.icbCode(), year: try ListParameters.from(req).year)
            return ICBDetailDTO(
                odsCode: overview.icb.code.rawValue, onsCode: overview.icb.onsCode.rawValue,
                onsCode2022: overview.icb.onsCode2022.rawValue,
                name: overview.icb.name, financialYear: overview.financialYear?.label,
                figures: FiguresDTO(overview.figures),
                subICBLocations: overview.subICBLocations.map(SubICBLocationDTO.init),
                sources: overview.sources.map(SourceDTO.init))
        }

        @Sendable func dentalContracts(req: Request) async throws -> ContractPageDTO {
            let code = try req.icbCode()
            let parameters = try ListParameters.from(req)
            let list = try await ContractIndex.Model.query(req.queryContext, icb: code, year: parameters.year)
            let page = try Self.page(ContractTables.contracts(list.contracts), parameters)
            return ContractPageDTO(
                icb: code.rawValue, financialYear: list.financialYear?.label,
                coverage: list.coverage.map(CoverageDTO.init),
                paging: PageInfoDTO(page), items: page.items.map(ContractSummaryDTO.init),
                sources: list.sources.map(SourceDTO.init))
        }

        @Sendable func dentalContract(req: Request) async throws -> ContractDetailDTO {
            let number = try req.code("contract", as: ContractNumber.self, notFound: .contractNotFound)
            let context = req.queryContext
            let detail = try await ContractShow.Detail.query(
                context, contract: number, year: try ListParameters.from(req).year)
            let latest = detail.current.latest
            return ContractDetailDTO(
                contractNumber: number.rawValue, providerName: latest.providerName,
                commissionerCode: latest.commissioner.rawValue, commissionerName: latest.commissionerName,
                commissionerKind: latest.commissionerKind.rawValue, icb: detail.commissioner?.rawValue,
                years: (try await context.openData.dentalHistory().contracts[number] ?? []).map(ContractYearDTO.init),
                summary: ContractSummaryDTO(detail.current),
                coverage: CoverageDTO(detail.coverage),
                months: detail.months.map(ContractMonthDTO.init),
                changes: detail.current.changes.map(ContractChangeDTO.init),
                sources: detail.sources.map(SourceDTO.init))
        }

        /// Pharmacies or dental practices of an ICB, one page.
        private func sites<Kind>(_ list: SiteList<Kind>, req: Request) async throws -> OrganisationPageDTO {
            let code = try req.icbCode()
            let sites = try await SiteIndex.Model.query(req.queryContext, list: list, icb: code)
            let page = try Self.page(list.table(sites.sites), try ListParameters.from(req))
            return OrganisationPageDTO(
                icb: code.rawValue, paging: PageInfoDTO(page),
                items: page.items.map { OrganisationDTO($0, subTypeLabel: list.typeLabel($0.organisation)) },
                sources: sites.sources.map(SourceDTO.init))
        }

        @Sendable func icbAccess(req: Request) async throws -> ICBAccessDTO {
            let model = try await ICBAccess.Model.query(
                req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(AccessChoices.self))
            return API.access(model)
        }

        @Sendable func icbAccessWhatIf(req: Request) async throws -> AccessWhatIfDTO {
            let model = try await WhatIf.Model.query(
                req.queryContext, icb: try req.icbCode(), choices: try req.queryValues(AccessChoices.self),
                form: try req.queryValues(WhatIfForm.self))
            guard let outcome = model.outcome else {
                throw WebError.invalid("change must be close, capacity, move or open.")
            }
            return API.whatIf(outcome, access: model.access)
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
                throw WebError.invalid("sort must be one of: \(keys).")
            }
            return table.page(request)
        }
    }
}
