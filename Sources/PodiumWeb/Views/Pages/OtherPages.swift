import PodiumCore
import PodiumData
import Plot

/// Pharmacies or dental practices of an ICB.
enum OrganisationPage {
    static func render<Kind>(
        _ sites: OrganisationList<Kind>, list: SiteList<Kind>, table: Table<Sited<Kind>>, page: ListPage<Sited<Kind>>, links: ListLinks,
        context: PageContext
    ) -> HTML {
        let icb = sites.icb
        let placed = sites.sites.filter { $0.location?.hasCoordinates == true }.count
        return Layout.page(
            title: "\(list.title): \(icb.shortName)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: list.title)],
            sources: sites.sources,
            content: [
                Layout.paragraph(
                    list.intro(icb) + " Coordinates come from the postcode (Code-Point Open); \(TableView.group(placed)) of "
                        + "\(TableView.group(sites.sites.count)) postcodes were found.", class: "lede"),
                TableView.listing(table, page: page, links: links, noun: list.noun),
            ])
    }
}

/// What is loaded, from where, when, under which licence.
enum AboutDataPage {
    static func render(_ table: Table<SourceNote>, context: PageContext) -> HTML {
        Layout.page(
            title: "About the data", context: context, crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: "About the data")],
            content: [
                Layout.paragraph(
                    "Podium shows published open data, imported file by file. Each import is all or nothing and is recorded here with the file's "
                        + "SHA-256 fingerprint; importing the same file again changes nothing. NHSBSA dental activity is in-year management information: "
                        + "provisional until year-end reconciliation.", class: "lede"),
                TableView.whole(table, csv: ListLinks(path: PodiumRoute.aboutData.path, request: ListRequest()).csv(),
                                note: "\(table.rows.filter { $0.record != nil }.count) of \(table.rows.count) datasets imported. "),
            ])
    }
}

/// A friendly error page that says what went wrong and where to go.
enum ErrorPage {
    static func render(status: Int, title: String, message: String, context: PageContext) -> HTML {
        Layout.page(title: title, context: context, content: [
            Layout.paragraph(message, class: "lede"),
            Layout.paragraph("Error \(status)."),
            .p(Layout.link("Go to the list of ICBs", PodiumRoute.home.path)),
        ])
    }
}
