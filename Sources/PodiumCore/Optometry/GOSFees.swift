/// One GOS contract's claims in a month.
public struct GOSClaims: Sendable, Hashable {
    public var sightTests: Int
    public var vouchers: Int
    public var repairs: Int
    public var domiciliaryTests: Int

    public init(sightTests: Int, vouchers: Int, repairs: Int, domiciliaryTests: Int) {
        self.sightTests = sightTests
        self.vouchers = vouchers
        self.repairs = repairs
        self.domiciliaryTests = domiciliaryTests
    }

    public static let none = GOSClaims(sightTests: 0, vouchers: 0, repairs: 0, domiciliaryTests: 0)

    /// NHS sight tests of both kinds: GOS1 at premises and GOS6 at home.
    public var allSightTests: Int { sightTests + domiciliaryTests }

    public static func + (lhs: GOSClaims, rhs: GOSClaims) -> GOSClaims {
        GOSClaims(
            sightTests: lhs.sightTests + rhs.sightTests, vouchers: lhs.vouchers + rhs.vouchers,
            repairs: lhs.repairs + rhs.repairs,
            domiciliaryTests: lhs.domiciliaryTests + rhs.domiciliaryTests)
    }
}

/// An estimated GOS payment, with what could not be priced.
public struct GOSPayment: Sendable, Hashable {
    public var sightTests: Money
    public var vouchers: Money?
    public var repairs: Money?
    public var domiciliaryVisits: Money?

    /// What is priced.
    public var total: Money { sightTests + (vouchers ?? .zero) + (repairs ?? .zero) + (domiciliaryVisits ?? .zero) }
    /// Items with claims but no value entered, in words, so a total is never mistaken for complete.
    public var unpriced: [String]
}

/// GOS fees by date (AOP, March 2024; College of Optometrists, December 2025).
///
/// The sight test fee is national: £23.14 from 1 April 2023 (derived: the 2024 fee less 39p), £23.53 from
/// 1 April 2024, £24.13 for 2025/26 (confirmed December 2025, backdated to 1 April 2025). The domiciliary visiting
/// fee, voucher values and repair values were not found: they are parameters with no default, and an estimate
/// says what it leaves out rather than guessing.
public struct GOSFeeSchedule: Sendable, Hashable {
    /// Average value of a GOS3 voucher (values vary by band A–H) [unconfirmed: enter the local figure].
    public var averageVoucher: Money?
    /// Average value of a GOS4 repair or replacement [unconfirmed].
    public var averageRepair: Money?
    /// Domiciliary visiting fee paid on a GOS6 sight test on top of the sight test fee [no published amount found].
    public var domiciliaryVisit: Money?

    public init(averageVoucher: Money? = nil, averageRepair: Money? = nil, domiciliaryVisit: Money? = nil) {
        self.averageVoucher = averageVoucher
        self.averageRepair = averageRepair
        self.domiciliaryVisit = domiciliaryVisit
    }

    /// The sight test fees in force, newest last: (from, fee).
    public static let sightTestFees: [(from: CalendarDate, fee: Money)] = [
        (CalendarDate(year: 2023, month: 4, day: 1)!, Money(pence: 2314)),
        (CalendarDate(year: 2024, month: 4, day: 1)!, Money(pence: 2353)),
        (CalendarDate(year: 2025, month: 4, day: 1)!, Money(pence: 2413)),
    ]

    /// The GOS1 sight test fee on `date`, or `nil` before the first fee Podium knows.
    public func sightTestFee(on date: CalendarDate) -> Money? {
        Self.sightTestFees.last { $0.from <= date }?.fee
    }

    /// The estimated payment for a month's claims, or `nil` when the month is before the fees Podium knows.
    public func payment(for claims: GOSClaims, in month: YearMonth) -> GOSPayment? {
        guard let fee = sightTestFee(on: month.firstDay) else { return nil }
        func priced(_ count: Int, _ value: Money?, _ name: String, into unpriced: inout [String]) -> Money? {
            guard count > 0 else { return .zero }
            guard let value else {
                unpriced.append("\(count) \(name)")
                return nil
            }
            return Money(pence: value.pence * Int64(count))
        }
        var unpriced: [String] = []
        return GOSPayment(
            sightTests: Money(pence: fee.pence * Int64(claims.allSightTests)),
            vouchers: priced(claims.vouchers, averageVoucher, "GOS3 vouchers", into: &unpriced),
            repairs: priced(claims.repairs, averageRepair, "GOS4 repairs", into: &unpriced),
            domiciliaryVisits: priced(claims.domiciliaryTests, domiciliaryVisit, "GOS6 visiting fees", into: &unpriced),
            unpriced: unpriced)
    }

    /// Claims per 100,000 residents, to one decimal place, as tenths (`239940` is 23,994.0); `nil` with no residents.
    public static func ratePer100k(_ count: Int, population: Int) -> Int64? {
        guard population > 0 else { return nil }
        let scaled = Int64(count) * 100_000 * 10
        return (scaled + Int64(population) / 2) / Int64(population)
    }
}
