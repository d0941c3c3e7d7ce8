/// A local record read once from its template's stored values into a typed value: the one place each template's
/// field names are read, so the rest of Podium works with `PharmacyClosure`, `GOSContract`, `Risk` … and a misspelt
/// field name is a compile error there rather than a silent `nil` on a page.
public protocol LocalRecord: Sendable {
    /// The template whose values this reads.
    static var template: RecordTemplate { get }

    /// The record, or `nil` when the values do not make one (values the template accepted always do, unless the type
    /// leaves some out on purpose, such as rejected reinvestment options).
    init?(_ values: FieldValues)
}

extension LocalRecord {
    /// Every record of `values` that reads as this type, in order.
    public static func all(_ values: [FieldValues]) -> [Self] { values.compactMap(Self.init) }
}
