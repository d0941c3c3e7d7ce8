import PodiumCore
import PodiumData

/// A list of ODS sites of an ICB — pharmacies or dental practices — with everything that differs between the
/// two in one place, so the page, its CSV and the API serve both through the same code.
struct SiteList<Kind: ODSKindTable>: Sendable {
    var id: String
    var title: String
    var caption: String
    /// Plural noun for "Showing 1–50 of 120 …".
    var noun: String
    var route: @Sendable (ICBCode) -> PodiumRoute
    var intro: @Sendable (ICB) -> String
    var typeLabel: @Sendable (ODSOrganisation<Kind>) -> String
    var load: @Sendable (Workbench, ICBCode) async throws -> OrganisationList<Kind>

    func table(_ list: OrganisationList<Kind>) -> Table<Sited<Kind>> {
        Tables.organisations(list.sites, id: id, caption: caption, typeLabel: typeLabel)
    }
}

enum SiteLists {
    static let pharmacies = SiteList<PharmacyCodeKind>(
        id: "pharmacies", title: "Pharmacies", caption: "Pharmacies and appliance contractors", noun: "pharmacies",
        route: { .pharmacies($0) },
        intro: { "Active community pharmacies and appliance contractors in England with \($0.name) as their ICB in ODS edispensary." },
        typeLabel: { $0.subTypeLabel },
        load: { try await $0.pharmacies(of: $1) })

    static let dentalPractices = SiteList<DentalPracticeCodeKind>(
        id: "dental-practices", title: "Dental practices", caption: "Dental practices", noun: "practices",
        route: { .dentalPractices($0) },
        intro: {
            "Active general dental practices with \($0.name) as their ICB in ODS egdpprac. A practice is a location; one contract can cover "
                + "several and one practice can hold several contracts."
        },
        typeLabel: { $0.subTypeLabel },
        load: { try await $0.dentalPractices(of: $1) })
}
