import Plot
import PodiumCore

/// A link in the breadcrumb trail; the last one is the current page.
struct Crumb {
    var title: String
    var href: String?
}

/// The page shell: header, breadcrumbs, main content, sources, footer. Print-friendly through the stylesheet.
enum Layout {
    /// - Parameter print: the running header and footer of the printed pages (default: the page's title, and
    ///   "Podium"); page numbers come from the stylesheet.
    static func page(
        title: String, context: PageContext, crumbs: [Crumb] = [], sources: [SourceNote] = [],
        inlineStyles: Bool = false, print: PrintMarks? = nil,
        content: [Node<HTML.BodyContext>]
    ) -> HTML {
        let marks = print ?? PrintMarks(header: title, footer: "Printed from Podium")
        return HTML(
            .attribute(named: "lang", value: "en-GB"),
            .head(
                .meta(.charset(.utf8)),
                .meta(.attr("name", "viewport"), .attr("content", "width=device-width, initial-scale=1")),
                .element(named: "title", nodes: [.plain("\(title) – Podium")]),
                // A page printed to PDF from a file has no server to fetch the stylesheet from, so it carries it inline.
                inlineStyles
                    ? .element(named: "style", nodes: [.raw(Stylesheet.css)])
                    : .link(.attr("rel", "stylesheet"), .attr("href", PodiumRoute.stylesheet.path)),
                .link(.attr("rel", "icon"), .attr("type", "image/svg+xml"), .attr("href", PodiumRoute.icon.path)),
                .element(
                    named: "style",
                    nodes: [.unwrap(context.styleNonce) { .attr("nonce", $0) }, .raw(marks.css)])
            ),
            .body(
                .header(
                    .attr("class", "site-header"),
                    .a(.attr("href", PodiumRoute.home.path), .attr("class", "brand"), .plain("Podium")),
                    .span(
                        .attr("class", "tagline"),
                        .plain("Commissioning workbench for pharmacy, optometry and dentistry")),
                    .nav(
                        .attr("class", "site-nav no-print"), .attr("aria-label", "Site"),
                        .a(.attr("href", PodiumRoute.home.path), .plain("England")),
                        .a(.attr("href", PodiumRoute.englandDentalPosition.path), .plain("Dental position")),
                        .a(.attr("href", PodiumRoute.englandAccess.path), .plain("Need and access")),
                        .a(.attr("href", PodiumRoute.pharmacyFirst.path), .plain("Pharmacy First")),
                        .a(.attr("href", PodiumRoute.englandFinance.path), .plain("Finance")),
                        .a(.attr("href", PodiumRoute.aboutData.path), .plain("About the data"))
                    ),
                    account(context)
                ),
                breadcrumbs(crumbs),
                .main(.attr("id", "content"), .h1(.plain(title)), .group(content), sourcesSection(sources)),
                .footer(
                    .attr("class", "site-footer"),
                    .p(
                        // The version and database are for the people who run it, not for anyone who finds the
                        // sign-in page.
                        .plain(
                            (context.viewer == nil
                                ? "Podium · " : "Podium \(context.version) · \(context.databaseLabel) · ")
                                + "Every figure is an aggregate; no patient-identifiable data is held. Open data under the Open Government Licence v3.0; see "
                        ),
                        .a(.attr("href", PodiumRoute.aboutData.path), .plain("About the data")), .plain("."))
                )
            )
        )
    }

    /// The text in a printed page's margins.
    struct PrintMarks: Sendable {
        var header: String
        var footer: String

        /// `@page` margin boxes carrying the text as CSS strings (quotes, backslashes, `<`, `>` and `&` escaped as CSS
        /// hex escapes, so nothing ends the style element or the string, and no markup appears raw).
        var css: String {
            "@media print { @page { @top-left { content: \(Self.quoted(header)); } "
                + "@bottom-left { content: \(Self.quoted(footer)); } } }"
        }

        static func quoted(_ text: String) -> String {
            var out = "\""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\"", "'", "\\", "<", ">", "&": out += "\\" + String(scalar.value, radix: 16) + " "
                case "\n", "\r": out += " "
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out + "\""
        }
    }

    /// Who is signed in, with their account, the administration page and signing out; or a link to sign in.
    private static func account(_ context: PageContext) -> Node<HTML.BodyContext> {
        guard let viewer = context.viewer else {
            return .nav(
                .attr("class", "account no-print"), .attr("aria-label", "Account"),
                .a(.attr("href", PodiumRoute.signIn.path), .plain("Sign in")))
        }
        return .nav(
            .attr("class", "account no-print"), .attr("aria-label", "Account"),
            .a(
                .attr("href", PodiumRoute.account.path), .attr("title", viewer.user.grant.role.label),
                .plain(viewer.user.name)),
            .a(.attr("href", PodiumRoute.digest.path), .plain("Digest")),
            .if(context.isAdministrator, .a(.attr("href", PodiumRoute.adminUsers.path), .plain("Users"))),
            .unwrap(viewer.csrfToken) { token in
                .form(
                    .attr("method", "post"), .attr("action", PodiumRoute.signOut.path), .attr("class", "inline"),
                    .input(.attr("type", "hidden"), .attr("name", CSRF.field), .attr("value", token)),
                    .button(.attr("type", "submit"), .plain("Sign out")))
            })
    }

    /// The hidden field every form that posts carries: the session's CSRF token (checked by ``AccessMiddleware``).
    static func csrfField(_ context: PageContext) -> Node<HTML.FormContext> {
        .input(.attr("type", "hidden"), .attr("name", CSRF.field), .attr("value", context.viewer?.csrfToken ?? ""))
    }

    private static func breadcrumbs(_ crumbs: [Crumb]) -> Node<HTML.BodyContext> {
        guard !crumbs.isEmpty else { return .empty }
        return .nav(
            .attr("class", "breadcrumbs"), .attr("aria-label", "Breadcrumb"),
            .ol(
                .forEach(crumbs) { crumb in
                    .li(
                        crumb.href.map { .a(.attr("href", $0), .plain(crumb.title)) }
                            ?? .span(.attr("aria-current", "page"), .plain(crumb.title)))
                })
        )
    }

    private static func sourcesSection(_ sources: [SourceNote]) -> Node<HTML.BodyContext> {
        guard !sources.isEmpty else { return .empty }
        return .section(
            .attr("class", "sources"),
            .h2(.plain("Sources and how current they are")),
            .ul(.forEach(sources) { .li(.plain($0.sentence)) })
        )
    }

    /// A headline figure: value, label, and the dataset it comes from.
    static func figure(_ label: String, _ value: String, source: String, note: String? = nil) -> Node<HTML.BodyContext>
    {
        .div(
            .attr("class", "figure"),
            .p(.attr("class", "figure-value"), .plain(value)),
            .p(.attr("class", "figure-label"), .plain(label)),
            .unwrap(note) { .p(.attr("class", "figure-note"), .plain($0)) },
            .p(.attr("class", "figure-source"), .plain("Source: \(source)"))
        )
    }

    static func paragraph(_ text: String, class name: String? = nil) -> Node<HTML.BodyContext> {
        .p(.unwrap(name) { .attr("class", $0) }, .plain(text))
    }

    static func link(_ text: String, _ href: String) -> Node<HTML.BodyContext> {
        .a(.attr("href", href), .plain(text))
    }
}

extension SourceNote {
    /// The dataset, its coverage and when it was imported, in a sentence.
    var sentence: String {
        var text = dataset.citation + "; " + dataset.coverage
        if let detail { text += "; " + detail }
        if let age { text += "; " + age }
        if let record {
            text += ". Imported \(DateText.long(record.importedAt)) from \(record.fileName)."
        } else {
            text += ". Not imported yet."
        }
        return text
    }
}
