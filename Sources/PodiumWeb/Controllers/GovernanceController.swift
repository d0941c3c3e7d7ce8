import PodiumCore
import Vapor

/// Governance (issue 9): the delegation register, risk log, assurance, logs and transformation on one page, and the
/// committee paper built from them (HTML for print, PDF through headless Chromium).
struct GovernanceController: RouteCollection {
    /// `nil` when no Chromium is installed.
    let pdf: PDFRenderer?

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.governanceTemplate.components, use: page)
        routes.get(PodiumRoute.committeePaperTemplate.components, use: paper)
        routes.get(APIRoute.icbGovernance.components, use: api)
    }

    /// `?date=` sets the day reviews and follow-ups are judged on (today by default), so answers can be reproduced.
    private static func date(_ req: Request, name: String) throws -> CalendarDate {
        try req.query.get(String?.self, at: name).map { text in
            guard let date = CalendarDate(text) else {
                throw WebError.badRequest(code: "invalid_parameter", message: "\(name) must be a date, YYYY-MM-DD.")
            }
            return date
        } ?? req.clock.today
    }

    @Sendable func api(req: Request) async throws -> API.GovernanceDTO {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        return API.GovernanceDTO(try await req.workbench.governance(of: code, today: try Self.date(req, name: "date")))
    }

    @Sendable func page(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found"), parameters = try ListParameters.from(req)
        let overview = try await req.workbench.governance(of: code, today: req.clock.today)
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-governance", GovernancePage.tables(overview)) { return csv }
        return Responses.html(GovernancePage.render(overview, context: req.page))
    }

    @Sendable func paper(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found"), parameters = try ListParameters.from(req)
        let meeting = try Self.date(req, name: "meeting")
        let paper = try await req.workbench.committeePaper(of: code, meeting: meeting)
        let tables = CommitteePaperPage.PaperTables(paper)
        if let csv = try Responses.tableCSV(parameters, name: "\(code)-committee-paper-\(meeting.iso)", tables.csv) { return csv }
        guard parameters.format?.lowercased() == "pdf" else { return Responses.html(CommitteePaperPage.render(paper, tables: tables, context: req.page)) }
        guard let pdf else {
            throw WebError.unavailable(
                code: "pdf_unavailable",
                message: "PDF needs headless Chromium on the server (install chromium, or set PODIUM_CHROMIUM). The HTML paper prints the same way from a browser.")
        }
        let bytes = try await pdf.render(html: CommitteePaperPage.render(paper, tables: tables, context: req.page, inlineStyles: true).render())
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(code)-committee-paper-\(meeting.iso).pdf\"")
        return response
    }
}
