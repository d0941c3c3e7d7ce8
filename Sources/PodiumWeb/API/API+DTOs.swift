import Foundation
import PodiumCore
import PodiumData
import Vapor

/// The versioned JSON API (`/api/v1`). DTOs are explicit and stable; records never leave the store.
/// Money is integer pence plus a formatted string; UDAs are exact decimals.
public enum API {
    struct MoneyDTO: Content, Equatable {
        var pence: Int64
        var formatted: String
        init(_ money: Money) {
            pence = money.pence
            formatted = money.formatted
        }
    }

    static func decimal(_ udas: UDAs) -> Decimal { Decimal(udas.tenThousandths) / 10_000 }
    static func decimal(_ value: FixedDecimal) -> Decimal {
        var result = Decimal(value.scaled)
        for _ in 0..<value.scale { result /= 10 }
        return result
    }

    struct FiguresDTO: Content {
        var population: Int
        var dentalContracts: Int
        var contractedUDAs: Decimal
        var contractedValue: MoneyDTO
        var udasPerThousandResidents: Decimal?
        var pharmacies: Int
        var dentalPractices: Int
        var imdAverageRank: Decimal?
        var imdRankOfAverageRank: Int?

        init(_ figures: ICBFigures) {
            population = figures.population
            dentalContracts = figures.dentalContracts
            contractedUDAs = API.decimal(figures.contractedUDAs)
            contractedValue = MoneyDTO(figures.contractedValue)
            udasPerThousandResidents = figures.udasPerThousandResidents.map(API.decimal)
            pharmacies = figures.pharmacies
            dentalPractices = figures.dentalPractices
            imdAverageRank = figures.imdAverageRank.map(API.decimal)
            imdRankOfAverageRank = figures.imdRankOfAverageRank
        }
    }

    struct SourceDTO: Content {
        var dataset: String
        var title: String
        var publisher: String
        var coverage: String
        var detail: String?
        var provisional: Bool
        var fileName: String?
        var importedAt: String?

        init(_ note: SourceNote) {
            dataset = note.dataset.rawValue
            title = note.dataset.title
            publisher = note.dataset.publisher
            coverage = note.dataset.coverage
            detail = note.detail
            provisional = note.dataset.isProvisional
            fileName = note.record?.fileName
            importedAt = note.record.map { ImportStore.timestamp.format($0.importedAt) }
        }
    }

    struct ICBSummaryDTO: Content {
        var odsCode: String
        var onsCode: String
        var name: String
        var figures: FiguresDTO
        var url: String
        var htmlURL: String

        init(_ row: Home.Model.Row) {
            odsCode = row.icb.code.rawValue
            onsCode = row.icb.onsCode.rawValue
            name = row.icb.name
            figures = FiguresDTO(row.figures)
            url = APIRoute.icbPath(row.icb.code)
            htmlURL = PodiumRoute.icb(row.icb.code).path
        }
    }

    struct ICBListDTO: Content {
        var financialYear: String?
        var icbs: [ICBSummaryDTO]
        var england: FiguresDTO
        var sources: [SourceDTO]
    }

    struct SubICBLocationDTO: Content {
        var odsCode: String
        var onsCode: String
        var name: String
        var lsoas: Int
        var population: Int
        var mostDeprivedLSOAs: Int

        init(_ row: SubICBLocationFigures) {
            odsCode = row.location.code.rawValue
            onsCode = row.location.onsCode.rawValue
            name = row.location.name
            lsoas = row.lsoas
            population = row.population
            mostDeprivedLSOAs = row.mostDeprivedLSOAs
        }
    }

    struct ICBDetailDTO: Content {
        var odsCode: String
        var onsCode: String
        var onsCode2022: String
        var name: String
        var financialYear: String?
        var figures: FiguresDTO
        var subICBLocations: [SubICBLocationDTO]
        var sources: [SourceDTO]
    }

    struct CoverageDTO: Content {
        var financialYear: String
        var months: [String]
        var missingMonths: [String]

        init(_ coverage: ActivityCoverage) {
            financialYear = coverage.financialYear.label
            months = coverage.monthsPresent.map(\.iso)
            missingMonths = coverage.gaps.map(\.iso)
        }
    }

    struct ContractSummaryDTO: Content {
        var contractNumber: String
        var providerName: String
        var commissionerCode: String
        var postcode: String
        var lsoa2011: String?
        var financialYear: String
        var latestMonth: String
        var udaTarget: Decimal
        var contractValue: MoneyDTO
        var udaValue: MoneyDTO?
        var udasDeliveredToDate: Decimal
        var deliveredPercentOfTarget: Decimal?
        var foundationDentistUDAsToDate: Decimal
        var lateFP17sToDate: Int
        var adultsSeen24Months: Int?
        var childrenSeen12Months: Int?
        var url: String

        init(_ year: ContractYear) {
            let latest = year.latest
            contractNumber = year.contract.rawValue
            providerName = latest.providerName
            commissionerCode = latest.commissioner.rawValue
            postcode = latest.postcode.display
            lsoa2011 = latest.lsoa2011?.rawValue
            financialYear = year.financialYear.label
            latestMonth = latest.month.iso
            udaTarget = API.decimal(year.udaTarget)
            contractValue = MoneyDTO(year.contractValue)
            udaValue = year.udaValue.perUDA.map(MoneyDTO.init)
            udasDeliveredToDate = API.decimal(year.udasDeliveredToDate)
            deliveredPercentOfTarget = year.deliveryToDate.tenthsOfPercent.map { Decimal($0) / 10 }
            foundationDentistUDAsToDate = API.decimal(year.foundationDentistUDAsToDate)
            lateFP17sToDate = year.lateFP17sToDate
            adultsSeen24Months = year.adultsSeen24Months
            childrenSeen12Months = year.childrenSeen12Months
            url = APIRoute.dentalContractPath(year.contract)
        }
    }

    struct PageInfoDTO: Content {
        var page: Int
        var perPage: Int
        var pageCount: Int
        var matching: Int
        var total: Int

        init<Item>(_ page: ListPage<Item>) {
            self.page = page.request.page
            perPage = page.request.perPage
            pageCount = page.pageCount
            matching = page.matching
            total = page.total
        }
    }

    struct ContractPageDTO: Content {
        var icb: String
        var financialYear: String?
        var coverage: CoverageDTO?
        var paging: PageInfoDTO
        var items: [ContractSummaryDTO]
        var sources: [SourceDTO]
    }

    struct CoursesDTO: Content {
        var band1: Int?
        /// All band 2 courses: published as one count before April 2023, 2a + 2b + 2c after.
        var band2: Int?
        var band2a: Int?
        var band2b: Int?
        var band2c: Int?
        var band3: Int?
        var urgent: Int?
        var other: Int?
        var total: Int?

        init(_ courses: CoursesByBand) {
            band1 = courses.band1
            band2 = courses.band2
            band2a = courses.band2a
            band2b = courses.band2b
            band2c = courses.band2c
            band3 = courses.band3
            urgent = courses.urgent
            other = courses.other
            total = courses.total
        }
    }

    struct ContractMonthDTO: Content {
        var month: String
        var commissionerCode: String
        var udaTarget: Decimal
        var contractValue: MoneyDTO
        var udasDelivered: Decimal?
        var udasDeliveredByFoundationDentists: Decimal?
        var lateFP17s: Int?
        var courses: CoursesDTO
        var childrenSeen12Months: Int?
        var adultsSeen24Months: Int?
        var generalDentalValue: MoneyDTO?

        init(_ month: ContractMonth) {
            self.month = month.month.iso
            commissionerCode = month.commissioner.rawValue
            udaTarget = API.decimal(month.udaTarget)
            contractValue = MoneyDTO(month.udaContractValue)
            udasDelivered = month.udasDelivered.map(API.decimal)
            udasDeliveredByFoundationDentists = month.udasDeliveredByFoundationDentists.map(API.decimal)
            lateFP17s = month.lateFP17s
            courses = CoursesDTO(month.courses)
            childrenSeen12Months = month.childrenSeen12Months
            adultsSeen24Months = month.adultsSeen24Months
            generalDentalValue = month.generalDentalValue.map(MoneyDTO.init)
        }
    }

    struct ContractChangeDTO: Content {
        var month: String
        var previousMonth: String
        var udaTargetBefore: Decimal
        var udaTargetAfter: Decimal
        var contractValueBefore: MoneyDTO
        var contractValueAfter: MoneyDTO
        var commissionerBefore: String
        var commissionerAfter: String

        init(_ change: ContractChange) {
            month = change.month.iso
            previousMonth = change.previousMonth.iso
            udaTargetBefore = API.decimal(change.targetBefore)
            udaTargetAfter = API.decimal(change.targetAfter)
            contractValueBefore = MoneyDTO(change.valueBefore)
            contractValueAfter = MoneyDTO(change.valueAfter)
            commissionerBefore = change.commissionerBefore.rawValue
            commissionerAfter = change.commissionerAfter.rawValue
        }
    }

    struct ContractDetailDTO: Content {
        var contractNumber: String
        var providerName: String
        var commissionerCode: String
        var commissionerName: String
        /// "icb", "area-team", "health-and-justice" or "other".
        var commissionerKind: String
        /// The ICB the contract counts for in its latest month (none for Health & Justice's).
        var icb: String?
        var years: [ContractYearDTO]
        var summary: ContractSummaryDTO
        var coverage: CoverageDTO
        var months: [ContractMonthDTO]
        var changes: [ContractChangeDTO]
        var sources: [SourceDTO]
    }

    /// One financial year of a contract: who commissioned it, its target, value and delivery, and the year end.
    struct ContractYearDTO: Content {
        var financialYear: String
        var commissionerCode: String
        var commissionerKind: String
        var icb: String?
        var firstMonth: String
        var lastMonth: String
        var udaTarget: Decimal
        var contractValue: MoneyDTO
        var deliveredUDAs: Decimal
        var broughtForward: CarryForwardDTO
        var yearEnd: String?
        var result: YearEndDTO?
        init(_ outcome: ContractYearOutcome) {
            financialYear = outcome.financialYear.label
            commissionerCode = outcome.commissioner.rawValue
            commissionerKind = outcome.commissionerKind.rawValue
            icb = outcome.icb?.rawValue
            firstMonth = outcome.firstMonth.iso
            lastMonth = outcome.lastMonth.iso
            udaTarget = API.decimal(outcome.target)
            contractValue = MoneyDTO(outcome.value)
            deliveredUDAs = API.decimal(outcome.delivered)
            broughtForward = CarryForwardDTO(outcome.broughtForward)
            yearEnd = outcome.result.map { YearEndStatus(isFinal: outcome.isFinal, rules: $0.rules).rawValue }
            result = outcome.result.map(YearEndDTO.init)
        }
    }

    struct LocationDTO: Content {
        var easting: Double
        var northing: Double
        var latitude: Double
        var longitude: Double
        var quality: Int
    }

    struct OrganisationDTO: Content {
        var odsCode: String
        var name: String
        var addressLines: [String]
        var postcode: String
        var status: String
        var subType: String
        var subTypeLabel: String
        var parentCode: String?
        var openDate: String?
        var closeDate: String?
        var location: LocationDTO?

        init<Kind>(_ site: Sited<Kind>, subTypeLabel: String) {
            let organisation = site.organisation
            odsCode = organisation.code.rawValue
            name = organisation.name
            addressLines = organisation.addressLines
            postcode = organisation.postcode.display
            status = organisation.status.label
            subType = organisation.subType
            self.subTypeLabel = subTypeLabel
            parentCode = organisation.parentCode
            openDate = organisation.openDate?.iso
            closeDate = organisation.closeDate?.iso
            location = site.location.flatMap { location in
                location.hasCoordinates
                    ? LocationDTO(
                        easting: location.grid.easting, northing: location.grid.northing,
                        latitude: location.position.latitude,
                        longitude: location.position.longitude, quality: location.quality)
                    : nil
            }
        }
    }

    struct OrganisationPageDTO: Content {
        var icb: String
        var paging: PageInfoDTO
        var items: [OrganisationDTO]
        var sources: [SourceDTO]
    }

    struct ErrorDTO: Content {
        struct Body: Content {
            var code: String
            var message: String
        }
        var error: Body
    }
}
