import Plot

/// A long page's sections, listed at its top so a reader can jump to one (NHS.UK's "contents" pattern); each
/// section's heading is drawn from here, so the list and the headings cannot drift apart.
struct OnThisPage {
    let sections: [(id: String, title: String)]

    init(_ sections: [(id: String, title: String)]) { self.sections = sections }

    /// The list, for the top of the page (not printed: a paper has its own headings).
    var nav: Node<HTML.BodyContext> {
        .nav(
            .attr("class", "on-this-page no-print"), .attr("aria-labelledby", "on-this-page"),
            .h2(.attr("id", "on-this-page"), .plain("On this page")),
            .ul(.forEach(sections) { section in .li(.a(.href("#\(section.id)"), .plain(section.title))) }))
    }

    /// The `<h2>` of section `id`.
    func heading(_ id: String) -> Node<HTML.BodyContext> {
        let title = sections.first { $0.id == id }?.title ?? id
        return .h2(.attr("id", id), .plain(title))
    }
}
