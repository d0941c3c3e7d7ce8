import Foundation
import Plot
import PodiumCore

extension WhatIf {
    /// The what-if page: choose a site and a change, see before and after.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let changes: Table<AccessAreaRow>?
        let deciles: Table<AccessDecileRow>?

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            let service = model.access.service
            let demand = model.access.snapshot.model.demand
            changes = model.outcome.map { AccessTables.changes($0.changedRows, service: service, demand: demand) }
            deciles = model.outcome.map { AccessTables.deciles($0.deciles, service: service, whatIf: true) }
        }

        var downloadName: String { "\(model.access.icb.code)-\(model.access.service.rawValue)-what-if" }
        var tables: [AnyTable] { [changes.map { AnyTable($0) }, deciles.map { AnyTable($0) }].compactMap { $0 } }

        func document() -> HTML {
            let access = self.model.access
            let choices = access.choices
            let form = self.model.form
            let icb = access.icb
            let snapshot = access.snapshot
            let service = snapshot.service
            let model = snapshot.model
            let path = PodiumRoute.accessWhatIf(icb.code).path
            let csv: (String) -> String = {
                ListLinks(path: path, request: ListRequest(), extra: choices.queryItems + form.queryItems).csv(
                    table: $0)
            }
            var content: [Node<HTML.BodyContext>] = [
                Layout.paragraph(
                    "Choose one of the ICB's \(service.sites) and a change: close it (a contract handed back), change its capacity, move UDAs to another contract, or open a new site at a postcode. "
                        + "Only the LSOAs within 10 km of the change are re-scored; everything else keeps its score.",
                    class: "lede"),
                Self.whatIfForm(path: path, access: access, choices: choices, form: form),
            ]
            if let result = self.model.outcome, let changes, let deciles {
                let what = result.result
                let breaks = AccessMap.breaks(access.areas.map { model.access[$0] })
                let highlighted = result.touchedSites
                let opened = result.openedAt
                let inICB = result.changedInICB
                content += [
                    .h2(.attr("id", "result"), .plain(result.description)),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure(
                            "LSOAs whose access changes", TableView.group(what.changedAreas.count),
                            source: "Podium what-if",
                            note: "\(TableView.group(inICB)) in this ICB"),
                        Layout.figure(
                            "People losing every site within 10 km",
                            TableView.group(Int(what.populationLosingAllAccess)), source: "Podium what-if",
                            note: what.populationGainingAccess > 0
                                ? "\(TableView.group(Int(what.populationGainingAccess))) gain a first site in reach"
                                : "lower is better"),
                        Layout.figure(
                            "ICB access after", AccessViews.formatted(what.inequalityAfter.meanAccess * service.per),
                            source: "Podium what-if",
                            note:
                                "before \(AccessViews.formatted(what.inequalityBefore.meanAccess * service.per)); \(service.unit)"
                        ),
                        Layout.figure(
                            "Most to least deprived decile after",
                            what.inequalityAfter.ratioMostToLeastDeprived.map { Cell.decimal($0, decimals: 2).text }
                                ?? "–",
                            source: "Podium what-if",
                            note:
                                "before \(what.inequalityBefore.ratioMostToLeastDeprived.map { Cell.decimal($0, decimals: 2).text } ?? "–")"
                        )),
                    .h3(.plain("Before and after")),
                    .div(
                        .attr("class", "maps"),
                        .element(
                            named: "figure",
                            nodes: [
                                AccessViews.map(
                                    access, scores: what.before, breaks: breaks, title: "Before",
                                    highlighted: highlighted
                                ).render(id: "map-before")
                            ]),
                        .element(
                            named: "figure",
                            nodes: [
                                AccessViews.map(
                                    access, scores: what.after, breaks: breaks, title: "After",
                                    highlighted: highlighted, opened: opened
                                ).render(id: "map-after")
                            ])),
                    Layout.paragraph(
                        "Both maps use the same colour breaks (fifths of the ICB's LSOAs before the change); the changed site is yellow.",
                        class: "direction"),
                    .h3(.plain("What changed")),
                    .element(
                        named: "figure",
                        nodes: [
                            AccessViews.map(
                                access, scores: what.after, breaks: breaks,
                                title: "Where access gets better or worse", highlighted: highlighted, opened: opened,
                                change: what.before
                            ).render(id: "map-change")
                        ]),
                    .h3(.plain("By deprivation")),
                    AccessViews.decileChart(
                        deciles.rows, service: service, bars: "after the change", markers: "before", after: true
                    ).render(id: "whatif-decile-chart"),
                    TableView.whole(deciles, csv: csv(deciles.id), note: "The ICB's LSOAs by national IMD decile. "),
                    .h3(.plain("LSOAs whose access changes")),
                    changes.rows.isEmpty
                        ? Layout.paragraph("No LSOA's access changes: nobody lives within 10 km of the change.")
                        : TableView.whole(
                            changes, csv: csv(changes.id),
                            note: "\(changes.rows.count) LSOAs, largest fall first (in this and neighbouring ICBs). "),
                ]
            }
            content.append(AccessViews.method(snapshot))
            return Layout.page(
                title: "What if? Access in \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(
                        title: "Need and access",
                        href: ListLinks.href(PodiumRoute.access(icb.code).path, choices.queryItems)),
                    Crumb(title: "What if?"),
                ],
                sources: snapshot.sources, content: content)
        }

        private static func whatIfForm(path: String, access: ICBAccess.Model, choices: AccessChoices, form: WhatIfForm)
            -> Node<HTML.BodyContext>
        {
            let model = access.snapshot.model
            let service = access.snapshot.service
            let options: (String?) -> Node<HTML.SelectContext> = { selected in
                .group(
                    access.sites.map { index in
                        let site = model.sites[index]
                        return Node<HTML.SelectContext>.choice(
                            site.id, "\(site.name) (\(site.id), \(site.postcode))", selected: site.id == selected)
                    })
            }
            let change = form.change ?? "close"
            return .form(
                .attr("method", "get"), .attr("action", path + "#result"), .attr("class", "what-if no-print"),
                .input(.attr("type", "hidden"), .attr("name", "service"), .attr("value", service.rawValue)),
                .input(.attr("type", "hidden"), .attr("name", "demand"), .attr("value", model.demand.rawValue)),
                .p(
                    .label(.attr("for", "w-change"), .plain("Change ")),
                    .select(
                        .attr("id", "w-change"), .attr("name", "change"),
                        .choice("close", "Close the site (hand back)", selected: change == "close"),
                        .choice(
                            "capacity", service == .dental ? "Set its UDA target to" : "Set its capacity to",
                            selected: change == "capacity"),
                        .choice("move", "Move UDAs from it to another site", selected: change == "move"),
                        .choice("open", "Open a new site at a postcode", selected: change == "open"))),
                .p(
                    .label(.attr("for", "w-site"), .plain("Site ")),
                    .select(
                        .attr("id", "w-site"), .attr("name", "site"),
                        .choice("", "— choose —", selected: form.site == nil), options(form.site))),
                .p(
                    .label(
                        .attr("for", "w-capacity"),
                        .plain(
                            service == .dental
                                ? "UDAs a year (for a new target or a new site) "
                                : "Capacity (for a new site; 1 = one pharmacy) ")),
                    .input(
                        .attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "w-capacity"),
                        .attr("name", "capacity"), .attr("value", form.capacity ?? ""), .attr("size", "10"))),
                .p(
                    .label(.attr("for", "w-amount"), .plain("Amount to move ")),
                    .input(
                        .attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "w-amount"),
                        .attr("name", "amount"), .attr("value", form.amount ?? ""), .attr("size", "10")),
                    .label(.attr("for", "w-to"), .plain(" to ")),
                    .select(
                        .attr("id", "w-to"), .attr("name", "to"), .choice("", "— choose —", selected: form.to == nil),
                        options(form.to))),
                .p(
                    .label(.attr("for", "w-postcode"), .plain("Postcode of a new site ")),
                    .input(
                        .attr("type", "text"), .attr("id", "w-postcode"), .attr("name", "postcode"),
                        .attr("value", form.postcode ?? ""), .attr("size", "10"))),
                .button(.attr("type", "submit"), .plain("Show the change"))
            )
        }
    }
}
