import Foundation
import Plot
import PodiumCore

/// An inline SVG bar chart: readable without JavaScript, in print and in grey-scale (values are written on the
/// bars and expectations are dashed markers, so nothing depends on colour).
struct BarChart: Sendable, SVGDrawing {
    struct Bar: Sendable {
        var label: String
        /// `nil` draws a gap labelled "no data".
        var value: Double?
        var valueText: String
        /// An expected value for this bar, drawn as a dashed marker across it.
        var marker: Double?
    }

    var title: String
    /// A sentence saying what the chart shows and which direction is good.
    var summary: String
    var bars: [Bar]
    /// What the bars and markers mean, shown above the plot.
    var legend: (bars: String, markers: String?)?
    /// A sentence under the plot (what the bars add up to, and why a total differs from their sum).
    var note: String?
    var width = 720.0
    var height = 280.0

    private let left = 64.0, right = 16.0, top = 36.0, bottom = 48.0

    /// The chart, then its figures as a table a screen reader (or anyone) can open.
    func render(id: String) -> Node<HTML.BodyContext> {
        .group(svg(id: id), dataTable)
    }

    private var dataTable: Node<HTML.BodyContext> {
        ChartData.table(
            title: title,
            header: ["", legend?.bars ?? "Value"]
                + (bars.contains { $0.marker != nil } ? [legend?.markers ?? "Marker"] : []),
            rows: bars.map { bar in
                [bar.label, bar.value == nil ? "no data" : bar.valueText]
                    + (bars.contains { $0.marker != nil } ? [bar.marker.map { Self.compact($0) } ?? ""] : [])
            })
    }

    private func svg(id: String) -> Node<HTML.BodyContext> {
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let highest = max(1, bars.flatMap { [$0.value, $0.marker].compactMap { $0 } }.max() ?? 1) * 1.08
        let step = Self.tickStep(for: highest)
        let ticks = max(1, Int((highest / step).rounded(.up)))
        let maxValue = step * Double(ticks)
        let slot = plotWidth / Double(max(1, bars.count))
        let y: (Double) -> Double = { top + plotHeight - plotHeight * max(0, $0) / maxValue }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "title", nodes: [.attr("id", "\(id)-title"), .plain(title)]),
            .element(named: "desc", nodes: [.attr("id", "\(id)-desc"), .plain(summary)]),
        ]
        // Axis and up to five grid lines at round values.
        for index in 0...ticks {
            let value = step * Double(index)
            nodes.append(
                line(x1: left, y1: y(value), x2: width - right, y2: y(value), class: index == 0 ? "axis" : "grid"))
            nodes.append(text(Self.compact(value), x: left - 6, y: y(value) + 4, anchor: "end", class: "tick"))
        }
        for (index, bar) in bars.enumerated() {
            let x = left + slot * Double(index)
            nodes.append(text(bar.label, x: x + slot / 2, y: height - bottom + 16, anchor: "middle", class: "tick"))
            if let value = bar.value {
                let barTop = y(value)
                nodes.append(
                    .element(
                        named: "rect",
                        nodes: [
                            .attr("class", "bar"), .attr("x", fmt(x + slot * 0.15)), .attr("y", fmt(barTop)),
                            .attr("width", fmt(slot * 0.7)), .attr("height", fmt(top + plotHeight - barTop)),
                            .element(named: "title", nodes: [.plain("\(bar.label): \(bar.valueText)")]),
                        ]))
                // Above the bar, or above its marker when the marker would run through the words.
                let markerTop = bar.marker.map(y).flatMap { $0 < barTop + 2 && $0 > barTop - 16 ? $0 : nil }
                nodes.append(
                    text(
                        bar.valueText, x: x + slot / 2, y: min(barTop, markerTop ?? barTop) - 4, anchor: "middle",
                        class: "bar-value"))
            } else {
                nodes.append(text("no data", x: x + slot / 2, y: top + plotHeight - 6, anchor: "middle", class: "gap"))
            }
            if let marker = bar.marker {
                nodes.append(
                    line(x1: x + slot * 0.05, y1: y(marker), x2: x + slot * 0.95, y2: y(marker), class: "marker"))
            }
        }
        if let legend {
            nodes.append(
                .element(
                    named: "rect",
                    nodes: [
                        .attr("class", "bar"), .attr("x", fmt(left)), .attr("y", "8"), .attr("width", "14"),
                        .attr("height", "10"),
                    ]))
            nodes.append(text(legend.bars, x: left + 20, y: 17, anchor: "start", class: "legend"))
            if let markers = legend.markers {
                let start = left + 28 + Double(legend.bars.count) * 6
                nodes.append(line(x1: start, y1: 13, x2: start + 22, y2: 13, class: "marker"))
                nodes.append(text(markers, x: start + 28, y: 17, anchor: "start", class: "legend"))
            }
        }
        if let note { nodes.append(text(note, x: left, y: height - 8, anchor: "start", class: "legend")) }
        return svgElement(id: id, class: "chart", width: width, height: height, nodes)
    }

    /// The smallest round step (1, 2, 2.5 or 5 × 10ⁿ) with which at most five steps cover `maximum`.
    static func tickStep(for maximum: Double) -> Double {
        let raw = maximum / 5
        let magnitude = pow(10, floor(log10(raw)))
        let fraction = raw / magnitude
        return ([1, 2, 2.5, 5, 10].first { fraction <= $0 } ?? 10) * magnitude
    }

    /// 12,345 → "12k" for axis ticks.
    static func compact(_ value: Double) -> String {
        if value >= 1_000_000 { return String(format: "%.1fm", value / 1_000_000) }
        if value >= 10_000 { return String(format: "%.0fk", value / 1000) }
        if value >= 1000 { return String(format: "%.1fk", value / 1000) }
        return String(format: "%.0f", value)
    }

    /// Monthly delivery against the working-day profile: a bar per month (a gap where the source has no data) and a
    /// dashed marker at what the profile expects. Used for a contract and for an ICB.
    static func againstProfile(
        title: String, summary: String,
        months: [(month: YearMonth, delivered: ActivityUnits?, expected: ActivityUnits)], compact: Bool
    ) -> BarChart {
        BarChart(
            title: title, summary: summary,
            bars: months.map { month in
                Bar(
                    label: String(month.month.shortLabel.prefix(3)), value: month.delivered.map(value),
                    valueText: month.delivered.map { compact ? Self.compact(value($0)) : $0.formatted } ?? "no data",
                    marker: value(month.expected))
            },
            legend: ("UDAs delivered", "expected by working days"))
    }

    /// Units as a chart value (drawing only; figures in text stay exact).
    static func value(_ units: ActivityUnits) -> Double { Double(units.tenThousandths) / 10_000 }
}
