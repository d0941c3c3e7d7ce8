import Foundation
import PodiumCore
import PodiumData

/// GOS contracts, activity returns with estimated payments and rates, and locally commissioned eye services.
enum Optometry {
    struct Model: Sendable {
        var icb: ICB
        var contracts: ICBRecords
        var activity: ICBRecords
        var services: ICBRecords
        var population: Int
        var fees: GOSFeeSchedule
        var monthly: [Month]
        var sightTests: SPCMeasure?
        var sources: [SourceNote]

        /// An ICB's GOS claims in a month and their estimated payment.
        struct Month: Sendable {
            var month: YearMonth
            var claims: GOSClaims
            var payment: GOSPayment?
            /// NHS sight tests per 100,000 residents, in tenths.
            var ratePer100k: Int64?
        }

        /// Claims over the latest twelve months with returns.
        var latestYear: GOSClaims { monthly.suffix(12).reduce(GOSClaims.none) { $0 + $1.claims } }
        /// The latest twelve months' NHS sight tests per 100,000 residents, in tenths.
        var latestYearRatePer100k: Int64? {
            GOSFeeSchedule.ratePer100k(latestYear.allSightTests, population: population)
        }
        /// The fee for a sight test in 2025/26.
        var sightTestFee2025: Money? { fees.sightTestFee(on: FinancialYear(startYear: 2025).firstDay) }

        static func query(_ context: QueryContext, icb code: ICBCode, fees: GOSFeeSchedule) async throws -> Model {
            let icb = try await context.openData.requireICB(code)
            let activity = try await ICBRecords.query(context, .gosActivity, icb: code)
            var byMonth: [YearMonth: GOSClaims] = [:]
            for entry in activity.items(GOSActivityReturn.self) {
                byMonth[entry.month, default: .none] = byMonth[entry.month, default: .none] + entry.claims
            }
            let population = try await context.openData.figures(financialYear: nil)[code]?.population ?? 0
            let monthly = byMonth.sorted { $0.key < $1.key }.map { month, claims in
                Month(
                    month: month, claims: claims, payment: fees.payment(for: claims, in: month),
                    ratePer100k: GOSFeeSchedule.ratePer100k(claims.allSightTests, population: population))
            }
            let measure =
                monthly.count < 2
                ? nil
                : SPCMeasure(
                    id: "sight-tests", name: "NHS sight tests a month", unit: "GOS1 and GOS6 claims",
                    chart: XmRChart(
                        months: monthly.map { ($0.month, Double($0.claims.allSightTests)) }, direction: .increase),
                    decimals: 0)
            return Model(
                icb: icb, contracts: try await ICBRecords.query(context, .gosContracts, icb: code), activity: activity,
                services: try await ICBRecords.query(context, .eyeServices, icb: code), population: population,
                fees: fees, monthly: monthly,
                sightTests: measure, sources: try await context.openData.notes([.population2021], year: nil))
        }
    }

    /// The fees a reader enters to price vouchers, repairs and visits: `?voucher=39.10&repair=&visit=`.
    struct FeesQuery: Codable, Sendable {
        var voucher: String?
        var repair: String?
        var visit: String?

        func schedule() throws -> GOSFeeSchedule {
            func pounds(_ name: String, _ text: String?) throws -> Money? {
                guard let text, !text.isEmpty else { return nil }
                guard let money = try? Money(pounds: text.replacingOccurrences(of: "£", with: "")), money.pence >= 0
                else {
                    throw WebError.invalid("\(name) must be an amount in pounds, such as 39.10.")
                }
                return money
            }
            return GOSFeeSchedule(
                averageVoucher: try pounds("voucher", voucher), averageRepair: try pounds("repair", repair),
                domiciliaryVisit: try pounds("visit", visit))
        }
    }
}
