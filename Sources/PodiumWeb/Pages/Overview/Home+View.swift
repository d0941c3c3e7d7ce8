import Plot
import PodiumCore

extension Home {
    /// Pick an ICB (filter by name or ODS code) and the England view of all ICBs.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let table: Table<Model.Row>

        init(_ model: Model, request: ListRequest, year: String?, context: PageContext) {
            self.model = model
            self.context = context
            table = Self.table(model.rows, total: model.total)
            links = ListLinks(
                path: PodiumRoute.home.path, request: table.accepting(request), extra: QueryItems.of([("year", year)]))
        }

        var downloadName: String { "england-icbs-\(DownloadName.year(model.financialYear))" }
        var tables: [AnyTable] { [AnyTable(table, request: links.request)] }

        func document() -> HTML {
            let year =
                model.financialYear.map { "Dental figures are for \($0.label), each contract at its latest month." }
                ?? "No dental activity is imported yet."
            let page = table.page(links.request)
            let single = page.matching == 1 && !links.request.search.isEmpty ? page.items.first : nil
            return Layout.page(
                title: "England: Integrated Care Boards", context: context, sources: model.sources,
                content: [
                    Layout.paragraph(
                        "Choose an ICB to see what it commissions: dental contracts and their delivery, pharmacies and dental practices. "
                            + "Filter the table by name or ODS code (for example QYG). " + year,
                        class: "lede"),
                    yourICBs,
                    .unwrap(single) { row in
                        .p(
                            .attr("class", "notice"), .plain("One ICB matches: "),
                            .a(
                                .attr("href", PodiumRoute.icb(row.icb.code).path), .attr("id", "open-icb"),
                                .plain("Open \(row.icb.name) →")))
                    },
                    .p(
                        Layout.link(
                            "Dental position of every ICB: mid-year flags, projected clawback and underspend →",
                            PodiumRoute.englandDentalPosition.path)),
                    TableView.listing(table, page: page, links: links, noun: "ICBs"),
                ])
        }

        /// For a reader of some ICBs: theirs first, as links.
        private var yourICBs: Node<HTML.BodyContext> {
            let rows = model.yours
            guard !rows.isEmpty else { return .empty }
            return .p(
                .attr("class", "notice"), .attr("id", "your-icbs"),
                .plain(rows.count == 1 ? "Your ICB: " : "Your ICBs: "),
                .group(
                    rows.enumerated().map { index, row in
                        .group(
                            .if(index > 0, .plain(", ")),
                            .a(.attr("href", PodiumRoute.icb(row.icb.code).path), .plain(row.icb.shortName)))
                    }))
        }

        static func table(_ rows: [Model.Row], total: ICBFigures) -> Table<Model.Row> {
            Table(
                id: "icbs", caption: "Integrated Care Boards in England",
                columns: [
                    Column("name", "ICB") { .text($0.icb.shortName, link: PodiumRoute.icb($0.icb.code).path) },
                    Column("code", "ODS code") { .text($0.icb.code.rawValue) },
                ] + FigureColumns.all { $0.figures },
                rows: rows,
                footer: [Cell.text("England"), .text("")] + FigureColumns.all { $0 }.map { $0.value(total) })
        }
    }
}

/// The columns of an ICB's headline figures, for any row that has them.
enum FigureColumns {
    static func all<Row>(_ figures: @escaping @Sendable (Row) -> ICBFigures) -> [Column<Row>] {
        [
            Column("population", "Population", note: "Census 2021", numeric: true) { .count(figures($0).population) },
            Column("contracts", "Dental contracts", numeric: true) { .count(figures($0).dentalContracts) },
            Column("udas", "Contracted UDAs", note: "a year", numeric: true) { .udas(figures($0).contractedUDAs) },
            Column("value", "Contract value", note: "£ a year", numeric: true) { .money(figures($0).contractedValue) },
            Column("udas_per_1000", "UDAs per 1,000 residents", note: "higher is more capacity", numeric: true) {
                .decimal(figures($0).udasPerThousandResidents)
            },
            Column("pharmacies", "Pharmacies", note: "active", numeric: true) { .count(figures($0).pharmacies) },
            Column("dental_practices", "Dental practices", note: "active", numeric: true) {
                .count(figures($0).dentalPractices)
            },
            Column(
                "imd_average_rank", "IMD 2025 average rank", note: IoD2025ICBSummary.averageRankDirection,
                numeric: true
            ) {
                .decimal(figures($0).imdAverageRank)
            },
        ]
    }
}
