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
        "/"
            + pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(
                separator: "/")
    }

    /// The path with parameters filled in order (values are identifiers validated by Core, so URL-safe).
    func fill(_ values: [String]) -> String {
        var remaining = values[...]
        let parts = pattern.split(separator: "/").map { part -> String in
            guard part.hasPrefix(":"), let value = remaining.popFirst() else { return String(part) }
            // Codes are letters, digits and "-": no encoding needed, and Foundation's encoder is slow on a page of links.
            if value.utf8.allSatisfy({
                ($0 >= 0x30 && $0 <= 0x39) || ($0 | 0x20 >= 0x61 && $0 | 0x20 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
            }) {
                return value
            }
            return value.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? value
        }
        return "/" + parts.joined(separator: "/")
    }
}

/// Every page of the workbench (one typed source of URLs).
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
    case records(ICBCode, RecordTemplate)
    case recordForm(ICBCode, RecordTemplate)
    case recordUpload(ICBCode, RecordTemplate)
    case recordDelete(ICBCode, RecordTemplate)
    case pharmacy(PharmacyCode)
    case pharmacyClosures(ICBCode)
    case marketEntry(ICBCode)
    case marketEntryApplication(ICBCode, reference: String)
    case icbPharmacyFirst(ICBCode)
    case optometry(ICBCode)
    case gosContractsEnding(ICBCode)
    case dentalDataChecks(ICBCode)
    case finance(ICBCode)
    case englandFinance
    case governance(ICBCode)
    case committeePaper(ICBCode)
    case signIn
    case openIDSignIn
    case openIDCallback
    case signOut
    case account
    case accountPassword
    case accountTokens
    case revokeToken(id: String)
    case adminUsers
    case adminUser(id: String)
    case adminUserPassword(id: String)
    case adminUserDelete(id: String)
    case providersAtRisk(ICBCode)
    case raiseProviderRisk(ICBCode)
    case digest
    case digestRead

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
    public static let withdrawVariationTemplate = RouteTemplate(
        "/dental-contracts/:contract/variations/:variation/withdraw")
    public static let pharmacyFirstTemplate = RouteTemplate("/pharmacy-first")
    public static let accessTemplate = RouteTemplate("/icbs/:icb/access")
    public static let accessWhatIfTemplate = RouteTemplate("/icbs/:icb/access/what-if")
    public static let englandAccessTemplate = RouteTemplate("/access")
    public static let recordsTemplate = RouteTemplate("/icbs/:icb/records/:template")
    public static let recordFormTemplate = RouteTemplate("/icbs/:icb/records/:template/form")
    public static let recordUploadTemplate = RouteTemplate("/icbs/:icb/records/:template/upload")
    public static let recordDeleteTemplate = RouteTemplate("/icbs/:icb/records/:template/delete")
    public static let pharmacyTemplate = RouteTemplate("/pharmacies/:pharmacy")
    public static let pharmacyClosuresTemplate = RouteTemplate("/icbs/:icb/pharmacy-closures")
    public static let marketEntryTemplate = RouteTemplate("/icbs/:icb/market-entry")
    public static let marketEntryApplicationTemplate = RouteTemplate("/icbs/:icb/market-entry/:reference")
    public static let icbPharmacyFirstTemplate = RouteTemplate("/icbs/:icb/pharmacy-first")
    public static let optometryTemplate = RouteTemplate("/icbs/:icb/optometry")
    public static let gosContractsEndingTemplate = RouteTemplate("/icbs/:icb/optometry/contracts-ending")
    public static let dentalDataChecksTemplate = RouteTemplate("/icbs/:icb/dental-data-checks")
    public static let financeTemplate = RouteTemplate("/icbs/:icb/finance")
    public static let englandFinanceTemplate = RouteTemplate("/finance")
    public static let governanceTemplate = RouteTemplate("/icbs/:icb/governance")
    public static let committeePaperTemplate = RouteTemplate("/icbs/:icb/committee-paper")
    public static let signInTemplate = RouteTemplate("/sign-in")
    public static let openIDSignInTemplate = RouteTemplate("/sign-in/oidc")
    public static let openIDCallbackTemplate = RouteTemplate("/sign-in/oidc/callback")
    public static let signOutTemplate = RouteTemplate("/sign-out")
    public static let accountTemplate = RouteTemplate("/account")
    public static let accountPasswordTemplate = RouteTemplate("/account/password")
    public static let accountTokensTemplate = RouteTemplate("/account/tokens")
    public static let revokeTokenTemplate = RouteTemplate("/account/tokens/:token/revoke")
    public static let adminUsersTemplate = RouteTemplate("/admin/users")
    public static let adminUserTemplate = RouteTemplate("/admin/users/:user")
    public static let adminUserPasswordTemplate = RouteTemplate("/admin/users/:user/password")
    public static let adminUserDeleteTemplate = RouteTemplate("/admin/users/:user/delete")
    public static let providersAtRiskTemplate = RouteTemplate("/icbs/:icb/providers-at-risk")
    public static let raiseProviderRiskTemplate = RouteTemplate("/icbs/:icb/providers-at-risk/raise")
    public static let digestTemplate = RouteTemplate("/digest")
    public static let digestReadTemplate = RouteTemplate("/digest/read")

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
        case .withdrawVariation(let number, let id): Self.withdrawVariationTemplate.fill([number.rawValue, id])
        case .pharmacyFirst: Self.pharmacyFirstTemplate.pattern
        case .access(let code): Self.accessTemplate.fill([code.rawValue])
        case .accessWhatIf(let code): Self.accessWhatIfTemplate.fill([code.rawValue])
        case .englandAccess: Self.englandAccessTemplate.pattern
        case .records(let code, let template): Self.recordsTemplate.fill([code.rawValue, template.id])
        case .recordForm(let code, let template): Self.recordFormTemplate.fill([code.rawValue, template.id])
        case .recordUpload(let code, let template): Self.recordUploadTemplate.fill([code.rawValue, template.id])
        case .recordDelete(let code, let template): Self.recordDeleteTemplate.fill([code.rawValue, template.id])
        case .pharmacy(let code): Self.pharmacyTemplate.fill([code.rawValue])
        case .pharmacyClosures(let code): Self.pharmacyClosuresTemplate.fill([code.rawValue])
        case .marketEntry(let code): Self.marketEntryTemplate.fill([code.rawValue])
        case .marketEntryApplication(let code, let reference):
            Self.marketEntryApplicationTemplate.fill([code.rawValue, reference])
        case .icbPharmacyFirst(let code): Self.icbPharmacyFirstTemplate.fill([code.rawValue])
        case .optometry(let code): Self.optometryTemplate.fill([code.rawValue])
        case .gosContractsEnding(let code): Self.gosContractsEndingTemplate.fill([code.rawValue])
        case .dentalDataChecks(let code): Self.dentalDataChecksTemplate.fill([code.rawValue])
        case .finance(let code): Self.financeTemplate.fill([code.rawValue])
        case .englandFinance: Self.englandFinanceTemplate.pattern
        case .governance(let code): Self.governanceTemplate.fill([code.rawValue])
        case .committeePaper(let code): Self.committeePaperTemplate.fill([code.rawValue])
        case .signIn: Self.signInTemplate.pattern
        case .openIDSignIn: Self.openIDSignInTemplate.pattern
        case .openIDCallback: Self.openIDCallbackTemplate.pattern
        case .signOut: Self.signOutTemplate.pattern
        case .account: Self.accountTemplate.pattern
        case .accountPassword: Self.accountPasswordTemplate.pattern
        case .accountTokens: Self.accountTokensTemplate.pattern
        case .revokeToken(let id): Self.revokeTokenTemplate.fill([id])
        case .adminUsers: Self.adminUsersTemplate.pattern
        case .adminUser(let id): Self.adminUserTemplate.fill([id])
        case .adminUserPassword(let id): Self.adminUserPasswordTemplate.fill([id])
        case .adminUserDelete(let id): Self.adminUserDeleteTemplate.fill([id])
        case .providersAtRisk(let code): Self.providersAtRiskTemplate.fill([code.rawValue])
        case .raiseProviderRisk(let code): Self.raiseProviderRiskTemplate.fill([code.rawValue])
        case .digest: Self.digestTemplate.pattern
        case .digestRead: Self.digestReadTemplate.pattern
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
    public static let icbRecords = RouteTemplate("/api/v1/icbs/:icb/records/:template")
    public static let icbPharmacyEvents = RouteTemplate("/api/v1/icbs/:icb/pharmacy-events")
    public static let icbGOSContractsEnding = RouteTemplate("/api/v1/icbs/:icb/optometry/contracts-ending")
    public static let icbDentalDataChecks = RouteTemplate("/api/v1/icbs/:icb/dental-data-checks")
    public static let icbFinance = RouteTemplate("/api/v1/icbs/:icb/finance")
    public static let englandFinance = RouteTemplate("/api/v1/finance")
    public static let icbGovernance = RouteTemplate("/api/v1/icbs/:icb/governance")
    public static let icbProvidersAtRisk = RouteTemplate("/api/v1/icbs/:icb/providers-at-risk")
    public static let contractWarning = RouteTemplate("/api/v1/dental-contracts/:contract/warning")
    public static let pharmacyWarning = RouteTemplate("/api/v1/pharmacies/:pharmacy/warning")
    public static let openAPI = RouteTemplate("/api/v1/openapi.json")

    static func icbPath(_ code: ICBCode) -> String { icb.fill([code.rawValue]) }
    static func dentalContractPath(_ number: ContractNumber) -> String { dentalContract.fill([number.rawValue]) }
}
