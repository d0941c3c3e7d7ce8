import Plot
import PodiumCore
import PodiumData

/// GOS contracts, activity returns with estimated payments and rates, and locally commissioned eye services.
enum OptometryPage {
    static func monthlyTable(_ overview: OptometryOverview) -> Table<GOSMonth> {
        Table(id: "monthly", caption: "GOS claims and estimated payments a month", columns: [
            Column("month", "Month") { .month($0.month) },
            Column("gos1", "GOS1 sight tests", numeric: true) { .count($0.claims.sightTests) },
            Column("gos6", "GOS6 domiciliary tests", numeric: true) { .count($0.claims.domiciliaryTests) },
            Column("gos3", "GOS3 vouchers", numeric: true) { .count($0.claims.vouchers) },
            Column("gos4", "GOS4 repairs", numeric: true) { .count($0.claims.repairs) },
            Column("rate", "Sight tests per 100,000 residents", numeric: true) { month in
                .decimal(GOSFeeSchedule.ratePer100k(month.claims.allSightTests, population: overview.population).map { Double($0) / 10 }, decimals: 1)
            },
            Column("fees", "Sight test fees", note: "£", numeric: true) { .money($0.payment?.sightTests) },
            Column("total", "Estimated payment", note: "£, priced items only", numeric: true) { .money($0.payment?.total) },
            Column("unpriced", "Not priced", sortable: false) { .text($0.payment?.unpriced.joined(separator: "; ") ?? "no fee known for the month") },
        ], rows: overview.monthly, footer: nil)
    }

    static func render(_ overview: OptometryOverview, monthly: Table<GOSMonth>, fees: GOSFeeSchedule, context: PageContext) -> HTML {
        let icb = overview.icb, path = PodiumRoute.optometry(icb.code).path
        let year = overview.monthly.suffix(12).reduce(GOSClaims.none) { $0 + $1.claims }
        let csv = PharmacyPages.csv(path)
        return Layout.page(
            title: "Optometry (GOS): \(icb.shortName)", context: context, crumbs: PharmacyPages.crumbs(icb, "Optometry"), sources: overview.sources,
            content: [
                Layout.paragraph(
                    "General Ophthalmic Services contracts and the ICB's own activity returns. No national open file of GOS contracts or of GOS "
                        + "activity by area exists (NHS Digital withdrew the area breakdowns), so both registers are kept here from the ICB's records. "
                        + "More sight tests for the eligible population is better.", class: "lede"),
                RecordPages.exampleNotice(overview.contracts, overview.activity, overview.services),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("GOS contracts", TableView.group(overview.contracts.records.count), source: "GOS contracts register"),
                    Layout.figure("NHS sight tests, latest 12 months", TableView.group(year.allSightTests), source: "activity returns"),
                    Layout.figure(
                        "Per 100,000 residents", GOSFeeSchedule.ratePer100k(year.allSightTests, population: overview.population)
                            .map { ScaledDecimal.format($0, scale: 1, minimumFractionDigits: 1) } ?? "–",
                        source: "Census 2021 population", note: "England 2017/18: 23,994"),
                    Layout.figure("Sight test fee, 2025/26", fees.sightTestFee(on: CalendarDate(year: 2025, month: 4, day: 1)!)?.formatted ?? "–", source: "DHSC, December 2025")
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
                    .input(.attr("type", "text"), .attr("id", "voucher"), .attr("name", "voucher"), .attr("value", fees.averageVoucher?.plainPounds ?? "")),
                    .label(.attr("for", "repair"), .plain("Average GOS4 repair (£)")),
                    .input(.attr("type", "text"), .attr("id", "repair"), .attr("name", "repair"), .attr("value", fees.averageRepair?.plainPounds ?? "")),
                    .label(.attr("for", "visit"), .plain("Domiciliary visiting fee (£)")),
                    .input(.attr("type", "text"), .attr("id", "visit"), .attr("name", "visit"), .attr("value", fees.domiciliaryVisit?.plainPounds ?? "")),
                    .button(.attr("type", "submit"), .plain("Price the claims"))
                ),
                .h2(.plain("Claims each month")),
                TableView.whole(monthly, csv: csv(monthly.id)),
                .unwrap(overview.sightTests) { measure in
                    measure.section(heading: .h2(.plain(measure.name)), title: "NHS sight tests a month, \(icb.shortName)", csv: csv)
                },
                RecordPages.section(overview.contracts, icb: icb.code, heading: "GOS contracts register"),
                RecordPages.section(overview.activity, icb: icb.code, heading: "Activity returns"),
                RecordPages.section(overview.services, icb: icb.code, heading: "Locally commissioned eye services"),
            ])
    }
}
