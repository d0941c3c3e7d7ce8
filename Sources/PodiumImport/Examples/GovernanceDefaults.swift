import FluentKit
import PodiumCore
import PodiumData

/// Podium's starting governance records for every ICB, from published sources rather than invented figures: the
/// delegation register from NHS England's timeline, the delegated and reserved functions, and an unrated assurance
/// framework (NHS England's delegation guidance). They are not examples: each row says whether it is confirmed, and the ICB edits it.
///
/// Installing adds only records whose reference the ICB does not already have, so it never overwrites an edit and a
/// second install changes nothing.
public enum GovernanceDefaults {
    public static let source = "Podium default from NHS England's published delegation sources"
    static let recordedAt = "2025-04-01T00:00:00Z"

    static let templates: [RecordTemplate] = [.delegations, .delegatedFunctions, .assuranceCriteria]

    /// Each template's default records for an ICB, in the order of ``templates``.
    public static func records(for icb: ICBCode) -> [(RecordTemplate, [[String: String]])] {
        [
            (.delegations, DelegationTimeline.entries(for: icb).map(\.cells)),
            (.delegatedFunctions, DelegatedFunction.defaults.map(\.cells)),
            (.assuranceCriteria, AssuranceFramework.defaults.map(\.cells)),
        ]
    }

    /// Adds the missing defaults for every ICB in one transaction; returns how many records were added per template.
    @discardableResult
    public static func install(on database: any Database) async throws -> [(RecordTemplate, Int)] {
        let icbs = try await GeographyStore(database: database).icbs().map(\.code)
        return try await database.transaction { transaction in
            let store = LocalRecordStore(database: transaction)
            var added: [RecordTemplate: [StoredRecord]] = [:]
            var existing: [RecordTemplate: Set<String>] = [:]
            for template in templates {
                existing[template] = Set(
                    try await store.records(template, icb: nil).map { "\($0.icb?.rawValue ?? "")|\($0.values.key)" })
            }
            for icb in icbs {
                for (template, rows) in records(for: icb) {
                    for cells in rows {
                        guard case .success(let values) = template.read(cells) else {
                            preconditionFailure("default \(template.id) record does not match its template: \(cells)")
                        }
                        guard !existing[template, default: []].contains("\(icb.rawValue)|\(values.key)") else {
                            continue
                        }
                        added[template, default: []].append(
                            StoredRecord(
                                values: values, icb: icb, isExample: false, source: source, recordedAt: recordedAt))
                    }
                }
            }
            for (template, records) in added { try await store.write(records, of: template) }
            return RecordTemplate.governance.compactMap { template in added[template].map { (template, $0.count) } }
        }
    }
}
