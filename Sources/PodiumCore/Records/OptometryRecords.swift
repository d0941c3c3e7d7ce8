/// The optometry templates' records, typed (see ``LocalRecord``).

/// A General Ophthalmic Services contract held by the ICB (``RecordTemplate/gosContracts``).
public struct GOSContract: LocalRecord, Hashable {
    public static let template = RecordTemplate.gosContracts

    public var number: String
    public var kind: GOSContractKind
    public var contractor: String
    public var premises: String
    public var premisesPostcode: Postcode
    public var start: CalendarDate
    /// When it ended or ends; `nil` while it is open (GOS contracts are open-ended).
    public var end: CalendarDate?

    /// Whether the contract's recorded end date falls from `today` to `months` calendar months after it, inclusive:
    /// the contracts a commissioner must decide on soon (recommission, vary or let end). Open-ended contracts never do.
    public func endsWithin(months: Int, of today: CalendarDate) -> Bool {
        guard let end else { return false }
        return today <= end && end <= today.adding(months: months)
    }

    public init?(_ values: FieldValues) {
        guard let number = values.text("contract_number"), let kind = values.text("kind").flatMap(GOSContractKind.init),
            let postcode = values.text("premises_postcode").flatMap(Postcode.init),
            let start = values.date("start_date")
        else { return nil }
        self.number = number
        self.kind = kind
        contractor = values.text("contractor") ?? ""
        premises = values.text("premises") ?? ""
        premisesPostcode = postcode
        self.start = start
        end = values.date("end_date")
    }
}

/// A GOS contract's claims in a month (``RecordTemplate/gosActivity``).
public struct GOSActivityReturn: LocalRecord, Hashable {
    public static let template = RecordTemplate.gosActivity

    public var contract: String
    public var month: YearMonth
    public var claims: GOSClaims

    public init?(_ values: FieldValues) {
        guard let contract = values.text("contract_number"), let month = values.month("month") else { return nil }
        self.contract = contract
        self.month = month
        claims = GOSClaims(
            sightTests: values.count("gos1_sight_tests"), vouchers: values.count("gos3_vouchers"),
            repairs: values.count("gos4_repairs"),
            domiciliaryTests: values.count("gos6_domiciliary_tests"))
    }
}

/// An eye service the ICB commissions beyond GOS (``RecordTemplate/eyeServices``).
public struct EyeService: LocalRecord, Hashable {
    public static let template = RecordTemplate.eyeServices

    public var code: String
    public var name: String
    public var kind: EyeServiceKind
    public var specification: String
    public var feePerEpisode: Money
    public var start: CalendarDate
    public var end: CalendarDate?
    /// The GOS contracts that deliver it.
    public var contracts: [String]

    public init?(_ values: FieldValues) {
        guard let code = values.text("service_code"), let kind = values.text("kind").flatMap(EyeServiceKind.init),
            let fee = values.money("fee_per_episode"), let start = values.date("start_date")
        else { return nil }
        self.code = code
        name = values.text("name") ?? ""
        self.kind = kind
        specification = values.text("specification") ?? ""
        feePerEpisode = fee
        self.start = start
        end = values.date("end_date")
        contracts = (values.text("contracts") ?? "").split(separator: " ").map(String.init)
    }
}
