import Foundation
import Plot
import PodiumCore

extension DentalDataChecks {
    /// The data checks list: one row per implausible value, with what was seen and the threshold it crossed.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let table: Table<Model.Entry>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            table = Table(
                id: "data-checks", caption: "Implausible published values, \(model.financialYear.label)",
                columns: [
                    Column("contract", "Contract") {
                        .text(
                            $0.check.contract.rawValue,
                            link: ListLinks.href(
                                PodiumRoute.dentalContract($0.check.contract).path,
                                [URLQueryItem(name: "year", value: model.financialYear.parameter)]))
                    },
                    Column("provider", "Provider") { .text($0.provider) },
                    Column("check", "Check") { .text($0.check.kind.label) },
                    Column("month", "Seen in") { .text($0.check.month.label) },
                    Column("seen", "What was seen") { .text($0.check.words) },
                ], rows: model.checks, footer: nil)
        }

        var downloadName: String {
            "\(model.icb.code)-dental-data-checks-\(DownloadName.year(model.financialYear))"
        }
        var tables: [AnyTable] { [AnyTable(table)] }

        func document() -> HTML {
            let icb = model.icb
            let path = PodiumRoute.dentalDataChecks(icb.code).path
            let t = model.thresholds
            let contracts = Set(model.checks.map(\.check.contract)).count
            return Layout.page(
                title: "Dental data checks: \(icb.shortName), \(model.financialYear.label)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Dental data checks"),
                ],
                sources: model.sources,
                content: [
                    YearNavigation(choice: model.yearChoice, path: path, hasDeadlines: false).block(),
                    Layout.paragraph(
                        "Published NHSBSA values that look implausible, flagged rather than silently used: a value per UDA outside "
                            + "\(Money(pence: t.udaValue.lowerBound).formatted)–\(Money(pence: t.udaValue.upperBound).formatted), a target of 1 to \(t.tinyTarget) UDAs, "
                            + "delivery above \(t.deliveryPercent)% of the target for the months reported, or a target moving by more than \(t.targetMovePercent)% in a month. "
                            + "The thresholds are Podium's, not published rules. Each flagged figure carries a caveat wherever it is shown; check it with NHSBSA before relying on it.",
                        class: "lede"),
                    Layout.paragraph(
                        "\(TableView.group(model.checks.count)) check\(model.checks.count == 1 ? "" : "s") on \(TableView.group(contracts)) of \(TableView.group(model.contractsChecked)) contracts. Fewer is better.",
                        class: "direction"),
                    TableView.whole(
                        table,
                        csv: ListLinks(
                            path: path, request: ListRequest(),
                            extra: QueryItems.of([("year", model.financialYear.parameter)])
                        ).csv(), note: ""),
                ])
        }
    }
}
