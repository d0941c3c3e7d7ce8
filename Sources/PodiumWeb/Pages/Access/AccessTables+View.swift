import Foundation
import PodiumCore
import PodiumData

/// The access tables, defined once for page, CSV and API.
enum AccessTables {
    /// A score; an area with no site in reach reads so, sorts lowest and is `NaN` in CSV (as `podium access`).
    private static func score(_ value: Double, decimals: Int = 1) -> Cell {
        value.isNaN
            ? Cell(text: "no site in reach", csv: "NaN", sort: .number(Int64.min)) : .decimal(value, decimals: decimals)
    }

    private static func areaColumns(_ service: AccessService, demand: AccessDemand) -> [Column<AccessAreaRow>] {
        [
            Column("lsoa", "LSOA", note: "2021") { .text($0.area.code.rawValue) },
            Column("name", "Name") { .text($0.area.name) },
            Column("population", demand == .everyone ? "Population" : demand.label, note: "ONS mid-2024", numeric: true)
            { .count(Int($0.people)) },
            Column("children", "Children", note: "aged 0–17", numeric: true) { .count($0.area.children) },
            Column("imd_decile", "IMD decile", note: "2025; 1 = most deprived", numeric: true) {
                .count($0.area.imdDecile)
            },
            Column("access", "Access", note: "\(service.unit); higher is better", numeric: true) { score($0.access) },
            Column("of_england", "Of England's average", note: "1.00 = average; higher is better", numeric: true) {
                score($0.ofEngland, decimals: 2)
            },
        ]
    }

    static func areas(_ rows: [AccessAreaRow], service: AccessService, demand: AccessDemand) -> Table<AccessAreaRow> {
        Table(
            id: "access-areas", caption: "LSOAs by access",
            columns: areaColumns(service, demand: demand) + [
                Column("rank", "Rank in ICB", note: "1 = least access", numeric: true) { .count($0.rank) },
                Column(
                    "activity", "Delivered activity in reach",
                    note: service == .dental ? "UDAs delivered per 1,000 residents, year to date" : "as access",
                    numeric: true
                ) {
                    score($0.activity)
                },
            ], rows: rows, footer: nil)
    }

    static func gaps(_ rows: [AccessGapRow], service: AccessService, demand: AccessDemand) -> Table<AccessGapRow> {
        let shortfallNote =
            service == .dental ? "UDAs a year to reach England's average" : "pharmacies to reach England's average"
        return Table(
            id: "access-gaps", caption: "Unmet need: high need, low access, low activity",
            columns: [
                Column("position", "Gap rank", note: "1 = largest shortfall", numeric: true) { .count($0.position) }
            ]
                + areaColumns(service, demand: demand).map { column in
                    Column(column.key, column.title, note: column.note, numeric: column.numeric) {
                        column.value($0.row)
                    }
                } + [
                    Column("need", "Why high need") { row in
                        .text(
                            [
                                row.entry.need.contains(.deprivation) ? "deprivation" : nil,
                                row.entry.need.contains(.children) ? "many children" : nil,
                            ]
                            .compactMap { $0 }.joined(separator: ", "))
                    },
                    Column("access_percentile", "Access percentile", note: "in England; 0 = lowest", numeric: true) {
                        .decimal($0.entry.accessPercentile, decimals: 0)
                    },
                    Column("activity_percentile", "Activity percentile", note: "in England; 0 = lowest", numeric: true)
                    { .decimal($0.entry.activityPercentile, decimals: 0) },
                    Column("shortfall", "Shortfall", note: shortfallNote, numeric: true) {
                        .decimal($0.entry.shortfall, decimals: service == .dental ? 0 : 2)
                    },
                ], rows: rows, footer: nil)
    }

    static func deciles(_ rows: [AccessDecileRow], service: AccessService, whatIf: Bool = false) -> Table<
        AccessDecileRow
    > {
        var columns: [Column<AccessDecileRow>] = [
            Column("decile", "IMD decile", note: "1 = most deprived", numeric: true) { .count($0.decile) },
            Column("lsoas", "LSOAs in ICB", numeric: true) { .count($0.icb?.areas) },
            Column("population", "Population in ICB", numeric: true) { .count($0.icb.map { Int($0.population) }) },
            Column(
                "access", whatIf ? "Access before" : "Access in ICB",
                note: "\(service.unit), population-weighted; higher is better", numeric: true
            ) { row in
                row.icb.map { score($0.meanAccess * row.per) } ?? .decimal(nil, decimals: 1)
            },
        ]
        if whatIf {
            columns.append(
                Column("access_after", "Access after", note: "higher is better", numeric: true) { row in
                    row.after.map { score($0.meanAccess * row.per) } ?? .decimal(nil, decimals: 1)
                })
        }
        columns += [
            Column("without_access", "People with no site in reach", note: "in ICB", numeric: true) {
                .count($0.icb.map { Int($0.populationWithoutAccess) })
            },
            Column("england_access", "Access in England", note: "population-weighted", numeric: true) { row in
                row.england.map { score($0.meanAccess * row.per) } ?? .decimal(nil, decimals: 1)
            },
        ]
        return Table(id: "access-deciles", caption: "Access by deprivation", columns: columns, rows: rows, footer: nil)
    }

    static func sites(_ rows: [AccessSite], service: AccessService, whatIf: (AccessSite) -> String) -> Table<AccessSite>
    {
        var columns: [Column<AccessSite>] = [
            Column("id", service == .dental ? "Contract" : "ODS code") { site in
                .text(
                    site.id,
                    link: service == .dental ? ContractNumber(site.id).map { PodiumRoute.dentalContract($0).path } : nil
                )
            },
            Column("name", service == .dental ? "Provider" : "Pharmacy") { .text($0.name) },
            Column("postcode", "Postcode") { .text($0.postcode) },
        ]
        if service == .dental {
            columns += [
                Column("capacity", "UDA target", note: "a year", numeric: true) { .decimal($0.capacity, decimals: 0) },
                Column("activity", "UDAs delivered", note: "year to date", numeric: true) {
                    .decimal($0.activity, decimals: 0)
                },
            ]
        }
        let links = Dictionary(rows.map { ($0.id, whatIf($0)) }, uniquingKeysWith: { first, _ in first })
        columns.append(Column("what_if", "What if it closed?", sortable: false) { .text("Close", link: links[$0.id]) })
        return Table(
            id: "access-sites", caption: "Sites the ICB commissions", columns: columns, rows: rows, footer: nil)
    }

    static func changes(_ rows: [AccessAreaRow], service: AccessService, demand: AccessDemand) -> Table<AccessAreaRow> {
        Table(
            id: "access-changes", caption: "LSOAs whose access changes",
            columns: areaColumns(service, demand: demand).filter { $0.key != "of_england" }.map { column in
                column.key == "access"
                    ? Column("before", "Before", note: "\(service.unit); higher is better", numeric: true) {
                        score($0.access)
                    } : column
            } + [
                Column("after", "After", note: "higher is better", numeric: true) { score($0.after ?? .nan) },
                Column("change", "Change", note: "after − before", numeric: true) { .decimal($0.change, decimals: 1) },
                Column("icb", "ICB", note: "ODS code") { .text($0.area.icb?.rawValue) },
            ], rows: rows, footer: nil)
    }

    static func icbs(_ rows: [AccessICBRow], service: AccessService) -> Table<AccessICBRow> {
        Table(
            id: "access-icbs", caption: "Access by ICB",
            columns: [
                Column("icb", "ICB") { row in
                    .text(
                        row.icb.shortName, link: PodiumRoute.access(row.icb.code).path + "?service=\(service.rawValue)")
                },
                Column("code", "ODS code") { .text($0.icb.code.rawValue) },
                Column("population", "Population", numeric: true) { .count(Int($0.summary.population)) },
                Column(
                    "access", "Access", note: "\(service.unit), population-weighted; higher is better", numeric: true
                ) { score($0.summary.meanAccess * $0.per) },
                Column("without_access", "No site in reach", note: "% of people; lower is better", numeric: true) {
                    .decimal($0.summary.shareWithoutAccess * 100, decimals: 2)
                },
                Column(
                    "ratio", "Most to least deprived",
                    note: "decile 1 over decile 10; below 1 the most deprived have less", numeric: true
                ) {
                    .decimal($0.summary.ratioMostToLeastDeprived, decimals: 2)
                },
                Column("gaps", "Gap LSOAs", note: "high need, low access and activity", numeric: true) {
                    .count($0.gaps)
                },
                Column("gap_population", "People in gap LSOAs", numeric: true) { .count(Int($0.gapPopulation)) },
            ], rows: rows, footer: nil)
    }
}
