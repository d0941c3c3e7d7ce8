import FluentKit
import PodiumCore
import Vapor

/// Pharmacy First: consultations with SPC, as a page (with CSV) and as JSON.
struct PharmacyController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.pharmacyFirstTemplate.components, use: page).openData()
        routes.get(APIRoute.pharmacyFirst.components, use: api).openData()
    }

    @Sendable func page(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let overview = try await req.workbench.pharmacyFirst()
        let areas = Tables.spcSummary(overview.areas, id: "areas", caption: "Pharmacy First consultations: England and regions")
        let conditions = Tables.spcSummary(overview.conditions, id: "conditions", caption: "Pharmacy First consultations in England, by condition")
        let monthly = PharmacyFirstPage.monthlyTable(overview)
        if parameters.wantsCSV {
            let name = "pharmacy-first-\(parameters.table ?? monthly.id).csv"
            switch parameters.table ?? monthly.id {
            case monthly.id: return Responses.csv(monthly.csv(ListRequest()), fileName: name)
            case areas.id: return Responses.csv(areas.csv(ListRequest()), fileName: name)
            case conditions.id: return Responses.csv(conditions.csv(ListRequest()), fileName: name)
            default:
                let measures = overview.areas + overview.conditions
                if let points = Tables.spcPoints(named: parameters.table, in: measures) {
                    return Responses.csv(points.csv(ListRequest()), fileName: name)
                }
                throw WebError.badRequest(
                    code: "invalid_parameter",
                    message: "table must be monthly, areas, conditions or \(measures.map { "spc-\($0.id)" }.joined(separator: ", ")).")
            }
        }
        return Responses.html(PharmacyFirstPage.render(
            overview, areas: areas, conditions: conditions, monthly: monthly, calculator: try FeeCalculator.from(req), context: req.page))
    }

    @Sendable func api(req: Request) async throws -> API.PharmacyFirstDTO {
        let overview = try await req.workbench.pharmacyFirst()
        return API.PharmacyFirstDTO(
            areas: overview.areas.map(API.SPCMeasureDTO.init), conditions: overview.conditions.map(API.SPCMeasureDTO.init),
            sources: overview.sources.map(API.SourceDTO.init))
    }
}

/// The fee calculator's question: a month's volumes for a number of pharmacies.
struct FeeCalculator: Sendable {
    var month: YearMonth
    var volumes: PharmacyFirstVolumes
    var registered: Bool
    var pharmacies: Int

    var income: PharmacyFirstIncome { PharmacyFirstFeeSchedule.standard.income(volumes, in: month, registered: registered) }

    /// Reads `?month=&pathways=&minor=&urgent=&registered=&pharmacies=`; defaults to worked example F.
    static func from(_ req: Request) throws -> FeeCalculator {
        func count(_ name: String, _ fallback: Int) throws -> Int {
            guard let text = req.query[String.self, at: name], !text.isEmpty else { return fallback }
            guard let value = Int(text), (0...100_000).contains(value) else {
                throw WebError.badRequest(code: "invalid_parameter", message: "\(name) must be a whole number from 0 to 100,000.")
            }
            return value
        }
        let monthText = req.query[String.self, at: "month"] ?? "2025-06"
        guard let month = YearMonth(monthText) else {
            throw WebError.badRequest(code: "invalid_parameter", message: "month must be a month such as 2025-06.")
        }
        return FeeCalculator(
            month: month,
            volumes: PharmacyFirstVolumes(clinicalPathways: try count("pathways", 26), minorIllness: try count("minor", 40), urgentSupply: try count("urgent", 12)),
            registered: req.query[String.self, at: "registered"] != "no", pharmacies: max(1, try count("pharmacies", 1)))
    }
}
