import Plot
import PodiumCore
import PodiumData

extension MarketEntry {
    struct View: PageView {
        let model: Model
        let context: PageContext
        let applications: Table<(item: MarketEntryApplication, stored: StoredRecord)>
        let boards: Table<(code: String, status: PNAStatus)>

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            applications = Self.applicationsTable(
                model.applications, icb: model.register.icb.code, timetable: model.timetable, today: model.today)
            boards = Self.boardsTable(model)
        }

        var downloadName: String { "\(model.register.icb.code)-market-entry" }
        var tables: [AnyTable] { [AnyTable(applications), AnyTable(boards)] }

        func document() -> HTML {
            let register = model.register
            let icb = register.icb
            let csv = PharmacyViews.csv(PodiumRoute.marketEntry(icb.code).path)
            let warnings = model.boardsNeedingAttention
            return Layout.page(
                title: "Market entry and PNAs: \(icb.shortName)", context: context,
                crumbs: PharmacyViews.crumbs(icb, "Market entry and PNAs"),
                sources: register.sources,
                content: [
                    Layout.paragraph(
                        "Applications to join or change the pharmaceutical list are decided against the PNA of the Health and Wellbeing Board "
                            + "(SI 2013/349). Each board must publish a new PNA within 3 years of the last. The representation, decision and appeal "
                            + "periods shown are settings that have not yet been checked against the Regulations.",
                        class: "lede"),
                    RecordViews.exampleNotice(model.applications, model.documents),
                    warnings.isEmpty
                        ? .empty
                        : .div(
                            .attr("class", "notice warning"), .attr("role", "status"),
                            .p(.plain("\(warnings.count) of \(model.boards.count) boards need attention:")),
                            .ul(
                                .forEach(warnings) { board in
                                    .li(
                                        .plain(
                                            "\(register.boardName(board.code)): \(board.status.state.label.lowercased())"
                                                + (board.status.nextDue.map { " (next PNA due \($0.label))" } ?? "")))
                                })
                        ),
                    .div(
                        .attr("class", "figures"),
                        Layout.figure(
                            "Applications open", TableView.group(model.openApplications), source: "applications log",
                            note: model.overdue.isEmpty ? nil : "\(model.overdue.count) overdue"),
                        Layout.figure(
                            "PNAs overdue", TableView.group(model.overduePNAs), source: "PNA register",
                            note: "lower is better")
                    ),
                    .h2(.plain("Applications")),
                    model.overdue.isEmpty
                        ? .empty
                        : .div(
                            .attr("class", "notice warning"), .attr("role", "status"),
                            .p(.plain("\(Words.count(model.overdue.count, "application")) past a statutory date:")),
                            .ul(
                                .forEach(model.overdue) { item in
                                    .li(.plain("\(item.application.reference): \(item.overdue.words)"))
                                })),
                    TableView.whole(applications, csv: csv(applications.id)),
                    .h2(.plain("Pharmaceutical needs assessments")),
                    TableView.whole(boards, csv: csv(boards.id)),
                    RecordViews.section(model.applications, icb: icb.code, heading: "Applications log"),
                    RecordViews.section(model.documents, icb: icb.code, heading: "PNA documents"),
                ])
        }

        static func applicationsTable(
            _ records: ICBRecords, icb: ICBCode, timetable: MarketEntryTimetable, today: CalendarDate
        ) -> Table<(item: MarketEntryApplication, stored: StoredRecord)> {
            Table(
                id: "applications", caption: "Market-entry applications",
                columns: [
                    Column("reference", "Reference") {
                        .text(
                            $0.item.reference,
                            link: PodiumRoute.marketEntryApplication(icb, reference: $0.item.reference).path)
                    },
                    Column("kind", "Kind") { .text($0.item.kind.label) },
                    Column("applicant", "Applicant") { .text($0.item.applicant) },
                    Column("postcode", "Premises postcode") { .text($0.item.premisesPostcode.display) },
                    Column("received", "Received") { .date($0.item.received) },
                    Column("representations", "Representations close") {
                        .date(timetable.representationsClose(received: $0.item.received))
                    },
                    Column("due", "Decision due") { .date(timetable.decisionDue(received: $0.item.received)) },
                    Column("status", "Status") { .text($0.item.status.rawValue) },
                    Column("overdue", "Overdue") { .text(timetable.overdue($0.item, today: today)?.words) },
                    Column("decided", "Decided") { .date($0.item.decisionDate) },
                    Column("appeal-by", "Appeal by") { .date($0.item.decisionDate.map(timetable.appealBy)) },
                    Column("appeal", "Appeal outcome") { .text($0.item.appealOutcome) },
                    Column("example", "Example data", sortable: false) { .text($0.stored.isExample ? "example" : "") },
                ], rows: records.typed(MarketEntryApplication.self), footer: nil)
        }

        static func boardsTable(_ model: Model) -> Table<(code: String, status: PNAStatus)> {
            let register = model.register
            return Table(
                id: "pnas", caption: "PNAs of the Health and Wellbeing Boards",
                columns: [
                    Column("code", "Board", note: "ONS code") { .text($0.code) },
                    Column("name", "Health and Wellbeing Board") { .text(register.boardName($0.code)) },
                    Column("latest", "Latest PNA") { .date($0.status.latest) },
                    Column("due", "Next PNA due") { .date($0.status.nextDue) },
                    Column("statements", "Supplementary statements since", numeric: true) {
                        .count($0.status.supplementaryStatements)
                    },
                    Column("state", "State") { .text($0.status.state.label) },
                ], rows: model.boards, footer: nil)
        }
    }
}

extension ApplicationShow {
    struct View: PageView {
        let model: Model
        let context: PageContext
        let parties: Table<NotificationParty>?

        init(_ model: Model, context: PageContext) {
            self.model = model
            self.context = context
            parties = model.parties.map { Self.partiesTable($0, register: model.register, names: model.names) }
        }

        var downloadName: String { "\(model.register.icb.code)-\(model.application.reference)" }
        var namesDownloadsByTable: Bool { true }
        var tables: [AnyTable] { parties.map { [AnyTable($0)] } ?? [] }

        func document() -> HTML {
            let icb = model.register.icb
            let application = model.application
            let reference = application.reference
            let timetable = model.timetable
            let csv = PharmacyViews.csv(PodiumRoute.marketEntryApplication(icb.code, reference: reference).path)
            let kind = application.kind
            let appeal = [application.appealLodged.map { "lodged \($0.label)" }, application.appealOutcome].compactMap {
                $0
            }
            return Layout.page(
                title: "Application \(reference)", context: context,
                crumbs: [
                    Crumb(title: "England", href: PodiumRoute.home.path),
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Market entry", href: PodiumRoute.marketEntry(icb.code).path), Crumb(title: reference),
                ],
                content: [
                    model.isExample
                        ? Layout.paragraph(
                            "Example data: generated for the demonstration at a real pharmacy's postcode.",
                            class: "notice example")
                        : .empty,
                    .dl(
                        .attr("class", "facts"),
                        .dt(.plain("Kind")),
                        .dd(.plain(kind.label + (kind.isExcepted ? " (excepted: not tested against the PNA)" : ""))),
                        .dt(.plain("Applicant")), .dd(.plain(application.applicant)),
                        .dt(.plain("Premises postcode")), .dd(.plain(application.premisesPostcode.display)),
                        .dt(.plain("PNA need cited")), .dd(.plain(application.pnaNeed ?? "none")),
                        .dt(.plain("Received")), .dd(.plain(application.received.label)),
                        .dt(.plain("Representations close")),
                        .dd(.plain(timetable.representationsClose(received: application.received).label)),
                        .dt(.plain("Decision due")),
                        .dd(.plain(timetable.decisionDue(received: application.received).label)),
                        .dt(.plain("Status")),
                        .dd(
                            .plain(application.status.rawValue),
                            .if(
                                model.overdue != nil,
                                .strong(.attr("class", "overdue"), .plain(" — \(model.overdue?.words ?? "")")))),
                        .dt(.plain("Decided")), .dd(.plain(application.decisionDate?.label ?? "")),
                        .dt(.plain("Appeal")), .dd(.plain(appeal.joined(separator: ", ")))
                    ),
                    .p(
                        .attr("class", "no-print"),
                        Layout.link(
                            "Edit the application",
                            ListLinks.href(
                                PodiumRoute.recordForm(icb.code, .marketEntryApplications).path,
                                QueryItems.of([("key", reference)])))),
                    .h2(.plain("Who must be notified")),
                    Layout.paragraph(
                        "SI 2013/349 Sch 2 para 28: the LPCs and LMCs whose area is within 2 km of the premises, the pharmacies within 2 km and Healthwatch. "
                            + "Committee areas are taken as the Health and Wellbeing Board areas of the premises and of the pharmacies within 2 km. "
                            + "GP providers near a controlled locality are not listed: Podium holds no controlled-locality maps."
                    ),
                    parties.map { TableView.whole($0, csv: csv($0.id)) }
                        ?? Layout.paragraph(
                            "The premises postcode is not in the bundled Code-Point subset, so distances cannot be measured.",
                            class: "notice"),
                ])
        }

        static func partiesTable(_ parties: [NotificationParty], register: PharmacyRegister, names: [String: String])
            -> Table<NotificationParty>
        {
            Table(
                id: "notify", caption: "Who must be notified",
                columns: [
                    Column("role", "Party") { .text($0.role.label) },
                    Column("who", "Who") { party in
                        party.role == .affectedContractor
                            ? .text(
                                "\(names[party.identifier] ?? "") (\(party.identifier))",
                                link: PharmacyCode(party.identifier).map { PodiumRoute.pharmacy($0).path })
                            : .text("for \(register.boardName(party.identifier))")
                    },
                    Column("metres", "Distance", note: "metres", numeric: true) { .count($0.metres) },
                ], rows: parties, footer: nil)
        }
    }
}
