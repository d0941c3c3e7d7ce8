/// One contract's year, as the ten-year views need it: who commissioned it, what it was contracted for and delivered,
/// its year end (final, or projected in the year in progress) and what it brought in. Taken from its
/// ``ContractPosition``, so the history and the year's own page agree.
public struct ContractYearOutcome: Sendable, Hashable, Codable {
    public var contract: ContractNumber
    public var financialYear: FinancialYear
    /// The ICB the year counts for (``ContractMonth/icb`` of its latest month).
    public var icb: ICBCode?
    public var commissioner: CommissionerCode
    public var commissionerName: String
    public var commissionerKind: CommissionerKind
    public var providerName: String
    /// The first and last months of the year with a row for the contract.
    public var firstMonth: YearMonth
    public var lastMonth: YearMonth
    /// The annual UDA target and its value in the year's latest month, as published.
    public var target: ActivityUnits
    public var value: Money
    /// UDAs delivered in the year's months (`UDA_DELIVERED`, foundation dentists excluded).
    public var delivered: ActivityUnits
    public var isFinal: Bool
    public var broughtForward: CarryForward
    /// The year end: final for a completed year, projected at the year-to-date pace otherwise; `nil` when none was
    /// made (not in the latest month of a year in progress).
    public var result: YearEndResult?
    public var midYear: MidYearReview?
    /// Patients seen as of the year's latest month with a row.
    public var adultsSeen24Months: Int?
    public var childrenSeen12Months: Int?
    /// UDAs delivered in each month, April first, in ten-thousandths (0 where not reported): what the forecast learns
    /// a year's shape from (``DeliveryProfile``).
    public var monthlyDelivered: [Int64]

    /// The contract has a row in every month of the year.
    public var inEveryMonth: Bool { firstMonth == financialYear.firstMonth && lastMonth == financialYear.lastMonth }

    public init(position: ContractPosition, year: ContractYear) {
        contract = year.contract
        financialYear = year.financialYear
        icb = year.latest.icb
        commissioner = year.latest.commissioner
        commissionerName = year.latest.commissionerName
        commissionerKind = year.latest.commissionerKind
        providerName = year.latest.providerName
        firstMonth = year.months[0].month
        lastMonth = year.latest.month
        target = year.udaTarget
        value = year.contractValue
        delivered = year.udasDeliveredToDate
        isFinal = position.isFinal
        broughtForward = position.broughtForward
        result = position.projected
        midYear = position.midYear
        adultsSeen24Months = year.adultsSeen24Months
        childrenSeen12Months = year.childrenSeen12Months
        var monthly = [Int64](repeating: 0, count: 12)
        for (index, month) in year.financialYear.months.enumerated() {
            monthly[index] = position.months.first { $0.month == month }?.delivered?.tenThousandths ?? 0
        }
        monthlyDelivered = monthly
    }

    /// What the year carries into the next.
    public var carriedForward: CarryForward? { result.map { CarryForward(from: $0, year: financialYear) } }
}

/// A month's delivery summed over contracts (an ICB's, or England's), for the SPC of the whole series.
public struct MonthTotals: Sendable, Hashable, Codable {
    public var delivered: ActivityUnits = .zero
    /// What the working-day profile expects of the contracts reporting that month.
    public var expected: ActivityUnits = .zero
    public var contracts = 0
    public var adultsSeen24Months = 0
    public var childrenSeen12Months = 0

    public init() {}

    /// Delivery as a percentage of the profile (100 = on profile); `nil` without an expectation.
    public var againstProfile: Double? {
        expected.tenThousandths > 0 ? Double(delivered.tenThousandths) / Double(expected.tenThousandths) * 100 : nil
    }
}

/// Every contract's years chained together — each year's shortfall or credit carried into the next — with month
/// totals for England and each ICB. Built year by year, oldest first, from the years' rows; each year is worked out
/// with the year's standard rules.
public struct DentalHistory: Sendable {
    /// Each contract's years, oldest first.
    public private(set) var contracts: [ContractNumber: [ContractYearOutcome]] = [:]
    /// The years added, oldest first, with the months the data has.
    public private(set) var coverage: [ActivityCoverage] = []
    public private(set) var englandMonths: [YearMonth: MonthTotals] = [:]
    public private(set) var icbMonths: [ICBCode: [YearMonth: MonthTotals]] = [:]

    public init() {}

    public var years: [FinancialYear] { coverage.map(\.financialYear) }
    public var firstMonth: YearMonth? { coverage.first?.firstMonth }
    public var latestMonth: YearMonth? { coverage.last?.latestMonth }

    /// What `contract` brings into `year`: the ICB's recorded opening balance when there is one; else what its
    /// previous year carried forward, if it ran in the previous year; else nothing.
    public func broughtForward(
        into year: FinancialYear, contract: ContractNumber, opening: CarryForward? = nil
    ) -> CarryForward {
        if let opening { return opening }
        guard let previous = contracts[contract]?.last(where: { $0.financialYear < year }),
            previous.financialYear.startYear == year.startYear - 1, let carried = previous.carriedForward
        else { return .none }
        return carried
    }

    /// Adds a year (after every earlier one): each contract's position with what it brings in, under the year's
    /// standard settings.
    /// - Parameter openings: opening balances the ICBs recorded for this year, by contract and recording ICB; one
    ///   applies only when that ICB is the contract's in the year (an ICB cannot change another's figures).
    public mutating func add(
        _ years: [ContractYear], coverage: ActivityCoverage, variations: [ContractNumber: [ContractVariation]],
        openings: [ContractNumber: [ICBCode: CarryForward]] = [:], profile: WorkingDayProfile
    ) {
        let year = coverage.financialYear
        precondition(self.coverage.last.map { $0.financialYear < year } ?? true, "years are added oldest first")
        let settings = PositionSettings.standard(for: year)
        for contractYear in years {
            let position = ContractPosition(
                year: contractYear, coverage: coverage, variations: variations[contractYear.contract] ?? [],
                profile: profile, settings: settings,
                broughtForward: broughtForward(
                    into: year, contract: contractYear.contract,
                    opening: contractYear.icb.flatMap { openings[contractYear.contract]?[$0] }))
            contracts[contractYear.contract, default: []].append(
                ContractYearOutcome(position: position, year: contractYear))
            let rows = Dictionary(contractYear.months.map { ($0.month, $0) }, uniquingKeysWith: { _, last in last })
            for month in position.months where month.data == .reported {
                guard let row = rows[month.month] else { continue }
                var totals = MonthTotals()
                totals.delivered = month.delivered ?? .zero
                totals.expected = month.expected
                totals.contracts = 1
                totals.adultsSeen24Months = row.adultsSeen24Months ?? 0
                totals.childrenSeen12Months = row.childrenSeen12Months ?? 0
                englandMonths[month.month, default: MonthTotals()].add(totals)
                if let icb = row.icb { icbMonths[icb, default: [:]][month.month, default: MonthTotals()].add(totals) }
            }
        }
        self.coverage.append(coverage)
    }

    /// The contract's outcome in `year`, if it ran then.
    /// The same history with the contracts `other` holds taken from it: a few contracts re-chained with an ICB's
    /// variations and opening balances, without re-reading every row. The month totals stay this history's (the
    /// published rows against their own targets' profile), so recorded variations change outcomes, not the series.
    public func replacingContracts(from other: DentalHistory) -> DentalHistory {
        var result = self
        for (contract, outcomes) in other.contracts { result.contracts[contract] = outcomes }
        return result
    }

    public func outcome(of contract: ContractNumber, in year: FinancialYear) -> ContractYearOutcome? {
        contracts[contract]?.first { $0.financialYear == year }
    }

    /// What the contract brought into `year` (as the history worked it out: the opening balance an ICB recorded, or
    /// the previous year's carry-forward).
    public func broughtForward(into year: FinancialYear, contract: ContractNumber) -> CarryForward {
        outcome(of: contract, in: year)?.broughtForward ?? broughtForward(into: year, contract: contract, opening: nil)
    }

    /// The outcomes of `year` that count for `icb`, or every one (England: every published row, Health & Justice
    /// and area teams' contracts no ICB took on included).
    public func outcomes(in year: FinancialYear, icb: ICBCode? = nil) -> [ContractYearOutcome] {
        contracts.values.compactMap { years in
            years.first { $0.financialYear == year && (icb == nil || $0.icb == icb) }
        }
    }

    /// The month totals of an ICB, or England's, oldest first.
    public func months(icb: ICBCode? = nil) -> [(YearMonth, MonthTotals)] {
        months(icbs: icb.map { [$0] })
    }

    /// The month totals of a set of ICBs summed, or England's (`nil`), oldest first.
    public func months(icbs: Set<ICBCode>?) -> [(YearMonth, MonthTotals)] {
        var totals = englandMonths
        if let icbs {
            totals = [:]
            for icb in icbs {
                for (month, monthTotals) in icbMonths[icb] ?? [:] {
                    totals[month, default: MonthTotals()].add(monthTotals)
                }
            }
        }
        return totals.keys.sorted().map { ($0, totals[$0]!) }
    }
}

extension MonthTotals {
    mutating func add(_ other: MonthTotals) {
        delivered += other.delivered
        expected += other.expected
        contracts += other.contracts
        adultsSeen24Months += other.adultsSeen24Months
        childrenSeen12Months += other.childrenSeen12Months
    }
}
