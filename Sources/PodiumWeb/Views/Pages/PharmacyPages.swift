import Plot
import PodiumCore
import PodiumData

/// Pages of pharmacy commissioning: the register, one pharmacy, closures and hours, market entry and PNAs,
/// Pharmacy First by pharmacy.
enum PharmacyPages {
    static func crumbs(_ icb: ICB, _ title: String) -> [Crumb] {
        [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path), Crumb(title: title)]
    }

    static func csv(_ path: String) -> (String) -> String { { ListLinks(path: path, request: ListRequest()).csv(table: $0) } }

    // MARK: Register

    static func registerTable(_ register: PharmacyRegister) -> Table<Sited<PharmacyCodeKind>> {
        Table(id: "pharmacies", caption: "Pharmacies and appliance contractors", columns: [
            Column("code", "ODS code") { .text($0.organisation.code.rawValue, link: PodiumRoute.pharmacy($0.organisation.code).path) },
            Column("name", "Name") { .text($0.organisation.name) },
            Column("type", "Contract type") { .text(register.contractType(of: $0.organisation).label) },
            Column("parent", "Parent organisation", note: "ODS code") { .text($0.organisation.parentCode) },
            Column("postcode", "Postcode") { .text($0.organisation.postcode.display) },
            Column("hwb", "Health and Wellbeing Board") { .text(register.boardName(register.board(of: $0))) },
            Column("opened", "Opened") { .date($0.organisation.openDate) },
            Column("easting", "Easting", note: "metres, BNG", numeric: true) { .coordinate(Tables.placed($0)?.grid.easting, decimals: 0) },
            Column("northing", "Northing", note: "metres, BNG", numeric: true) { .coordinate(Tables.placed($0)?.grid.northing, decimals: 0) },
            Column("latitude", "Latitude", numeric: true) { .coordinate(Tables.placed($0)?.position.latitude, decimals: 6) },
            Column("longitude", "Longitude", numeric: true) { .coordinate(Tables.placed($0)?.position.longitude, decimals: 6) },
        ], rows: register.sites, footer: nil)
    }

    static func sharesTable(_ shares: [PharmacyOwnerShare]) -> Table<PharmacyOwnerShare> {
        Table(id: "owners", caption: "Market share by parent organisation", columns: [
            Column("parent", "Parent organisation", note: "ODS code") { .text($0.parent ?? "none") },
            Column("name", "Commonest trading name") { .text($0.commonName) },
            Column("pharmacies", "Pharmacies", numeric: true) { .count($0.pharmacies) },
            Column("share", "Share of the ICB's pharmacies", numeric: true) { .percent($0.share) },
        ], rows: shares, footer: nil)
    }

    static func eventsTable(_ events: [PharmacyEvent]) -> Table<PharmacyEvent> {
        Table(id: "events", caption: "Openings, closures and changes of ownership", columns: [
            Column("date", "Date") { .date($0.date) },
            Column("code", "ODS code") { .text($0.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.pharmacy).path) },
            Column("kind", "Change") { .text($0.kind.label) },
            Column("detail", "Detail") { .text($0.detail) },
        ], rows: events, footer: nil)
    }

    static func register(
        _ register: PharmacyRegister, table: Table<Sited<PharmacyCodeKind>>, page: ListPage<Sited<PharmacyCodeKind>>, links: ListLinks,
        shares: Table<PharmacyOwnerShare>, events: Table<PharmacyEvent>, context: PageContext
    ) -> HTML {
        let icb = register.icb, path = PodiumRoute.pharmacies(icb.code).path
        let types = Dictionary(grouping: register.sites) { register.contractType(of: $0.organisation) }
        let recent = Table(id: events.id, caption: events.caption, columns: events.columns, rows: Array(events.rows.prefix(25)), footer: nil)
        return Layout.page(
            title: "Pharmaceutical list: \(icb.shortName)", context: context, crumbs: crumbs(icb, "Pharmacies"), sources: register.sources,
            content: [
                Layout.paragraph(
                    "Open pharmacies and dispensing appliance contractors with \(icb.name) as their ICB in ODS edispensary. ODS does not mark "
                        + "distance-selling or LPS contracts: record them under contract types. The Health and Wellbeing Board is the upper-tier "
                        + "local authority of the postcode (Code-Point Open).", class: "lede"),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Pharmacies", TableView.group(register.sites.count), source: "ODS edispensary"),
                    .forEach(PharmacyContractType.allCases.filter { types[$0] != nil }) { type in
                        Layout.figure(type.label, TableView.group(types[type]?.count ?? 0), source: type == .community ? "ODS, unless recorded otherwise" : "ODS sub-type and local list")
                    },
                    Layout.figure("Health and Wellbeing Boards", TableView.group(register.boards.count), source: "postcode's local authority")
                ),
                .ul(
                    .attr("class", "links no-print"),
                    .li(Layout.link("Closures and opening hours", PodiumRoute.pharmacyClosures(icb.code).path)),
                    .li(Layout.link("Market entry and PNAs", PodiumRoute.marketEntry(icb.code).path)),
                    .li(Layout.link("Pharmacy First by pharmacy", PodiumRoute.icbPharmacyFirst(icb.code).path)),
                    .li(Layout.link("Contract types", PodiumRoute.records(icb.code, .pharmacyContractTypes).path))
                ),
                .h2(.plain("Market share by parent organisation")),
                Layout.paragraph("ODS gives each pharmacy's parent organisation (head office) by code; the name shown is the commonest trading name of its pharmacies here."),
                TableView.whole(shares, csv: csv(path)(shares.id)),
                .h2(.plain("Changes on the register")),
                Layout.paragraph(
                    "Read from ODS: opening and closing dates, joins to a new parent organisation, a new code opening at the premises of one that closed "
                        + "(a change of ownership that takes a new code), and — when a newer extract is imported — every difference from the one before."),
                TableView.whole(recent, csv: csv(path)(events.id), note: "The latest \(recent.rows.count) of \(TableView.group(events.rows.count)) changes. "),
                .h2(.plain("The register")),
                TableView.listing(table, page: page, links: links, noun: "pharmacies"),
            ])
    }

    // MARK: One pharmacy

    static func pharmacy(
        _ sited: Sited<PharmacyCodeKind>, register: PharmacyRegister?, events: Table<PharmacyEvent>, hours: WeeklyHours?, closures: ICBRecords?,
        income: [PharmacyFirstIncomeRow], nearest: (PharmacySite, Int)?, warning: ProviderWarning? = nil, context: PageContext
    ) -> HTML {
        let pharmacy = sited.organisation, path = PodiumRoute.pharmacy(pharmacy.code).path
        var trail = [Crumb(title: "England", href: PodiumRoute.home.path)]
        if let icb = register?.icb {
            trail += [Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path), Crumb(title: "Pharmacies", href: PodiumRoute.pharmacies(icb.code).path)]
        }
        trail.append(Crumb(title: pharmacy.code.rawValue))
        let incomeTable = Table<PharmacyFirstIncomeRow>(id: "pharmacy-first", caption: "Pharmacy First and its fees", columns: incomeColumns(), rows: income, footer: nil)
        return Layout.page(
            title: "\(pharmacy.name) (\(pharmacy.code))", context: context, crumbs: trail, sources: register?.sources ?? [],
            content: [
                .dl(
                    .attr("class", "facts"),
                    .dt(.plain("Status in ODS")), .dd(.plain(pharmacy.status.label)),
                    .dt(.plain("Contract type")), .dd(.plain(register?.contractType(of: pharmacy).label ?? pharmacy.subTypeLabel)),
                    .dt(.plain("Address")), .dd(.plain((pharmacy.addressLines + [pharmacy.postcode.display]).joined(separator: ", "))),
                    .dt(.plain("Parent organisation")), .dd(.plain(pharmacy.parentCode ?? "none")),
                    .dt(.plain("Health and Wellbeing Board")), .dd(.plain(register?.boardName(sited.location?.healthAndWellbeingBoard) ?? "")),
                    .dt(.plain("Opened")), .dd(.plain(pharmacy.openDate?.label ?? "")),
                    .dt(.plain("Closed")), .dd(.plain(pharmacy.closeDate?.label ?? "")),
                    .dt(.plain("Opening hours in force")),
                    .dd(.plain(hours.map { "\(WeeklyHours.hoursText($0.coreMinutes)) core and \(WeeklyHours.hoursText($0.supplementaryMinutes)) supplementary hours a week, from \($0.effectiveFrom.label)" } ?? "none recorded")),
                    .dt(.plain("Nearest other open pharmacy")),
                    .dd(.plain(nearest.map { "\($0.0.name) (\($0.0.code)), \(TableView.group($0.1)) m" } ?? "not known (no location)"))
                ),
                .h2(.plain("Changes on the register")),
                TableView.whole(events, csv: csv(path)(events.id)),
                .unwrap(closures) { closures in .group(RecordPages.exampleNotice(closures), .h2(.plain("Closures")), TableView.whole(RecordPages.table(closures, icb: register?.icb.code), csv: csv(path)(closures.template.id))) },
                .h2(.plain("Pharmacy First")),
                income.isEmpty ? Layout.paragraph("No monthly Pharmacy First activity recorded for this pharmacy.") : TableView.whole(incomeTable, csv: csv(path)(incomeTable.id)),
                .if(register != nil && pharmacy.status == .active,
                    EarlyWarningPages.section(warning, provider: pharmacy.code.rawValue, icb: register?.icb.code, csv: csv(path)("warning-signals"), context: context)),
            ])
    }

    static func incomeColumns() -> [Column<PharmacyFirstIncomeRow>] {
        [
            Column("month", "Month") { .month($0.month) },
            Column("code", "ODS code") { .text($0.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.pharmacy).path) },
            Column("name", "Pharmacy") { .text($0.name) },
            Column("pathways", "Clinical pathways", numeric: true) { .count($0.volumes.clinicalPathways) },
            Column("minor", "Minor illness", numeric: true) { .count($0.volumes.minorIllness) },
            Column("urgent", "Urgent supply", numeric: true) { .count($0.volumes.urgentSupply) },
            Column("fees", "Consultation fees", note: "£", numeric: true) { .money($0.income.consultationFees + $0.income.urgentSupplyFees) },
            Column("fixed", "Fixed payment", note: "£", numeric: true) { .money($0.income.fixedPayment) },
            Column("total", "Estimated income", note: "£", numeric: true) { .money($0.income.total) },
            Column("why", "Fixed payment because", sortable: false) { .text($0.income.fixedPaymentReason) },
            Column("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") },
        ]
    }

    // MARK: Closures and hours

    static func closuresTable(_ rows: [ClosureRow]) -> Table<ClosureRow> {
        Table(id: "closures", caption: "Closures", columns: [
            Column("date", "Date") { .date($0.closure.date) },
            Column("code", "ODS code") { .text($0.closure.pharmacy.rawValue, link: PodiumRoute.pharmacy($0.closure.pharmacy).path) },
            Column("name", "Pharmacy") { .text($0.name) },
            Column("kind", "Kind") { .text($0.closure.kind.rawValue) },
            Column("hours", "Hours lost", numeric: true) { row in .text(row.closure.minutesLost.map { WeeklyHours.hoursText($0) }) },
            Column("reason", "Reason") { .text($0.closure.reason) },
            Column("nearest", "Nearest open pharmacy") { .text($0.nearest.map { "\($0.0.name) (\($0.0.code))" }) },
            Column("metres", "Distance to it", note: "metres, lower is better", numeric: true) { .count($0.nearest?.1) },
            Column("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") },
        ], rows: rows, footer: nil)
    }

    static func decileTable(_ summary: ClosureSummary) -> Table<ClosureSummary.Decile> {
        Table(id: "deciles", caption: "Closures by deprivation", columns: [
            Column("decile", "IMD 2025 decile", note: "1 = most deprived", numeric: true) { .count($0.decile) },
            Column("pharmacies", "Pharmacies", numeric: true) { .count($0.pharmacies) },
            Column("closures", "Closures", numeric: true) { .count($0.closures) },
            Column("rate", "Closures per 100 pharmacies", note: "lower is better", numeric: true) { .decimal($0.per100.map { Double($0) / 10 }, decimals: 1) },
        ], rows: summary.byDecile, footer: nil)
    }

    static func hoursTable(_ weeks: [(Sited<PharmacyCodeKind>, WeeklyHours?)]) -> Table<(Sited<PharmacyCodeKind>, WeeklyHours?)> {
        Table(id: "hours", caption: "Opening hours in force today", columns: [
            Column("code", "ODS code") { .text($0.0.organisation.code.rawValue, link: PodiumRoute.pharmacy($0.0.organisation.code).path) },
            Column("name", "Pharmacy") { .text($0.0.organisation.name) },
            Column("core", "Core hours a week", numeric: true) { .text($0.1.map { WeeklyHours.hoursText($0.coreMinutes) }) },
            Column("supplementary", "Supplementary hours a week", numeric: true) { .text($0.1.map { WeeklyHours.hoursText($0.supplementaryMinutes) }) },
            Column("from", "In force from") { .date($0.1?.effectiveFrom) },
        ], rows: weeks, footer: nil)
    }

    static func closures(_ overview: ClosuresOverview, tables: (Table<ClosureRow>, Table<ClosureSummary.Decile>, Table<(Sited<PharmacyCodeKind>, WeeklyHours?)>), context: PageContext) -> HTML {
        let icb = overview.register.icb, summary = overview.summary, path = PodiumRoute.pharmacyClosures(icb.code).path
        let (closures, deciles, hours) = tables
        return Layout.page(
            title: "Pharmacy closures and opening hours: \(icb.shortName)", context: context, crumbs: crumbs(icb, "Closures and hours"),
            sources: overview.register.sources,
            content: [
                Layout.paragraph(
                    "Unplanned temporary closures and permanent closures notified to the ICB, with the hours each pharmacy should be open. "
                        + "Fewer closures and fewer hours lost are better. A pharmacy's deprivation decile is that of the LSOA whose centroid is nearest its postcode.",
                    class: "lede"),
                RecordPages.exampleNotice(overview.closures, overview.hours),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Closures per 100 pharmacies", summary.per100Pharmacies.map { ScaledDecimal.format($0, scale: 1, minimumFractionDigits: 1) } ?? "–", source: "closures log", note: "lower is better"),
                    Layout.figure("Temporary closures", TableView.group(summary.temporary), source: "closures log"),
                    Layout.figure("Hours lost", WeeklyHours.hoursText(summary.minutesLost), source: "closures log", note: "lower is better"),
                    Layout.figure("Temporary closures under 4 hours", summary.underFourHours.percentText ?? "–", source: "closures log"),
                    Layout.figure("Permanent closures", TableView.group(summary.permanent), source: "closures log")
                ),
                .h2(.plain("Closures by deprivation")),
                TableView.whole(deciles, csv: csv(path)(deciles.id)),
                .h2(.plain("Each closure, and the nearest open pharmacy")),
                TableView.whole(closures, csv: csv(path)(closures.id)),
                .h2(.plain("Opening hours")),
                TableView.whole(hours, csv: csv(path)(hours.id), note: "\(overview.weeks.filter { $0.1 != nil }.count) of \(overview.weeks.count) pharmacies have hours recorded. "),
                RecordPages.section(overview.closures, icb: icb.code, heading: "Closures log"),
                RecordPages.section(overview.hours, icb: icb.code, heading: "Opening hours log"),
            ])
    }

    // MARK: Market entry and PNAs

    static func applicationsTable(_ records: ICBRecords, icb: ICBCode, timetable: MarketEntryTimetable) -> Table<StoredRecord> {
        Table(id: "applications", caption: "Market-entry applications", columns: [
            Column("reference", "Reference") { .text($0.values.text("reference"), link: PodiumRoute.marketEntryApplication(icb, reference: $0.values.text("reference") ?? "").path) },
            Column("kind", "Kind") { .text(MarketEntryKind(rawValue: $0.values.text("kind") ?? "")?.label) },
            Column("applicant", "Applicant") { .text($0.values.text("applicant")) },
            Column("postcode", "Premises postcode") { .text($0.values.text("premises_postcode").flatMap(Postcode.init)?.display) },
            Column("received", "Received") { .date($0.values.date("received")) },
            Column("representations", "Representations close") { .date($0.values.date("received").map(timetable.representationsClose)) },
            Column("due", "Decision due") { .date($0.values.date("received").map(timetable.decisionDue)) },
            Column("status", "Status") { .text($0.values.text("status")) },
            Column("decided", "Decided") { .date($0.values.date("decision_date")) },
            Column("appeal-by", "Appeal by") { .date($0.values.date("decision_date").map(timetable.appealBy)) },
            Column("appeal", "Appeal outcome") { .text($0.values.text("appeal_outcome")) },
            Column("example", "Example data", sortable: false) { .text($0.isExample ? "example" : "") },
        ], rows: records.records, footer: nil)
    }

    static func boardsTable(_ overview: MarketEntryOverview) -> Table<(code: String, status: PNAStatus)> {
        Table(id: "pnas", caption: "PNAs of the Health and Wellbeing Boards", columns: [
            Column("code", "Board", note: "ONS code") { .text($0.code) },
            Column("name", "Health and Wellbeing Board") { .text(overview.register.boardName($0.code)) },
            Column("latest", "Latest PNA") { .date($0.status.latest) },
            Column("due", "Next PNA due") { .date($0.status.nextDue) },
            Column("statements", "Supplementary statements since", numeric: true) { .count($0.status.supplementaryStatements) },
            Column("state", "State") { .text($0.status.state.label) },
        ], rows: overview.boards, footer: nil)
    }

    static func marketEntry(_ overview: MarketEntryOverview, applications: Table<StoredRecord>, boards: Table<(code: String, status: PNAStatus)>, context: PageContext) -> HTML {
        let icb = overview.register.icb, path = PodiumRoute.marketEntry(icb.code).path
        let warnings = overview.boards.filter { $0.status.state != .current }
        let open = overview.applications.records.filter { MarketEntryStatus(rawValue: $0.values.text("status") ?? "")?.isOpen == true }
        return Layout.page(
            title: "Market entry and PNAs: \(icb.shortName)", context: context, crumbs: crumbs(icb, "Market entry and PNAs"),
            sources: overview.register.sources,
            content: [
                Layout.paragraph(
                    "Applications to join or change the pharmaceutical list are decided against the PNA of the Health and Wellbeing Board "
                        + "(SI 2013/349). Each board must publish a new PNA within 3 years of the last. The representation, decision and appeal "
                        + "periods shown are parameters: DOMAIN.md does not confirm them.", class: "lede"),
                RecordPages.exampleNotice(overview.applications, overview.documents),
                warnings.isEmpty ? .empty : .div(
                    .attr("class", "notice warning"), .attr("role", "status"),
                    .p(.plain("\(warnings.count) of \(overview.boards.count) boards need attention:")),
                    .ul(.forEach(warnings) { board in
                        .li(.plain("\(overview.register.boardName(board.code)): \(board.status.state.label.lowercased())"
                            + (board.status.nextDue.map { " (next PNA due \($0.label))" } ?? "")))
                    })
                ),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Applications open", TableView.group(open.count), source: "applications log"),
                    Layout.figure("PNAs overdue", TableView.group(overview.boards.filter { $0.status.state == .overdue }.count), source: "PNA register", note: "lower is better")
                ),
                .h2(.plain("Applications")),
                TableView.whole(applications, csv: csv(path)(applications.id)),
                .h2(.plain("Pharmaceutical needs assessments")),
                TableView.whole(boards, csv: csv(path)(boards.id)),
                RecordPages.section(overview.applications, icb: icb.code, heading: "Applications log"),
                RecordPages.section(overview.documents, icb: icb.code, heading: "PNA documents"),
            ])
    }

    static func partiesTable(_ parties: [NotificationParty], register: PharmacyRegister, names: [String: String]) -> Table<NotificationParty> {
        Table(id: "notify", caption: "Who must be notified", columns: [
            Column("role", "Party") { .text($0.role.label) },
            Column("who", "Who") { party in
                party.role == .affectedContractor
                    ? .text("\(names[party.identifier] ?? "") (\(party.identifier))", link: PharmacyCode(party.identifier).map { PodiumRoute.pharmacy($0).path })
                    : .text("for \(register.boardName(party.identifier))")
            },
            Column("metres", "Distance", note: "metres", numeric: true) { .count($0.metres) },
        ], rows: parties, footer: nil)
    }

    static func application(_ record: StoredRecord, register: PharmacyRegister, parties: Table<NotificationParty>?, timetable: MarketEntryTimetable, context: PageContext) -> HTML {
        let icb = register.icb, values = record.values, reference = values.text("reference") ?? ""
        let path = PodiumRoute.marketEntryApplication(icb.code, reference: reference).path
        let kind = MarketEntryKind(rawValue: values.text("kind") ?? "")
        return Layout.page(
            title: "Application \(reference)", context: context,
            crumbs: [Crumb(title: "England", href: PodiumRoute.home.path), Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                     Crumb(title: "Market entry", href: PodiumRoute.marketEntry(icb.code).path), Crumb(title: reference)],
            content: [
                record.isExample ? Layout.paragraph("Example data: generated for the demonstration at a real pharmacy's postcode.", class: "notice example") : .empty,
                .dl(
                    .attr("class", "facts"),
                    .dt(.plain("Kind")), .dd(.plain((kind?.label ?? "") + (kind?.isExcepted == true ? " (excepted: not tested against the PNA)" : ""))),
                    .dt(.plain("Applicant")), .dd(.plain(values.text("applicant") ?? "")),
                    .dt(.plain("Premises postcode")), .dd(.plain(values.text("premises_postcode").flatMap(Postcode.init)?.display ?? "")),
                    .dt(.plain("PNA need cited")), .dd(.plain(values.text("pna_need") ?? "none")),
                    .dt(.plain("Received")), .dd(.plain(values.date("received")?.label ?? "")),
                    .dt(.plain("Representations close")), .dd(.plain(values.date("received").map { timetable.representationsClose(received: $0).label } ?? "")),
                    .dt(.plain("Decision due")), .dd(.plain(values.date("received").map { timetable.decisionDue(received: $0).label } ?? "")),
                    .dt(.plain("Status")), .dd(.plain(values.text("status") ?? "")),
                    .dt(.plain("Decided")), .dd(.plain(values.date("decision_date")?.label ?? "")),
                    .dt(.plain("Appeal")), .dd(.plain([values.date("appeal_lodged").map { "lodged \($0.label)" }, values.text("appeal_outcome")].compactMap { $0 }.joined(separator: ", ")))
                ),
                .p(.attr("class", "no-print"), Layout.link("Edit the application", ListLinks.href(PodiumRoute.recordForm(icb.code, .marketEntryApplications).path, ListLinks.items([("key", reference)])))),
                .h2(.plain("Who must be notified")),
                Layout.paragraph(
                    "SI 2013/349 Sch 2 para 28: the LPCs and LMCs whose area is within 2 km of the premises, the pharmacies within 2 km and Healthwatch. "
                        + "Committee areas are taken as the Health and Wellbeing Board areas of the premises and of the pharmacies within 2 km. "
                        + "GP providers near a controlled locality are not listed: Podium holds no controlled-locality maps."),
                parties.map { TableView.whole($0, csv: csv(path)($0.id)) } ?? Layout.paragraph("The premises postcode is not in the bundled Code-Point subset, so distances cannot be measured.", class: "notice"),
            ])
    }

    // MARK: Pharmacy First by pharmacy

    static func pharmacyFirst(_ overview: PharmacyFirstICB, latest: Table<PharmacyFirstIncomeRow>, context: PageContext) -> HTML {
        let icb = overview.register.icb, path = PodiumRoute.icbPharmacyFirst(icb.code).path
        let total = overview.rows.reduce(Money.zero) { $0 + $1.income.total }
        return Layout.page(
            title: "Pharmacy First by pharmacy: \(icb.shortName)", context: context, crumbs: crumbs(icb, "Pharmacy First"), sources: overview.register.sources,
            content: [
                Layout.paragraph(
                    "Completed consultations per pharmacy per month, priced with the national fee schedule of the month: £15 a consultation from "
                        + "February 2024, £17 for clinical pathways and minor illness from April 2025; monthly fixed payment by threshold, banded £500/£1,000 "
                        + "from June 2025 for pharmacies registered for PCS and HCFS (DOMAIN.md §2.2). National and regional counts are on the ",
                    class: "lede"),
                .p(Layout.link("Pharmacy First page for England, with the fee calculator", PodiumRoute.pharmacyFirst.path)),
                RecordPages.exampleNotice(overview.activity),
                .div(
                    .attr("class", "figures"),
                    Layout.figure("Pharmacies with activity", TableView.group(Set(overview.rows.map(\.pharmacy)).count), source: "activity returns"),
                    Layout.figure("Estimated income", total.formatted, source: "national fee schedule", note: overview.months.first.map { "\($0.label) to \(overview.months.last!.label)" })
                ),
                .h2(.plain(latest.caption)),
                TableView.whole(latest, csv: csv(path)(latest.id)),
                RecordPages.section(overview.activity, icb: icb.code, heading: "Activity returns",
                                    note: "NHSBSA's dispensing-contractor files are not bundled; their CONTRACTOR_CODE and YEAR_MONTH columns are read when present."),
            ])
    }
}
