import Foundation
import Plot
import PodiumCore

/// A provider's early warning as its contract or pharmacy page shows it: the score, every signal, and raising a risk.
enum WarningViews {
    static let explanation =
        "The early-warning score (0 to 100; higher is more at risk) adds up signals that tend to come before a "
        + "contract is handed back or a pharmacy closes: each signal earns up to its weight as its value moves from where it starts to where "
        + "it counts in full. The score is a prompt for a conversation, not a finding: see each provider's breakdown for the values and sources."

    /// Every signal of one provider: what was seen, the points it earns and where it comes from.
    static func breakdownTable(_ readings: [SignalReading]) -> Table<SignalReading> {
        Table(
            id: "warning-signals", caption: "Early-warning signals",
            columns: [
                Column("signal", "Signal") { .text($0.signal.label) },
                Column("seen", "What was seen") { .text($0.words) },
                Column("thresholds", "Starts → full", sortable: false) {
                    .text("\(format($0.setting.starts)) → \(format($0.setting.full))")
                },
                Column("weight", "Weight", numeric: true) { .decimal($0.setting.weight, decimals: 0) },
                Column("points", "Points", note: "higher is more at risk", numeric: true) {
                    .decimal($0.points, decimals: 1)
                },
                Column("source", "Source", sortable: false) { .text($0.signal.source) },
            ], rows: readings, footer: nil)
    }

    private static func format(_ value: Double) -> String {
        value == value.rounded() ? String(Int(value)) : String(format: "%.1f", value)
    }

    /// A provider's early-warning section: the score, every signal, and (for those who may) raising a risk that cites it.
    static func section(
        _ warning: ProviderWarning?, provider: String, icb: ICBCode?, csv: String, context: PageContext
    ) -> Node<HTML.BodyContext> {
        guard let warning else {
            return .section(
                .attr("id", "early-warning"), .h2(.plain("Early warning")),
                Layout.paragraph("No score: the provider is not in the latest month of data, or has no UDA target."))
        }
        let table = breakdownTable(warning.readings)
        return .section(
            .attr("id", "early-warning"),
            .h2(.plain("Early warning: \(String(format: "%.1f", warning.score)) of 100")),
            Layout.paragraph(
                "As of \(warning.asOf.label), configuration \(warning.configuration); higher is more at risk. "
                    + explanation, class: "direction"),
            Layout.paragraph("Top reasons: " + warning.reasonsSentence + "."),
            TableView.whole(table, csv: csv, note: "\(table.rows.count) signals. "),
            .unwrap(icb.flatMap { context.canEdit($0) ? $0 : nil }) { icb in
                .form(
                    .attr("method", "post"), .attr("action", PodiumRoute.raiseProviderRisk(icb).path),
                    .attr("class", "inline no-print"),
                    Layout.csrfField(context),
                    .input(.attr("type", "hidden"), .attr("name", "provider"), .attr("value", provider)),
                    .button(.attr("type", "submit"), .plain("Raise a risk in the risk log from this warning")))
            })
    }
}
