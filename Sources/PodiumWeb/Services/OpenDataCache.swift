import Vapor

/// Figures derived only from the imported open data, built once per state of the import log (issue 10: the pages
/// most read are served from these rather than aggregating the whole of England on every request). The state is
/// read from the database on every use, so an import made through any instance is seen by all of them at once.
actor OpenDataCache {
    private var state = ""
    private var entries: [String: Task<any Sendable, any Error>] = [:]

    func value<T: Sendable>(_ name: String, state: String, build: @escaping @Sendable () async throws -> T) async throws -> T {
        if state != self.state {
            entries = [:]
            self.state = state
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

extension Request {
    /// The workbench for this request, with the application's open-data cache and the request's reading of the
    /// import log (read once however many workbenches the handler asks for).
    var workbench: Workbench { Workbench(database: db, cache: application.openDataCache, importLog: importLogReading) }

    private struct ImportLogKey: StorageKey { typealias Value = ImportLogReading }

    private var importLogReading: ImportLogReading {
        if let reading = storage[ImportLogKey.self] { return reading }
        let reading = ImportLogReading()
        storage[ImportLogKey.self] = reading
        return reading
    }
}

extension Application {
    private struct OpenDataCacheKey: StorageKey { typealias Value = OpenDataCache }

    var openDataCache: OpenDataCache? {
        get { storage[OpenDataCacheKey.self] }
        set { storage[OpenDataCacheKey.self] = newValue }
    }
}
