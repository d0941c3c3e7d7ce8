import Plot
import PodiumCore

/// The GET form that changes position settings: foundation dentists and an over-delivery scheme.
enum SettingsForm {
    static func render(path: String, choices: PositionChoices, settings: PositionSettings) -> Node<HTML.BodyContext> {
        let credit = settings.rules.creditAllowance.formatted
        return .group(
            Layout.paragraph("Rules: \(choices.summary(settings)).", class: "lede"),
            .form(
                .attr("method", "get"), .attr("action", path), .attr("class", "settings no-print"),
                .unwrap(choices.year) { .input(.attr("type", "hidden"), .attr("name", "year"), .attr("value", $0)) },
                .label(.attr("for", "s-foundation"), .plain("Foundation dentists' UDAs")),
                .select(
                    .attr("id", "s-foundation"), .attr("name", "foundation"),
                    .choice("exclude", "not counted (as NHSBSA)", selected: !choices.countsFoundationDentists),
                    .choice("count", "counted toward the target", selected: choices.countsFoundationDentists)
                ),
                .label(.attr("for", "s-overdelivery"), .plain("Over-delivery scheme pays up to (%)")),
                .input(
                    .attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "s-overdelivery"),
                    .attr("name", "overdelivery"),
                    .attr("value", choices.overdelivery ?? ""), .attr("placeholder", "none, or e.g. 110"),
                    .attr("size", "8")),
                .select(
                    .attr("name", "overdelivery_mode"),
                    .attr("aria-label", "How the scheme meets the carry-forward credit"),
                    .choice("above", "above the \(credit) credit", selected: choices.overdeliveryMode != "instead"),
                    .choice(
                        "instead", "instead of the \(credit) credit", selected: choices.overdeliveryMode == "instead")
                ),
                .button(.attr("type", "submit"), .plain("Apply"))
            )
        )
    }
}

/// Headline figures of a portfolio, shared by the ICB and England pages.
enum DentalPositionFigures {
    /// "As it stood at the end of September 2023 …" when `as_of` is chosen.
    static func asOfNotice(_ choices: PositionChoices) -> Node<HTML.BodyContext> {
        guard let text = choices.asOf, !text.isEmpty, let month = YearMonth(text) else { return .empty }
        return Layout.paragraph(
            "As it stood at the end of \(month.label): only the data up to that month is used, and the forecast learns only from the complete years before this one. What we knew then, not what happened after.",
            class: "notice")
    }

    static func cards(_ portfolio: PortfolioPosition, settings: PositionSettings) -> [Node<HTML.BodyContext>] {
        let range = portfolio.projectedClawbackRange
        let status = portfolio.yearEndStatus
        let final = status != .projected
        var contractsNote: String?
        if portfolio.notInLatestData > 0 {
            contractsNote = "\(portfolio.notInLatestData) not in the latest month's data: no forecast"
        } else if portfolio.leftDuringYear > 0 {
            contractsNote = "\(portfolio.leftDuringYear) left during the year: reconciled for the months they ran"
        }
        var cards: [Node<HTML.BodyContext>] = [
            Layout.figure(
                "Contracts", TableView.group(portfolio.contracts.count), source: "NHSBSA dental activity (provisional)",
                note: contractsNote),
            Layout.figure(
                "Against the working-day profile", portfolio.againstProfile.percentText ?? "–",
                source: "UDAs delivered ÷ expected for the months reported", note: "higher is better"),
            Layout.figure(
                "Flagged at mid-year", TableView.group(portfolio.flaggedCount),
                source: "GDS Regs Sch 3 para 58",
                note: "below \(settings.midYearThreshold.formatted) of the target at 30 September, April–September"),
            final
                ? Layout.figure(
                    "Clawback (\(status.shortLabel))", portfolio.projectedClawback.roundedForReading,
                    source: "year-end rules on the twelve months' delivery",
                    note: status == .estimate ? "the pandemic year's rules are [unconfirmed]" : "lower is better")
                : portfolio.clawbackInterval.map { interval in
                    Layout.figure(
                        "Projected clawback", portfolio.projectedClawback.roundedForReading,
                        source:
                            "year-end rules on the learned forecast (pace would say \(portfolio.projectedClawbackAtPace.roundedForReading))",
                        note: "\(interval.low.roundedForReading) – \(interval.high.roundedForReading), 80% likely")
                }
                    ?? Layout.figure(
                        "Projected clawback", portfolio.projectedClawback.roundedForReading,
                        source: "year-end rules at the year-to-date pace",
                        note: "range \(range.atHigherPace.roundedForReading) – \(range.atLowerPace.roundedForReading)"),
        ]
        // The underspend is the clawback plus value released by variations: a card of its own only when they differ.
        if portfolio.valueReleasedByVariations.pence != 0 {
            cards.append(
                Layout.figure(
                    final ? "Underspend (\(status.shortLabel))" : "Projected underspend",
                    portfolio.projectedUnderspend.roundedForReading,
                    source:
                        "clawback + \(portfolio.valueReleasedByVariations.roundedForReading) released by recorded variations",
                    note: final ? "recovered after the year end" : "to be recovered and reinvested"))
        } else {
            cards.append(
                Layout.figure(
                    final ? "Underspend (\(status.shortLabel))" : "Projected underspend", "the clawback",
                    source: "no recorded variation releases value",
                    note: final ? "recovered after the year end" : "to be recovered and reinvested"))
        }
        if portfolio.projectedOverDeliveryPayments.pence > 0 {
            cards.append(
                Layout.figure(
                    "Over-delivery payments", portfolio.projectedOverDeliveryPayments.roundedForReading,
                    source: "the chosen over-delivery scheme"))
        }
        return cards
    }
}
