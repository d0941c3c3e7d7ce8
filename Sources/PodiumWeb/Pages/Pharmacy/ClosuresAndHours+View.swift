import Plot
import PodiumCore
import PodiumData

extension ClosuresAndHours {
    struct View: PageView {
        let model: Model
        let context: PageContext
        let closures: Table<Model.Row>
        let deciles: Table<ClosureSummary.Decile>
        let hours: Table<(Sited<PharmacyCodeKind>, WeeklyHours?)>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            closures = Self.closuresTable(model.rows)
            deciles = Self.decileTable(model.summary)
            hours = Self.hoursTable(model.weeks)
        }

        var downloadName: String { "\(model.register.icb.code)-closures" }
        var tables: [AnyTable] { [AnyTable(closures), AnyTable(deciles), AnyTable(hours)] }

        func document() -> HTML {
            let icb = model.register.icb
            let summary = model.summary
            let csv = PharmacyViews.csv(PodiumRoute.pharmacyClosures(icb.code).path)
            return Layout.page(
                title: "Pharmacy closures and opening hours: \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Closures and hours"), sources: model.register.sources,
                content: [
                    Layout.paragraph(
                        "Unplanned temporary closures and permanent closures notified to the ICB, with the hours each pharmacy should be open. "
                            + "Fewer closures and fewer hours lost are better. A pharmacy's deprivation decile is that of the LSOA whose centroid is nearest its postcode.",
                        class: "lede"),
                    RecordViews.exampleNotice(model.closures, model.hours),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure(
                            "Closures per 100 pharmacies",
                            summary.per100Pharmacies.map {
                                ScaledDecimal.format($0, scale: 1, minimumFractionDigits: 1)
                            } ?? "–",
                            source: "closures log", note: "lower is better"),
                        Layout.figure("Temporary closures", TableView.group(summary.temporary), source: "closures log"),
                        Layout.figure(
                            "Hours lost", WeeklyHours.hoursText(summary.minutesLost), source: "closures log",
                            note: "lower is better"),
                        Layout.figure(
                            "Temporary closures under 4 hours", summary.underFourHours.percentText ?? "–",
                            source: "closures log"),
                        Layout.figure("Permanent closures", TableView.group(summary.permanent), source: "closures log")
                    ),
                    .h2(.plain("Closures by deprivation")),
                    TableView.whole(deciles, csv: csv(deciles.id)),
                    .h2(.plain("Each closure, and the nearest open pharmacy")),
                    TableView.whole(closures, csv: csv(closures.id)),
                    .h2(.plain("Opening hours")),
                    TableView.whole(
                        hours, csv: csv(hours.id),
                        note: "\(model.weeksRecorded) of \(model.weeks.count) pharmacies have hours recorded. "),
                    RecordViews.section(model.closures, icb: icb.code, heading: "Closures log"),
                    RecordViews.section(model.hours, icb: icb.code, heading: "Opening hours log"),
                ])
        }

        static func closuresTable(_ rows: [Model.Row]) -> Table<Model.Row> {
            Table(
                id: "closures", caption: "Closures",
                columns: [
                    Column("date", "Date") { .date($0.closure.date) },
                    Column("code", "ODS code") {
                        .text($0.closure.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.closure.pharmacy).path)
                    },
                    Column("name", "Pharmacy") { .text($0.name) },
                    Column("kind", "Kind") { .text($0.closure.kind.rawValue) },
                    Column("hours", "Hours lost", numeric: true) { row in
                        .text(row.closure.minutesLost.map { WeeklyHours.hoursText($0) })
                    },
                    Column("reason", "Reason") { .text($0.closure.reason) },
                    Column("nearest", "Nearest open pharmacy") {
                        .text($0.nearest.map { "\($0.0.name) (\($0.0.code))" })
                    },
                    Column("metres", "Distance to it", note: "metres, lower is better", numeric: true) {
                        .count($0.nearest?.1)
                    },
                    Column("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") },
                ], rows: rows, footer: nil)
        }

        static func decileTable(_ summary: ClosureSummary) -> Table<ClosureSummary.Decile> {
            Table(
                id: "deciles", caption: "Closures by deprivation",
                columns: [
                    Column("decile", "IMD 2025 decile", note: "1 = most deprived", numeric: true) { .count($0.decile) },
                    Column("pharmacies", "Pharmacies", numeric: true) { .count($0.pharmacies) },
                    Column("closures", "Closures", numeric: true) { .count($0.closures) },
                    Column(
                        "rate", "Closures per 100 pharmacies",
                        note: "lower is better; not shown under \(ClosureSummary.minimumForRate) pharmacies",
                        numeric: true
                    ) {
                        .tenths($0.per100)
                    },
                ], rows: summary.byDecile, footer: nil)
        }

        static func hoursTable(_ weeks: [(Sited<PharmacyCodeKind>, WeeklyHours?)]) -> Table<
            (Sited<PharmacyCodeKind>, WeeklyHours?)
        > {
            Table(
                id: "hours", caption: "Opening hours in force today",
                columns: [
                    Column("code", "ODS code") {
                        .text($0.0.organisation.code.rawValue, link: PodiumRoute.pharmacy($0.0.organisation.code).path)
                    },
                    Column("name", "Pharmacy") { .text($0.0.organisation.name) },
                    Column("core", "Core hours a week", numeric: true) {
                        .text($0.1.map { WeeklyHours.hoursText($0.coreMinutes) })
                    },
                    Column("supplementary", "Supplementary hours a week", numeric: true) {
                        .text($0.1.map { WeeklyHours.hoursText($0.supplementaryMinutes) })
                    },
                    Column("from", "In force from") { .date($0.1?.effectiveFrom) },
                ], rows: weeks, footer: nil)
        }
    }
}
