import PodiumCore
import PodiumData

/// An ICB's providers ranked by early-warning score, recomputable for any past month of data.
enum ProvidersAtRisk {
    struct Model: Sendable {
        /// A dental contract on the list: its score now and month by month through the year.
        struct DentalRisk: Sendable {
            var contract: ContractNumber
            var provider: String
            var postcode: String
            var warning: ProviderWarning
            /// The score as it stood at each month of data in the year, up to the month shown.
            var trend: [(month: YearMonth, score: Double)]
            /// Implausible published values behind the score (``DataCheck``): a caveat beside it.
            var dataChecks: [DataCheck] = []
        }

        struct PharmacyRisk: Sendable {
            var pharmacy: PharmacyCode
            var name: String
            var warning: ProviderWarning
            /// The score at the end of each earlier month of returns in the year, then now.
            var trend: [(month: YearMonth, score: Double)]
        }

        var icb: ICB
        /// The month of NHSBSA data the dental scores are as of; `nil` before any dental activity is imported.
        var asOf: YearMonth?
        /// The day the ICB's own records (variations, intelligence) are judged on.
        var today: CalendarDate
        /// The day the pharmacy scores are as of: the latest of the ICB's pharmacy returns.
        var pharmacyAsOf: CalendarDate
        var dental: [DentalRisk]
        var pharmacies: [PharmacyRisk]
        var configuration: WarningConfiguration
        /// Months a reader may choose to recompute the list for.
        var months: [YearMonth]
        var sources: [SourceNote]
        /// The financial year of ``asOf``; `nil` before any dental activity is imported.
        var yearChoice: YearChoice?

        /// - Parameters:
        ///   - requested: a past month of data (`2023-10`) to recompute the list as it stood then, judging the ICB's
        ///     records on that month's last day; without it, the latest month and today.
        ///   - year: a financial year (`2019-20`): the list as it stood at that year's latest month of data (a month
        ///     asked for must then fall in it).
        /// The page's list, kept until an import, a variation, a record of the ICB's or the day changes (for the few
        /// most recently asked): scoring every contract and pharmacy with its trend takes a second.
        static func kept(_ context: QueryContext, icb code: ICBCode, month: String?, year: String?) async throws
            -> Model
        {
            try await context.openData.cachedWithRecords(
                of: code, "providers-at-risk|\(code)|\(month ?? "")|\(year ?? "")", family: "providers-at-risk"
            ) { try await query(context, icb: code, month: month, year: year) }
        }

        static func query(
            _ context: QueryContext, icb code: ICBCode, month requested: String?, year: String? = nil,
            trend: Bool = true, configuration: WarningConfiguration = .standard
        ) async throws -> Model {
            let icb = try await context.openData.requireICB(code)
            var months = try await context.openData.activityMonths()
            var asOf = months.last
            var judged = context.today
            if let year, !year.isEmpty, let chosen = try await context.openData.financialYear(year) {
                months = months.filter(chosen.contains)
                if let last = months.last, last != asOf {
                    asOf = last
                    judged = last.lastDay
                }
            }
            if let requested, !requested.isEmpty {
                guard let month = YearMonth(requested), months.contains(month) else {
                    throw WebError.invalid(
                        "as_of must be a month of dental data: " + months.map(\.iso).joined(separator: ", ") + ".")
                }
                asOf = month
                judged = month.lastDay
            }
            let intelligence = try await ProviderWarnings.intelligence(context, icb: code)
            var dental = try await dentalRisks(
                context, icb: code, asOf: asOf, today: judged, months: months, intelligence: intelligence, trend: trend,
                configuration: configuration)
            if let asOf {
                let checks = try await context.openData.dataChecks(in: FinancialYear(containing: asOf))
                for index in dental.indices { dental[index].dataChecks = checks[dental[index].contract] ?? [] }
            }
            let pharmacies = try await pharmacyRisks(
                context, icb: code, today: judged, intelligence: intelligence, trend: trend,
                configuration: configuration)
            var yearChoice: YearChoice?
            if let asOf { yearChoice = try await context.openData.yearChoice(FinancialYear(containing: asOf)) }
            return Model(
                icb: icb, asOf: asOf, today: judged, pharmacyAsOf: pharmacies.asOf, dental: dental,
                pharmacies: pharmacies.risks,
                configuration: configuration, months: months,
                sources: try await context.openData.notes(
                    [.dentalActivity, .pharmacies], year: asOf.map(FinancialYear.init(containing:))),
                yearChoice: yearChoice)
        }

        private static func dentalRisks(
            _ context: QueryContext, icb code: ICBCode, asOf: YearMonth?, today: CalendarDate, months: [YearMonth],
            intelligence: [ProviderIntelligence], trend: Bool, configuration: WarningConfiguration
        ) async throws -> [DentalRisk] {
            guard let asOf else { return [] }
            let histories = try await context.openData.warningHistories(commissionedBy: code, asOf: asOf)
            let variations = try await VariationStore(database: context.database).all()
            let notes = Dictionary(grouping: intelligence, by: \.provider)
            let year = FinancialYear(containing: asOf)
            var risks: [DentalRisk] = []
            for (contract, history) in histories {
                // The ICB's contracts are those it commissions in the month shown.
                guard let now = history.last(where: { $0.month <= asOf }), now.month == asOf, now.icb == code
                else { continue }
                let input = DentalWarningInput(
                    contract: contract, months: history, dataMonths: months, variations: variations[contract] ?? [],
                    intelligence: notes[contract.rawValue]?.map(\.entry) ?? [])
                guard let warning = EarlyWarning.dental(input, asOf: asOf, today: today, configuration: configuration)
                else { continue }
                let earlier = trend ? months.filter { year.contains($0) && $0 < asOf } : []
                let past = earlier.compactMap { month in
                    EarlyWarning.dental(input, asOf: month, configuration: configuration).map { (month, $0.score) }
                }
                risks.append(
                    DentalRisk(
                        contract: contract, provider: now.providerName, postcode: now.postcode.display,
                        warning: warning,
                        trend: past + [(asOf, warning.score)]))
            }
            return risks.sorted { ($0.warning.score, $1.contract) > ($1.warning.score, $0.contract) }
        }

        static func pharmacyRisks(
            _ context: QueryContext, icb code: ICBCode, today: CalendarDate, intelligence: [ProviderIntelligence],
            trend: Bool = false,
            configuration: WarningConfiguration
        ) async throws -> (asOf: CalendarDate, risks: [PharmacyRisk]) {
            let sites = try await OrganisationStore(database: context.database).pharmacies(in: code)
            func records(_ template: RecordTemplate) async throws -> ICBRecords {
                try await ICBRecords.query(context, template, icb: code)
            }
            let inputs = PharmacyWarningInput.inputs(
                pharmacies: sites.map(\.organisation.code),
                closures: try await records(.pharmacyClosures).items(PharmacyClosure.self),
                hours: try await records(.pharmacyHours).items(OpeningSession.self),
                pharmacyFirst: try await records(.pharmacyFirstActivity).items(PharmacyFirstReturn.self),
                events: try await PharmacyEventStore(database: context.database).events(in: code),
                intelligence: intelligence.map { ($0.provider, $0.entry) })
            let asOf = PharmacyWarningInput.latestReturn(inputs.values, today: today) ?? today
            let month = asOf.yearMonth
            // Earlier month-ends of the same financial year that have returns: the points of each pharmacy's trend.
            let earlier =
                trend
                ? Set(inputs.values.flatMap(\.pharmacyFirst.keys)).filter {
                    FinancialYear(containing: month).contains($0) && $0 < month
                }.sorted()
                : []
            let names = Dictionary(uniqueKeysWithValues: sites.map { ($0.organisation.code, $0.organisation.name) })
            let risks = inputs.values.map { input in
                let warning = EarlyWarning.pharmacy(input, today: asOf, configuration: configuration)
                let past = earlier.map {
                    ($0, EarlyWarning.pharmacy(input, today: $0.lastDay, configuration: configuration).score)
                }
                return PharmacyRisk(
                    pharmacy: input.pharmacy, name: names[input.pharmacy] ?? "", warning: warning,
                    trend: past + [(month, warning.score)])
            }
            return (asOf, risks.sorted { ($0.warning.score, $1.pharmacy) > ($1.warning.score, $0.pharmacy) })
        }
    }
}

/// One provider's warning (its breakdown on the contract and pharmacy pages and in the API), and the ICB's provider
/// intelligence the warnings read.
enum ProviderWarnings {
    /// The ICB's intelligence entries.
    static func intelligence(_ context: QueryContext, icb code: ICBCode) async throws -> [ProviderIntelligence] {
        try await ICBRecords.query(context, .providerIntelligence, icb: code).items(ProviderIntelligence.self)
    }

    /// One contract's warning as of the latest month of data, or with `year` as of that year's last month (the same
    /// months the providers-at-risk page judges that year on); `nil` when the contract is not in that month's data.
    static func dental(
        _ context: QueryContext, contract: ContractNumber, year: String? = nil,
        configuration: WarningConfiguration = .standard
    ) async throws -> (warning: ProviderWarning, asOf: YearMonth)? {
        var months = try await context.openData.activityMonths()
        var today = context.today
        if let year, !year.isEmpty, let chosen = try await context.openData.financialYear(year) {
            let latest = months.last
            months = months.filter(chosen.contains)
            if let last = months.last, last != latest { today = last.lastDay }
        }
        guard let month = months.last else { return nil }
        let history = try await DentalStore(database: context.database).months(of: contract).filter {
            $0.month <= month
        }
        guard let latest = history.last, latest.month == month else { return nil }
        // Local intelligence is an ICB's record: a contract no ICB commissions has none.
        var intelligence: [ProviderIntelligence] = []
        if let icb = latest.icb { intelligence = try await Self.intelligence(context, icb: icb) }
        let input = DentalWarningInput(
            contract: contract, months: history, dataMonths: months,
            variations: try await VariationStore(database: context.database).variations(of: contract),
            intelligence: intelligence.filter { $0.provider == contract.rawValue }.map(\.entry))
        guard let warning = EarlyWarning.dental(input, asOf: month, today: today, configuration: configuration) else {
            return nil
        }
        return (warning, month)
    }

    /// One pharmacy's warning, from its ICB's records.
    static func pharmacy(_ context: QueryContext, pharmacy code: PharmacyCode, icb: ICBCode) async throws
        -> ProviderWarning?
    {
        try await ProvidersAtRisk.Model.pharmacyRisks(
            context, icb: icb, today: context.today, intelligence: try await intelligence(context, icb: icb),
            configuration: .standard
        ).risks.first { $0.pharmacy == code }?.warning
    }
}
