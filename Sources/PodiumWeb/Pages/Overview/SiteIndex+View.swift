import Plot
import PodiumCore
import PodiumData

extension SiteIndex {
    /// Pharmacies or dental practices of an ICB.
    struct View<Kind: ODSKindTable>: PageView {
        let model: Model<Kind>
        let list: SiteList<Kind>
        let links: ListLinks
        let context: PageContext
        let table: Table<Sited<Kind>>

        init(_ model: Model<Kind>, list: SiteList<Kind>, request: ListRequest, context: PageContext) {
            self.model = model
            self.list = list
            self.context = context
            table = list.table(model.sites)
            links = ListLinks(path: list.route(model.icb.code).path, request: table.accepting(request))
        }

        var downloadName: String { "\(model.icb.code)-\(list.id)" }
        var tables: [AnyTable] { [AnyTable(table, request: links.request)] }

        func document() -> HTML {
            let icb = model.icb
            return Layout.page(
                title: "\(list.title): \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: list.title),
                ],
                sources: model.sources,
                content: [
                    Layout.paragraph(
                        list.intro(icb)
                            + " Coordinates come from the postcode (Code-Point Open); \(TableView.group(model.placed)) of "
                            + "\(TableView.group(model.sites.count)) postcodes were found.", class: "lede"),
                    TableView.listing(table, page: table.page(links.request), links: links, noun: list.noun),
                ])
        }
    }
}

extension SiteList {
    /// The sites as a table: the page, its CSV and the API's sort keys.
    func table(_ rows: [Sited<Kind>]) -> Table<Sited<Kind>> {
        let typeLabel = self.typeLabel
        return Table(
            id: id, caption: caption,
            columns: [
                Column("code", "ODS code") { .text($0.organisation.code.rawValue) },
                Column("name", "Name") { .text($0.organisation.name) },
                Column("address", "Address") { .text($0.organisation.addressLines.joined(separator: ", ")) },
                Column("postcode", "Postcode") { .text($0.organisation.postcode.display) },
                Column("type", "Type") { .text(typeLabel($0.organisation)) },
                Column("parent", "Parent organisation", note: "ODS code") { .text($0.organisation.parentCode) },
                Column("opened", "Opened") { .date($0.organisation.openDate) },
                Column("easting", "Easting", note: "metres, BNG", numeric: true) {
                    .coordinate(Self.placed($0)?.grid.easting, decimals: 0)
                },
                Column("northing", "Northing", note: "metres, BNG", numeric: true) {
                    .coordinate(Self.placed($0)?.grid.northing, decimals: 0)
                },
                Column("latitude", "Latitude", numeric: true) {
                    .coordinate(Self.placed($0)?.position.latitude, decimals: 6)
                },
                Column("longitude", "Longitude", numeric: true) {
                    .coordinate(Self.placed($0)?.position.longitude, decimals: 6)
                },
            ], rows: rows, footer: nil)
    }

    /// The postcode's location when Code-Point could place it.
    static func placed(_ site: Sited<Kind>) -> PostcodeLocation? {
        site.location.flatMap { $0.hasCoordinates ? $0 : nil }
    }
}
