import Foundation
import Plot
import PodiumCore
import PodiumData
import PodiumImport

/// Shared pieces of the access pages: the method in words, the choice of service and demand, the map and the chart.
enum AccessViews {
    static func method(_ snapshot: AccessSnapshot) -> Node<HTML.BodyContext> {
        let model = snapshot.model
        let placement = snapshot.placement
        let service = snapshot.service
        var left: [String] = []
        if placement.locatedByLSOA > 0 {
            left.append(
                "\(TableView.group(placement.locatedByLSOA)) placed at their practice's 2011 LSOA centroid because Code-Point does not know the postcode"
            )
        }
        if !placement.unlocated.isEmpty {
            left.append("\(TableView.group(placement.unlocated.count)) left out with no known location")
        }
        if placement.withoutCapacity > 0 {
            left.append(
                "\(TableView.group(placement.withoutCapacity)) left out with no UDA target (orthodontic-only contracts)"
            )
        }
        return .section(
            .attr("class", "method"),
            .h2(.plain("How access is measured")),
            Layout.paragraph(
                "Each site's \(service.capacityLabel) is shared among the \(model.demand == .everyone ? "people" : model.demand.label.lowercased()) within 10 km of it, "
                    + "nearer people counting more (weight 1 up to 3 km, 0.68 to 6 km, 0.22 to 10 km); an LSOA's score adds up its share of every site within 10 km with the same weights. "
                    + "Straight-line distance between population-weighted centroids on the British National Grid, not travel time: the enhanced two-step floating catchment method (Luo and Qi, 2009). England's average is \(formatted(model.englandMean * service.per)) \(service.unit)."
            ),
            Layout.paragraph(
                "Sites: \(TableView.group(model.sites.count)) \(service.sites)\(snapshot.financialYear.map { service == .dental ? " in \($0.label), at their latest month" : "" } ?? "")"
                    + (left.isEmpty ? "." : "; " + left.joined(separator: "; ") + ".")),
            Layout.paragraph(
                "Areas: \(TableView.group(model.areas.count)) 2021 LSOAs (neighbourhoods of about 1,500 people) with ONS's mid-2024 residents (children are 0–17), IMD 2025 deciles and ONS's 2021 population-weighted centroids."
            ),
            Layout.paragraph(
                "Unmet need: an LSOA of high need (IMD decile \(model.criteria.maximumIMDDecile) or below, or a share of children in England's top \(Int(100 - model.criteria.childrenSharePercentile))%) whose access and delivered activity are both in England's lowest \(Int(model.criteria.accessPercentile))%; "
                    + "ranked by the shortfall, the capacity that would bring it to England's average (average − score) × people. No site in reach counts as the lowest access."
            )
        )
    }

    static func choices(
        path: String, choices: AccessChoices, service: AccessService, demand: AccessDemand, extra: [URLQueryItem] = []
    ) -> Node<HTML.BodyContext> {
        .form(
            .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
            .forEach(extra) { item in
                .input(.attr("type", "hidden"), .attr("name", item.name), .attr("value", item.value ?? ""))
            },
            .label(.attr("for", "a-service"), .plain("Service")),
            .select(
                .attr("id", "a-service"), .attr("name", "service"),
                .forEach(AccessService.allCases) { .choice($0.rawValue, $0.label, selected: $0 == service) }),
            .label(.attr("for", "a-demand"), .plain("Whose access")),
            .select(
                .attr("id", "a-demand"), .attr("name", "demand"),
                .forEach(AccessDemand.allCases) { .choice($0.rawValue, $0.label, selected: $0 == demand) }),
            .button(.attr("type", "submit"), .plain("Show"))
        )
    }

    static func formatted(_ value: Double) -> String {
        guard value.isFinite else { return value.isNaN ? "no site in reach" : "∞" }
        return Cell.decimal(value, decimals: value < 10 ? 2 : 1).text
    }

    /// A map of the ICB's LSOAs coloured by `scores` (per-resident, in the model's order) with fixed `breaks`.
    static func map(
        _ access: ICBAccess.Model, scores: [Double], breaks: [Double], title: String, highlighted: Set<Int> = [],
        opened: [GridPoint] = [], change before: [Double]? = nil
    ) -> AccessMap {
        let snapshot = access.snapshot
        let model = snapshot.model
        let per = snapshot.service.per
        let areas = access.areas.map { index in
            let value = before.map { Self.change(from: $0[index], to: scores[index]) * per } ?? scores[index] * per
            let words = before.map { "\(formatted($0[index] * per)) → \(formatted(scores[index] * per))" }
            return AccessMap.Area(
                location: model.areas[index].location, score: value,
                label: "\(model.areas[index].code) \(model.areas[index].name): \(words ?? formatted(value))",
                shape: access.boundaries?.areas[index])
        }
        let sites =
            model.sites.indices.map { index in
                AccessMap.Site(
                    location: model.sites[index].location,
                    label: "\(model.sites[index].name) (\(model.sites[index].id))",
                    highlighted: highlighted.contains(index))
            } + opened.map { AccessMap.Site(location: $0, label: "New site", highlighted: true) }
        let drawn =
            access.boundaries == nil ? "Each dot is an LSOA's population-weighted centroid" : "Each area is an LSOA"
        let summary =
            before == nil
            ? "\(drawn), coloured by its access (\(snapshot.service.unit)) in fifths of the ICB's LSOAs, red the least and blue the most; white areas have no site within 10 km; black squares are sites."
            : "\(drawn), blue where the change makes access better, red where it makes it worse, grey where it does not change it; black squares are sites, the yellow one the site changed."
        return AccessMap(
            title: title, summary: summary, areas: areas, sites: sites,
            shading: before == nil ? .fifths(breaks.map { $0 * per }, format: { formatted($0) }) : .change,
            outline: access.boundaries?.outline, neighbours: access.boundaries?.neighbours ?? [],
            credit: access.boundaries == nil ? nil : MapBoundaries.credit)
    }

    /// A what-if's change to one area's score; losing every site in reach is a fall, gaining a first one a rise.
    static func change(from before: Double, to after: Double) -> Double {
        switch (before.isNaN, after.isNaN) {
        case (true, true): 0
        case (false, true): -.infinity
        case (true, false): .infinity
        case (false, false): after - before
        }
    }

    /// Access by national IMD decile: bars for one set of scores, dashed markers for another.
    static func decileChart(
        _ rows: [AccessDecileRow], service: AccessService, bars: String, markers: String?, after: Bool
    ) -> BarChart {
        BarChart(
            title: "Access by IMD decile (1 = most deprived)",
            summary:
                "Population-weighted access (\(service.unit)) in each national IMD decile; higher is better. Bars: \(bars)\(markers.map { "; dashed markers: \($0)" } ?? "").",
            bars: rows.map { row in
                let value = (after ? row.after : row.icb).map { $0.meanAccess * service.per }
                let marker = (after ? row.icb : row.england).map { $0.meanAccess * service.per }
                return BarChart.Bar(
                    label: "\(row.decile)", value: value, valueText: value.map { formatted($0) } ?? "", marker: marker)
            },
            legend: (bars, markers))
    }

    static func figures(
        _ summary: AccessInequality, englandMean: Double, service: AccessService, gaps: Int, gapPopulation: Double
    ) -> [Node<HTML.BodyContext>] {
        let source =
            "Podium E2SFCA on ONS mid-2024 population, IMD 2025 and \(service == .dental ? "NHSBSA contracts" : "ODS pharmacies")"
        return [
            Layout.figure(
                "Access", formatted(summary.meanAccess * service.per), source: source,
                note: "\(service.unit); England \(formatted(englandMean * service.per)); higher is better"),
            Layout.figure(
                "People with no site within 10 km", TableView.group(Int(summary.populationWithoutAccess)),
                source: source,
                note:
                    "\(Cell.decimal(summary.shareWithoutAccess * 100, decimals: 1).text)% of residents; lower is better"
            ),
            Layout.figure(
                "Most to least deprived decile",
                summary.ratioMostToLeastDeprived.map { Cell.decimal($0, decimals: 2).text } ?? "–", source: source,
                note: summary.whyNoRatio.map { "\($0), so no ratio" }
                    ?? "access in IMD decile 1 over decile 10; below 1 the most deprived have less"),
            Layout.figure(
                "Unmet-need LSOAs", TableView.group(gaps), source: source,
                note: "\(TableView.group(Int(gapPopulation))) people; high need, low access and activity"),
        ]
    }
}
