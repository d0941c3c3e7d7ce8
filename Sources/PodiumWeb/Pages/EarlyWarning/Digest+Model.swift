import PodiumCore
import PodiumData
import PodiumImport

/// Each user's digest: providers of the ICBs they read that are new to the early-warning list or worse since they last
/// marked it read (the rule is Core's ``DigestRule``).
enum Digest {
    struct Model: Sendable {
        /// A line of the digest: a provider new to the list or worse than when last read.
        struct Item: Sendable {
            var icb: ICB
            /// `contract:…` or `pharmacy:…`.
            var provider: String
            var name: String
            var link: String
            var warning: ProviderWarning
            /// The score when last read; `nil` when new.
            var previous: Double?

            /// "new, at 52.0" or "worse: 41.0 → 57.0 (+16.0)".
            var change: String { DigestRule.change(score: warning.score, previous: previous) }
        }

        var items: [Item]
        /// Every listed provider as it stands now: what marking the digest read records.
        var current: [DigestStore.Seen]
        var rule: DigestRule

        static func query(_ context: QueryContext, user: User, scope: ICBScope, rule: DigestRule = .standard)
            async throws -> Model
        {
            let icbs = try await context.openData.icbs().filter { scope.contains($0.code) }
            let seen = try await DigestStore(database: context.database).seen(by: user.id)
            var items: [Item] = []
            var current: [DigestStore.Seen] = []
            // Each ICB's list is kept until an import, a variation, a record of the ICB's or the day changes: an
            // administrator's digest reads all 42, which took seconds when each was scored afresh.
            let records = try await RecordChangeStore(database: context.database).states()
            for icb in icbs {
                let list = try await context.openData.cachedWithDentalRecords(
                    "current-warnings-\(icb.code)", also: (records[icb.code] ?? "") + "|" + context.today.iso
                ) { try await ProvidersAtRisk.Model.query(context, icb: icb.code, month: nil, trend: false) }
                let providers =
                    list.dental.map {
                        (
                            "contract:\($0.contract)", $0.provider, PodiumRoute.dentalContract($0.contract).path,
                            $0.warning
                        )
                    }
                    + list.pharmacies.map {
                        ("pharmacy:\($0.pharmacy)", $0.name, PodiumRoute.pharmacy($0.pharmacy).path, $0.warning)
                    }
                for (key, name, link, warning) in providers where rule.lists(warning.score) {
                    let tenths = DigestRule.tenths(warning.score)
                    current.append(
                        DigestStore.Seen(provider: key, icb: icb.code, scoreTenths: tenths, asOf: warning.asOf.iso))
                    let before = seen[key]
                    guard rule.isNews(scoreTenths: tenths, previousTenths: before?.scoreTenths) else { continue }
                    items.append(
                        Item(
                            icb: icb, provider: key, name: name, link: link + "#early-warning", warning: warning,
                            previous: before.map { Double($0.scoreTenths) / 10 }))
                }
            }
            return Model(
                items: items.sorted { ($0.warning.score, $1.provider) > ($1.warning.score, $0.provider) },
                current: current, rule: rule)
        }

        /// Records what the user has now read.
        func markRead(by user: User, at time: String, on context: QueryContext) async throws {
            try await DigestStore(database: context.database).markRead(current, by: user.id, at: time)
        }
    }
}

/// Raising a risk in the ICB's risk log from a provider's early-warning score (the risk Core's
/// ``WarningRiskProposal`` makes, citing the live score).
enum RaiseRisk {
    /// The risk's reference: a new one, or the risk already raised for the provider (which is opened, not duplicated).
    static func perform(
        _ context: QueryContext, icb code: ICBCode, provider: String, owner: String, by recorder: String,
        at time: String
    )
        async throws -> String
    {
        let found: (name: String, category: RiskCategory, warning: ProviderWarning)?
        if let contract = ContractNumber(provider) {
            let latest = try await DentalStore(database: context.database).months(of: contract).last
            if let latest, latest.icb == code,
                let warning = try await ProviderWarnings.dental(context, contract: contract)?.warning
            {
                found = (latest.providerName, .dental, warning)
            } else {
                found = nil
            }
        } else if let pharmacy = PharmacyCode(provider) {
            let sited = try await OrganisationStore(database: context.database).pharmacy(pharmacy)
            if let sited, sited.organisation.icb == code,
                let warning = try await ProviderWarnings.pharmacy(context, pharmacy: pharmacy, icb: code)
            {
                found = (sited.organisation.name, .pharmacy, warning)
            } else {
                found = nil
            }
        } else {
            found = nil
        }
        guard let found else {
            throw WebError.notFound(.warningNotFound, "\"\(provider)\" is not a scored provider of \(code).")
        }
        let reference = WarningRiskProposal.reference(provider: provider)
        if try await LocalRecordStore(database: context.database).record(.risks, key: reference, icb: code) != nil {
            return reference
        }
        let cells = WarningRiskProposal.cells(
            provider: provider, name: found.name, category: found.category, warning: found.warning, owner: owner,
            today: context.today)
        let values = try RecordTemplate.risks.read(cells).get()
        try await LocalRecordImporter(database: context.database).save(
            values, for: code, by: recorder, recordedAt: time, version: .new)
        return reference
    }
}
