import Foundation
import PodiumCore
import PodiumData
import Vapor

extension API.Controller {
    @Sendable func pharmacyFirst(req: Request) async throws -> API.PharmacyFirstDTO {
        let model = try await PharmacyFirstEngland.Model.query(req.queryContext)
        return API.PharmacyFirstDTO(
            areas: model.areas.map(API.SPCMeasureDTO.init), conditions: model.conditions.map(API.SPCMeasureDTO.init),
            sources: model.sources.map(API.SourceDTO.init))
    }

    @Sendable func pharmacyEvents(req: Request) async throws -> API.PharmacyEventsDTO {
        let model = try await PharmacyIndex.Model.query(req.queryContext, icb: try req.icbCode())
        return API.PharmacyEventsDTO(
            events: model.events.map {
                API.PharmacyEventDTO(
                    pharmacy: $0.pharmacy.rawValue, date: $0.date.iso, kind: $0.kind.rawValue, detail: $0.detail)
            })
    }
}

extension API {
    struct PharmacyEventsDTO: Content {
        var events: [PharmacyEventDTO]
    }

    /// A dated change on the pharmaceutical register, newest first.
    struct PharmacyEventDTO: Content {
        var pharmacy: String
        var date: String
        var kind: String
        var detail: String
    }
}
