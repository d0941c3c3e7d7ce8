import Foundation
import PodiumCore
import PodiumData
import Vapor

extension API.Controller {
    @Sendable func providersAtRisk(req: Request) async throws -> API.ProvidersAtRiskDTO {
        API.ProvidersAtRiskDTO(
            try await ProvidersAtRisk.Model.kept(
                req.queryContext, icb: try req.icbCode(), month: req.query[String.self, at: "as_of"],
                year: req.query[String.self, at: "year"]))
    }

    @Sendable func contractWarning(req: Request) async throws -> API.WarningDTO {
        let number = try req.code("contract", as: ContractNumber.self, notFound: .contractNotFound)
        let year = req.query[String.self, at: "year"]
        guard
            let (warning, asOf) = try await ProviderWarnings.dental(
                req.queryContext, contract: number, year: year)
        else {
            throw WebError.notFound(
                .warningNotFound,
                "Contract \(number) has no score: it is not in the \(year == nil ? "latest" : "year's last") month of data, or has no UDA target."
            )
        }
        return API.WarningDTO(
            provider: "contract:\(number)", warning: warning, financialYear: FinancialYear(containing: asOf))
    }

    @Sendable func pharmacyWarning(req: Request) async throws -> API.WarningDTO {
        let code = try req.code("pharmacy", as: PharmacyCode.self, notFound: .pharmacyNotFound)
        let context = req.queryContext
        guard let icb = try await OrganisationStore(database: context.database).icb(ofPharmacy: code).icb,
            let warning = try await ProviderWarnings.pharmacy(context, pharmacy: code, icb: icb)
        else {
            throw WebError.notFound(
                .warningNotFound, "Pharmacy \(code) has no score: it is not an open pharmacy of an ICB.")
        }
        return API.WarningDTO(provider: "pharmacy:\(code)", warning: warning)
    }
}

extension API {
    /// One signal of a provider's warning: the value seen, its setting, the points it earns, in words and from where.
    struct SignalDTO: Content {
        var signal: String
        var label: String
        var value: Double?
        var words: String
        var weight: Double
        var starts: Double
        var full: Double
        var severity: Double
        var points: Double
        var source: String

        init(_ reading: SignalReading) {
            signal = reading.signal.rawValue
            label = reading.signal.label
            value = reading.value.map { ($0 * 1000).rounded() / 1000 }
            words = reading.words
            weight = reading.setting.weight
            starts = reading.setting.starts
            full = reading.setting.full
            severity = (reading.severity * 1000).rounded() / 1000
            points = (reading.points * 10).rounded() / 10
            source = reading.signal.source
        }
    }

    /// A provider's early-warning score with every signal.
    struct WarningDTO: Content {
        var provider: String
        /// A contract's financial year (`year=`, else the latest with data); `nil` for a pharmacy.
        var financialYear: String?
        var asOf: String
        var configuration: String
        var score: Double
        var reasons: [String]
        var signals: [SignalDTO]

        init(provider: String, warning: ProviderWarning, financialYear: FinancialYear? = nil) {
            self.provider = provider
            self.financialYear = financialYear?.label
            asOf = warning.asOf.iso
            configuration = warning.configuration
            score = warning.score
            reasons = warning.reasonLines
            signals = warning.readings.map(SignalDTO.init)
        }
    }

    struct RankedDTO: Content {
        var provider: String
        var name: String
        var score: Double
        var reasons: [String]
        var trend: [TrendPoint]?
        var url: String
        /// A dental contract's implausible published values, in words (the data checks page): a caveat on the score.
        var dataChecks: [String]? = nil
    }

    struct TrendPoint: Content {
        var month: String
        var score: Double
    }

    /// An ICB's providers ranked by score, most at risk first.
    struct ProvidersAtRiskDTO: Content {
        var icb: String
        /// The financial year the list judges (`year=`, else the latest with data).
        var financialYear: String?
        var asOf: String?
        var judgedOn: String
        var pharmacyAsOf: String
        var configuration: String
        var dental: [RankedDTO]
        var pharmacies: [RankedDTO]

        init(_ list: ProvidersAtRisk.Model) {
            icb = list.icb.code.rawValue
            financialYear = list.asOf.map { FinancialYear(containing: $0).label }
            asOf = list.asOf?.iso
            judgedOn = list.today.iso
            pharmacyAsOf = list.pharmacyAsOf.iso
            configuration = list.configuration.version
            dental = list.dental.map { risk in
                RankedDTO(
                    provider: "contract:\(risk.contract)", name: risk.provider, score: risk.warning.score,
                    reasons: risk.warning.reasonLines,
                    trend: risk.trend.map { TrendPoint(month: $0.month.iso, score: $0.score) },
                    url: APIRoute.contractWarning.fill([risk.contract.rawValue]),
                    dataChecks: risk.dataChecks.isEmpty ? nil : risk.dataChecks.map { "\($0.kind.label): \($0.words)" })
            }
            pharmacies = list.pharmacies.map { risk in
                RankedDTO(
                    provider: "pharmacy:\(risk.pharmacy)", name: risk.name, score: risk.warning.score,
                    reasons: risk.warning.reasonLines,
                    trend: risk.trend.map { TrendPoint(month: $0.month.iso, score: $0.score) },
                    url: APIRoute.pharmacyWarning.fill([risk.pharmacy.rawValue]))
            }
        }
    }
}
