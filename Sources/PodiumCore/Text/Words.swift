/// Numbers in words, as pages and papers write them.
public enum Words {
    /// `1st`, `2nd`, `3rd`, `4th`, `11th`, `12th`, `13th`, `21st` …
    public static func ordinal(_ value: Int) -> String {
        let suffix =
            (11...13).contains(value % 100)
            ? "th" : (["th", "st", "nd", "rd"] + Array(repeating: "th", count: 6))[value % 10]
        return "\(value)\(suffix)"
    }

    /// "1 provider", "2 providers": the count and the noun in the number that fits.
    public static func count(_ value: Int, _ singular: String, plural: String? = nil) -> String {
        "\(value) \(value == 1 ? singular : plural ?? singular + "s")"
    }
}
