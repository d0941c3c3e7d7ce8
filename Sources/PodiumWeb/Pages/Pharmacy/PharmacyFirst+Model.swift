import PodiumCore
import PodiumData

/// Pharmacy First consultations for England and each NHS England region, read through SPC, with a fee calculator.
enum PharmacyFirstEngland {
    struct Model: Sendable {
        var counts: [PharmacyFirstCount]
        var areas: [SPCMeasure]
        var conditions: [SPCMeasure]
        var sources: [SourceNote]
        var calculator: FeeCalculator

        /// Total consultations per area and month, months in order.
        var monthlyTotals: [Month] {
            let months = Set(counts.map(\.month)).sorted()
            let names = areas.map(\.name)
            return months.map { month in
                let rows = counts.filter { $0.month == month }
                return Month(
                    month: month,
                    totals: names.map { area in rows.filter { $0.area == area }.reduce(0) { $0 + $1.consultations } })
            }
        }

        /// One month's consultations in each area (in the order of ``areas``).
        struct Month: Sendable {
            var month: YearMonth
            var totals: [Int]
        }

        static func query(_ context: QueryContext, calculator: FeeCalculator = .workedExampleF) async throws -> Model {
            let counts = try await PharmacyFirstStore(database: context.database).counts()
            let measures = SPCMeasures.pharmacyFirst(counts)
            return Model(
                counts: counts, areas: measures.areas, conditions: measures.conditions,
                sources: try await context.openData.notes([.pharmacyFirstEngland, .pharmacyFirstRegions], year: nil),
                calculator: calculator)
        }
    }
}

/// The fee calculator's question: a month's volumes for a number of pharmacies.
struct FeeCalculator: Sendable {
    var month: YearMonth
    var volumes: PharmacyFirstVolumes
    var registered: Bool
    var pharmacies: Int

    var income: PharmacyFirstIncome {
        PharmacyFirstFeeSchedule.standard.income(volumes, in: month, registered: registered)
    }
    /// Consultation and urgent-supply fees, per pharmacy.
    var fees: Money { income.consultationFees + income.urgentSupplyFees }
    /// The fixed-payment bands in force in the calculator's month, lowest first.
    var fixedPaymentBands: [(minimum: Int, payment: Money)] {
        PharmacyFirstFeeSchedule.standard.fixedPaymentBands(in: month)
    }
    /// The total for every pharmacy.
    var totalForAll: Money { Money(pence: income.total.pence * Int64(pharmacies)) }

    /// A worked example: June 2025, 26 clinical pathways, 40 minor illness, 12 urgent supplies, registered (£1,802).
    static let workedExampleF = FeeCalculator(
        month: YearMonth(year: 2025, month: 6)!,
        volumes: PharmacyFirstVolumes(clinicalPathways: 26, minorIllness: 40, urgentSupply: 12),
        registered: true, pharmacies: 1)

    /// The calculator's form as posted: `?month=&pathways=&minor=&urgent=&registered=&pharmacies=`.
    struct Query: Codable, Sendable {
        var month: String?
        var pathways: String?
        var minor: String?
        var urgent: String?
        var registered: String?
        var pharmacies: String?
    }

    /// Reads the form; what is not given keeps the worked example's value.
    init(_ query: Query) throws {
        let preset = Self.workedExampleF
        func count(_ name: String, _ text: String?, _ fallback: Int) throws -> Int {
            guard let text, !text.isEmpty else { return fallback }
            guard let value = Int(text), (0...100_000).contains(value) else {
                throw WebError.invalid("\(name) must be a whole number from 0 to 100,000.")
            }
            return value
        }
        guard let month = query.month.map({ YearMonth($0) }) ?? preset.month else {
            throw WebError.invalid("month must be a month such as 2025-06.")
        }
        self.init(
            month: month,
            volumes: PharmacyFirstVolumes(
                clinicalPathways: try count("pathways", query.pathways, preset.volumes.clinicalPathways),
                minorIllness: try count("minor", query.minor, preset.volumes.minorIllness),
                urgentSupply: try count("urgent", query.urgent, preset.volumes.urgentSupply)),
            registered: query.registered != "no",
            pharmacies: max(1, try count("pharmacies", query.pharmacies, preset.pharmacies)))
    }

    init(month: YearMonth, volumes: PharmacyFirstVolumes, registered: Bool, pharmacies: Int) {
        self.month = month
        self.volumes = volumes
        self.registered = registered
        self.pharmacies = pharmacies
    }
}

/// Pharmacy First per pharmacy for an ICB, with the income the national fees would pay.
enum PharmacyFirstByPharmacy {
    struct Model: Sendable {
        var register: PharmacyRegister
        var activity: ICBRecords
        var rows: [PharmacyFirstIncomeRow]
        var months: [YearMonth]

        var latestMonth: YearMonth? { months.last }
        var latestRows: [PharmacyFirstIncomeRow] { rows.filter { $0.month == latestMonth } }
        var pharmaciesWithActivity: Int { Set(rows.map(\.pharmacy)).count }
        var totalIncome: Money { rows.map(\.income.total).sum() }

        static func query(_ context: QueryContext, icb code: ICBCode) async throws -> Model {
            let register = try await PharmacyRegister.query(context, icb: code)
            let activity = try await ICBRecords.query(context, .pharmacyFirstActivity, icb: code)
            let rows = PharmacyFirstIncomeRow.rows(activity, names: register.names)
            return Model(register: register, activity: activity, rows: rows, months: Set(rows.map(\.month)).sorted())
        }
    }
}
