import Foundation
import Plot
import PodiumCore

/// Making Data Count colours (NHSRplotthedots `ptd_spc_colours()`).
enum MDCColour {
    static let commonCause = "#A6A6A6"
    static let improvement = "#00B0F0"
    static let concern = "#E46C0A"
    static let neutral = "#490092"
    static let target = "#DE1B1B"

    static func of(_ type: PointType) -> String {
        switch type {
        case .commonCause: commonCause
        case .improvement: improvement
        case .concern: concern
        case .neutral: neutral
        }
    }
}

/// An XmR chart in inline SVG: values, mean, process limits (dashed), 2σ lines (dotted), target, and points
/// coloured by type with a different shape for each (so grey-scale print still tells them apart), each with a
/// tooltip naming the rules it broke.
struct XmRChartView: SVGDrawing {
    var title: String
    /// What is measured, with its unit: "UDAs delivered as % of the working-day profile".
    var measure: String
    var chart: XmRChart
    var format: (Double) -> String = { String(format: "%.1f", $0) }
    /// The series' phases in words (a baseline, a disrupted period, a rebase), when it has them.
    var phases: [PandemicPhases.Phase] = []
    /// The value axis's title: what is measured and its unit.
    var axisTitle: String?
    var width = 720.0
    var height = 300.0

    private let left = 64.0, right = 16.0, top = 34.0, bottom = 48.0

    func render(id: String) -> Node<HTML.BodyContext> {
        .div(
            .attr("class", "spc"),
            .p(.attr("class", "direction"), .plain("\(measure): \(chart.direction.words).")),
            .div(
                .attr("class", "spc-icons"), SPCIcons.variation(chart.variationIcon),
                .unwrap(chart.assuranceIcon) { SPCIcons.assurance($0) }),
            svg(id: id),
            .p(.attr("class", "spc-note"), .plain(note)),
            signalList,
            ChartData.table(
                title: title, header: ["Month", axisTitle ?? "Value", "Mean", "Process limits", "Variation"],
                rows: chart.points.map { point in
                    let limits =
                        chart.segments.indices.contains(point.segment) ? chart.segments[point.segment].limits : nil
                    return [
                        point.period, format(point.value), limits.map { format($0.mean) } ?? "",
                        limits.map { "\(format($0.lower)) to \(format($0.upper))" } ?? "",
                        point.type.label
                            + (point.rules.isEmpty ? "" : " (\(point.rules.map(\.name).joined(separator: ", ")))"),
                    ]
                })
        )
    }

    /// Plain words for the limits shown: trial, rebased, constant.
    var note: String {
        var parts: [String] = []
        if let limits = chart.currentLimits {
            parts.append(
                "Mean \(format(limits.mean)); process limits \(format(limits.lower)) to \(format(limits.upper)) (mean ± 2.66 × mean moving range)"
            )
            if limits.isTrial { parts.append("trial limits: fewer than 12 points, revised as points arrive") }
            if limits.isConstant { parts.append("every value is the same, so the limits collapse onto it") }
        } else {
            parts.append("not enough points for limits")
        }
        if !phases.isEmpty {
            parts.append(phases.map(\.description).joined(separator: "; "))
        } else if chart.segments.count > 1 {
            parts.append("limits recomputed from each rebase")
        }
        if let target = chart.target { parts.append("target \(format(target))") }
        return parts.joined(separator: "; ") + ". Variation: \(chart.variationIcon.label.lowercased())."
            + (chart.assuranceIcon.map { " Assurance: \($0.label.lowercased())." } ?? "")
    }

    /// Each special-cause point and why.
    private var signalList: Node<HTML.BodyContext> {
        let signals = chart.signals
        guard !signals.isEmpty else {
            return .p(.attr("class", "spc-note"), .plain("No special cause: every point is common-cause variation."))
        }
        // Open by default so a printed committee paper carries the "why" too; a reader can fold it on screen.
        return .details(
            .attr("open", "open"),
            .summary(.plain("\(signals.count) special-cause point\(signals.count == 1 ? "" : "s"): why")),
            .ul(
                .forEach(signals) { point in
                    .li(
                        .plain(
                            "\(point.period): \(format(point.value)), \(point.type.label) — \(point.rules.map(\.name).joined(separator: ", "))"
                        ))
                })
        )
    }

    private func svg(id: String) -> Node<HTML.BodyContext> {
        let points = chart.points
        let plotWidth = width - left - right
        let plotHeight = height - top - bottom
        let limitValues = chart.segments.compactMap(\.limits).flatMap { [$0.upper, $0.lower] }
        let all = points.map(\.value) + limitValues + (chart.target.map { [$0] } ?? [])
        var low = all.min() ?? 0
        var high = all.max() ?? 1
        if high - low < 1e-9 {
            low -= 1
            high += 1
        }
        let pad = (high - low) * 0.08
        low -= pad
        high += pad
        let step = BarChart.tickStep(for: high - low)
        // Monthly points sit at their month, so a month missing from the data is a gap, not a silent join.
        let slots = Self.slots(points.map(\.period))
        let span = Double(max(1, (slots.last ?? 0) - (slots.first ?? 0)))
        let x: (Int) -> Double = {
            points.count <= 1 ? left + plotWidth / 2 : left + plotWidth * Double(slots[$0] - slots[0]) / span
        }
        let y: (Double) -> Double = { top + plotHeight - plotHeight * ($0 - low) / (high - low) }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "title", nodes: [.attr("id", "\(id)-title"), .plain(title)]),
            .element(
                named: "desc",
                nodes: [.attr("id", "\(id)-desc"), .plain("\(measure): \(chart.direction.words). \(note)")]),
        ]
        var tick = (low / step).rounded(.up) * step
        while tick <= high {
            nodes.append(line(x1: left, y1: y(tick), x2: width - right, y2: y(tick), class: "grid"))
            nodes.append(
                text(Self.tickText(tick, step: step), x: left - 6, y: y(tick) + 4, anchor: "end", class: "tick"))
            tick += step
        }
        if let axisTitle {
            nodes.append(text(axisTitle, x: 4, y: 14, anchor: "start", class: "axis-title"))
        }
        let labelEvery = max(1, points.count / 12)
        for (index, point) in points.enumerated() where index % labelEvery == 0 || index == points.count - 1 {
            nodes.append(
                text(
                    Self.shortPeriod(point.period), x: x(index), y: height - bottom + 16, anchor: "middle",
                    class: "tick"))
        }
        for segment in chart.segments where segment.isSuspended {
            // A disrupted period: shaded, labelled, no limits.
            let from = x(segment.first)
            let to = x(segment.last)
            nodes.append(
                .element(
                    named: "rect",
                    nodes: [
                        .attr("class", "spc-suspended"), .attr("x", fmt(from)), .attr("y", fmt(top)),
                        .attr("width", fmt(max(1, to - from))), .attr("height", fmt(plotHeight)),
                    ]))
            nodes.append(
                text("pandemic: not judged", x: (from + to) / 2, y: top + 12, anchor: "middle", class: "spc-label"))
        }
        for segment in chart.segments {
            guard let limits = segment.limits else { continue }
            let from = x(segment.first)
            let to = x(segment.last)
            nodes.append(line(x1: from, y1: y(limits.mean), x2: to, y2: y(limits.mean), class: "spc-mean"))
            for value in [limits.upper, limits.lower] {
                nodes.append(line(x1: from, y1: y(value), x2: to, y2: y(value), class: "spc-limit"))
            }
            for value in [limits.upperTwoSigma, limits.lowerTwoSigma] {
                nodes.append(line(x1: from, y1: y(value), x2: to, y2: y(value), class: "spc-sigma"))
            }
            if segment.last == chart.segments.last?.last {
                nodes.append(
                    text(
                        limits.isTrial ? "trial limits" : phases.isEmpty ? "process limits" : "locked limits", x: to,
                        y: y(limits.upper) - 4,
                        anchor: "end", class: "spc-label"))
            }
        }
        if let target = chart.target {
            nodes.append(line(x1: left, y1: y(target), x2: width - right, y2: y(target), class: "spc-target"))
            // Above the target line, or below it when a mean or limit line runs where the words would be.
            let lines = chart.segments.compactMap(\.limits).flatMap { [$0.mean, $0.upper, $0.lower] }.map(y)
            let above = y(target) - 4
            let crossed = lines.contains { $0 > above - 12 && $0 < above + 3 }
            nodes.append(
                text(
                    "target \(format(target))", x: left + 4, y: crossed ? y(target) + 13 : above, anchor: "start",
                    class: "spc-target-label"))
        }
        if points.count > 1 {
            let path = points.indices.map { (index: Int) -> String in
                let joined = index > 0 && slots[index] == slots[index - 1] + 1
                return "\(joined ? "L" : "M")\(fmt(x(index))),\(fmt(y(points[index].value)))"
            }.joined(separator: " ")
            nodes.append(.element(named: "path", nodes: [.attr("class", "spc-line"), .attr("d", path)]))
        }
        for (index, point) in points.enumerated() {
            nodes.append(marker(point, x: x(index), y: y(point.value)))
        }
        return svgElement(id: id, class: "chart spc-chart", width: width, height: height, nodes)
    }

    /// Shapes by type: circle (common cause), square (improvement), diamond (concern), triangle (neutral).
    private func marker(_ point: SPCPoint, x: Double, y: Double) -> Node<HTML.BodyContext> {
        let colour = MDCColour.of(point.type)
        let tooltip =
            "\(point.period): \(format(point.value)) — \(point.type.label)"
            + (point.rules.isEmpty ? "" : " (\(point.rules.map(\.name).joined(separator: ", ")))")
        let title: Node<HTML.BodyContext> = .element(named: "title", nodes: [.plain(tooltip)])
        let attributes: [Node<HTML.BodyContext>] = [
            .attr("fill", colour), .attr("class", "spc-point spc-\(point.type.rawValue)"), title,
        ]
        switch point.type {
        case .commonCause:
            return .element(
                named: "circle", nodes: [.attr("cx", fmt(x)), .attr("cy", fmt(y)), .attr("r", "3.5")] + attributes)
        case .improvement:
            return .element(
                named: "rect",
                nodes: [.attr("x", fmt(x - 5)), .attr("y", fmt(y - 5)), .attr("width", "10"), .attr("height", "10")]
                    + attributes)
        case .concern:
            return .element(
                named: "polygon",
                nodes: [
                    .attr(
                        "points",
                        "\(fmt(x)),\(fmt(y - 6)) \(fmt(x + 6)),\(fmt(y)) \(fmt(x)),\(fmt(y + 6)) \(fmt(x - 6)),\(fmt(y))"
                    )
                ] + attributes)
        case .neutral:
            return .element(
                named: "polygon",
                nodes: [
                    .attr("points", "\(fmt(x)),\(fmt(y - 6)) \(fmt(x + 6)),\(fmt(y + 5)) \(fmt(x - 6)),\(fmt(y + 5))")
                ] + attributes)
        }
    }

    /// Each point's place on the time axis: months since the first when every period is a month (`2023-04`), so a
    /// missing month leaves a gap; otherwise one place each.
    static func slots(_ periods: [String]) -> [Int] {
        let months = periods.compactMap(YearMonth.init)
        guard months.count == periods.count, let first = months.first else { return Array(periods.indices) }
        return months.map { first.months(to: $0) }
    }

    /// A tick at a round value, with only the decimals its step needs (a step of 5 reads "85", of 0.5 "85.5").
    static func tickText(_ value: Double, step: Double) -> String {
        let decimals = step >= 1 ? 0 : step >= 0.1 ? 1 : 2
        let scaled = Int64((value * pow(10, Double(decimals))).rounded())
        let text = ScaledDecimal.format(scaled, scale: decimals, minimumFractionDigits: decimals)
        // A minus sign, not a hyphen, as the other figures on a chart read.
        return text.hasPrefix("-") ? "−" + text.dropFirst() : text
    }

    /// "2023-04" → "Apr 23".
    static func shortPeriod(_ period: String) -> String {
        guard let month = YearMonth(period) else { return period }
        return "\(month.shortLabel.prefix(3)) \(String(month.year).suffix(2))"
    }
}

/// The Making Data Count variation and assurance icons, drawn as small SVGs with a text label beside them.
enum SPCIcons {
    static func variation(_ icon: VariationIcon) -> Node<HTML.BodyContext> {
        let (colour, letter): (String, String) =
            switch icon {
            case .commonCause: (MDCColour.commonCause, "~")
            case .improvement(let side): (MDCColour.improvement, side == .high ? "H" : "L")
            case .concern(let side): (MDCColour.concern, side == .high ? "H" : "L")
            case .neutral(let side): (MDCColour.neutral, side == .high ? "↑" : "↓")
            case .noData: (MDCColour.commonCause, "–")
            }
        return badge(colour: colour, letter: letter, label: icon.label, kind: "variation")
    }

    static func assurance(_ icon: AssuranceIcon) -> Node<HTML.BodyContext> {
        let (colour, letter): (String, String) =
            switch icon {
            case .pass: (MDCColour.improvement, "P")
            case .fail: (MDCColour.concern, "F")
            case .hitAndMiss: (MDCColour.commonCause, "?")
            }
        return badge(colour: colour, letter: letter, label: icon.label, kind: "assurance")
    }

    private static func badge(colour: String, letter: String, label: String, kind: String) -> Node<HTML.BodyContext> {
        .span(
            .attr("class", "spc-icon spc-icon-\(kind)"),
            .element(
                named: "svg",
                nodes: [
                    .attr("viewBox", "0 0 32 32"), .attr("width", "28"), .attr("height", "28"), .attr("role", "img"),
                    .attr("aria-label", label),
                    .attr("xmlns", "http://www.w3.org/2000/svg"),
                    .element(
                        named: "circle",
                        nodes: [
                            .attr("cx", "16"), .attr("cy", "16"), .attr("r", "13"), .attr("fill", "#fff"),
                            .attr("stroke", colour), .attr("stroke-width", "3"),
                        ]),
                    .element(
                        named: "text",
                        nodes: [
                            .attr("x", "16"), .attr("y", "21"), .attr("text-anchor", "middle"),
                            // The ring carries the Making Data Count colour; the letter is dark enough to read
                            // (the pale colours give text under 3:1 on white).
                            .attr("font-size", "14"), .attr("font-weight", "bold"),
                            .attr("fill", "#212b32"), .plain(letter),
                        ]),
                ]),
            .span(.attr("class", "spc-icon-label"), .plain(label))
        )
    }
}

extension SPCMeasure {
    func view(title: String? = nil) -> XmRChartView {
        XmRChartView(
            title: title ?? name, measure: "\(name) (\(unit))", chart: chart, format: format, phases: phases,
            axisTitle: unit.prefix(1).uppercased() + unit.dropFirst())
    }

    /// A heading, the chart, and a link to its points as CSV (`table=spc-<id>`).
    func section(heading: Node<HTML.BodyContext>, title: String? = nil, csv: (String) -> String) -> Node<
        HTML.BodyContext
    > {
        .group(
            heading,
            view(title: title).render(id: "spc-\(id)"),
            .p(.attr("class", "table-meta"), .plain("Points as a table: "), TableView.csvLink(csv("spc-\(id)"))))
    }
}
