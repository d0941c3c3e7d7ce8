import Plot
import PodiumCore

extension ProvidersAtRisk {
    /// Providers at risk: the ICB's dental contracts and pharmacies ranked, with the reasons and a trend.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let dental: Table<Model.DentalRisk>
        let pharmacies: Table<Model.PharmacyRisk>
        let signals: Table<WarningSignal>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            dental = EarlyWarningViews.dentalTable(model.dental)
            pharmacies = EarlyWarningViews.pharmacyTable(model.pharmacies, icb: model.icb.code)
            signals = EarlyWarningViews.signalsTable(model.configuration)
        }

        var downloadName: String { "\(model.icb.code)-providers-at-risk-\(model.asOf?.iso ?? "none")" }
        var tables: [AnyTable] { [AnyTable(dental), AnyTable(pharmacies), AnyTable(signals)] }

        func document() -> HTML {
            let list = model
            let icb = list.icb
            let path = PodiumRoute.providersAtRisk(icb.code).path
            let month = list.asOf.map { [("as_of", $0.iso)] } ?? []
            let csv = { (table: String) in
                ListLinks.href(path, QueryItems.of(month + [("format", "csv"), ("table", table)]))
            }
            return Layout.page(
                title: "Providers at risk: \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Providers at risk"),
                ],
                sources: list.sources,
                content: [
                    .unwrap(list.yearChoice) { YearNavigation(choice: $0, path: path).block() },
                    Layout.paragraph(WarningViews.explanation, class: "lede"),
                    Layout.paragraph(
                        "Dental contracts as of \(list.asOf?.label ?? "no month: no dental activity imported") (NHSBSA data); the ICB's own records "
                            + "judged on \(list.today.label). Pharmacies as of \(list.pharmacyAsOf.label), the latest of the ICB's pharmacy returns. "
                            + "Configuration \(list.configuration.version).", class: "direction"),
                    EarlyWarningViews.monthForm(list, path: path),
                    .h2(.plain("Dental contracts, most at risk first")),
                    TableView.whole(dental, csv: csv(dental.id), note: "\(dental.rows.count) contracts scored. "),
                    .h2(.plain("Pharmacies, most at risk first")),
                    Layout.paragraph(
                        "From the ICB's closures log and opening hours, Pharmacy First returns, ODS changes of ownership and provider intelligence. "
                            + "Where these are example data the scores are examples too."),
                    TableView.whole(
                        pharmacies, csv: csv(pharmacies.id), note: "\(pharmacies.rows.count) pharmacies scored. "),
                    .h2(.plain("Signals and weights")),
                    TableView.whole(
                        signals, csv: csv(signals.id), note: "Configuration \(list.configuration.version). "),
                ])
        }
    }
}

extension Digest {
    /// Each user's digest of what is new or worse.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let table: Table<Model.Item>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            table = Table(
                id: "digest", caption: "New or worse since you last read the digest",
                columns: [
                    Column("icb", "ICB") { .text($0.icb.shortName) },
                    Column("provider", "Provider") { .text($0.name, link: $0.link) },
                    Column("code", "Code") { .text($0.provider) },
                    Column("change", "Since last read") { .text($0.change) },
                    Column("score", "Score", note: "0–100; higher is more at risk", numeric: true) {
                        .decimal($0.warning.score, decimals: 1)
                    },
                    Column("as_of", "As of") { .month($0.warning.asOf) },
                    Column("reasons", "Top reasons", sortable: false) { .text($0.warning.reasonsSentence) },
                ], rows: model.items, footer: nil)
        }

        var downloadName: String { "early-warning-digest" }
        var tables: [AnyTable] { [AnyTable(table)] }

        func document() -> HTML {
            let rule = model.rule
            return Layout.page(
                title: "Your early-warning digest", context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Digest")],
                content: [
                    Layout.paragraph(
                        "Providers of the ICBs you read that score \(Int(rule.threshold)) or more (higher is more at risk), showing "
                            + "only those new to the list or at least \(Int(rule.worseBy)) points worse since you last marked the digest read. Each month of new data "
                            + "makes a new digest. Email is not sent: this list is the digest.", class: "lede"),
                    table.rows.isEmpty
                        ? Layout.paragraph("Nothing new or worse since you last read the digest.", class: "notice")
                        : TableView.whole(
                            table, csv: ListLinks.href(PodiumRoute.digest.path, QueryItems.of([("format", "csv")])),
                            note: "\(Words.count(table.rows.count, "provider")) new or worse. "),
                    .form(
                        .attr("method", "post"), .attr("action", PodiumRoute.digestRead.path),
                        .attr("class", "inline no-print"),
                        Layout.csrfField(context), .button(.attr("type", "submit"), .plain("Mark the digest read"))),
                ])
        }
    }
}
