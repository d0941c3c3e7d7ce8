import Foundation
import Plot
import PodiumCore

/// An offline map of an ICB: its LSOAs shaded by their access score's fifth (fixed breaks, so a before and an after
/// map compare) or, for a what-if, by which way their score moved; the ICB's outline over its neighbours drawn faint;
/// sites as black squares. ONS boundaries on the British National Grid (a flat projection in metres), so everything is
/// placed by easting and northing with one scale — no tiles, no internet, no JavaScript; each area names its LSOA and
/// score on hover and in screen readers' element lists. An LSOA without a boundary is drawn as a dot at its centroid.
struct AccessMap: Sendable, SVGDrawing {
    struct Area: Sendable {
        var location: GridPoint
        /// NaN: no site in reach. On a difference map, the change in score.
        var score: Double
        var label: String
        var shape: [[GridPoint]]?
    }

    struct Site: Sendable {
        var location: GridPoint
        var label: String
        /// The site a what-if changes, drawn larger with a ring.
        var highlighted = false
    }

    /// What an area's colour says.
    enum Shading: Sendable {
        /// Fifths of the score: four ascending breaks, lowest fifth first (see ``breaks(_:)``), each read as `format`
        /// gives it.
        case fifths([Double], format: @Sendable (Double) -> String)
        /// Which way a what-if moved the score: better, worse or unchanged.
        case change
    }

    var title: String
    var summary: String
    var areas: [Area]
    var sites: [Site]
    var shading: Shading
    /// The ICB's boundary, drawn over its areas.
    var outline: AreaShape?
    /// Neighbouring ICBs, drawn faint where they fall inside the frame.
    var neighbours: [AreaShape] = []
    /// The boundaries' attribution, under the map; `nil` when no boundary is drawn.
    var credit: String?
    var width = 720.0

    /// Fixed fifths of `scores` (NaN left out), so other maps can reuse them.
    static func breaks(_ scores: [Double]) -> [Double] {
        let sorted = scores.filter { $0.isFinite }.sorted()
        guard !sorted.isEmpty else { return [0, 0, 0, 0] }
        return [0.2, 0.4, 0.6, 0.8].map { PeerComparison.quantile(sorted, $0) }
    }

    static let classes = ["q1", "q2", "q3", "q4", "q5"]

    /// A change smaller than this (in the score's unit) is "no change": what-ifs re-score exactly, so this only
    /// absorbs floating-point noise.
    static let unchanged = 1e-9

    func shade(_ score: Double) -> String {
        guard !score.isNaN else { return "none" }
        switch shading {
        case .fifths(let breaks, _): return Self.classes[breaks.firstIndex(where: { score < $0 }) ?? 4]
        case .change: return score > Self.unchanged ? "gain" : score < -Self.unchanged ? "loss" : "same"
        }
    }

    /// Legend entries: a swatch class (or `site`) and its words.
    var legendEntries: [(swatch: String, label: String)] {
        switch shading {
        case .fifths(let breaks, let format):
            return [
                ("q1", "under \(format(breaks[0]))"), ("q2", "\(format(breaks[0]))–\(format(breaks[1]))"),
                ("q3", "\(format(breaks[1]))–\(format(breaks[2]))"),
                ("q4", "\(format(breaks[2]))–\(format(breaks[3]))"),
                ("q5", "\(format(breaks[3])) and over"), ("none", "no site in reach"), ("site", "site"),
            ]
        case .change:
            return [("gain", "access better"), ("loss", "access worse"), ("same", "no change"), ("site", "site")]
        }
    }

    func render(id: String) -> Node<HTML.BodyContext> {
        let margin = 12.0
        let frame = self.frame()
        let plotWidth = width - 2 * margin
        let scale = min(plotWidth / (frame.maxX - frame.minX), 640 / (frame.maxY - frame.minY))
        let (legend, legendHeight) = self.legend(top: 6)
        let mapHeight = (frame.maxY - frame.minY) * scale
        let creditLines = credit.map(Self.lines) ?? []
        let height = legendHeight + mapHeight + 2 * margin + 14 * Double(creditLines.count) + 6
        let top = legendHeight + margin
        let place: (GridPoint) -> (x: Double, y: Double) = { point in
            (margin + (point.easting - frame.minX) * scale, top + (frame.maxY - point.northing) * scale)
        }
        var nodes: [Node<HTML.BodyContext>] = [
            .element(named: "title", nodes: [.attr("id", "\(id)-title"), .plain(title)]),
            .element(named: "desc", nodes: [.attr("id", "\(id)-desc"), .plain(summary)]),
        ]
        nodes += legend
        for neighbour in neighbours {
            let box = neighbour.bounds
            guard box.maxX >= frame.minX, box.minX <= frame.maxX, box.maxY >= frame.minY, box.minY <= frame.maxY
            else { continue }
            nodes.append(path(neighbour.rings, place: place, class: "neighbour", label: neighbour.name))
        }
        for area in areas {
            if let shape = area.shape {
                nodes.append(path(shape, place: place, class: "area \(shade(area.score))", label: area.label))
            } else {
                let (x, y) = place(area.location)
                nodes.append(
                    .element(
                        named: "circle",
                        nodes: [
                            .attr("class", "area \(shade(area.score))"), .attr("cx", fmt(x)), .attr("cy", fmt(y)),
                            .attr("r", "3"), .element(named: "title", nodes: [.plain(area.label)]),
                        ]))
            }
        }
        if let outline { nodes.append(path(outline.rings, place: place, class: "outline", label: outline.name)) }
        let visible = (frame.minX...frame.maxX, frame.minY...frame.maxY)
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
        let barY = top + mapHeight + margin / 2
        nodes.append(line(x1: width - margin - bar, y1: barY, x2: width - margin, y2: barY, class: "axis"))
        nodes.append(text("10 km", x: width - margin - bar / 2, y: barY - 4, anchor: "middle", class: "tick"))
        for (index, words) in creditLines.enumerated() {
            nodes.append(
                text(
                    words, x: margin, y: top + mapHeight + margin + 14 * Double(index + 1), anchor: "start",
                    class: "credit"))
        }
        return svgElement(id: id, class: "chart map", width: width, height: height, nodes)
    }

    /// The part of the grid shown: the ICB's outline when there is one, else its areas' centroids, with a kilometre
    /// to spare, and any highlighted site.
    private func frame() -> (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var xs = sites.filter(\.highlighted).map(\.location.easting)
        var ys = sites.filter(\.highlighted).map(\.location.northing)
        if let box = outline?.bounds, box.minX.isFinite {
            xs += [box.minX, box.maxX]
            ys += [box.minY, box.maxY]
        } else {
            xs += areas.map(\.location.easting)
            ys += areas.map(\.location.northing)
        }
        return ((xs.min() ?? 0) - 1000, (ys.min() ?? 0) - 1000, (xs.max() ?? 1) + 1000, (ys.max() ?? 1) + 1000)
    }

    /// One `<path>` for all of a shape's rings (holes cut by the even-odd rule), in tenths of a pixel, each point a
    /// step from the last so the page stays light.
    private func path(
        _ rings: [[GridPoint]], place: (GridPoint) -> (x: Double, y: Double), class name: String, label: String
    ) -> Node<HTML.BodyContext> {
        var data = ""
        for ring in rings where ring.count >= 3 {
            var previous: (Int, Int)?
            for point in ring {
                let (x, y) = place(point)
                let here = (Int((x * 10).rounded()), Int((y * 10).rounded()))
                if let last = previous {
                    let step = (here.0 - last.0, here.1 - last.1)
                    if step == (0, 0) { continue }
                    data += " " + Self.tenths(step.0) + " " + Self.tenths(step.1)
                } else {
                    data += "M" + Self.tenths(here.0) + " " + Self.tenths(here.1) + "l"
                }
                previous = here
            }
            data += "z"
        }
        return .element(
            named: "path",
            nodes: [
                .attr("class", name), .attr("d", data), .element(named: "title", nodes: [.plain(label)]),
            ])
    }

    /// `-123` → `-12.3`, `40` → `4`.
    static func tenths(_ value: Int) -> String {
        let magnitude = abs(value)
        let sign = value < 0 ? "-" : ""
        return magnitude % 10 == 0 ? "\(sign)\(magnitude / 10)" : "\(sign)\(magnitude / 10).\(magnitude % 10)"
    }

    /// The credit in lines short enough for the map's width (split after each sentence).
    static func lines(_ credit: String) -> [String] {
        credit.split(separator: ". ").enumerated().map { index, part in
            let sentence = String(part)
            return sentence.hasSuffix(".") ? sentence : sentence + "."
        }
    }

    /// Swatches and words in rows, each entry as wide as its words, so labels never touch.
    private func legend(top: Double) -> ([Node<HTML.BodyContext>], Double) {
        var nodes: [Node<HTML.BodyContext>] = []
        var x = 12.0
        var y = top + 10
        for (swatch, label) in legendEntries {
            // 11 px text averages under 6.5 px a character.
            let entryWidth = 14 + Double(label.count) * 6.5 + 18
            if x + entryWidth > width - 12 {
                x = 12
                y += 20
            }
            if swatch == "site" {
                nodes.append(
                    .element(
                        named: "rect",
                        nodes: [
                            .attr("class", "site"), .attr("x", fmt(x + 2)), .attr("y", fmt(y - 3)),
                            .attr("width", "6"), .attr("height", "6"),
                        ]))
            } else {
                nodes.append(
                    .element(
                        named: "rect",
                        nodes: [
                            .attr("class", "area \(swatch)"), .attr("x", fmt(x)), .attr("y", fmt(y - 5)),
                            .attr("width", "10"), .attr("height", "10"),
                        ]))
            }
            nodes.append(text(label, x: x + 14, y: y + 4, anchor: "start", class: "legend"))
            x += entryWidth
        }
        return (nodes, y + 12 - top)
    }
}
