import Plot
import PodiumCore

extension PharmacyFirstEngland {
    /// Pharmacy First consultations for England and each NHS England region, read through SPC.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let areas: Table<SPCMeasure>
        let conditions: Table<SPCMeasure>
        let monthly: Table<Model.Month>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            areas = SPCTables.summary(
                model.areas, id: "areas", caption: "Pharmacy First consultations: England and regions")
            conditions = SPCTables.summary(
                model.conditions, id: "conditions", caption: "Pharmacy First consultations in England, by condition")
            monthly = Table(
                id: "monthly", caption: "Clinical-pathway consultations a month",
                columns: [Column("month", "Month", sortable: false) { .month($0.month) }]
                    + model.areas.enumerated().map { index, area in
                        Column("area_\(index)", area.name, numeric: true, sortable: false) { .count($0.totals[index]) }
                    },
                rows: model.monthlyTotals, footer: nil)
        }

        var downloadName: String { "pharmacy-first" }
        var tables: [AnyTable] {
            [AnyTable(monthly), AnyTable(areas), AnyTable(conditions)]
                + (model.areas + model.conditions).map { AnyTable(SPCTables.points($0)) }
        }

        func document() -> HTML {
            let csv: (String) -> String = {
                ListLinks(path: PodiumRoute.pharmacyFirst.path, request: ListRequest()).csv(table: $0)
            }
            return Layout.page(
                title: "Pharmacy First consultations", context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Pharmacy First")],
                sources: model.sources,
                content: [
                    Layout.paragraph(
                        "Consultations under the seven Pharmacy First clinical pathways (the service began on 31 January 2024), for England and each NHS England region. "
                            + "Charts start in February 2024, the first full month: the zeros before the launch would otherwise read as a signal. "
                            + "More consultations mean more use of the service, so higher is better; there is no national target, so no assurance icon.",
                        class: "lede"),
                    model.counts.isEmpty
                        ? Layout.paragraph("No Pharmacy First data is imported yet.", class: "notice") : .empty,
                    .h2(.plain("England and regions")),
                    TableView.whole(areas, csv: csv(areas.id), note: "Total consultations a month. "),
                    .h2(.plain("England by condition")),
                    TableView.whole(
                        conditions, csv: csv(conditions.id), note: "Consultations a month for each pathway. "),
                    .forEach(model.areas) { measure in
                        measure.section(
                            heading: .h2(.plain(measure.name)),
                            title: "Pharmacy First consultations a month: \(measure.name)", csv: csv)
                    },
                    Self.feeCalculator(model.calculator),
                    .h2(.plain("Month by month")),
                    TableView.whole(monthly, csv: csv(monthly.id), note: "Including the months before the launch. "),
                ])
        }

        /// Estimates service income for given volumes with the fee schedule of the month.
        static func feeCalculator(_ calculator: FeeCalculator) -> Node<HTML.BodyContext> {
            let income = calculator.income
            func field(_ name: String, _ label: String, _ value: String, type: String = "text") -> Node<
                HTML.FormContext
            > {
                .group(
                    .label(.attr("for", "calc-\(name)"), .plain(label)),
                    .input(.attr("type", type), .attr("id", "calc-\(name)"), .attr("name", name), .attr("value", value))
                )
            }
            return .section(
                .attr("id", "fees"),
                .h2(.plain("Estimate service income")),
                Layout.paragraph(
                    "The national fees of the month: £15 a consultation from February 2024; £17 for clinical pathways and minor illness from "
                        + "April 2025 (urgent supply stays £15); a monthly fixed payment once the clinical-pathway threshold is met, banded "
                        + "£500 (20–29) and £1,000 (30 or more) from June 2025 for pharmacies registered for PCS and HCFS. Minor illness and urgent "
                        + "supply do not count toward the threshold. The preset is a worked example: June 2025, 26 clinical pathway "
                        + "consultations, 40 minor illness referrals and 12 urgent supplies at a pharmacy registered for PCS and HCFS: "
                        + "£1,802 in all."),
                .form(
                    .attr("method", "get"), .attr("action", PodiumRoute.pharmacyFirst.path + "#fees"),
                    .attr("class", "record-form no-print"),
                    field("month", "Month", calculator.month.iso, type: "month"),
                    field(
                        "pathways", "Clinical pathway consultations per pharmacy",
                        String(calculator.volumes.clinicalPathways)),
                    field("minor", "Minor illness referrals per pharmacy", String(calculator.volumes.minorIllness)),
                    field("urgent", "Urgent medicine supplies per pharmacy", String(calculator.volumes.urgentSupply)),
                    field("pharmacies", "Number of pharmacies", String(calculator.pharmacies)),
                    .label(.attr("for", "calc-registered"), .plain("Registered for PCS and HCFS")),
                    .select(
                        .attr("id", "calc-registered"), .attr("name", "registered"),
                        .choice("yes", "yes", selected: calculator.registered),
                        .choice("no", "no", selected: !calculator.registered)),
                    .button(.attr("type", "submit"), .plain("Estimate"))
                ),
                Layout.paragraph(
                    "In \(calculator.month.label) the fixed payment is "
                        + (calculator.fixedPaymentBands.isEmpty
                            ? "not paid."
                            : calculator.fixedPaymentBands.map {
                                "\($0.payment.formatted) from \($0.minimum) clinical pathway consultations"
                            }
                            .joined(separator: ", ") + ".")),
                .dl(
                    .attr("class", "facts"),
                    .dt(.plain("Consultation fees, per pharmacy")), .dd(.plain(calculator.fees.formatted)),
                    .dt(.plain("Fixed payment, per pharmacy")),
                    .dd(.plain("\(income.fixedPayment.formatted) (\(income.fixedPaymentReason))")),
                    .dt(.plain("Total, per pharmacy, \(calculator.month.label)")), .dd(.plain(income.total.formatted)),
                    .dt(
                        .plain("Total for \(calculator.pharmacies) pharmac\(calculator.pharmacies == 1 ? "y" : "ies")")),
                    .dd(.plain(calculator.totalForAll.formatted))
                )
            )
        }
    }
}

extension PharmacyFirstByPharmacy {
    /// Pharmacy First per pharmacy for an ICB, with the income the national fees would pay.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let latest: Table<PharmacyFirstIncomeRow>
        let all: Table<PharmacyFirstIncomeRow>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            latest = PharmacyViews.incomeTable(
                model.latestRows, id: "latest",
                caption: model.latestMonth.map { "Each pharmacy in \($0.label)" } ?? "Each pharmacy")
            all = PharmacyViews.incomeTable(model.rows, id: "all", caption: "Every month")
        }

        var downloadName: String { "\(model.register.icb.code)-pharmacy-first" }
        var tables: [AnyTable] { [AnyTable(latest), AnyTable(all)] }

        func document() -> HTML {
            let icb = model.register.icb
            let csv = PharmacyViews.csv(PodiumRoute.icbPharmacyFirst(icb.code).path)
            let period = model.months.first.flatMap { first in model.months.last.map { "\(first.label) to \($0.label)" }
            }
            return Layout.page(
                title: "Pharmacy First by pharmacy: \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Pharmacy First"),
                sources: model.register.sources,
                content: [
                    Layout.paragraph(
                        "Completed consultations per pharmacy per month, priced with the national fee schedule of the month: £15 a consultation from "
                            + "February 2024, £17 for clinical pathways and minor illness from April 2025; monthly fixed payment by threshold, banded £500/£1,000 "
                            + "from June 2025 for pharmacies registered for PCS and HCFS (NHSBSA KA-28839; CPCF letter of 31 March 2025). "
                            + "National and regional counts are on the ",
                        class: "lede"),
                    .p(
                        Layout.link(
                            "Pharmacy First page for England, with the fee calculator", PodiumRoute.pharmacyFirst.path)),
                    RecordViews.exampleNotice(model.activity),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure(
                            "Pharmacies with activity", TableView.group(model.pharmaciesWithActivity),
                            source: "activity returns"),
                        Layout.figure(
                            "Estimated income", model.totalIncome.roundedForReading, source: "national fee schedule",
                            note: period)
                    ),
                    .h2(.plain(latest.caption)),
                    TableView.whole(latest, csv: csv(latest.id)),
                    RecordViews.section(
                        model.activity, icb: icb.code, heading: "Activity returns",
                        note:
                            "NHSBSA's dispensing-contractor files are not bundled; their CONTRACTOR_CODE and YEAR_MONTH columns are read when present."
                    ),
                ])
        }
    }
}
