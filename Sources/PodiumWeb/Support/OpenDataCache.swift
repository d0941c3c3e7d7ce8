import Foundation
import Vapor

/// Values derived from the imported open data, built once per state of the import log: the ICB register, the
/// months and contract years of dental activity, the ten-year dental history, every ICB's headline figures, England's
/// access models. (The history and the positions also depend on the ICBs' variations and opening balances: they are
/// rebuilt when those change.) The pages most read are served from these rather than aggregating the whole of England
/// on every request. The state is read from the database on every request, so an import made through any instance is
/// seen by all of them at once; a new state drops every entry.
///
/// A financial year's rows and positions are large (ten years of them would take most of a gigabyte), so only the
/// ``yearsKept`` years most recently read are kept; the others are read again when asked for.
actor OpenDataCache {
    /// Years of dental rows and positions kept at once.
    static let yearsKept = 3

    private var state = ""
    private var entries: [String: Task<any Sendable, any Error>] = [:]
    /// What else an entry depends on (the ICBs' dental records for the dental history): one variant is kept per name.
    private var variants: [String: String] = [:]
    /// Names of the entries of each family of year-sized values, the most recently read last.
    private var recent: [String: [String]] = [:]

    /// `name`'s value for the import log's `state` (and `variant`, for a value that also depends on local records),
    /// built now (once, however many requests ask at the same time) if it is not kept yet. A new variant replaces the
    /// old. Values of a `family` (one a year) are kept for the ``yearsKept`` most recently read. A build that fails is
    /// forgotten, so the next request tries again.
    func value<T: Sendable>(
        _ name: String, variant: String = "", family: String? = nil, state: String,
        build: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        if state != self.state {
            entries = [:]
            variants = [:]
            recent = [:]
            self.state = state
        }
        if variants[name, default: variant] != variant { entries[name] = nil }
        variants[name] = variant
        if let family {
            var names = recent[family, default: []].filter { $0 != name } + [name]
            while names.count > Self.yearsKept { entries[names.removeFirst()] = nil }
            recent[family] = names
        }
        let task = entries[name] ?? Task { try await build() }
        entries[name] = task
        do {
            guard let value = try await task.value as? T else { throw CacheTypeMismatch(name: name) }
            return value
        } catch {
            if self.state == state { entries[name] = nil }
            throw error
        }
    }

    struct CacheTypeMismatch: Error { var name: String }
}

/// The import log's state as one request reads it: loaded on first use and kept for the rest of the request, so the
/// many figures a page takes from the cache cost one short query between them.
final class ImportLogReading: @unchecked Sendable {
    // NB: @unchecked because `loaded` is guarded by `lock`.
    private let lock = NSLock()
    private var loaded: String?

    func state(_ read: () async throws -> String) async throws -> String {
        if let state = lock.withLock({ loaded }) { return state }
        let state = try await read()
        lock.withLock { loaded = state }
        return state
    }
}

extension Application {
    private struct OpenDataCacheKey: StorageKey { typealias Value = OpenDataCache }

    /// The application's open-data cache, set up by `configure`; `nil` computes every figure on every request.
    var openDataCache: OpenDataCache? {
        get { storage[OpenDataCacheKey.self] }
        set { storage[OpenDataCacheKey.self] = newValue }
    }
}

extension Request {
    private struct ImportLogKey: StorageKey { typealias Value = ImportLogReading }

    private struct DentalRecordsKey: StorageKey { typealias Value = ImportLogReading }

    /// This request's reading of the state of the ICBs' dental records (read once, as the import log is).
    var dentalRecordsReading: ImportLogReading {
        if let reading = storage[DentalRecordsKey.self] { return reading }
        let reading = ImportLogReading()
        storage[DentalRecordsKey.self] = reading
        return reading
    }

    /// This request's reading of the import log (read once however many figures the handler asks for).
    var importLogReading: ImportLogReading {
        if let reading = storage[ImportLogKey.self] { return reading }
        let reading = ImportLogReading()
        storage[ImportLogKey.self] = reading
        return reading
    }
}
