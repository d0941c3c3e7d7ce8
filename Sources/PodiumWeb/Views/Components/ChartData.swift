import Plot

/// A chart's figures as a table under it, folded away until opened: the same numbers as the drawing, reachable
/// without seeing it (WCAG 1.1.1) and without downloading the CSV.
enum ChartData {
    static func table(title: String, header: [String], rows: [[String]]) -> Node<HTML.BodyContext> {
        .details(
            .attr("class", "chart-data"),
            .summary(.plain("The figures in this chart")),
            .table(
                .caption(.plain(title)),
                .thead(.tr(.forEach(header) { .th(.attr("scope", "col"), .plain($0)) })),
                .tbody(
                    .forEach(rows) { row in
                        .tr(
                            .forEach(Array(row.enumerated())) { index, cell in
                                index == 0 ? .th(.attr("scope", "row"), .plain(cell)) : .td(.plain(cell))
                            })
                    })))
    }
}
