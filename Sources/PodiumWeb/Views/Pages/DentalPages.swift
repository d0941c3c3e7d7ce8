import PodiumCore
import Plot

/// An ICB's dental contracts for a financial year.
enum ContractListPage {
    static func render(
        _ list: ContractList, table: Table<ContractYear>, page: ListPage<ContractYear>, links: ListLinks, context: PageContext
    ) -> HTML {
        let icb = list.icb
        let period = list.coverage.map { "\(list.financialYear?.label ?? ""): \($0.summary)" } ?? "no dental activity imported"
        return Layout.page(
            title: "Dental contracts: \(icb.shortName)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: "Dental contracts")],
            sources: list.sources,
            content: [
                Layout.paragraph(
                    "Contracts commissioned by \(icb.name) in their latest month of data (\(period)). Targets and values are the annual figures "
                        + "in that month; delivery sums the months reported so far. Delivered as a % of the annual target: higher is better.",
                    class: "lede"),
                .p(Layout.link("Mid-year review, forecast year end and projected clawback for these contracts →", PodiumRoute.dentalPosition(icb.code).path)),
                yearChooser(list, links: links),
                TableView.listing(table, page: page, links: links, noun: "contracts"),
            ])
    }

    private static func yearChooser(_ list: ContractList, links: ListLinks) -> Node<HTML.BodyContext> {
        guard list.availableYears.count > 1 else { return .empty }
        return .p(.plain("Financial year: "), .forEach(list.availableYears) { year in
            year == list.financialYear ? .strong(.plain(year.label + " ")) : .a(.attr("href", "\(links.path)?year=\(year.startYear)"), .plain(year.label + " "))
        })
    }
}

