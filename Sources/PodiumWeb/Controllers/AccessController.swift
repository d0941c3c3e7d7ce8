import FluentKit
import Foundation
import PodiumCore
import PodiumData
import Vapor

/// Need and access pages: England, an ICB's map and gap list, and what-ifs.
struct AccessController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.englandAccessTemplate.components, use: england).openData()
        routes.get(PodiumRoute.accessTemplate.components, use: icb).openData()
        routes.get(PodiumRoute.accessWhatIfTemplate.components, use: whatIf).openData()
    }

    @Sendable func england(req: Request) async throws -> Response {
        let choices = try AccessChoices.from(req)
        let (service, demand) = try choices.resolved()
        let parameters = try ListParameters.from(req)
        let workbench = req.workbench
        let snapshot = try await workbench.accessSnapshot(service, demand: demand, cache: req.application.accessModels)
        let model = snapshot.model
        let gapsByICB = Dictionary(grouping: model.gaps) { model.areas[$0.area].icb }
        let rows = try await GeographyStore(database: req.db).icbs().map { icb in
            let gaps = gapsByICB[icb.code] ?? []
            return AccessICBRow(
                icb: icb, summary: model.inequality(of: model.areas(in: icb.code)), gaps: gaps.count,
                gapPopulation: gaps.reduce(0) { $0 + model.population[$1.area] }, per: service.per)
        }
        let table = Tables.accessICBs(rows, service: service)
        let england = model.inequality()
        let deciles = Tables.accessDeciles(AccessViews.decileRows(england, england: england, per: service.per), service: service)
        if parameters.wantsCSV {
            let name = "england-\(service.rawValue)-access-\(parameters.table ?? table.id).csv"
            switch parameters.table ?? table.id {
            case table.id: return Responses.csv(table.csv(ListRequest()), fileName: name)
            case deciles.id: return Responses.csv(deciles.csv(ListRequest()), fileName: name)
            default: throw WebError.badRequest(code: "invalid_parameter", message: "table must be \(table.id) or \(deciles.id).")
            }
        }
        return Responses.html(EnglandAccessPage.render(snapshot, choices: choices, table: table, deciles: deciles, context: req.page))
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let choices = try AccessChoices.from(req)
        let (service, demand) = try choices.resolved()
        let parameters = try ListParameters.from(req)
        let access = try await req.workbench.access(of: code, service: service, demand: demand, cache: req.application.accessModels)
        let tables = Self.tables(access, choices: choices)
        let request = try parameters.pageRequest(for: tables.areas)
        if parameters.wantsCSV {
            let name = "\(code)-\(service.rawValue)-access-\(parameters.table ?? tables.areas.id).csv"
            switch parameters.table ?? tables.areas.id {
            case tables.areas.id: return Responses.csv(tables.areas.csv(request), fileName: name)
            case tables.gaps.id: return Responses.csv(tables.gaps.csv(ListRequest()), fileName: name)
            case tables.deciles.id: return Responses.csv(tables.deciles.csv(ListRequest()), fileName: name)
            case tables.sites.id: return Responses.csv(tables.sites.csv(ListRequest()), fileName: name)
            default:
                throw WebError.badRequest(
                    code: "invalid_parameter", message: "table must be \([tables.areas.id, tables.gaps.id, tables.deciles.id, tables.sites.id].joined(separator: ", ")).")
            }
        }
        let links = ListLinks(path: PodiumRoute.access(code).path, request: request, extra: choices.queryItems)
        return Responses.html(ICBAccessPage.render(access, choices: choices, tables: tables, page: tables.areas.page(request), links: links, context: req.page))
    }

    @Sendable func whatIf(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let choices = try AccessChoices.from(req)
        let (service, demand) = try choices.resolved()
        let form = try WhatIfForm.from(req)
        let parameters = try ListParameters.from(req)
        let workbench = req.workbench
        let access = try await workbench.access(of: code, service: service, demand: demand, cache: req.application.accessModels)
        let result = try await workbench.accessWhatIf(on: access, form: form)
        let changes = result.map { Self.changes($0) }
        let deciles = result.map { result in
            Tables.accessDeciles(
                AccessViews.decileRows(result.result.inequalityBefore, england: access.england, after: result.result.inequalityAfter, per: service.per),
                service: service, whatIf: true)
        }
        if parameters.wantsCSV {
            guard let changes, let deciles else {
                throw WebError.badRequest(code: "invalid_parameter", message: "Choose a change first: the CSV is of its result.")
            }
            let name = "\(code)-\(service.rawValue)-what-if-\(parameters.table ?? changes.id).csv"
            switch parameters.table ?? changes.id {
            case changes.id: return Responses.csv(changes.csv(ListRequest()), fileName: name)
            case deciles.id: return Responses.csv(deciles.csv(ListRequest()), fileName: name)
            default: throw WebError.badRequest(code: "invalid_parameter", message: "table must be \(changes.id) or \(deciles.id).")
            }
        }
        return Responses.html(AccessWhatIfPage.render(
            access, choices: choices, form: form, result: result, changes: changes, deciles: deciles, context: req.page))
    }

    static func tables(_ access: ICBAccess, choices: AccessChoices) -> ICBAccessPage.Tables {
        let snapshot = access.snapshot, service = snapshot.service, demand = snapshot.model.demand
        let rows = Dictionary(uniqueKeysWithValues: access.areas.map { ($0, snapshot.row($0, rank: access.ranks[$0])) })
        let whatIf = PodiumRoute.accessWhatIf(access.icb.code).path
        return ICBAccessPage.Tables(
            areas: Tables.accessAreas(access.areas.compactMap { rows[$0] }, service: service, demand: demand),
            gaps: Tables.accessGaps(
                access.gaps.enumerated().compactMap { position, entry in rows[entry.area].map { AccessGapRow(position: position + 1, entry: entry, row: $0) } },
                service: service, demand: demand),
            deciles: Tables.accessDeciles(AccessViews.decileRows(access.inequality, england: access.england, per: service.per), service: service),
            sites: Tables.accessSites(access.sites.map { snapshot.model.sites[$0] }, service: service) { site in
                ListLinks.href(whatIf, choices.queryItems + [URLQueryItem(name: "change", value: "close"), URLQueryItem(name: "site", value: site.id)]) + "#result"
            })
    }

    /// The areas whose score changed, largest fall first.
    static func changes(_ result: ICBAccessWhatIf) -> Table<AccessAreaRow> {
        let snapshot = result.access.snapshot
        let rows = result.result.changedAreas.map { snapshot.row($0, after: result.result.after) }
        func change(_ row: AccessAreaRow) -> Double {
            (row.after.map { $0.isNaN ? 0 : $0 } ?? 0) - (row.access.isNaN ? 0 : row.access)
        }
        return Tables.accessChanges(
            rows.sorted { (change($0), $0.area.code.rawValue) < (change($1), $1.area.code.rawValue) }, service: snapshot.service, demand: snapshot.model.demand)
    }
}
