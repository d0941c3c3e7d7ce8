import Foundation
import PodiumCore
import Vapor

extension API.Controller {
    @Sendable func gosContractsEnding(req: Request) async throws -> API.ContractsEndingDTO {
        API.ContractsEndingDTO(try await ContractsEnding.Model.query(req.queryContext, icb: try req.icbCode()))
    }
}

extension API {
    /// An ICB's GOS contracts ending within the next six months, soonest first.
    struct ContractsEndingDTO: Content {
        struct Contract: Content {
            var contractNumber: String
            var kind: String
            var contractor: String
            var premises: String
            var postcode: String
            var start: String
            var end: String
            var daysLeft: Int
            var exampleData: Bool
        }

        var icb: String
        var asOf: String
        var until: String
        var contracts: [Contract]

        init(_ model: ContractsEnding.Model) {
            icb = model.icb.code.rawValue
            asOf = model.today.iso
            until = model.until.iso
            contracts = model.ending.map { entry in
                let contract = entry.contract
                return Contract(
                    contractNumber: contract.number, kind: contract.kind.rawValue, contractor: contract.contractor,
                    premises: contract.premises,
                    postcode: contract.premisesPostcode.display, start: contract.start.iso, end: entry.end.iso,
                    daysLeft: entry.daysLeft,
                    exampleData: entry.isExample)
            }
        }
    }
}
