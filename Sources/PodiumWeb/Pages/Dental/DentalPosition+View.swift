import Plot
import PodiumCore

extension DentalPosition {
    /// An ICB's dental dashboard.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let positions: Table<ContractPosition>
        let summary: Table<SPCMeasure>
        let funnel: Table<FunnelPlot.Entry>
        let topRisks: Table<ContractPosition>
        let flagged: Table<ContractPosition>
        let bands: Table<BandCount>
        let trend: Table<PortfolioPosition.Month>
        let years: Table<DentalYearSummary>
        let ended: Table<EndedContract>

        init(_ model: Model, request: ListRequest, context: PageContext) {
            self.model = model
            self.context = context
            years = model.trends.yearsTable(path: PodiumRoute.dentalPosition(model.icb.code).path)
            ended = model.trends.endedTable
            let portfolio = model.portfolio
            let threshold = model.settings.midYearThreshold
            positions = PositionTables.positions(
                portfolio.contracts, percentiles: model.percentiles, threshold: threshold,
                dataChecks: model.dataChecks)
            summary = SPCTables.summary(model.measures)
            funnel = FunnelChartView.table(
                model.funnel, id: "funnel", caption: "Year-to-date delivery against profile: funnel plot"
            ) {
                ContractNumber($0).map { PodiumRoute.dentalContract($0).path }
            }
            topRisks = PositionTables.positions(
                model.topRisks, id: "top-risks", caption: "Largest projected clawback", threshold: threshold,
                dataChecks: model.dataChecks)
            flagged = PositionTables.positions(
                portfolio.flaggedAtMidYear, id: "mid-year-flags", caption: "Contracts flagged at mid-year",
                threshold: threshold)
            bands = PositionTables.bands(portfolio, rules: model.settings.rules)
            trend = PositionTables.trend(portfolio.trend)
            links = ListLinks(
                path: PodiumRoute.dentalPosition(model.icb.code).path, request: positions.accepting(request),
                extra: model.choices.queryItems)
        }

        var downloadName: String {
            "\(model.icb.code)-dental-position-\(DownloadName.year(model.portfolio.financialYear))"
        }
        var tables: [AnyTable] {
            [
                AnyTable(positions, request: links.request), AnyTable(topRisks), AnyTable(flagged), AnyTable(bands),
                AnyTable(trend),
                AnyTable(summary), AnyTable(funnel), AnyTable(years), AnyTable(ended),
            ] + (model.measures + model.trends.measures).map { AnyTable(SPCTables.points($0)) }
        }

        func document() -> HTML {
            let icb = model.icb
            let portfolio = model.portfolio
            let threshold = model.settings.midYearThreshold.formatted
            let path = PodiumRoute.dentalPosition(icb.code).path
            let choices = model.choices
            let csv: (String) -> String = {
                ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0)
            }
            let sections = OnThisPage([
                ("spc", "Statistical process control"), ("profile", "Delivery against the working-day profile"),
                ("funnel", "Contracts compared: funnel plot"), ("bands", "Projected year-end bands"),
                ("top-risks", "Top risks: largest projected clawback"), ("mid-year", "Flagged at mid-year"),
                ("contracts", "Every contract"), ("years-heading", "Every year"),
            ])
            return Layout.page(
                title: "Dental position: \(icb.shortName), \(portfolio.financialYear.label)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Dental position"),
                ],
                sources: model.sources,
                content: [
                    YearNavigation(choice: model.yearChoice, path: path, extra: choices.queryItems).block(),
                    DentalPositionFigures.asOfNotice(choices),
                    Layout.paragraph(
                        "Where \(icb.name)'s \(TableView.group(portfolio.contracts.count)) dental contracts stood in \(portfolio.financialYear.label), from NHSBSA data for \(model.coverage.summary): "
                            + "delivery against a working-day profile, the mid-year review (against the terms in force at 30 September), and the year end — "
                            + "\(portfolio.yearEndStatus.label).",
                        class: "lede"),
                    SettingsForm.render(path: path, choices: model.choices, settings: model.settings),
                    .div(
                        .attr("class", "figures"),
                        .group(DentalPositionFigures.cards(portfolio, settings: model.settings))),
                    sections.nav,
                    sections.heading("spc"),
                    Layout.paragraph(
                        "Making Data Count XmR charts: a point outside the process limits, a run of seven on one side of the mean, a trend of seven, or two of three beyond two sigma is a special cause. "
                            + "Icons: variation describes the latest month; assurance says whether the process can hit its target. Sums of contracts' patients-seen counts count a patient seen at two contracts twice.",
                        class: "lede"),
                    TableView.whole(summary, csv: csv(summary.id), note: "One row per measure. "),
                    .forEach(model.measures) { measure in measure.section(heading: .h3(.plain(measure.name)), csv: csv)
                    },
                    sections.heading("profile"),
                    Layout.paragraph(
                        "Bars are UDAs delivered by the ICB's contracts each month; dashed markers are what their targets spread by working days expect. Higher is better.",
                        class: "direction"),
                    Self.trendChart(portfolio).render(id: "trend-chart"),
                    TableView.whole(trend, csv: csv(trend.id), note: "Month by month. "),
                    sections.heading("funnel"),
                    FunnelChartView(
                        title: "Year-to-date delivery against profile by contract",
                        measure: "UDAs delivered as % of the working-day profile, year to date", direction: .increase,
                        funnel: model.funnel
                    ).render(id: "funnel-chart"),
                    model.funnel.excluded.isEmpty
                        ? .empty
                        : Layout.paragraph(
                            "Left out of the funnel, expected under \(TableView.group(Int(model.funnel.minimumDenominator))) UDAs so far: "
                                + model.funnel.excluded.map {
                                    "\($0.id) \($0.label) (\(String(format: "%.1f", $0.denominator)) expected, \(String(format: "%.1f", $0.numerator)) delivered)"
                                }.joined(separator: "; ") + ".",
                            class: "spc-note"),
                    TableView.whole(
                        funnel, csv: csv(funnel.id),
                        note:
                            "Outliers first, then providers beyond the 95% limits, then the rest from the lowest z-score: \(FunnelChartView.counts(model.funnel)) "
                    ),
                    sections.heading("bands"),
                    Layout.paragraph(
                        "How many contracts would end the year in each band on the learned forecast (the year-to-date pace where nothing could be learned). Below the lower tolerance means clawback and a breach notice; higher bands are better up to the upper tolerance.",
                        class: "direction"),
                    Self.bandChart(bands).render(id: "band-chart"),
                    TableView.whole(
                        bands, csv: csv(bands.id),
                        note: "\(TableView.group(portfolio.forecastCount)) contracts with a forecast. "),
                    sections.heading("top-risks"),
                    topRisks.rows.isEmpty
                        ? Layout.paragraph("No contract is projected to fall below the lower tolerance.")
                        : TableView.whole(
                            topRisks, csv: csv(topRisks.id), note: "The \(topRisks.rows.count) largest. "),
                    sections.heading("mid-year"),
                    flagged.rows.isEmpty
                        ? Layout.paragraph(
                            "No contract delivered less than \(threshold) of its target from April to September.")
                        : TableView.whole(
                            flagged, csv: csv(flagged.id),
                            note:
                                "\(Words.count(flagged.rows.count, "contract")) below \(threshold) of target from April to September (GDS Regs Sch 3 para 58). "
                        ),
                    sections.heading("contracts"),
                    TableView.listing(positions, page: positions.page(links.request), links: links, noun: "contracts"),
                    model.trends.section(years: years, ended: ended, csv: csv),
                ])
        }

        static func trendChart(_ portfolio: PortfolioPosition) -> BarChart {
            .againstProfile(
                title:
                    "ICB UDAs delivered each month against the working-day profile, \(portfolio.financialYear.label)",
                summary:
                    "Monthly UDAs delivered by all contracts against the working-day profile of their targets. Higher is better.",
                months: portfolio.trend.map { ($0.month, $0.delivered, $0.expected) }, compact: true)
        }

        static func bandChart(_ table: Table<BandCount>) -> BarChart {
            BarChart(
                title: "Contracts by projected year-end band",
                summary: "Number of contracts in each projected band at their year-to-date pace.",
                bars: table.rows.map {
                    BarChart.Bar(
                        label: $0.label, value: Double($0.contracts), valueText: String($0.contracts), marker: nil)
                },
                legend: nil, height: 240)
        }
    }
}

extension EnglandDentalPosition {
    /// Every ICB's dental position side by side.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let table: Table<Model.Row>
        let years: Table<DentalYearSummary>
        let ended: Table<EndedContract>

        init(_ model: Model, request: ListRequest, context: PageContext) {
            self.model = model
            self.context = context
            table = PositionTables.englandPositions(model)
            years = model.trends.yearsTable(path: PodiumRoute.englandDentalPosition.path)
            ended = model.trends.endedTable
            links = ListLinks(
                path: PodiumRoute.englandDentalPosition.path, request: table.accepting(request),
                extra: model.choices.queryItems)
        }

        var downloadName: String { "england-dental-position-\(DownloadName.year(model.england.financialYear))" }
        var tables: [AnyTable] {
            [AnyTable(table, request: links.request), AnyTable(years), AnyTable(ended)]
                + model.trends.measures.map { AnyTable(SPCTables.points($0)) }
        }

        func document() -> HTML {
            let path = PodiumRoute.englandDentalPosition.path
            let choices = model.choices
            let csv: (String) -> String = {
                ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0)
            }
            return Layout.page(
                title: "Dental position: England, \(model.england.financialYear.label)", context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "Dental position")],
                sources: model.sources,
                content: [
                    YearNavigation(choice: model.yearChoice, path: path, extra: choices.queryItems).block(),
                    DentalPositionFigures.asOfNotice(choices),
                    Layout.paragraph(
                        (model.scope == .every
                            ? "All \(model.rows.count) ICBs" : "The \(model.rows.count) ICBs your account reads")
                            + " side by side, from NHSBSA data for \(model.coverage.summary). Each contract counts for the ICB commissioning it in its latest month.",
                        class: "lede"),
                    SettingsForm.render(
                        path: PodiumRoute.englandDentalPosition.path, choices: model.choices, settings: model.settings),
                    .div(
                        .attr("class", "figures"),
                        .group(DentalPositionFigures.cards(model.england, settings: model.settings))),
                    decileNote,
                    TableView.listing(table, page: table.page(links.request), links: links, noun: "ICBs"),
                    model.trends.section(years: years, ended: ended, csv: csv),
                ])
        }

        /// Where the ICBs' delivery against profile falls (OpenPrescribing-style deciles).
        private var decileNote: Node<HTML.BodyContext> {
            guard model.deciles.count == 9 else { return .empty }
            let deciles = model.deciles.map { String(format: "%.1f", $0) }
            return Layout.paragraph(
                "Deciles of ICBs' delivery against the working-day profile (higher is better): 10th percentile \(deciles[0])%, median \(deciles[4])%, 90th percentile \(deciles[8])%. "
                    + "Each ICB's percentile among those shown is in the table.",
                class: "direction")
        }
    }
}
