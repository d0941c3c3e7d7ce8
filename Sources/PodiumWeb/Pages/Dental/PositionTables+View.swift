import PodiumCore

/// A count of contracts in a projected band.
struct BandCount: Sendable {
    var band: DeliveryBand
    var label: String
    var contracts: Int
}

/// The tables of the dental position pages, defined once for page, CSV and API.
enum PositionTables {
    static func projections(_ forecast: DeliveryForecast, rules: ReconciliationRules) -> Table<Projection> {
        Table(
            id: "forecast", caption: "Projected year-end outcome",
            columns: [
                Column("basis", "Pace", sortable: false) { .text($0.basis) },
                Column("year_end_udas", "Projected UDAs by 31 March", numeric: true, sortable: false) {
                    .udas($0.yearEndDelivery.rounded(to: 1))
                },
                Column("percent", "Of target", note: "higher is better", numeric: true, sortable: false) {
                    .percent($0.result.achievement)
                },
                Column("band", "Band", sortable: false) { .text($0.result.band.label(rules)) },
                Column("outcome", "Outcome", sortable: false) { .text($0.result.outcome.rawValue) },
                Column("clawback", "Clawback", note: "£", numeric: true, sortable: false) {
                    .money($0.result.clawback)
                },
                Column("shortfall_cf", "Shortfall carried forward", note: "UDAs", numeric: true, sortable: false) {
                    .udas($0.result.shortfallCarriedForward.rounded(to: 1))
                },
                Column("credit_cf", "Credit carried forward", note: "UDAs", numeric: true, sortable: false) {
                    .udas($0.result.creditCarriedForward.rounded(to: 1))
                },
                Column("paid", "Paid by scheme", note: "£", numeric: true, sortable: false) {
                    .money($0.result.overDeliveryPayment)
                },
                Column("unpaid", "Unpaid over-delivery", note: "UDAs", numeric: true, sortable: false) {
                    .udas($0.result.unpaidOverDelivery.rounded(to: 1))
                },
            ],
            rows: forecast.learned == nil
                ? [forecast.central, forecast.recent]
                : [forecast.central, forecast.low, forecast.high, forecast.pace, forecast.recent], footer: nil)
    }

    static func variations(_ rows: [ContractVariation]) -> Table<ContractVariation> {
        Table(
            id: "variations", caption: "Variations recorded by commissioners",
            columns: [
                Column("effective", "Effective") { .date($0.effective) },
                Column("kind", "Variation") { .text($0.change.label) },
                Column("detail", "Detail", sortable: false) { .text(describe($0.change)) },
                Column("reason", "Reason", sortable: false) { .text($0.record.reason) },
                Column("recorded_by", "Recorded by") { .text($0.record.recordedBy) },
                Column("recorded_at", "Recorded at") { .text($0.record.recordedAt) },
                Column("status", "Status") { variation in
                    .text(
                        variation.record.withdrawal.map { "Withdrawn by \($0.by) at \($0.at): \($0.reason)" }
                            ?? "In force")
                },
            ], rows: rows, footer: nil)
    }

    static func describe(_ change: VariationChange) -> String {
        switch change {
        case .handBack(let udas, let value): "\(udas.formatted) UDAs and \(value.formatted) a year handed back"
        case .minimumUDAValue(let minimum, let method):
            "UDA value raised to at least \(minimum.formatted) by \(method == .raiseValue ? "raising the contract value" : "lowering the UDA target")"
        case .termination: "contract ends on this date (target and value pro-rated)"
        }
    }

    /// Every contract's position: the ICB dashboard's main table.
    /// - Parameter percentiles: each contract's percentile rank among its peers on delivery against profile (adds a column).
    static func positions(
        _ rows: [ContractPosition], id: String = "positions", caption: String = "Contract positions",
        percentiles: [ContractNumber: Double] = [:],
        threshold: Percentage, dataChecks: [ContractNumber: [DataCheck]] = [:]
    ) -> Table<ContractPosition> {
        var table = Table(
            id: id, caption: caption,
            columns: [
                Column("contract", "Contract") {
                    .text($0.contract.rawValue, link: PodiumRoute.dentalContract($0.contract).path)
                },
                Column("provider", "Provider") { .text($0.latest.providerName) },
                Column("target", "UDA target", note: "after variations", numeric: true) {
                    .udas($0.terms.effective.target)
                },
                Column("delivered", "Delivered to date", note: "UDAs", numeric: true) { .udas($0.deliveredToDate) },
                Column("profile", "Against profile", note: "% of working-day profile; higher is better", numeric: true)
                { .percent($0.againstProfile) },
                Column("mid_year", "Mid-year", note: "% of target, April–September", numeric: true) { position in
                    position.midYear.map { .percent($0.achievement) } ?? .text(nil)
                },
                Column("flagged", "Mid-year flag", note: "below \(threshold.formatted)") { position in
                    .text(position.midYear.map { $0.isFlagged ? "Flagged" : "" } ?? "")
                },
                Column("projected", "Projected year end", note: "% of target", numeric: true) { position in
                    position.projected.map { .percent($0.achievement) }
                        ?? .text(position.status == .current ? "" : "not in latest data")
                },
                Column("range", "Range", note: "80% interval, or recent pace vs year to date", sortable: false) {
                    position in
                    guard let forecast = position.forecast else { return .text(nil) }
                    return .text(
                        "\(forecast.low.result.achievement.percentText ?? "–") – \(forecast.high.result.achievement.percentText ?? "–")"
                    )
                },
                Column("band", "Projected band") { position in
                    .text(position.projected.map { $0.band.label(position.settings.rules) })
                },
                Column("clawback", "Projected clawback", note: "£", numeric: true) { .money($0.projected?.clawback) },
                Column("carry_forward", "Projected carry-forward", note: "UDAs; shortfall −, credit +", numeric: true) {
                    position in
                    guard let result = position.projected else { return .udas(nil) }
                    return .udas((result.creditCarriedForward - result.shortfallCarriedForward).rounded(to: 1))
                },
            ], rows: rows, footer: nil)
        if !percentiles.isEmpty {
            table.columns.insert(
                Column("percentile", "Percentile in ICB", note: "against profile; 100 = highest", numeric: true) {
                    .decimal(percentiles[$0.contract], decimals: 0)
                },
                at: 5)
        }
        if rows.contains(where: { dataChecks[$0.contract] != nil }) {
            // A caveat beside a figure built on an implausible published value (the ICB's data checks page).
            table.columns.append(
                Column("data_check", "Data check", note: "implausible published value", sortable: false) {
                    .text(dataChecks[$0.contract].map { $0.map(\.kind.label).joined(separator: "; ") })
                })
        }
        return table
    }

    static func bands(_ portfolio: PortfolioPosition, rules: ReconciliationRules) -> Table<BandCount> {
        let counts = portfolio.bands
        return Table(
            id: "bands", caption: "Contracts by projected year-end band",
            columns: [
                Column("band", "Projected band", sortable: false) { .text($0.label) },
                Column("contracts", "Contracts", numeric: true, sortable: false) { .count($0.contracts) },
            ],
            rows: DeliveryBand.allCases.map { BandCount(band: $0, label: $0.label(rules), contracts: counts[$0] ?? 0) },
            footer: nil)
    }

    static func trend(_ months: [PortfolioPosition.Month]) -> Table<PortfolioPosition.Month> {
        Table(
            id: "trend", caption: "Delivery against the working-day profile, month by month",
            columns: [
                Column("month", "Month", sortable: false) { .month($0.month) },
                Column("delivered", "Delivered", note: "UDAs", numeric: true, sortable: false) { .udas($0.delivered) },
                Column("expected", "Expected", note: "UDAs, working-day profile", numeric: true, sortable: false) {
                    .udas($0.expected.rounded(to: 1))
                },
                Column("against", "Against profile", note: "higher is better", numeric: true, sortable: false) {
                    month in
                    month.delivered.map { .percent(Proportion($0, of: month.expected)) } ?? .text("no data")
                },
            ], rows: months, footer: nil)
    }

    static func englandPositions(_ model: EnglandDentalPosition.Model) -> Table<EnglandDentalPosition.Model.Row> {
        let rules = model.settings.rules
        let threshold = model.settings.midYearThreshold
        let percentiles = model.percentiles
        let totals: [Column<PortfolioPosition>] = portfolioColumns(rules: rules, threshold: threshold) { $0 }
        return Table(
            id: "icb-positions", caption: "Dental position of every ICB",
            columns: [
                Column("name", "ICB") { .text($0.icb.shortName, link: PodiumRoute.dentalPosition($0.icb.code).path) },
                Column("code", "ODS code") { .text($0.icb.code.rawValue) },
                Column(
                    "percentile", "Percentile among ICBs", note: "of those shown, against profile; 100 = highest",
                    numeric: true
                ) { .decimal(percentiles[$0.icb.code], decimals: 0) },
            ] + portfolioColumns(rules: rules, threshold: threshold) { $0.portfolio },
            rows: model.rows,
            footer: [Cell.text(model.totalLabel), .text(""), .text("")] + totals.map { $0.value(model.england) })
    }

    /// Columns summarising a portfolio, for any row that has one.
    private static func portfolioColumns<Row>(
        rules: ReconciliationRules, threshold: Percentage, _ portfolio: @escaping @Sendable (Row) -> PortfolioPosition
    ) -> [Column<Row>] {
        [
            Column("contracts", "Contracts", numeric: true) { .count(portfolio($0).contracts.count) },
            Column(
                "against_profile", "Against profile", note: "% of working-day profile; higher is better", numeric: true
            ) {
                .percent(portfolio($0).againstProfile)
            },
            Column("flagged", "Flagged at mid-year", note: "below \(threshold.formatted) of target", numeric: true) {
                .count(portfolio($0).flaggedCount)
            },
            Column("clawback", "Projected clawback", note: "£, learned forecast", numeric: true) {
                .money(portfolio($0).projectedClawback)
            },
            Column("clawback_range", "Clawback range", note: "£, 80% likely (else the two paces)", sortable: false) {
                row in
                if let interval = portfolio(row).clawbackInterval {
                    return Cell(
                        text: "\(interval.low.formatted) – \(interval.high.formatted)",
                        csv: "\(interval.low.plainPounds)-\(interval.high.plainPounds)")
                }
                let range = portfolio(row).projectedClawbackRange
                return Cell(
                    text: "\(range.atHigherPace.formatted) – \(range.atLowerPace.formatted)",
                    csv: "\(range.atHigherPace.plainPounds)-\(range.atLowerPace.plainPounds)")
            },
            Column(
                "clawback_pace", "Projected clawback at pace", note: "£, year-to-date pace, for comparison",
                numeric: true
            ) {
                .money(portfolio($0).projectedClawbackAtPace)
            },
            Column("underspend", "Projected underspend", note: "£; clawback + value released", numeric: true) {
                .money(portfolio($0).projectedUnderspend)
            },
        ]
            + DeliveryBand.allCases.map { band in
                Column(band.rawValue, band.label(rules), note: "contracts", numeric: true) {
                    .count(portfolio($0).bands[band] ?? 0)
                }
            }
    }
}
