/// Health and Wellbeing Boards: one per upper-tier local authority, each keeping a pharmaceutical list and
/// publishing a PNA (NHS Act 2006 s128A; SI 2013/349).
public enum HealthAndWellbeingBoard {
    /// The board for a postcode: the county council where Code-Point gives one (two-tier areas), otherwise the
    /// district, which is then itself upper tier (unitary, metropolitan or London borough).
    public static func code(county: String?, district: String) -> String {
        if let county, !county.isEmpty { return county }
        return district
    }

    /// Names of the upper-tier codes the bundled ONS 2022 district lookup does not name: the 21 county councils
    /// of 2023 and the unitaries created in April 2023 (ONS Register of Geographic Codes).
    public static let names: [String: String] = [
        "E10000003": "Cambridgeshire", "E10000007": "Derbyshire", "E10000008": "Devon", "E10000011": "East Sussex",
        "E10000012": "Essex", "E10000013": "Gloucestershire", "E10000014": "Hampshire", "E10000015": "Hertfordshire",
        "E10000016": "Kent", "E10000017": "Lancashire", "E10000018": "Leicestershire", "E10000019": "Lincolnshire",
        "E10000020": "Norfolk", "E10000024": "Nottinghamshire", "E10000025": "Oxfordshire",
        "E10000028": "Staffordshire",
        "E10000029": "Suffolk", "E10000030": "Surrey", "E10000031": "Warwickshire", "E10000032": "West Sussex",
        "E10000034": "Worcestershire", "E06000063": "Cumberland", "E06000064": "Westmorland and Furness",
        "E06000065": "North Yorkshire", "E06000066": "Somerset",
    ]
}
