/// Courses of treatment (FP17 forms) in a month by treatment band. These are counts of forms, not UDAs
/// (NHSBSA `BAND_*_DELIVERED`, English Contractor Monthly General Dental Activity). `nil` means the month's file
/// reported nothing.
///
/// Band 2 was published as one count (`BAND_2_DELIVERED`) until March 2023 and split into 2a, 2b and 2c from April
/// 2023, when the bands were split (NHS England, dental contract reform, 2022): before then 2a/2b/2c are "not
/// published" (`nil`), never zero, and ``band2`` is the published total.
public struct CoursesByBand: Sendable, Hashable, Codable {
    public var band1: Int?
    /// `BAND_2_DELIVERED`, as published before April 2023; `nil` from April 2023 (see ``band2``).
    public var band2Published: Int?
    public var band2a: Int?
    public var band2b: Int?
    public var band2c: Int?
    public var band3: Int?
    public var urgent: Int?
    /// Prescription only, repairs, arrest of bleeding, removal of sutures.
    public var other: Int?

    public init(
        band1: Int?, band2: Int? = nil, band2a: Int?, band2b: Int?, band2c: Int?, band3: Int?, urgent: Int?,
        other: Int?
    ) {
        self.band1 = band1
        self.band2Published = band2
        self.band2a = band2a
        self.band2b = band2b
        self.band2c = band2c
        self.band3 = band3
        self.urgent = urgent
        self.other = other
    }

    /// Band 2 courses: the published count before April 2023, 2a + 2b + 2c after; `nil` if none was reported.
    public var band2: Int? {
        if let band2Published { return band2Published }
        let parts = [band2a, band2b, band2c].compactMap { $0 }
        return parts.isEmpty ? nil : parts.reduce(0, +)
    }

    /// All courses reported, or `nil` if no band was reported.
    public var total: Int? {
        let values = [band1, band2, band3, urgent, other].compactMap { $0 }
        return values.isEmpty ? nil : values.reduce(0, +)
    }
}

/// One contract's row in one month of NHSBSA "English Contractor Monthly General Dental Activity".
///
/// Blank cells in the source mean "no activity reported" and stay `nil` here, distinct from a reported 0.
public struct ContractMonth: Sendable, Hashable, Codable {
    public var month: YearMonth
    public var contract: ContractNumber
    /// `COMMISSIONER_CODE` as published: an ICB, an NHS England area team, Health & Justice or another commissioner.
    public var commissioner: CommissionerCode
    public var commissionerName: String
    /// What kind of commissioner ``commissioner`` is, judged against the ICB register when the row was imported.
    public var commissionerKind: CommissionerKind
    /// The ICB the row counts for: its commissioner when that is an ICB; in the area-team years, the ICB that
    /// commissioned the contract next (the ICBs inherited the area teams' contracts); `nil` for Health & Justice and
    /// other commissioners, and for area-team rows of contracts that ended before any ICB commissioned them.
    public var icb: ICBCode?
    public var providerName: String
    /// Principal practice correspondence address postcode (not necessarily where treatment happens).
    public var postcode: Postcode
    /// 2011 LSOA of that address.
    public var lsoa2011: LSOACode?
    /// `UDA_PERF_TARGET`: contracted UDAs for the whole year, as entered on CoMPASS that month.
    public var udaTarget: UDAs
    /// `UDA_FIN_VAL`: the financial value of that target.
    public var udaContractValue: Money
    /// `UDA_DELIVERED`: UDAs scheduled in the month, excluding foundation dentists.
    public var udasDelivered: UDAs?
    /// `LATE_SUBMITTED_FP17`: forms received more than 62 days after completion.
    public var lateFP17s: Int?
    /// `UDA_DELIVERED_FD`: UDAs delivered by foundation dentists, reported separately.
    public var udasDeliveredByFoundationDentists: UDAs?
    public var courses: CoursesByBand
    /// `CHILD_12M_COUNT`: distinct children seen in the 12 months to this month.
    public var childrenSeen12Months: Int?
    /// `ADULT_24M_COUNT`: distinct adults seen in the 24 months to this month.
    public var adultsSeen24Months: Int?
    /// `GENERAL_DENTAL_FIN_VALUE`: value of the whole high-street general dental service line.
    public var generalDentalValue: Money?

    public init(
        month: YearMonth, contract: ContractNumber, commissioner: CommissionerCode, commissionerName: String,
        commissionerKind: CommissionerKind = .icb, icb: ICBCode? = nil, providerName: String,
        postcode: Postcode, lsoa2011: LSOACode?, udaTarget: UDAs, udaContractValue: Money, udasDelivered: UDAs?,
        lateFP17s: Int?, udasDeliveredByFoundationDentists: UDAs?, courses: CoursesByBand, childrenSeen12Months: Int?,
        adultsSeen24Months: Int?, generalDentalValue: Money?
    ) {
        self.month = month
        self.contract = contract
        self.commissioner = commissioner
        self.commissionerName = commissionerName
        self.commissionerKind = commissionerKind
        self.icb = icb ?? (commissionerKind == .icb ? ICBCode(commissioner.rawValue) : nil)
        self.providerName = providerName
        self.postcode = postcode
        self.lsoa2011 = lsoa2011
        self.udaTarget = udaTarget
        self.udaContractValue = udaContractValue
        self.udasDelivered = udasDelivered
        self.lateFP17s = lateFP17s
        self.udasDeliveredByFoundationDentists = udasDeliveredByFoundationDentists
        self.courses = courses
        self.childrenSeen12Months = childrenSeen12Months
        self.adultsSeen24Months = adultsSeen24Months
        self.generalDentalValue = generalDentalValue
    }

    public var udaValue: UDAValue { UDAValue(contractValue: udaContractValue, target: udaTarget) }
}
