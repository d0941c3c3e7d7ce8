import ArgumentParser
import Foundation
import Logging
import PodiumCore
import PodiumImport

/// Console output: progress on a terminal, quiet otherwise; problems on standard error.
enum Terminal {
    /// Progress redraws a line only on a terminal (not in CI logs or pipes).
    static let isInteractive = isatty(STDERR_FILENO) != 0

    private static let bootstrapped = LockedFlag()

    /// `LoggingSystem.bootstrap` may run once per process.
    static func bootstrapLogging(level: Logger.Level) {
        guard bootstrapped.setOnce() else { return }
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((message + "\n").utf8))
    }

    /// Reads a command's input file: a bad file prints every problem and exits 65 (data error), a missing or
    /// unreadable one exits 66 (no input), as sysexits.h.
    static func readInput<T>(_ read: () throws -> T) throws -> T {
        do {
            return try read()
        } catch let failure as InputFileFailure {
            error(failure.description)
            throw ExitCode(65)
        } catch let problem as SourceFileError {
            error(problem.description)
            throw ExitCode(66)
        }
    }

    static func line(_ message: String) {
        FileHandle.standardOutput.write(Data((message + "\n").utf8))
    }

    /// A progress reporter for imports: "icbs  reading 45%" / "writing 12,000 of 54,227 rows (22%), 8,100 rows/s".
    /// Off a terminal, the writing phase is logged at `info` instead (long imports log their progress
    /// with counts), which is also how a test knows an import is mid-transaction.
    static func importProgress(logger: Logger? = nil) -> @Sendable (ImportProgressEvent) -> Void {
        guard isInteractive else {
            guard let logger else { return { _ in } }
            return { event in
                guard event.phase == .writing else { return }
                logger.info(
                    "writing",
                    metadata: [
                        "dataset": "\(event.dataset.rawValue)", "file": "\(event.file)", "rows": "\(event.done)",
                        "of": "\(event.total)",
                    ])
            }
        }
        let started = ContinuousClock.now
        return { event in
            let percent = event.total > 0 ? event.done * 100 / event.total : 100
            let text: String
            switch event.phase {
            case .reading: text = "reading \(percent)%"
            case .writing:
                let rate = Int(Double(event.done) / max(0.001, seconds(ContinuousClock.now - started)))
                text =
                    "writing \(ScaledDecimal.groupThousands(UInt64(event.done))) of \(ScaledDecimal.groupThousands(UInt64(event.total))) rows (\(percent)%), \(ScaledDecimal.groupThousands(UInt64(rate))) rows/s"
            }
            let file = event.fileCount > 1 ? " \(event.file) (\(event.fileNumber) of \(event.fileCount))" : ""
            FileHandle.standardError.write(Data("\r\u{1B}[2K  \(event.dataset.rawValue)\(file): \(text)".utf8))
        }
    }

    /// A duration in seconds, for rates and messages.
    static func seconds(_ duration: Duration) -> Double {
        Double(duration.components.seconds) + Double(duration.components.attoseconds) / 1e18
    }

    /// Ends a progress line.
    static func endProgress() {
        if isInteractive { FileHandle.standardError.write(Data("\r\u{1B}[2K".utf8)) }
    }
}

/// A flag that can be set once, safely from any thread.
final class LockedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    /// `true` the first time only.
    func setOnce() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        if value { return false }
        value = true
        return true
    }
}

extension String {
    /// Right-aligned in `width` columns (bench tables).
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
