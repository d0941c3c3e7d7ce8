/// The open datasets Podium imports, with what a reader needs to judge a figure: who publishes it,
/// what it covers, under which licence, and whether it is final.
///
/// The raw value is the name used on the command line: `podium import nhsbsa-dental-activity FILE`.
/// Cases are listed in the order the demo imports them (lookups before what refers to them).
public enum Dataset: String, Sendable, Hashable, Codable, CaseIterable {
    case icbs = "icbs"
    case subICBLocations = "sub-icb-locations"
    case lsoa2011Lookup = "lsoa11-icb-lookup"
    case lsoa2021Lookup = "lsoa21-icb-lookup"
    case lsoaVintageLookup = "lsoa11-lsoa21-lookup"
    case imd2019 = "imd2019"
    case iod2025 = "iod2025"
    case iod2025ICBSummary = "iod2025-icb-summary"
    case population2021 = "population-census2021"
    case population2020 = "population-mid2020"
    case lsoa2011Centroids = "lsoa11-centroids"
    case lsoa2021Centroids = "lsoa21-centroids"
    case population2024 = "population-mid2024"
    case postcodes = "postcodes"
    case pharmacies = "ods-edispensary"
    case dentalPractices = "ods-egdpprac"
    case dentalActivity = "nhsbsa-dental-activity"
    case pharmacyFirstEngland = "pharmacy-first-england"
    case pharmacyFirstRegions = "pharmacy-first-regions"

    /// What the dataset is, in the publisher's words.
    public var title: String {
        switch self {
        case .icbs: "Integrated Care Boards (42, April 2024)"
        case .subICBLocations: "Sub-ICB Locations (106, April 2024)"
        case .lsoa2011Lookup: "LSOA (2011) to Sub-ICB Location to ICB to LAD (July 2022) lookup"
        case .lsoa2021Lookup: "LSOA (2021) to Sub-ICB Location to ICB (April 2024) lookup"
        case .lsoaVintageLookup: "LSOA (2011) to LSOA (2021) to LAD (2022) lookup"
        case .imd2019: "English Indices of Deprivation 2019, File 1: IMD rank and decile"
        case .iod2025: "English Indices of Deprivation 2025: scores, ranks and deciles"
        case .iod2025ICBSummary: "English Indices of Deprivation 2025: ICB summaries"
        case .population2021: "Census 2021 usual residents by LSOA, six age bands"
        case .population2020: "LSOA population estimates, mid-2020, single year of age"
        case .lsoa2011Centroids: "LSOA (December 2011) population-weighted centroids"
        case .lsoa2021Centroids: "LSOA (December 2021) population-weighted centroids (V4)"
        case .population2024: "LSOA population estimates, mid-2024 (all ages, 0–15, 16–17)"
        case .postcodes: "Code-Point Open postcode locations"
        case .pharmacies: "ODS edispensary: pharmacies and appliance contractors"
        case .dentalPractices: "ODS egdpprac: general dental practices"
        case .dentalActivity: "English Contractor Monthly General Dental Activity"
        case .pharmacyFirstEngland: "Pharmacy First clinical pathway consultations, England"
        case .pharmacyFirstRegions: "Pharmacy First clinical pathway consultations by NHS England region"
        }
    }

    public var publisher: String {
        switch self {
        case .icbs, .subICBLocations, .lsoa2011Lookup, .lsoa2021Lookup, .lsoaVintageLookup, .population2021,
            .population2020, .lsoa2011Centroids, .lsoa2021Centroids, .population2024:
            "Office for National Statistics"
        case .imd2019, .iod2025, .iod2025ICBSummary: "Ministry of Housing, Communities and Local Government"
        case .postcodes: "Ordnance Survey"
        case .pharmacies, .dentalPractices: "NHS England Organisation Data Service"
        case .dentalActivity: "NHS Business Services Authority"
        case .pharmacyFirstEngland, .pharmacyFirstRegions:
            "NHS Business Services Authority (summed by the OpenSAFELY Pharmacy First team)"
        }
    }

    /// The geography and period the dataset describes.
    public var coverage: String {
        switch self {
        case .icbs, .subICBLocations: "England, April 2024 boundaries"
        case .lsoa2011Lookup: "England, 2011 LSOAs, July 2022 NHS geography"
        case .lsoa2021Lookup: "England, 2021 LSOAs, April 2024 NHS geography"
        case .lsoaVintageLookup: "England and Wales"
        case .imd2019: "England, 2011 LSOAs, published September 2019"
        case .iod2025: "England, 2021 LSOAs, published October 2025"
        case .iod2025ICBSummary: "England, 42 ICBs (2024 boundaries), published October 2025"
        case .population2021: "England and Wales, 2021 LSOAs, Census Day 21 March 2021"
        case .population2020: "England and Wales, 2011 LSOAs, 30 June 2020"
        case .lsoa2011Centroids: "England and Wales, 2011 LSOAs"
        case .lsoa2021Centroids: "England and Wales, 2021 LSOAs"
        case .population2024: "England and Wales, 2021 LSOAs, 30 June 2024"
        case .postcodes: "Great Britain, October 2025 (bundled: the postcodes of ODS sites and dental contracts)"
        case .pharmacies: "England and Wales, extract of about April 2025"
        case .dentalPractices: "England, Wales and the Isle of Man, extract of about May 2024"
        case .dentalActivity: "England, one row per contract per schedule month, one file a month from April 2016"
        case .pharmacyFirstEngland:
            "England, monthly by condition, November 2023 – January 2025 (service from 31 January 2024)"
        case .pharmacyFirstRegions: "7 NHS England regions, monthly by condition, November 2023 – January 2025"
        }
    }

    /// `true` for in-year management information that NHSBSA may revise (the year-end position is final only
    /// after reconciliation, NHSBSA KA-01672).
    public var isProvisional: Bool { self == .dentalActivity }

    public var licence: String {
        switch self {
        case .postcodes:
            "Open Government Licence v3.0. Contains OS data © Crown copyright and database right 2025; Royal Mail data © Royal Mail copyright and database right 2025; National Statistics data © Crown copyright and database right 2025."
        case .lsoa2011Centroids, .lsoa2021Centroids:
            "Open Government Licence v3.0. Source: Office for National Statistics. Contains OS data © Crown copyright and database right."
        default:
            "Open Government Licence v3.0."
        }
    }

    /// One line for a figure's footnote: "Source: NHS Business Services Authority, English Contractor … (provisional)".
    public var citation: String {
        "\(publisher), \(title)\(isProvisional ? " (provisional)" : "")"
    }
}
