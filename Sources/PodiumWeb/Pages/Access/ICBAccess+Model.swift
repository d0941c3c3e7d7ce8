import PodiumCore
import PodiumData
import PodiumImport

/// An ICB's need and access: E2SFCA scores for every LSOA, the map, access by deprivation and the gap list.
enum ICBAccess {
    struct Model: Sendable {
        var icb: ICB
        var choices: AccessChoices
        var snapshot: AccessSnapshot
        /// The ICB's areas (positions in the model), by LSOA code.
        var areas: [Int]
        /// The ICB's sites, by name.
        var sites: [Int]
        var inequality: AccessInequality
        var england: AccessInequality
        /// The national gap list's entries in this ICB, largest shortfall first.
        var gaps: [AccessGaps.Entry]
        /// Each area's scores, with its rank in the ICB (1 = least access).
        var areaRows: [AccessAreaRow]
        var gapRows: [AccessGapRow]
        var deciles: [AccessDecileRow]
        /// What the map draws besides the scores; `nil` when the boundaries could not be read.
        var boundaries: Boundaries?

        /// The ICB's outline, its neighbours and its LSOAs' boundaries (by position in the model).
        struct Boundaries: Sendable {
            var outline: AreaShape?
            var neighbours: [AreaShape]
            var areas: [Int: [[GridPoint]]]

            init(_ all: MapBoundaries, icb: ICB, areas: [Int], in model: AccessModel) {
                let outline = all.icbs[icb.onsCode.rawValue] ?? all.icbs[icb.onsCode2022.rawValue]
                self.outline = outline
                neighbours = all.icbs.values.filter { $0.code != outline?.code }.sorted { $0.code < $1.code }
                self.areas = Dictionary(
                    uniqueKeysWithValues: areas.compactMap { index in
                        all.lsoas[model.areas[index].code.rawValue].map { (index, $0.rings) }
                    })
            }
        }

        var service: AccessService { snapshot.service }
        /// People living in the ICB's gap LSOAs.
        var gapPopulation: Double { gaps.reduce(0) { $0 + snapshot.model.population[$1.area] } }
        var siteRows: [AccessSite] { sites.map { snapshot.model.sites[$0] } }

        static func query(_ context: QueryContext, icb code: ICBCode, choices: AccessChoices) async throws -> Model {
            let (service, demand) = try choices.resolved()
            let icb = try await context.openData.requireICB(code)
            let snapshot = try await AccessSnapshot.query(context, service: service, demand: demand)
            let model = snapshot.model
            let areas = model.areas(in: code)
            let inICB = Set(areas)
            let ranks = model.ranks(of: areas)
            let inequality = model.inequality(of: areas)
            let england = model.inequality()
            let gaps = model.gaps.filter { inICB.contains($0.area) }
            let rows = Dictionary(uniqueKeysWithValues: areas.map { ($0, snapshot.row($0, rank: ranks[$0])) })
            return Model(
                icb: icb, choices: choices, snapshot: snapshot, areas: areas,
                sites: model.sites(of: code).sorted {
                    (model.sites[$0].name, model.sites[$0].id) < (model.sites[$1].name, model.sites[$1].id)
                },
                inequality: inequality, england: england, gaps: gaps, areaRows: areas.compactMap { rows[$0] },
                gapRows: gaps.enumerated().compactMap { position, entry in
                    rows[entry.area].map { AccessGapRow(position: position + 1, entry: entry, row: $0) }
                },
                deciles: AccessDecileRow.rows(inequality, england: england, per: service.per),
                boundaries: await context.maps?.boundaries().map {
                    Boundaries($0, icb: icb, areas: areas, in: model)
                })
        }
    }
}

extension AccessDecileRow {
    /// Deciles 1 to 10 of the ICB beside England's (and after a what-if, the ICB's after it).
    static func rows(_ icb: AccessInequality, england: AccessInequality, after: AccessInequality? = nil, per: Double)
        -> [AccessDecileRow]
    {
        (1...10).map { decile in
            AccessDecileRow(
                decile: decile, icb: icb.deciles.first { $0.decile == decile },
                england: england.deciles.first { $0.decile == decile },
                after: after?.deciles.first { $0.decile == decile }, per: per)
        }
    }
}

/// A what-if on an ICB's access: close a site, change its capacity, move UDAs or open a site at a postcode.
enum WhatIf {
    struct Model: Sendable {
        var access: ICBAccess.Model
        var form: WhatIfForm
        /// The change asked for, or `nil` when the form asks for none yet.
        var outcome: Outcome?

        struct Outcome: Sendable {
            var changes: [AccessScenario.Change]
            /// The change in words.
            var description: String
            var result: AccessWhatIf
            /// The areas whose score changed, largest fall first.
            var changedRows: [AccessAreaRow]
            var deciles: [AccessDecileRow]
            /// Sites the change touches (closed, resized, moved from or to).
            var touchedSites: Set<Int>
            /// Where new sites open.
            var openedAt: [GridPoint]
            /// How many of the changed areas are in the ICB.
            var changedInICB: Int
        }

        static func query(_ context: QueryContext, icb code: ICBCode, choices: AccessChoices, form: WhatIfForm)
            async throws -> Model
        {
            let access = try await ICBAccess.Model.query(context, icb: code, choices: choices)
            let snapshot = access.snapshot
            guard
                let (changes, description) = try await form.changes(
                    in: snapshot.model, store: AccessStore(database: context.database))
            else {
                return Model(access: access, form: form, outcome: nil)
            }
            let result: AccessWhatIf
            do {
                result = try snapshot.model.whatIf(changes, icb: code)
            } catch {
                throw WebError.badRequest(.invalidChange, "The change cannot apply: \(error.description).")
            }
            let rows = result.changedAreas.map { snapshot.row($0, after: result.after) }
                .sorted { ($0.change, $0.area.code.rawValue) < ($1.change, $1.area.code.rawValue) }
            let touched = Set(
                changes.flatMap { change -> [Int] in
                    switch change {
                    case .close(let site), .setCapacity(let site, _): [site]
                    case .move(_, let from, let to): [from, to]
                    case .open: []
                    }
                })
            let opened = changes.compactMap { change -> GridPoint? in
                if case .open(let location, _) = change { return location }
                return nil
            }
            return Model(
                access: access, form: form,
                outcome: Outcome(
                    changes: changes, description: description, result: result, changedRows: rows,
                    deciles: AccessDecileRow.rows(
                        result.inequalityBefore, england: access.england, after: result.inequalityAfter,
                        per: snapshot.service.per),
                    touchedSites: touched, openedAt: opened, changedInICB: rows.filter { $0.area.icb == code }.count))
        }
    }
}

/// Access in every ICB.
enum EnglandAccess {
    struct Model: Sendable {
        var choices: AccessChoices
        var snapshot: AccessSnapshot
        var rows: [AccessICBRow]
        var england: AccessInequality
        var deciles: [AccessDecileRow]
        var service: AccessService { snapshot.service }
        /// People living in England's gap LSOAs.
        var gapPopulation: Double { snapshot.model.gaps.reduce(0) { $0 + snapshot.model.population[$1.area] } }

        static func query(_ context: QueryContext, choices: AccessChoices) async throws -> Model {
            let (service, demand) = try choices.resolved()
            let snapshot = try await AccessSnapshot.query(context, service: service, demand: demand)
            let model = snapshot.model
            let gapsByICB = Dictionary(grouping: model.gaps) { model.areas[$0.area].icb }
            let rows = try await context.openData.icbs().map { icb in
                let gaps = gapsByICB[icb.code] ?? []
                return AccessICBRow(
                    icb: icb, summary: model.inequality(of: model.areas(in: icb.code)), gaps: gaps.count,
                    gapPopulation: gaps.reduce(0) { $0 + model.population[$1.area] }, per: service.per)
            }
            let england = model.inequality()
            return Model(
                choices: choices, snapshot: snapshot, rows: rows, england: england,
                deciles: AccessDecileRow.rows(england, england: england, per: service.per))
        }
    }
}
