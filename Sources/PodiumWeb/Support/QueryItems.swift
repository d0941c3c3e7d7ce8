import Foundation

/// Query strings for links that keep a reader's choices.
enum QueryItems {
    /// Items for the parameters that have a value (a choice left blank is not kept in links).
    static func of(_ parameters: [(name: String, value: String?)]) -> [URLQueryItem] {
        parameters.compactMap { name, value in value.flatMap { $0.isEmpty ? nil : URLQueryItem(name: name, value: $0) }
        }
    }
}
