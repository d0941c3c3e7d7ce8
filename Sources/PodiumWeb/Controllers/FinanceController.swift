import PodiumCore
import Vapor

/// Finance (issue 8): an ICB's budget against forecast and its reinvestment plan, and every ICB's for NHS England
/// assurance. Pages answer HTML, CSV of any table (`?format=csv&table=id`) or a workbook (`?format=xlsx`).
struct FinanceController: RouteCollection {

    func boot(routes: any RoutesBuilder) throws {
        routes.get(PodiumRoute.financeTemplate.components, use: icb)
        routes.get(PodiumRoute.englandFinanceTemplate.components, use: england)
        routes.get(APIRoute.icbFinance.components, use: icbAPI)
        routes.get(APIRoute.englandFinance.components, use: englandAPI)
    }

    private func overview(_ req: Request) async throws -> FinanceOverview {
        let code = try req.code("icb", as: ICBCode.self, notFound: "icb_not_found")
        return try await req.workbench.finance(of: code, choices: try PositionChoices.from(req), today: req.clock.today)
    }

    private func englandFinance(_ req: Request) async throws -> EnglandFinance {
        let raw = (try? req.query.get(String.self, at: "region")) ?? ""
        guard raw.isEmpty || NHSEnglandRegion(rawValue: raw) != nil else {
            throw WebError.badRequest(
                code: "invalid_parameter",
                message: "region must be one of \(NHSEnglandRegion.allCases.map { "\($0.rawValue) (\($0.name))" }.joined(separator: ", ")).")
        }
        return try await req.workbench.englandFinance(
            choices: try PositionChoices.from(req), region: NHSEnglandRegion(rawValue: raw), scope: req.scope, today: req.clock.today)
    }

    @Sendable func icb(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let overview = try await overview(req)
        let lines = FinancePage.linesTable(overview), monthly = FinancePage.monthlyTable(overview), options = FinancePage.optionsTable(overview)
        let name = "\(overview.icb.code)-finance-\(Responses.slug(overview.year))"
        if parameters.wantsXLSX { return Responses.xlsx(FinancePage.workbook(overview, lines: lines, monthly: monthly, options: options), fileName: name + ".xlsx") }
        if let csv = try Responses.tableCSV(parameters, name: name, [
            (lines.id, { lines.csv(ListRequest()) }), (monthly.id, { monthly.csv(ListRequest()) }), (options.id, { options.csv(ListRequest()) }),
        ]) { return csv }
        return Responses.html(FinancePage.render(overview, lines: lines, monthly: monthly, options: options, context: req.page))
    }

    @Sendable func england(req: Request) async throws -> Response {
        let parameters = try ListParameters.from(req)
        let finance = try await englandFinance(req)
        let table = EnglandFinancePage.table(finance)
        let request = try parameters.pageRequest(for: table)
        let name = "\(finance.region.map { "region-\($0.rawValue)" } ?? "england")-finance-\(Responses.slug(finance.year))"
        if parameters.wantsXLSX { return Responses.xlsx(Workbook(sheets: [table.sheet(request, name: "ICBs")]), fileName: name + ".xlsx") }
        if parameters.wantsCSV { return Responses.csv(table.csv(request), fileName: name + ".csv") }
        let links = ListLinks(
            path: PodiumRoute.englandFinance.path, request: request,
            extra: [URLQueryItem(name: "year", value: finance.year.label)] + (finance.region.map { [URLQueryItem(name: "region", value: $0.rawValue)] } ?? []))
        return Responses.html(EnglandFinancePage.render(finance, table: table, page: table.page(request), links: links, context: req.page))
    }

    @Sendable func icbAPI(req: Request) async throws -> API.FinanceDTO {
        let overview = try await overview(req)
        return API.FinanceDTO(icb: overview.icb, position: overview.position, hasExamples: overview.records.contains(where: \.hasExamples))
    }

    @Sendable func englandAPI(req: Request) async throws -> API.EnglandFinanceDTO {
        let finance = try await englandFinance(req)
        return API.EnglandFinanceDTO(
            financialYear: finance.year.label, region: finance.region?.rawValue,
            icbs: finance.rows.map { API.FinanceDTO(icb: $0.icb, position: $0.position, hasExamples: $0.hasExamples) })
    }
}

extension API {
    /// An ICB's finance position: every line, month by month, and the reinvestment plan. Money in pence.
    struct FinanceDTO: Content {
        struct Line: Content {
            var line: String
            var label: String
            var ringFenced: Bool
            var budget: MoneyDTO
            var actualToDate: MoneyDTO
            var committed: MoneyDTO
            var projected: MoneyDTO
            /// The year-end clawback the contract engine projects (dental primary care), which comes back to the ICB.
            var recoveries: MoneyDTO
            var forecastOutturn: MoneyDTO
            var variance: MoneyDTO
            var underspendAtRisk: MoneyDTO
            /// Spend by month, April first: actual up to `asOf`, projected after.
            var months: [Month]
        }

        struct Month: Content {
            var month: String
            var basis: String
            var amount: MoneyDTO
        }

        struct Option: Content {
            var reference: String
            var kind: String
            var cost: MoneyDTO
            var leadTimeDays: Int
            var lastDecisionDate: String
            /// approved, fits, too-late or too-costly.
            var state: String
            var committee: String?
            var decisionDate: String?
        }

        var icb: String
        var name: String
        var region: String?
        var financialYear: String
        var asOf: String
        var planDate: String
        var exampleData: Bool
        var budget: MoneyDTO
        var forecastOutturn: MoneyDTO
        var underspendAtRisk: MoneyDTO
        var committed: MoneyDTO
        var uncommitted: MoneyDTO
        var mustCommitBy: String?
        var udasCarriedForward: Decimal
        var lines: [Line]
        var options: [Option]

        init(icb: ICB, position: FinancePosition, hasExamples: Bool) {
            let plan = position.plan
            self.icb = icb.code.rawValue
            name = icb.name
            region = NHSEnglandRegion.of(icb.code)?.rawValue
            financialYear = position.year.label
            asOf = position.asOf.iso
            planDate = position.planDate.iso
            exampleData = hasExamples
            budget = MoneyDTO(position.budget)
            forecastOutturn = MoneyDTO(position.forecastOutturn)
            underspendAtRisk = MoneyDTO(position.underspendAtRisk)
            committed = MoneyDTO(plan.committed)
            uncommitted = MoneyDTO(plan.uncommitted)
            mustCommitBy = plan.mustCommitBy?.iso
            udasCarriedForward = API.decimal(position.carriedForward)
            lines = position.lines.map { line in
                Line(
                    line: line.kind.rawValue, label: line.kind.label, ringFenced: line.kind.isRingFenced, budget: MoneyDTO(line.budget),
                    actualToDate: MoneyDTO(line.actualToDate), committed: MoneyDTO(line.committed), projected: MoneyDTO(line.projected),
                    recoveries: MoneyDTO(line.recoveries),
                    forecastOutturn: MoneyDTO(line.forecastOutturn), variance: MoneyDTO(line.variance), underspendAtRisk: MoneyDTO(line.underspendAtRisk),
                    months: position.year.months.map { month in
                        Month(month: month.iso, basis: month <= position.asOf ? "actual" : "projected", amount: MoneyDTO(position.monthly[line.kind]?[month] ?? .zero))
                    })
            }
            options = position.options.map { option in
                let state = option.approval != nil ? "approved" : plan.fitting.contains(option) ? "fits" : plan.tooLate.contains(option) ? "too-late" : "too-costly"
                return Option(
                    reference: option.id, kind: option.kind.rawValue, cost: MoneyDTO(option.cost), leadTimeDays: option.leadTimeDays,
                    lastDecisionDate: option.lastDecisionDate(in: position.year).iso, state: state, committee: option.approval?.committee,
                    decisionDate: option.approval?.date.iso)
            }
        }
    }

    struct EnglandFinanceDTO: Content {
        var financialYear: String
        var region: String?
        var icbs: [FinanceDTO]
    }
}
