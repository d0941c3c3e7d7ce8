import FluentKit

/// Every migration, in the order it runs. A migration that has shipped is never edited or renamed:
/// fix it with a new one at the end (STYLE.md §4).
public enum PodiumMigrations {
    public static let all: [any Migration] = [
        // 0001 — foundation (issue 3): import log, geography, area statistics, organisations, dental activity.
        CreateImports(),
        CreateGeography(),
        CreateAreaStatistics(),
        CreateOrganisations(),
        CreateDentalActivity(),
        // 0002 — dental contract management (issue 4): exact units for reconciliation, recorded variations.
        RescaleDentalActivityUnits(),
        CreateContractVariations(),
        // 0003 — statistical process control (issue 5): Pharmacy First monthly consultations.
        CreatePharmacyFirstConsultations(),
        // 0004 — pharmacy and optometry commissioning (issue 7): register events, local records.
        CreateLocalRecords(),
        // 0005 — finance (issue 8): budget lines, spend and commitments, reinvestment options.
        CreateFinanceRecords(),
        // 0006 — the audit trail of local records (issue 8): who changed what, before and after.
        CreateRecordChanges(),
        // 0007 — governance (issue 9): the risk log and the assurance criteria.
        CreateGovernanceRecords(),
        // 0008 — governance logs (issue 9): decisions, engagement, the handover checklist.
        CreateGovernanceLogs(),
        // 0009 — governance (issue 9): delegation register, delegated and reserved functions, transformation, risk evidence.
        CreateDelegationAndTransformation(),
        // 0010 — users, their ICBs, sessions and API tokens (issue 10).
        CreateUsers(),
        // 0011 — provider intelligence and each user's early-warning digest (issue 11).
        CreateEarlyWarning(),
    ]
}
