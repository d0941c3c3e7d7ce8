import Foundation
import Plot
import PodiumCore
import Testing

@testable import PodiumWeb

/// What the charts draw, read from their SVG: the things a committee trips on when they are wrong.
@Suite("Charts: gaps, axis titles, round ticks, labels clear of lines, figures as a table")
struct ChartDrawingTests {
    private func html(_ node: Node<HTML.BodyContext>) -> String {
        HTML(.body(node)).render()
    }

    @Test("A month missing from an SPC series is a gap in the line; the axis says its unit; ticks are round")
    func spcGapAxisAndTicks() throws {
        let months = ["2024-04", "2024-05", "2024-06", "2024-08", "2024-09"].map { YearMonth($0)! }
        let chart = XmRChart(months: Array(zip(months, [80, 82, 79, 81, 83])), direction: .increase)
        let svg = html(
            XmRChartView(title: "Delivery", measure: "Delivery (% of profile)", chart: chart, axisTitle: "% of profile")
                .render(id: "c"))
        let line = try #require(svg.range(of: #"class="spc-line" d="[^"]*""#, options: .regularExpression))
        // Two runs: April–June, then August–September (July is not joined across).
        #expect(svg[line].components(separatedBy: "M").count - 1 == 2)
        #expect(svg.contains(">% of profile</text>"))
        // Every tick label a whole number (the step is at least 1 for a spread of a few points).
        let ticks = svg.matches(of: /class="tick"[^>]*>([^<]*)</).map { String($0.1) }.filter { !$0.contains(" ") }
        #expect(!ticks.isEmpty && ticks.allSatisfy { Int($0) != nil }, "\(ticks)")
        // The figures as a table under the chart, a row per month.
        #expect(svg.contains("The figures in this chart"))
        #expect(svg.components(separatedBy: "<th scope=\"row\">2024-").count - 1 == 5)
    }

    @Test("Ticks show only the decimals their step needs")
    func tickText() {
        #expect(XmRChartView.tickText(85, step: 5) == "85")
        #expect(XmRChartView.tickText(85.5, step: 0.5) == "85.5")
        #expect(XmRChartView.tickText(12_000, step: 2_000) == "12,000")
        #expect(XmRChartView.tickText(-0.25, step: 0.05) == "−0.25")
    }

    @Test("A target label moves below its line when the mean runs where it would sit")
    func targetLabelClearOfTheMean() throws {
        // Mean 100.06 (900.5 ÷ 9), target 100.0: the mean's line runs a few pixels above the target's, where the
        // label would sit.
        let months = (4...12).map { YearMonth(year: 2024, month: $0)! }
        let chart = XmRChart(
            months: Array(zip(months, [100, 100.4, 99.8, 100.1, 100, 99.9, 100.2, 100, 100.1])), direction: .increase,
            target: 100.0)
        let svg = html(XmRChartView(title: "t", measure: "m", chart: chart).render(id: "c"))
        let target = try #require(svg.firstMatch(of: /class="spc-target" x1="[^"]*" y1="([0-9.]+)"/)).1
        let label = try #require(svg.firstMatch(of: /class="spc-target-label" x="[^"]*" y="([0-9.]+)"/)).1
        #expect(Double(label)! > Double(target)!, "label \(label) should sit below the line at \(target)")
    }

    @Test("A bar's value sits above its marker when the marker would cross the words")
    func barLabelClearOfTheMarker() throws {
        let chart = BarChart(
            title: "t", summary: "s",
            bars: [BarChart.Bar(label: "Apr", value: 100, valueText: "£100", marker: 103)])
        let svg = html(chart.render(id: "b"))
        let marker = try #require(svg.firstMatch(of: /class="marker" x1="[^"]*" y1="([0-9.]+)"/)).1
        let label = try #require(svg.firstMatch(of: /class="bar-value" x="[^"]*" y="([0-9.]+)"/)).1
        #expect(Double(label)! < Double(marker)! - 2)
        #expect(svg.contains("<th scope=\"row\">Apr</th><td>£100</td>"))
    }
}
