extension RecordTemplate {
    /// What a contract brings into a year where the ICB knows better than the data: the shortfall or credit its year
    /// end letter gave (NHSBSA's year end also counts forms scheduled up to June, and queries change figures).
    public static let carryForwardOpenings = RecordTemplate(
        id: "dental-carry-forward", table: "dental_carry_forward", title: "Dental carry-forward opening balances",
        summary:
            "A contract's shortfall (96–100 %) or credit (100–102 %) brought into a year, as its year-end letter gave it. "
            + "It replaces the figure Podium works out from the previous year's data.",
        fields: [
            RecordField(
                "contract", "Contract number", .reference, help: "The NHSBSA contract number (10 characters)."),
            RecordField(
                "financial_year", "Brought into", .financialYear, help: "The year the balance is brought into: 2024/25."
            ),
            RecordField(
                "shortfall", "Shortfall brought forward", .units, required: false,
                help: "UDAs to be delivered first this year (from last year's 96–100 %)."),
            RecordField(
                "credit", "Credit brought forward", .units, required: false,
                help: "UDAs credited to this year (last year's delivery over 100 %, up to 102 %)."),
            RecordField("note", "Note", .text(maxLength: 500), required: false, help: "Where the figure comes from."),
        ],
        key: ["contract", "financial_year"], scope: .enteringICB,
        check: { record in
            var problems: [FieldProblem] = []
            let contract = record.text("contract") ?? ""
            if ContractNumber(contract) == nil {
                problems.append(
                    FieldProblem(field: "contract", reason: "\"\(contract)\" is not a dental contract number"))
            }
            if (record.integer("shortfall") ?? 0) > 0, (record.integer("credit") ?? 0) > 0 {
                problems.append(
                    FieldProblem(
                        field: "credit", reason: "a year end gives a shortfall or a credit, not both: enter one"))
            }
            return problems
        })
}

/// A contract's opening balance for a year, from ``RecordTemplate/carryForwardOpenings``.
public struct CarryForwardOpening: LocalRecord, Hashable {
    public static let template = RecordTemplate.carryForwardOpenings

    public var contract: ContractNumber
    public var financialYear: FinancialYear
    public var balance: CarryForward

    public init?(_ values: FieldValues) {
        guard let contract = values.text("contract").flatMap(ContractNumber.init),
            let year = values.financialYear("financial_year")
        else { return nil }
        self.contract = contract
        financialYear = year
        balance = CarryForward(
            shortfall: ActivityUnits(tenThousandths: values.integer("shortfall") ?? 0),
            credit: ActivityUnits(tenThousandths: values.integer("credit") ?? 0), source: .openingBalance)
    }
}
