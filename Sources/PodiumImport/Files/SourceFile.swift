import CompressNIO
import Crypto
import Foundation
import NIOCore

/// A file to import: its name, fingerprint and (decompressed) content.
public struct SourceFile: Sendable {
    public var path: String
    /// The file name, used in messages and the import log.
    public var name: String
    /// SHA-256 of the bytes on disk, hex.
    public var sha256: String
    /// The content, gunzipped when the file is gzip-compressed (detected by its magic bytes, not its name).
    public var content: [UInt8]

    /// Reads a file from disk.
    /// - Throws: ``SourceFileError``.
    public static func load(path: String) throws -> SourceFile {
        guard FileManager.default.fileExists(atPath: path) else { throw SourceFileError.notFound(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceFileError.unreadable(path, "cannot be read")
        }
        let bytes = [UInt8](data)
        let digest = SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
        return SourceFile(
            path: path, name: (path as NSString).lastPathComponent, sha256: digest,
            content: try gunzipIfNeeded(bytes, path: path))
    }

    /// The SHA-256 of a file's bytes on disk, hex: what the import log knows a file by.
    /// - Throws: ``SourceFileError``.
    public static func fingerprint(path: String) throws -> String {
        guard FileManager.default.fileExists(atPath: path) else { throw SourceFileError.notFound(path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw SourceFileError.unreadable(path, "cannot be read")
        }
        return SHA256.hash(data: data).map { String(format: "%02x", $0) }.joined()
    }

    /// A file received over HTTP (an upload): never written to disk.
    /// - Throws: ``SourceFileError`` for a damaged gzip file.
    public static func received(name: String, bytes: [UInt8]) throws -> SourceFile {
        let digest = SHA256.hash(data: bytes).map { String(format: "%02x", $0) }.joined()
        return SourceFile(path: name, name: name, sha256: digest, content: try gunzipIfNeeded(bytes, path: name))
    }

    static func gunzipIfNeeded(_ bytes: [UInt8], path: String) throws -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { return bytes }
        var buffer = ByteBuffer(bytes: bytes)
        let inflated: [UInt8]
        do {
            inflated = Array(try buffer.decompress(with: .gzip()).readableBytesView)
        } catch {
            throw SourceFileError.unreadable(path, "is not a valid gzip file (\(error))")
        }
        // The gzip trailer ends with the uncompressed size mod 2^32 (RFC 1952 §2.3.1). A truncated download
        // inflates to fewer bytes without an error from the decompressor, so check it here.
        guard bytes.count >= 18 else { throw SourceFileError.unreadable(path, "is a truncated gzip file") }
        let trailer = bytes.suffix(4).reversed().reduce(UInt32(0)) { ($0 << 8) | UInt32($1) }
        guard trailer == UInt32(truncatingIfNeeded: inflated.count) else {
            throw SourceFileError.unreadable(
                path, "is a truncated or damaged gzip file (its size check does not match)")
        }
        return inflated
    }

    /// Compresses `bytes` as gzip, for writing bundled data.
    public static func gzip(_ bytes: [UInt8]) throws -> [UInt8] {
        var buffer = ByteBuffer(bytes: bytes)
        let compressed = try buffer.compress(with: .gzip())
        return Array(compressed.readableBytesView)
    }
}

/// A file that cannot be read at all.
public enum SourceFileError: Error, Equatable, CustomStringConvertible {
    case notFound(String)
    case unreadable(String, String)

    public var description: String {
        switch self {
        case .notFound(let path): "\(path): no such file"
        case .unreadable(let path, let reason): "\(path): \(reason)"
        }
    }
}
