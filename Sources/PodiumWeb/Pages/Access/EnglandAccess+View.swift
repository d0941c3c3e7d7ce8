import Foundation
import Plot
import PodiumCore

extension EnglandAccess {
    /// Access in every ICB.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let table: Table<AccessICBRow>
        let deciles: Table<AccessDecileRow>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            table = AccessTables.icbs(model.rows, service: model.service)
            deciles = AccessTables.deciles(model.deciles, service: model.service)
        }

        var downloadName: String { "england-\(model.service.rawValue)-access" }
        var tables: [AnyTable] { [AnyTable(table), AnyTable(deciles)] }

        func document() -> HTML {
            let page = self.model
            let snapshot = page.snapshot
            let choices = page.choices
            let service = snapshot.service
            let model = snapshot.model
            let path = PodiumRoute.englandAccess.path
            let csv: (String) -> String = {
                ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0)
            }
            let england = page.england
            return Layout.page(
                title: "Need and access in England", context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Need and access")],
                sources: snapshot.sources,
                content: [
                    Layout.paragraph(
                        "Access to \(service.phrase) for every ICB: capacity within 10 km per resident, who has none, and how it falls with deprivation. Open an ICB for its map, gap list and what-ifs.",
                        class: "lede"),
                    AccessViews.choices(path: path, choices: choices, service: service, demand: model.demand),
                    .div(
                        .attr("class", "figures"),
                        .group(
                            AccessViews.figures(
                                england, englandMean: model.englandMean, service: service, gaps: model.gaps.count,
                                gapPopulation: page.gapPopulation))),
                    AccessViews.method(snapshot),
                    TableView.whole(table, csv: csv(table.id), note: "\(table.rows.count) ICBs. "),
                    .h2(.plain("Access by deprivation in England")),
                    AccessViews.decileChart(deciles.rows, service: service, bars: "England", markers: nil, after: false)
                        .render(id: "decile-chart"),
                    TableView.whole(deciles, csv: csv(deciles.id)),
                ])
        }
    }
}
