import Foundation

/// Where the committee paper's printer comes from: the browser `PODIUM_CHROMIUM` names, or the first Chromium on the
/// server's `PATH` at the moment a PDF is asked for (so installing Chromium after the server started works); none
/// for servers that must never print.
public enum ChromiumChoice: Sendable, Equatable {
    case named(String)
    case search(path: String)
    case none

    /// The renderer to print with now; `nil` when no Chromium can be found.
    func renderer() -> PDFRenderer? {
        switch self {
        case .named(let executable): PDFRenderer(executable: executable)
        case .search(let path): PDFRenderer.locate(environment: ["PATH": path]).map { PDFRenderer(executable: $0) }
        case .none: nil
        }
    }
}

/// Prints an HTML page to PDF with headless Chromium (`--print-to-pdf`), so a committee paper downloads as the same
/// document the browser prints: print CSS, a page break before each section. Without Chromium the PDF link answers
/// 503 with what to install, and the HTML still prints.
struct PDFRenderer: Sendable {
    /// The environment variable naming the browser to print with.
    static let chromiumKey = "PODIUM_CHROMIUM"

    var executable: String
    /// Chromium gets this long; a wedged browser must not hold a request forever.
    var timeoutSeconds: Double = 60

    enum Failure: Error, CustomStringConvertible {
        case exited(status: Int32, output: String)
        case timedOut(seconds: Double)
        case noOutput
        case unwritable(String)

        var description: String {
            switch self {
            case .unwritable(let path): "Could not write \(path)"
            case .exited(let status, let output): "Chromium exited with status \(status): \(output.suffix(500))"
            case .timedOut(let seconds): "Chromium did not finish within \(Int(seconds)) s"
            case .noOutput: "Chromium wrote no PDF"
            }
        }
    }

    /// The page is written to a private temporary folder (with its stylesheet inline) and printed from there, so the
    /// browser needs no network and concurrent requests never share files or a browser profile.
    func render(html: String) async throws -> [UInt8] {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("podium-pdf-\(UUID().uuidString)")
        // Readable by this user only: the paper holds the ICB's own records.
        try FileManager.default.createDirectory(
            at: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: folder) }
        let page = folder.appendingPathComponent("paper.html")
        let output = folder.appendingPathComponent("paper.pdf")
        guard
            FileManager.default.createFile(
                atPath: page.path, contents: Data(html.utf8), attributes: [.posixPermissions: 0o600])
        else { throw Failure.unwritable(page.path) }
        let process = Process()
        // At low priority where `nice` is there: a paper may wait a moment, the pages people are reading should not.
        let nice = "/usr/bin/nice"
        let lowPriority = FileManager.default.isExecutableFile(atPath: nice)
        process.executableURL = URL(fileURLWithPath: lowPriority ? nice : executable)
        process.arguments =
            (lowPriority ? ["-n", "19", executable] : []) + [
                "--headless", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-pdf-header-footer",
                "--run-all-compositor-stages-before-draw",
                "--user-data-dir=\(folder.appendingPathComponent("profile").path)", "--print-to-pdf=\(output.path)",
                page.absoluteString,
            ]
        let log = Pipe()
        process.standardOutput = log
        process.standardError = log
        let status: Int32 = try await withThrowingTaskGroup(of: Int32?.self) { group in
            group.addTask {
                try await withCheckedThrowingContinuation { continuation in
                    process.terminationHandler = { continuation.resume(returning: $0.terminationStatus) }
                    do { try process.run() } catch { continuation.resume(throwing: error) }
                }
            }
            group.addTask {
                try await Task.sleep(nanoseconds: UInt64(timeoutSeconds * 1_000_000_000))
                return nil
            }
            let first = try await group.next() ?? nil
            group.cancelAll()
            guard let first else {
                process.terminate()
                throw Failure.timedOut(seconds: timeoutSeconds)
            }
            return first
        }
        let said = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        guard status == 0 else { throw Failure.exited(status: status, output: said) }
        guard let bytes = try? Data(contentsOf: output), bytes.starts(with: Array("%PDF".utf8)) else {
            throw Failure.noOutput
        }
        return Array(bytes)
    }

    /// `PODIUM_CHROMIUM` if set, else the first of chromium, chromium-browser, google-chrome on `PATH`.
    static func locate(environment: [String: String]) -> String? {
        if let explicit = environment[chromiumKey], !explicit.isEmpty { return explicit }
        let folders = (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init)
        for name in ["chromium", "chromium-browser", "google-chrome"] {
            for folder in folders where FileManager.default.isExecutableFile(atPath: "\(folder)/\(name)") {
                return "\(folder)/\(name)"
            }
        }
        return nil
    }
}
