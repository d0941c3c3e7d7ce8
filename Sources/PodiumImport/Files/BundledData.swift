import Foundation
import PodiumCore

/// The open data shipped in the repository (`Data/open`, see its README for provenance and licences).
public enum BundledData {
    /// The bundled file for each dataset.
    public static func fileName(for dataset: Dataset) -> String {
        switch dataset {
        case .icbs: "icb_list_42.csv"
        case .subICBLocations: "sicbl_list_106.csv"
        case .lsoa2011Lookup: "lookup_lsoa11_sicbl22_icb22_lad22.csv.gz"
        case .lsoa2021Lookup: "lookup_lsoa21_sicbl24_icb24.csv.gz"
        case .lsoaVintageLookup: "lookup_lsoa11_lsoa21_lad22.csv.gz"
        case .imd2019: "imd2019_lsoa11_file1_imd.csv.gz"
        case .iod2025: "iod2025_lsoa21_scores_ranks_deciles.csv.gz"
        case .iod2025ICBSummary: "iod2025_icb24_summary.csv"
        case .population2021: "lsoa21_population_census2021_age6.csv.gz"
        case .population2020: "lsoa11_population_mid2020_sya.csv.gz"
        case .lsoa2011Centroids: "lsoa11_pwc_dec2011.csv.gz"
        case .lsoa2021Centroids: "ons_lsoa21_pwc_2021_v4_wgs84.csv.gz"
        case .population2024: "ons_lsoa21_population_mid2024_nomis.csv.gz"
        case .postcodes: "codepoint_open_2025_10_postcodes_subset.csv.gz"
        case .pharmacies: "ods_edispensary_2025.csv.gz"
        case .dentalPractices: "ods_egdpprac_2024.csv.gz"
        // A folder: the publisher's monthly files, verbatim (see its MANIFEST.csv).
        case .dentalActivity: "nhsbsa_dental_activity_monthly"
        case .pharmacyFirstEngland: "pharmacy_first_consultations_england_2023_2025.csv"
        case .pharmacyFirstRegions: "pharmacy_first_consultations_by_region_2023_2025.csv"
        }
    }

    /// The dataset's files in `directory`: the bundled file, or every published file in the bundled folder (in name
    /// order, which for NHSBSA's `uda_contractor_YYYYMM` files is month order).
    public static func files(for dataset: Dataset, in directory: String) throws -> [String] {
        let path = path(for: dataset, in: directory)
        return isDirectory(path) ? try publishedFiles(inFolder: path) : [path]
    }

    /// The bundled dental activity files of the latest `count` financial years (by the `YYYYMM` in their names), for
    /// benchmarks that need a year or two rather than ten.
    public static func dentalFiles(lastYears count: Int, in directory: String) throws -> [String] {
        let files = try files(for: .dentalActivity, in: directory)
        let year = { (file: String) -> FinancialYear? in
            let name = (file as NSString).lastPathComponent
            guard let digits = name.split(separator: "_").last?.prefix(6), let month = YearMonth(String(digits))
            else { return nil }
            return FinancialYear(containing: month)
        }
        let years = Set(files.compactMap(year)).sorted(by: >).prefix(count)
        return files.filter { year($0).map(years.contains) ?? false }
    }

    /// The CSV files (`.csv`, `.csv.gz`) of a folder, in name order; anything else there (a manifest, a README, the
    /// portal's description) is left alone.
    public static func publishedFiles(inFolder folder: String) throws -> [String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: folder)
        return names.filter { ($0.hasSuffix(".csv") || $0.hasSuffix(".csv.gz")) && !$0.hasPrefix("MANIFEST") }.sorted()
            .map { (folder as NSString).appendingPathComponent($0) }
    }

    /// Whether `path` names a folder (a dataset published as one file a month).
    public static func isFolder(_ path: String) -> Bool { isDirectory(path) }

    /// The dataset's file in `directory`: the bundled name, or the same name without `.gz` (test fixtures are
    /// kept uncompressed so they read well in review).
    public static func path(for dataset: Dataset, in directory: String) -> String {
        let name = fileName(for: dataset)
        let path = (directory as NSString).appendingPathComponent(name)
        if !FileManager.default.fileExists(atPath: path), name.hasSuffix(".gz") {
            let plain = String(path.dropLast(3))
            if FileManager.default.fileExists(atPath: plain) { return plain }
        }
        return path
    }

    /// Environment variable naming the bundled-data folder.
    public static let directoryKey = "PODIUM_OPEN_DATA_DIR"

    /// Finds the bundled-data folder: `explicit` (`--data-dir`), then `PODIUM_OPEN_DATA_DIR`, then `Data/open`
    /// under the working directory, then beside the source tree this binary was built from.
    /// - Throws: ``BundledDataError`` listing the places looked in.
    public static func locateDirectory(explicit: String?, environment: [String: String], sourceFile: String = #filePath)
        throws -> String
    {
        if let explicit { return try existing(explicit, key: "--data-dir") }
        if let fromEnvironment = environment[directoryKey] { return try existing(fromEnvironment, key: directoryKey) }
        let candidates = [
            FileManager.default.currentDirectoryPath + "/Data/open",
            // Sources/PodiumImport/Files/BundledData.swift → the package root.
            ((((sourceFile as NSString).deletingLastPathComponent as NSString).deletingLastPathComponent as NSString)
                .deletingLastPathComponent as NSString).deletingLastPathComponent + "/Data/open",
        ]
        for candidate in candidates where isDirectory(candidate) { return candidate }
        throw BundledDataError.notFound(candidates)
    }

    private static func existing(_ path: String, key: String) throws -> String {
        guard isDirectory(path) else { throw BundledDataError.notADirectory(path, key: key) }
        return path
    }

    private static func isDirectory(_ path: String) -> Bool {
        var directory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &directory) && directory.boolValue
    }
}

public enum BundledDataError: Error, Equatable, CustomStringConvertible {
    case notFound([String])
    case notADirectory(String, key: String)

    public var description: String {
        switch self {
        case .notFound(let paths):
            "The bundled open data was not found (looked in \(paths.joined(separator: ", "))). Run from the repository root or pass --data-dir."
        case .notADirectory(let path, let key): "\(key): \(path) is not a folder"
        }
    }
}
