import PodiumCore
import PodiumData

/// Local records of one template for an ICB, and whether any is example data.
struct ICBRecords: Sendable {
    var template: RecordTemplate
    var records: [StoredRecord]

    var hasExamples: Bool { records.contains(where: \.isExample) }
    var values: [FieldValues] { records.map(\.values) }

    /// The records read as `T` (the template's typed record), in order.
    func items<T: LocalRecord>(_ type: T.Type) -> [T] { records.compactMap { T($0.values) } }

    /// Each record read as `T`, beside what is stored about it (example data, when written).
    func typed<T: LocalRecord>(_ type: T.Type) -> [(item: T, stored: StoredRecord)] {
        records.compactMap { record in T(record.values).map { ($0, record) } }
    }

    static func query(_ context: QueryContext, _ template: RecordTemplate, icb code: ICBCode) async throws -> ICBRecords
    {
        ICBRecords(
            template: template,
            records: try await LocalRecordStore(database: context.database).records(template, icb: code))
    }
}
