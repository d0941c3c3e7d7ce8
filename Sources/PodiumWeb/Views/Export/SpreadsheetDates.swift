import PodiumCore

extension CalendarDate {
    /// Days since 30 December 1899, the day spreadsheets count from (ECMA-376 Part 1 §18.17.4.1, 1900 date system,
    /// which keeps Lotus 1-2-3's phantom 29 February 1900, so later dates line up with this epoch).
    var spreadsheetSerial: Int { dayNumber + 25_569 }
}
