import Foundation
import PodiumCore
import Vapor

/// Governance: the delegation register, risk log, assurance, logs and transformation on one page, and the committee
/// paper built from them (HTML for print, PDF through headless Chromium).
struct GovernanceController: RouteCollection {
    /// Looked for on each PDF request.
    let chromium: ChromiumChoice

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.governanceTemplate.components, use: page)
        routes.get(PodiumRoute.committeePaperTemplate.components, use: paper)
    }

    @Sendable func page(req: Request) async throws -> Response {
        let model = try await Governance.Model.query(req.queryContext, icb: try req.icbCode())
        return try Responses.page(Governance.View(model, context: req.page), try ListParameters.from(req))
    }

    /// `?meeting=` sets the meeting the paper is for (today by default): reviews and deadlines are judged on it.
    @Sendable func paper(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let meeting = try req.queryDate("meeting") ?? req.clock.today
        let details = CommitteePaper.Details(
            agendaItem: req.query[String.self, at: "agenda_item"] ?? "",
            author: req.query[String.self, at: "author"] ?? "",
            lead: req.query[String.self, at: "lead"] ?? "")
        let context = req.queryContext
        let code = try req.icbCode()
        let year = req.query[String.self, at: "year"]
        guard parameters.format?.lowercased() == "pdf" else {
            let model = try await CommitteePaper.Model.query(
                context, icb: code, meeting: meeting, year: year, details: details)
            return try Responses.page(CommitteePaper.View(model, context: req.page), parameters)
        }
        guard let pdf = chromium.renderer() else {
            throw WebError.unavailable(
                .pdfUnavailable,
                "PDF needs headless Chromium on the server (install chromium, or set PODIUM_CHROMIUM). The HTML paper prints the same way from a browser."
            )
        }
        let person = req.workOwner
        let papers = req.application.workLimits.papers
        let page = req.page
        let (bytes, name) = try await CommitteePaper.printed(
            context, icb: code, question: "\(req.scope.key)|\(req.url.query ?? "")"
        ) {
            let model = try await CommitteePaper.Model.query(
                context, icb: code, meeting: meeting, year: year, details: details)
            let view = CommitteePaper.View(model, context: page, inlineStyles: true)
            // Only a print waits for (or is refused) a place; a kept paper is sent at once.
            let bytes = try await papers.run(for: person) { try await pdf.render(html: view.document().render()) }
            return (bytes, view.downloadName)
        }
        let response = Response(status: .ok, body: .init(data: Data(bytes)))
        response.headers.contentType = HTTPMediaType(type: "application", subType: "pdf")
        response.headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"\(name).pdf\"")
        return response
    }
}
