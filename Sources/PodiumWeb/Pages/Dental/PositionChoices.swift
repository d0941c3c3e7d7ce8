import Foundation
import PodiumCore

/// What a reader chooses for dental positions, from the query string:
/// `year=2023-24`, `foundation=count`, `overdelivery=110` (pay up to 110 %), `overdelivery_mode=instead`, and
/// `as_of=2023-09`: the positions and forecast as they stood with the data up to that month.
struct PositionChoices: Codable, Sendable {
    var year: String?
    var foundation: String?
    var overdelivery: String?
    var overdeliveryMode: String?
    var asOf: String?

    enum CodingKeys: String, CodingKey {
        case year, foundation, overdelivery
        case overdeliveryMode = "overdelivery_mode"
        case asOf = "as_of"
    }

    /// Everything asked, in one word: what a value built from these choices is kept under.
    var key: String {
        [year, foundation, overdelivery, overdeliveryMode, asOf].map { $0 ?? "" }.joined(separator: "|")
    }

    /// The year asked for: `year`, else the year of `as_of`.
    var requestedYear: String? {
        if let year, !year.isEmpty { return year }
        return asOfMonth.map { FinancialYear(containing: $0).label }
    }

    private var asOfMonth: YearMonth? { asOf.flatMap { $0.isEmpty ? nil : YearMonth($0) } }

    /// The `as_of` month, which must be a month of `year` with data (`months`, oldest first); `nil` when not asked.
    func asOf(in year: FinancialYear, months: [YearMonth]) throws -> YearMonth? {
        guard let asOf, !asOf.isEmpty else { return nil }
        let inYear = months.filter(year.contains)
        guard let month = YearMonth(asOf), inYear.contains(month) else {
            throw WebError.invalid(
                "as_of must be a month of \(year.label) with dental data, as YYYY-MM: "
                    + inYear.map(\.iso).joined(separator: ", ") + ".")
        }
        return month == inYear.last ? nil : month
    }

    var countsFoundationDentists: Bool { foundation == "count" }

    /// The ICB's over-delivery scheme, if one was chosen.
    func scheme() throws -> OverDeliveryScheme? {
        guard let overdelivery, !overdelivery.isEmpty else { return nil }
        guard let limit = try? ScaledDecimal.parse(overdelivery, scale: 2), (10_001...20_000).contains(limit) else {
            throw WebError.invalid(
                "overdelivery is the percentage of target a scheme pays up to, above 100 and at most 200 (for example 110)."
            )
        }
        let mode: OverDeliveryMode
        switch overdeliveryMode ?? "above" {
        case "above": mode = .payAboveCarryForward
        case "instead": mode = .payInsteadOfCarryForward
        default: throw WebError.invalid("overdelivery_mode must be above or instead.")
        }
        return OverDeliveryScheme(payUpTo: Percentage(basisPoints: limit), mode: mode)
    }

    /// The year's default rules with the reader's choices.
    func settings(for year: FinancialYear) throws -> PositionSettings {
        var settings = PositionSettings.standard(for: year)
        settings.countsFoundationDentistUDAs = countsFoundationDentists
        settings.rules.overDeliveryScheme = try scheme()
        return settings
    }

    /// The choices as query items, to keep them in links.
    var queryItems: [URLQueryItem] {
        QueryItems.of([
            ("year", year), ("foundation", foundation), ("overdelivery", overdelivery),
            ("overdelivery_mode", overdeliveryMode), ("as_of", asOf),
        ])
    }

    /// "Foundation dentists' UDAs not counted; no over-delivery scheme."
    func summary(_ settings: PositionSettings) -> String {
        var parts = [settings.rules.note]
        parts.append(
            settings.countsFoundationDentistUDAs
                ? "foundation dentists' UDAs counted" : "foundation dentists' UDAs not counted (as NHSBSA)")
        if let scheme = settings.rules.overDeliveryScheme {
            parts.append(
                "over-delivery paid up to \(scheme.payUpTo.formatted)"
                    + (scheme.mode == .payInsteadOfCarryForward
                        ? " instead of the carry-forward credit" : " above the carry-forward credit"))
        } else {
            parts.append("no over-delivery scheme")
        }
        return parts.joined(separator: "; ")
    }
}
