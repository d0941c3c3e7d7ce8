/// One entry of a local record's audit trail: who added, changed or deleted which record, when, and each field's
/// value before and after. Written in the same transaction as the record.
public struct RecordChange: Sendable, Hashable {
    public enum Action: String, Sendable, Hashable, CaseIterable {
        case added, changed, deleted
    }

    /// A field's value as written in the CSV, before and after ("" when empty).
    public struct FieldChange: Sendable, Hashable {
        public var field: String
        public var before: String
        public var after: String

        public init(field: String, before: String, after: String) {
            self.field = field
            self.before = before
            self.after = after
        }
    }

    public var template: RecordTemplate
    /// The ICB whose record it is (`nil` for a record several ICBs share, such as a PNA).
    public var icb: ICBCode?
    public var key: String
    public var action: Action
    public var fields: [FieldChange]
    /// The name the person gave, or the file they uploaded it in.
    public var by: String
    /// "form", or the uploaded file's name.
    public var source: String
    /// ISO 8601 time.
    public var at: String

    public init(
        template: RecordTemplate, icb: ICBCode?, key: String, action: Action, fields: [FieldChange], by: String,
        source: String, at: String
    ) {
        self.template = template
        self.icb = icb
        self.key = key
        self.action = action
        self.fields = fields
        self.by = by
        self.source = source
        self.at = at
    }

    /// The change from `before` to `after` (either `nil` for an addition or a deletion), or `nil` when nothing
    /// changed: writing the same record again leaves no trail, as it changes nothing.
    public static func between(
        _ before: FieldValues?, _ after: FieldValues?, icb: ICBCode?, by: String, source: String, at: String
    ) -> RecordChange? {
        guard let template = (after ?? before)?.template else { return nil }
        let fields = template.fields.compactMap { field -> FieldChange? in
            let old = before.map { field.write($0[field.name]) } ?? ""
            let new = after.map { field.write($0[field.name]) } ?? ""
            return old == new ? nil : FieldChange(field: field.name, before: old, after: new)
        }
        let action: Action = before == nil ? .added : after == nil ? .deleted : .changed
        guard action != .changed || !fields.isEmpty else { return nil }
        return RecordChange(
            template: template, icb: icb, key: (after ?? before)!.key, action: action, fields: fields, by: by,
            source: source, at: at)
    }

    /// "Budget: 1000.00 → 1200.00; Notes: (empty) → Month-9 plan", using the template's labels.
    public var summary: String {
        if fields.isEmpty { return "no field changed (an example record taken on as the ICB's own)" }
        return fields.map { change in
            let label = template.field(change.field)?.label ?? change.field
            let show = { (text: String) in text.isEmpty ? "(empty)" : text }
            switch action {
            case .added: return "\(label): \(show(change.after))"
            case .deleted: return "\(label): \(show(change.before))"
            case .changed: return "\(label): \(show(change.before)) → \(show(change.after))"
            }
        }.joined(separator: "; ")
    }
}
