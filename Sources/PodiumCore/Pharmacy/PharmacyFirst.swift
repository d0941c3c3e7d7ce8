/// The seven Pharmacy First clinical pathways (from 31 January 2024; NHSBSA, Pharmacy First service).
public enum PharmacyFirstCondition: String, Sendable, Hashable, Codable, CaseIterable {
    case acuteOtitisMedia = "acute_otitis_media"
    case acuteSoreThroat = "acute_sore_throat"
    case impetigo = "impetigo"
    case infectedInsectBites = "infected_insect_bites"
    case shingles = "shingles"
    case sinusitis = "sinusitis"
    case uncomplicatedUTI = "uncomplicated_uti"

    public var label: String {
        switch self {
        case .acuteOtitisMedia: "Acute otitis media"
        case .acuteSoreThroat: "Acute sore throat"
        case .impetigo: "Impetigo"
        case .infectedInsectBites: "Infected insect bites"
        case .shingles: "Shingles"
        case .sinusitis: "Sinusitis"
        case .uncomplicatedUTI: "Uncomplicated UTI"
        }
    }
}

/// Clinical-pathway consultations in one month, for England or one NHS England region.
public struct PharmacyFirstCount: Sendable, Hashable, Codable {
    /// "England", or a region such as "North West".
    public var area: String
    public var month: YearMonth
    public var condition: PharmacyFirstCondition
    public var consultations: Int

    public init(area: String, month: YearMonth, condition: PharmacyFirstCondition, consultations: Int) {
        self.area = area
        self.month = month
        self.condition = condition
        self.consultations = consultations
    }

    public static let england = "England"
    /// The service started on 31 January 2024: February 2024 is its first full month; earlier months are zero
    /// and are left out of SPC charts, which would otherwise read the launch as a signal.
    public static let firstFullMonth = YearMonth(year: 2024, month: 2)!
}
