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

/// One dental contract: summary, monthly chart and table, and the changes seen in the data.
enum ContractPage {
    static func render(_ detail: ContractDetail, months: Table<ContractMonth>, changes: Table<ContractChange>, context: PageContext) -> HTML {
        let current = detail.current, latest = current.latest
        var crumbs = [Crumb(title: "England", href: PodiumRoute.home.path)]
        if let icb = detail.icb {
            crumbs += [Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                       Crumb(title: "Dental contracts", href: PodiumRoute.dentalContracts(icb.code).path)]
        }
        crumbs.append(Crumb(title: detail.contract.rawValue))
        let path = PodiumRoute.dentalContract(detail.contract).path
        let year = current.financialYear.label
        let cards: [Node<HTML.BodyContext>] = [
            Layout.figure("UDA target a year", current.udaTarget.formatted, source: "UDA_PERF_TARGET, \(latest.month.label)"),
            Layout.figure("Contract value a year", current.contractValue.formatted, source: "UDA_FIN_VAL, \(latest.month.label)"),
            Layout.figure("UDA value", current.udaValue.perUDA?.formatted ?? "–", source: "contract value ÷ UDA target"),
            Layout.figure("UDAs delivered, \(year) to date", current.udasDeliveredToDate.formatted,
                          source: "UDA_DELIVERED, \(detail.coverage.summary)",
                          note: current.deliveryToDate.percentText.map { "\($0) of the annual target (higher is better)" }),
            Layout.figure("Adults seen in 24 months", current.adultsSeen24Months.map(TableView.group) ?? "–", source: "ADULT_24M_COUNT, \(latest.month.label)"),
            Layout.figure("Children seen in 12 months", current.childrenSeen12Months.map(TableView.group) ?? "–", source: "CHILD_12M_COUNT, \(latest.month.label)"),
        ]
        return Layout.page(
            title: "\(latest.providerName) (contract \(detail.contract))", context: context, crumbs: crumbs, sources: detail.sources,
            content: [
                .dl(
                    .attr("class", "facts"),
                    .dt(.plain("Contract number")), .dd(.plain(detail.contract.rawValue)),
                    .dt(.plain("Commissioner")), .dd(.plain("\(latest.commissionerName) (\(latest.commissioner))")),
                    .dt(.plain("Practice postcode")), .dd(.plain(latest.postcode.display)),
                    .dt(.plain("LSOA (2011)")), .dd(.plain(latest.lsoa2011?.rawValue ?? "–")),
                    .dt(.plain("Latest month of data")), .dd(.plain("\(latest.month.label) (provisional)"))
                ),
                .div(.attr("class", "figures"), .group(cards)),
                .h2(.plain("UDAs delivered each month, \(year)")),
                Layout.paragraph("Bars are UDAs delivered in each schedule month (excluding foundation dentists); the dashed line is the annual target ÷ 12, "
                    + "the monthly amount that would meet the target if delivered evenly. Higher is better; bars below the line are behind target.", class: "direction"),
                chart(current, coverage: detail.coverage).render(id: "delivery-chart"),
                .h2(.plain("Monthly activity")),
                .unwrap(detail.coverage.gaps.isEmpty ? nil : detail.coverage.gaps) { gaps in
                    Layout.paragraph("Missing from the source data: \(gaps.map(\.label).joined(separator: ", ")). \"–\" in a cell means the month's file reported nothing.", class: "notice")
                },
                TableView.whole(months, csv: ListLinks(path: path, request: ListRequest()).csv(table: months.id), note: "\(months.rows.count) months of data. "),
                .h2(.plain("Changes seen in the data")),
                changes.rows.isEmpty
                    ? Layout.paragraph("No change of UDA target, contract value or commissioner between the months in the data.")
                    : TableView.whole(changes, csv: ListLinks(path: path, request: ListRequest()).csv(table: changes.id),
                                      note: "\(changes.rows.count) change\(changes.rows.count == 1 ? "" : "s"), each shown in the month it first appears. "),
            ])
    }

    /// Bars for every month of the year up to the latest with data, gaps for months missing from the source.
    static func chart(_ year: ContractYear, coverage: ActivityCoverage) -> BarChart {
        let byMonth = Dictionary(uniqueKeysWithValues: year.months.map { ($0.month, $0) })
        let shown = year.financialYear.months.filter { $0 <= year.latest.month }
        let bars = shown.map { month -> BarChart.Bar in
            let delivered = byMonth[month]?.udasDelivered
            return BarChart.Bar(
                label: String(month.shortLabel.prefix(3)),
                value: delivered.map { Double($0.hundredths) / 100 },
                valueText: delivered?.formatted ?? (byMonth[month] == nil ? "no data" : "–"))
        }
        let monthly = Double(year.udaTarget.hundredths) / 1200
        return BarChart(
            title: "UDAs delivered each month, \(year.financialYear.label)",
            summary: "Monthly UDAs delivered against an even twelfth of the annual target (\(year.udaTarget.formatted) UDAs). Higher is better.",
            bars: bars,
            reference: (monthly, "Target ÷ 12 = \(UDAs(hundredths: ScaledDecimal.divideRoundingHalfAwayFromZero(year.udaTarget.hundredths, by: 12)).formatted)"))
    }
}
