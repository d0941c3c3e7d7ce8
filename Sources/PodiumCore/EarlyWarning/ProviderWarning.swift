/// What one signal saw for one provider as of a month: the value, the points it earns and why, in words.
public struct SignalReading: Sendable, Hashable, Codable {
    public var signal: WarningSignal
    /// The measured value (a percentage, a count, hours …); `nil` when the data cannot tell (too few months).
    public var value: Double?
    public var setting: SignalSetting
    /// 0 (no sign) to 1 (counts in full).
    public var severity: Double
    /// What was seen, in a commissioner's words: "projected to deliver 62% of its target by 31 March".
    public var words: String

    public init(signal: WarningSignal, value: Double?, setting: SignalSetting, severity: Double? = nil, words: String) {
        self.signal = signal
        self.value = value
        self.setting = setting
        self.severity = severity ?? setting.severity(of: value)
        self.words = words
    }

    public var points: Double { setting.weight * severity }
}

/// Local intelligence about a provider, recorded by a commissioner (the `provider-intelligence` record template).
public struct IntelligenceEntry: Sendable, Hashable, Codable {
    public enum Category: String, Sendable, Hashable, Codable, CaseIterable {
        case workforce, premises, financial, quality, contract
        case breachNotice = "breach-notice"
        case remedialNotice = "remedial-notice"
        case handBackNotice = "hand-back-notice"
        case other

        public var label: String {
            switch self {
            case .workforce: "workforce"
            case .premises: "premises"
            case .financial: "financial"
            case .quality: "quality"
            case .contract: "contract"
            case .breachNotice: "breach notice"
            case .remedialNotice: "remedial notice"
            case .handBackNotice: "notice of hand-back"
            case .other: "other"
            }
        }
    }

    public var date: CalendarDate
    public var category: Category
    public var note: String

    public init(date: CalendarDate, category: Category, note: String) {
        self.date = date
        self.category = category
        self.note = note
    }

    /// The entries dated in the six months (183 days) up to `today`, newest first, and the reading they make.
    static func reading(_ entries: [IntelligenceEntry], today: CalendarDate, configuration: WarningConfiguration)
        -> SignalReading
    {
        let from = today.adding(days: -183)
        let recent = entries.filter { $0.date >= from && $0.date <= today }.sorted { $0.date > $1.date }
        let words =
            recent.isEmpty
            ? "nothing recorded in the last 6 months"
            : "\(recent.count) recorded in the last 6 months, latest \(recent[0].category.label) on \(recent[0].date.label): \(recent[0].note)"
        return SignalReading(
            signal: .localIntelligence, value: Double(recent.count), setting: configuration.setting(.localIntelligence),
            words: words)
    }
}

/// A provider's early-warning score as of a month: 0 (no sign) to 100, the sum of its signals' points.
public struct ProviderWarning: Sendable, Hashable, Codable {
    public var asOf: YearMonth
    public var configuration: String
    public var readings: [SignalReading]

    public init(asOf: YearMonth, configuration: String, readings: [SignalReading]) {
        self.asOf = asOf
        self.configuration = configuration
        self.readings = readings
    }

    /// The sum of points, out of the sum of the weights (100 in ``WarningConfiguration/v1``), rounded to a tenth.
    public var score: Double {
        let maximum = readings.map(\.setting.weight).reduce(0, +)
        guard maximum > 0 else { return 0 }
        return (readings.map(\.points).reduce(0, +) / maximum * 1000).rounded() / 10
    }

    /// The signals that earn points, most first: the reasons a commissioner reads.
    public var reasons: [SignalReading] {
        readings.filter { $0.points > 0 }.sorted { ($0.points, $1.signal.rawValue) > ($1.points, $0.signal.rawValue) }
    }

    public func topReasons(_ count: Int = 3) -> [SignalReading] { Array(reasons.prefix(count)) }
}

extension YearMonth {
    /// The month `count` months earlier.
    public func monthsBack(_ count: Int) -> YearMonth {
        var month = self
        for _ in 0..<max(0, count) { month = month.previous }
        return month
    }

    /// The month `count` months later.
    public func monthsAhead(_ count: Int) -> YearMonth {
        var month = self
        for _ in 0..<max(0, count) { month = month.next }
        return month
    }
}

extension ProviderWarning {
    /// The top three reasons, each "Signal: what was seen".
    public var reasonLines: [String] { topReasons(3).map { "\($0.signal.label): \($0.words)" } }

    /// The top three reasons in words, or "no warning signs".
    public var reasonsSentence: String {
        reasonLines.isEmpty ? "no warning signs" : reasonLines.joined(separator: "; ")
    }
}
