import Foundation
import Plot
import PodiumCore

extension ICBAccess {
    /// An ICB's "Need and access" page.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let areas: Table<AccessAreaRow>
        let gaps: Table<AccessGapRow>
        let deciles: Table<AccessDecileRow>
        let sites: Table<AccessSite>

        init(_ model: Model, request: ListRequest, context: PageContext) {
            self.model = model
            self.context = context
            let service = model.service
            let demand = model.snapshot.model.demand
            let whatIf = PodiumRoute.accessWhatIf(model.icb.code).path
            let choices = model.choices
            areas = AccessTables.areas(model.areaRows, service: service, demand: demand)
            gaps = AccessTables.gaps(model.gapRows, service: service, demand: demand)
            deciles = AccessTables.deciles(model.deciles, service: service)
            sites = AccessTables.sites(model.siteRows, service: service) { site in
                ListLinks.href(
                    whatIf,
                    choices.queryItems + [
                        URLQueryItem(name: "change", value: "close"), URLQueryItem(name: "site", value: site.id),
                    ])
                    + "#result"
            }
            links = ListLinks(
                path: PodiumRoute.access(model.icb.code).path, request: areas.accepting(request),
                extra: choices.queryItems)
        }

        var downloadName: String { "\(model.icb.code)-\(model.service.rawValue)-access" }
        var tables: [AnyTable] {
            [AnyTable(areas, request: links.request), AnyTable(gaps), AnyTable(deciles), AnyTable(sites)]
        }

        func document() -> HTML {
            let access = model
            let choices = model.choices
            let page = areas.page(links.request)
            let icb = access.icb
            let snapshot = access.snapshot
            let service = snapshot.service
            let path = PodiumRoute.access(icb.code).path
            let csv: (String) -> String = {
                ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0)
            }
            let breaks = AccessMap.breaks(access.areas.map { snapshot.model.access[$0] })
            return Layout.page(
                title: "Need and access: \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Need and access"),
                ],
                sources: snapshot.sources,
                content: [
                    Layout.paragraph(
                        "Who can reach \(service.phrase) in \(icb.name), and who cannot: capacity within 10 km shared among everyone who can reach it, for each of the ICB's \(TableView.group(access.areas.count)) neighbourhoods (2021 LSOAs). "
                            + "Sites in neighbouring ICBs count too. Try a change on the what-if page.",
                        class: "lede"),
                    AccessViews.choices(path: path, choices: choices, service: service, demand: snapshot.model.demand),
                    .div(
                        .attr("class", "figures"),
                        .group(
                            AccessViews.figures(
                                access.inequality, englandMean: snapshot.model.englandMean, service: service,
                                gaps: access.gaps.count, gapPopulation: access.gapPopulation))),
                    .ul(
                        .attr("class", "links no-print"),
                        .li(
                            Layout.link(
                                "What if a site closes, opens or changes? →",
                                ListLinks.href(PodiumRoute.accessWhatIf(icb.code).path, choices.queryItems)))),
                    AccessViews.method(snapshot),
                    .h2(.plain("Map")),
                    AccessViews.map(
                        access, scores: snapshot.model.access, breaks: breaks,
                        title: "Access to \(service.phrase) in \(icb.shortName)"
                    ).render(id: "access-map"),
                    .h2(.plain("Access by deprivation")),
                    Layout.paragraph(
                        "Bars are the ICB's LSOAs in each national IMD decile; dashed markers are England's. Higher is better; if the bars fall toward decile 1 the most deprived have less.",
                        class: "direction"),
                    AccessViews.decileChart(
                        deciles.rows, service: service, bars: "this ICB", markers: "England", after: false
                    ).render(id: "decile-chart"),
                    TableView.whole(
                        deciles, csv: csv(deciles.id),
                        note: "People in LSOAs with no site in reach count as zero access. "),
                    .h2(.plain("Unmet need: the gap list")),
                    gaps.rows.isEmpty
                        ? Layout.paragraph(
                            "No LSOA of the ICB meets the gap criteria (high need with access and activity both in England's lowest fifth)."
                        )
                        : TableView.whole(
                            gaps, csv: csv(gaps.id), note: "\(gaps.rows.count) LSOAs, largest shortfall first. "),
                    .h2(.plain("Every LSOA")),
                    TableView.listing(areas, page: page, links: links, noun: "LSOAs"),
                    .h2(.plain("Sites")),
                    TableView.whole(
                        sites, csv: csv(sites.id),
                        note: "\(sites.rows.count) \(service.sites) the ICB commissions with a known location. "),
                ])
        }
    }
}
