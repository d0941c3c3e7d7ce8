/// Finance records (issue 8): budgets, actuals and reinvestment options, kept with the same template machinery.
extension RecordTemplate {
    public static let finance: [RecordTemplate] = [budgetLines, financeActuals, reinvestmentOptions]

    /// Finance records (budgets, spend, reinvestment options), which the finance role may edit (issue 10).
    public var isFinance: Bool { Self.finance.contains(self) }

    private static let budgetLine = RecordField(
        "line", "Budget line", .choice(BudgetLineKind.allCases.map(\.rawValue)),
        help: BudgetLineKind.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: "; ") + ".")

    public static let budgetLines = RecordTemplate(
        id: "budget-lines", table: "budget_lines", title: "Budget lines",
        summary: "The ICB's delegated budget for each line and financial year.",
        fields: [
            RecordField("financial_year", "Financial year", .financialYear, help: "The year, 1 April to 31 March, as 2024/25."),
            budgetLine,
            RecordField("budget", "Budget", .pounds, help: "The allocation for the year, in pounds."),
            RecordField("notes", "Notes", .text(maxLength: 500), required: false, help: "Source of the figure (allocation letter, month-9 plan …)."),
        ],
        key: ["financial_year", "line"], scope: .enteringICB, keyIsPerICB: true)

    public static let financeActuals = RecordTemplate(
        id: "finance-actuals", table: "finance_actuals", title: "Spend and commitments",
        summary: "Spend by month and line from the ledger, and sums committed but not yet paid. Dental primary care "
            + "spend is also worked out from the contracts; an actual recorded here replaces it for that month.",
        fields: [
            RecordField("month", "Month", .month, help: "The month of the spend, YYYY-MM."),
            budgetLine,
            RecordField("spent", "Spent", .pounds, help: "Paid in the month, in pounds."),
            RecordField("committed", "Committed", .pounds, required: false, help: "Committed in the month and not yet paid, in pounds."),
            RecordField("notes", "Notes", .text(maxLength: 500), required: false, help: "What the figure covers."),
        ],
        key: ["month", "line"], scope: .enteringICB, keyIsPerICB: true)

    public static let reinvestmentOptions = RecordTemplate(
        id: "reinvestment-options", table: "reinvestment_options", title: "Reinvestment options",
        summary: "Costed ways to use ring-fenced dental underspend before 31 March, with their lead time and the committee decision.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's reference for the option."),
            RecordField("financial_year", "Financial year", .financialYear, help: "The year whose underspend it uses."),
            RecordField(
                "kind", "Kind", .choice(ReinvestmentKind.allCases.map(\.rawValue)),
                help: ReinvestmentKind.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: "; ") + "."),
            RecordField("description", "Description", .text(maxLength: 1000), help: "What would be bought, from whom."),
            RecordField("cost", "Cost", .pounds, help: "In pounds."),
            RecordField("lead_time_days", "Lead time (days)", .count, help: "Days from the decision until the money is spent."),
            RecordField("status", "Status", .choice(["proposed", "approved", "rejected"]), help: "proposed, approved or rejected."),
            RecordField("committee", "Committee", .text(maxLength: 200), required: false, help: "The committee that decided it."),
            RecordField("decision_date", "Decision date", .date, required: false, help: "When it decided."),
        ],
        key: ["reference"], scope: .enteringICB, keyIsPerICB: true,
        check: { record in
            record.text("status") != "proposed" && (record.text("committee") == nil || record.date("decision_date") == nil)
                ? [FieldProblem(field: "committee", reason: "a decided option names the committee and the decision date")] : []
        })
}

extension ReinvestmentOption {
    /// Reads a record of ``RecordTemplate/reinvestmentOptions``; rejected options are not options.
    public init?(_ record: FieldValues) {
        guard record.text("status") != "rejected", let reference = record.text("reference"),
              let kind = record.text("kind").flatMap(ReinvestmentKind.init), let cost = record.money("cost") else { return nil }
        let approval = record.text("status") == "approved"
            ? record.date("decision_date").map { Approval(committee: record.text("committee") ?? "", date: $0) } : nil
        self.init(id: reference, kind: kind, cost: cost, leadTimeDays: record.count("lead_time_days"), approval: approval)
    }
}
