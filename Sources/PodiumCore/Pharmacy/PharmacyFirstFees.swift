/// One pharmacy's Pharmacy First consultations in one month (NHSBSA KA-28839).
public struct PharmacyFirstVolumes: Sendable, Hashable {
    public var clinicalPathways: Int
    public var minorIllness: Int
    public var urgentSupply: Int

    public init(clinicalPathways: Int, minorIllness: Int, urgentSupply: Int) {
        self.clinicalPathways = clinicalPathways
        self.minorIllness = minorIllness
        self.urgentSupply = urgentSupply
    }

    public var total: Int { clinicalPathways + minorIllness + urgentSupply }
}

/// What the national Pharmacy First fees pay a pharmacy for a month's volumes.
public struct PharmacyFirstIncome: Sendable, Hashable {
    public var month: YearMonth
    /// Clinical pathway and minor illness consultations at their fee.
    public var consultationFees: Money
    /// Urgent medicine supplies at their fee.
    public var urgentSupplyFees: Money
    /// The monthly fixed payment earned, if any.
    public var fixedPayment: Money
    /// Consultations beyond the monthly cap, unpaid.
    public var consultationsOverCap: Int
    /// Why the fixed payment is or is not paid, in words.
    public var fixedPaymentReason: String

    public var total: Money { consultationFees + urgentSupplyFees + fixedPayment }
}

/// The Pharmacy First fee schedule by month (NHSBSA KA-28839; CPCF 2024/25 and 2025/26 letter).
///
/// Fees: £15 per consultation from February 2024; from April 2025 clinical pathway and minor illness £17, urgent
/// supply stays £15. Monthly fixed payment £1,000 once the clinical-pathway threshold is met (Feb 2024 1, Mar 5,
/// Apr 5, May–Jul 10, Aug–Sep 20, from Oct 2024 30); from June 2025 banded £500 for 20–29 and £1,000 for 30 or
/// more, paid only to pharmacies registered for the Contraception and Hypertension Case-Finding services.
public struct PharmacyFirstFeeSchedule: Sendable, Hashable {
    /// The threshold of April and May 2025, between the October 2024 rule and the June 2025 bands.
    /// The published sources give the bands "from June 2025" only; carrying the 30-consultation rule over is [unconfirmed].
    public var aprilMay2025Threshold: Int
    /// Paid consultations per pharmacy per month from April 2024 (the later caps based on delivery are not modelled).
    public var monthlyCap: Int

    public init(aprilMay2025Threshold: Int = 30, monthlyCap: Int = 3000) {
        self.aprilMay2025Threshold = aprilMay2025Threshold
        self.monthlyCap = monthlyCap
    }

    public static let standard = PharmacyFirstFeeSchedule()

    public static let launch = YearMonth(year: 2024, month: 2)!
    static let april2024 = YearMonth(year: 2024, month: 4)!
    static let october2024 = YearMonth(year: 2024, month: 10)!
    static let april2025 = YearMonth(year: 2025, month: 4)!
    static let june2025 = YearMonth(year: 2025, month: 6)!

    /// Fee for a clinical pathway or minor illness consultation completed in `month`; zero before the launch.
    public func consultationFee(in month: YearMonth) -> Money {
        month < Self.launch ? .zero : Money(pence: month < Self.april2025 ? 1500 : 1700)
    }

    /// Fee for an urgent medicine supply completed in `month`; zero before the launch.
    public func urgentSupplyFee(in month: YearMonth) -> Money { month < Self.launch ? .zero : Money(pence: 1500) }

    /// The fixed-payment bands of `month`, lowest first: (minimum clinical pathway consultations, payment).
    public func fixedPaymentBands(in month: YearMonth) -> [(minimum: Int, payment: Money)] {
        guard month >= Self.launch else { return [] }
        let thousand = Money(pence: 100_000)
        if month >= Self.june2025 { return [(20, Money(pence: 50_000)), (30, thousand)] }
        if month >= Self.april2025 { return [(aprilMay2025Threshold, thousand)] }
        if month >= Self.october2024 { return [(30, thousand)] }
        let thresholds = [2: 1, 3: 5, 4: 5, 5: 10, 6: 10, 7: 10, 8: 20, 9: 20]
        return [(thresholds[month.month] ?? 30, thousand)]
    }

    /// The income for a month's volumes. `registered` says whether the pharmacy is registered for PCS and HCFS,
    /// a condition of the fixed payment from June 2025.
    public func income(_ volumes: PharmacyFirstVolumes, in month: YearMonth, registered: Bool) -> PharmacyFirstIncome {
        // The cap counts every consultation; urgent supplies are paid first only because their fee is lower —
        // the order does not change a month under the cap, which is every month in the published data.
        let cap = month >= Self.april2024 ? monthlyCap : Int.max
        let over = max(0, volumes.total - cap)
        let feeCounted = max(0, volumes.clinicalPathways + volumes.minorIllness - over)
        let urgentCounted = volumes.urgentSupply - max(0, over - (volumes.clinicalPathways + volumes.minorIllness))
        let bands = fixedPaymentBands(in: month)
        let earned = bands.last { volumes.clinicalPathways >= $0.minimum }
        var fixed = earned?.payment ?? .zero
        var reason: String
        if bands.isEmpty {
            reason = "Pharmacy First started on 31 January 2024"
        } else if let earned {
            reason =
                "\(volumes.clinicalPathways) clinical pathway consultations meet the threshold of \(earned.minimum)"
        } else {
            reason =
                "\(volumes.clinicalPathways) clinical pathway consultations are under the threshold of \(bands[0].minimum)"
        }
        if month >= Self.june2025, earned != nil, !registered {
            fixed = .zero
            reason =
                "not paid: the pharmacy is not registered for the Contraception and Hypertension Case-Finding services"
        }
        return PharmacyFirstIncome(
            month: month, consultationFees: Money(pence: consultationFee(in: month).pence * Int64(feeCounted)),
            urgentSupplyFees: Money(pence: urgentSupplyFee(in: month).pence * Int64(max(0, urgentCounted))),
            fixedPayment: fixed,
            consultationsOverCap: over, fixedPaymentReason: reason)
    }
}
