/// Live evidence a risk cites: the risk log shows each citation's current value beside the score, so a
/// committee sees whether the evidence still supports the rating. Written in a risk record as `kind:subject` words
/// separated by spaces, for example `contract:1014440000 access:adults spc:delivery pharmacy:FA002`.
public enum EvidenceCitation: Sendable, Hashable, CustomStringConvertible {
    /// A dental contract's projected year-end delivery and clawback.
    case contract(ContractNumber)
    /// One of the ICB's SPC measures: its latest value and variation.
    case spc(Measure)
    /// The access gap: people not seen by an NHS dentist (adults in 24 months, children in 12).
    case access(Group)
    /// A pharmacy's closures: permanent (ODS) and unplanned (the closures log).
    case pharmacy(PharmacyCode)
    /// A provider's early-warning score: a dental contract number or a pharmacy code.
    case warning(String)

    public enum Measure: String, Sendable, Hashable, CaseIterable {
        case delivery
        case adultsSeen = "adults-seen"
        case childrenSeen = "children-seen"
    }

    public enum Group: String, Sendable, Hashable, CaseIterable { case adults, children }

    public static let kinds = ["contract", "spc", "access", "pharmacy", "warning"]

    public var description: String {
        switch self {
        case .contract(let number): "contract:\(number)"
        case .spc(let measure): "spc:\(measure.rawValue)"
        case .access(let group): "access:\(group.rawValue)"
        case .pharmacy(let code): "pharmacy:\(code)"
        case .warning(let provider): "warning:\(provider)"
        }
    }

    /// Reads one `kind:subject` word; the error says what was wrong in words a commissioner can act on.
    public static func parse(_ word: String) -> Result<EvidenceCitation, CitationError> {
        let parts = word.split(separator: ":", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 2, !parts[1].isEmpty else {
            return .failure(CitationError(word: word, reason: "write kind:subject, such as spc:delivery"))
        }
        let subject = parts[1]
        switch parts[0].lowercased() {
        case "contract":
            return ContractNumber(subject).map { .success(.contract($0)) }
                ?? .failure(CitationError(word: word, reason: "not a contract number (\(ContractNumberKind.format))"))
        case "spc":
            return Measure(rawValue: subject.lowercased()).map { .success(.spc($0)) }
                ?? .failure(
                    CitationError(
                        word: word,
                        reason: "the SPC measure is one of " + Measure.allCases.map(\.rawValue).joined(separator: ", "))
                )
        case "access":
            return Group(rawValue: subject.lowercased()).map { .success(.access($0)) }
                ?? .failure(CitationError(word: word, reason: "the access group is adults or children"))
        case "pharmacy":
            return PharmacyCode(subject).map { .success(.pharmacy($0)) }
                ?? .failure(CitationError(word: word, reason: "not a pharmacy ODS code (\(PharmacyCodeKind.format))"))
        case "warning":
            if let contract = ContractNumber(subject) { return .success(.warning(contract.rawValue)) }
            if let pharmacy = PharmacyCode(subject) { return .success(.warning(pharmacy.rawValue)) }
            return .failure(
                CitationError(
                    word: word, reason: "the early warning of a dental contract number or a pharmacy ODS code"))
        default:
            return .failure(CitationError(word: word, reason: "the kind is one of " + kinds.joined(separator: ", ")))
        }
    }

    /// Every word of a field; the citations read and the problems found.
    public static func parseAll(_ text: String) -> (citations: [EvidenceCitation], problems: [CitationError]) {
        var citations: [EvidenceCitation] = []
        var problems: [CitationError] = []
        for word in text.split(whereSeparator: { $0 == " " || $0 == "," }) {
            switch parse(String(word)) {
            case .success(let citation): if !citations.contains(citation) { citations.append(citation) }
            case .failure(let problem): problems.append(problem)
            }
        }
        return (citations, problems)
    }
}

public struct CitationError: Error, Sendable, Hashable, CustomStringConvertible {
    public var word: String
    public var reason: String
    public var description: String { "\"\(word)\": \(reason)" }
}
