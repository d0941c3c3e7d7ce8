/// The local records Podium keeps, one template each. Column names are the CSV header and the stored
/// column; `aliases` accept the names NHSBSA uses where its files carry the same thing.
extension RecordTemplate {
    /// Every template, in the order pages list them.
    public static let all: [RecordTemplate] =
        [
            pharmacyContractTypes, pharmacyHours, pharmacyClosures, pharmacyFirstActivity, marketEntryApplications,
            pnaDocuments,
            gosContracts, gosActivity, eyeServices,
        ] + finance + governance + [providerIntelligence, carryForwardOpenings]

    public static func named(_ id: String) -> RecordTemplate? { all.first { $0.id == id } }

    private static let pharmacyCode = RecordField(
        "ods_code", "Pharmacy ODS code", .pharmacy,
        help: "The pharmacy's F code, as on the pharmaceutical list and in ODS.",
        aliases: ["CONTRACTOR_CODE", "ODS_CODE"])

    /// ODS does not say which pharmacies are distance-selling premises or LPS contracts: the ICB's list does.
    public static let pharmacyContractTypes = RecordTemplate(
        id: "pharmacy-contract-types", table: "pharmacy_contract_types", title: "Pharmacy contract types",
        summary: "What kind of contract each pharmacy holds, where the pharmaceutical list says more than ODS does.",
        fields: [
            pharmacyCode,
            RecordField(
                "contract_type", "Contract type", .choice(PharmacyContractType.allCases.map(\.rawValue)),
                help:
                    "community (bricks and mortar), distance-selling (DSP), appliance (dispensing appliance contractor) or lps."
            ),
            RecordField(
                "notes", "Notes", .text(maxLength: 500), required: false,
                help: "Anything the list records about the contract."),
        ],
        key: ["ods_code"], scope: .pharmacy("ods_code"))

    public static let pharmacyHours = RecordTemplate(
        id: "pharmacy-hours", table: "pharmacy_hours", title: "Pharmacy opening hours",
        summary: "Core and supplementary opening hours, one row per session, from the date they take effect.",
        fields: [
            pharmacyCode,
            RecordField(
                "effective_from", "In effect from", .date,
                help: "The date these hours start; a later date replaces the whole week."),
            RecordField(
                "day", "Day", .choice(Weekday.allCases.map(\.rawValue)), help: "mon, tue, wed, thu, fri, sat or sun."),
            RecordField(
                "kind", "Kind of hours", .choice(["core", "supplementary"]), help: "core (contracted) or supplementary."
            ),
            RecordField("opens", "Opens", .time, help: "Start of the session, HH:MM."),
            RecordField("closes", "Closes", .time, help: "End of the session, HH:MM; 24:00 for midnight."),
        ],
        key: ["ods_code", "effective_from", "day", "kind", "opens"], scope: .pharmacy("ods_code"),
        check: { record in
            (record.integer("closes") ?? 0) > (record.integer("opens") ?? 0)
                ? [] : [FieldProblem(field: "closes", reason: "the session must close after it opens")]
        })

    public static let pharmacyClosures = RecordTemplate(
        id: "pharmacy-closures", table: "pharmacy_closures", title: "Pharmacy closures",
        summary: "Unplanned temporary closures (with the hours lost) and permanent closures notified to the ICB.",
        fields: [
            pharmacyCode,
            RecordField(
                "date", "Date", .date, help: "The day of the closure, or the date a permanent closure takes effect."),
            RecordField(
                "kind", "Kind", .choice(["temporary", "permanent"]),
                help: "temporary (unplanned, the pharmacy reopens) or permanent."),
            RecordField(
                "hours_lost", "Hours lost", .hours, required: false,
                help: "Contracted hours the pharmacy was closed that day; required for a temporary closure."),
            RecordField(
                "reason", "Reason", .text(maxLength: 500), help: "As notified: staffing, no pharmacist, premises, IT …"),
        ],
        key: ["ods_code", "date", "kind"], scope: .pharmacy("ods_code"),
        check: { record in
            record.text("kind") == "temporary" && record.integer("hours_lost") == nil
                ? [FieldProblem(field: "hours_lost", reason: "a temporary closure needs the hours lost")] : []
        })

    public static let pharmacyFirstActivity = RecordTemplate(
        id: "pharmacy-first-activity", table: "pharmacy_first_activity", title: "Pharmacy First activity by pharmacy",
        summary: "Completed Pharmacy First consultations per pharmacy per month, as claimed on MYS.",
        fields: [
            pharmacyCode,
            RecordField(
                "month", "Month", .month, help: "The month the consultations were completed, YYYY-MM or YYYYMM.",
                aliases: ["YEAR_MONTH"]),
            RecordField(
                "clinical_pathways", "Clinical pathway consultations", .count,
                help: "Consultations under the seven clinical pathways."),
            RecordField(
                "minor_illness", "Minor illness referrals", .count, help: "Minor illness referral consultations."),
            RecordField(
                "urgent_supply", "Urgent medicine supplies", .count,
                help: "Urgent repeat medicine supply consultations."),
            RecordField(
                "registered_pcs_hcfs", "Registered for PCS and HCFS", .choice(["yes", "no"]),
                help:
                    "yes when the pharmacy is registered for the Contraception and Hypertension Case-Finding services, "
                    + "which the monthly fixed payment needs from June 2025 (DSPs are exempt from HCFS)."),
        ],
        key: ["ods_code", "month"], scope: .pharmacy("ods_code"))

    public static let marketEntryApplications = RecordTemplate(
        id: "market-entry-applications", table: "market_entry_applications", title: "Market-entry applications",
        summary: "Applications to join or change the pharmaceutical list, with their statutory dates and outcome.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The PCSE or ICB case reference."),
            RecordField(
                "kind", "Kind of application", .choice(MarketEntryKind.allCases.map(\.rawValue)),
                help: MarketEntryKind.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: "; ") + "."),
            RecordField("applicant", "Applicant", .text(maxLength: 200), help: "The applicant's name."),
            RecordField(
                "premises_postcode", "Premises postcode", .postcode, help: "Postcode of the proposed premises."),
            RecordField(
                "ods_code", "Existing pharmacy", .pharmacy, required: false,
                help: "For a relocation or change of ownership: the pharmacy's current F code."),
            RecordField("received", "Received", .date, help: "The date the application was received complete."),
            RecordField(
                "pna_need", "PNA need cited", .text(maxLength: 1000), required: false,
                help: "The need, improvement or better access identified in the PNA that the application says it meets."
            ),
            RecordField(
                "status", "Status", .choice(MarketEntryStatus.allCases.map(\.rawValue)),
                help: MarketEntryStatus.allCases.map(\.rawValue).joined(separator: ", ") + "."),
            RecordField(
                "decision_date", "Decision date", .date, required: false,
                help: "When the ICB determined the application."),
            RecordField(
                "appeal_lodged", "Appeal lodged", .date, required: false,
                help: "When an appeal to NHS Resolution was lodged."),
            RecordField(
                "appeal_outcome", "Appeal outcome", .choice(["allowed", "dismissed", "remitted"]), required: false,
                help: "allowed, dismissed or remitted (sent back for a new decision)."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            var problems: [FieldProblem] = []
            let decided = ["granted", "refused", "appealed"].contains(record.text("status") ?? "")
            if decided, record.date("decision_date") == nil {
                problems.append(
                    FieldProblem(field: "decision_date", reason: "a decided application needs its decision date"))
            }
            if let received = record.date("received"), let decision = record.date("decision_date"), decision < received
            {
                problems.append(
                    FieldProblem(
                        field: "decision_date", reason: "the decision cannot come before the application was received"))
            }
            let kind = MarketEntryKind(rawValue: record.text("kind") ?? "")
            if kind?.needsExistingPharmacy == true, record.text("ods_code") == nil {
                problems.append(
                    FieldProblem(
                        field: "ods_code", reason: "a \(kind?.label.lowercased() ?? "") names the existing pharmacy"))
            }
            return problems
        })

    public static let pnaDocuments = RecordTemplate(
        id: "pna-documents", table: "pna_documents", title: "Pharmaceutical needs assessments",
        summary: "Each Health and Wellbeing Board's published PNA and supplementary statements.",
        fields: [
            RecordField(
                "hwb_code", "Health and Wellbeing Board", .localAuthority,
                help:
                    "ONS code of the upper-tier local authority whose board publishes the PNA (county, unitary, metropolitan or London borough)."
            ),
            RecordField(
                "kind", "Document", .choice(["pna", "supplementary-statement"]), help: "pna or supplementary-statement."
            ),
            RecordField("published", "Published", .date, help: "Publication date."),
            RecordField("title", "Title", .text(maxLength: 300), help: "As published."),
            RecordField("url", "Web address", .text(maxLength: 500), required: false, help: "Where it is published."),
        ],
        key: ["hwb_code", "kind", "published"], scope: .healthAndWellbeingBoard("hwb_code"))

    public static let gosContracts = RecordTemplate(
        id: "gos-contracts", table: "gos_contracts", title: "GOS contracts",
        summary:
            "General Ophthalmic Services contracts held by the ICB: mandatory (premises) and additional (domiciliary).",
        fields: [
            RecordField("contract_number", "Contract number", .reference, help: "The ICB's contract reference."),
            RecordField(
                "kind", "Kind", .choice(GOSContractKind.allCases.map(\.rawValue)),
                help:
                    "mandatory (sight tests at practice premises) or additional (at home or a day centre; SI 2008/1185 Sch 2)."
            ),
            RecordField("contractor", "Contractor", .text(maxLength: 200), help: "The contractor's legal name."),
            RecordField(
                "premises", "Premises", .text(maxLength: 200),
                help: "Trading name of the practice premises, or the base of a domiciliary service."),
            RecordField("premises_postcode", "Premises postcode", .postcode, help: "Postcode of the premises."),
            RecordField("start_date", "Start date", .date, help: "When the contract started."),
            RecordField(
                "end_date", "End date", .date, required: false,
                help: "When it ended; blank while it is open (GOS contracts are open-ended)."),
        ],
        key: ["contract_number"], scope: .enteringICB,
        check: { record in
            if let start = record.date("start_date"), let end = record.date("end_date"), end < start {
                return [FieldProblem(field: "end_date", reason: "the contract cannot end before it starts")]
            }
            return []
        })

    public static let gosActivity = RecordTemplate(
        id: "gos-activity", table: "gos_activity", title: "GOS activity returns",
        summary:
            "Claims per contract per month: GOS1 sight tests, GOS3 vouchers, GOS4 repairs and replacements, GOS6 domiciliary sight tests.",
        fields: [
            RecordField(
                "contract_number", "Contract number", .reference, help: "A contract on the GOS contracts register."),
            RecordField("month", "Month", .month, help: "The month claimed, YYYY-MM."),
            RecordField("gos1_sight_tests", "GOS1 sight tests", .count, help: "NHS sight tests at the premises."),
            RecordField(
                "gos3_vouchers", "GOS3 vouchers", .count, help: "Optical vouchers for glasses or contact lenses."),
            RecordField(
                "gos4_repairs", "GOS4 repairs and replacements", .count, help: "Vouchers to repair or replace glasses."),
            RecordField(
                "gos6_domiciliary_tests", "GOS6 domiciliary sight tests", .count,
                help: "Sight tests at home or a day centre."),
        ],
        key: ["contract_number", "month"], scope: .gosContract("contract_number"))

    public static let eyeServices = RecordTemplate(
        id: "eye-services", table: "eye_services", title: "Locally commissioned eye services",
        summary:
            "Services the ICB commissions beyond GOS (MECS/CUES, glaucoma referral refinement …), and the contracts that deliver them.",
        fields: [
            RecordField(
                "service_code", "Service reference", .reference,
                help: "The ICB's reference for the service specification."),
            RecordField("name", "Service", .text(maxLength: 200), help: "Name of the service."),
            RecordField(
                "kind", "Kind", .choice(EyeServiceKind.allCases.map(\.rawValue)),
                help: EyeServiceKind.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: "; ") + "."),
            RecordField(
                "specification", "Specification", .text(maxLength: 2000),
                help: "What the service covers: eligibility, pathway, outcomes."),
            RecordField("fee_per_episode", "Fee per episode", .pounds, help: "The local tariff per completed episode."),
            RecordField("start_date", "Start date", .date, help: "When the service started."),
            RecordField("end_date", "End date", .date, required: false, help: "When it ends, if decided."),
            RecordField(
                "contracts", "Contracts", .gosContracts,
                help: "GOS contract numbers that deliver it, separated by spaces."),
        ],
        key: ["service_code"], scope: .enteringICB)
}

/// A pharmacy's contract on the pharmaceutical list (SI 2013/349).
public enum PharmacyContractType: String, Sendable, CaseIterable {
    case community
    case distanceSelling = "distance-selling"
    case appliance
    case lps

    public var label: String {
        switch self {
        case .community: "Community pharmacy"
        case .distanceSelling: "Distance-selling premises"
        case .appliance: "Dispensing appliance contractor"
        case .lps: "Local pharmaceutical services"
        }
    }
}

public enum Weekday: String, Sendable, CaseIterable {
    case mon, tue, wed, thu, fri, sat, sun
}

/// Kinds of market-entry application under the 2013 Regulations (SI 2013/349).
public enum MarketEntryKind: String, Sendable, CaseIterable {
    case routine
    case unforeseenBenefits = "unforeseen-benefits"
    case relocation
    case noSignificantChangeRelocation = "nsc-relocation"
    case changeOfOwnership = "change-of-ownership"
    case distanceSelling = "distance-selling"
    case consolidation

    public var label: String {
        switch self {
        case .routine: "Routine (meets a PNA need)"
        case .unforeseenBenefits: "Unforeseen benefits"
        case .relocation: "Relocation"
        case .noSignificantChangeRelocation: "No-significant-change relocation"
        case .changeOfOwnership: "Change of ownership"
        case .distanceSelling: "Distance-selling premises"
        case .consolidation: "Consolidation"
        }
    }

    /// "Excepted" applications are not tested against the PNA's needs (SI 2013/349).
    public var isExcepted: Bool {
        [.noSignificantChangeRelocation, .changeOfOwnership, .distanceSelling].contains(self)
    }

    var needsExistingPharmacy: Bool {
        [.relocation, .noSignificantChangeRelocation, .changeOfOwnership, .consolidation].contains(self)
    }
}

public enum MarketEntryStatus: String, Sendable, CaseIterable {
    case received, representations, granted, refused, deferred, withdrawn, appealed

    public var isOpen: Bool { [.received, .representations, .deferred].contains(self) }
}

public enum GOSContractKind: String, Sendable, CaseIterable {
    case mandatory, additional

    public var label: String {
        self == .mandatory ? "Mandatory services (premises)" : "Additional services (domiciliary)"
    }
}

public enum EyeServiceKind: String, Sendable, CaseIterable {
    case mecsCues = "mecs-cues"
    case glaucomaReferralRefinement = "glaucoma-referral-refinement"
    case glaucomaMonitoring = "glaucoma-monitoring"
    case cataract
    case other

    public var label: String {
        switch self {
        case .mecsCues: "Minor eye conditions / community urgent eyecare (MECS/CUES)"
        case .glaucomaReferralRefinement: "Glaucoma referral refinement"
        case .glaucomaMonitoring: "Glaucoma monitoring"
        case .cataract: "Cataract pre- and post-operative care"
        case .other: "Other"
        }
    }
}
