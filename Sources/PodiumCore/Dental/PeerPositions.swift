/// Contracts and ICBs compared with their peers on delivery against the working-day profile: percentile ranks
/// (OpenPrescribing style), deciles and the funnel plot.
extension ActivityUnits {
    /// The units as a floating-point number, for statistics and charts only (never for money or reconciliation).
    public var approximateValue: Double { Double(tenThousandths) / 10_000 }
}

extension ContractPosition {
    /// Delivery so far as a percentage of the working-day profile of the months reported; `nil` with no expectation.
    public var againstProfilePercent: Double? {
        expectedForReportedMonths.tenThousandths > 0
            ? Double(deliveredToDate.tenThousandths) / Double(expectedForReportedMonths.tenThousandths) * 100 : nil
    }
}

extension PortfolioPosition {
    /// Delivery so far as a percentage of the working-day profile of the months reported; `nil` with no expectation.
    public var againstProfilePercent: Double? {
        expectedForReportedMonths.tenThousandths > 0
            ? Double(deliveredToDate.tenThousandths) / Double(expectedForReportedMonths.tenThousandths) * 100 : nil
    }

    /// Each contract's percentile rank (0–100, 100 the highest) on delivery against profile among the contracts that
    /// have an expectation; contracts without one are left out.
    public var percentileRanksAgainstProfile: [ContractNumber: Double] {
        let ranked = contracts.compactMap { position in position.againstProfilePercent.map { (position.contract, $0) } }
        return Dictionary(uniqueKeysWithValues: zip(ranked.map(\.0), PeerComparison.percentileRanks(ranked.map(\.1))))
    }

    /// Contracts expected to have delivered fewer UDAs than this so far are left out of the delivery funnel (and
    /// listed beneath it): a tenth of a small 2,000-UDA contract's first half year. A parameter, Podium's choice.
    public static let funnelMinimumExpectedUDAs = 100.0

    /// The funnel of year-to-date delivery against profile for contracts in the latest data with an expectation.
    public var deliveryFunnel: FunnelPlot {
        FunnelPlot(
            contracts.filter { $0.status == .current && $0.expectedForReportedMonths.tenThousandths > 0 }.map {
                FunnelPlot.Input(
                    id: $0.contract.rawValue, label: $0.latest.providerName,
                    numerator: $0.deliveredToDate.approximateValue,
                    denominator: $0.expectedForReportedMonths.approximateValue)
            },
            measure: .ratio, minimumDenominator: Self.funnelMinimumExpectedUDAs)
    }
}
