import Plot
import PodiumCore
import PodiumData

extension Optometry {
    /// GOS contracts, activity returns with estimated payments and rates, and locally commissioned eye services.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let monthly: Table<Model.Month>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            monthly = Self.monthlyTable(model.monthly)
        }

        var downloadName: String { "\(model.icb.code)-optometry" }
        var namesDownloadsByTable: Bool { true }
        var tables: [AnyTable] {
            [AnyTable(monthly)] + (model.sightTests.map { [AnyTable(SPCTables.points($0))] } ?? [])
        }

        func document() -> HTML {
            let icb = model.icb
            let fees = model.fees
            let path = PodiumRoute.optometry(icb.code).path
            let csv = PharmacyViews.csv(path)
            return Layout.page(
                title: "Optometry (GOS): \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Optometry"), sources: model.sources,
                content: [
                    Layout.paragraph(
                        "General Ophthalmic Services contracts and the ICB's own activity returns. No national open file of GOS contracts or of GOS "
                            + "activity by area exists (NHS Digital withdrew the area breakdowns), so both registers are kept here from the ICB's records. "
                            + "More sight tests for the eligible population is better.", class: "lede"),
                    RecordViews.exampleNotice(model.contracts, model.activity, model.services),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure(
                            "GOS contracts", TableView.group(model.contracts.records.count),
                            source: "GOS contracts register"),
                        Layout.figure(
                            "NHS sight tests, latest 12 months", TableView.group(model.latestYear.allSightTests),
                            source: "activity returns"),
                        Layout.figure(
                            "Per 100,000 residents",
                            model.latestYearRatePer100k.map {
                                ScaledDecimal.format($0, scale: 1, minimumFractionDigits: 1)
                            } ?? "–",
                            source: "Census 2021 population",
                            note: "no recent England rate to compare with: the last published is for 2017/18"),
                        Layout.figure(
                            "Sight test fee, 2025/26", model.sightTestFee2025?.formatted ?? "–",
                            source: "DHSC, December 2025")
                    ),
                    .h2(.plain("Fees")),
                    Layout.paragraph(
                        "Sight test (GOS1 and GOS6): £23.14 from 1 April 2023 (derived), £23.53 from 1 April 2024, £24.13 for 2025/26. "
                            + "Voucher, repair and domiciliary visiting fee values are not confirmed: enter local averages to price them "
                            + "(voucher \(fees.averageVoucher?.formatted ?? "not set"), repair \(fees.averageRepair?.formatted ?? "not set"), "
                            + "visiting fee \(fees.domiciliaryVisit?.formatted ?? "not set"))."),
                    .form(
                        .attr("method", "get"), .attr("action", path), .attr("class", "record-form no-print"),
                        .label(.attr("for", "voucher"), .plain("Average GOS3 voucher (£)")),
                        .input(
                            .attr("type", "text"), .attr("id", "voucher"), .attr("name", "voucher"),
                            .attr("value", fees.averageVoucher?.plainPounds ?? "")),
                        .label(.attr("for", "repair"), .plain("Average GOS4 repair (£)")),
                        .input(
                            .attr("type", "text"), .attr("id", "repair"), .attr("name", "repair"),
                            .attr("value", fees.averageRepair?.plainPounds ?? "")),
                        .label(.attr("for", "visit"), .plain("Domiciliary visiting fee (£)")),
                        .input(
                            .attr("type", "text"), .attr("id", "visit"), .attr("name", "visit"),
                            .attr("value", fees.domiciliaryVisit?.plainPounds ?? "")),
                        .button(.attr("type", "submit"), .plain("Price the claims"))
                    ),
                    .h2(.plain("Claims each month")),
                    TableView.whole(monthly, csv: csv(monthly.id)),
                    .unwrap(model.sightTests) { measure in
                        measure.section(
                            heading: .h2(.plain(measure.name)), title: "NHS sight tests a month, \(icb.shortName)",
                            csv: csv)
                    },
                    .p(
                        .attr("class", "no-print"),
                        Layout.link(
                            "GOS contracts ending in the next six months →",
                            PodiumRoute.gosContractsEnding(icb.code).path)),
                    RecordViews.section(model.contracts, icb: icb.code, heading: "GOS contracts register"),
                    RecordViews.section(model.activity, icb: icb.code, heading: "Activity returns"),
                    RecordViews.section(model.services, icb: icb.code, heading: "Locally commissioned eye services"),
                ])
        }

        static func monthlyTable(_ rows: [Model.Month]) -> Table<Model.Month> {
            Table(
                id: "monthly", caption: "GOS claims and estimated payments a month",
                columns: [
                    Column("month", "Month") { .month($0.month) },
                    Column("gos1", "GOS1 sight tests", numeric: true) { .count($0.claims.sightTests) },
                    Column("gos6", "GOS6 domiciliary tests", numeric: true) { .count($0.claims.domiciliaryTests) },
                    Column("gos3", "GOS3 vouchers", numeric: true) { .count($0.claims.vouchers) },
                    Column("gos4", "GOS4 repairs", numeric: true) { .count($0.claims.repairs) },
                    Column("rate", "Sight tests per 100,000 residents", numeric: true) { .tenths($0.ratePer100k) },
                    Column("fees", "Sight test fees", note: "£", numeric: true) { .money($0.payment?.sightTests) },
                    Column("total", "Estimated payment", note: "£, priced items only", numeric: true) {
                        .money($0.payment?.total)
                    },
                    Column("unpriced", "Not priced", sortable: false) {
                        .text($0.payment?.unpriced.joined(separator: "; ") ?? "no fee known for the month")
                    },
                ], rows: rows, footer: nil)
        }
    }
}
