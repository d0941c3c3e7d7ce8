/// A change to a contract's annual UDA target, its value or its commissioner, as first seen in a month's data.
///
/// NHSBSA files carry the target "as entered on CoMPASS that month", so a variation shows up as a different
/// value from one reported month to the next (811 contracts change target within 2023/24).
public struct ContractChange: Sendable, Hashable, Codable {
    /// The month in which the new figures first appear.
    public var month: YearMonth
    /// The last earlier month with data (months missing from the data are skipped).
    public var previousMonth: YearMonth
    public var targetBefore: UDAs
    public var targetAfter: UDAs
    public var valueBefore: Money
    public var valueAfter: Money
    public var commissionerBefore: CommissionerCode
    public var commissionerAfter: CommissionerCode

    public var targetChanged: Bool { targetBefore != targetAfter }
    public var valueChanged: Bool { valueBefore != valueAfter }
    public var commissionerChanged: Bool { commissionerBefore != commissionerAfter }
    public var targetDelta: UDAs { targetAfter - targetBefore }
    public var valueDelta: Money { valueAfter - valueBefore }

    /// Every change between consecutive reported months of `months` (any order), oldest first.
    public static func history(of months: [ContractMonth]) -> [ContractChange] {
        let ordered = months.sorted { $0.month < $1.month }
        return zip(ordered, ordered.dropFirst()).compactMap { before, after in
            let change = ContractChange(
                month: after.month, previousMonth: before.month,
                targetBefore: before.udaTarget, targetAfter: after.udaTarget,
                valueBefore: before.udaContractValue, valueAfter: after.udaContractValue,
                commissionerBefore: before.commissioner, commissionerAfter: after.commissioner
            )
            return change.targetChanged || change.valueChanged || change.commissionerChanged ? change : nil
        }
    }
}

/// One dental contract's position in a financial year, from its monthly activity rows.
///
/// Year-to-date sums run over the months present in the data; a month missing from the source
/// (November 2023 in the bundled extract) is listed in ``ActivityCoverage`` rather than guessed.
public struct ContractYear: Sendable, Hashable, Codable {
    public var contract: ContractNumber
    public var financialYear: FinancialYear
    /// The year's rows, oldest first.
    public var months: [ContractMonth]

    /// - Returns: `nil` if no row of `rows` falls in `financialYear`.
    public init?(contract: ContractNumber, financialYear: FinancialYear, rows: [ContractMonth]) {
        let inYear = rows.filter { $0.contract == contract && financialYear.contains($0.month) }.sorted {
            $0.month < $1.month
        }
        guard !inYear.isEmpty else { return nil }
        self.contract = contract
        self.financialYear = financialYear
        self.months = inYear
    }

    /// The most recent row: the contract's current target, value, provider and commissioner.
    public var latest: ContractMonth { months[months.count - 1] }

    /// The ICB the contract counts for in the year: that of its latest month (``ContractMonth/icb``).
    public var icb: ICBCode? { latest.icb }

    /// The annual UDA target in the latest month.
    public var udaTarget: UDAs { latest.udaTarget }
    /// The annual contract value of the UDA target in the latest month.
    public var contractValue: Money { latest.udaContractValue }
    public var udaValue: UDAValue { latest.udaValue }

    /// UDAs delivered in the year so far, excluding foundation dentists (as NHSBSA's `UDA_DELIVERED`).
    public var udasDeliveredToDate: UDAs { months.compactMap(\.udasDelivered).sum() }
    /// UDAs delivered by foundation dentists in the year so far.
    public var foundationDentistUDAsToDate: UDAs { months.compactMap(\.udasDeliveredByFoundationDentists).sum() }
    /// Late FP17s (received > 62 days after completion) in the year so far.
    public var lateFP17sToDate: Int { months.compactMap(\.lateFP17s).reduce(0, +) }
    /// Delivered to date as a share of the annual target ("% of target"; higher is better).
    public var deliveryToDate: Proportion { Proportion(udasDeliveredToDate, of: udaTarget) }
    /// Adults seen in the previous 24 months, as of the latest month.
    public var adultsSeen24Months: Int? { latest.adultsSeen24Months }
    /// Children seen in the previous 12 months, as of the latest month.
    public var childrenSeen12Months: Int? { latest.childrenSeen12Months }
    /// Changes of target, value or commissioner within the year.
    public var changes: [ContractChange] { ContractChange.history(of: months) }

    /// Groups rows of many contracts into contract years (contracts with no row in the year are left out),
    /// ordered by contract number.
    public static func all(from rows: [ContractMonth], in financialYear: FinancialYear) -> [ContractYear] {
        Dictionary(grouping: rows.filter { financialYear.contains($0.month) }, by: \.contract)
            .compactMap { ContractYear(contract: $0.key, financialYear: financialYear, rows: $0.value) }
            .sorted { $0.contract < $1.contract }
    }
}

/// Which months of a financial year a monthly dataset covers, for "how current is this" notes.
public struct ActivityCoverage: Sendable, Hashable, Codable {
    public var financialYear: FinancialYear
    /// Months with data, oldest first.
    public var monthsPresent: [YearMonth]

    public init(financialYear: FinancialYear, monthsPresent: [YearMonth]) {
        self.financialYear = financialYear
        self.monthsPresent = monthsPresent.filter(financialYear.contains).sorted()
    }

    public var firstMonth: YearMonth? { monthsPresent.first }
    public var latestMonth: YearMonth? { monthsPresent.last }

    /// All twelve months of the year have data: its figures are final ("from the twelve months' data"), not projected.
    public var isComplete: Bool { monthsPresent.count == 12 }

    /// The month the mid-year review reads the terms from: September, or the latest month up to September the data
    /// has; `nil` before the year has any.
    public var midYearMonth: YearMonth? { monthsPresent.last { $0 <= financialYear.firstHalf[5] } }

    /// Months between the first and latest month that have no data (November 2023 in the bundled extract).
    public var gaps: [YearMonth] {
        guard let first = firstMonth, let last = latestMonth else { return [] }
        let present = Set(monthsPresent)
        return financialYear.months.filter { $0 >= first && $0 <= last && !present.contains($0) }
    }

    /// "April 2023 – December 2023 (November 2023 missing)".
    public var summary: String {
        guard let first = firstMonth, let last = latestMonth else { return "no months" }
        let span = first == last ? first.label : "\(first.label) – \(last.label)"
        let missing = gaps.map(\.label)
        return missing.isEmpty ? span : "\(span) (\(missing.joined(separator: ", ")) missing)"
    }
}
