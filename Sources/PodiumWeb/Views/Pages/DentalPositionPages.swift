import PodiumCore
import PodiumData
import Plot

/// An ICB's dental dashboard: mid-year flags, projected clawback and underspend, bands, top risks, the trend
/// against the working-day profile, and every contract's position.
enum ICBDentalPositionPage {
    /// The ICB's SPC measures and funnel.
    struct SPC: Sendable {
        var measures: [SPCMeasure]
        var funnel: FunnelPlot

        init(_ position: ICBDentalPosition) {
            var measures = [SPCMeasures.portfolioDelivery(position.portfolio)]
            if let population = position.population {
                measures += SPCMeasures.patientsSeen(position.years, coverage: position.coverage, population: population)
            }
            self.measures = measures
            self.funnel = PodiumWeb.Tables.deliveryFunnel(position.portfolio.contracts)
        }
    }

    struct Tables: Sendable {
        var positions: Table<ContractPosition>
        var summary: Table<SPCMeasure>
        var funnel: Table<FunnelPlot.Entry>
        var topRisks: Table<ContractPosition>
        var flagged: Table<ContractPosition>
        var bands: Table<BandCount>
        var trend: Table<PortfolioPosition.Month>
    }

    static func render(
        _ position: ICBDentalPosition, settings: PositionSettings, spc: SPC, tables: Tables, page: ListPage<ContractPosition>, links: ListLinks,
        context: PageContext
    ) -> HTML {
        let icb = position.icb, portfolio = position.portfolio
        let path = PodiumRoute.dentalPosition(icb.code).path
        let csv: (String) -> String = { ListLinks(path: path, request: ListRequest(), extra: position.choices.queryItems).csv(table: $0) }
        return Layout.page(
            title: "Dental position: \(icb.shortName), \(portfolio.financialYear.label)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: "Dental position")],
            sources: position.sources,
            content: [
                Layout.paragraph(
                    "Where \(icb.name)'s \(TableView.group(portfolio.contracts.count)) dental contracts stand in \(portfolio.financialYear.label), from NHSBSA data for \(position.coverage.summary): "
                        + "delivery against a working-day profile, the mid-year review, and the year-end outcome projected at each contract's pace.",
                    class: "lede"),
                SettingsForm.render(path: path, choices: position.choices, settings: settings),
                .div(.attr("class", "figures"), .group(DentalPositionFigures.cards(portfolio))),
                .h2(.plain("Statistical process control")),
                Layout.paragraph(
                    "Making Data Count XmR charts: a point outside the process limits, a run of seven on one side of the mean, a trend of seven, or two of three beyond two sigma is a special cause. "
                        + "Icons: variation describes the latest month; assurance says whether the process can hit its target. Sums of contracts' patients-seen counts count a patient seen at two contracts twice.",
                    class: "lede"),
                TableView.whole(tables.summary, csv: csv(tables.summary.id), note: "One row per measure. "),
                .forEach(spc.measures) { measure in measure.section(heading: .h3(.plain(measure.name)), csv: csv) },
                .h2(.plain("Delivery against the working-day profile")),
                Layout.paragraph("Bars are UDAs delivered by the ICB's contracts each month; dashed markers are what their targets spread by working days expect. Higher is better.", class: "direction"),
                trendChart(portfolio).render(id: "trend-chart"),
                TableView.whole(tables.trend, csv: csv(tables.trend.id), note: "Month by month. "),
                .h2(.plain("Contracts compared: funnel plot")),
                FunnelChartView(
                    title: "Year-to-date delivery against profile by contract", measure: "UDAs delivered as % of the working-day profile, year to date",
                    direction: .increase, funnel: spc.funnel).render(id: "funnel-chart"),
                TableView.whole(tables.funnel, csv: csv(tables.funnel.id), note: "Outliers first, then providers beyond the 95% limits, then the rest from the lowest z-score: \(FunnelChartView.counts(spc.funnel)) "),
                .h2(.plain("Projected year-end bands")),
                Layout.paragraph("How many contracts would end the year in each band at their year-to-date pace. Below the lower tolerance means clawback and a breach notice; higher bands are better up to the upper tolerance.", class: "direction"),
                bandChart(tables.bands).render(id: "band-chart"),
                TableView.whole(tables.bands, csv: csv(tables.bands.id), note: "\(TableView.group(portfolio.forecastContracts.count)) contracts with a forecast. "),
                .h2(.plain("Top risks: largest projected clawback")),
                tables.topRisks.rows.isEmpty
                    ? Layout.paragraph("No contract is projected to fall below the lower tolerance.")
                    : TableView.whole(tables.topRisks, csv: csv(tables.topRisks.id), note: "The \(tables.topRisks.rows.count) largest. "),
                .h2(.plain("Flagged at mid-year")),
                tables.flagged.rows.isEmpty
                    ? Layout.paragraph("No contract delivered less than 30% of its target from April to September.")
                    : TableView.whole(tables.flagged, csv: csv(tables.flagged.id),
                                      note: "\(tables.flagged.rows.count) contract\(tables.flagged.rows.count == 1 ? "" : "s") below 30% of target from April to September (GDS Regs Sch 3 para 58). "),
                .h2(.plain("Every contract")),
                TableView.listing(tables.positions, page: page, links: links, noun: "contracts"),
            ])
    }

    static func trendChart(_ portfolio: PortfolioPosition) -> BarChart {
        .againstProfile(
            title: "ICB UDAs delivered each month against the working-day profile, \(portfolio.financialYear.label)",
            summary: "Monthly UDAs delivered by all contracts against the working-day profile of their targets. Higher is better.",
            months: portfolio.trend.map { ($0.month, $0.delivered, $0.expected) }, compact: true)
    }

    static func bandChart(_ table: Table<BandCount>) -> BarChart {
        BarChart(
            title: "Contracts by projected year-end band",
            summary: "Number of contracts in each projected band at their year-to-date pace.",
            bars: table.rows.map { BarChart.Bar(label: $0.label, value: Double($0.contracts), valueText: String($0.contracts), marker: nil) },
            legend: nil, height: 240)
    }
}

/// Headline figures of a portfolio, shared by the ICB and England pages.
enum DentalPositionFigures {
    static func cards(_ portfolio: PortfolioPosition) -> [Node<HTML.BodyContext>] {
        let range = portfolio.projectedClawbackRange
        var cards: [Node<HTML.BodyContext>] = [
            Layout.figure("Contracts", TableView.group(portfolio.contracts.count), source: "NHSBSA dental activity (provisional)",
                          note: portfolio.notInLatestData == 0 ? nil : "\(portfolio.notInLatestData) not in the latest month's data: no forecast"),
            Layout.figure("Against the working-day profile", portfolio.againstProfile.percentText ?? "–", source: "UDAs delivered ÷ expected for the months reported",
                          note: "higher is better"),
            Layout.figure("Flagged at mid-year", TableView.group(portfolio.flaggedAtMidYear.count), source: "GDS Regs Sch 3 para 58",
                          note: "below 30% of target, April–September"),
            Layout.figure("Projected clawback", portfolio.projectedClawback.formatted, source: "year-end rules at the year-to-date pace",
                          note: "range \(range.atHigherPace.formatted) – \(range.atLowerPace.formatted)"),
            Layout.figure("Projected underspend", portfolio.projectedUnderspend.formatted, source: "clawback + value released by recorded variations",
                          note: "to be recovered and reinvested"),
        ]
        if portfolio.projectedOverDeliveryPayments.pence > 0 {
            cards.append(Layout.figure("Over-delivery payments", portfolio.projectedOverDeliveryPayments.formatted, source: "the chosen over-delivery scheme"))
        }
        return cards
    }
}

/// Every ICB's dental position side by side.
enum EnglandDentalPositionPage {
    /// Where the ICBs' delivery against profile falls (OpenPrescribing-style deciles).
    static func decileNote(_ position: EnglandDentalPosition) -> Node<HTML.BodyContext> {
        let values = position.rows.compactMap { Tables.against($0.portfolio) }
        let deciles = PeerComparison.deciles(values)
        guard deciles.count == 9 else { return .empty }
        return Layout.paragraph(
            "Deciles of ICBs' delivery against the working-day profile (higher is better): 10th percentile \(String(format: "%.1f", deciles[0]))%, median \(String(format: "%.1f", deciles[4]))%, 90th percentile \(String(format: "%.1f", deciles[8]))%. "
                + "Each ICB's percentile among those shown is in the table.",
            class: "direction")
    }

    static func render(
        _ position: EnglandDentalPosition, settings: PositionSettings, table: Table<ICBPortfolioRow>, page: ListPage<ICBPortfolioRow>, links: ListLinks,
        context: PageContext
    ) -> HTML {
        Layout.page(
            title: "Dental position: England, \(position.england.financialYear.label)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Dental position")],
            sources: position.sources,
            content: [
                Layout.paragraph(
                    (position.scope == .every ? "All \(position.rows.count) ICBs" : "The \(position.rows.count) ICBs your account reads")
                        + " side by side, from NHSBSA data for \(position.coverage.summary). Each contract counts for the ICB commissioning it in its latest month.",
                    class: "lede"),
                SettingsForm.render(path: PodiumRoute.englandDentalPosition.path, choices: position.choices, settings: settings),
                .div(.attr("class", "figures"), .group(DentalPositionFigures.cards(position.england))),
                decileNote(position),
                TableView.listing(table, page: page, links: links, noun: "ICBs"),
            ])
    }
}
