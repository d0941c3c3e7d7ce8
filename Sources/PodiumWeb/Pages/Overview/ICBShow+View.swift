import Plot
import PodiumCore
import PodiumData

extension ICBShow {
    struct View: PageView {
        let model: Model
        let context: PageContext
        let table: Table<SubICBLocationFigures>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            table = Self.subICBLocationsTable(model.subICBLocations)
        }

        var downloadName: String { "\(model.icb.code)-sub-icb-locations" }
        var tables: [AnyTable] { [AnyTable(table)] }

        func document() -> HTML {
            let icb = model.icb
            let names = icb.onsCode2022 == icb.onsCode ? "" : " (\(icb.onsCode2022) until April 2024)"
            return Layout.page(
                title: icb.name, context: context,
                crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName)],
                sources: model.sources,
                content: [
                    Layout.paragraph("ODS code \(icb.code) · ONS code \(icb.onsCode)\(names)", class: "lede"),
                    OverdueApplications.words(model.overdueApplications).map { words in
                        .div(
                            .attr("class", "notice warning"), .attr("role", "status"),
                            .p(
                                .plain(words + " "),
                                Layout.link("Market entry", PodiumRoute.marketEntry(icb.code).path)))
                    } ?? .empty,
                    .div(.attr("class", "figures"), .group(cards)),
                    links,
                    .h2(.plain("Sub-ICB Locations")),
                    TableView.whole(
                        table, csv: ListLinks(path: PodiumRoute.icb(icb.code).path, request: ListRequest()).csv(),
                        note: "\(table.rows.count) Sub-ICB Locations (April 2024 boundaries). "),
                ])
        }

        private var cards: [Node<HTML.BodyContext>] {
            let figures = model.figures
            let year = model.financialYear?.label ?? "no year imported"
            return [
                Layout.figure(
                    "Population", TableView.group(figures.population), source: "ONS Census 2021, usual residents"),
                Layout.figure(
                    "Dental contracts", TableView.group(figures.dentalContracts),
                    source: "NHSBSA dental activity, \(year) (provisional)"),
                Layout.figure(
                    "Contracted UDAs a year", figures.contractedUDAs.rounded(to: 1).formatted,
                    source: "NHSBSA, latest UDA_PERF_TARGET of each contract, \(year)",
                    note: figures.udasPerThousandResidents.map {
                        "\($0.formatted) per 1,000 residents (higher is more capacity)"
                    }),
                Layout.figure(
                    "Contract value a year", figures.contractedValue.roundedForReading,
                    source: "NHSBSA, latest UDA_FIN_VAL of each contract, \(year)",
                    note: "exactly \(figures.contractedValue.formatted)"),
                Layout.figure(
                    "Pharmacies", TableView.group(figures.pharmacies),
                    source: "ODS edispensary, active premises in England"),
                Layout.figure(
                    "Dental practices", TableView.group(figures.dentalPractices),
                    source: "ODS egdpprac, active practices"),
                Layout.figure(
                    "IMD 2025 average rank", figures.imdAverageRank?.formatted ?? "–",
                    source: "MHCLG English Indices of Deprivation 2025",
                    note: figures.imdRankOfAverageRank.map {
                        "\(IoD2025ICBSummary.averageRankDirection); \(Words.ordinal($0)) most deprived of 42 ICBs"
                    }),
            ]
        }

        private var links: Node<HTML.BodyContext> {
            let icb = model.icb.code
            let figures = model.figures
            let items: [(String, PodiumRoute)] = [
                ("Dental contracts (\(TableView.group(figures.dentalContracts)))", .dentalContracts(icb)),
                ("Dental position: mid-year, forecast, clawback", .dentalPosition(icb)),
                ("Need and access: who cannot reach care, and what if a practice closes", .access(icb)),
                (
                    "Pharmaceutical list (\(TableView.group(figures.pharmacies)) pharmacies): ownership and changes",
                    .pharmacies(icb)
                ),
                ("Pharmacy closures and opening hours", .pharmacyClosures(icb)),
                ("Pharmacy market entry and PNAs", .marketEntry(icb)),
                ("Pharmacy First by pharmacy", .icbPharmacyFirst(icb)),
                ("Optometry: GOS contracts, activity and local eye services", .optometry(icb)),
                ("Finance: budget, forecast outturn and what must be committed before 31 March", .finance(icb)),
                ("Dental data checks: implausible published values, flagged", .dentalDataChecks(icb)),
                ("Governance: risk log with heat map, and readiness against the assurance criteria", .governance(icb)),
                (
                    "Providers at risk: dental contracts and pharmacies ranked by early-warning score, with the reasons",
                    .providersAtRisk(icb)
                ),
                ("Dental practices (\(TableView.group(figures.dentalPractices)))", .dentalPractices(icb)),
            ]
            return .ul(.attr("class", "links"), .forEach(items) { .li(Layout.link($0.0, $0.1.path)) })
        }

        static func subICBLocationsTable(_ rows: [SubICBLocationFigures]) -> Table<SubICBLocationFigures> {
            Table(
                id: "sub-icb-locations", caption: "Sub-ICB Locations",
                columns: [
                    Column("code", "ODS code") { .text($0.location.code.rawValue) },
                    Column("ons_code", "ONS code") { .text($0.location.onsCode.rawValue) },
                    Column("name", "Sub-ICB Location") { .text($0.location.name) },
                    Column("lsoas", "LSOAs", note: "2021", numeric: true) { .count($0.lsoas) },
                    Column("population", "Population", note: "Census 2021", numeric: true) { .count($0.population) },
                    Column(
                        "deprived_lsoas", "LSOAs in England's most deprived 20%", note: "IMD 2025 deciles 1–2",
                        numeric: true
                    ) {
                        .count($0.mostDeprivedLSOAs)
                    },
                    Column(
                        "deprived_share", "Share of LSOAs in most deprived 20%", note: "higher is more deprived",
                        numeric: true
                    ) {
                        .percent($0.mostDeprivedShare)
                    },
                ], rows: rows, footer: nil)
        }
    }
}
