import FluentKit
import PodiumCore
import SQLKit

/// An ODS organisation with where its postcode is, if Code-Point knows it.
public struct Sited<Kind: CodeKind>: Sendable, Hashable {
    public var organisation: ODSOrganisation<Kind>
    public var location: PostcodeLocation?

    public init(organisation: ODSOrganisation<Kind>, location: PostcodeLocation?) {
        self.organisation = organisation
        self.location = location
    }
}

/// Pharmacies and dental practices from ODS.
public struct OrganisationStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// The ICB's active English pharmacies and appliance contractors, by name.
    public func pharmacies(in icb: ICBCode) async throws -> [Sited<PharmacyCodeKind>] {
        try await organisations(in: icb, condition: Self.activeEnglish)
    }

    /// Every pharmacy in the register, open or closed, English or Welsh, by name.
    public func pharmacyRegister() async throws -> [Sited<PharmacyCodeKind>] {
        try await organisations(in: nil, condition: "1 = 1")
    }

    /// One pharmacy, open or closed.
    public func pharmacy(_ code: PharmacyCode) async throws -> Sited<PharmacyCodeKind>? {
        let found: [Sited<PharmacyCodeKind>] = try await organisations(in: nil, condition: "1 = 1", code: code.rawValue)
        return found.first
    }

    /// Whether the pharmacy is in the register and, if so, the ICB it is in (which ODS may not say), for scope checks.
    public func icb(ofPharmacy code: PharmacyCode) async throws -> (found: Bool, icb: ICBCode?) {
        guard
            let row = try await database.sql().select().column("icb_code").from("pharmacies")
                .where("ods_code", .equal, SQLBind(code.rawValue)).first()
        else { return (false, nil) }
        return (true, try RowReader(row: row, table: "pharmacies").optionalCode("icb_code", as: ICBCode.self))
    }

    /// The ICB's active dental practices, by name.
    public func dentalPractices(in icb: ICBCode) async throws -> [Sited<DentalPracticeCodeKind>] {
        try await organisations(in: icb, condition: "o.status = 'A'")
    }

    static let activeEnglish = "o.status = 'A' AND o.national_grouping <> 'W00'"

    /// - Parameter condition: a constant SQL condition (never user input); `icb` and `code` are bound.
    private func organisations<Kind: ODSKindTable>(in icb: ICBCode?, condition: String, code: String? = nil)
        async throws -> [Sited<Kind>]
    {
        let columns = ODSOrganisation<Kind>.columns.map { "o.\($0)" }.joined(separator: ", ")
        var filter: SQLQueryString = "\(unsafeRaw: condition)"
        if let icb { filter += " AND o.icb_code = \(bind: icb.rawValue)" }
        if let code { filter += " AND o.ods_code = \(bind: code)" }
        let rows = try await database.sql().raw(
            """
            SELECT \(unsafeRaw: columns), p.quality AS pc_quality, p.easting AS pc_easting, p.northing AS pc_northing,
                   p.latitude AS pc_latitude, p.longitude AS pc_longitude, p.country_code AS pc_country, p.lad_code AS pc_lad,
                   p.ward_code AS pc_ward, p.county_code AS pc_county
            FROM \(unsafeRaw: Kind.tableName) o LEFT JOIN postcodes p ON p.postcode = o.postcode
            WHERE \(filter)
            ORDER BY o.name, o.ods_code
            """
        ).all()
        return try rows.map { row in
            let r = RowReader(row: row, table: Kind.tableName)
            guard let status = ODSStatus(rawValue: try r.text("status")) else {
                throw StoreError.corruptValue(table: Kind.tableName, column: "status", value: try r.text("status"))
            }
            let organisation = ODSOrganisation<Kind>(
                code: try r.code("ods_code"), name: try r.text("name"),
                nationalGrouping: try r.text("national_grouping"),
                icb: try r.optionalCode("icb_code"),
                addressLines: try (1...5).compactMap { try r.optionalText("address_\($0)") },
                postcode: try r.code("postcode"), openDate: try r.optionalDate("open_date"),
                closeDate: try r.optionalDate("close_date"),
                status: status, subType: try r.text("sub_type"), parentCode: try r.optionalText("parent_code"),
                joinedParent: try r.optionalDate("joined_parent"), leftParent: try r.optionalDate("left_parent"),
                telephone: try r.optionalText("telephone"))
            var location: PostcodeLocation?
            if let quality = try r.optionalInt("pc_quality") {
                location = PostcodeLocation(
                    postcode: organisation.postcode, quality: Int(quality),
                    grid: GridPoint(easting: try r.double("pc_easting"), northing: try r.double("pc_northing")),
                    position: LatLong(latitude: try r.double("pc_latitude"), longitude: try r.double("pc_longitude")),
                    countryCode: try r.text("pc_country"), localAuthorityCode: try r.text("pc_lad"),
                    wardCode: try r.text("pc_ward"),
                    countyCode: try r.optionalText("pc_county"))
            }
            return Sited(organisation: organisation, location: location)
        }
    }
}
