import PodiumCore
import PodiumData

/// The ICB's GOS contracts whose recorded end date falls within the next six months: the ones a commissioner must
/// decide on soon (recommission the service, vary the contract, or let it end and tell patients where to go).
enum ContractsEnding {
    struct Model: Sendable {
        var icb: ICB
        var today: CalendarDate
        /// The contracts ending in the window, soonest first.
        var ending: [Entry]
        /// Every GOS contract on the ICB's register, for the page's count.
        var contracts: ICBRecords

        struct Entry: Sendable {
            var contract: GOSContract
            /// The day it ends (always recorded for a contract in the window).
            var end: CalendarDate
            /// Days from today to the end date.
            var daysLeft: Int
            var isExample: Bool
        }

        /// How far ahead the page looks.
        static let months = 6

        /// The last day of the window.
        var until: CalendarDate { today.adding(months: Self.months) }

        static func query(_ context: QueryContext, icb code: ICBCode) async throws -> Model {
            let icb = try await context.openData.requireICB(code)
            let contracts = try await ICBRecords.query(context, .gosContracts, icb: code)
            let ending = contracts.typed(GOSContract.self)
                .filter { $0.item.endsWithin(months: months, of: context.today) }
                .compactMap { contract, stored in
                    contract.end.map {
                        Entry(
                            contract: contract, end: $0, daysLeft: context.today.days(to: $0),
                            isExample: stored.isExample)
                    }
                }
                .sorted { ($0.end, $0.contract.number) < ($1.end, $1.contract.number) }
            return Model(icb: icb, today: context.today, ending: ending, contracts: contracts)
        }
    }
}
