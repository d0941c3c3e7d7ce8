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

    /// How far a compressed file may inflate: a file that would grow past either bound is refused before it is all
    /// inflated, so a small upload cannot fill the server's memory (a "gzip bomb").
    public struct InflateLimit: Sendable, Equatable {
        public var maximumBytes: Int
        public var maximumRatio: Int

        /// 256 MiB, 25 times the largest bundled file inflated (10.0 MB, the mid-2020 population); 200 times the
        /// compressed size, five times the most any bundled file inflates (38 times, the 2011 LSOA lookup).
        public static let standard = InflateLimit(maximumBytes: 256 << 20, maximumRatio: 200)

        /// The most `compressed` bytes may inflate to: never under 1 MiB, so a tiny file is not refused for its ratio.
        func allowed(forCompressed compressed: Int) -> Int {
            min(maximumBytes, max(1 << 20, compressed.multipliedReportingOverflow(by: maximumRatio).partialValue))
        }
    }

    static func gunzipIfNeeded(_ bytes: [UInt8], path: String, limit: InflateLimit = .standard) throws -> [UInt8] {
        guard bytes.count >= 2, bytes[0] == 0x1F, bytes[1] == 0x8B else { return bytes }
        var buffer = ByteBuffer(bytes: bytes)
        let inflated: [UInt8]
        let allowed = limit.allowed(forCompressed: bytes.count)
        do {
            inflated = Array(try buffer.decompress(with: .gzip(), maxSize: allowed).readableBytesView)
        } catch let error as CompressNIOError where error == .bufferOverflow {
            throw SourceFileError.unreadable(
                path,
                "inflates to more than \(allowed >> 20) MB (more than \(limit.maximumRatio) times its compressed size, or over \(limit.maximumBytes >> 20) MB): refused, nothing was imported"
            )
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
