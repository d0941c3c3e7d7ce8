import PodiumCore

// How each open-data value is stored: one conformance per table, columns in migration order.

extension ICB: TableRow {
    public static let layout = TableLayout(
        name: "icbs", columns: ["ods_code", "name", "ons_code", "ons_code_2022"], key: ["ods_code"])
    public var cells: [SQLCell] {
        [.text(code.rawValue), .text(name), .text(onsCode.rawValue), .text(onsCode2022.rawValue)]
    }
}

extension SubICBLocation: TableRow {
    public static let layout = TableLayout(
        name: "sub_icb_locations", columns: ["ods_code", "ons_code", "name", "icb_ods_code"], key: ["ods_code"])
    public var cells: [SQLCell] { [.text(code.rawValue), .text(onsCode.rawValue), .text(name), .text(icb.rawValue)] }
}

extension LSOA2011Assignment: TableRow {
    public static let layout = TableLayout(
        name: "lsoa11_icb22",
        columns: [
            "lsoa11_code", "lsoa11_name", "sicbl22_ods", "sicbl22_ons", "icb22_ods", "icb22_ons", "lad22_code",
            "lad22_name",
        ],
        key: ["lsoa11_code"])
    public var cells: [SQLCell] {
        [
            .text(lsoa.rawValue), .text(name), .text(subICB.rawValue), .text(subICBOnsCode.rawValue),
            .text(icb.rawValue),
            .text(icbOnsCode.rawValue), .text(localAuthorityCode.rawValue), .text(localAuthorityName),
        ]
    }
}

extension LSOA2021Assignment: TableRow {
    public static let layout = TableLayout(
        name: "lsoa21_icb24",
        columns: ["lsoa21_code", "lsoa21_name", "sicbl24_ods", "sicbl24_ons", "icb24_ods", "icb24_ons"],
        key: ["lsoa21_code"])
    public var cells: [SQLCell] {
        [
            .text(lsoa.rawValue), .text(name), .text(subICB.rawValue), .text(subICBOnsCode.rawValue),
            .text(icb.rawValue),
            .text(icbOnsCode.rawValue),
        ]
    }
}

extension LSOAVintageLink: TableRow {
    public static let layout = TableLayout(
        name: "lsoa11_lsoa21",
        columns: [
            "lsoa11_code", "lsoa21_code", "lsoa11_name", "lsoa21_name", "change_code", "lad22_code", "lad22_name",
        ],
        key: ["lsoa11_code", "lsoa21_code"])
    public var cells: [SQLCell] {
        [
            .text(lsoa2011.rawValue), .text(lsoa2021.rawValue), .text(name2011), .text(name2021),
            .text(change.rawValue),
            .text(localAuthorityCode.rawValue), .text(localAuthorityName),
        ]
    }
}

extension IMD2019Area: TableRow {
    public static let layout = TableLayout(
        name: "imd2019_lsoa11", columns: ["lsoa11_code", "imd_rank", "imd_decile"], key: ["lsoa11_code"])
    public var cells: [SQLCell] { [.text(lsoa2011.rawValue), .integer(Int64(rank)), .integer(Int64(decile))] }
}

extension IoD2025Area: TableRow {
    /// Domain decile columns, in ``DeprivationDomain`` order.
    static let domainColumns: [(DeprivationDomain, String)] = [
        (.income, "income_decile"), (.employment, "employment_decile"), (.education, "education_decile"),
        (.health, "health_decile"), (.crime, "crime_decile"), (.housingAndServices, "housing_and_services_decile"),
        (.environment, "environment_decile"),
    ]
    public static let layout = TableLayout(
        name: "iod2025_lsoa21",
        columns: ["lsoa21_code", "imd_score_thousandths", "imd_rank", "imd_decile"] + domainColumns.map(\.1),
        key: ["lsoa21_code"])
    public var cells: [SQLCell] {
        [.text(lsoa2021.rawValue), .integer(imdScore.scaled), .integer(Int64(imdRank)), .integer(Int64(imdDecile))]
            + Self.domainColumns.map { .integer(domainDeciles[$0.0]) }
    }
}

extension IoD2025ICBSummary: TableRow {
    public static let layout = TableLayout(
        name: "iod2025_icb",
        columns: [
            "icb24_ons", "name", "imd_average_rank_hundredths", "imd_rank_of_average_rank",
            "imd_average_score_thousandths",
            "imd_most_deprived_decile_share_ten_thousandths",
        ],
        key: ["icb24_ons"])
    public var cells: [SQLCell] {
        [
            .text(icbOnsCode.rawValue), .text(name), .integer(imdAverageRank.scaled),
            .integer(Int64(imdRankOfAverageRank)),
            .integer(imdAverageScore.scaled), .integer(proportionInMostDeprivedDecile.scaled),
        ]
    }
}

extension CensusPopulation2021: TableRow {
    public static let layout = TableLayout(
        name: "population_census2021",
        columns: [
            "lsoa21_code", "lsoa21_name", "total", "aged_0_15", "aged_16_24", "aged_25_34", "aged_35_49", "aged_50_64",
            "aged_65_plus",
        ],
        key: ["lsoa21_code"])
    public var cells: [SQLCell] {
        [.text(lsoa2021.rawValue), .text(name)]
            + [total, aged0to15, aged16to24, aged25to34, aged35to49, aged50to64, aged65plus].map { .integer(Int64($0)) }
    }
}

extension MidYearPopulation2020: TableRow {
    public static let layout = TableLayout(
        name: "population_mid2020", columns: ["lsoa11_code", "lsoa11_name", "total", "aged_0_17", "aged_18_plus"],
        key: ["lsoa11_code"])
    public var cells: [SQLCell] {
        [
            .text(lsoa2011.rawValue), .text(name), .integer(Int64(total)), .integer(Int64(children0to17)),
            .integer(Int64(adults18plus)),
        ]
    }
}

extension MidYearPopulation2024: TableRow {
    public static let layout = TableLayout(
        name: "population_mid2024", columns: ["lsoa21_code", "age_code", "lsoa21_name", "population"],
        key: ["lsoa21_code", "age_code"])
    public var cells: [SQLCell] {
        [.text(lsoa2021.rawValue), .integer(Int64(age.rawValue)), .text(name), .integer(Int64(population))]
    }
}

extension LSOA2021Centroid: TableRow {
    public static let layout = TableLayout(
        name: "lsoa21_centroids", columns: ["lsoa21_code", "easting", "northing", "latitude", "longitude"],
        key: ["lsoa21_code"])
    public var cells: [SQLCell] {
        [
            .text(lsoa2021.rawValue), .real(grid.easting), .real(grid.northing), .real(position.latitude),
            .real(position.longitude),
        ]
    }
}

extension LSOACentroid: TableRow {
    public static let layout = TableLayout(
        name: "lsoa11_centroids",
        columns: ["lsoa11_code", "lsoa11_name", "easting", "northing", "latitude", "longitude"],
        key: ["lsoa11_code"])
    public var cells: [SQLCell] {
        [
            .text(lsoa2011.rawValue), .text(name), .real(grid.easting), .real(grid.northing), .real(position.latitude),
            .real(position.longitude),
        ]
    }
}

extension PostcodeLocation: TableRow {
    public static let layout = TableLayout(
        name: "postcodes",
        columns: [
            "postcode", "quality", "easting", "northing", "latitude", "longitude", "country_code", "lad_code",
            "ward_code", "county_code",
        ],
        key: ["postcode"])
    public var cells: [SQLCell] {
        [
            .text(postcode.rawValue), .integer(Int64(quality)), .real(grid.easting), .real(grid.northing),
            .real(position.latitude),
            .real(position.longitude), .text(countryCode), .text(localAuthorityCode), .text(wardCode),
            .text(countyCode),
        ]
    }
}

/// Pharmacies and dental practices share the ODS layout; only the table differs.
public protocol ODSKindTable: CodeKind {
    static var tableName: String { get }
}

extension PharmacyCodeKind: ODSKindTable { public static let tableName = "pharmacies" }
extension DentalPracticeCodeKind: ODSKindTable { public static let tableName = "dental_practices" }

extension ODSOrganisation: TableRow where Kind: ODSKindTable {
    static var columns: [String] {
        [
            "ods_code", "name", "national_grouping", "icb_code", "address_1", "address_2", "address_3", "address_4",
            "address_5",
            "postcode", "open_date", "close_date", "status", "sub_type", "parent_code", "joined_parent", "left_parent",
            "telephone",
        ]
    }
    public static var layout: TableLayout { TableLayout(name: Kind.tableName, columns: columns, key: ["ods_code"]) }
    public var cells: [SQLCell] {
        let address = (0..<5).map { $0 < addressLines.count ? SQLCell.text(addressLines[$0]) : .null }
        return [.text(code.rawValue), .text(name), .text(nationalGrouping), .text(icb?.rawValue)] + address
            + [
                .text(postcode.rawValue), .text(openDate?.iso), .text(closeDate?.iso), .text(status.rawValue),
                .text(subType),
                .text(parentCode), .text(joinedParent?.iso), .text(leftParent?.iso), .text(telephone),
            ]
    }
}

extension ContractMonth: TableRow {
    public static let layout = TableLayout(
        name: "dental_activity",
        columns: [
            "contract_number", "year_month", "commissioner_code", "commissioner_name", "commissioner_kind",
            "provider_name", "postcode", "lsoa11_code", "uda_target_ten_thousandths", "uda_value_pence",
            "udas_delivered_ten_thousandths", "late_fp17s", "udas_delivered_fd_ten_thousandths", "band_1", "band_2",
            "band_2a", "band_2b", "band_2c", "band_3", "band_urgent", "band_other", "children_seen_12m",
            "adults_seen_24m", "general_dental_value_pence",
        ],
        key: ["contract_number", "year_month"])
    public var cells: [SQLCell] {
        [
            .text(contract.rawValue), .integer(Int64(month.year * 100 + month.month)), .text(commissioner.rawValue),
            .text(commissionerName), .text(commissionerKind.rawValue), .text(providerName), .text(postcode.rawValue),
            .text(lsoa2011?.rawValue), .integer(udaTarget.tenThousandths), .integer(udaContractValue.pence),
            .integer(udasDelivered?.tenThousandths), .integer(lateFP17s),
            .integer(udasDeliveredByFoundationDentists?.tenThousandths), .integer(courses.band1),
            .integer(courses.band2Published), .integer(courses.band2a),
            .integer(courses.band2b), .integer(courses.band2c), .integer(courses.band3), .integer(courses.urgent),
            .integer(courses.other), .integer(childrenSeen12Months), .integer(adultsSeen24Months),
            .integer(generalDentalValue?.pence),
        ]
    }
}

extension PharmacyFirstCount: TableRow {
    public static let layout = TableLayout(
        name: "pharmacy_first_consultations", columns: ["area", "year_month", "condition", "consultations"],
        key: ["area", "year_month", "condition"])
    public var cells: [SQLCell] {
        [.text(area), .integer(month.storedValue), .text(condition.rawValue), .integer(Int64(consultations))]
    }
}
