import Foundation
import Plot
import PodiumCore

/// A funnel plot in inline SVG: each provider's value against the size of its denominator (log scale), with the
/// centre line and the 95 % (dotted) and 99.8 % (dashed) limits; outliers drawn in MDC colours and shapes.
struct FunnelChartView: SVGDrawing {
    var title: String
    /// "% of the working-day profile, year to date".
    var measure: String
    var direction: ImprovementDirection
    var funnel: FunnelPlot
    /// How a value (a ratio or proportion) is shown: as a percentage.
    var scale = 100.0
    var width = 720.0
    var height = 320.0

    private let left = 64.0, right = 16.0, top = 24.0, bottom = 52.0

    func render(id: String) -> Node<HTML.BodyContext> {
        .div(
            .attr("class", "spc"),
            .p(
                .attr("class", "direction"),
                .plain(
                    "\(measure): \(direction.words). Each point is a provider; the further right, the larger its expected volume and the narrower its limits."
                )),
            svg(id: id),
            .p(.attr("class", "spc-note"), .plain(note))
        )
    }

    var note: String {
        let excluded = funnel.excluded.count
        let left =
            excluded == 0
            ? ""
            : " \(excluded) provider\(excluded == 1 ? " is" : "s are") left out: expected volume under \(String(format: "%.0f", funnel.minimumDenominator)) (listed below the chart)."
        let phi =
            funnel.overdispersion > 1
            ? "Providers vary more than chance alone would explain, so the limits are \(String(format: "%.1f", funnel.overdispersion.squareRoot())) times wider than chance alone would set them (Spiegelhalter's method for overdispersion)."
            : "Providers vary no more than chance alone would explain, so the limits are not widened."
        return
            "Centre \(String(format: "%.1f", funnel.centre * scale)) (the group's overall value). \(Self.counts(funnel)) \(phi)\(left) Points beyond the axis are drawn on its edge with their value."
    }

    /// "4 providers outside the 95% limits, 1 of them outside the 99.8% limits (an outlier)."
    static func counts(_ funnel: FunnelPlot) -> String {
        let warning = funnel.beyondWarning.count
        let outliers = funnel.outliers.count
        return
            "\(warning) provider\(warning == 1 ? "" : "s") outside the 95% limits, \(outliers) of them outside the 99.8% limits (\(outliers == 1 ? "an outlier" : "outliers"))."
    }

    private func svg(id: String) -> Node<HTML.BodyContext> {
        let entries = funnel.entries
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let denominators = entries.map(\.input.denominator).filter { $0 > 0 }
        let minX = log10(max(1, (denominators.min() ?? 1) * 0.8))
        let maxX = log10(max(10, (denominators.max() ?? 10) * 1.2))
        let curveX = (0...60).map { pow(10, minX + (maxX - minX) * Double($0) / 60) }
        let curves = curveX.map {
            ($0, funnel.limits(at: $0, z: FunnelPlot.z95), funnel.limits(at: $0, z: FunnelPlot.z998))
        }
        // The scale fits the points and the funnel's mouth at the largest volume; the limits at small volumes, which can
        // run far off the scale, are clipped to the plot area so they do not squash the points.
        // The axis spans the middle 96 % of providers (and the funnel): a point beyond it is drawn on the edge with its
        // value written beside it, so one extreme provider cannot flatten all the others.
        let widest = curves.last.map { [$0.2.lower, $0.2.upper] } ?? []
        let sortedValues = entries.map(\.value).sorted()
        let values =
            [
                PeerComparison.quantile(sortedValues, 0.02), PeerComparison.quantile(sortedValues, 0.98),
            ].filter { _ in !sortedValues.isEmpty } + widest + [funnel.centre]
        var low = (values.min() ?? 0) * scale
        var high = (values.max() ?? 1) * scale
        if high - low < 1e-9 {
            low -= 1
            high += 1
        }
        let pad = (high - low) * 0.05
        low = max(0, low - pad)
        high += pad
        let x: (Double) -> Double = { left + plotWidth * (log10(max($0, 1e-9)) - minX) / (maxX - minX) }
        let y: (Double) -> Double = { top + plotHeight - plotHeight * ($0 * scale - low) / (high - low) }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "title", nodes: [.attr("id", "\(id)-title"), .plain(title)]),
            .element(
                named: "desc", nodes: [.attr("id", "\(id)-desc"), .plain("\(measure): \(direction.words). \(note)")]),
        ]
        let step = BarChart.tickStep(for: high - low)
        var tick = (low / step).rounded(.up) * step
        while tick <= high {
            nodes.append(line(x1: left, y1: y(tick / scale), x2: width - right, y2: y(tick / scale), class: "grid"))
            nodes.append(
                text(String(format: "%.0f", tick), x: left - 6, y: y(tick / scale) + 4, anchor: "end", class: "tick"))
            tick += step
        }
        var decade = pow(10, floor(minX))
        while log10(decade) <= maxX {
            if log10(decade) >= minX {
                nodes.append(
                    text(
                        BarChart.compact(decade), x: x(decade), y: height - bottom + 16, anchor: "middle", class: "tick"
                    ))
            }
            decade *= 10
        }
        nodes.append(
            text("expected volume (log scale)", x: left + plotWidth / 2, y: height - 8, anchor: "middle", class: "tick")
        )
        nodes.append(
            .element(
                named: "clipPath",
                nodes: [
                    .attr("id", "\(id)-plot"),
                    .element(
                        named: "rect",
                        nodes: [
                            .attr("x", fmt(left)), .attr("y", fmt(top)), .attr("width", fmt(plotWidth)),
                            .attr("height", fmt(plotHeight)),
                        ]),
                ]))
        nodes.append(line(x1: left, y1: y(funnel.centre), x2: width - right, y2: y(funnel.centre), class: "spc-mean"))
        for (name, outer) in [("funnel-warning", false), ("funnel-limit", true)] {
            for upper in [true, false] {
                var path = ""
                for (index, curve) in curves.enumerated() {
                    let limit = outer ? curve.2 : curve.1
                    path +=
                        (index == 0 ? "M" : " L") + fmt(x(curve.0)) + "," + fmt(y(upper ? limit.upper : limit.lower))
                }
                nodes.append(
                    .element(
                        named: "path",
                        nodes: [.attr("class", name), .attr("d", path), .attr("clip-path", "url(#\(id)-plot)")]))
            }
        }
        for entry in entries {
            let type = pointType(entry.flag)
            let tooltip = "\(entry.input.label): \(String(format: "%.1f", entry.value * scale)) — \(entry.flag.label)"
            let cx = x(entry.input.denominator)
            let offScale = entry.value * scale > high ? 1.0 : entry.value * scale < low ? -1.0 : 0
            let cy = offScale > 0 ? top : offScale < 0 ? top + plotHeight : y(entry.value)
            if offScale != 0 {
                nodes.append(
                    text(
                        (offScale > 0 ? "▲ " : "▼ ") + String(format: "%.0f", entry.value * scale), x: cx + 8,
                        y: cy + (offScale > 0 ? 10 : -4), anchor: "start", class: "tick off-scale"))
            }
            let common: [Node<HTML.BodyContext>] = [
                .attr("fill", MDCColour.of(type)), .element(named: "title", nodes: [.plain(tooltip)]),
            ]
            switch type {
            case .improvement:
                nodes.append(
                    .element(
                        named: "rect",
                        nodes: [
                            .attr("x", fmt(cx - 5)), .attr("y", fmt(cy - 5)), .attr("width", "10"),
                            .attr("height", "10"),
                        ] + common))
            case .concern:
                nodes.append(
                    .element(
                        named: "polygon",
                        nodes: [
                            .attr(
                                "points",
                                "\(fmt(cx)),\(fmt(cy - 6)) \(fmt(cx + 6)),\(fmt(cy)) \(fmt(cx)),\(fmt(cy + 6)) \(fmt(cx - 6)),\(fmt(cy))"
                            )
                        ] + common))
            default:
                nodes.append(
                    .element(
                        named: "circle", nodes: [.attr("cx", fmt(cx)), .attr("cy", fmt(cy)), .attr("r", "3")] + common))
            }
        }
        return svgElement(id: id, class: "chart", width: width, height: height, nodes)
    }

    /// Outliers read as improvement or concern by the measure's direction.
    func pointType(_ flag: FunnelPlot.Flag) -> PointType {
        guard flag.isOutlier else { return .commonCause }
        let high = flag == .outlierHigh
        switch direction {
        case .increase: return high ? .improvement : .concern
        case .decrease: return high ? .concern : .improvement
        case .neutral: return .neutral
        }
    }

}

extension FunnelChartView {
    /// Every provider of a funnel, outliers first: the list of flagged outliers.
    static func table(_ funnel: FunnelPlot, id: String, caption: String, link: @escaping @Sendable (String) -> String?)
        -> Table<FunnelPlot.Entry>
    {
        let order: [FunnelPlot.Flag] = [.outlierLow, .outlierHigh, .warningLow, .warningHigh, .within]
        let rows = funnel.entries.sorted {
            (order.firstIndex(of: $0.flag) ?? 9, $0.zScore) < (order.firstIndex(of: $1.flag) ?? 9, $1.zScore)
        }
        return Table(
            id: id, caption: caption,
            columns: [
                Column("id", "Contract") { .text($0.input.id, link: link($0.input.id)) },
                Column("label", "Provider") { .text($0.input.label) },
                Column("observed", "Delivered", note: "UDAs", numeric: true) {
                    .decimal($0.input.numerator, decimals: 1)
                },
                Column("expected", "Expected", note: "UDAs", numeric: true) {
                    .decimal($0.input.denominator, decimals: 1)
                },
                Column("value", "Delivered", note: "% of profile", numeric: true) {
                    .decimal($0.value * 100, decimals: 1)
                },
                Column("z", "z-score", note: "after overdispersion", numeric: true) {
                    .decimal($0.zScore, decimals: 2)
                },
                Column("flag", "Funnel") { .text($0.flag.label) },
            ], rows: rows, footer: nil)
    }
}
