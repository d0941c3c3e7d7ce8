import FluentKit
import PodiumCore
import SQLKit

/// Dental contracts and their monthly activity.
public struct DentalStore: Sendable {
    let database: any Database

    public init(database: any Database) { self.database = database }

    /// Financial years with any activity, latest first.
    public func financialYears() async throws -> [FinancialYear] {
        Self.financialYears(months: try await months())
    }

    /// The financial years of these months, latest first.
    public static func financialYears(months: [YearMonth]) -> [FinancialYear] {
        Set(months.map(FinancialYear.init(containing:))).sorted(by: >)
    }

    /// Which months of `financialYear` the activity data covers.
    public func coverage(of financialYear: FinancialYear) async throws -> ActivityCoverage {
        ActivityCoverage(financialYear: financialYear, monthsPresent: try await months())
    }

    /// Every contract year of `financialYear`, in contract order (the England view; an ICB's are those whose latest
    /// month counts for it, ``ContractMonth/icb``).
    public func contractYears(in financialYear: FinancialYear) async throws -> [ContractYear] {
        let range = financialYear.storedRange
        let rows = try await database.sql().raw(
            """
            \(unsafeRaw: Self.select)
            WHERE a.year_month BETWEEN \(bind: range.first) AND \(bind: range.last)
            ORDER BY a.contract_number, a.year_month
            """
        ).all()
        return ContractYear.all(from: try Self.contractMonths(rows), in: financialYear)
    }

    /// Whether the contract is in the data, and the ICB its latest month counts for (`nil` for a contract with no ICB,
    /// such as NHS England Health & Justice's): for scope checks.
    public func owner(of contract: ContractNumber) async throws -> (found: Bool, icb: ICBCode?) {
        let row = try await database.sql().raw(
            """
            \(unsafeRaw: Self.select)
            WHERE a.contract_number = \(bind: contract.rawValue) ORDER BY a.year_month DESC LIMIT 1
            """
        ).first()
        guard let row else { return (false, nil) }
        return (true, try Self.contractMonth(row).icb)
    }

    /// Every contract's months, by contract, oldest first: the early warning's back-test.
    public func allMonths() async throws -> [ContractNumber: [ContractMonth]] {
        let rows = try await database.sql().raw("\(unsafeRaw: Self.select) ORDER BY a.contract_number, a.year_month")
            .all()
        return Dictionary(grouping: try Self.contractMonths(rows), by: \.contract)
    }

    /// All months of one contract, oldest first (empty if the contract is unknown).
    public func months(of contract: ContractNumber) async throws -> [ContractMonth] {
        let rows = try await database.sql().raw(
            """
            \(unsafeRaw: Self.select) WHERE a.contract_number = \(bind: contract.rawValue) ORDER BY a.year_month
            """
        ).all()
        return try Self.contractMonths(rows)
    }

    /// The state of what ICBs record about dental contracts (variations, carry-forward opening balances): a value that
    /// changes whenever any of them does, for the history kept between requests.
    public func recordState() async throws -> String {
        let row = try await database.sql().raw(
            """
            SELECT (SELECT CAST(COUNT(*) AS BIGINT) FROM contract_variations) AS variations,
                   (SELECT MAX(recorded_at) FROM contract_variations) AS recorded,
                   (SELECT MAX(withdrawn_at) FROM contract_variations) AS withdrawn,
                   (SELECT CAST(COUNT(*) AS BIGINT) FROM dental_carry_forward) AS openings,
                   (SELECT MAX(recorded_at) FROM dental_carry_forward) AS opened
            """
        ).first()
        guard let row else { return "" }
        let r = RowReader(row: row, table: "contract_variations")
        return [
            String(try r.int("variations")), try r.optionalText("recorded") ?? "",
            try r.optionalText("withdrawn") ?? "",
            String(try r.int("openings")), try r.optionalText("opened") ?? "",
        ].joined(separator: "|")
    }

    /// The ICBs' records the history chains with: variations by contract, and opening balances by year, contract and
    /// the ICB that recorded them.
    public struct ChainRecords: Sendable {
        public var variations: [ContractNumber: [ContractVariation]]
        public var openings: [FinancialYear: [ContractNumber: [ICBCode: CarryForward]]]

        public static let none = ChainRecords(variations: [:], openings: [:])

        /// The contracts these records touch.
        public var contracts: Set<ContractNumber> {
            Set(variations.keys).union(openings.values.flatMap(\.keys))
        }
    }

    public func chainRecords() async throws -> ChainRecords {
        var openings: [FinancialYear: [ContractNumber: [ICBCode: CarryForward]]] = [:]
        for record in try await LocalRecordStore(database: database).records(.carryForwardOpenings, icb: nil) {
            guard let icb = record.icb, let opening = CarryForwardOpening(record.values) else { continue }
            openings[opening.financialYear, default: [:]][opening.contract, default: [:]][icb] = opening.balance
        }
        return ChainRecords(variations: try await VariationStore(database: database).all(), openings: openings)
    }

    /// Contracts' years chained from the first year with data to the latest (``DentalHistory``) with `records`: every
    /// contract's, read one year at a time so that only the outcomes, not the rows, are held; or only `contracts`'.
    public func history(records: ChainRecords, contracts only: Set<ContractNumber>? = nil) async throws -> DentalHistory
    {
        let months = try await months()
        var rows: [ContractMonth] = []
        if let only {
            for contract in only.sorted() { rows += try await self.months(of: contract) }
        }
        var history = DentalHistory()
        for year in Self.financialYears(months: months).reversed() {
            guard let profile = try? WorkingDayProfile(year) else { continue }
            history.add(
                only == nil ? try await contractYears(in: year) : ContractYear.all(from: rows, in: year),
                coverage: ActivityCoverage(financialYear: year, monthsPresent: months),
                variations: records.variations, openings: records.openings[year] ?? [:], profile: profile)
        }
        return history
    }

    /// Every month with activity, oldest first.
    public func months() async throws -> [YearMonth] {
        let rows = try await database.sql().raw("SELECT DISTINCT year_month FROM dental_activity ORDER BY year_month")
            .all()
        return try rows.map { try RowReader(row: $0, table: "dental_activity").yearMonth("year_month") }
    }

    /// SQL for the ICB a row of `dental_activity a` counts for, given `dental_contract_icb f` joined on the contract:
    /// its commissioner when an ICB, the contract's first ICB for an area team's row, else NULL.
    static let icbOfRow =
        "CASE WHEN a.commissioner_kind = 'icb' THEN a.commissioner_code WHEN a.commissioner_kind = 'area-team' THEN f.icb_code END"

    /// The activity columns, and the ICB an area team's row counts for (the contract's first ICB).
    static let select =
        "SELECT " + ContractMonth.layout.columns.map { "a.\($0)" }.joined(separator: ", ")
        + ", f.icb_code AS next_icb FROM dental_activity a LEFT JOIN dental_contract_icb f ON f.contract_number = a.contract_number"

    /// Rows to months, with the names that repeat month after month held once (ten years of rows hold each provider's
    /// name over a hundred times).
    static func contractMonths(_ rows: [any SQLRow]) throws -> [ContractMonth] {
        var names = TextInterning()
        return try rows.map { try contractMonth($0, names: &names) }
    }

    static func contractMonth(_ row: any SQLRow) throws -> ContractMonth {
        var names = TextInterning()
        return try contractMonth(row, names: &names)
    }

    static func contractMonth(_ row: any SQLRow, names: inout TextInterning) throws -> ContractMonth {
        let r = RowReader(row: row, table: "dental_activity")
        let udas: (String) throws -> UDAs? = { try r.optionalInt($0).map(UDAs.init(tenThousandths:)) }
        let kind = try r.text("commissioner_kind")
        guard let commissionerKind = CommissionerKind(rawValue: kind) else {
            throw StoreError.corruptValue(table: "dental_activity", column: "commissioner_kind", value: kind)
        }
        let commissioner: CommissionerCode = try r.code("commissioner_code")
        let nextICB: ICBCode? = commissionerKind == .areaTeam ? try r.optionalCode("next_icb") : nil
        return ContractMonth(
            month: try r.yearMonth("year_month"),
            contract: try r.code("contract_number"),
            commissioner: commissioner,
            commissionerName: names.intern(try r.text("commissioner_name")),
            commissionerKind: commissionerKind, icb: nextICB,
            providerName: names.intern(try r.text("provider_name")),
            postcode: try r.code("postcode"),
            lsoa2011: try r.optionalCode("lsoa11_code"),
            udaTarget: UDAs(tenThousandths: try r.int("uda_target_ten_thousandths")),
            udaContractValue: Money(pence: try r.int("uda_value_pence")),
            udasDelivered: try udas("udas_delivered_ten_thousandths"),
            lateFP17s: try r.optionalInt32("late_fp17s"),
            udasDeliveredByFoundationDentists: try udas("udas_delivered_fd_ten_thousandths"),
            courses: CoursesByBand(
                band1: try r.optionalInt32("band_1"), band2: try r.optionalInt32("band_2"),
                band2a: try r.optionalInt32("band_2a"),
                band2b: try r.optionalInt32("band_2b"),
                band2c: try r.optionalInt32("band_2c"), band3: try r.optionalInt32("band_3"),
                urgent: try r.optionalInt32("band_urgent"),
                other: try r.optionalInt32("band_other")),
            childrenSeen12Months: try r.optionalInt32("children_seen_12m"),
            adultsSeen24Months: try r.optionalInt32("adults_seen_24m"),
            generalDentalValue: try r.optionalInt("general_dental_value_pence").map(Money.init(pence:)))
    }
}

/// Equal strings read from many rows, held once.
struct TextInterning {
    private var seen: [String: String] = [:]

    mutating func intern(_ text: String) -> String {
        if let kept = seen[text] { return kept }
        seen[text] = text
        return text
    }
}
