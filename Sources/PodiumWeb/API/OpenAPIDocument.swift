import Foundation
import PodiumCore

/// The OpenAPI 3.0 description of `/api/v1`, served at `/api/v1/openapi.json`.
/// A test checks every registered API route appears here, and the golden tests check responses match.
enum OpenAPIDocument {
    static func json() throws -> Data {
        try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
    }

    /// Paths in OpenAPI form, for the route-coverage test.
    static var paths: [String] { Array((document["paths"] as? [String: Any] ?? [:]).keys) }

    static var document: [String: Any] {
        [
            "openapi": "3.0.3",
            "info": [
                "title": "Podium API",
                "version": "1.0.0",
                "description":
                    "Read-only figures of the Podium commissioning workbench: ICBs, dental contracts and their monthly activity, pharmacies and dental practices, finance, governance and local records. Money is integer pence plus a formatted string; UDAs are exact decimals. Every figure is an aggregate; no patient-identifiable data is held. Every request needs an API token (made on your account page, or with 'podium user token') sent as 'Authorization: Bearer …', and answers only for the ICBs your account reads: 401 without a valid token, 403 for an ICB outside your scope. Comparisons of ICBs list only those you read.",
            ],
            "security": [["bearerAuth": [String]()], ["sessionCookie": [String]()]],
            "paths": [
                APIRoute.icbs.openAPIPath: get("List ICBs with headline figures", "ICBList", parameters: [year]),
                APIRoute.icb.openAPIPath: get(
                    "One ICB with its Sub-ICB Locations", "ICBDetail", parameters: [icbParameter, year], notFound: true),
                APIRoute.dentalContracts.openAPIPath: get(
                    "An ICB's dental contracts for a financial year", "ContractPage",
                    parameters: [icbParameter, year] + listParameters, notFound: true),
                APIRoute.dentalContract.openAPIPath: get(
                    "One dental contract with its monthly series, changes and every year", "ContractDetail",
                    parameters: [contractParameter, year], notFound: true),
                APIRoute.pharmacies.openAPIPath: get(
                    "An ICB's active pharmacies and appliance contractors", "OrganisationPage",
                    parameters: [icbParameter] + listParameters, notFound: true),
                APIRoute.dentalPractices.openAPIPath: get(
                    "An ICB's active dental practices", "OrganisationPage", parameters: [icbParameter] + listParameters,
                    notFound: true),
                APIRoute.contractPosition.openAPIPath: get(
                    "A contract's position in a year: against the working-day profile, mid-year review, forecast year end, variations",
                    "ContractPosition", parameters: [contractParameter, year] + positionParameters, notFound: true),
                APIRoute.icbDentalPosition.openAPIPath: get(
                    "An ICB's dental position: totals, trend and every contract", "ICBPosition",
                    parameters: [icbParameter, year] + positionParameters + listParameters, notFound: true),
                APIRoute.englandDentalPosition.openAPIPath: get(
                    "The dental position of every ICB", "EnglandPosition", parameters: [year] + positionParameters,
                    notFound: true, limited: true),
                APIRoute.pharmacyFirst.openAPIPath: get(
                    "Pharmacy First consultations for England, each region and each condition, with SPC",
                    "PharmacyFirst", parameters: []),
                APIRoute.icbAccess.openAPIPath: get(
                    "An ICB's access (E2SFCA): summary by IMD decile, unmet-need gap list and every LSOA", "ICBAccess",
                    parameters: [icbParameter] + accessParameters, notFound: true),
                APIRoute.icbAccessWhatIf.openAPIPath: get(
                    "What if a site closes, opens, changes capacity or moves UDAs: access before and after",
                    "AccessWhatIf",
                    parameters: [icbParameter] + accessParameters + whatIfParameters, notFound: true, limited: true),
                APIRoute.icbRecords.openAPIPath: get(
                    "An ICB's local records of one template (closures, hours, GOS contracts …), in the template's columns",
                    "Records",
                    parameters: [icbParameter, templateParameter], notFound: true),
                APIRoute.icbPharmacyEvents.openAPIPath: get(
                    "Openings, closures and changes of ownership of an ICB's pharmacies, read from ODS extracts",
                    "PharmacyEvents",
                    parameters: [icbParameter], notFound: true),
                APIRoute.icbDentalDataChecks.openAPIPath: get(
                    "Implausible published dental values in a year, contract by contract, with the thresholds",
                    "DataChecks", parameters: [icbParameter, year], notFound: true),
                APIRoute.icbGOSContractsEnding.openAPIPath: get(
                    "An ICB's GOS contracts whose recorded end date falls within the next six months, soonest first",
                    "ContractsEnding", parameters: [icbParameter], notFound: true),
                APIRoute.icbFinance.openAPIPath: get(
                    "An ICB's delegated budget against forecast outturn by line and month, and the reinvestment plan for ring-fenced dental underspend",
                    "Finance", parameters: [icbParameter, year] + positionParameters, notFound: true),
                APIRoute.englandFinance.openAPIPath: get(
                    "Every ICB's finance position (or one NHS England region's), for regional assurance",
                    "EnglandFinance",
                    parameters: [year, regionParameter] + positionParameters, notFound: true, limited: true),
                APIRoute.icbGovernance.openAPIPath: get(
                    "An ICB's governance: delegation in force, risks scored on the 5×5 matrix with their live evidence, readiness by domain and principle, decisions due",
                    "Governance", parameters: [icbParameter, dateParameter], notFound: true),
                APIRoute.icbProvidersAtRisk.openAPIPath: get(
                    "An ICB's dental contracts and pharmacies ranked by early-warning score (0–100, higher is more at risk), with the top reasons and each contract's score month by month",
                    "ProvidersAtRisk", parameters: [icbParameter, year, asOfParameter], notFound: true, limited: true),
                APIRoute.contractWarning.openAPIPath: get(
                    "A dental contract's early-warning score with every signal: value, thresholds, weight, points and source",
                    "Warning",
                    parameters: [contractParameter, year], notFound: true),
                APIRoute.pharmacyWarning.openAPIPath: get(
                    "A pharmacy's early-warning score with every signal", "Warning", parameters: [pharmacyParameter],
                    notFound: true),
                APIRoute.openAPI.openAPIPath: [
                    "get": [
                        "summary": "This document", "operationId": "openAPI", "security": [[String: Any]](),
                        "responses": [
                            "200": [
                                "description": "The OpenAPI document",
                                "content": ["application/json": ["schema": ["type": "object"]]],
                            ]
                        ],
                    ] as [String: Any]
                ],
            ],
            "components": [
                "schemas": schemas,
                "securitySchemes": [
                    "bearerAuth": [
                        "type": "http", "scheme": "bearer",
                        "description": "An API token from your account page or 'podium user token'.",
                    ],
                    "sessionCookie": [
                        "type": "apiKey", "in": "cookie", "name": "podium_session",
                        "description":
                            "The browser's session after signing in at /sign-in (__Host-podium_session over HTTPS).",
                    ],
                ],
            ],
        ]
    }

    /// A GET's answers; `limited` for a route that builds figures for all of England, run a few at a time
    /// (``WorkLimits``), which may answer 429 or 503 with `Retry-After`.
    private static func get(
        _ summary: String, _ schema: String, parameters: [[String: Any]], notFound: Bool = false, limited: Bool = false
    ) -> [String: Any] {
        var responses: [String: Any] = [
            "200": ["description": "OK", "content": ["application/json": ["schema": ref(schema)]]],
            "400": [
                "description": "A parameter is not valid", "content": ["application/json": ["schema": ref("Error")]],
            ],
            "401": [
                "description": "No valid API token or session",
                "content": ["application/json": ["schema": ref("Error")]],
            ],
            "403": [
                "description": "Your account does not read this ICB",
                "content": ["application/json": ["schema": ref("Error")]],
            ],
        ]
        if notFound || parameters.contains(where: { ($0["name"] as? String) == "year" }) {
            responses["404"] = ["description": "Not found", "content": ["application/json": ["schema": ref("Error")]]]
        }
        if limited {
            let retry = [
                "Retry-After": ["description": "Seconds to wait", "schema": ["type": "integer"]]
            ]
            responses["429"] = [
                "description": "Your share of these requests is in use: wait for it, then try again",
                "headers": retry, "content": ["application/json": ["schema": ref("Error")]],
            ]
            responses["503"] = [
                "description": "The server is busy with requests like this one: try again after Retry-After seconds",
                "headers": retry, "content": ["application/json": ["schema": ref("Error")]],
            ]
        }
        return [
            "get": [
                "summary": summary, "operationId": operationID(schema, summary), "parameters": parameters,
                "responses": responses,
            ] as [String: Any]
        ]
    }

    private static func operationID(_ schema: String, _ summary: String) -> String {
        let words = summary.lowercased().split(whereSeparator: { !$0.isLetter }).prefix(6)
        return words.enumerated().map { $0.offset == 0 ? String($0.element) : $0.element.capitalized }.joined()
    }

    private static var templateParameter: [String: Any] {
        [
            "name": "template", "in": "path", "required": true, "description": "The record template",
            "schema": ["type": "string", "enum": RecordTemplate.all.map(\.id)],
        ]
    }
    private static var icbParameter: [String: Any] {
        [
            "name": "icb", "in": "path", "required": true, "description": "ICB ODS code, such as QYG", "example": "QT6",
            "schema": ["type": "string", "pattern": "^[A-Za-z0-9]{3}$"],
        ]
    }
    private static var contractParameter: [String: Any] {
        [
            "name": "contract", "in": "path", "required": true,
            "description": "10-character NHS dental contract number", "example": "1025900000",
            "schema": ["type": "string"],
        ]
    }
    private static var pharmacyParameter: [String: Any] {
        [
            "name": "pharmacy", "in": "path", "required": true, "description": "A pharmacy's ODS code (F code)",
            "example": "FA129",
            "schema": ["type": "string"],
        ]
    }
    private static var asOfParameter: [String: Any] {
        [
            "name": "as_of", "in": "query", "required": false,
            "description":
                "A month of dental data, YYYY-MM, to recompute the list as it stood then (default: the latest)",
            "schema": ["type": "string"],
        ]
    }
    private static var year: [String: Any] {
        [
            "name": "year", "in": "query", "required": false,
            "description": "Financial year, such as 2023/24 (default: the latest with data)",
            "schema": ["type": "string"],
        ]
    }
    private static var regionParameter: [String: Any] {
        [
            "name": "region", "in": "query", "required": false,
            "description": "NHS England region code, such as Y58 (South West); default: all of England",
            "schema": ["type": "string", "enum": NHSEnglandRegion.allCases.map(\.rawValue)],
        ]
    }
    private static var dateParameter: [String: Any] {
        [
            "name": "date", "in": "query", "required": false,
            "description": "The day reviews and follow-ups are judged on, YYYY-MM-DD; default: today",
            "schema": ["type": "string", "format": "date"],
        ]
    }
    private static var positionParameters: [[String: Any]] {
        [
            [
                "name": "foundation", "in": "query", "required": false,
                "description": "count: foundation dentists' UDAs count toward the target (default: not counted)",
                "schema": ["type": "string", "enum": ["count", "exclude"]],
            ],
            [
                "name": "overdelivery", "in": "query", "required": false,
                "description": "An over-delivery scheme paying up to this % of target (above 100, at most 200)",
                "schema": ["type": "string"],
            ],
            [
                "name": "as_of", "in": "query", "required": false,
                "description":
                    "A month of the year's dental data, YYYY-MM: the positions and forecast as they stood with the data up to it",
                "schema": ["type": "string"],
            ],
            [
                "name": "overdelivery_mode", "in": "query", "required": false,
                "schema": ["type": "string", "enum": ["above", "instead"]],
            ],
        ]
    }

    private static var accessParameters: [[String: Any]] {
        [
            [
                "name": "service", "in": "query", "required": false,
                "schema": ["type": "string", "enum": ["dental", "pharmacy"]],
            ],
            [
                "name": "demand", "in": "query", "required": false,
                "schema": ["type": "string", "enum": ["everyone", "children", "adults"]],
            ],
        ]
    }
    private static var whatIfParameters: [[String: Any]] {
        [
            [
                "name": "change", "in": "query", "required": true,
                "schema": ["type": "string", "enum": ["close", "capacity", "move", "open"]],
            ],
            [
                "name": "site", "in": "query", "required": false,
                "description": "Contract number or pharmacy ODS code (close, capacity, move)",
                "schema": ["type": "string"],
            ],
            [
                "name": "capacity", "in": "query", "required": false, "description": "New capacity (capacity, open)",
                "schema": ["type": "string"],
            ],
            [
                "name": "amount", "in": "query", "required": false, "description": "Capacity to move (move)",
                "schema": ["type": "string"],
            ],
            [
                "name": "to", "in": "query", "required": false, "description": "Site receiving the capacity (move)",
                "schema": ["type": "string"],
            ],
            [
                "name": "postcode", "in": "query", "required": false, "description": "Where a new site opens (open)",
                "schema": ["type": "string"],
            ],
        ]
    }

    private static var listParameters: [[String: Any]] {
        [
            [
                "name": "q", "in": "query", "required": false, "description": "Words that must all appear in a row",
                "schema": ["type": "string"],
            ],
            [
                "name": "sort", "in": "query", "required": false, "description": "Column key to sort by",
                "schema": ["type": "string"],
            ],
            ["name": "dir", "in": "query", "required": false, "schema": ["type": "string", "enum": ["asc", "desc"]]],
            [
                "name": "page", "in": "query", "required": false,
                "schema": ["type": "integer", "minimum": 1, "maximum": 1_000_000],
            ],
            [
                "name": "per_page", "in": "query", "required": false,
                "schema": ["type": "integer", "minimum": 1, "maximum": 500],
            ],
        ]
    }

    private static func ref(_ name: String) -> [String: Any] { ["$ref": "#/components/schemas/\(name)"] }
    private static var string: [String: Any] { ["type": "string"] }
    private static var integer: [String: Any] { ["type": "integer"] }
    private static var number: [String: Any] { ["type": "number"] }
    private static var boolean: [String: Any] { ["type": "boolean"] }
    private static func array(_ items: [String: Any]) -> [String: Any] { ["type": "array", "items": items] }
    private static func enumeration(_ values: [String]) -> [String: Any] { ["type": "string", "enum": values] }

    /// An object schema; properties listed in `optional` may be absent.
    private static func object(_ properties: [String: [String: Any]], optional: Set<String> = []) -> [String: Any] {
        [
            "type": "object", "properties": properties,
            "required": properties.keys.filter { !optional.contains($0) }.sorted(),
        ]
    }

    private static var schemas: [String: Any] {
        [
            "Money": object(["pence": integer, "formatted": string]),
            "Error": object(["error": object(["code": string, "message": string])]),
            "Source": object(
                [
                    "dataset": string, "title": string, "publisher": string, "coverage": string, "detail": string,
                    "provisional": boolean,
                    "fileName": string, "importedAt": string,
                ],
                optional: ["detail", "fileName", "importedAt"]),
            "Figures": object(
                [
                    "population": integer, "dentalContracts": integer, "contractedUDAs": number,
                    "contractedValue": ref("Money"),
                    "udasPerThousandResidents": number, "pharmacies": integer, "dentalPractices": integer,
                    "imdAverageRank": number,
                    "imdRankOfAverageRank": integer,
                ],
                optional: ["udasPerThousandResidents", "imdAverageRank", "imdRankOfAverageRank"]),
            "ICBSummary": object([
                "odsCode": string, "onsCode": string, "name": string, "figures": ref("Figures"), "url": string,
                "htmlURL": string,
            ]),
            "ICBList": object(
                [
                    "financialYear": string, "icbs": array(ref("ICBSummary")), "england": ref("Figures"),
                    "sources": array(ref("Source")),
                ],
                optional: ["financialYear"]),
            "SubICBLocation": object(
                [
                    "odsCode": string, "onsCode": string, "name": string, "lsoas": integer, "population": integer,
                    "mostDeprivedLSOAs": integer,
                ]),
            "ICBDetail": object(
                [
                    "odsCode": string, "onsCode": string, "onsCode2022": string, "name": string,
                    "financialYear": string, "figures": ref("Figures"),
                    "subICBLocations": array(ref("SubICBLocation")), "sources": array(ref("Source")),
                ],
                optional: ["financialYear"]),
            "Coverage": object(["financialYear": string, "months": array(string), "missingMonths": array(string)]),
            "Paging": object([
                "page": integer, "perPage": integer, "pageCount": integer, "matching": integer, "total": integer,
            ]),
            "ContractSummary": object(
                [
                    "contractNumber": string, "providerName": string, "commissionerCode": string, "postcode": string,
                    "lsoa2011": string,
                    "financialYear": string, "latestMonth": string, "udaTarget": number, "contractValue": ref("Money"),
                    "udaValue": ref("Money"),
                    "udasDeliveredToDate": number, "deliveredPercentOfTarget": number,
                    "foundationDentistUDAsToDate": number,
                    "lateFP17sToDate": integer, "adultsSeen24Months": integer, "childrenSeen12Months": integer,
                    "url": string,
                ],
                optional: [
                    "lsoa2011", "udaValue", "deliveredPercentOfTarget", "adultsSeen24Months", "childrenSeen12Months",
                ]),
            "ContractPage": object(
                [
                    "icb": string, "financialYear": string, "coverage": ref("Coverage"), "paging": ref("Paging"),
                    "items": array(ref("ContractSummary")), "sources": array(ref("Source")),
                ],
                optional: ["financialYear", "coverage"]),
            "Courses": object(
                [
                    "band1": integer, "band2": integer, "band2a": integer, "band2b": integer, "band2c": integer,
                    "band3": integer,
                    "urgent": integer, "other": integer,
                    "total": integer,
                ],
                optional: ["band1", "band2", "band2a", "band2b", "band2c", "band3", "urgent", "other", "total"]),
            "ContractMonth": object(
                [
                    "month": string, "commissionerCode": string, "udaTarget": number, "contractValue": ref("Money"),
                    "udasDelivered": number,
                    "udasDeliveredByFoundationDentists": number, "lateFP17s": integer, "courses": ref("Courses"),
                    "childrenSeen12Months": integer,
                    "adultsSeen24Months": integer, "generalDentalValue": ref("Money"),
                ],
                optional: [
                    "udasDelivered", "udasDeliveredByFoundationDentists", "lateFP17s", "childrenSeen12Months",
                    "adultsSeen24Months",
                    "generalDentalValue",
                ]),
            "ContractChange": object(
                [
                    "month": string, "previousMonth": string, "udaTargetBefore": number, "udaTargetAfter": number,
                    "contractValueBefore": ref("Money"), "contractValueAfter": ref("Money"),
                    "commissionerBefore": string, "commissionerAfter": string,
                ]),
            "ContractYear": object(
                [
                    "financialYear": string, "commissionerCode": string,
                    "commissionerKind": enumeration(CommissionerKind.allCases.map(\.rawValue)), "icb": string,
                    "firstMonth": string, "lastMonth": string, "udaTarget": number, "contractValue": ref("Money"),
                    "deliveredUDAs": number, "broughtForward": ref("CarryForward"),
                    "yearEnd": enumeration(YearEndStatus.allRawValues), "result": ref("YearEnd"),
                ],
                optional: ["icb", "yearEnd", "result"]),
            "ContractDetail": object(
                [
                    "contractNumber": string, "providerName": string, "commissionerCode": string,
                    "commissionerName": string,
                    "commissionerKind": enumeration(CommissionerKind.allCases.map(\.rawValue)), "icb": string,
                    "years": array(ref("ContractYear")),
                    "summary": ref("ContractSummary"), "coverage": ref("Coverage"),
                    "months": array(ref("ContractMonth")),
                    "changes": array(ref("ContractChange")), "sources": array(ref("Source")),
                ], optional: ["icb"]),
            "Location": object([
                "easting": number, "northing": number, "latitude": number, "longitude": number, "quality": integer,
            ]),
            "Organisation": object(
                [
                    "odsCode": string, "name": string, "addressLines": array(string), "postcode": string,
                    "status": string, "subType": string,
                    "subTypeLabel": string, "parentCode": string, "openDate": string, "closeDate": string,
                    "location": ref("Location"),
                ],
                optional: ["parentCode", "openDate", "closeDate", "location"]),
            "Note": object(["rule": string, "explanation": string, "source": string]),
            "Settings": object(
                [
                    "lowerTolerancePercent": number, "upperTolerancePercent": number,
                    "foundationDentistUDAsCounted": boolean,
                    "overDeliveryPaidUpToPercent": number, "overDeliveryMode": string, "rules": string,
                ],
                optional: ["overDeliveryPaidUpToPercent", "overDeliveryMode"]),
            "Terms": object(["udaTarget": number, "contractValue": ref("Money")]),
            "MonthPosition": object(
                ["month": string, "data": string, "delivered": number, "workingDays": integer, "expected": number],
                optional: ["delivered"]),
            "CarryForward": object(
                [
                    "shortfall": number, "credit": number,
                    "source": enumeration(["none", "previous-year", "opening-balance"]), "fromYear": string,
                ],
                optional: ["fromYear"]),
            "YearSummary": object(
                [
                    "financialYear": string, "months": integer, "yearEnd": enumeration(YearEndStatus.allRawValues),
                    "contracts": integer, "contractedUDAs": number, "deliveredUDAs": number,
                    "deliveredPercent": number, "clawback": ref("Money"), "flaggedAtMidYear": integer,
                    "contractsEnded": integer, "udasLost": number, "udasRecommissioned": number,
                    "adultsSeenPerThousand": number, "childrenSeenPerThousand": number, "population": string,
                ],
                optional: ["deliveredPercent", "adultsSeenPerThousand", "childrenSeenPerThousand", "population"]),
            "MidYear": object(
                [
                    "udaTarget": number, "creditBroughtForward": number,
                    "firstHalfDelivered": number, "shortfallBroughtForward": number, "adjustedDelivery": number,
                    "percentOfTarget": number,
                    "flagged": boolean, "complete": boolean, "monthsWithData": integer,
                    "maximumWithholding": ref("Money"),
                ],
                optional: ["percentOfTarget"]),
            "YearEnd": object(
                [
                    "adjustedDelivery": number, "percentOfTarget": number, "outcome": string, "band": string,
                    "clawback": ref("Money"),
                    "breachNotice": boolean, "shortfallCarriedForward": number, "creditCarriedForward": number,
                    "paidOverDelivery": number,
                    "overDeliveryPayment": ref("Money"), "unpaidOverDelivery": number,
                ],
                optional: ["percentOfTarget"]),
            "Projection": object(["basis": string, "yearEndDelivery": number, "yearEnd": ref("YearEnd")]),
            "Forecast": object(
                [
                    "central": ref("Projection"), "pace": ref("Projection"), "recent": ref("Projection"),
                    "low": ref("Projection"), "high": ref("Projection"), "method": string, "why": string,
                    "learnedFrom": array(string), "adjustmentPoints": number, "workingDaysReported": integer,
                    "workingDaysProjected": integer,
                ],
                optional: ["low", "high", "why", "learnedFrom", "adjustmentPoints"]),
            "Variation": object(
                [
                    "id": string, "kind": string, "effective": string, "udasHandedBack": number,
                    "valueHandedBack": ref("Money"),
                    "minimumUDAValue": ref("Money"), "upliftMethod": string, "reason": string, "recordedBy": string,
                    "recordedAt": string,
                    "withdrawnBy": string, "withdrawnAt": string, "withdrawnReason": string,
                ],
                optional: [
                    "udasHandedBack", "valueHandedBack", "minimumUDAValue", "upliftMethod", "withdrawnBy",
                    "withdrawnAt", "withdrawnReason",
                ]),
            "ContractPosition": object(
                [
                    "contractNumber": string, "providerName": string, "commissionerCode": string,
                    "financialYear": string, "inLatestData": boolean,
                    "lastSeen": string, "settings": ref("Settings"), "baseTerms": ref("Terms"),
                    "effectiveTerms": ref("Terms"),
                    "deliveredToDate": number, "expectedForReportedMonths": number, "againstProfilePercent": number,
                    "months": array(ref("MonthPosition")), "midYear": ref("MidYear"), "forecast": ref("Forecast"),
                    "notReviewedAtMidYear": string, "broughtForward": ref("CarryForward"),
                    "yearEnd": enumeration(YearEndStatus.allRawValues),
                    "variations": array(ref("Variation")), "spc": ref("SPCMeasure"), "notes": array(ref("Note")),
                ],
                optional: ["againstProfilePercent", "midYear", "forecast", "notReviewedAtMidYear"]),
            "SPCLimits": object(
                [
                    "segment": integer, "firstPeriod": string, "mean": number, "movingRangeMean": number,
                    "upperProcessLimit": number,
                    "lowerProcessLimit": number, "upperTwoSigma": number, "lowerTwoSigma": number, "trial": boolean,
                ]),
            "SPCPoint": object([
                "period": string, "value": number, "segment": integer, "rules": array(string), "pointType": string,
            ]),
            "SPCMeasure": object(
                [
                    "id": string, "name": string, "unit": string, "direction": string, "target": number,
                    "variationIcon": string,
                    "assuranceIcon": string, "limits": array(ref("SPCLimits")), "points": array(ref("SPCPoint")),
                ],
                optional: ["target", "assuranceIcon"]),
            "AccessDecile": object(
                [
                    "decile": integer, "lsoas": integer, "population": integer, "access": number,
                    "populationWithoutAccess": integer,
                ], optional: ["access"]),
            "AccessSummary": object(
                [
                    "population": integer, "access": number, "populationWithoutAccess": integer,
                    "ratioMostToLeastDeprived": number, "deciles": array(ref("AccessDecile")),
                ],
                optional: ["access", "ratioMostToLeastDeprived"]),
            "AccessArea": object(
                [
                    "lsoa": string, "name": string, "population": integer, "children": integer, "imdDecile": integer,
                    "access": number, "ofEngland": number,
                    "rankInICB": integer, "activity": number,
                ],
                optional: ["access", "ofEngland", "rankInICB", "activity"]),
            "AccessGap": object([
                "rank": integer, "lsoa": string, "need": array(string), "accessPercentile": number,
                "activityPercentile": number, "shortfall": number,
            ]),
            "ICBAccess": object(
                [
                    "icb": string, "service": string, "demand": string, "unit": string, "englandAccess": number,
                    "sites": integer, "summary": ref("AccessSummary"),
                    "gaps": array(ref("AccessGap")), "areas": array(ref("AccessArea")), "sources": array(ref("Source")),
                ],
                optional: ["englandAccess"]),
            "AccessChange": object(
                ["lsoa": string, "icb": string, "population": integer, "before": number, "after": number],
                optional: ["icb", "before", "after"]),
            "AccessWhatIf": object(
                [
                    "icb": string, "service": string, "demand": string, "unit": string, "change": string,
                    "populationLosingAllAccess": integer,
                    "populationGainingAccess": integer, "before": ref("AccessSummary"), "after": ref("AccessSummary"),
                    "changedAreas": array(ref("AccessChange")),
                ]),
            "Records": object([
                "template": string, "title": string, "key": array(string),
                // Each record holds the template's columns (strings as written in the CSV, counts as integers) plus
                // `example` and `source`.
                "records": array(["type": "object"]),
            ]),
            "FinanceMonth": object(["month": string, "basis": string, "amount": ref("Money")]),
            "FinanceLine": object(
                [
                    "line": string, "label": string, "ringFenced": boolean, "budget": ref("Money"),
                    "actualToDate": ref("Money"), "committed": ref("Money"),
                    "projected": ref("Money"), "recoveries": ref("Money"), "forecastOutturn": ref("Money"),
                    "variance": ref("Money"), "underspendAtRisk": ref("Money"),
                    "months": array(ref("FinanceMonth")),
                ]),
            "ReinvestmentOption": object(
                [
                    "reference": string, "kind": string, "cost": ref("Money"), "leadTimeDays": integer,
                    "lastDecisionDate": string, "state": string,
                    "committee": string, "decisionDate": string,
                ],
                optional: ["committee", "decisionDate"]),
            "Finance": object(
                [
                    "icb": string, "name": string, "region": string, "financialYear": string, "asOf": string,
                    "planDate": string, "exampleData": boolean,
                    "budget": ref("Money"), "forecastOutturn": ref("Money"), "underspendAtRisk": ref("Money"),
                    "committed": ref("Money"),
                    "uncommitted": ref("Money"), "mustCommitBy": string, "udasCarriedForward": number,
                    "lines": array(ref("FinanceLine")),
                    "options": array(ref("ReinvestmentOption")),
                ],
                optional: ["region", "mustCommitBy"]),
            "RiskRating": object(["likelihood": integer, "consequence": integer, "score": integer, "grade": string]),
            "Readiness": object(
                [
                    "name": string, "status": string, "green": integer, "amber": integer, "red": integer,
                    "unrated": integer, "greenPercent": number,
                    "principles": array(ref("Readiness")),
                ],
                optional: ["greenPercent", "principles"]),
            "Governance": object(
                [
                    "icb": string, "name": string, "asOf": string, "exampleData": boolean,
                    "delegation": array(
                        object(
                            [
                                "reference": string, "service": string, "serviceName": string, "status": string,
                                "from": string, "to": string, "phase": string,
                                "host": string, "icbsServed": array(string), "confirmed": boolean,
                            ],
                            optional: ["to"])),
                    "risks": array(
                        object(
                            [
                                "reference": string, "title": string, "category": string, "owner": string,
                                "initial": ref("RiskRating"), "current": ref("RiskRating"),
                                "target": ref("RiskRating"), "reviewDue": string, "open": boolean,
                                "reviewOverdue": boolean, "aboveTarget": boolean,
                                "evidence": array(object(["citation": string, "value": string])),
                            ])),
                    "readiness": ref("Readiness"), "domains": array(ref("Readiness")), "decisionsDue": array(string),
                    "reviewsOverdue": integer,
                    "followUpsOverdue": integer, "handoverOutstanding": integer,
                ],
                optional: ["readiness"]),
            "Signal": object(
                [
                    "signal": string, "label": string, "value": number, "words": string, "weight": number,
                    "starts": number, "full": number,
                    "severity": number, "points": number, "source": string,
                ],
                optional: ["value"]),
            "Warning": object(
                [
                    "provider": string, "financialYear": string, "asOf": string, "configuration": string,
                    "score": number, "reasons": array(string), "signals": array(ref("Signal")),
                ],
                optional: ["financialYear"]),
            "RankedProvider": object(
                [
                    "provider": string, "name": string, "score": number, "reasons": array(string),
                    "trend": array(object(["month": string, "score": number])), "url": string,
                    "dataChecks": array(string),
                ],
                optional: ["trend", "dataChecks"]),
            "DataChecks": object([
                "icb": string, "financialYear": string, "contractsChecked": integer,
                "thresholds": ["type": "object", "additionalProperties": string],
                "checks": array(
                    object([
                        "contractNumber": string, "provider": string, "check": string, "label": string,
                        "month": string, "seen": string,
                    ])),
            ]),
            "ProvidersAtRisk": object(
                [
                    "icb": string, "financialYear": string, "asOf": string, "judgedOn": string,
                    "pharmacyAsOf": string, "configuration": string,
                    "dental": array(ref("RankedProvider")), "pharmacies": array(ref("RankedProvider")),
                ],
                optional: ["asOf", "financialYear"]),
            "EnglandFinance": object(
                ["financialYear": string, "region": string, "icbs": array(ref("Finance"))], optional: ["region"]),
            "ContractsEnding": object([
                "icb": string, "asOf": string, "until": string,
                "contracts": array(
                    object([
                        "contractNumber": string, "kind": string, "contractor": string, "premises": string,
                        "postcode": string,
                        "start": string, "end": string, "daysLeft": integer, "exampleData": boolean,
                    ])),
            ]),
            "PharmacyEvents": object([
                "events": array(object(["pharmacy": string, "date": string, "kind": string, "detail": string]))
            ]),
            "PharmacyFirst": object([
                "areas": array(ref("SPCMeasure")), "conditions": array(ref("SPCMeasure")),
                "sources": array(ref("Source")),
            ]),
            "ContractPositionSummary": object(
                [
                    "contractNumber": string, "providerName": string, "udaTarget": number, "deliveredToDate": number,
                    "againstProfilePercent": number,
                    "midYearPercent": number, "midYearFlagged": boolean, "inLatestData": boolean,
                    "projected": ref("YearEnd"),
                    "projectedRangePercent": array(number), "url": string,
                ],
                optional: ["againstProfilePercent", "midYearPercent", "projected", "projectedRangePercent"]),
            "Portfolio": object(
                [
                    "contracts": integer, "notInLatestData": integer, "leftDuringYear": integer,
                    "yearEnd": enumeration(YearEndStatus.allRawValues), "udaTarget": number, "deliveredToDate": number,
                    "againstProfilePercent": number,
                    "flaggedAtMidYear": integer, "projectedClawback": ref("Money"),
                    "projectedClawbackAtPace": ref("Money"), "projectedClawbackLow": ref("Money"),
                    "projectedClawbackHigh": ref("Money"), "projectedClawbackAtHigherPace": ref("Money"),
                    "projectedClawbackAtLowerPace": ref("Money"), "projectedUnderspend": ref("Money"),
                    "valueReleasedByVariations": ref("Money"),
                    "projectedOverDeliveryPayments": ref("Money"),
                    "bands": ["type": "object", "additionalProperties": integer],
                ],
                optional: ["againstProfilePercent", "projectedClawbackLow", "projectedClawbackHigh"]),
            "Trend": object(["month": string, "delivered": number, "expected": number], optional: ["delivered"]),
            "ICBPosition": object(
                [
                    "icb": string, "financialYear": string, "latestDataMonth": string,
                    "years": array(ref("YearSummary")), "coverage": ref("Coverage"), "settings": ref("Settings"),
                    "totals": ref("Portfolio"),
                    "trend": array(ref("Trend")), "spc": array(ref("SPCMeasure")), "funnelOutliers": array(string),
                    "paging": ref("Paging"),
                    "contracts": array(ref("ContractPositionSummary")),
                ], optional: ["latestDataMonth"]),
            "ICBPortfolio": object(["odsCode": string, "name": string, "totals": ref("Portfolio"), "url": string]),
            "EnglandPosition": object(
                [
                    "financialYear": string, "latestDataMonth": string, "years": array(ref("YearSummary")),
                    "coverage": ref("Coverage"), "settings": ref("Settings"), "england": ref("Portfolio"),
                    "icbs": array(ref("ICBPortfolio")),
                ], optional: ["latestDataMonth"]),
            "OrganisationPage": object(
                [
                    "icb": string, "paging": ref("Paging"), "items": array(ref("Organisation")),
                    "sources": array(ref("Source")),
                ]),
        ]
    }
}
