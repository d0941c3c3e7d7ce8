import PodiumCore
import Plot

/// Providers at risk (issue 11): the ICB's ranked list, each provider's breakdown, and the user's digest.
enum EarlyWarningPages {
    static let explanation = "The early-warning score (0 to 100; higher is more at risk) adds up signals that tend to come before a "
        + "contract is handed back or a pharmacy closes: each signal earns up to its weight as its value moves from where it starts to where "
        + "it counts in full. The score is a prompt for a conversation, not a finding: see each provider's breakdown for the values and sources."

    static func render(_ list: ProvidersAtRisk, dental: Table<DentalRisk>, pharmacies: Table<PharmacyRisk>, signals: Table<WarningSignal>,
                       context: PageContext) -> HTML {
        let icb = list.icb
        let path = PodiumRoute.providersAtRisk(icb.code).path
        let month = list.asOf.map { [("as_of", $0.iso)] } ?? []
        let csv = { (table: String) in ListLinks.href(path, ListLinks.items(month + [("format", "csv"), ("table", table)])) }
        return Layout.page(
            title: "Providers at risk: \(icb.shortName)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: "Providers at risk")],
            sources: list.sources,
            content: [
                Layout.paragraph(explanation, class: "lede"),
                Layout.paragraph(
                    "Dental contracts as of \(list.asOf?.label ?? "no month: no dental activity imported") (NHSBSA data); the ICB's own records "
                        + "judged on \(list.today.label). Pharmacies as of \(list.pharmacyAsOf.label), the latest of the ICB's pharmacy returns. "
                        + "Configuration \(list.configuration.version).", class: "direction"),
                monthForm(list, path: path),
                .h2(.plain("Dental contracts, most at risk first")),
                TableView.whole(dental, csv: csv(dental.id), note: "\(dental.rows.count) contracts scored. "),
                .h2(.plain("Pharmacies, most at risk first")),
                Layout.paragraph(
                    "From the ICB's closures log and opening hours, Pharmacy First returns, ODS changes of ownership and provider intelligence. "
                        + "Where these are example data the scores are examples too."),
                TableView.whole(pharmacies, csv: csv(pharmacies.id), note: "\(pharmacies.rows.count) pharmacies scored. "),
                .h2(.plain("Signals and weights")),
                TableView.whole(signals, csv: csv(signals.id), note: "Configuration \(list.configuration.version). "),
            ])
    }

    /// Recompute the list as it stood in an earlier month of data.
    private static func monthForm(_ list: ProvidersAtRisk, path: String) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
            .label(.attr("for", "ew-as-of"), .plain("As of")),
            .select(.attr("id", "ew-as-of"), .attr("name", "as_of"), .forEach(list.months.reversed()) { month in
                .choice(month.iso, month.label, selected: month == list.asOf)
            }),
            .button(.attr("type", "submit"), .plain("Show"))
        )
    }

    static func dentalTable(_ rows: [DentalRisk]) -> Table<DentalRisk> {
        Table(id: "dental", caption: "Dental contracts by early-warning score", columns: [
            Column("rank", "Rank", numeric: true, sortable: false) { row in .count((rows.firstIndex { $0.contract == row.contract } ?? 0) + 1) },
            Column("contract", "Contract") { .text($0.contract.rawValue, link: PodiumRoute.dentalContract($0.contract).path + "#early-warning") },
            Column("provider", "Provider") { .text($0.provider) },
            Column("score", "Score", note: "0–100; higher is more at risk", numeric: true) { .decimal($0.warning.score, decimals: 1) },
            trendColumn { $0.trend },
            Column("reasons", "Top reasons", sortable: false) { .text(reasons($0.warning)) },
            Column("spc", "Evidence", sortable: false) { .text("SPC chart", link: PodiumRoute.dentalContract($0.contract).path + "#spc-delivery") },
        ], rows: rows, footer: nil)
    }

    /// The score month by month through the year, as figures and a small line.
    private static func trendColumn<Row>(_ trend: @escaping @Sendable (Row) -> [(month: YearMonth, score: Double)]) -> Column<Row> {
        Column("trend", "Trend", note: "score at each month of the year", sortable: false) { row in
            let scores = trend(row).map(\.score)
            return Cell(text: scores.map { String(format: "%.0f", $0) }.joined(separator: " "), icon: .trend(scores))
        }
    }

    static func pharmacyTable(_ rows: [PharmacyRisk], icb: ICBCode) -> Table<PharmacyRisk> {
        Table(id: "pharmacies", caption: "Pharmacies by early-warning score", columns: [
            Column("pharmacy", "Pharmacy") { .text($0.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.pharmacy).path + "#early-warning") },
            Column("name", "Name") { .text($0.name) },
            Column("score", "Score", note: "0–100; higher is more at risk", numeric: true) { .decimal($0.warning.score, decimals: 1) },
            trendColumn { $0.trend },
            Column("reasons", "Top reasons", sortable: false) { .text(reasons($0.warning)) },
            Column("closures", "Closures log", sortable: false) { row in
                .text("closures", link: ListLinks.href(PodiumRoute.records(icb, .pharmacyClosures).path, ListLinks.items([("q", row.pharmacy.rawValue)])))
            },
        ], rows: rows, footer: nil)
    }

    static func signalsTable(_ configuration: WarningConfiguration) -> Table<WarningSignal> {
        Table(id: "signals", caption: "Signals, weights and thresholds", columns: [
            Column("signal", "Signal") { .text($0.label) },
            Column("provider", "For") { .text(WarningSignal.dental.contains($0) ? (WarningSignal.pharmacy.contains($0) ? "both" : "dental") : "pharmacy") },
            Column("weight", "Weight", note: "points at most", numeric: true) { .decimal(configuration.setting($0).weight, decimals: 0) },
            Column("starts", "Starts at", numeric: true) { .decimal(configuration.setting($0).starts, decimals: 1) },
            Column("full", "Full at", numeric: true) { .decimal(configuration.setting($0).full, decimals: 1) },
            Column("source", "Source") { .text($0.source) },
        ], rows: WarningSignal.allCases, footer: nil)
    }

    /// The top three reasons in words: "Target reduced: UDA target cut from …".
    static func reasons(_ warning: ProviderWarning) -> String {
        warning.reasonLines.isEmpty ? "no warning signs" : warning.reasonLines.joined(separator: "; ")
    }

    /// Every signal of one provider: what was seen, the points it earns and where it comes from.
    static func breakdownTable(_ warning: ProviderWarning) -> Table<SignalReading> {
        Table(id: "warning-signals", caption: "Early-warning signals", columns: [
            Column("signal", "Signal") { .text($0.signal.label) },
            Column("seen", "What was seen") { .text($0.words) },
            Column("thresholds", "Starts → full", sortable: false) { .text("\(format($0.setting.starts)) → \(format($0.setting.full))") },
            Column("weight", "Weight", numeric: true) { .decimal($0.setting.weight, decimals: 0) },
            Column("points", "Points", note: "higher is more at risk", numeric: true) { .decimal($0.points, decimals: 1) },
            Column("source", "Source", sortable: false) { .text($0.signal.source) },
        ], rows: warning.readings, footer: nil)
    }

    private static func format(_ value: Double) -> String { value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value) }

    /// A provider's early-warning section: the score, every signal, and (for those who may) raising a risk that cites it.
    static func section(
        _ warning: ProviderWarning?, provider: String, icb: ICBCode?, csv: String, context: PageContext
    ) -> Node<HTML.BodyContext> {
        guard let warning else {
            return .section(.attr("id", "early-warning"), .h2(.plain("Early warning")),
                            Layout.paragraph("No score: the provider is not in the latest month of data, or has no UDA target."))
        }
        let table = breakdownTable(warning)
        return .section(
            .attr("id", "early-warning"),
            .h2(.plain("Early warning: \(String(format: "%.1f", warning.score)) of 100")),
            Layout.paragraph("As of \(warning.asOf.label), configuration \(warning.configuration); higher is more at risk. " + explanation, class: "direction"),
            Layout.paragraph("Top reasons: " + reasons(warning) + "."),
            TableView.whole(table, csv: csv, note: "\(table.rows.count) signals. "),
            .unwrap(icb.flatMap { context.canEdit($0) ? $0 : nil }) { icb in
                .form(
                    .attr("method", "post"), .attr("action", PodiumRoute.raiseProviderRisk(icb).path), .attr("class", "inline no-print"),
                    Layout.csrfField(context),
                    .input(.attr("type", "hidden"), .attr("name", "provider"), .attr("value", provider)),
                    .button(.attr("type", "submit"), .plain("Raise a risk in the risk log from this warning")))
            })
    }
}

extension ProviderWarning {
    /// The top three reasons, each "Signal: what was seen".
    var reasonLines: [String] { topReasons(3).map { "\($0.signal.label): \($0.words)" } }
}
