import Foundation
import PodiumCore
import PodiumData
import PodiumImport
import Vapor

/// Local records of every template: the list (page, CSV, template, JSON), upload, entry form and delete.
struct RecordsController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.recordsTemplate.components, use: list)
        routes.get(PodiumRoute.recordFormTemplate.components, use: showForm)
        routes.post(PodiumRoute.recordFormTemplate.components, use: saveForm)
        routes.on(.POST, PodiumRoute.recordUploadTemplate.components, body: .collect(maxSize: "20mb"), use: upload)
        routes.post(PodiumRoute.recordDeleteTemplate.components, use: delete)
        routes.get(APIRoute.icbRecords.components, use: api)
    }

    private func target(_ req: Request) async throws -> (ICB, RecordTemplate) {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let id = req.parameters.get("template") ?? ""
        guard let template = RecordTemplate.named(id) else {
            throw WebError.notFound(
                code: "template_not_found", message: "No record template \"\(id)\". Templates: \(RecordTemplate.all.map(\.id).joined(separator: ", ")).")
        }
        return (try await req.workbench.requireICB(code), template)
    }

    @Sendable func list(req: Request) async throws -> Response {
        let (icb, template) = try await target(req)
        let parameters = try ListParameters.from(req)
        let records = try await req.workbench.records(template, of: icb.code)
        if parameters.format == "template" { return Responses.csv(template.csvHeader(), fileName: "\(template.id)-template.csv") }
        let changes = RecordPages.changesTable(try await RecordChangeStore(database: req.db).changes(template, icb: icb.code))
        if parameters.wantsCSV, parameters.table == changes.id { return Responses.csv(changes.csv(ListRequest()), fileName: "\(icb.code)-\(template.id)-changes.csv") }
        if parameters.wantsCSV { return Responses.csv(RecordPages.csv(records), fileName: "\(icb.code)-\(template.id).csv") }
        let table = RecordPages.table(records, icb: icb.code)
        let request = try parameters.pageRequest(for: table)
        return Responses.html(RecordPages.render(
            records, icb: icb, page: table.page(request), table: table, changes: changes,
            links: ListLinks(path: PodiumRoute.records(icb.code, template).path, request: request), context: req.page))
    }

    @Sendable func showForm(req: Request) async throws -> Response {
        let (icb, template) = try await target(req)
        guard let key = req.query[String.self, at: "key"] else {
            return Responses.html(RecordPages.form(template, icb: icb, values: [:], problems: [], existing: nil, context: req.page))
        }
        guard let record = try await LocalRecordStore(database: req.db).record(template, key: key, icb: icb.code), record.icb == icb.code || record.icb == nil
        else { throw WebError.notFound(code: "record_not_found", message: "No \(template.title.lowercased()) record \"\(key)\" for \(icb.code).") }
        var values = Dictionary(uniqueKeysWithValues: template.fields.map { ($0.name, $0.write(record.values[$0.name])) })
        values[RecordPages.version] = record.recordedAt
        values[RecordPages.versionKey] = record.values.key
        let history = RecordPages.changesTable(try await RecordChangeStore(database: req.db).changes(template, icb: icb.code, key: key))
        return Responses.html(RecordPages.form(template, icb: icb, values: values, problems: [], existing: record, history: history, context: req.page))
    }

    @Sendable func saveForm(req: Request) async throws -> Response {
        let (icb, template) = try await target(req)
        let posted = (try? req.content.decode([String: String].self)) ?? [:]
        var problems: [FieldProblem] = []
        var shown = posted, status = HTTPStatus.unprocessableEntity, current: StoredRecord?
        switch template.read(posted) {
        case .failure(let found): problems += found.problems
        case .success(let values):
            do {
                // An edit that keeps the key must find the record as the form saw it; a new key is a new record.
                let opened = posted[RecordPages.version].flatMap { $0.isEmpty ? nil : $0 }
                let version: LocalRecordImporter.Version = opened != nil && posted[RecordPages.versionKey] == values.key ? .savedAt(opened!) : .new
                try await LocalRecordImporter(database: req.db).save(
                    values, for: icb.code, by: req.recorder, recordedAt: req.clock.isoMilliseconds, version: version)
                return req.redirect(to: ListLinks.href(PodiumRoute.recordForm(icb.code, template).path, ListLinks.items([("key", values.key)])), redirectType: .normal)
            } catch let found as RecordProblems {
                problems += found.problems
            } catch let conflict as RecordConflict {
                // Nothing was written. Show theirs beside what was typed; saving again is a deliberate overwrite.
                status = .conflict
                current = conflict.current
                shown[RecordPages.version] = conflict.current?.recordedAt ?? ""
                shown[RecordPages.versionKey] = conflict.current?.values.key ?? ""
                problems.append(FieldProblem(field: nil, reason: conflict.current.map {
                    "Someone else saved this record at \($0.recordedAt) (from \($0.source)) after you opened it. Their values are shown below and "
                        + "yours are kept in the form: save again to replace theirs with yours."
                } ?? "This record was added or deleted by someone else after you opened the form. Save again to write yours."))
            }
        }
        return Responses.html(
            RecordPages.form(template, icb: icb, values: shown, problems: problems, existing: nil, theirs: current, context: req.page), status: status)
    }

    struct Upload: Content {
        var file: File
    }

    /// ISO 8601 with milliseconds: the version a form carries, fine enough that two saves rarely share one.

    @Sendable func upload(req: Request) async throws -> Response {
        let (icb, template) = try await target(req)
        guard let upload = try? req.content.decode(Upload.self) else {
            throw WebError.badRequest(code: "file_missing", message: "Choose a CSV file to upload.")
        }
        let name = upload.file.filename.isEmpty ? "upload.csv" : upload.file.filename
        do {
            let source = try SourceFile.received(name: name, bytes: Array(upload.file.data.readableBytesView))
            let done = try await LocalRecordImporter(database: req.db).run(template, source: source, for: icb.code, by: req.recorder, recordedAt: req.clock.isoMilliseconds)
            return Responses.html(RecordPages.uploadResult(
                template, icb: icb,
                result: .saved(LocalRecordImportResultView(file: done.file, records: done.records, changed: done.changed, ignored: done.ignoredColumns)),
                context: req.page))
        } catch let failure as InputFileFailure {
            let issues = failure.issues.map { ImportIssueView(line: $0.line, column: $0.column, reason: $0.reason) }
            return Responses.html(RecordPages.uploadResult(template, icb: icb, result: .problems(issues), context: req.page), status: .unprocessableEntity)
        } catch let failure as SourceFileError {
            let issues = [ImportIssueView(line: 1, column: nil, reason: failure.description)]
            return Responses.html(RecordPages.uploadResult(template, icb: icb, result: .problems(issues), context: req.page), status: .unprocessableEntity)
        }
    }

    @Sendable func delete(req: Request) async throws -> Response {
        let (icb, template) = try await target(req)
        let key = (try? req.content.get(String.self, at: "key")) ?? ""
        guard try await LocalRecordImporter(database: req.db).delete(template, key: key, for: icb.code, by: req.recorder, at: req.clock.isoMilliseconds)
        else { throw WebError.notFound(code: "record_not_found", message: "No \(template.title.lowercased()) record \"\(key)\" for \(icb.code).") }
        return req.redirect(to: PodiumRoute.records(icb.code, template).path, redirectType: .normal)
    }

    @Sendable func api(req: Request) async throws -> API.RecordsDTO {
        let (icb, template) = try await target(req)
        let records = try await req.workbench.records(template, of: icb.code)
        return API.RecordsDTO(template: template, records: records.records)
    }
}

extension API {
    /// A template's records: each as an object of its columns (strings as written in the CSV; numbers as numbers).
    struct RecordsDTO: Content {
        var template: String
        var title: String
        var key: [String]
        var records: [[String: RecordValue]]

        init(template: RecordTemplate, records: [StoredRecord]) {
            self.template = template.id
            self.title = template.title
            self.key = template.key
            self.records = records.map { record in
                var object: [String: RecordValue] = ["example": .flag(record.isExample), "source": .text(record.source)]
                for field in template.fields {
                    let value = record.values[field.name]
                    switch (field.kind, value) {
                    case (_, .missing): object[field.name] = .null
                    case (.count, .integer(let number)): object[field.name] = .number(number)
                    default: object[field.name] = .text(field.write(value))
                    }
                }
                return object
            }
        }
    }

    enum RecordValue: Codable, Sendable {
        case text(String), number(Int64), flag(Bool), null

        func encode(to encoder: any Encoder) throws {
            var container = encoder.singleValueContainer()
            switch self {
            case .text(let text): try container.encode(text)
            case .number(let number): try container.encode(number)
            case .flag(let flag): try container.encode(flag)
            case .null: try container.encodeNil()
            }
        }

        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if container.decodeNil() { self = .null } else if let flag = try? container.decode(Bool.self) { self = .flag(flag) }
            else if let number = try? container.decode(Int64.self) { self = .number(number) } else { self = .text(try container.decode(String.self)) }
        }
    }
}
