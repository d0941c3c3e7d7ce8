import Foundation
import PodiumCore

/// Makes the bundled Code-Point subset: only the postcodes used by the bundled ODS sites and dental contracts.
///
/// The full Code-Point Open file has 1.75 million postcodes (27 MB compressed); the workbench needs the few
/// thousand where its organisations are. The subset keeps Code-Point's header and row order, so it is the
/// full file filtered, reproducible with `podium data postcodes-subset`.
public enum PostcodeSubset {
    public struct Summary: Sendable {
        public var wanted: Int
        public var found: Int
        public var written: String
    }

    /// Reads the postcodes used in `dataDirectory`, filters `codePointPath` to them and writes gzip CSV to `output`.
    public static func make(codePointPath: String, dataDirectory: String, output: String) throws -> Summary {
        var wanted = Set<String>()
        for dataset in [Dataset.pharmacies, .dentalPractices] {
            let source = try SourceFile.load(path: BundledData.path(for: dataset, in: dataDirectory))
            try CSVReader(bytes: source.content).forEachRecord { record in
                // Field 10 of the ODS 27-field layout is the postcode.
                if record.fields.count > 9, let postcode = Postcode(record.fields[9]) {
                    wanted.insert(postcode.rawValue)
                }
                return true
            }
        }
        // Every month of dental activity: a contract's practice can move, and ten years hold contracts long ended.
        for file in try BundledData.files(for: .dentalActivity, in: dataDirectory) {
            let dental = try SourceFile.load(path: file)
            var postcodeColumn: Int?
            try CSVReader(bytes: dental.content).forEachRecord { record in
                guard let column = postcodeColumn else {
                    postcodeColumn = record.fields.firstIndex { $0.trimmingSpaces == "LATEST_PPC_ADDRESS_POSTCODE" }
                    return postcodeColumn != nil
                }
                if record.fields.count > column, let postcode = Postcode(record.fields[column]) {
                    wanted.insert(postcode.rawValue)
                }
                return true
            }
        }

        let codePoint = try SourceFile.load(path: codePointPath)
        var out = ""
        var found = 0
        var isHeader = true
        try CSVReader(bytes: codePoint.content).forEachRecord { record in
            if isHeader {
                isHeader = false
                out += CSVFormat.line(record.fields, spreadsheetSafe: false)
            } else if let postcode = record.fields.first.flatMap(Postcode.init), wanted.contains(postcode.rawValue) {
                out += CSVFormat.line(record.fields, spreadsheetSafe: false)
                found += 1
            }
            return true
        }
        let compressed = try SourceFile.gzip(Array(out.utf8))
        guard FileManager.default.createFile(atPath: output, contents: Data(compressed)) else {
            throw SourceFileError.unreadable(output, "cannot be written")
        }
        return Summary(wanted: wanted.count, found: found, written: output)
    }
}
