import Foundation
import PodiumCore
import PodiumData

/// A risk's cited evidence with its current value, worked out from live data when the page is built.
struct LiveEvidence: Sendable {
    var citation: EvidenceCitation
    var value: String
    var link: String?
}

/// Works out each citation's current value in plain words.
struct EvidenceResolver: Sendable {
    var dental: DentalPosition.Model?
    var measures: [EvidenceCitation.Measure: SPCMeasure]
    var closures: [PharmacyClosure]
    /// Early-warning scores of the ICB's providers, by contract number or pharmacy code (only when a risk cites one).
    var warnings: [String: ProviderWarning] = [:]

    /// The ICB's SPC measures a risk or programme can cite: delivery against profile (linked to the dental position)
    /// and, with the population imported, adults and children seen.
    static func measures(_ dental: DentalPosition.Model) -> [EvidenceCitation.Measure: SPCMeasure] {
        var measures: [EvidenceCitation.Measure: SPCMeasure] = [:]
        for var measure in dental.measures {
            guard let id = EvidenceCitation.Measure(rawValue: measure.id) else { continue }
            if id == .delivery { measure.link = PodiumRoute.dentalPosition(dental.icb.code).path }
            measures[id] = measure
        }
        return measures
    }

    func resolve(_ citation: EvidenceCitation, organisations: OrganisationStore) async throws -> LiveEvidence {
        switch citation {
        case .contract(let number):
            guard let position = dental?.portfolio.contracts.first(where: { $0.contract == number }) else {
                return LiveEvidence(
                    citation: citation, value: "not among the ICB's dental contracts in the latest year", link: nil)
            }
            let value =
                position.projected.map { result in
                    "projected year-end \(result.achievement.percentText ?? "–") of target (band \(result.band.label(result.rules))), clawback \(result.clawback.formatted)"
                } ?? "no year-end projection: not in the latest month's data"
            return LiveEvidence(
                citation: citation, value: value + ", data to \(position.latest.month.label)",
                link: PodiumRoute.dentalContract(number).path)
        case .spc(let id):
            guard let measure = measures[id], let words = measure.latestWords else {
                return LiveEvidence(citation: citation, value: "no data yet", link: nil)
            }
            return LiveEvidence(
                citation: citation, value: words,
                link: measure.link ?? dental.map { PodiumRoute.dentalPosition($0.icb.code).path })
        case .access(let group):
            guard let dental, let population = dental.population, let month = dental.coverage.monthsPresent.last else {
                return LiveEvidence(citation: citation, value: "needs dental activity and population", link: nil)
            }
            let months = dental.years.flatMap(\.months).filter { $0.month == month }
            let seen =
                group == .adults
                ? months.compactMap(\.adultsSeen24Months).reduce(0, +)
                : months.compactMap(\.childrenSeen12Months).reduce(0, +)
            let people = group == .adults ? population.adults : population.children
            let notSeen = max(0, people - seen)
            let share = Proportion(part: Int64(notSeen), whole: Int64(people))
            let words =
                group == .adults
                ? "adults not seen by an NHS dentist in 24 months" : "children not seen by an NHS dentist in 12 months"
            return LiveEvidence(
                citation: citation,
                value:
                    "\(ScaledDecimal.groupThousands(UInt64(notSeen))) \(words) (\(share.percentText ?? "–") of \(ScaledDecimal.groupThousands(UInt64(people)))), \(month.label)",
                link: PodiumRoute.access(dental.icb.code).path)
        case .warning(let provider):
            let link =
                ContractNumber(provider).map { PodiumRoute.dentalContract($0).path }
                ?? PharmacyCode(provider).map { PodiumRoute.pharmacy($0).path }
            guard let warning = warnings[provider] else {
                return LiveEvidence(
                    citation: citation,
                    value: "no early-warning score: not a scored provider of the ICB in the latest data", link: link)
            }
            return LiveEvidence(
                citation: citation,
                value:
                    "early-warning score \(String(format: "%.1f", warning.score)) of 100 as of \(warning.asOf.label) (higher is more at risk): "
                    + warning.reasonsSentence,
                link: link.map { $0 + "#early-warning" })
        case .pharmacy(let code):
            let link = PodiumRoute.pharmacy(code).path
            guard let sited = try await organisations.pharmacy(code) else {
                return LiveEvidence(citation: citation, value: "not in the ODS pharmacy register", link: nil)
            }
            let pharmacy = sited.organisation
            let unplanned = closures.filter { $0.pharmacy == code && $0.kind != .permanent }
            let minutes = unplanned.compactMap(\.minutesLost).reduce(0, +)
            let state =
                pharmacy.status == .closed
                ? "closed\(pharmacy.closeDate.map { " on \($0.label)" } ?? "") (ODS)" : "open"
            return LiveEvidence(
                citation: citation,
                value: "\(pharmacy.name): \(state); \(Words.count(unplanned.count, "unplanned closure")) recorded, "
                    + "\(ScaledDecimal.format(Int64(minutes) * 100 / 60, scale: 2)) hours lost",
                link: link)
        }
    }
}
