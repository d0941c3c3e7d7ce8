extension RecordTemplate {
    /// What a commissioner knows about a provider that no data shows: the early warning's local
    /// intelligence signal reads the last six months of it.
    public static let providerIntelligence = RecordTemplate(
        id: "provider-intelligence", table: "provider_intelligence", title: "Provider intelligence",
        summary:
            "What the ICB hears about a dental contract or pharmacy before the data shows it: staff leaving, premises, money, "
            + "notices served. The early warning counts the last six months.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's reference for the note."),
            RecordField(
                "provider", "Provider", .reference,
                help: "The dental contract number (10 characters) or the pharmacy's ODS code (F code) it is about."),
            RecordField(
                "category", "Category", .choice(IntelligenceEntry.Category.allCases.map(\.rawValue)),
                help: IntelligenceEntry.Category.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            RecordField("date", "Date", .date, help: "When the ICB learnt it."),
            RecordField(
                "note", "Note", .text(maxLength: 1000), help: "What was learnt, in a sentence or two, and from whom."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            let provider = record.text("provider") ?? ""
            return ContractNumber(provider) != nil || PharmacyCode(provider) != nil
                ? []
                : [
                    FieldProblem(
                        field: "provider",
                        reason: "\"\(provider)\" is neither a dental contract number nor a pharmacy ODS code")
                ]
        })
}

/// What the ICB heard about a provider, from ``RecordTemplate/providerIntelligence``.
public struct ProviderIntelligence: LocalRecord, Hashable {
    public static let template = RecordTemplate.providerIntelligence

    public var reference: String
    /// The dental contract number or pharmacy ODS code it is about.
    public var provider: String
    public var entry: IntelligenceEntry

    public init?(_ values: FieldValues) {
        guard let reference = values.text("reference"), let provider = values.text("provider"),
            let date = values.date("date"),
            let category = values.text("category").flatMap(IntelligenceEntry.Category.init)
        else { return nil }
        self.reference = reference
        self.provider = provider
        entry = IntelligenceEntry(date: date, category: category, note: values.text("note") ?? "")
    }
}
