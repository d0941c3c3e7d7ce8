import Foundation
import PodiumCore
import PodiumData
import Vapor

/// Pharmacy and optometry commissioning pages: each answers HTML, or CSV of any of its tables with
/// `?format=csv&table=id`.
struct CommissioningController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.pharmaciesTemplate.components, use: register)
        routes.get(PodiumRoute.pharmacyTemplate.components, use: pharmacy)
        routes.get(PodiumRoute.pharmacyClosuresTemplate.components, use: closures)
        routes.get(PodiumRoute.marketEntryTemplate.components, use: marketEntry)
        routes.get(PodiumRoute.marketEntryApplicationTemplate.components, use: application)
        routes.get(PodiumRoute.icbPharmacyFirstTemplate.components, use: pharmacyFirst)
        routes.get(PodiumRoute.pharmacyFirstTemplate.components, use: englandPharmacyFirst).openData()
        routes.get(PodiumRoute.optometryTemplate.components, use: optometry)
        routes.get(PodiumRoute.gosContractsEndingTemplate.components, use: gosContractsEnding)
    }

    @Sendable func register(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await PharmacyIndex.Model.query(req.queryContext, icb: try req.icbCode())
        return try Responses.page(
            PharmacyIndex.View(model, request: try parameters.listRequest(), context: req.page), parameters)
    }

    @Sendable func pharmacy(req: Request) async throws -> Response {
        let code = try req.code("pharmacy", as: PharmacyCode.self, notFound: .pharmacyNotFound)
        let model = try await PharmacyShow.Model.query(req.queryContext, pharmacy: code)
        return try Responses.page(PharmacyShow.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func closures(req: Request) async throws -> Response {
        let model = try await ClosuresAndHours.Model.query(req.queryContext, icb: try req.icbCode())
        return try Responses.page(ClosuresAndHours.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func marketEntry(req: Request) async throws -> Response {
        let model = try await MarketEntry.Model.query(req.queryContext, icb: try req.icbCode())
        return try Responses.page(MarketEntry.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func application(req: Request) async throws -> Response {
        let model = try await ApplicationShow.Model.query(
            req.queryContext, icb: try req.icbCode(), reference: req.parameters.get("reference") ?? "")
        return try Responses.page(ApplicationShow.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func pharmacyFirst(req: Request) async throws -> Response {
        let model = try await PharmacyFirstByPharmacy.Model.query(req.queryContext, icb: try req.icbCode())
        return try Responses.page(PharmacyFirstByPharmacy.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func englandPharmacyFirst(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let calculator = try FeeCalculator(try req.queryValues(FeeCalculator.Query.self))
        let model = try await PharmacyFirstEngland.Model.query(req.queryContext, calculator: calculator)
        return try Responses.page(PharmacyFirstEngland.View(model, context: req.page), parameters)
    }

    @Sendable func optometry(req: Request) async throws -> Response {
        let fees = try req.queryValues(Optometry.FeesQuery.self).schedule()
        let model = try await Optometry.Model.query(req.queryContext, icb: try req.icbCode(), fees: fees)
        return try Responses.page(Optometry.View(model, context: req.page), try ListParameters.from(req))
    }

    @Sendable func gosContractsEnding(req: Request) async throws -> Response {
        let model = try await ContractsEnding.Model.query(req.queryContext, icb: try req.icbCode())
        return try Responses.page(ContractsEnding.View(model, context: req.page), try ListParameters.from(req))
    }
}
