import Foundation
import PodiumCore
import PodiumData
import Vapor

extension API.Controller {
    @Sendable func records(req: Request) async throws -> API.RecordsDTO {
        let model = try await RecordIndex.Model.query(
            req.queryContext, icb: try req.icbCode(), template: req.parameters.get("template") ?? "")
        return API.RecordsDTO(template: model.template, records: model.records.records)
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
                var object: [String: RecordValue] = [
                    "example": .flag(record.isExample), "source": .text(record.source),
                ]
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
        case text(String)
        case number(Int64)
        case flag(Bool)
        case null

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
            if container.decodeNil() {
                self = .null
            } else if let flag = try? container.decode(Bool.self) {
                self = .flag(flag)
            } else if let number = try? container.decode(Int64.self) {
                self = .number(number)
            } else {
                self = .text(try container.decode(String.self))
            }
        }
    }
}
