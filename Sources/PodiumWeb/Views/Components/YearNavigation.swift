import Foundation
import Plot
import PodiumCore

/// Links to every financial year with dental activity, the one shown marked, each said to be final or in progress,
/// and how old the latest month is: so no page calls a past year "current".
struct YearNavigation: Sendable {
    var choice: YearChoice
    /// The page's address and its other query items (the year replaces its own).
    var path: String
    var extra: [URLQueryItem] = []
    /// Whether the page shows deadlines (a past year's are said to have passed).
    var hasDeadlines = true

    var years: [ActivityCoverage] { choice.years }
    var shown: FinancialYear { choice.shown }
    var today: CalendarDate { choice.today }
    var latestMonth: YearMonth? { choice.latestMonth }

    /// "2023/24 is final: from the twelve months' data. The latest month of data is September 2025, 14 months old on …"
    var sentence: String {
        guard let shownCoverage = choice.shownCoverage else { return "" }
        var text: String
        if shownCoverage.isComplete {
            text = "\(shown.label) is final: from the twelve months' data."
        } else if choice.yearHasEnded {
            text =
                "\(shown.label) ended on \(shown.lastDay.label), but the data so far holds \(shownCoverage.summary): its year end is projected from those months."
        } else {
            text = "\(shown.label) is in progress (data for \(shownCoverage.summary)): its year end is projected."
        }
        if let latestMonth {
            text +=
                " The latest month of data is \(latestMonth.label), \(DataAge(latestMonth: latestMonth, today: today).words)."
        }
        if hasDeadlines && choice.yearHasEnded { text += " Its deadlines have passed." }
        return text
    }

    func render() -> Node<HTML.BodyContext> {
        .nav(
            .attr("class", "years no-print"), .attr("aria-label", "Financial years"),
            .p(.attr("class", "years-label"), .plain("Financial year:")),
            .ul(
                .forEach(years.reversed()) { coverage in
                    let year = coverage.financialYear
                    let months = coverage.monthsPresent.count
                    let label = year.label + (coverage.isComplete ? "" : " (\(months) month\(months == 1 ? "" : "s"))")
                    return .li(
                        year == shown
                            ? .span(.attr("aria-current", "page"), .plain(label))
                            : .a(
                                .attr(
                                    "href",
                                    ListLinks.href(
                                        path,
                                        extra.filter { $0.name != "year" && $0.name != "as_of" } + [
                                            URLQueryItem(name: "year", value: year.parameter)
                                        ])),
                                .plain(label)))
                })
        )
    }

    /// The navigation and the sentence under it.
    func block() -> Node<HTML.BodyContext> {
        .group(render(), Layout.paragraph(sentence, class: "data-age"))
    }
}
