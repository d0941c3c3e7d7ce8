import PodiumCore
import PodiumData

/// Market entry and PNAs for an ICB: applications with their statutory dates, and each board's PNA.
enum MarketEntry {
    struct Model: Sendable {
        var register: PharmacyRegister
        var applications: ICBRecords
        var documents: ICBRecords
        var boards: [(code: String, status: PNAStatus)]
        var timetable: MarketEntryTimetable
        var today: CalendarDate

        /// Open applications whose statutory date has passed without its step.
        var overdue: [(application: MarketEntryApplication, overdue: MarketEntryTimetable.Overdue)] {
            applications.items(MarketEntryApplication.self).compactMap { application in
                timetable.overdue(application, today: today).map { (application, $0) }
            }
        }

        /// Boards whose PNA is due soon, overdue or missing.
        var boardsNeedingAttention: [(code: String, status: PNAStatus)] {
            boards.filter { $0.status.state != .current }
        }
        var overduePNAs: Int { boards.filter { $0.status.state == .overdue }.count }
        var openApplications: Int { applications.items(MarketEntryApplication.self).filter(\.status.isOpen).count }

        static func query(_ context: QueryContext, icb code: ICBCode, timetable: MarketEntryTimetable = .standard)
            async throws -> Model
        {
            let register = try await PharmacyRegister.query(context, icb: code)
            let documents = try await PNADocuments.query(context, icb: code, boards: register.boards)
            let byBoard = Dictionary(grouping: documents.items(PNADocument.self), by: \.board)
            let boards = register.boards.map { board in
                (board, PNAStatus.of(byBoard[board] ?? [], today: context.today))
            }
            return Model(
                register: register,
                applications: try await ICBRecords.query(context, .marketEntryApplications, icb: code),
                documents: documents, boards: boards, timetable: timetable, today: context.today)
        }
    }
}

/// An ICB's market-entry applications past a statutory date on `context.today`, for the ICB overview and the committee
/// paper.
enum OverdueApplications {
    static func query(_ context: QueryContext, icb code: ICBCode, timetable: MarketEntryTimetable = .standard)
        async throws -> [(application: MarketEntryApplication, overdue: MarketEntryTimetable.Overdue)]
    {
        try await ICBRecords.query(context, .marketEntryApplications, icb: code).items(MarketEntryApplication.self)
            .compactMap { application in
                timetable.overdue(application, today: context.today).map { (application, $0) }
            }
    }

    /// "2 market-entry applications past a statutory date: EX-QT6-1 (decision overdue: due …)".
    static func words(_ overdue: [(application: MarketEntryApplication, overdue: MarketEntryTimetable.Overdue)])
        -> String?
    {
        overdue.isEmpty
            ? nil
            : "\(Words.count(overdue.count, "market-entry application")) past a statutory date: "
                + overdue.map { "\($0.application.reference) (\($0.overdue.words))" }.joined(separator: "; ") + "."
    }
}

/// The ICB's record of the PNA documents of the boards its pharmacies are in (a board may straddle ICBs: each keeps
/// its own record).
enum PNADocuments {
    static func query(_ context: QueryContext, icb: ICBCode, boards: [String]) async throws -> ICBRecords {
        let all = try await LocalRecordStore(database: context.database).records(.pnaDocuments, icb: icb)
        let wanted = Set(boards)
        return ICBRecords(
            template: .pnaDocuments,
            records: all.filter { PNADocument($0.values).map { wanted.contains($0.board) } ?? false })
    }
}

/// One market-entry application: its dates and who must be notified.
enum ApplicationShow {
    struct Model: Sendable {
        var application: MarketEntryApplication
        var isExample: Bool
        var register: PharmacyRegister
        /// Who must be notified; `nil` when the premises postcode cannot be placed.
        var parties: [NotificationParty]?
        /// England's pharmacies by code, for naming notified contractors.
        var names: [String: String]
        var timetable: MarketEntryTimetable
        var today: CalendarDate

        var overdue: MarketEntryTimetable.Overdue? { timetable.overdue(application, today: today) }

        static func query(
            _ context: QueryContext, icb code: ICBCode, reference: String, timetable: MarketEntryTimetable = .standard
        ) async throws -> Model {
            guard
                let record = try await LocalRecordStore(database: context.database).record(
                    .marketEntryApplications, key: reference, icb: code),
                record.icb == code, let application = MarketEntryApplication(record.values)
            else {
                throw WebError.notFound(
                    .applicationNotFound, "No market-entry application \"\(reference)\" for \(code).")
            }
            let register = try await PharmacyRegister.query(context, icb: code)
            let sites = try await PharmacySites.query(context)
            let parties = try await notificationList(context, for: application, sites: sites)
            let named = Set((parties ?? []).map(\.identifier))
            return Model(
                application: application, isExample: record.isExample, register: register, parties: parties,
                names: Dictionary(
                    sites.sites.filter { named.contains($0.code.rawValue) }.map { ($0.code.rawValue, $0.name) },
                    uniquingKeysWith: { first, _ in first }),
                timetable: timetable, today: context.today)
        }

        /// Who must be notified of an application, from the register and the LSOA centroids.
        static func notificationList(
            _ context: QueryContext, for application: MarketEntryApplication, sites: PharmacyLocator
        ) async throws -> [NotificationParty]? {
            guard
                let location = try await AccessStore(database: context.database).location(
                    of: application.premisesPostcode)
            else { return nil }
            let premisesBoard = sites.nearest(to: location)?.healthAndWellbeingBoard
            // Board areas near the premises: the boards of pharmacies within reach stand in for LSOA boundaries.
            return MarketEntryNotification.parties(
                premises: location, premisesArea: premisesBoard, applicant: application.existingPharmacy,
                pharmacies: sites.sites, areaPoints: [])
        }
    }
}
