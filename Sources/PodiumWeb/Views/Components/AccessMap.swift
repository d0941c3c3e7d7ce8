import Foundation
import Plot
import PodiumCore

/// An offline map: each LSOA's population-weighted centroid as a dot coloured by its access score's fifth (fixed
/// breaks, so a before and an after map compare), sites as black squares. British National Grid is already a flat
/// projection in metres, so points are placed by easting and northing with one scale — no tiles, no internet, no
/// JavaScript; each dot names its LSOA and score on hover and in screen readers' element lists.
struct AccessMap: Sendable, SVGDrawing {
    struct Area: Sendable {
        var location: GridPoint
        /// NaN: no site in reach.
        var score: Double
        var label: String
    }

    struct Site: Sendable {
        var location: GridPoint
        var label: String
        /// The site a what-if changes, drawn larger with a ring.
        var highlighted = false
    }

    var title: String
    var summary: String
    var areas: [Area]
    var sites: [Site]
    /// Four ascending values splitting scores into fifths, lowest fifth first (see ``breaks(_:)``).
    var breaks: [Double]
    /// How a break reads in the legend, e.g. "45.2".
    var format: @Sendable (Double) -> String
    var width = 720.0

    /// Fixed fifths of `scores` (NaN left out), so other maps can reuse them.
    static func breaks(_ scores: [Double]) -> [Double] {
        let sorted = scores.filter { $0.isFinite }.sorted()
        guard !sorted.isEmpty else { return [0, 0, 0, 0] }
        return [0.2, 0.4, 0.6, 0.8].map { PeerComparison.quantile(sorted, $0) }
    }

    static let classes = ["q1", "q2", "q3", "q4", "q5"]

    func fifth(_ score: Double) -> String {
        guard !score.isNaN else { return "none" }
        return Self.classes[breaks.firstIndex(where: { score < $0 }) ?? 4]
    }

    func render(id: String) -> Node<HTML.BodyContext> {
        let margin = 12.0
        let legendHeight = 40.0
        let xs = areas.map(\.location.easting) + sites.filter(\.highlighted).map(\.location.easting)
        let ys = areas.map(\.location.northing) + sites.filter(\.highlighted).map(\.location.northing)
        let minX = (xs.min() ?? 0) - 1000
        let maxX = (xs.max() ?? 1) + 1000
        let minY = (ys.min() ?? 0) - 1000
        let maxY = (ys.max() ?? 1) + 1000
        let plotWidth = width - 2 * margin
        let scale = min(plotWidth / (maxX - minX), 640 / (maxY - minY))
        let height = legendHeight + (maxY - minY) * scale + 2 * margin
        let place: (GridPoint) -> (x: Double, y: Double) = { point in
            (margin + (point.easting - minX) * scale, height - margin - (point.northing - minY) * scale)
        }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "title", nodes: [.attr("id", "\(id)-title"), .plain(title)]),
            .element(named: "desc", nodes: [.attr("id", "\(id)-desc"), .plain(summary)]),
        ]
        nodes += legend(y: 14)
        for area in areas {
            let (x, y) = place(area.location)
            nodes.append(
                .element(
                    named: "circle",
                    nodes: [
                        .attr("class", "area \(fifth(area.score))"), .attr("cx", fmt(x)), .attr("cy", fmt(y)),
                        .attr("r", "3"),
                        .element(named: "title", nodes: [.plain(area.label)]),
                    ]))
        }
        let visible = (minX...maxX, minY...maxY)
        for site in sites where visible.0.contains(site.location.easting) && visible.1.contains(site.location.northing)
        {
            let (x, y) = place(site.location)
            let size = site.highlighted ? 9.0 : 4.0
            nodes.append(
                .element(
                    named: "rect",
                    nodes: [
                        .attr("class", site.highlighted ? "site highlighted" : "site"), .attr("x", fmt(x - size / 2)),
                        .attr("y", fmt(y - size / 2)),
                        .attr("width", fmt(size)), .attr("height", fmt(size)),
                        .element(named: "title", nodes: [.plain(site.label)]),
                    ]))
        }
        // A 10 km scale bar: the catchment radius.
        let bar = 10_000 * scale
        nodes.append(
            line(x1: width - margin - bar, y1: height - margin, x2: width - margin, y2: height - margin, class: "axis"))
        nodes.append(
            text("10 km", x: width - margin - bar / 2, y: height - margin - 4, anchor: "middle", class: "tick"))
        return svgElement(id: id, class: "chart map", width: width, height: height, nodes)
    }

    private func legend(y: Double) -> [Node<HTML.BodyContext>] {
        let labels = [
            "under \(format(breaks[0]))", "\(format(breaks[0]))–\(format(breaks[1]))",
            "\(format(breaks[1]))–\(format(breaks[2]))",
            "\(format(breaks[2]))–\(format(breaks[3]))", "\(format(breaks[3])) and over", "no site in reach",
        ]
        var nodes: [Node<HTML.BodyContext>] = []
        let step = (width - 24) / Double(labels.count + 1)
        for (index, label) in labels.enumerated() {
            let x = 12 + step * Double(index)
            nodes.append(
                .element(
                    named: "circle",
                    nodes: [
                        .attr("class", "area \(index < 5 ? Self.classes[index] : "none")"), .attr("cx", fmt(x + 5)),
                        .attr("cy", fmt(y)), .attr("r", "5"),
                    ]))
            nodes.append(text(label, x: x + 14, y: y + 4, anchor: "start", class: "legend"))
        }
        let x = 12 + step * Double(labels.count)
        nodes.append(
            .element(
                named: "rect",
                nodes: [
                    .attr("class", "site"), .attr("x", fmt(x + 2)), .attr("y", fmt(y - 3)), .attr("width", "6"),
                    .attr("height", "6"),
                ]))
        nodes.append(text("site", x: x + 14, y: y + 4, anchor: "start", class: "legend"))
        return nodes
    }
}
