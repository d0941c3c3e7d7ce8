import Plot
import PodiumCore
import PodiumData

extension PharmacyShow {
    /// One pharmacy.
    struct View: PageView {
        let model: Model
        let context: PageContext
        let events: Table<PharmacyEvent>
        let closures: Table<StoredRecord>
        let income: Table<PharmacyFirstIncomeRow>
        let signals: Table<SignalReading>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            events = PharmacyViews.eventsTable(model.events)
            closures = RecordViews.table(
                model.closures ?? ICBRecords(template: .pharmacyClosures, records: []), icb: model.register?.icb.code)
            income = PharmacyViews.incomeTable(model.income, id: "pharmacy-first", caption: "Pharmacy First")
            signals = WarningViews.breakdownTable(model.warning?.readings ?? [])
        }

        var downloadName: String { model.sited.organisation.code.rawValue }
        var tables: [AnyTable] { [AnyTable(events), AnyTable(closures), AnyTable(income), AnyTable(signals)] }

        func document() -> HTML {
            let sited = model.sited
            let register = model.register
            let pharmacy = sited.organisation
            let csv = PharmacyViews.csv(PodiumRoute.pharmacy(pharmacy.code).path)
            var trail = [Crumb(title: "England", href: PodiumRoute.home.path)]
            if let icb = register?.icb {
                trail += [
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Pharmacies", href: PodiumRoute.pharmacies(icb.code).path),
                ]
            }
            trail.append(Crumb(title: pharmacy.code.rawValue))
            let shownIncome = Table(
                id: income.id, caption: "Pharmacy First and its fees", columns: income.columns, rows: income.rows,
                footer: nil)
            let hours = model.hours.map {
                "\(WeeklyHours.hoursText($0.coreMinutes)) core and \(WeeklyHours.hoursText($0.supplementaryMinutes)) supplementary hours a week, from \($0.effectiveFrom.label)"
            }
            return Layout.page(
                title: "\(pharmacy.name) (\(pharmacy.code))", context: context, crumbs: trail,
                sources: register?.sources ?? [],
                content: [
                    .dl(
                        .attr("class", "facts"),
                        .dt(.plain("Status in ODS")), .dd(.plain(pharmacy.status.label)),
                        .dt(.plain("Contract type")),
                        .dd(.plain(register?.contractType(of: pharmacy).label ?? pharmacy.subTypeLabel)),
                        .dt(.plain("Address")),
                        .dd(.plain((pharmacy.addressLines + [pharmacy.postcode.display]).joined(separator: ", "))),
                        .dt(.plain("Parent organisation")), .dd(.plain(pharmacy.parentCode ?? "none")),
                        .dt(.plain("Health and Wellbeing Board")),
                        .dd(.plain(register?.boardName(sited.location?.healthAndWellbeingBoard) ?? "")),
                        .dt(.plain("Opened")), .dd(.plain(pharmacy.openDate?.label ?? "")),
                        .dt(.plain("Closed")), .dd(.plain(pharmacy.closeDate?.label ?? "")),
                        .dt(.plain("Opening hours in force")), .dd(.plain(hours ?? "none recorded")),
                        .dt(.plain("Nearest other open pharmacy")),
                        .dd(
                            .plain(
                                model.nearest.map {
                                    "\($0.site.name) (\($0.site.code)), \(TableView.group($0.metres)) m"
                                }
                                    ?? "not known (no location)"))
                    ),
                    .h2(.plain("Changes on the register")),
                    TableView.whole(events, csv: csv(events.id)),
                    .unwrap(model.closures) { records in
                        .group(
                            RecordViews.exampleNotice(records), .h2(.plain("Closures")),
                            TableView.whole(closures, csv: csv(records.template.id)))
                    },
                    .h2(.plain("Pharmacy First")),
                    income.rows.isEmpty
                        ? Layout.paragraph("No monthly Pharmacy First activity recorded for this pharmacy.")
                        : TableView.whole(shownIncome, csv: csv(income.id)),
                    .if(
                        model.isScored,
                        WarningViews.section(
                            model.warning, provider: pharmacy.code.rawValue, icb: register?.icb.code,
                            csv: csv(signals.id), context: context)),
                ])
        }
    }
}
