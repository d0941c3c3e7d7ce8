import Plot
import PodiumCore

/// Providers at risk: the ICB's ranked list, each provider's breakdown, and the user's digest.
enum EarlyWarningViews {
    /// Recompute the list as it stood in an earlier month of data.
    static func monthForm(_ list: ProvidersAtRisk.Model, path: String) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
            .label(.attr("for", "ew-as-of"), .plain("As of")),
            .select(
                .attr("id", "ew-as-of"), .attr("name", "as_of"),
                .forEach(list.months.reversed()) { month in
                    .choice(month.iso, month.label, selected: month == list.asOf)
                }),
            .button(.attr("type", "submit"), .plain("Show"))
        )
    }

    static func dentalTable(_ rows: [ProvidersAtRisk.Model.DentalRisk]) -> Table<ProvidersAtRisk.Model.DentalRisk> {
        Table(
            id: "dental", caption: "Dental contracts by early-warning score",
            columns: [
                Column("rank", "Rank", numeric: true, sortable: false) { row in
                    .count((rows.firstIndex { $0.contract == row.contract } ?? 0) + 1)
                },
                Column("contract", "Contract") {
                    .text($0.contract.rawValue, link: PodiumRoute.dentalContract($0.contract).path + "#early-warning")
                },
                Column("provider", "Provider") { .text($0.provider) },
                Column("score", "Score", note: "0–100; higher is more at risk", numeric: true) {
                    .decimal($0.warning.score, decimals: 1)
                },
                trendColumn { $0.trend },
                Column("reasons", "Top reasons", sortable: false) { .text($0.warning.reasonsSentence) },
                Column("spc", "Evidence", sortable: false) {
                    .text("SPC chart", link: PodiumRoute.dentalContract($0.contract).path + "#spc-delivery")
                },
                // Last, so the columns before it keep their places.
                Column("data_check", "Data check", note: "implausible published value", sortable: false) {
                    .text($0.dataChecks.isEmpty ? nil : $0.dataChecks.map(\.kind.label).joined(separator: "; "))
                },
            ], rows: rows, footer: nil)
    }

    /// The score month by month through the year, as figures and a small line.
    static func trendColumn<Row>(_ trend: @escaping @Sendable (Row) -> [(month: YearMonth, score: Double)]) -> Column<
        Row
    > {
        Column("trend", "Trend", note: "score at each month of the year", sortable: false) { row in
            let scores = trend(row).map(\.score)
            return Cell(text: scores.map { String(format: "%.0f", $0) }.joined(separator: " "), icon: .trend(scores))
        }
    }

    static func pharmacyTable(_ rows: [ProvidersAtRisk.Model.PharmacyRisk], icb: ICBCode) -> Table<
        ProvidersAtRisk.Model.PharmacyRisk
    > {
        Table(
            id: "pharmacies", caption: "Pharmacies by early-warning score",
            columns: [
                Column("pharmacy", "Pharmacy") {
                    .text($0.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.pharmacy).path + "#early-warning")
                },
                Column("name", "Name") { .text($0.name) },
                Column("score", "Score", note: "0–100; higher is more at risk", numeric: true) {
                    .decimal($0.warning.score, decimals: 1)
                },
                trendColumn { $0.trend },
                Column("reasons", "Top reasons", sortable: false) { .text($0.warning.reasonsSentence) },
                Column("closures", "Closures log", sortable: false) { row in
                    .text(
                        "closures",
                        link: ListLinks.href(
                            PodiumRoute.records(icb, .pharmacyClosures).path,
                            QueryItems.of([("q", row.pharmacy.rawValue)])))
                },
            ], rows: rows, footer: nil)
    }

    static func signalsTable(_ configuration: WarningConfiguration) -> Table<WarningSignal> {
        Table(
            id: "signals", caption: "Signals, weights and thresholds",
            columns: [
                Column("signal", "Signal") { .text($0.label) },
                Column("provider", "For") {
                    .text(
                        WarningSignal.dental.contains($0)
                            ? (WarningSignal.pharmacy.contains($0) ? "both" : "dental") : "pharmacy")
                },
                Column("weight", "Weight", note: "points at most", numeric: true) {
                    .decimal(configuration.setting($0).weight, decimals: 0)
                },
                Column("starts", "Starts at", numeric: true) {
                    .decimal(configuration.setting($0).starts, decimals: 1)
                },
                Column("full", "Full at", numeric: true) { .decimal(configuration.setting($0).full, decimals: 1) },
                Column("source", "Source") { .text($0.source) },
            ], rows: WarningSignal.allCases, footer: nil)
    }
}
