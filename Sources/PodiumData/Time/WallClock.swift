import Foundation
import PodiumCore

/// The wall clock: the one place Podium reads the time of day.
///
/// Everything that needs "now" — an import's time, a session's expiry, the day a review is judged on, the instant
/// a record is saved — is handed a `WallClock` (the server keeps one in its application storage, the command line
/// makes one per run), so tests fix it and get the same pages, records and audit trails every run.
public struct WallClock: Sendable {
    private let reading: @Sendable () -> Date

    public init(_ reading: @escaping @Sendable () -> Date) { self.reading = reading }

    /// The system's clock.
    public static let system = WallClock { Date() }

    /// A clock stopped at `instant`, for tests and reproducible runs.
    public static func fixed(_ instant: Date) -> WallClock { WallClock { instant } }

    /// A clock stopped at an ISO 8601 instant (`2026-12-01T09:00:00Z`); `nil` if the text is not one.
    public static func fixed(iso text: String) -> WallClock? {
        (try? Date.ISO8601FormatStyle().parse(text)).map(fixed)
    }

    /// The current instant.
    public var now: Date { reading() }

    /// Today's date in UTC (the day deadlines, reviews and follow-ups are judged on).
    public var today: CalendarDate { CalendarDate.utc(now) }

    /// Now as ISO 8601 in UTC to the second (`2026-12-01T09:00:00Z`): how sessions, users and tokens store time,
    /// sorting as text on both databases.
    public var iso: String { Self.iso(now) }

    /// Now as ISO 8601 in UTC with milliseconds: how imports, local records and variations store time.
    public var isoMilliseconds: String { ImportStore.timestamp.format(now) }

    /// Seconds since 1970, for rate-limit windows.
    public var epochSeconds: Int64 { Int64(now.timeIntervalSince1970) }

    /// `instant` as ISO 8601 in UTC to the second.
    public static func iso(_ instant: Date) -> String { instant.formatted(.iso8601) }
}

extension CalendarDate {
    /// The UTC calendar day of `instant`: whole days since 1970 (UTC has no daylight saving to step over).
    public static func utc(_ instant: Date) -> CalendarDate {
        CalendarDate(dayNumber: Int((instant.timeIntervalSince1970 / 86_400).rounded(.down)))
    }
}
