import Foundation

@testable import PodiumWeb

/// A JSON value decoded strictly, so `true` and `1` stay different (Foundation's `Any` bridging blurs them on Linux).
indirect enum JSONValue: Decodable, Equatable {
    case object([String: JSONValue])
    case array([JSONValue])
    case string(String)
    case integer(Int64)
    case number(Double)
    case bool(Bool)
    case null

    init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            self = .null
        } else if let value = try? container.decode(Bool.self) {
            self = .bool(value)
        } else if let value = try? container.decode(Int64.self) {
            self = .integer(value)
        } else if let value = try? container.decode(Double.self) {
            self = .number(value)
        } else if let value = try? container.decode(String.self) {
            self = .string(value)
        } else if let value = try? container.decode([JSONValue].self) {
            self = .array(value)
        } else {
            self = .object(try container.decode([String: JSONValue].self))
        }
    }

    static func parse(_ text: String) throws -> JSONValue {
        try JSONDecoder().decode(JSONValue.self, from: Data(text.utf8))
    }

    subscript(key: String) -> JSONValue? {
        if case .object(let object) = self { return object[key] }
        return nil
    }

    var string: String? { if case .string(let value) = self { value } else { nil } }
}

/// Checks JSON against the subset of OpenAPI 3.0 schemas Podium uses: `$ref`, `type`, `properties`, `required`,
/// `items`, and no undocumented properties. Returns the problems found, empty when the value conforms.
struct SchemaValidator {
    let document: JSONValue

    init() throws {
        document = try JSONValue.parse(String(decoding: try OpenAPIDocument.json(), as: UTF8.self))
    }

    private var schemas: [String: JSONValue] {
        if case .object(let schemas) = document["components"]?["schemas"] { return schemas }
        return [:]
    }

    func validate(_ value: JSONValue, against name: String) -> [String] {
        check(value, .object(["$ref": .string("#/components/schemas/\(name)")]), at: name)
    }

    /// `$ref`s that name no schema.
    func unresolvedReferences() -> [String] {
        var missing: [String] = []
        func walk(_ node: JSONValue) {
            switch node {
            case .object(let object):
                if let ref = object["$ref"]?.string, schemas[Self.name(ref)] == nil { missing.append(ref) }
                object.values.forEach(walk)
            case .array(let array): array.forEach(walk)
            default: break
            }
        }
        walk(document)
        return missing
    }

    private static func name(_ ref: String) -> String { String(ref.split(separator: "/").last ?? "") }

    private func check(_ value: JSONValue, _ schema: JSONValue, at path: String) -> [String] {
        if let ref = schema["$ref"]?.string {
            guard let target = schemas[Self.name(ref)] else { return ["\(path): unresolved \(ref)"] }
            return check(value, target, at: path)
        }
        switch (schema["type"]?.string, value) {
        case ("object", .object(let object)):
            guard case .object(let properties) = schema["properties"] ?? .object([:]) else {
                return ["\(path): bad schema"]
            }
            var required: [String] = []
            if case .array(let names) = schema["required"] ?? .array([]) { required = names.compactMap(\.string) }
            var problems = required.filter { object[$0] == nil }.map { "\(path).\($0): required but missing" }
            for (key, item) in object.sorted(by: { $0.key < $1.key }) {
                if properties[key] == nil, let additional = schema["additionalProperties"] {
                    problems += check(item, additional, at: "\(path).\(key)")
                    continue
                }
                guard let property = properties[key] else {
                    problems.append("\(path).\(key): not in the schema")
                    continue
                }
                problems += check(item, property, at: "\(path).\(key)")
            }
            return problems
        case ("array", .array(let items)):
            let itemSchema = schema["items"] ?? .object([:])
            return items.enumerated().flatMap { check($0.element, itemSchema, at: "\(path)[\($0.offset)]") }
        case ("string", .string), ("integer", .integer), ("number", .integer), ("number", .number), ("boolean", .bool),
            (nil, _):
            return []
        case (let type?, _):
            return ["\(path): expected \(type), found \(value)"]
        }
    }
}
