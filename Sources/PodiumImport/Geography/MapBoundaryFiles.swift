import Foundation
import PodiumCore

/// The boundaries the maps draw: the 42 ICBs (by ONS code) and England's 33,755 2021 LSOAs, from the simplified files
/// in the bundled-data folder's `boundaries/` (ONS, Open Government Licence v3.0; made by
/// `scripts/simplify-boundaries.py`). Read when a map first needs them, not imported: they draw pages and decide
/// nothing.
public struct MapBoundaries: Sendable {
    /// ICBs by ONS code (April 2024 codes, as the ICB register's `onsCode`).
    public var icbs: [String: AreaShape]
    /// LSOAs by 2021 code; names are left out of the file to keep it small.
    public var lsoas: [String: AreaShape]

    public init(icbs: [String: AreaShape], lsoas: [String: AreaShape]) {
        self.icbs = icbs
        self.lsoas = lsoas
    }

    /// What a map must credit (the ONS licence's attribution).
    public static let credit =
        "Source: Office for National Statistics licensed under the Open Government Licence v.3.0. Contains OS data © Crown copyright and database right 2026."

    public static let icbFile = "boundaries/icb23_bng_simplified.csv.gz"
    public static let lsoaFile = "boundaries/lsoa21_england_bng_simplified.csv.gz"

    /// Reads both files from the bundled-data folder.
    /// - Throws: ``SourceFileError`` for a missing file, ``MapBoundaryError`` naming the file and line of a bad row.
    public static func load(directory: String) throws -> MapBoundaries {
        let folder = directory as NSString
        return MapBoundaries(
            icbs: try shapes(SourceFile.load(path: folder.appendingPathComponent(icbFile)), named: true),
            lsoas: try shapes(SourceFile.load(path: folder.appendingPathComponent(lsoaFile)), named: false))
    }

    static func shapes(_ file: SourceFile, named: Bool) throws -> [String: AreaShape] {
        let header = named ? ["code", "name", "rings"] : ["code", "rings"]
        var shapes: [String: AreaShape] = [:]
        try CSVReader(bytes: file.content).forEachRecord { record in
            if record.line == 1 {
                guard record.fields == header else {
                    throw MapBoundaryError(file: file.name, line: 1, reason: "expected the columns \(header)")
                }
                return true
            }
            guard record.fields.count == header.count, let rings = AreaShape.rings(encoded: record.fields.last!)
            else { throw MapBoundaryError(file: file.name, line: record.line, reason: "not a code and its rings") }
            let code = record.fields[0]
            shapes[code] = AreaShape(code: code, name: named ? record.fields[1] : "", rings: rings)
            return true
        }
        return shapes
    }
}

public struct MapBoundaryError: Error, Equatable, CustomStringConvertible {
    public var file: String
    public var line: Int
    public var reason: String
    public var description: String { "\(file), line \(line): \(reason)" }
}
