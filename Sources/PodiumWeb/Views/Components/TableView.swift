import Plot
import PodiumCore

/// HTML for ``Table``: a filter form, a sortable table, paging and a CSV link. No JavaScript.
enum TableView {
    /// A long list with filter, sort links, paging and CSV download.
    static func listing<Row>(_ table: Table<Row>, page: ListPage<Row>, links: ListLinks, noun: String) -> Node<
        HTML.BodyContext
    > {
        .section(
            .attr("class", "table-section"), .attr("id", table.id),
            filterForm(table, links: links, noun: noun),
            summary(page, noun: noun, csv: links.csv()),
            scroller(table, tableNode(table, rows: page.items, links: links)),
            pagination(page, links: links)
        )
    }

    /// Tables of up to this many rows are kept on one printed page.
    static let keepTogether = 12

    /// A short table shown whole, with a CSV link.
    static func whole<Row>(_ table: Table<Row>, csv: String, note: String? = nil) -> Node<HTML.BodyContext> {
        .section(
            // A short table is printed whole on one page rather than split with a row or two left over.
            .attr("class", table.rows.count <= keepTogether ? "table-section keep" : "table-section"),
            .attr("id", table.id),
            .p(.attr("class", "table-meta"), .plain(note ?? Words.count(table.rows.count, "row") + ". "), csvLink(csv)),
            scroller(table, tableNode(table, rows: table.rows, links: nil))
        )
    }

    /// A wide table scrolls sideways inside its own region, which a keyboard can reach and a screen reader names
    /// (WCAG 2.1.1: a scrollable region must be focusable).
    private static func scroller<Row>(_ table: Table<Row>, _ content: Node<HTML.BodyContext>) -> Node<HTML.BodyContext>
    {
        .div(
            .attr("class", "table-scroll"), .attr("tabindex", "0"), .attr("role", "region"),
            .attr("aria-label", table.caption), content)
    }

    static func csvLink(_ href: String) -> Node<HTML.BodyContext> {
        .a(.attr("href", href), .attr("class", "csv"), .attr("download", ""), .plain("Download CSV"))
    }

    private static func filterForm<Row>(_ table: Table<Row>, links: ListLinks, noun: String) -> Node<HTML.BodyContext> {
        let inputID = "\(table.id)-filter"
        return .form(
            .attr("method", "get"), .attr("class", "filter no-print"), .attr("role", "search"),
            .label(.attr("for", inputID), .plain("Filter \(noun)")),
            .input(
                .attr("type", "search"), .attr("id", inputID), .attr("name", "q"), .attr("value", links.request.search),
                .attr("placeholder", "name, code or postcode")),
            .forEach(links.hiddenFields) { name, value in
                .input(.attr("type", "hidden"), .attr("name", name), .attr("value", value))
            },
            .button(.attr("type", "submit"), .plain("Filter")),
            .if(
                !links.request.search.isEmpty,
                .a(
                    .attr("href", ListLinks(path: links.path, request: ListRequest(), extra: links.extra).page(1)),
                    .plain("Clear")))
        )
    }

    private static func summary<Row>(_ page: ListPage<Row>, noun: String, csv: String) -> Node<HTML.BodyContext> {
        let range =
            page.total == 0
            ? "No \(noun) yet"
            : page.matching == 0
                ? "No \(noun) match"
                : "Showing \(group(page.firstRow))–\(group(page.lastRow)) of \(group(page.matching)) \(noun)"
        let filtered = page.matching == page.total ? "" : " (filtered from \(group(page.total)))"
        return .p(.attr("class", "table-meta"), .plain(range + filtered + ". "), csvLink(csv))
    }

    private static func tableNode<Row>(_ table: Table<Row>, rows: [Row], links: ListLinks?) -> Node<HTML.BodyContext> {
        .table(
            .caption(.plain(table.caption)),
            .thead(.tr(.forEach(table.columns) { header($0, links: links) })),
            .tbody(bodyRows(table, rows: rows)),
            .unwrap(table.footer) { footer in
                .tfoot(
                    .tr(
                        .forEach(Array(zip(table.columns, footer))) { column, value in
                            cell(value, numeric: column.numeric)
                        }))
            }
        )
    }

    private static func header<Row>(_ column: Column<Row>, links: ListLinks?) -> Node<HTML.TableRowContext> {
        let active = links?.request.sort == column.key
        let arrow = active ? (links?.request.descending == true ? " ▼" : " ▲") : ""
        let title: Node<HTML.BodyContext> =
            if let links, column.sortable {
                .a(
                    .attr("href", links.sort(column.key)), .attr("title", "Sort by \(column.title)"),
                    .plain(column.title + arrow))
            } else {
                .plain(column.title)
            }
        let sortState = active ? (links?.request.descending == true ? "descending" : "ascending") : "none"
        return .th(
            .attr("scope", "col"), .attr("class", column.numeric ? "num" : "text"), .attr("aria-sort", sortState),
            title,
            .unwrap(column.note) { .span(.attr("class", "unit"), .plain($0)) }
        )
    }

    /// The body's rows as HTML text, the same markup ``cell(_:numeric:)`` makes. A list page holds hundreds of cells,
    /// and a Plot node per cell was most of the page's time under load (measured by `podium bench http`). Every text
    /// and attribute still goes through ``HTMLEscaping/escape(_:)``, and the hostile-strings test renders every page.
    private static func bodyRows<Row>(_ table: Table<Row>, rows: [Row]) -> Node<HTML.TableContext> {
        var html = ""
        html.reserveCapacity(rows.count * table.columns.count * 40)
        for row in rows {
            html += "<tr>"
            for column in table.columns {
                let value = column.value(row)
                html += column.numeric ? "<td class=\"num\">" : "<td class=\"text\">"
                switch value.icon {
                case .variation(let icon): html += SPCIcons.variation(icon).render()
                case .assurance(let icon): html += SPCIcons.assurance(icon).render()
                case .trend(let values): html += Sparkline.svg(values, label: value.text)
                case nil:
                    if let link = value.link {
                        html +=
                            "<a href=\"" + HTMLEscaping.escape(link) + "\">" + HTMLEscaping.escape(value.text) + "</a>"
                    } else {
                        html += HTMLEscaping.escape(value.text)
                    }
                }
                html += "</td>"
            }
            html += "</tr>"
        }
        return .raw(html)
    }

    private static func cell(_ value: Cell, numeric: Bool) -> Node<HTML.TableRowContext> {
        let content: Node<HTML.BodyContext> =
            switch value.icon {
            case .variation(let icon): SPCIcons.variation(icon)
            case .assurance(let icon): SPCIcons.assurance(icon)
            case .trend(let values): .raw(Sparkline.svg(values, label: value.text))
            case nil: value.link.map { .a(.attr("href", $0), .plain(value.text)) } ?? .plain(value.text)
            }
        return .td(.attr("class", numeric ? "num" : "text"), content)
    }

    private static func pagination<Row>(_ page: ListPage<Row>, links: ListLinks) -> Node<HTML.BodyContext> {
        guard page.pageCount > 1 else { return .empty }
        let current = page.request.page
        return .nav(
            .attr("class", "pagination no-print"), .attr("aria-label", "Pages"),
            .if(current > 1, .a(.attr("href", links.page(current - 1)), .attr("rel", "prev"), .plain("← Previous"))),
            .span(.plain("Page \(current) of \(page.pageCount)")),
            .if(
                current < page.pageCount,
                .a(.attr("href", links.page(current + 1)), .attr("rel", "next"), .plain("Next →")))
        )
    }

    static func group(_ value: Int) -> String { ScaledDecimal.format(Int64(value), scale: 0) }
}

/// A small line of values from 0 to 100, readable without JavaScript and printable; its title lists the values.
enum Sparkline {
    static func svg(_ values: [Double], label: String, width: Double = 80, height: Double = 20) -> String {
        guard !values.isEmpty else { return "" }
        let step = values.count > 1 ? width / Double(values.count - 1) : 0
        let points = values.enumerated().map { index, value in
            String(format: "%.1f,%.1f", Double(index) * step, height - 1 - min(100, max(0, value)) / 100 * (height - 2))
        }.joined(separator: " ")
        return
            "<svg class=\"sparkline\" role=\"img\" viewBox=\"0 0 \(Int(width)) \(Int(height))\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
            + "xmlns=\"http://www.w3.org/2000/svg\"><title>\(HTMLEscaping.escape(label))</title>"
            + "<polyline points=\"\(points)\" fill=\"none\" stroke=\"currentColor\" stroke-width=\"1.5\"></polyline></svg>"
    }
}
