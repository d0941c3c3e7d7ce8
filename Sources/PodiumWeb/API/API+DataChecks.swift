import PodiumCore
import Vapor

extension API.Controller {
    @Sendable func dentalDataChecks(req: Request) async throws -> API.DataChecksDTO {
        API.DataChecksDTO(
            try await DentalDataChecks.Model.query(
                req.queryContext, icb: try req.icbCode(), year: try ListParameters.from(req).year))
    }
}

extension API {
    struct DataChecksDTO: Content {
        struct Check: Content {
            var contractNumber: String
            var provider: String
            var check: String
            var label: String
            var month: String
            var seen: String
        }

        var icb: String
        var financialYear: String
        var contractsChecked: Int
        var thresholds: [String: String]
        var checks: [Check]

        init(_ model: DentalDataChecks.Model) {
            icb = model.icb.code.rawValue
            financialYear = model.financialYear.label
            contractsChecked = model.contractsChecked
            let t = model.thresholds
            thresholds = [
                "udaValue":
                    "\(Money(pence: t.udaValue.lowerBound).formatted)–\(Money(pence: t.udaValue.upperBound).formatted)",
                "tinyTarget": "1–\(t.tinyTarget) UDAs", "deliveryPercent": "\(t.deliveryPercent)",
                "targetMovePercent": "\(t.targetMovePercent)",
            ]
            checks = model.checks.map {
                Check(
                    contractNumber: $0.check.contract.rawValue, provider: $0.provider, check: $0.check.kind.rawValue,
                    label: $0.check.kind.label, month: $0.check.month.iso, seen: $0.check.words)
            }
        }
    }
}
