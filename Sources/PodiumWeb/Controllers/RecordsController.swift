import Foundation
import PodiumCore
import Vapor

/// Local records of every template: the list (page, CSV, template), upload, entry form and delete.
struct RecordsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.recordsTemplate.components, use: list)
        routes.get(PodiumRoute.recordFormTemplate.components, use: showForm)
        routes.post(PodiumRoute.recordFormTemplate.components, use: saveForm)
        routes.on(.POST, PodiumRoute.recordUploadTemplate.components, body: .collect(maxSize: "20mb"), use: upload)
        routes.post(PodiumRoute.recordDeleteTemplate.components, use: delete)
    }

    private func template(_ req: Request) -> String { req.parameters.get("template") ?? "" }

    @Sendable func list(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let model = try await RecordIndex.Model.query(req.queryContext, icb: try req.icbCode(), template: template(req))
        if parameters.format == "template" {
            return Responses.csv(model.template.csvHeader(), fileName: "\(model.template.id)-template.csv")
        }
        return try Responses.page(
            RecordIndex.View(model, request: try parameters.listRequest(), context: req.page), parameters)
    }

    @Sendable func showForm(req: Request) async throws -> Response {
        let model = try await RecordForm.Model.query(
            req.queryContext, icb: try req.icbCode(), template: template(req), key: req.query[String.self, at: "key"])
        return Responses.html(RecordForm.View(model, context: req.page).document())
    }

    @Sendable func saveForm(req: Request) async throws -> Response {
        let code = try req.icbCode()
        let posted = (try? req.content.decode([String: String].self)) ?? [:]
        let outcome = try await RecordForm.save(
            req.queryContext, icb: code, template: template(req), posted: posted, by: req.recorder,
            at: req.clock.isoMilliseconds)
        switch outcome {
        case .saved(let key, let template):
            return req.redirect(
                to: ListLinks.href(PodiumRoute.recordForm(code, template).path, QueryItems.of([("key", key)])),
                redirectType: .normal)
        case .rejected(let model, let conflict):
            return Responses.html(
                RecordForm.View(model, context: req.page).document(),
                status: conflict ? .conflict : .unprocessableEntity)
        }
    }

    struct Upload: Content {
        var file: File
    }

    @Sendable func upload(req: Request) async throws -> Response {
        let code = try req.icbCode()
        guard let upload = try? req.content.decode(Upload.self) else {
            // Resolve the template first, so an unknown one is a 404 rather than a missing file.
            _ = try await RecordTarget.resolve(req.queryContext, icb: code, template: template(req))
            throw WebError.badRequest(.fileMissing, "Choose a CSV file to upload.")
        }
        let model = try await RecordUpload.perform(
            req.queryContext, icb: code, template: template(req),
            fileName: upload.file.filename.isEmpty ? "upload.csv" : upload.file.filename,
            bytes: Array(upload.file.data.readableBytesView), by: req.recorder, at: req.clock.isoMilliseconds)
        let status: HTTPStatus = if case .problems = model.outcome { .unprocessableEntity } else { .ok }
        return Responses.html(RecordUpload.View(model, context: req.page).document(), status: status)
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let code = try req.icbCode()
        let key = (try? req.content.get(String.self, at: "key")) ?? ""
        let template = try await RecordForm.delete(
            req.queryContext, icb: code, template: template(req), key: key, by: req.recorder,
            at: req.clock.isoMilliseconds)
        return req.redirect(to: PodiumRoute.records(code, template).path, redirectType: .normal)
    }
}
