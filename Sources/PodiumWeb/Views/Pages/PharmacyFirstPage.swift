import PodiumCore
import Plot

/// Pharmacy First consultations for England and each NHS England region, read through SPC.
enum PharmacyFirstPage {
    static func monthlyTable(_ overview: PharmacyFirstOverview) -> Table<PharmacyFirstMonth> {
        Table(id: "monthly", caption: "Clinical-pathway consultations a month", columns: [
            Column("month", "Month", sortable: false) { .month($0.month) },
        ] + overview.areas.enumerated().map { index, area in
            Column("area_\(index)", area.name, numeric: true, sortable: false) { .count($0.totals[index]) }
        }, rows: overview.monthlyTotals, footer: nil)
    }

    static func render(
        _ overview: PharmacyFirstOverview, areas: Table<SPCMeasure>, conditions: Table<SPCMeasure>, monthly: Table<PharmacyFirstMonth>,
        context: PageContext
    ) -> HTML {
        let csv: (String) -> String = { ListLinks(path: PodiumRoute.pharmacyFirst.path, request: ListRequest()).csv(table: $0) }
        return Layout.page(
            title: "Pharmacy First consultations", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Pharmacy First")],
            sources: overview.sources,
            content: [
                Layout.paragraph(
                    "Consultations under the seven Pharmacy First clinical pathways (the service began on 31 January 2024), for England and each NHS England region. "
                        + "Charts start in February 2024, the first full month: the zeros before the launch would otherwise read as a signal. "
                        + "More consultations mean more use of the service, so higher is better; there is no national target, so no assurance icon.",
                    class: "lede"),
                overview.counts.isEmpty ? Layout.paragraph("No Pharmacy First data is imported yet.", class: "notice") : .empty,
                .h2(.plain("England and regions")),
                TableView.whole(areas, csv: csv(areas.id), note: "Total consultations a month. "),
                .h2(.plain("England by condition")),
                TableView.whole(conditions, csv: csv(conditions.id), note: "Consultations a month for each pathway. "),
                .forEach(overview.areas) { measure in
                    measure.section(heading: .h2(.plain(measure.name)), title: "Pharmacy First consultations a month: \(measure.name)", csv: csv)
                },
                .h2(.plain("Month by month")),
                TableView.whole(monthly, csv: csv(monthly.id), note: "Including the months before the launch. "),
            ])
    }
}
