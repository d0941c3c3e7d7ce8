import Foundation
import Plot
import PodiumCore
import PodiumData

/// Shared pieces of the access pages: the method in words, the choice of service and demand, the map and the chart.
enum AccessViews {
    static func method(_ snapshot: AccessSnapshot) -> Node<HTML.BodyContext> {
        let model = snapshot.model, placement = snapshot.placement
        let service = snapshot.service
        var left: [String] = []
        if placement.locatedByLSOA > 0 { left.append("\(TableView.group(placement.locatedByLSOA)) placed at their practice's 2011 LSOA centroid because Code-Point does not know the postcode") }
        if !placement.unlocated.isEmpty { left.append("\(TableView.group(placement.unlocated.count)) left out with no known location") }
        if placement.withoutCapacity > 0 { left.append("\(TableView.group(placement.withoutCapacity)) left out with no UDA target (orthodontic-only contracts)") }
        return .section(
            .attr("class", "method"),
            .h2(.plain("How access is measured")),
            Layout.paragraph(
                "Enhanced two-step floating catchment (E2SFCA, Luo & Qi 2009), computed as PySAL access 1.1.10 does: each site's \(service.capacityLabel) is shared among the \(model.demand == .everyone ? "people" : model.demand.label.lowercased()) within 10 km of it, "
                    + "nearer people counting more (weight 1 up to 3 km, 0.68 to 6 km, 0.22 to 10 km); an LSOA's score adds up its share of every site within 10 km with the same weights. "
                    + "Straight-line distance between population-weighted centroids on the British National Grid, not travel time. England's average is \(formatted(model.englandMean * service.per)) \(service.unit)."),
            Layout.paragraph(
                "Sites: \(TableView.group(model.sites.count)) \(service.sites)\(snapshot.financialYear.map { service == .dental ? " in \($0.label), at their latest month" : "" } ?? "")"
                    + (left.isEmpty ? "." : "; " + left.joined(separator: "; ") + ".")),
            Layout.paragraph(
                "Areas: \(TableView.group(model.areas.count)) 2021 LSOAs with Census 2021 residents and IMD 2025 deciles. ONS 2021 centroids are not in the bundled data, so each 2021 LSOA takes its 2011 parents' population-weighted centroids, weighted by their mid-2020 populations (exact for the unchanged LSOAs)."),
            Layout.paragraph(
                "Unmet need: an LSOA of high need (IMD decile \(model.criteria.maximumIMDDecile) or below, or a share of children in England's top \(Int(100 - model.criteria.childrenSharePercentile))%) whose access and delivered activity are both in England's lowest \(Int(model.criteria.accessPercentile))%; "
                    + "ranked by the shortfall, the capacity that would bring it to England's average (average − score) × people. No site in reach counts as the lowest access.")
        )
    }

    static func choices(path: String, choices: AccessChoices, service: AccessService, demand: AccessDemand, extra: [URLQueryItem] = []) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
            .forEach(extra) { item in .input(.attr("type", "hidden"), .attr("name", item.name), .attr("value", item.value ?? "")) },
            .label(.attr("for", "a-service"), .plain("Service")),
            .select(.attr("id", "a-service"), .attr("name", "service"), .forEach(AccessService.allCases) { .choice($0.rawValue, $0.label, selected: $0 == service) }),
            .label(.attr("for", "a-demand"), .plain("Whose access")),
            .select(.attr("id", "a-demand"), .attr("name", "demand"), .forEach(AccessDemand.allCases) { .choice($0.rawValue, $0.label, selected: $0 == demand) }),
            .button(.attr("type", "submit"), .plain("Show"))
        )
    }

    static func formatted(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "no site in reach" : "∞" }
        return Cell.decimal(value, decimals: value < 10 ? 2 : 1).text
    }

    /// A map of the ICB's LSOAs coloured by `scores` (per-resident, in the model's order) with fixed `breaks`.
    static func map(
        _ access: ICBAccess, scores: [Double], breaks: [Double], title: String, highlighted: Set<Int> = [], opened: [GridPoint] = []
    ) -> AccessMap {
        let snapshot = access.snapshot, model = snapshot.model, per = snapshot.service.per
        let areas = access.areas.map { index in
            AccessMap.Area(
                location: model.areas[index].location, score: scores[index] * per,
                label: "\(model.areas[index].code) \(model.areas[index].name): \(formatted(scores[index] * per))")
        }
        let sites = model.sites.indices.map { index in
            AccessMap.Site(location: model.sites[index].location, label: "\(model.sites[index].name) (\(model.sites[index].id))", highlighted: highlighted.contains(index))
        } + opened.map { AccessMap.Site(location: $0, label: "New site", highlighted: true) }
        return AccessMap(
            title: title,
            summary: "Each dot is an LSOA's population-weighted centroid coloured by its access (\(snapshot.service.unit)) in fifths of the ICB's LSOAs, red the least and blue the most; hollow dots have no site within 10 km; black squares are sites.",
            areas: areas, sites: sites, breaks: breaks.map { $0 * per }, format: { formatted($0) })
    }

    /// Access by national IMD decile: bars for one set of scores, dashed markers for another.
    static func decileChart(_ rows: [AccessDecileRow], service: AccessService, bars: String, markers: String?, after: Bool) -> BarChart {
        BarChart(
            title: "Access by IMD decile (1 = most deprived)",
            summary: "Population-weighted access (\(service.unit)) in each national IMD decile; higher is better. Bars: \(bars)\(markers.map { "; dashed markers: \($0)" } ?? "").",
            bars: rows.map { row in
                let value = (after ? row.after : row.icb).map { $0.meanAccess * service.per }
                let marker = (after ? row.icb : row.england).map { $0.meanAccess * service.per }
                return BarChart.Bar(label: "\(row.decile)", value: value, valueText: value.map { formatted($0) } ?? "", marker: marker)
            },
            legend: (bars, markers))
    }

    static func decileRows(_ icb: AccessInequality, england: AccessInequality, after: AccessInequality? = nil, per: Double) -> [AccessDecileRow] {
        (1...10).map { decile in
            AccessDecileRow(
                decile: decile, icb: icb.deciles.first { $0.decile == decile }, england: england.deciles.first { $0.decile == decile },
                after: after?.deciles.first { $0.decile == decile }, per: per)
        }
    }

    static func figures(_ summary: AccessInequality, englandMean: Double, service: AccessService, gaps: [AccessGaps.Entry], population: [Double]) -> [Node<HTML.BodyContext>] {
        let source = "Podium E2SFCA on Census 2021, IMD 2025 and \(service == .dental ? "NHSBSA contracts" : "ODS pharmacies")"
        return [
            Layout.figure("Access", formatted(summary.meanAccess * service.per), source: source,
                          note: "\(service.unit); England \(formatted(englandMean * service.per)); higher is better"),
            Layout.figure("People with no site within 10 km", TableView.group(Int(summary.populationWithoutAccess)), source: source,
                          note: "\(Cell.decimal(summary.shareWithoutAccess * 100, decimals: 1).text)% of residents; lower is better"),
            Layout.figure("Most to least deprived decile", summary.ratioMostToLeastDeprived.map { Cell.decimal($0, decimals: 2).text } ?? "–", source: source,
                          note: summary.ratioMostToLeastDeprived == nil
                              ? "no LSOA here in IMD decile 1 or in decile 10, so no ratio"
                              : "access in IMD decile 1 over decile 10; below 1 the most deprived have less"),
            Layout.figure("Unmet-need LSOAs", TableView.group(gaps.count), source: source,
                          note: "\(TableView.group(Int(gaps.reduce(0) { $0 + population[$1.area] }))) people; high need, low access and activity"),
        ]
    }
}

/// An ICB's "Need and access" page.
enum ICBAccessPage {
    struct Tables: Sendable {
        var areas: Table<AccessAreaRow>
        var gaps: Table<AccessGapRow>
        var deciles: Table<AccessDecileRow>
        var sites: Table<AccessSite>
    }

    static func render(
        _ access: ICBAccess, choices: AccessChoices, tables: Tables, page: ListPage<AccessAreaRow>, links: ListLinks, context: PageContext
    ) -> HTML {
        let icb = access.icb, snapshot = access.snapshot, service = snapshot.service
        let path = PodiumRoute.access(icb.code).path
        let csv: (String) -> String = { ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0) }
        let breaks = AccessMap.breaks(access.areas.map { snapshot.model.access[$0] })
        return Layout.page(
            title: "Need and access: \(icb.shortName)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: "Need and access")],
            sources: snapshot.sources,
            content: [
                Layout.paragraph(
                    "Who can reach \(service.phrase) in \(icb.name), and who cannot: capacity within 10 km shared among everyone who can reach it, for each of the ICB's \(TableView.group(access.areas.count)) neighbourhoods (2021 LSOAs). "
                        + "Sites in neighbouring ICBs count too. Try a change on the what-if page.",
                    class: "lede"),
                AccessViews.choices(path: path, choices: choices, service: service, demand: snapshot.model.demand),
                .div(.attr("class", "figures"), .group(AccessViews.figures(
                    access.inequality, englandMean: snapshot.model.englandMean, service: service, gaps: access.gaps, population: snapshot.model.population))),
                .ul(.attr("class", "links no-print"),
                    .li(Layout.link("What if a site closes, opens or changes? →", ListLinks.href(PodiumRoute.accessWhatIf(icb.code).path, choices.queryItems)))),
                AccessViews.method(snapshot),
                .h2(.plain("Map")),
                AccessViews.map(access, scores: snapshot.model.access, breaks: breaks, title: "Access to \(service.phrase) in \(icb.shortName)").render(id: "access-map"),
                .h2(.plain("Access by deprivation")),
                Layout.paragraph("Bars are the ICB's LSOAs in each national IMD decile; dashed markers are England's. Higher is better; if the bars fall toward decile 1 the most deprived have less.", class: "direction"),
                AccessViews.decileChart(tables.deciles.rows, service: service, bars: "this ICB", markers: "England", after: false).render(id: "decile-chart"),
                TableView.whole(tables.deciles, csv: csv(tables.deciles.id), note: "People in LSOAs with no site in reach count as zero access. "),
                .h2(.plain("Unmet need: the gap list")),
                tables.gaps.rows.isEmpty
                    ? Layout.paragraph("No LSOA of the ICB meets the gap criteria (high need with access and activity both in England's lowest fifth).")
                    : TableView.whole(tables.gaps, csv: csv(tables.gaps.id), note: "\(tables.gaps.rows.count) LSOAs, largest shortfall first. "),
                .h2(.plain("Every LSOA")),
                TableView.listing(tables.areas, page: page, links: links, noun: "LSOAs"),
                .h2(.plain("Sites")),
                TableView.whole(tables.sites, csv: csv(tables.sites.id), note: "\(tables.sites.rows.count) \(service.sites) the ICB commissions with a known location. "),
            ])
    }
}

/// The what-if page: choose a site and a change, see before and after.
enum AccessWhatIfPage {
    static func render(
        _ access: ICBAccess, choices: AccessChoices, form: WhatIfForm, result: ICBAccessWhatIf?, changes: Table<AccessAreaRow>?,
        deciles: Table<AccessDecileRow>?, context: PageContext
    ) -> HTML {
        let icb = access.icb, snapshot = access.snapshot, service = snapshot.service, model = snapshot.model
        let path = PodiumRoute.accessWhatIf(icb.code).path
        let csv: (String) -> String = { ListLinks(path: path, request: ListRequest(), extra: choices.queryItems + form.queryItems).csv(table: $0) }
        var content: [Node<HTML.BodyContext>] = [
            Layout.paragraph(
                "Choose one of the ICB's \(service.sites) and a change: close it (a contract handed back), change its capacity, move UDAs to another contract, or open a new site at a postcode. "
                    + "Only the LSOAs within 10 km of the change are re-scored; everything else keeps its score.",
                class: "lede"),
            whatIfForm(path: path, access: access, choices: choices, form: form),
        ]
        if let result, let changes, let deciles {
            let what = result.result
            let breaks = AccessMap.breaks(access.areas.map { model.access[$0] })
            let highlighted = Set(result.changes.flatMap { change -> [Int] in
                switch change {
                case .close(let site), .setCapacity(let site, _): [site]
                case .move(_, let from, let to): [from, to]
                case .open: []
                }
            })
            let opened = result.changes.compactMap { change -> GridPoint? in
                if case .open(let location, _) = change { return location }
                return nil
            }
            let inICB = changes.rows.filter { $0.area.icb == icb.code }.count
            content += [
                .h2(.attr("id", "result"), .plain(result.description)),
                .div(.attr("class", "figures"),
                     Layout.figure("LSOAs whose access changes", TableView.group(what.changedAreas.count), source: "Podium what-if",
                                   note: "\(TableView.group(inICB)) in this ICB"),
                     Layout.figure("People losing every site within 10 km", TableView.group(Int(what.populationLosingAllAccess)), source: "Podium what-if",
                                   note: what.populationGainingAccess > 0 ? "\(TableView.group(Int(what.populationGainingAccess))) gain a first site in reach" : "lower is better"),
                     Layout.figure("ICB access after", AccessViews.formatted(what.inequalityAfter.meanAccess * service.per), source: "Podium what-if",
                                   note: "before \(AccessViews.formatted(what.inequalityBefore.meanAccess * service.per)); \(service.unit)"),
                     Layout.figure("Most to least deprived decile after", what.inequalityAfter.ratioMostToLeastDeprived.map { Cell.decimal($0, decimals: 2).text } ?? "–",
                                   source: "Podium what-if", note: "before \(what.inequalityBefore.ratioMostToLeastDeprived.map { Cell.decimal($0, decimals: 2).text } ?? "–")")),
                .h3(.plain("Before and after")),
                .div(.attr("class", "maps"),
                     .element(named: "figure", nodes: [AccessViews.map(access, scores: what.before, breaks: breaks, title: "Before", highlighted: highlighted).render(id: "map-before")]),
                     .element(named: "figure", nodes: [AccessViews.map(access, scores: what.after, breaks: breaks, title: "After", highlighted: highlighted, opened: opened).render(id: "map-after")])),
                Layout.paragraph("Both maps use the same colour breaks (fifths of the ICB's LSOAs before the change); the changed site is yellow.", class: "direction"),
                .h3(.plain("By deprivation")),
                AccessViews.decileChart(deciles.rows, service: service, bars: "after the change", markers: "before", after: true).render(id: "whatif-decile-chart"),
                TableView.whole(deciles, csv: csv(deciles.id), note: "The ICB's LSOAs by national IMD decile. "),
                .h3(.plain("LSOAs whose access changes")),
                changes.rows.isEmpty
                    ? Layout.paragraph("No LSOA's access changes: nobody lives within 10 km of the change.")
                    : TableView.whole(changes, csv: csv(changes.id), note: "\(changes.rows.count) LSOAs, largest fall first (in this and neighbouring ICBs). "),
            ]
        }
        content.append(AccessViews.method(snapshot))
        return Layout.page(
            title: "What if? Access in \(icb.shortName)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: "Need and access", href: ListLinks.href(PodiumRoute.access(icb.code).path, choices.queryItems)), Crumb(title: "What if?")],
            sources: snapshot.sources, content: content)
    }

    private static func whatIfForm(path: String, access: ICBAccess, choices: AccessChoices, form: WhatIfForm) -> Node<HTML.BodyContext> {
        let model = access.snapshot.model, service = access.snapshot.service
        let options: (String?) -> Node<HTML.SelectContext> = { selected in
            .group(access.sites.map { index in
                let site = model.sites[index]
                return Node<HTML.SelectContext>.choice(site.id, "\(site.name) (\(site.id), \(site.postcode))", selected: site.id == selected)
            })
        }
        let change = form.change ?? "close"
        return .form(
            .attr("method", "get"), .attr("action", path + "#result"), .attr("class", "what-if no-print"),
            .input(.attr("type", "hidden"), .attr("name", "service"), .attr("value", service.rawValue)),
            .input(.attr("type", "hidden"), .attr("name", "demand"), .attr("value", model.demand.rawValue)),
            .p(.label(.attr("for", "w-change"), .plain("Change ")),
               .select(.attr("id", "w-change"), .attr("name", "change"),
                       .choice("close", "Close the site (hand back)", selected: change == "close"),
                       .choice("capacity", service == .dental ? "Set its UDA target to" : "Set its capacity to", selected: change == "capacity"),
                       .choice("move", "Move UDAs from it to another site", selected: change == "move"),
                       .choice("open", "Open a new site at a postcode", selected: change == "open"))),
            .p(.label(.attr("for", "w-site"), .plain("Site ")),
               .select(.attr("id", "w-site"), .attr("name", "site"), .choice("", "— choose —", selected: form.site == nil), options(form.site))),
            .p(.label(.attr("for", "w-capacity"), .plain(service == .dental ? "UDAs a year (for a new target or a new site) " : "Capacity (for a new site; 1 = one pharmacy) ")),
               .input(.attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "w-capacity"), .attr("name", "capacity"), .attr("value", form.capacity ?? ""), .attr("size", "10"))),
            .p(.label(.attr("for", "w-amount"), .plain("Amount to move ")),
               .input(.attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "w-amount"), .attr("name", "amount"), .attr("value", form.amount ?? ""), .attr("size", "10")),
               .label(.attr("for", "w-to"), .plain(" to ")),
               .select(.attr("id", "w-to"), .attr("name", "to"), .choice("", "— choose —", selected: form.to == nil), options(form.to))),
            .p(.label(.attr("for", "w-postcode"), .plain("Postcode of a new site ")),
               .input(.attr("type", "text"), .attr("id", "w-postcode"), .attr("name", "postcode"), .attr("value", form.postcode ?? ""), .attr("size", "10"))),
            .button(.attr("type", "submit"), .plain("Show the change"))
        )
    }
}

/// Access in every ICB.
enum EnglandAccessPage {
    static func render(
        _ snapshot: AccessSnapshot, choices: AccessChoices, table: Table<AccessICBRow>, deciles: Table<AccessDecileRow>, context: PageContext
    ) -> HTML {
        let service = snapshot.service, model = snapshot.model
        let path = PodiumRoute.englandAccess.path
        let csv: (String) -> String = { ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0) }
        let england = model.inequality()
        return Layout.page(
            title: "Need and access in England", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Need and access")],
            sources: snapshot.sources,
            content: [
                Layout.paragraph("Access to \(service.phrase) for every ICB: capacity within 10 km per resident, who has none, and how it falls with deprivation. Open an ICB for its map, gap list and what-ifs.", class: "lede"),
                AccessViews.choices(path: path, choices: choices, service: service, demand: model.demand),
                .div(.attr("class", "figures"), .group(AccessViews.figures(england, englandMean: model.englandMean, service: service, gaps: model.gaps, population: model.population))),
                AccessViews.method(snapshot),
                TableView.whole(table, csv: csv(table.id), note: "\(table.rows.count) ICBs. "),
                .h2(.plain("Access by deprivation in England")),
                AccessViews.decileChart(deciles.rows, service: service, bars: "England", markers: nil, after: false).render(id: "decile-chart"),
                TableView.whole(deciles, csv: csv(deciles.id)),
            ])
    }
}
