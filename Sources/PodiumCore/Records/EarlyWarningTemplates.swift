extension RecordTemplate {
    /// What a commissioner knows about a provider that no data shows (issue 11): the early warning's local
    /// intelligence signal reads the last six months of it.
    public static let providerIntelligence = RecordTemplate(
        id: "provider-intelligence", table: "provider_intelligence", title: "Provider intelligence",
        summary: "What the ICB hears about a dental contract or pharmacy before the data shows it: staff leaving, premises, money, "
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
            RecordField("note", "Note", .text(maxLength: 1000), help: "What was learnt, in a sentence or two, and from whom."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true,
        check: { record in
            let provider = record.text("provider") ?? ""
            return ContractNumber(provider) != nil || PharmacyCode(provider) != nil
                ? [] : [FieldProblem(field: "provider", reason: "\"\(provider)\" is neither a dental contract number nor a pharmacy ODS code")]
        })
}

extension IntelligenceEntry {
    /// An entry from a `provider-intelligence` record, with the provider it is about.
    public static func from(_ record: FieldValues) -> (provider: String, entry: IntelligenceEntry)? {
        guard let provider = record.text("provider"), let date = record.date("date"),
              let category = record.text("category").flatMap(Category.init) else { return nil }
        return (provider, IntelligenceEntry(date: date, category: category, note: record.text("note") ?? ""))
    }
}
