import PodiumCore
import PodiumData

/// The ODS sites of an ICB — pharmacies or dental practices — with everything that differs between the two in one
/// place, so the page, its CSV and the API serve both through the same code.
enum SiteIndex {
    struct Model<Kind: ODSKindTable>: Sendable {
        var icb: ICB
        var sites: [Sited<Kind>]
        var sources: [SourceNote]

        /// Sites whose postcode Code-Point could place.
        var placed: Int { sites.filter { $0.location?.hasCoordinates == true }.count }

        static func query(_ context: QueryContext, list: SiteList<Kind>, icb code: ICBCode) async throws -> Model {
            Model(
                icb: try await context.openData.requireICB(code),
                sites: try await list.sites(OrganisationStore(database: context.database), code),
                sources: try await context.openData.notes(list.datasets, year: nil))
        }
    }
}

/// What differs between the lists of pharmacies and of dental practices.
struct SiteList<Kind: ODSKindTable>: Sendable {
    var id: String
    var title: String
    var caption: String
    /// Plural noun for "Showing 1–50 of 120 …".
    var noun: String
    var route: @Sendable (ICBCode) -> PodiumRoute
    var intro: @Sendable (ICB) -> String
    var typeLabel: @Sendable (ODSOrganisation<Kind>) -> String
    var sites: @Sendable (OrganisationStore, ICBCode) async throws -> [Sited<Kind>]
    var datasets: [Dataset]
}

enum SiteLists {
    static let pharmacies = SiteList<PharmacyCodeKind>(
        id: "pharmacies", title: "Pharmacies", caption: "Pharmacies and appliance contractors", noun: "pharmacies",
        route: { .pharmacies($0) },
        intro: {
            "Active community pharmacies and appliance contractors in England with \($0.name) as their ICB in ODS edispensary."
        },
        typeLabel: { $0.subTypeLabel },
        sites: { try await $0.pharmacies(in: $1) },
        datasets: [.pharmacies, .postcodes])

    static let dentalPractices = SiteList<DentalPracticeCodeKind>(
        id: "dental-practices", title: "Dental practices", caption: "Dental practices", noun: "practices",
        route: { .dentalPractices($0) },
        intro: {
            "Active general dental practices with \($0.name) as their ICB in ODS egdpprac. A practice is a location; one contract can cover "
                + "several and one practice can hold several contracts."
        },
        typeLabel: { $0.subTypeLabel },
        sites: { try await $0.dentalPractices(in: $1) },
        datasets: [.dentalPractices, .postcodes])
}
