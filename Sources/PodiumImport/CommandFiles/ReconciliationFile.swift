import PodiumCore

/// The `podium reconcile` file formats: one UDA line per contract in, the year-end result out.
///
/// In:  `contract_number,target_udas,value_pence,delivered_udas,shortfall_bf_udas,credit_bf_udas,npp_credit_udas,misc_credit_udas`
/// Out: `contract_number,adjusted_udas,percent,outcome,clawback_pence,shortfall_cf_udas,credit_cf_udas,unpaid_udas,breach_notice`
public enum ReconciliationFile {
    public static let inputColumns = [
        "contract_number", "target_udas", "value_pence", "delivered_udas", "shortfall_bf_udas", "credit_bf_udas",
        "npp_credit_udas",
        "misc_credit_udas",
    ]
    public static let outputColumns = [
        "contract_number", "adjusted_udas", "percent", "outcome", "clawback_pence", "shortfall_cf_udas",
        "credit_cf_udas", "unpaid_udas",
        "breach_notice",
    ]

    public struct Row: Sendable, Hashable {
        public var contract: ContractNumber
        public var input: YearEndInput
    }

    /// Reads and validates every row.
    /// - Throws: ``InputFileFailure`` naming file, line, column and reason for each problem.
    public static func read(_ source: SourceFile) throws -> [Row] {
        var rows: [Row] = []
        var seen: [ContractNumber: Int] = [:]
        let issues = try HeadedCSVInput.read(source, columns: inputColumns) { fields, record in
            guard let row = parse(&fields) else { return [] }
            if let first = seen[row.contract] {
                return [
                    ImportIssue(
                        file: source.name, line: record.line, column: nil,
                        reason: "contract \(row.contract) is already on line \(first)")
                ]
            }
            seen[row.contract] = record.line
            rows.append(row)
            return []
        }
        guard issues.isEmpty else { throw InputFileFailure(file: source.name, issues: issues, verb: "reconciled") }
        return rows
    }

    private static func parse(_ f: inout FieldReader) -> Row? {
        let contract = f.code("contract_number", as: ContractNumber.self)
        let target = nonNegativeUnits(&f, "target_udas")
        let value = f.integer("value_pence", in: 0...Int.max)
        let delivered = f.parse("delivered_udas", ActivityUnits.init(parsing:))
        let shortfall = nonNegativeUnits(&f, "shortfall_bf_udas")
        let credit = nonNegativeUnits(&f, "credit_bf_udas")
        let npp = nonNegativeUnits(&f, "npp_credit_udas")
        let misc = f.parse("misc_credit_udas", ActivityUnits.init(parsing:))
        guard let contract, let target, let value, let delivered, let shortfall, let credit, let npp, let misc else {
            return nil
        }
        return Row(
            contract: contract,
            input: YearEndInput(
                line: .uda, target: target, contractValue: Money(pence: Int64(value)), delivered: delivered,
                shortfallBroughtForward: shortfall,
                creditBroughtForward: credit, newPatientPremiumCredits: npp, miscellaneousCredits: misc))
    }

    private static func nonNegativeUnits(_ f: inout FieldReader, _ column: String) -> ActivityUnits? {
        guard let units = f.parse(column, ActivityUnits.init(parsing:)) else { return nil }
        guard units.tenThousandths >= 0 else {
            f.problem(column, "\(units.plain) is negative")
            return nil
        }
        return units
    }

    /// The results as CSV (LF line ends for the terminal): percent to 4 decimals, money in pence.
    public static func write(_ rows: [Row], rules: ReconciliationRules) -> String {
        var text = outputColumns.joined(separator: ",") + "\n"
        for row in rows {
            let result = YearEndReconciliation.reconcile(row.input, rules: rules)
            let fields = [
                row.contract.rawValue, result.adjustedDelivery.plain,
                result.achievement.percentPlain(decimals: 4) ?? "",
                result.outcome.rawValue, String(result.clawback.pence), result.shortfallCarriedForward.plain,
                result.creditCarriedForward.plain,
                result.unpaidOverDelivery.plain, result.breachNotice ? "true" : "false",
            ]
            text += fields.map { CSVFormat.escape($0, spreadsheetSafe: false) }.joined(separator: ",") + "\n"
        }
        return text
    }
}
