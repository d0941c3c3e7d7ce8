import FluentKit
import PodiumCore
import PodiumData

/// A dental contract on the providers-at-risk list: its score now and month by month through the year.
struct DentalRisk: Sendable {
    var contract: ContractNumber
    var provider: String
    var postcode: String
    var warning: ProviderWarning
    /// The score as it stood at each month of data in the year, up to the month shown.
    var trend: [(month: YearMonth, score: Double)]
}

struct PharmacyRisk: Sendable {
    var pharmacy: PharmacyCode
    var name: String
    var warning: ProviderWarning
    /// The score at the end of each earlier month of returns in the year, then now.
    var trend: [(month: YearMonth, score: Double)]
}

/// An ICB's providers ranked by early-warning score (issue 11).
struct ProvidersAtRisk: Sendable {
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
}

extension Workbench {
    /// Every month of every contract the ICB has commissioned: open data, so kept per import state.
    func warningMonths(of code: ICBCode) async throws -> [ContractNumber: [ContractMonth]] {
        let database = self.database
        return try await cached("warning-months-\(code)") { try await DentalStore(database: database).allMonths(commissionedBy: code) }
    }

    /// The ICB's intelligence entries, by provider (contract number or pharmacy code).
    func intelligence(of code: ICBCode) async throws -> [(provider: String, entry: IntelligenceEntry)] {
        try await records(.providerIntelligence, of: code).values.compactMap(IntelligenceEntry.from)
    }

    /// The providers-at-risk list. `requested` picks a past month of data (`2023-10`) to recompute the list as it
    /// stood then, judging the ICB's records on that month's last day; without it, the latest month and today.
    func providersAtRisk(
        of code: ICBCode, month requested: String?, today: CalendarDate, trend: Bool = true, configuration: WarningConfiguration = .v1
    ) async throws -> ProvidersAtRisk {
        let icb = try await requireICB(code)
        let months = try await activityMonths()
        var asOf = months.last
        var judged = today
        if let requested, !requested.isEmpty {
            guard let month = YearMonth(requested), months.contains(month) else {
                throw WebError.badRequest(
                    code: "invalid_parameter", message: "as_of must be a month of dental data: " + months.map(\.iso).joined(separator: ", ") + ".")
            }
            asOf = month
            judged = month.lastDay
        }
        let dental = try await dentalRisks(of: code, asOf: asOf, today: judged, months: months, trend: trend, configuration: configuration)
        let pharmacies = try await pharmacyRisks(of: code, today: judged, trend: trend, configuration: configuration)
        return ProvidersAtRisk(
            icb: icb, asOf: asOf, today: judged, pharmacyAsOf: pharmacies.asOf, dental: dental, pharmacies: pharmacies.risks,
            configuration: configuration, months: months,
            sources: try await notes([.dentalActivity, .pharmacies], year: asOf.map(FinancialYear.init(containing:))))
    }

    private func dentalRisks(
        of code: ICBCode, asOf: YearMonth?, today: CalendarDate, months: [YearMonth], trend: Bool, configuration: WarningConfiguration
    ) async throws -> [DentalRisk] {
        guard let asOf else { return [] }
        let histories = try await warningMonths(of: code)
        let variations = try await VariationStore(database: database).all()
        let intelligence = Dictionary(grouping: try await intelligence(of: code), by: \.provider)
        let year = FinancialYear(containing: asOf)
        var risks: [DentalRisk] = []
        for (contract, history) in histories {
            // The ICB's contracts are those it commissions in the month shown.
            guard let now = history.last(where: { $0.month <= asOf }), now.month == asOf, now.commissioner == code else { continue }
            let input = DentalWarningInput(
                contract: contract, months: history, dataMonths: months, variations: variations[contract] ?? [],
                intelligence: intelligence[contract.rawValue]?.map(\.entry) ?? [])
            guard let warning = EarlyWarning.dental(input, asOf: asOf, today: today, configuration: configuration) else { continue }
            let earlier = trend ? months.filter { year.contains($0) && $0 < asOf } : []
            let past = earlier.compactMap { month in EarlyWarning.dental(input, asOf: month, configuration: configuration).map { (month, $0.score) } }
            risks.append(DentalRisk(
                contract: contract, provider: now.providerName, postcode: now.postcode.display, warning: warning, trend: past + [(asOf, warning.score)]))
        }
        return risks.sorted { ($0.warning.score, $1.contract) > ($1.warning.score, $0.contract) }
    }

    private func pharmacyRisks(
        of code: ICBCode, today: CalendarDate, trend: Bool = false, configuration: WarningConfiguration
    ) async throws -> (asOf: CalendarDate, risks: [PharmacyRisk]) {
        let sites = try await OrganisationStore(database: database).pharmacies(in: code)
        let inputs = PharmacyWarningInput.inputs(
            pharmacies: sites.map(\.organisation.code), closures: try await records(.pharmacyClosures, of: code).values,
            hours: try await records(.pharmacyHours, of: code).values, pharmacyFirst: try await records(.pharmacyFirstActivity, of: code).values,
            events: try await PharmacyEventStore(database: database).events(in: code), intelligence: try await intelligence(of: code))
        let asOf = PharmacyWarningInput.latestReturn(inputs.values, today: today) ?? today
        let month = asOf.yearMonth
        // Earlier month-ends of the same financial year that have returns: the points of each pharmacy's trend.
        let earlier = trend
            ? Set(inputs.values.flatMap(\.pharmacyFirst.keys)).filter { FinancialYear(containing: month).contains($0) && $0 < month }.sorted()
            : []
        let names = Dictionary(uniqueKeysWithValues: sites.map { ($0.organisation.code, $0.organisation.name) })
        let risks = inputs.values.map { input in
            let warning = EarlyWarning.pharmacy(input, today: asOf, configuration: configuration)
            let past = earlier.map { ($0, EarlyWarning.pharmacy(input, today: $0.lastDay, configuration: configuration).score) }
            return PharmacyRisk(pharmacy: input.pharmacy, name: names[input.pharmacy] ?? "", warning: warning, trend: past + [(month, warning.score)])
        }
        return (asOf, risks.sorted { ($0.warning.score, $1.pharmacy) > ($1.warning.score, $0.pharmacy) })
    }

    /// One contract's warning as of the latest month (its breakdown on the contract page and in the API).
    func dentalWarning(of contract: ContractNumber, today: CalendarDate, configuration: WarningConfiguration = .v1) async throws -> ProviderWarning? {
        let history = try await DentalStore(database: database).months(of: contract)
        guard let latest = history.last else { return nil }
        let months = try await activityMonths()
        let intelligence = try await intelligence(of: latest.commissioner).filter { $0.provider == contract.rawValue }.map(\.entry)
        let input = DentalWarningInput(
            contract: contract, months: history, dataMonths: months, variations: try await VariationStore(database: database).variations(of: contract),
            intelligence: intelligence)
        guard let month = months.last, month == latest.month else { return nil }
        return EarlyWarning.dental(input, asOf: month, today: today, configuration: configuration)
    }

    /// One pharmacy's warning, from its ICB's records (the pharmacy page and the API).
    func pharmacyWarning(of code: PharmacyCode, icb: ICBCode, today: CalendarDate) async throws -> ProviderWarning? {
        try await pharmacyRisks(of: icb, today: today, configuration: .v1).risks.first { $0.pharmacy == code }?.warning
    }
}
