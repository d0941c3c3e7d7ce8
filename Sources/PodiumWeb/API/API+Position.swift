import Foundation
import PodiumCore
import Vapor

extension API {
    /// A percentage to two decimals as a JSON number (`96.25`), `nil` when undefined.
    static func percent(_ proportion: Proportion) -> Decimal? {
        proportion.percent(decimals: 2).map { Decimal($0) / 100 }
    }

    struct NoteDTO: Content {
        var rule: String
        var explanation: String
        var source: String
        init(_ note: RuleNote) {
            rule = note.rule
            explanation = note.explanation
            source = note.source
        }
    }

    struct SettingsDTO: Content {
        var lowerTolerancePercent: Decimal
        var upperTolerancePercent: Decimal
        var foundationDentistUDAsCounted: Bool
        var overDeliveryPaidUpToPercent: Decimal?
        var overDeliveryMode: String?
        var rules: String

        init(_ settings: PositionSettings) {
            lowerTolerancePercent = Decimal(settings.rules.lowerTolerance.basisPoints) / 100
            upperTolerancePercent = Decimal(settings.rules.upperTolerance.basisPoints) / 100
            foundationDentistUDAsCounted = settings.countsFoundationDentistUDAs
            overDeliveryPaidUpToPercent = settings.rules.overDeliveryScheme.map {
                Decimal($0.payUpTo.basisPoints) / 100
            }
            overDeliveryMode = settings.rules.overDeliveryScheme.map {
                $0.mode == .payAboveCarryForward ? "above" : "instead"
            }
            rules = settings.rules.note
        }
    }

    struct TermsDTO: Content {
        var udaTarget: Decimal
        var contractValue: MoneyDTO
        init(_ terms: ContractTerms) {
            udaTarget = API.decimal(terms.target)
            contractValue = MoneyDTO(terms.value)
        }
    }

    struct MonthPositionDTO: Content {
        var month: String
        var data: String
        var delivered: Decimal?
        var workingDays: Int
        var expected: Decimal
        init(_ month: MonthPosition) {
            self.month = month.month.iso
            data =
                switch month.data {
                case .reported: "reported"
                case .missingFromSource: "missing-from-source"
                case .noRow: "no-row"
                }
            delivered = month.delivered.map(API.decimal)
            workingDays = month.workingDays
            expected = API.decimal(month.expected)
        }
    }

    struct CarryForwardDTO: Content {
        var shortfall: Decimal
        var credit: Decimal
        /// "none", "previous-year" or "opening-balance".
        var source: String
        var fromYear: String?
        init(_ carry: CarryForward) {
            shortfall = API.decimal(carry.shortfall)
            credit = API.decimal(carry.credit)
            switch carry.source {
            case .none: source = "none"
            case .previousYear(let year):
                source = "previous-year"
                fromYear = year.label
            case .openingBalance: source = "opening-balance"
            }
        }
    }

    struct MidYearDTO: Content {
        var udaTarget: Decimal
        var firstHalfDelivered: Decimal
        var shortfallBroughtForward: Decimal
        var creditBroughtForward: Decimal
        var adjustedDelivery: Decimal
        var percentOfTarget: Decimal?
        var flagged: Bool
        var complete: Bool
        var monthsWithData: Int
        var maximumWithholding: MoneyDTO
        init(_ review: MidYearReview) {
            udaTarget = API.decimal(review.target)
            firstHalfDelivered = API.decimal(review.firstHalfDelivered)
            shortfallBroughtForward = API.decimal(review.shortfallBroughtForward)
            creditBroughtForward = API.decimal(review.creditBroughtForward)
            adjustedDelivery = API.decimal(review.adjustedDelivery)
            percentOfTarget = API.percent(review.achievement)
            flagged = review.isFlagged
            complete = review.isComplete
            monthsWithData = review.monthsWithData
            maximumWithholding = MoneyDTO(review.maximumWithholding)
        }
    }

    struct YearEndDTO: Content {
        var adjustedDelivery: Decimal
        var percentOfTarget: Decimal?
        var outcome: String
        var band: String
        var clawback: MoneyDTO
        var breachNotice: Bool
        var shortfallCarriedForward: Decimal
        var creditCarriedForward: Decimal
        var paidOverDelivery: Decimal
        var overDeliveryPayment: MoneyDTO
        var unpaidOverDelivery: Decimal
        init(_ result: YearEndResult) {
            adjustedDelivery = API.decimal(result.adjustedDelivery)
            percentOfTarget = API.percent(result.achievement)
            outcome = result.outcome.rawValue
            band = result.band.rawValue
            clawback = MoneyDTO(result.clawback)
            breachNotice = result.breachNotice
            shortfallCarriedForward = API.decimal(result.shortfallCarriedForward)
            creditCarriedForward = API.decimal(result.creditCarriedForward)
            paidOverDelivery = API.decimal(result.paidOverDelivery)
            overDeliveryPayment = MoneyDTO(result.overDeliveryPayment)
            unpaidOverDelivery = API.decimal(result.unpaidOverDelivery)
        }
    }

    struct ProjectionDTO: Content {
        var basis: String
        var yearEndDelivery: Decimal
        var yearEnd: YearEndDTO
        init(_ projection: Projection) {
            basis = projection.basis
            yearEndDelivery = API.decimal(projection.yearEndDelivery)
            yearEnd = YearEndDTO(projection.result)
        }
    }

    struct ForecastDTO: Content {
        /// The learned forecast where there is one, else the year-to-date pace.
        var central: ProjectionDTO
        var pace: ProjectionDTO
        var recent: ProjectionDTO
        /// The 80 % interval's ends (10th and 90th percentiles), with the learned forecast only.
        var low: ProjectionDTO?
        var high: ProjectionDTO?
        var method: String
        var why: String?
        var learnedFrom: [String]?
        /// Points of target the learned forecast was corrected by (its band's median miss, from 100 % up).
        var adjustmentPoints: Double?
        var workingDaysReported: Int
        var workingDaysProjected: Int
        init(_ forecast: DeliveryForecast) {
            central = ProjectionDTO(forecast.central)
            pace = ProjectionDTO(forecast.pace)
            recent = ProjectionDTO(forecast.recent)
            low = forecast.intervalLow.map(ProjectionDTO.init)
            high = forecast.intervalHigh.map(ProjectionDTO.init)
            method = forecast.central.basis
            why = forecast.learned?.why
            learnedFrom = forecast.learned?.learnedFrom.map(\.label)
            adjustmentPoints = forecast.learned.map { ($0.adjustment * 100).rounded() / 100 }
            workingDaysReported = forecast.workingDaysReported
            workingDaysProjected = forecast.workingDaysProjected
        }
    }

    struct VariationDTO: Content {
        var id: String
        var kind: String
        var effective: String
        var udasHandedBack: Decimal?
        var valueHandedBack: MoneyDTO?
        var minimumUDAValue: MoneyDTO?
        var upliftMethod: String?
        var reason: String
        var recordedBy: String
        var recordedAt: String
        var withdrawnBy: String?
        var withdrawnAt: String?
        var withdrawnReason: String?
        init(_ variation: ContractVariation) {
            id = variation.record.id
            kind = variation.change.kind
            effective = variation.effective.iso
            switch variation.change {
            case .handBack(let udas, let value):
                udasHandedBack = API.decimal(udas)
                valueHandedBack = MoneyDTO(value)
            case .minimumUDAValue(let minimum, let method):
                minimumUDAValue = MoneyDTO(minimum)
                upliftMethod = method.rawValue
            case .termination:
                break
            }
            reason = variation.record.reason
            recordedBy = variation.record.recordedBy
            recordedAt = variation.record.recordedAt
            withdrawnBy = variation.record.withdrawal?.by
            withdrawnAt = variation.record.withdrawal?.at
            withdrawnReason = variation.record.withdrawal?.reason
        }
    }

    struct ContractPositionDTO: Content {
        var contractNumber: String
        var providerName: String
        var commissionerCode: String
        var financialYear: String
        var inLatestData: Bool
        var lastSeen: String
        var settings: SettingsDTO
        var baseTerms: TermsDTO
        var effectiveTerms: TermsDTO
        var deliveredToDate: Decimal
        var expectedForReportedMonths: Decimal
        var againstProfilePercent: Decimal?
        var months: [MonthPositionDTO]
        var midYear: MidYearDTO?
        var notReviewedAtMidYear: String?
        var broughtForward: CarryForwardDTO
        /// "final", "estimate" (a pandemic year) or "projected".
        var yearEnd: String
        var forecast: ForecastDTO?
        var variations: [VariationDTO]
        var spc: SPCMeasureDTO
        var notes: [NoteDTO]
    }

    static func contractPosition(_ position: ContractPosition, variations: [ContractVariation], delivery: SPCMeasure)
        -> ContractPositionDTO
    {
        ContractPositionDTO(
            contractNumber: position.contract.rawValue, providerName: position.latest.providerName,
            commissionerCode: position.latest.commissioner.rawValue, financialYear: position.financialYear.label,
            inLatestData: position.status == .current, lastSeen: position.latest.month.iso,
            settings: SettingsDTO(position.settings),
            baseTerms: TermsDTO(position.terms.base), effectiveTerms: TermsDTO(position.terms.effective),
            deliveredToDate: API.decimal(position.deliveredToDate),
            expectedForReportedMonths: API.decimal(position.expectedForReportedMonths),
            againstProfilePercent: API.percent(position.againstProfile),
            months: position.months.map(MonthPositionDTO.init),
            midYear: position.midYear.map(MidYearDTO.init), notReviewedAtMidYear: position.notReviewedAtMidYear,
            broughtForward: CarryForwardDTO(position.broughtForward),
            yearEnd: YearEndStatus(isFinal: position.isFinal, rules: position.settings.rules).rawValue,
            forecast: position.forecast.map(ForecastDTO.init),
            variations: variations.map(VariationDTO.init), spc: SPCMeasureDTO(delivery),
            notes: position.notes.map(NoteDTO.init))
    }

    /// One contract's line in an ICB's position.
    struct ContractPositionSummaryDTO: Content {
        var contractNumber: String
        var providerName: String
        var udaTarget: Decimal
        var deliveredToDate: Decimal
        var againstProfilePercent: Decimal?
        var midYearPercent: Decimal?
        var midYearFlagged: Bool
        var inLatestData: Bool
        var projected: YearEndDTO?
        var projectedRangePercent: [Decimal]?
        var url: String
        init(_ position: ContractPosition) {
            contractNumber = position.contract.rawValue
            providerName = position.latest.providerName
            udaTarget = API.decimal(position.terms.effective.target)
            deliveredToDate = API.decimal(position.deliveredToDate)
            againstProfilePercent = API.percent(position.againstProfile)
            midYearPercent = position.midYear.flatMap { API.percent($0.achievement) }
            midYearFlagged = position.midYear?.isFlagged ?? false
            inLatestData = position.status == .current
            projected = position.projected.map(YearEndDTO.init)
            projectedRangePercent = position.forecast.map {
                [$0.low, $0.high].compactMap { API.percent($0.result.achievement) }
            }
            url = APIRoute.contractPosition.fill([position.contract.rawValue])
        }
    }

    struct PortfolioDTO: Content {
        var contracts: Int
        var notInLatestData: Int
        var leftDuringYear: Int
        /// "final", "estimate" (a pandemic year) or "projected".
        var yearEnd: String
        var udaTarget: Decimal
        var deliveredToDate: Decimal
        var againstProfilePercent: Decimal?
        var flaggedAtMidYear: Int
        var projectedClawback: MoneyDTO
        /// The year-to-date pace's clawback, for comparison, and the 80 % interval of ``projectedClawback``.
        var projectedClawbackAtPace: MoneyDTO
        var projectedClawbackLow: MoneyDTO?
        var projectedClawbackHigh: MoneyDTO?
        var projectedClawbackAtHigherPace: MoneyDTO
        var projectedClawbackAtLowerPace: MoneyDTO
        var projectedUnderspend: MoneyDTO
        var valueReleasedByVariations: MoneyDTO
        var projectedOverDeliveryPayments: MoneyDTO
        var bands: [String: Int]
        init(_ portfolio: PortfolioPosition) {
            contracts = portfolio.contracts.count
            notInLatestData = portfolio.notInLatestData
            leftDuringYear = portfolio.leftDuringYear
            yearEnd = portfolio.yearEndStatus.rawValue
            udaTarget = API.decimal(portfolio.target)
            deliveredToDate = API.decimal(portfolio.deliveredToDate)
            againstProfilePercent = API.percent(portfolio.againstProfile)
            flaggedAtMidYear = portfolio.flaggedCount
            projectedClawback = MoneyDTO(portfolio.projectedClawback)
            projectedClawbackAtPace = MoneyDTO(portfolio.projectedClawbackAtPace)
            projectedClawbackLow = portfolio.clawbackInterval.map { MoneyDTO($0.low) }
            projectedClawbackHigh = portfolio.clawbackInterval.map { MoneyDTO($0.high) }
            let range = portfolio.projectedClawbackRange
            projectedClawbackAtHigherPace = MoneyDTO(range.atHigherPace)
            projectedClawbackAtLowerPace = MoneyDTO(range.atLowerPace)
            projectedUnderspend = MoneyDTO(portfolio.projectedUnderspend)
            valueReleasedByVariations = MoneyDTO(portfolio.valueReleasedByVariations)
            projectedOverDeliveryPayments = MoneyDTO(portfolio.projectedOverDeliveryPayments)
            bands = Dictionary(uniqueKeysWithValues: portfolio.bands.map { ($0.key.rawValue, $0.value) })
        }
    }

    struct TrendDTO: Content {
        var month: String
        var delivered: Decimal?
        var expected: Decimal
        init(_ month: PortfolioPosition.Month) {
            self.month = month.month.iso
            delivered = month.delivered.map(API.decimal)
            expected = API.decimal(month.expected)
        }
    }

    /// One financial year of an ICB's contracts or England's.
    struct YearSummaryDTO: Content {
        var financialYear: String
        var months: Int
        var yearEnd: String
        var contracts: Int
        var contractedUDAs: Decimal
        var deliveredUDAs: Decimal
        var deliveredPercent: Decimal?
        var clawback: MoneyDTO
        var flaggedAtMidYear: Int
        var contractsEnded: Int
        var udasLost: Decimal
        var udasRecommissioned: Decimal
        var adultsSeenPerThousand: Decimal?
        var childrenSeenPerThousand: Decimal?
        var population: String?
        init(_ summary: DentalYearSummary, trends: DentalTrends) {
            financialYear = summary.financialYear.label
            months = summary.coverage.monthsPresent.count
            yearEnd =
                YearEndStatus(
                    isFinal: summary.isFinal, rules: ReconciliationRulesTable.rules(for: summary.financialYear)
                ).rawValue
            contracts = summary.contracts
            contractedUDAs = API.decimal(summary.contracted)
            deliveredUDAs = API.decimal(summary.delivered)
            deliveredPercent = API.percent(summary.percentDelivered)
            clawback = MoneyDTO(summary.clawback)
            flaggedAtMidYear = summary.flaggedAtMidYear
            contractsEnded = summary.ended.count
            udasLost = API.decimal(summary.udasLost)
            udasRecommissioned = API.decimal(summary.udasRecommissioned)
            let population = trends.population(for: summary.financialYear)
            self.population = population?.source
            adultsSeenPerThousand = population.flatMap {
                ResidentPopulation.perThousand(summary.adultsSeen24Months, of: $0.adults)
            }.map { Decimal(string: String(format: "%.1f", $0)) ?? 0 }
            childrenSeenPerThousand = population.flatMap {
                ResidentPopulation.perThousand(summary.childrenSeen12Months, of: $0.children)
            }.map { Decimal(string: String(format: "%.1f", $0)) ?? 0 }
        }
    }

    struct ICBPositionDTO: Content {
        var icb: String
        var financialYear: String
        var latestDataMonth: String?
        var years: [YearSummaryDTO]
        var coverage: CoverageDTO
        var settings: SettingsDTO
        var totals: PortfolioDTO
        var trend: [TrendDTO]
        var spc: [SPCMeasureDTO]
        var funnelOutliers: [String]
        var paging: PageInfoDTO
        var contracts: [ContractPositionSummaryDTO]
    }

    struct ICBPortfolioDTO: Content {
        var odsCode: String
        var name: String
        var totals: PortfolioDTO
        var url: String
    }

    struct EnglandPositionDTO: Content {
        var financialYear: String
        var latestDataMonth: String?
        var years: [YearSummaryDTO]
        var coverage: CoverageDTO
        var settings: SettingsDTO
        var england: PortfolioDTO
        var icbs: [ICBPortfolioDTO]
    }
}

extension API.Controller {
    @Sendable func contractPosition(req: Request) async throws -> API.ContractPositionDTO {
        let number = try req.code("contract", as: ContractNumber.self, notFound: .contractNotFound)
        let model = try await ContractShow.Model.query(
            req.queryContext, contract: number, choices: try req.queryValues(PositionChoices.self))
        return API.contractPosition(model.position, variations: model.variations, delivery: model.delivery)
    }

    @Sendable func icbPosition(req: Request) async throws -> API.ICBPositionDTO {
        let code = try req.icbCode()
        let model = try await DentalPosition.Model.query(
            req.queryContext, icb: code, choices: try req.queryValues(PositionChoices.self))
        let page = try Self.page(
            PositionTables.positions(model.portfolio.contracts, threshold: model.settings.midYearThreshold),
            try ListParameters.from(req))
        return API.ICBPositionDTO(
            icb: code.rawValue, financialYear: model.portfolio.financialYear.label,
            latestDataMonth: model.yearChoice.latestMonth?.iso,
            years: model.trends.summaries.map { API.YearSummaryDTO($0, trends: model.trends) },
            coverage: API.CoverageDTO(model.coverage),
            settings: API.SettingsDTO(model.settings), totals: API.PortfolioDTO(model.portfolio),
            trend: model.portfolio.trend.map(API.TrendDTO.init), spc: model.measures.map(API.SPCMeasureDTO.init),
            funnelOutliers: model.funnel.outliers.map(\.input.id), paging: API.PageInfoDTO(page),
            contracts: page.items.map(API.ContractPositionSummaryDTO.init))
    }

    @Sendable func englandPosition(req: Request) async throws -> API.EnglandPositionDTO {
        let model = try await EnglandDentalPosition.Model.query(
            req.queryContext, choices: try req.queryValues(PositionChoices.self), scope: req.scope)
        return API.EnglandPositionDTO(
            financialYear: model.england.financialYear.label, latestDataMonth: model.yearChoice.latestMonth?.iso,
            years: model.trends.summaries.map { API.YearSummaryDTO($0, trends: model.trends) },
            coverage: API.CoverageDTO(model.coverage),
            settings: API.SettingsDTO(model.settings), england: API.PortfolioDTO(model.england),
            icbs: model.rows.map {
                API.ICBPortfolioDTO(
                    odsCode: $0.icb.code.rawValue, name: $0.icb.name, totals: API.PortfolioDTO($0.portfolio),
                    url: APIRoute.icbDentalPosition.fill([$0.icb.code.rawValue]))
            })
    }
}
