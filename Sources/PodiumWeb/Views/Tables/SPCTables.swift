import PodiumCore

/// The SPC tables: the board summary of measures and each chart's points.
enum SPCTables {
    /// The board's "integrated performance report" view: one row per measure with both icons.
    static func summary(
        _ measures: [SPCMeasure], id: String = "spc-summary", caption: String = "Summary: statistical process control"
    ) -> Table<SPCMeasure> {
        Table(
            id: id, caption: caption,
            columns: [
                Column("measure", "Measure", sortable: false) { .text($0.name, link: $0.link) },
                Column("unit", "Unit", sortable: false) { .text($0.unit) },
                Column("direction", "Better is", sortable: false) { .text($0.chart.direction.words) },
                Column("latest_period", "Latest", sortable: false) {
                    .text($0.chart.points.last.map { XmRChartView.shortPeriod($0.period) })
                },
                Column("latest", "Latest value", numeric: true, sortable: false) { measure in
                    .text(measure.chart.points.last.map { measure.format($0.value) })
                },
                Column("mean", "Mean", numeric: true, sortable: false) { measure in
                    .text(measure.chart.currentLimits.map { measure.format($0.mean) })
                },
                Column("lower", "Lower process limit", numeric: true, sortable: false) { measure in
                    .text(measure.chart.currentLimits.map { measure.format($0.lower) })
                },
                Column("upper", "Upper process limit", numeric: true, sortable: false) { measure in
                    .text(measure.chart.currentLimits.map { measure.format($0.upper) })
                },
                Column("target", "Target", numeric: true, sortable: false) { measure in
                    .text(measure.chart.target.map { measure.format($0) })
                },
                Column("points", "Points", note: "trial under 12", numeric: true, sortable: false) {
                    .count($0.chart.points.count)
                },
                Column("baseline", "Baseline", note: "where the current limits come from", sortable: false) { measure in
                    if let phase = measure.phases.last { return .text(phase.description) }
                    guard let limits = measure.chart.currentLimits else { return .text("no limits") }
                    return .text(
                        "limits from \(limits.baselinePoints) point\(limits.baselinePoints == 1 ? "" : "s")"
                            + (limits.isTrial ? ", trial (revised as points arrive)" : ""))
                },
                Column("variation", "Variation", sortable: false) { measure in
                    Cell(
                        text: measure.chart.variationIcon.label, csv: measure.chart.variationIcon.code,
                        icon: .variation(measure.chart.variationIcon))
                },
                Column("assurance", "Assurance", sortable: false) { measure in
                    guard let icon = measure.chart.assuranceIcon else { return .text("no target") }
                    return Cell(text: icon.label, csv: icon.code, icon: .assurance(icon))
                },
            ], rows: measures, footer: nil)
    }

    /// The points table named `spc-<measure id>`, if one of `measures` has that id.
    static func points(named table: String?, in measures: [SPCMeasure]) -> Table<SPCPoint>? {
        measures.first { "spc-\($0.id)" == table }.map(points)
    }

    /// A measure's chart as a table of points.
    static func points(_ measure: SPCMeasure) -> Table<SPCPoint> {
        let chart = measure.chart
        let format = measure.format
        return Table(
            id: "spc-\(measure.id)", caption: "\(measure.name): points",
            columns: [
                Column("period", "Period", sortable: false) { .text($0.period) },
                Column("value", measure.unit, numeric: true, sortable: false) { .text(format($0.value)) },
                Column("mean", "Mean", numeric: true, sortable: false) { point in
                    .text(chart.limits(of: point).map { format($0.mean) })
                },
                Column("lpl", "Lower limit", numeric: true, sortable: false) { point in
                    .text(chart.limits(of: point).map { format($0.lower) })
                },
                Column("upl", "Upper limit", numeric: true, sortable: false) { point in
                    .text(chart.limits(of: point).map { format($0.upper) })
                },
                Column("rules", "Rules", sortable: false) { .text($0.rules.map(\.name).joined(separator: "; ")) },
                Column("type", "Point", sortable: false) { .text($0.type.label) },
            ], rows: chart.points, footer: nil)
    }
}
