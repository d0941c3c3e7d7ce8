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

    /// Every contract year for contracts the ICB commissions in their latest month of `financialYear`.
    public func contractYears(commissionedBy icb: ICBCode, in financialYear: FinancialYear) async throws
        -> [ContractYear]
    {
        let range = financialYear.storedRange
        let rows = try await database.sql().raw(
            """
            SELECT \(unsafeRaw: Self.columnList("a")) FROM dental_activity a
            WHERE a.year_month BETWEEN \(bind: range.first) AND \(bind: range.last)
              AND a.contract_number IN (
                SELECT x.contract_number FROM dental_activity x
                JOIN (SELECT contract_number, MAX(year_month) AS latest FROM dental_activity
                      WHERE year_month BETWEEN \(bind: range.first) AND \(bind: range.last) GROUP BY contract_number) l
                  ON l.contract_number = x.contract_number AND l.latest = x.year_month
                WHERE x.commissioner_code = \(bind: icb.rawValue))
            ORDER BY a.contract_number, a.year_month
            """
        ).all()
        return ContractYear.all(from: try rows.map(Self.contractMonth), in: financialYear)
    }

    /// Every contract year of `financialYear`, in contract order (the England view).
    public func contractYears(in financialYear: FinancialYear) async throws -> [ContractYear] {
        let range = financialYear.storedRange
        let rows = try await database.sql().raw(
            """
            SELECT \(unsafeRaw: Self.columnList("a")) FROM dental_activity a
            WHERE a.year_month BETWEEN \(bind: range.first) AND \(bind: range.last)
            ORDER BY a.contract_number, a.year_month
            """
        ).all()
        return ContractYear.all(from: try rows.map(Self.contractMonth), in: financialYear)
    }

    /// The ICB commissioning the contract in its latest month: `.none` when the contract is unknown (for scope checks).
    public func commissioner(of contract: ContractNumber) async throws -> ICBCode? {
        let row = try await database.sql().raw(
            """
            SELECT commissioner_code FROM dental_activity WHERE contract_number = \(bind: contract.rawValue)
            ORDER BY year_month DESC LIMIT 1
            """
        ).first()
        return try row.map {
            try RowReader(row: $0, table: "dental_activity").code("commissioner_code", as: ICBCode.self)
        }
    }

    /// Every contract's months (all years), by contract then month: the early warning's history.
    public func allMonths(commissionedBy icb: ICBCode? = nil) async throws -> [ContractNumber: [ContractMonth]] {
        var filter: SQLQueryString = "1 = 1"
        if let icb {
            // Every month of each contract the ICB has commissioned in any month (a contract keeps its history when it moves).
            filter =
                "a.contract_number IN (SELECT contract_number FROM dental_activity WHERE commissioner_code = \(bind: icb.rawValue))"
        }
        let rows = try await database.sql().raw(
            """
            SELECT \(unsafeRaw: Self.columnList("a")) FROM dental_activity a WHERE \(filter) ORDER BY a.contract_number, a.year_month
            """
        ).all()
        return Dictionary(grouping: try rows.map(Self.contractMonth), by: \.contract)
    }

    /// All months of one contract, oldest first (empty if the contract is unknown).
    public func months(of contract: ContractNumber) async throws -> [ContractMonth] {
        let rows = try await database.sql().raw(
            """
            SELECT \(unsafeRaw: Self.columnList("a")) FROM dental_activity a
            WHERE a.contract_number = \(bind: contract.rawValue) ORDER BY a.year_month
            """
        ).all()
        return try rows.map(Self.contractMonth)
    }

    /// Every month with activity, oldest first.
    public func months() async throws -> [YearMonth] {
        let rows = try await database.sql().raw("SELECT DISTINCT year_month FROM dental_activity ORDER BY year_month")
            .all()
        return try rows.map { try RowReader(row: $0, table: "dental_activity").yearMonth("year_month") }
    }

    static func columnList(_ alias: String) -> String {
        ContractMonth.layout.columns.map { "\(alias).\($0)" }.joined(separator: ", ")
    }

    static func contractMonth(_ row: any SQLRow) throws -> ContractMonth {
        let r = RowReader(row: row, table: "dental_activity")
        let udas: (String) throws -> UDAs? = { try r.optionalInt($0).map(UDAs.init(tenThousandths:)) }
        return ContractMonth(
            month: try r.yearMonth("year_month"),
            contract: try r.code("contract_number"),
            commissioner: try r.code("commissioner_code"),
            commissionerName: try r.text("commissioner_name"),
            providerName: try r.text("provider_name"),
            postcode: try r.code("postcode"),
            lsoa2011: try r.optionalCode("lsoa11_code"),
            udaTarget: UDAs(tenThousandths: try r.int("uda_target_ten_thousandths")),
            udaContractValue: Money(pence: try r.int("uda_value_pence")),
            udasDelivered: try udas("udas_delivered_ten_thousandths"),
            lateFP17s: try r.optionalInt32("late_fp17s"),
            udasDeliveredByFoundationDentists: try udas("udas_delivered_fd_ten_thousandths"),
            courses: CoursesByBand(
                band1: try r.optionalInt32("band_1"), band2a: try r.optionalInt32("band_2a"),
                band2b: try r.optionalInt32("band_2b"),
                band2c: try r.optionalInt32("band_2c"), band3: try r.optionalInt32("band_3"),
                urgent: try r.optionalInt32("band_urgent"),
                other: try r.optionalInt32("band_other")),
            childrenSeen12Months: try r.optionalInt32("children_seen_12m"),
            adultsSeen24Months: try r.optionalInt32("adults_seen_24m"),
            generalDentalValue: try r.optionalInt("general_dental_value_pence").map(Money.init(pence:)))
    }
}
