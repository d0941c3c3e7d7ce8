import Foundation

/// Foundation's decoder, for Codable round trips in tests (Core itself has no Foundation).
struct JSONDecoderShim {
    func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
