import PodiumCore
import PodiumData
import Plot

/// Home: pick an ICB (filter by name or ODS code) and the England view of all ICBs.
enum HomePage {
    static func render(_ overview: EnglandOverview, table: Table<ICBRow>, page: ListPage<ICBRow>, links: ListLinks, context: PageContext) -> HTML {
        let year = overview.financialYear.map { "Dental figures are for \($0.label), each contract at its latest month." } ?? "No dental activity is imported yet."
        let single = page.matching == 1 && !links.request.search.isEmpty ? page.items.first : nil
        return Layout.page(title: "England: Integrated Care Boards", context: context, sources: overview.sources, content: [
            Layout.paragraph(
                "Choose an ICB to see what it commissions: dental contracts and their delivery, pharmacies and dental practices. "
                    + "Filter the table by name or ODS code (for example QYG). " + year,
                class: "lede"),
            yourICBs(overview, context: context),
            .unwrap(single) { row in
                .p(.attr("class", "notice"), .plain("One ICB matches: "),
                   .a(.attr("href", PodiumRoute.icb(row.icb.code).path), .attr("id", "open-icb"), .plain("Open \(row.icb.name) →")))
            },
            .p(Layout.link("Dental position of every ICB: mid-year flags, projected clawback and underspend →", PodiumRoute.englandDentalPosition.path)),
            TableView.listing(table, page: page, links: links, noun: "ICBs"),
        ])
    }
}

extension HomePage {
    /// For a reader of some ICBs (a commissioner, a hosted team, regional assurance): theirs first, as links.
    static func yourICBs(_ overview: EnglandOverview, context: PageContext) -> Node<HTML.BodyContext> {
        guard let grant = context.viewer?.user.grant, let held = AccessPolicy.readable(by: grant).icbs else { return .empty }
        let rows = overview.rows.filter { held.contains($0.icb.code) }
        guard !rows.isEmpty else { return .empty }
        return .p(
            .attr("class", "notice"), .attr("id", "your-icbs"), .plain(rows.count == 1 ? "Your ICB: " : "Your ICBs: "),
            .group(rows.enumerated().map { index, row in
                .group(.if(index > 0, .plain(", ")), .a(.attr("href", PodiumRoute.icb(row.icb.code).path), .plain(row.icb.shortName)))
            }))
    }
}

/// An ICB's overview: headline figures, where to go next, and its Sub-ICB Locations.
enum ICBPage {
    static func render(_ overview: ICBOverview, table: Table<SubICBLocationFigures>, context: PageContext) -> HTML {
        let icb = overview.icb, figures = overview.figures
        let year = overview.financialYear?.label ?? "no year imported"
        let cards: [Node<HTML.BodyContext>] = [
            Layout.figure("Population", TableView.group(figures.population), source: "ONS Census 2021, usual residents"),
            Layout.figure("Dental contracts", TableView.group(figures.dentalContracts), source: "NHSBSA dental activity, \(year) (provisional)"),
            Layout.figure("Contracted UDAs a year", figures.contractedUDAs.formatted, source: "NHSBSA, latest UDA_PERF_TARGET of each contract, \(year)",
                          note: figures.udasPerThousandResidents.map { "\($0.formatted) per 1,000 residents (higher is more capacity)" }),
            Layout.figure("Contract value a year", figures.contractedValue.formatted, source: "NHSBSA, latest UDA_FIN_VAL of each contract, \(year)"),
            Layout.figure("Pharmacies", TableView.group(figures.pharmacies), source: "ODS edispensary, active premises in England"),
            Layout.figure("Dental practices", TableView.group(figures.dentalPractices), source: "ODS egdpprac, active practices"),
            Layout.figure("IMD 2025 average rank", figures.imdAverageRank?.formatted ?? "–", source: "MHCLG English Indices of Deprivation 2025",
                          note: figures.imdRankOfAverageRank.map { "\(ordinal($0)) most deprived of 42 ICBs (lower rank is more deprived)" }),
        ]
        return Layout.page(
            title: icb.name, context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName)],
            sources: overview.sources,
            content: [
                Layout.paragraph("ODS code \(icb.code) · ONS code \(icb.onsCode)\(icb.onsCode2022 == icb.onsCode ? "" : " (\(icb.onsCode2022) until April 2024)")", class: "lede"),
                .div(.attr("class", "figures"), .group(cards)),
                .ul(
                    .attr("class", "links"),
                    .li(Layout.link("Dental contracts (\(TableView.group(figures.dentalContracts)))", PodiumRoute.dentalContracts(icb.code).path)),
                    .li(Layout.link("Dental position: mid-year, forecast, clawback", PodiumRoute.dentalPosition(icb.code).path)),
                    .li(Layout.link("Need and access: who cannot reach care, and what if a practice closes", PodiumRoute.access(icb.code).path)),
                    .li(Layout.link("Pharmaceutical list (\(TableView.group(figures.pharmacies)) pharmacies): ownership and changes", PodiumRoute.pharmacies(icb.code).path)),
                    .li(Layout.link("Pharmacy closures and opening hours", PodiumRoute.pharmacyClosures(icb.code).path)),
                    .li(Layout.link("Pharmacy market entry and PNAs", PodiumRoute.marketEntry(icb.code).path)),
                    .li(Layout.link("Pharmacy First by pharmacy", PodiumRoute.icbPharmacyFirst(icb.code).path)),
                    .li(Layout.link("Optometry: GOS contracts, activity and local eye services", PodiumRoute.optometry(icb.code).path)),
                    .li(Layout.link("Finance: budget, forecast outturn and what must be committed before 31 March", PodiumRoute.finance(icb.code).path)),
                    .li(Layout.link("Governance: risk log with heat map, and readiness against the assurance criteria", PodiumRoute.governance(icb.code).path)),
                    .li(Layout.link("Providers at risk: dental contracts and pharmacies ranked by early-warning score, with the reasons", PodiumRoute.providersAtRisk(icb.code).path)),
                    .li(Layout.link("Dental practices (\(TableView.group(figures.dentalPractices)))", PodiumRoute.dentalPractices(icb.code).path))
                ),
                .h2(.plain("Sub-ICB Locations")),
                TableView.whole(table, csv: ListLinks(path: PodiumRoute.icb(icb.code).path, request: ListRequest()).csv(), note: "\(table.rows.count) Sub-ICB Locations (April 2024 boundaries). "),
            ])
    }

    static func ordinal(_ value: Int) -> String {
        let suffix = (11...13).contains(value % 100) ? "th" : (["th", "st", "nd", "rd"] + Array(repeating: "th", count: 6))[value % 10]
        return "\(value)\(suffix)"
    }
}
