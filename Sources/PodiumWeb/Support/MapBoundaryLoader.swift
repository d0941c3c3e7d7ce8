import Foundation
import PodiumImport
import Vapor

/// The maps' boundaries, read from the bundled-data folder when a map first needs them (about a megabyte of
/// simplified ONS outlines) and kept for the life of the process; they are the same for every database.
actor MapBoundaryLoader {
    let directory: String?
    let logger: Logger
    private var loading: Task<MapBoundaries?, Never>?

    init(directory: String?, logger: Logger) {
        self.directory = directory
        self.logger = logger
    }

    /// The boundaries, or `nil` (logged once) when the folder or its files cannot be read: maps then draw each LSOA as
    /// a dot and say why.
    func boundaries() async -> MapBoundaries? {
        if let loading { return await loading.value }
        let directory = directory
        let logger = logger
        let task = Task<MapBoundaries?, Never> {
            guard let directory else {
                logger.warning("maps drawn without boundaries: no bundled-data folder (set PODIUM_OPEN_DATA_DIR)")
                return nil
            }
            do {
                return try MapBoundaries.load(directory: directory)
            } catch {
                logger.warning("maps drawn without boundaries", metadata: ["error": "\(error)"])
                return nil
            }
        }
        loading = task
        return await task.value
    }
}

extension Application {
    private struct MapBoundariesKey: StorageKey { typealias Value = MapBoundaryLoader }

    var mapBoundaries: MapBoundaryLoader? {
        get { storage[MapBoundariesKey.self] }
        set { storage[MapBoundariesKey.self] = newValue }
    }
}
