import Plot
import PodiumCore
import PodiumData

extension PharmacyIndex {
    /// The pharmaceutical list: figures by contract type, market share, changes on the register and the register itself.
    struct View: PageView {
        let model: Model
        let links: ListLinks
        let context: PageContext
        let table: Table<Sited<PharmacyCodeKind>>
        let shares: Table<PharmacyOwnerShare>
        let events: Table<PharmacyEvent>

        init(_ model: Model, request: ListRequest, context: PageContext) {
            self.model = model
            self.context = context
            table = Self.registerTable(model.register)
            shares = Self.sharesTable(model.shares)
            events = PharmacyViews.eventsTable(model.events)
            links = ListLinks(
                path: PodiumRoute.pharmacies(model.register.icb.code).path, request: table.accepting(request))
        }

        var downloadName: String { "\(model.register.icb.code)-pharmacies" }
        var tables: [AnyTable] { [AnyTable(table, request: links.request), AnyTable(shares), AnyTable(events)] }

        func document() -> HTML {
            let register = model.register
            let icb = register.icb
            let csv = PharmacyViews.csv(PodiumRoute.pharmacies(icb.code).path)
            let recent = Table(
                id: events.id, caption: events.caption, columns: events.columns,
                rows: Array(events.rows.prefix(Model.recentEvents)), footer: nil)
            return Layout.page(
                title: "Pharmaceutical list: \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Pharmacies"),
                sources: register.sources,
                content: [
                    Layout.paragraph(
                        "Open pharmacies and dispensing appliance contractors with \(icb.name) as their ICB in ODS edispensary. ODS does not mark "
                            + "distance-selling or LPS contracts: record them under contract types. The Health and Wellbeing Board is the upper-tier "
                            + "local authority of the postcode (Code-Point Open).", class: "lede"),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure("Pharmacies", TableView.group(register.sites.count), source: "ODS edispensary"),
                        .forEach(model.byType) { type, count in
                            Layout.figure(
                                type.label, TableView.group(count),
                                source: type == .community
                                    ? "ODS, unless recorded otherwise" : "ODS sub-type and local list")
                        },
                        Layout.figure(
                            "Health and Wellbeing Boards", TableView.group(register.boards.count),
                            source: "postcode's local authority")
                    ),
                    .ul(
                        .attr("class", "links no-print"),
                        .li(Layout.link("Closures and opening hours", PodiumRoute.pharmacyClosures(icb.code).path)),
                        .li(Layout.link("Market entry and PNAs", PodiumRoute.marketEntry(icb.code).path)),
                        .li(Layout.link("Pharmacy First by pharmacy", PodiumRoute.icbPharmacyFirst(icb.code).path)),
                        .li(Layout.link("Contract types", PodiumRoute.records(icb.code, .pharmacyContractTypes).path))
                    ),
                    .h2(.plain("Market share by parent organisation")),
                    Layout.paragraph(
                        "ODS gives each pharmacy's parent organisation (head office) by code; the name shown is the commonest trading name of its pharmacies here."
                    ),
                    TableView.whole(shares, csv: csv(shares.id)),
                    .h2(.plain("Changes on the register")),
                    Layout.paragraph(
                        "Read from ODS: opening and closing dates, joins to a new parent organisation, a new code opening at the premises of one that closed "
                            + "(a change of ownership that takes a new code), and — when a newer extract is imported — every difference from the one before."
                    ),
                    TableView.whole(
                        recent, csv: csv(events.id),
                        note: "The latest \(recent.rows.count) of \(TableView.group(events.rows.count)) changes. "),
                    .h2(.plain("The register")),
                    TableView.listing(table, page: table.page(links.request), links: links, noun: "pharmacies"),
                ])
        }

        static func registerTable(_ register: PharmacyRegister) -> Table<Sited<PharmacyCodeKind>> {
            Table(
                id: "pharmacies", caption: "Pharmacies and appliance contractors",
                columns: [
                    Column("code", "ODS code") {
                        .text($0.organisation.code.rawValue, link: PodiumRoute.pharmacy($0.organisation.code).path)
                    },
                    Column("name", "Name") { .text($0.organisation.name) },
                    Column("type", "Contract type") { .text(register.contractType(of: $0.organisation).label) },
                    Column("parent", "Parent organisation", note: "ODS code") { .text($0.organisation.parentCode) },
                    Column("postcode", "Postcode") { .text($0.organisation.postcode.display) },
                    Column("hwb", "Health and Wellbeing Board") { .text(register.boardName(register.board(of: $0))) },
                    Column("opened", "Opened") { .date($0.organisation.openDate) },
                    Column("easting", "Easting", note: "metres, BNG", numeric: true) {
                        .coordinate(SiteList<PharmacyCodeKind>.placed($0)?.grid.easting, decimals: 0)
                    },
                    Column("northing", "Northing", note: "metres, BNG", numeric: true) {
                        .coordinate(SiteList<PharmacyCodeKind>.placed($0)?.grid.northing, decimals: 0)
                    },
                    Column("latitude", "Latitude", numeric: true) {
                        .coordinate(SiteList<PharmacyCodeKind>.placed($0)?.position.latitude, decimals: 6)
                    },
                    Column("longitude", "Longitude", numeric: true) {
                        .coordinate(SiteList<PharmacyCodeKind>.placed($0)?.position.longitude, decimals: 6)
                    },
                ], rows: register.sites, footer: nil)
        }

        static func sharesTable(_ shares: [PharmacyOwnerShare]) -> Table<PharmacyOwnerShare> {
            Table(
                id: "owners", caption: "Market share by parent organisation",
                columns: [
                    Column("parent", "Parent organisation", note: "ODS code") { .text($0.parent ?? "none") },
                    Column("name", "Commonest trading name") { .text($0.commonName) },
                    Column("pharmacies", "Pharmacies", numeric: true) { .count($0.pharmacies) },
                    Column("share", "Share of the ICB's pharmacies", numeric: true) { .percent($0.share) },
                ], rows: shares, footer: nil)
        }
    }
}
