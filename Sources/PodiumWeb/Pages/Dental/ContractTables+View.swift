import PodiumCore

/// The tables of a contract's months: the ICB's list of contracts, a contract's monthly activity and the changes of
/// target, value or commissioner seen in the data.
enum ContractTables {
    static func contracts(_ rows: [ContractYear]) -> Table<ContractYear> {
        Table(
            id: "dental-contracts", caption: "Dental contracts",
            columns: [
                Column("contract", "Contract") {
                    .text($0.contract.rawValue, link: PodiumRoute.dentalContract($0.contract).path)
                },
                Column("provider", "Provider") { .text($0.latest.providerName) },
                Column("postcode", "Postcode") { .text($0.latest.postcode.display) },
                Column("lsoa", "LSOA", note: "2011") { .text($0.latest.lsoa2011?.rawValue) },
                Column("uda_target", "UDA target", note: "a year", numeric: true) { .udas($0.udaTarget) },
                Column("contract_value", "Contract value", note: "£ a year", numeric: true) {
                    .money($0.contractValue)
                },
                Column("uda_value", "UDA value", note: "£ per UDA", numeric: true) { .money($0.udaValue.perUDA) },
                Column("udas_delivered", "UDAs delivered", note: "year to date", numeric: true) {
                    .udas($0.udasDeliveredToDate)
                },
                Column("delivery", "Delivered", note: "% of annual target; higher is better", numeric: true) {
                    .percent($0.deliveryToDate)
                },
                Column("fd_udas", "Foundation dentist UDAs", note: "year to date", numeric: true) {
                    .udas($0.foundationDentistUDAsToDate)
                },
                Column("late_fp17s", "Late FP17s", note: "year to date; lower is better", numeric: true) {
                    .count($0.lateFP17sToDate)
                },
                Column("adults_seen", "Adults seen", note: "24 months, latest month", numeric: true) {
                    .count($0.adultsSeen24Months)
                },
                Column("children_seen", "Children seen", note: "12 months, latest month", numeric: true) {
                    .count($0.childrenSeen12Months)
                },
                Column("latest_month", "Latest month", numeric: true) { .month($0.latest.month) },
            ], rows: rows, footer: nil)
    }

    static func months(_ rows: [ContractMonth]) -> Table<ContractMonth> {
        Table(
            id: "months", caption: "Monthly activity",
            columns: [
                Column("month", "Month") { .month($0.month) },
                Column("uda_target", "UDA target", note: "a year", numeric: true) { .udas($0.udaTarget) },
                Column("contract_value", "Contract value", note: "£ a year", numeric: true) {
                    .money($0.udaContractValue)
                },
                Column("udas_delivered", "UDAs delivered", note: "excl. foundation dentists", numeric: true) {
                    .udas($0.udasDelivered)
                },
                Column("fd_udas", "Foundation dentist UDAs", numeric: true) {
                    .udas($0.udasDeliveredByFoundationDentists)
                },
                Column("late_fp17s", "Late FP17s", numeric: true) { .count($0.lateFP17s) },
                Column("band_1", "Band 1", note: "FP17s", numeric: true) { .count($0.courses.band1) },
                Column("band_2", "Band 2", note: "FP17s, 2a + 2b + 2c", numeric: true) { .count($0.courses.band2) },
                Column("band_2a", "Band 2a", note: "FP17s; not published before April 2023", numeric: true) {
                    .count($0.courses.band2a)
                },
                Column("band_2b", "Band 2b", note: "FP17s", numeric: true) { .count($0.courses.band2b) },
                Column("band_2c", "Band 2c", note: "FP17s", numeric: true) { .count($0.courses.band2c) },
                Column("band_3", "Band 3", note: "FP17s", numeric: true) { .count($0.courses.band3) },
                Column("band_urgent", "Urgent", note: "FP17s", numeric: true) { .count($0.courses.urgent) },
                Column("band_other", "Other", note: "FP17s", numeric: true) { .count($0.courses.other) },
                Column("fp17s", "All FP17s", numeric: true) { .count($0.courses.total) },
                Column("children_seen", "Children seen", note: "12 months", numeric: true) {
                    .count($0.childrenSeen12Months)
                },
                Column("adults_seen", "Adults seen", note: "24 months", numeric: true) {
                    .count($0.adultsSeen24Months)
                },
            ], rows: rows, footer: nil)
    }

    static func changes(_ rows: [ContractChange]) -> Table<ContractChange> {
        Table(
            id: "changes", caption: "Changes of target, value or commissioner seen in the data",
            columns: [
                Column("month", "First seen in") { .month($0.month) },
                Column("previous_month", "Previous month with data") { .month($0.previousMonth) },
                Column("target_before", "UDA target before", numeric: true) { .udas($0.targetBefore) },
                Column("target_after", "UDA target after", numeric: true) { .udas($0.targetAfter) },
                Column("target_change", "Target change", note: "UDAs", numeric: true) { .udas($0.targetDelta) },
                Column("value_before", "Value before", note: "£ a year", numeric: true) { .money($0.valueBefore) },
                Column("value_after", "Value after", note: "£ a year", numeric: true) { .money($0.valueAfter) },
                Column("value_change", "Value change", note: "£", numeric: true) { .money($0.valueDelta) },
                Column("commissioner", "Commissioner") { change in
                    .text(
                        change.commissionerChanged
                            ? "\(change.commissionerBefore) → \(change.commissionerAfter)"
                            : change.commissionerAfter.rawValue)
                },
            ], rows: rows, footer: nil)
    }
}
