import PodiumCore
import Vapor

/// A route's path with `:name` parameters: registered with Vapor and filled in for links, from one string,
/// so a link cannot drift from its route.
public struct RouteTemplate: Sendable, Hashable {
    public let pattern: String

    public init(_ pattern: String) { self.pattern = pattern }

    /// Path components for registration.
    public var components: [PathComponent] { pattern.pathComponents }

    /// The pattern in OpenAPI form: `/api/v1/icbs/{icb}`.
    public var openAPIPath: String {
        "/" + pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
    }

    /// The path with parameters filled in order (values are identifiers validated by Core, so URL-safe).
    func fill(_ values: [String]) -> String {
        var remaining = values[...]
        let parts = pattern.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":"), let value = remaining.popFirst() else { return String(part) }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// Every page of the workbench (STYLE.md §5: one typed source of URLs).
public enum PodiumRoute: Sendable, Hashable {
    case home
    case aboutData
    case stylesheet
    case icon
    case icb(ICBCode)
    case dentalContracts(ICBCode)
    case pharmacies(ICBCode)
    case dentalPractices(ICBCode)
    case dentalContract(ContractNumber)
    case dentalPosition(ICBCode)
    case englandDentalPosition
    case recordVariation(ContractNumber)
    case withdrawVariation(ContractNumber, id: String)
    case pharmacyFirst
    case access(ICBCode)
    case accessWhatIf(ICBCode)
    case englandAccess

    public static let homeTemplate = RouteTemplate("/")
    public static let aboutDataTemplate = RouteTemplate("/about-the-data")
    public static let stylesheetTemplate = RouteTemplate("/assets/podium.css")
    public static let iconTemplate = RouteTemplate("/favicon.svg")
    /// Browsers ask for /favicon.ico whatever the page says; answered with the same icon.
    public static let legacyIconTemplate = RouteTemplate("/favicon.ico")
    public static let icbTemplate = RouteTemplate("/icbs/:icb")
    public static let dentalContractsTemplate = RouteTemplate("/icbs/:icb/dental-contracts")
    public static let pharmaciesTemplate = RouteTemplate("/icbs/:icb/pharmacies")
    public static let dentalPracticesTemplate = RouteTemplate("/icbs/:icb/dental-practices")
    public static let dentalContractTemplate = RouteTemplate("/dental-contracts/:contract")
    public static let dentalPositionTemplate = RouteTemplate("/icbs/:icb/dental-position")
    public static let englandDentalPositionTemplate = RouteTemplate("/dental-position")
    public static let recordVariationTemplate = RouteTemplate("/dental-contracts/:contract/variations")
    public static let withdrawVariationTemplate = RouteTemplate("/dental-contracts/:contract/variations/:variation/withdraw")
    public static let pharmacyFirstTemplate = RouteTemplate("/pharmacy-first")
    public static let accessTemplate = RouteTemplate("/icbs/:icb/access")
    public static let accessWhatIfTemplate = RouteTemplate("/icbs/:icb/access/what-if")
    public static let englandAccessTemplate = RouteTemplate("/access")

    public var path: String {
        switch self {
        case .home: Self.homeTemplate.pattern
        case .aboutData: Self.aboutDataTemplate.pattern
        case .stylesheet: Self.stylesheetTemplate.pattern
        case .icon: Self.iconTemplate.pattern
        case .icb(let code): Self.icbTemplate.fill([code.rawValue])
        case .dentalContracts(let code): Self.dentalContractsTemplate.fill([code.rawValue])
        case .pharmacies(let code): Self.pharmaciesTemplate.fill([code.rawValue])
        case .dentalPractices(let code): Self.dentalPracticesTemplate.fill([code.rawValue])
        case .dentalContract(let number): Self.dentalContractTemplate.fill([number.rawValue])
        case .dentalPosition(let code): Self.dentalPositionTemplate.fill([code.rawValue])
        case .englandDentalPosition: Self.englandDentalPositionTemplate.pattern
        case .recordVariation(let number): Self.recordVariationTemplate.fill([number.rawValue])
        case let .withdrawVariation(number, id): Self.withdrawVariationTemplate.fill([number.rawValue, id])
        case .pharmacyFirst: Self.pharmacyFirstTemplate.pattern
        case .access(let code): Self.accessTemplate.fill([code.rawValue])
        case .accessWhatIf(let code): Self.accessWhatIfTemplate.fill([code.rawValue])
        case .englandAccess: Self.englandAccessTemplate.pattern
        }
    }
}

/// The versioned JSON API.
public enum APIRoute {
    public static let icbs = RouteTemplate("/api/v1/icbs")
    public static let icb = RouteTemplate("/api/v1/icbs/:icb")
    public static let dentalContracts = RouteTemplate("/api/v1/icbs/:icb/dental-contracts")
    public static let pharmacies = RouteTemplate("/api/v1/icbs/:icb/pharmacies")
    public static let dentalPractices = RouteTemplate("/api/v1/icbs/:icb/dental-practices")
    public static let dentalContract = RouteTemplate("/api/v1/dental-contracts/:contract")
    public static let contractPosition = RouteTemplate("/api/v1/dental-contracts/:contract/position")
    public static let icbDentalPosition = RouteTemplate("/api/v1/icbs/:icb/dental-position")
    public static let englandDentalPosition = RouteTemplate("/api/v1/dental-position")
    public static let pharmacyFirst = RouteTemplate("/api/v1/pharmacy-first")
    public static let icbAccess = RouteTemplate("/api/v1/icbs/:icb/access")
    public static let icbAccessWhatIf = RouteTemplate("/api/v1/icbs/:icb/access/what-if")
    public static let openAPI = RouteTemplate("/api/v1/openapi.json")

    static func icbPath(_ code: ICBCode) -> String { icb.fill([code.rawValue]) }
    static func dentalContractPath(_ number: ContractNumber) -> String { dentalContract.fill([number.rawValue]) }
}
