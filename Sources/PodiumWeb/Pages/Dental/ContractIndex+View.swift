import Plot
import PodiumCore

extension ContractIndex {
    /// An ICB's dental contracts for a financial year.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let table: Table<ContractYear>

        init(_ model: Model, request: ListRequest, year: String?, context: PageContext) {
            self.model = model
            self.context = context
            table = ContractTables.contracts(model.contracts)
            links = ListLinks(
                path: PodiumRoute.dentalContracts(model.icb.code).path, request: table.accepting(request),
                extra: QueryItems.of([("year", year)]))
        }

        var downloadName: String { "\(model.icb.code)-dental-contracts-\(DownloadName.year(model.financialYear))" }
        var tables: [AnyTable] { [AnyTable(table, request: links.request)] }

        func document() -> HTML {
            let icb = model.icb
            let period =
                model.coverage.map { "\(model.financialYear?.label ?? ""): \($0.summary)" }
                ?? "no dental activity imported"
            return Layout.page(
                title: "Dental contracts: \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Dental contracts"),
                ],
                sources: model.sources,
                content: [
                    Layout.paragraph(
                        "Contracts commissioned by \(icb.name) in their latest month of data (\(period)). Targets and values are the annual figures "
                            + "in that month; delivery sums the months reported so far. Delivered as a % of the annual target: higher is better.",
                        class: "lede"),
                    .p(
                        Layout.link(
                            "Mid-year review, forecast year end and projected clawback for these contracts →",
                            PodiumRoute.dentalPosition(icb.code).path)
                    ),
                    .unwrap(model.yearChoice) { YearNavigation(choice: $0, path: links.path).block() },
                    TableView.listing(table, page: table.page(links.request), links: links, noun: "contracts"),
                ])
        }
    }
}
