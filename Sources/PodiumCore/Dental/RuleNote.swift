/// Why a figure or flag is what it is: the rule applied, in plain words, and where the rule comes from.
public struct RuleNote: Sendable, Hashable, Codable {
    /// The rule's name: "Year-end reconciliation".
    public var rule: String
    /// What happened, in the commissioner's words, with the figures.
    public var explanation: String
    /// The published source of the rule, or a note that the rule is unconfirmed.
    public var source: String

    public init(rule: String, explanation: String, source: String) {
        self.rule = rule
        self.explanation = explanation
        self.source = source
    }

    /// "Year-end reconciliation: … (NHSBSA KA-01672)".
    public var sentence: String { "\(rule): \(explanation) (\(source))." }
}

/// Sources cited by the dental rules.
public enum DentalRuleSource {
    public static let yearEnd = "NHSBSA knowledge article KA-01672, year-end reconciliation"
    public static let adjustedDelivery =
        "NHSBSA FOI-03553: adjusted delivered = delivered − carry forward + NPP credits + miscellaneous credits"
    public static let midYear = "GDS Contracts Regulations 2005, Schedule 3, paragraphs 58–59"
    public static let profile = "working-day profile as used by NHS England analysts (nhsengland/SMT-Dental-Pack-PhODS)"
    public static let overDelivery =
        "ICB over-delivery scheme, as NHS England allowed up to 110% in 2022/23 and 2023/24 (reported by HSJ)"
    public static let proRata =
        "pro-rata by calendar days on a mid-year change [unconfirmed rule: no published source found]"
}
