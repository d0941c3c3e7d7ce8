import FluentKit

/// Every migration, in the order it runs. A migration that has shipped is never edited or renamed:
/// fix it with a new one at the end.
public enum PodiumMigrations {
    public static let all: [any Migration] = [
        // 0001 — foundation: import log, geography, area statistics, organisations, dental activity.
        CreateImports(),
        CreateGeography(),
        CreateAreaStatistics(),
        CreateOrganisations(),
        CreateDentalActivity(),
        // 0002 — dental contract management: exact units for reconciliation, recorded variations.
        RescaleDentalActivityUnits(),
        CreateContractVariations(),
        // 0003 — statistical process control: Pharmacy First monthly consultations.
        CreatePharmacyFirstConsultations(),
        // 0004 — pharmacy and optometry commissioning: register events, local records.
        CreateLocalRecords(),
        // 0005 — finance: budget lines, spend and commitments, reinvestment options.
        CreateFinanceRecords(),
        // 0006 — the audit trail of local records: who changed what, before and after.
        CreateRecordChanges(),
        // 0007 — governance: the risk log and the assurance criteria.
        CreateGovernanceRecords(),
        // 0008 — governance logs: decisions, engagement, the handover checklist.
        CreateGovernanceLogs(),
        // 0009 — governance: delegation register, delegated and reserved functions, transformation, risk evidence.
        CreateDelegationAndTransformation(),
        // 0010 — users, their ICBs, sessions and API tokens.
        CreateUsers(),
        // 0011 — provider intelligence and each user's early-warning digest.
        CreateEarlyWarning(),
        // 0012 — ten years of dental activity: commissioners of every kind, band 2 before April 2023, carry-forward
        // opening balances, 2021 LSOA centroids and mid-2024 population.
        TenYearsOfDentalActivity(),
        CreateDentalCarryForward(),
        CreateCurrentAreaStatistics(),
        // 0013 — every local record's key is its ICB's own (but a pharmacy's); PNA documents belong to ICBs; sign-ins
        // through an OpenID Connect provider in flight; API tokens that expire.
        PerICBRecordKeys(),
        CreateOpenIDSignIns(),
        APITokenExpiry(),
    ]
}
