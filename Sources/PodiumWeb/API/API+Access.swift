import Foundation
import PodiumCore
import Vapor

extension API {
    /// Scores in the service's unit, to 4 decimals (JSON has no NaN: an area with no site in reach has no `access`).
    static func score(_ value: Double) -> Double? {
        value.isFinite ? (value * 10_000).rounded() / 10_000 : nil
    }

    struct AccessSummaryDTO: Content {
        var population: Int
        var access: Double?
        var populationWithoutAccess: Int
        var ratioMostToLeastDeprived: Double?
        var deciles: [AccessDecileDTO]

        init(_ summary: AccessInequality, per: Double) {
            population = Int(summary.population)
            access = API.score(summary.meanAccess * per)
            populationWithoutAccess = Int(summary.populationWithoutAccess)
            ratioMostToLeastDeprived = summary.ratioMostToLeastDeprived.flatMap(API.score)
            deciles = summary.deciles.map {
                AccessDecileDTO(
                    decile: $0.decile, lsoas: $0.areas, population: Int($0.population),
                    access: API.score($0.meanAccess * per),
                    populationWithoutAccess: Int($0.populationWithoutAccess))
            }
        }
    }

    struct AccessDecileDTO: Content {
        var decile: Int
        var lsoas: Int
        var population: Int
        var access: Double?
        var populationWithoutAccess: Int
    }

    struct AccessAreaDTO: Content {
        var lsoa: String
        var name: String
        var population: Int
        var children: Int
        var imdDecile: Int
        var access: Double?
        var ofEngland: Double?
        var rankInICB: Int?
        var activity: Double?

        init(_ row: AccessAreaRow) {
            lsoa = row.area.code.rawValue
            name = row.area.name
            population = Int(row.people)
            children = row.area.children
            imdDecile = row.area.imdDecile
            access = API.score(row.access)
            ofEngland = API.score(row.ofEngland)
            rankInICB = row.rank
            activity = API.score(row.activity)
        }
    }

    struct AccessGapDTO: Content {
        var rank: Int
        var lsoa: String
        var need: [String]
        var accessPercentile: Double
        var activityPercentile: Double
        var shortfall: Double

        init(_ row: AccessGapRow) {
            rank = row.position
            lsoa = row.row.area.code.rawValue
            need =
                (row.entry.need.contains(.deprivation) ? ["deprivation"] : [])
                + (row.entry.need.contains(.children) ? ["children"] : [])
            accessPercentile = API.score(row.entry.accessPercentile) ?? 0
            activityPercentile = API.score(row.entry.activityPercentile) ?? 0
            shortfall = API.score(row.entry.shortfall) ?? 0
        }
    }

    struct ICBAccessDTO: Content {
        var icb: String
        var service: String
        var demand: String
        var unit: String
        var englandAccess: Double?
        var sites: Int
        var summary: AccessSummaryDTO
        var gaps: [AccessGapDTO]
        var areas: [AccessAreaDTO]
        var sources: [SourceDTO]
    }

    struct AccessChangeDTO: Content {
        var lsoa: String
        var icb: String?
        var population: Int
        var before: Double?
        var after: Double?
    }

    struct AccessWhatIfDTO: Content {
        var icb: String
        var service: String
        var demand: String
        var unit: String
        var change: String
        var populationLosingAllAccess: Int
        var populationGainingAccess: Int
        var before: AccessSummaryDTO
        var after: AccessSummaryDTO
        var changedAreas: [AccessChangeDTO]
    }

    static func access(_ access: ICBAccess.Model) -> ICBAccessDTO {
        let snapshot = access.snapshot
        let service = snapshot.service
        return ICBAccessDTO(
            icb: access.icb.code.rawValue, service: service.rawValue, demand: snapshot.model.demand.rawValue,
            unit: service.unit,
            englandAccess: score(snapshot.model.englandMean * service.per), sites: access.sites.count,
            summary: AccessSummaryDTO(access.inequality, per: service.per), gaps: access.gapRows.map(AccessGapDTO.init),
            areas: access.areaRows.map(AccessAreaDTO.init), sources: snapshot.sources.map(SourceDTO.init))
    }

    static func whatIf(_ result: WhatIf.Model.Outcome, access: ICBAccess.Model) -> AccessWhatIfDTO {
        let snapshot = access.snapshot
        let service = snapshot.service
        let what = result.result
        return AccessWhatIfDTO(
            icb: access.icb.code.rawValue, service: service.rawValue, demand: snapshot.model.demand.rawValue,
            unit: service.unit,
            change: result.description, populationLosingAllAccess: Int(what.populationLosingAllAccess),
            populationGainingAccess: Int(what.populationGainingAccess),
            before: AccessSummaryDTO(what.inequalityBefore, per: service.per),
            after: AccessSummaryDTO(what.inequalityAfter, per: service.per),
            changedAreas: result.changedRows.map {
                AccessChangeDTO(
                    lsoa: $0.area.code.rawValue, icb: $0.area.icb?.rawValue, population: Int($0.people),
                    before: score($0.access), after: score($0.after ?? .nan))
            })
    }
}
