import FluentKit
import Foundation
import PodiumCore
import PodiumData
import Vapor

/// Dental contract management pages: a contract's position and variations, the ICB dashboard, England.
struct DentalController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.dentalContractTemplate.components, use: contract)
        routes.post(PodiumRoute.recordVariationTemplate.components, use: recordVariation)
        routes.post(PodiumRoute.withdrawVariationTemplate.components, use: withdrawVariation)
        routes.get(PodiumRoute.dentalPositionTemplate.components, use: icb)
        routes.get(PodiumRoute.englandDentalPositionTemplate.components, use: england)
    }

    @Sendable func contract(req: Request) async throws -> Response {
        let number = try req.code("contract", as: ContractNumber.self, notFound: "contract_not_found")
        let item = try await req.workbench.position(of: number, choices: try PositionChoices.from(req))
        let tables = Self.tables(item)
        let parameters = try ListParameters.from(req)
        let warning = try await req.workbench.dentalWarning(of: number, today: req.clock.today)
        if parameters.wantsCSV {
            let name = "dental-contract-\(number)-\(parameters.table ?? tables.months.id).csv"
            switch parameters.table ?? tables.months.id {
            case "warning-signals":
                return Responses.csv(warning.map { EarlyWarningPages.breakdownTable($0).csv(ListRequest()) } ?? "", fileName: name)
            case tables.months.id: return Responses.csv(tables.months.csv(ListRequest()), fileName: name)
            case tables.changes.id: return Responses.csv(tables.changes.csv(ListRequest()), fileName: name)
            case tables.variations.id: return Responses.csv(tables.variations.csv(ListRequest()), fileName: name)
            case "forecast" where tables.forecast != nil: return Responses.csv(tables.forecast?.csv(ListRequest()) ?? "", fileName: name)
            case tables.spc.id: return Responses.csv(tables.spc.csv(ListRequest()), fileName: name)
            default:
                throw WebError.badRequest(code: "invalid_parameter", message: "table must be months, changes, variations, forecast, warning-signals or \(tables.spc.id).")
            }
        }
        return Responses.html(ContractPage.render(item, tables: tables, form: VariationFormState(), warning: warning, context: req.page))
    }

    /// Records a variation; on a problem, shows the page again with the form as typed and what is wrong.
    @Sendable func recordVariation(req: Request) async throws -> Response {
        let number = try req.code("contract", as: ContractNumber.self, notFound: "contract_not_found")
        let form = (try? req.content.decode(VariationForm.self)) ?? .empty
        let workbench = req.workbench
        let item = try await workbench.position(of: number, choices: PositionChoices())
        switch VariationEntry.parse(form, contract: number, id: UUID().uuidString, recordedBy: req.recorder, now: req.clock.isoMilliseconds) {
        case .failure(let problems):
            return rejected(req, item, form: VariationFormState(values: form, errors: problems.messages))
        case .success(let variation):
            // Refuse what cannot apply (a hand-back larger than the contract, an uplift not needed) now, not at year end.
            let timeline = ContractTermsTimeline(
                financialYear: item.position.financialYear, base: item.position.terms.base, variations: item.variations + [variation])
            if let problem = timeline.rejected.first(where: { $0.variation.record.id == variation.record.id }) {
                return rejected(req, item, form: VariationFormState(values: form, errors: [problem.error.description]))
            }
            try await VariationStore(database: req.db).record(variation)
            req.logger.notice("variation recorded", metadata: ["contract": "\(number)", "kind": "\(variation.change.kind)", "by": "\(variation.record.recordedBy)"])
            return req.redirect(to: PodiumRoute.dentalContract(number).path + "#variations", redirectType: .normal)
        }
    }

    @Sendable func withdrawVariation(req: Request) async throws -> Response {
        let number = try req.code("contract", as: ContractNumber.self, notFound: "contract_not_found")
        let id = req.parameters.get("variation") ?? ""
        let by = req.recorder
        let reason = ((try? req.content.get(String.self, at: "reason")) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty, reason.count <= VariationEntry.maximumTextLength else {
            let item = try await req.workbench.position(of: number, choices: PositionChoices())
            return rejected(req, item, form: VariationFormState(errors: ["To withdraw a variation, say why (up to \(VariationEntry.maximumTextLength) characters)."]))
        }
        let withdrawal = VariationRecord.Withdrawal(by: by, at: req.clock.isoMilliseconds, reason: reason)
        guard try await VariationStore(database: req.db).withdraw(id: id, contract: number, withdrawal: withdrawal) else {
            throw WebError.notFound(code: "variation_not_found", message: "No variation in force with that identifier on contract \(number).")
        }
        req.logger.notice("variation withdrawn", metadata: ["contract": "\(number)", "id": "\(id)", "by": "\(by)"])
        return req.redirect(to: PodiumRoute.dentalContract(number).path + "#variations", redirectType: .normal)
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        let choices = try PositionChoices.from(req)
        let parameters = try ListParameters.from(req)
        let position = try await req.workbench.dentalPosition(of: code, choices: choices)
        let settings = try choices.settings(for: position.portfolio.financialYear)
        let spc = ICBDentalPositionPage.SPC(position)
        let tables = ICBDentalPositionPage.Tables(
            positions: Tables.positions(position.portfolio.contracts, percentiles: Tables.profilePercentiles(position.portfolio.contracts)),
            summary: Tables.spcSummary(spc.measures),
            funnel: Tables.funnel(spc.funnel, id: "funnel", caption: "Year-to-date delivery against profile: funnel plot") { ContractNumber($0).map { PodiumRoute.dentalContract($0).path } },
            topRisks: Tables.positions(position.portfolio.topRisks(10), id: "top-risks", caption: "Largest projected clawback"),
            flagged: Tables.positions(position.portfolio.flaggedAtMidYear, id: "mid-year-flags", caption: "Contracts flagged at mid-year"),
            bands: Tables.bands(position.portfolio, rules: settings.rules),
            trend: Tables.trend(position.portfolio.trend))
        let request = try parameters.pageRequest(for: tables.positions)
        if parameters.wantsCSV {
            let year = Responses.slug(position.portfolio.financialYear)
            let name = "\(code)-dental-position-\(year)-\(parameters.table ?? tables.positions.id).csv"
            switch parameters.table ?? tables.positions.id {
            case tables.positions.id: return Responses.csv(tables.positions.csv(request), fileName: name)
            case tables.topRisks.id: return Responses.csv(tables.topRisks.csv(ListRequest()), fileName: name)
            case tables.flagged.id: return Responses.csv(tables.flagged.csv(ListRequest()), fileName: name)
            case tables.bands.id: return Responses.csv(tables.bands.csv(ListRequest()), fileName: name)
            case tables.trend.id: return Responses.csv(tables.trend.csv(ListRequest()), fileName: name)
            case tables.summary.id: return Responses.csv(tables.summary.csv(ListRequest()), fileName: name)
            case tables.funnel.id: return Responses.csv(tables.funnel.csv(ListRequest()), fileName: name)
            default:
                if let points = Tables.spcPoints(named: parameters.table, in: spc.measures) {
                    return Responses.csv(points.csv(ListRequest()), fileName: name)
                }
                throw WebError.badRequest(
                    code: "invalid_parameter",
                    message: "table must be positions, top-risks, mid-year-flags, bands, trend, spc-summary, funnel or \(spc.measures.map { "spc-\($0.id)" }.joined(separator: ", ")).")
            }
        }
        let links = ListLinks(path: PodiumRoute.dentalPosition(code).path, request: request, extra: choices.queryItems)
        return Responses.html(ICBDentalPositionPage.render(
            position, settings: settings, spc: spc, tables: tables, page: tables.positions.page(request), links: links, context: req.page))
    }

    @Sendable func england(req: Request) async throws -> Response {
        let choices = try PositionChoices.from(req)
        let parameters = try ListParameters.from(req)
        let position = try await req.workbench.englandDentalPosition(choices: choices, scope: req.scope)
        let settings = try choices.settings(for: position.england.financialYear)
        let rows = position.rows.map { ICBPortfolioRow(icb: $0.icb, portfolio: $0.portfolio) }
        let table = Tables.englandPositions(rows, total: position.england, totalLabel: position.totalLabel, rules: settings.rules)
        let request = try parameters.pageRequest(for: table)
        if parameters.wantsCSV {
            return Responses.csv(table.csv(request), fileName: "england-dental-position-\(Responses.slug(position.england.financialYear)).csv")
        }
        let links = ListLinks(path: PodiumRoute.englandDentalPosition.path, request: request, extra: choices.queryItems)
        return Responses.html(EnglandDentalPositionPage.render(
            position, settings: settings, table: table, page: table.page(request), links: links, context: req.page))
    }

    private func rejected(_ req: Request, _ item: ContractPositionDetail, form: VariationFormState) -> Response {
        Responses.html(ContractPage.render(item, tables: Self.tables(item), form: form, context: req.page), status: .badRequest)
    }

    static func tables(_ item: ContractPositionDetail) -> ContractPage.Tables {
        ContractPage.Tables(
            months: Tables.months(item.detail.months.filter { item.position.financialYear.contains($0.month) }),
            changes: Tables.changes(item.detail.current.changes),
            forecast: item.position.forecast.map { Tables.projections($0, rules: item.position.settings.rules) },
            variations: Tables.variations(item.variations),
            spc: Tables.spcPoints(SPCMeasures.contractDelivery(item.position)))
    }

}
