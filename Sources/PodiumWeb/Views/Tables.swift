import PodiumCore
import PodiumData

/// Every table of the product, defined once: the page shows it, `?format=csv` downloads it, and the API sorts
/// by the same column keys.
enum Tables {
    // MARK: England and ICBs

    static func icbs(_ rows: [ICBRow], total: ICBFigures) -> Table<ICBRow> {
        Table(id: "icbs", caption: "Integrated Care Boards in England", columns: [
            Column("name", "ICB") { .text($0.icb.shortName, link: PodiumRoute.icb($0.icb.code).path) },
            Column("code", "ODS code") { .text($0.icb.code.rawValue) },
            Column("population", "Population", note: "Census 2021", numeric: true) { .count($0.figures.population) },
            Column("contracts", "Dental contracts", numeric: true) { .count($0.figures.dentalContracts) },
            Column("udas", "Contracted UDAs", note: "a year", numeric: true) { .udas($0.figures.contractedUDAs) },
            Column("value", "Contract value", note: "£ a year", numeric: true) { .money($0.figures.contractedValue) },
            Column("udas_per_1000", "UDAs per 1,000 residents", note: "higher is more capacity", numeric: true) {
                .decimal($0.figures.udasPerThousandResidents)
            },
            Column("pharmacies", "Pharmacies", note: "active", numeric: true) { .count($0.figures.pharmacies) },
            Column("dental_practices", "Dental practices", note: "active", numeric: true) { .count($0.figures.dentalPractices) },
            Column("imd_average_rank", "IMD 2025 average rank", note: "lower is more deprived", numeric: true) {
                .decimal($0.figures.imdAverageRank)
            },
        ], rows: rows, footer: [Cell.text("England"), .text("")] + figureCells(total))
    }

    private static func figureCells(_ figures: ICBFigures) -> [Cell] {
        [.count(figures.population), .count(figures.dentalContracts), .udas(figures.contractedUDAs), .money(figures.contractedValue),
         .decimal(figures.udasPerThousandResidents), .count(figures.pharmacies), .count(figures.dentalPractices),
         .decimal(figures.imdAverageRank)]
    }

    static func subICBLocations(_ rows: [SubICBLocationFigures]) -> Table<SubICBLocationFigures> {
        Table(id: "sub-icb-locations", caption: "Sub-ICB Locations", columns: [
            Column("code", "ODS code") { .text($0.location.code.rawValue) },
            Column("ons_code", "ONS code") { .text($0.location.onsCode.rawValue) },
            Column("name", "Sub-ICB Location") { .text($0.location.name) },
            Column("lsoas", "LSOAs", note: "2021", numeric: true) { .count($0.lsoas) },
            Column("population", "Population", note: "Census 2021", numeric: true) { .count($0.population) },
            Column("deprived_lsoas", "LSOAs in England's most deprived 20%", note: "IMD 2025 deciles 1–2", numeric: true) {
                .count($0.mostDeprivedLSOAs)
            },
            Column("deprived_share", "Share of LSOAs in most deprived 20%", note: "higher is more deprived", numeric: true) {
                .percent(Proportion(part: Int64($0.mostDeprivedLSOAs), whole: Int64($0.lsoas)))
            },
        ], rows: rows, footer: nil)
    }

    // MARK: Dental

    static func contracts(_ rows: [ContractYear]) -> Table<ContractYear> {
        Table(id: "dental-contracts", caption: "Dental contracts", columns: [
            Column("contract", "Contract") { .text($0.contract.rawValue, link: PodiumRoute.dentalContract($0.contract).path) },
            Column("provider", "Provider") { .text($0.latest.providerName) },
            Column("postcode", "Postcode") { .text($0.latest.postcode.display) },
            Column("lsoa", "LSOA", note: "2011") { .text($0.latest.lsoa2011?.rawValue) },
            Column("uda_target", "UDA target", note: "a year", numeric: true) { .udas($0.udaTarget) },
            Column("contract_value", "Contract value", note: "£ a year", numeric: true) { .money($0.contractValue) },
            Column("uda_value", "UDA value", note: "£ per UDA", numeric: true) { .money($0.udaValue.perUDA) },
            Column("udas_delivered", "UDAs delivered", note: "year to date", numeric: true) { .udas($0.udasDeliveredToDate) },
            Column("delivery", "Delivered", note: "% of annual target; higher is better", numeric: true) { .percent($0.deliveryToDate) },
            Column("fd_udas", "Foundation dentist UDAs", note: "year to date", numeric: true) { .udas($0.foundationDentistUDAsToDate) },
            Column("late_fp17s", "Late FP17s", note: "year to date; lower is better", numeric: true) { .count($0.lateFP17sToDate) },
            Column("adults_seen", "Adults seen", note: "24 months, latest month", numeric: true) { .count($0.adultsSeen24Months) },
            Column("children_seen", "Children seen", note: "12 months, latest month", numeric: true) { .count($0.childrenSeen12Months) },
            Column("latest_month", "Latest month", numeric: true) { .month($0.latest.month) },
        ], rows: rows, footer: nil)
    }

    static func months(_ rows: [ContractMonth]) -> Table<ContractMonth> {
        Table(id: "months", caption: "Monthly activity", columns: [
            Column("month", "Month") { .month($0.month) },
            Column("uda_target", "UDA target", note: "a year", numeric: true) { .udas($0.udaTarget) },
            Column("contract_value", "Contract value", note: "£ a year", numeric: true) { .money($0.udaContractValue) },
            Column("udas_delivered", "UDAs delivered", note: "excl. foundation dentists", numeric: true) { .udas($0.udasDelivered) },
            Column("fd_udas", "Foundation dentist UDAs", numeric: true) { .udas($0.udasDeliveredByFoundationDentists) },
            Column("late_fp17s", "Late FP17s", numeric: true) { .count($0.lateFP17s) },
            Column("band_1", "Band 1", note: "FP17s", numeric: true) { .count($0.courses.band1) },
            Column("band_2a", "Band 2a", note: "FP17s", numeric: true) { .count($0.courses.band2a) },
            Column("band_2b", "Band 2b", note: "FP17s", numeric: true) { .count($0.courses.band2b) },
            Column("band_2c", "Band 2c", note: "FP17s", numeric: true) { .count($0.courses.band2c) },
            Column("band_3", "Band 3", note: "FP17s", numeric: true) { .count($0.courses.band3) },
            Column("band_urgent", "Urgent", note: "FP17s", numeric: true) { .count($0.courses.urgent) },
            Column("band_other", "Other", note: "FP17s", numeric: true) { .count($0.courses.other) },
            Column("fp17s", "All FP17s", numeric: true) { .count($0.courses.total) },
            Column("children_seen", "Children seen", note: "12 months", numeric: true) { .count($0.childrenSeen12Months) },
            Column("adults_seen", "Adults seen", note: "24 months", numeric: true) { .count($0.adultsSeen24Months) },
        ], rows: rows, footer: nil)
    }

    static func changes(_ rows: [ContractChange]) -> Table<ContractChange> {
        Table(id: "changes", caption: "Changes of target, value or commissioner seen in the data", columns: [
            Column("month", "First seen in") { .month($0.month) },
            Column("previous_month", "Previous month with data") { .month($0.previousMonth) },
            Column("target_before", "UDA target before", numeric: true) { .udas($0.targetBefore) },
            Column("target_after", "UDA target after", numeric: true) { .udas($0.targetAfter) },
            Column("target_change", "Target change", note: "UDAs", numeric: true) { .udas($0.targetDelta) },
            Column("value_before", "Value before", note: "£ a year", numeric: true) { .money($0.valueBefore) },
            Column("value_after", "Value after", note: "£ a year", numeric: true) { .money($0.valueAfter) },
            Column("value_change", "Value change", note: "£", numeric: true) { .money($0.valueDelta) },
            Column("commissioner", "Commissioner") { change in
                .text(change.commissionerChanged ? "\(change.commissionerBefore) → \(change.commissionerAfter)" : change.commissionerAfter.rawValue)
            },
        ], rows: rows, footer: nil)
    }

    // MARK: Organisations

    static func organisations<Kind>(
        _ rows: [Sited<Kind>], id: String, caption: String, typeLabel: @escaping @Sendable (ODSOrganisation<Kind>) -> String
    ) -> Table<Sited<Kind>> {
        Table(id: id, caption: caption, columns: [
            Column("code", "ODS code") { .text($0.organisation.code.rawValue) },
            Column("name", "Name") { .text($0.organisation.name) },
            Column("address", "Address") { .text($0.organisation.addressLines.joined(separator: ", ")) },
            Column("postcode", "Postcode") { .text($0.organisation.postcode.display) },
            Column("type", "Type") { .text(typeLabel($0.organisation)) },
            Column("parent", "Parent organisation", note: "ODS code") { .text($0.organisation.parentCode) },
            Column("opened", "Opened") { .date($0.organisation.openDate) },
            Column("easting", "Easting", note: "metres, BNG", numeric: true) { .coordinate(placed($0)?.grid.easting, decimals: 0) },
            Column("northing", "Northing", note: "metres, BNG", numeric: true) { .coordinate(placed($0)?.grid.northing, decimals: 0) },
            Column("latitude", "Latitude", numeric: true) { .coordinate(placed($0)?.position.latitude, decimals: 6) },
            Column("longitude", "Longitude", numeric: true) { .coordinate(placed($0)?.position.longitude, decimals: 6) },
        ], rows: rows, footer: nil)
    }

    /// The postcode's location when Code-Point could place it.
    static func placed<Kind>(_ site: Sited<Kind>) -> PostcodeLocation? {
        site.location.flatMap { $0.hasCoordinates ? $0 : nil }
    }

    // MARK: About the data

    static func catalogue(_ rows: [SourceNote]) -> Table<SourceNote> {
        Table(id: "datasets", caption: "Datasets", columns: [
            Column("dataset", "Dataset") { .text($0.dataset.rawValue) },
            Column("title", "Title") { .text($0.dataset.title) },
            Column("publisher", "Publisher") { .text($0.dataset.publisher) },
            Column("coverage", "Coverage") { .text($0.dataset.coverage) },
            Column("status", "Status") { .text($0.dataset.isProvisional ? "Provisional" : "Published") },
            Column("file", "File imported") { .text($0.record?.fileName ?? "not imported") },
            Column("rows", "Rows", numeric: true) { .count($0.record?.rowCount) },
            Column("imported_at", "Imported") { note in
                Cell(text: note.record.map { DateText.timestamp($0.importedAt) } ?? "",
                     csv: note.record.map { ImportStore.timestamp.format($0.importedAt) } ?? "")
            },
            Column("seconds", "Import time", note: "seconds", numeric: true) { note in
                guard let record = note.record else { return .count(nil) }
                return Cell(text: String(format: "%.2f", Double(record.durationMilliseconds) / 1000), sort: .number(Int64(record.durationMilliseconds)))
            },
            Column("sha256", "SHA-256") { .text($0.record?.sha256) },
            Column("licence", "Licence") { .text($0.dataset.licence) },
        ], rows: rows, footer: nil)
    }
}
