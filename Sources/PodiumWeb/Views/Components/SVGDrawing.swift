import Foundation
import Plot

/// The few SVG elements Podium's charts draw, written once: every chart is inline SVG with a title and description,
/// readable without JavaScript, coordinates to one decimal.
protocol SVGDrawing {}

extension SVGDrawing {
    func line(x1: Double, y1: Double, x2: Double, y2: Double, class name: String) -> Node<HTML.BodyContext> {
        .element(
            named: "line",
            nodes: [
                .attr("class", name), .attr("x1", fmt(x1)), .attr("y1", fmt(y1)), .attr("x2", fmt(x2)),
                .attr("y2", fmt(y2)),
            ])
    }

    func text(_ value: String, x: Double, y: Double, anchor: String, class name: String) -> Node<HTML.BodyContext> {
        .element(
            named: "text",
            nodes: [
                .attr("class", name), .attr("x", fmt(x)), .attr("y", fmt(y)), .attr("text-anchor", anchor),
                .plain(value),
            ])
    }

    func fmt(_ value: Double) -> String { String(format: "%.1f", value) }

    /// The `<svg>` element: an image labelled by its `<title>` and `<desc>` (ids `<id>-title`, `<id>-desc`).
    func svgElement(id: String, class name: String, width: Double, height: Double, _ nodes: [Node<HTML.BodyContext>])
        -> Node<HTML.BodyContext>
    {
        .element(
            named: "svg",
            nodes: [
                .attr("class", name), .attr("role", "img"), .attr("viewBox", "0 0 \(fmt(width)) \(fmt(height))"),
                .attr("id", id),
                .attr("aria-labelledby", "\(id)-title \(id)-desc"), .attr("xmlns", "http://www.w3.org/2000/svg"),
            ] + nodes)
    }
}
