import Plot
import PodiumCore

extension ContractsEnding {
    /// GOS contracts ending within six months: a table with the days left, its CSV, and where to record an end date.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let table: Table<Model.Entry>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            table = Table(
                id: "contracts-ending", caption: "GOS contracts ending by \(model.until.label)",
                columns: [
                    Column("contract", "Contract") {
                        .text(
                            $0.contract.number,
                            link: ListLinks.href(
                                PodiumRoute.recordForm(model.icb.code, .gosContracts).path,
                                QueryItems.of([("key", $0.contract.number)])))
                    },
                    Column("kind", "Kind") { .text($0.contract.kind.label) },
                    Column("contractor", "Contractor") { .text($0.contract.contractor) },
                    Column("premises", "Premises") { .text($0.contract.premises) },
                    Column("postcode", "Postcode") { .text($0.contract.premisesPostcode.display) },
                    Column("start", "Started") { .date($0.contract.start) },
                    Column("end", "Ends") { .date($0.end) },
                    Column("days", "Days left", note: "from \(model.today.label)", numeric: true) {
                        .count($0.daysLeft)
                    },
                    Column("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") },
                ], rows: model.ending, footer: nil)
        }

        var downloadName: String { "\(model.icb.code)-gos-contracts-ending" }
        var tables: [AnyTable] { [AnyTable(table)] }

        func document() -> HTML {
            let icb = model.icb
            let path = PodiumRoute.gosContractsEnding(icb.code).path
            return Layout.page(
                title: "GOS contracts ending soon: \(icb.shortName)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Optometry", href: PodiumRoute.optometry(icb.code).path),
                    Crumb(title: "Contracts ending"),
                ],
                content: [
                    Layout.paragraph(
                        "General Ophthalmic Services contracts on the ICB's register whose recorded end date falls between today "
                            + "(\(model.today.label)) and \(model.until.label): decide in time whether to recommission the service, vary the "
                            + "contract or let it end, and tell patients where else to go. GOS contracts are open-ended, so only a contract "
                            + "with an end date recorded appears.",
                        class: "lede"),
                    RecordViews.exampleNotice(model.contracts),
                    model.ending.isEmpty
                        ? Layout.paragraph(
                            "No GOS contract ends by \(model.until.label) (\(Words.count(model.contracts.records.count, "contract")) on the register).",
                            class: "notice")
                        : TableView.whole(
                            table, csv: ListLinks(path: path, request: ListRequest()).csv(),
                            note:
                                "\(Words.count(model.ending.count, "contract")) of \(model.contracts.records.count) on the register, soonest first. "
                        ),
                    .p(
                        .attr("class", "no-print"),
                        Layout.link(
                            "Record an end date on the GOS contracts register",
                            PodiumRoute.records(icb.code, .gosContracts).path)),
                ])
        }
    }
}
