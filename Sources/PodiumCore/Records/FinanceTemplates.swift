/// Finance records: budgets, actuals and reinvestment options, kept with the same template machinery.
extension RecordTemplate {
    public static let finance: [RecordTemplate] = [budgetLines, financeActuals, reinvestmentOptions]

    /// Finance records (budgets, spend, reinvestment options), which the finance role may edit.
    public var isFinance: Bool { Self.finance.contains(self) }

    private static let budgetLine = RecordField(
        "line", "Budget line", .choice(BudgetLineKind.allCases.map(\.rawValue)),
        help: BudgetLineKind.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: "; ") + ".")

    public static let budgetLines = RecordTemplate(
        id: "budget-lines", table: "budget_lines", title: "Budget lines",
        summary: "The ICB's delegated budget for each line and financial year.",
        fields: [
            RecordField(
                "financial_year", "Financial year", .financialYear, help: "The year, 1 April to 31 March, as 2024/25."),
            budgetLine,
            RecordField("budget", "Budget", .pounds, help: "The allocation for the year, in pounds."),
            RecordField(
                "notes", "Notes", .text(maxLength: 500), required: false,
                help: "Source of the figure (allocation letter, month-9 plan …)."),
        ],
        key: ["financial_year", "line"], scope: .enteringICB)

    public static let financeActuals = RecordTemplate(
        id: "finance-actuals", table: "finance_actuals", title: "Spend and commitments",
        summary: "Spend by month and line from the ledger, and sums committed but not yet paid. Dental primary care "
            + "spend is also worked out from the contracts; an actual recorded here replaces it for that month.",
        fields: [
            RecordField("month", "Month", .month, help: "The month of the spend, YYYY-MM."),
            budgetLine,
            RecordField("spent", "Spent", .pounds, help: "Paid in the month, in pounds."),
            RecordField(
                "committed", "Committed", .pounds, required: false,
                help: "Committed in the month and not yet paid, in pounds."),
            RecordField("notes", "Notes", .text(maxLength: 500), required: false, help: "What the figure covers."),
        ],
        key: ["month", "line"], scope: .enteringICB)

    public static let reinvestmentOptions = RecordTemplate(
        id: "reinvestment-options", table: "reinvestment_options", title: "Reinvestment options",
        summary:
            "Costed ways to use ring-fenced dental underspend before 31 March, with their lead time and the committee decision.",
        fields: [
            RecordField("reference", "Reference", .reference, help: "The ICB's reference for the option."),
            RecordField("financial_year", "Financial year", .financialYear, help: "The year whose underspend it uses."),
            RecordField(
                "kind", "Kind", .choice(ReinvestmentKind.allCases.map(\.rawValue)),
                help: ReinvestmentKind.allCases.map { "\($0.rawValue) (\($0.label))" }.joined(separator: "; ") + "."),
            RecordField("description", "Description", .text(maxLength: 1000), help: "What would be bought, from whom."),
            RecordField("cost", "Cost", .pounds, help: "In pounds."),
            RecordField(
                "lead_time_days", "Lead time (days)", .count, help: "Days from the decision until the money is spent."),
            RecordField(
                "status", "Status", .choice(["proposed", "approved", "rejected"]),
                help: "proposed, approved or rejected."),
            RecordField(
                "committee", "Committee", .text(maxLength: 200), required: false, help: "The committee that decided it."
            ),
            RecordField("decision_date", "Decision date", .date, required: false, help: "When it decided."),
        ],
        key: ["reference"], scope: .enteringICB,
        check: { record in
            record.text("status") != "proposed"
                && (record.text("committee") == nil || record.date("decision_date") == nil)
                ? [
                    FieldProblem(
                        field: "committee", reason: "a decided option names the committee and the decision date")
                ] : []
        })
}

/// A budget line's allocation for a financial year (``RecordTemplate/budgetLines``).
public struct BudgetAllocation: LocalRecord, Hashable {
    public static let template = RecordTemplate.budgetLines

    public var year: FinancialYear
    public var line: BudgetLineKind
    public var budget: Money
    public var notes: String?

    public init?(_ values: FieldValues) {
        guard let year = values.financialYear("financial_year"),
            let line = values.text("line").flatMap(BudgetLineKind.init),
            let budget = values.money("budget")
        else { return nil }
        self.year = year
        self.line = line
        self.budget = budget
        notes = values.text("notes")
    }
}

/// A month's spend and commitments on a budget line, from the ledger (``RecordTemplate/financeActuals``).
public struct FinanceActual: LocalRecord, Hashable {
    public static let template = RecordTemplate.financeActuals

    public var month: YearMonth
    public var line: BudgetLineKind
    public var spent: Money
    public var committed: Money
    public var notes: String?

    public init?(_ values: FieldValues) {
        guard let month = values.month("month"), let line = values.text("line").flatMap(BudgetLineKind.init) else {
            return nil
        }
        self.month = month
        self.line = line
        spent = values.money("spent") ?? .zero
        committed = values.money("committed") ?? .zero
        notes = values.text("notes")
    }
}

/// A costed way to use ring-fenced dental underspend, for its financial year (``RecordTemplate/reinvestmentOptions``).
/// Rejected options are not options: they do not read.
public struct ReinvestmentOptionRecord: LocalRecord, Hashable {
    public static let template = RecordTemplate.reinvestmentOptions

    public var year: FinancialYear
    public var option: ReinvestmentOption
    public var description: String

    public init?(_ values: FieldValues) {
        guard let year = values.financialYear("financial_year"), values.text("status") != "rejected",
            let reference = values.text("reference"), let kind = values.text("kind").flatMap(ReinvestmentKind.init),
            let cost = values.money("cost")
        else { return nil }
        let approval =
            values.text("status") == "approved"
            ? values.date("decision_date").map {
                ReinvestmentOption.Approval(committee: values.text("committee") ?? "", date: $0)
            } : nil
        self.year = year
        option = ReinvestmentOption(
            id: reference, kind: kind, cost: cost, leadTimeDays: values.count("lead_time_days"), approval: approval)
        description = values.text("description") ?? ""
    }
}
