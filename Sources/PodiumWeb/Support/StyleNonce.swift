import Vapor

extension Request {
    private struct StyleNonceKey: StorageKey { typealias Value = String }

    /// A fresh random value per response for the Content-Security-Policy's `style-src` (set by the security-headers
    /// middleware, read by the page context).
    var styleNonce: String? {
        get { storage[StyleNonceKey.self] }
        set { storage[StyleNonceKey.self] = newValue }
    }

    /// 128 random bits, base64.
    static func makeNonce() -> String {
        var generator = SystemRandomNumberGenerator()
        return Data((0..<16).map { _ in UInt8.random(in: 0...255, using: &generator) }).base64EncodedString()
    }
}
