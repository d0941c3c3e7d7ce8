import Plot
import PodiumCore
import PodiumData

/// What the pharmacy pages share: breadcrumbs, CSV links and the tables that appear on more than one page.
enum PharmacyViews {
    static func crumbs(_ icb: ICB, _ title: String) -> [Crumb] {
        [
            Crumb(title: "England", href: PodiumRoute.home.path),
            Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path), Crumb(title: title),
        ]
    }

    static func csv(_ path: String) -> (String) -> String {
        { ListLinks(path: path, request: ListRequest()).csv(table: $0) }
    }

    static func eventsTable(_ events: [PharmacyEvent]) -> Table<PharmacyEvent> {
        Table(
            id: "events", caption: "Openings, closures and changes of ownership",
            columns: [
                Column("date", "Date") { .date($0.date) },
                Column("code", "ODS code") {
                    .text($0.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.pharmacy).path)
                },
                Column("kind", "Change") { .text($0.kind.label) },
                Column("detail", "Detail") { .text($0.detail) },
            ], rows: events, footer: nil)
    }

    static func incomeTable(_ rows: [PharmacyFirstIncomeRow], id: String, caption: String) -> Table<
        PharmacyFirstIncomeRow
    > {
        Table(
            id: id, caption: caption,
            columns: [
                Column("month", "Month") { .month($0.month) },
                Column("code", "ODS code") {
                    .text($0.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.pharmacy).path)
                },
                Column("name", "Pharmacy") { .text($0.name) },
                Column("pathways", "Clinical pathways", numeric: true) { .count($0.volumes.clinicalPathways) },
                Column("minor", "Minor illness", numeric: true) { .count($0.volumes.minorIllness) },
                Column("urgent", "Urgent supply", numeric: true) { .count($0.volumes.urgentSupply) },
                Column("fees", "Consultation fees", note: "£", numeric: true) { .money($0.fees) },
                Column("fixed", "Fixed payment", note: "£", numeric: true) { .money($0.income.fixedPayment) },
                Column("total", "Estimated income", note: "£", numeric: true) { .money($0.income.total) },
                Column("why", "Fixed payment because", sortable: false) { .text($0.income.fixedPaymentReason) },
                Column("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") },
            ], rows: rows, footer: nil)
    }
}
