import Foundation
import Plot
import PodiumCore

extension ContractShow {
    /// One dental contract: position against the profile, mid-year review, forecast with range, why, variations,
    /// monthly series and the changes seen in the data.
    struct View: PageView {
        let model: Model
        let form: VariationFormState
        let context: PageContext
        let months: Table<ContractMonth>
        let changes: Table<ContractChange>
        let forecast: Table<Projection>?
        let variations: Table<ContractVariation>
        let spc: Table<SPCPoint>
        let signals: Table<SignalReading>
        let history: Table<ContractYearOutcome>

        init(_ model: Model, form: VariationFormState = VariationFormState(), context: PageContext) {
            self.model = model
            self.form = form
            self.context = context
            months = ContractTables.months(model.detail.monthsOfYear)
            changes = ContractTables.changes(model.detail.current.changes)
            forecast = model.position.forecast.map {
                PositionTables.projections($0, rules: model.position.settings.rules)
            }
            variations = PositionTables.variations(model.variations)
            spc = SPCTables.points(model.delivery)
            signals = WarningViews.breakdownTable(model.warning?.readings ?? [])
            history = ContractHistoryView.table(
                model.history, path: PodiumRoute.dentalContract(model.detail.contract).path)
        }

        var downloadName: String { "dental-contract-\(model.detail.contract)" }
        var tables: [AnyTable] {
            [AnyTable(months), AnyTable(changes), AnyTable(variations)] + (forecast.map { [AnyTable($0)] } ?? [])
                + [AnyTable(spc), AnyTable(signals), AnyTable(history)]
        }

        func document() -> HTML {
            let detail = model.detail
            let position = model.position
            let latest = detail.current.latest
            var crumbs = [Crumb(title: "England", href: PodiumRoute.home.path)]
            if let icb = detail.icb {
                crumbs += [
                    Crumb(title: icb.shortName, href: PodiumRoute.icb(icb.code).path),
                    Crumb(title: "Dental position", href: PodiumRoute.dentalPosition(icb.code).path),
                ]
            }
            crumbs.append(Crumb(title: detail.contract.rawValue))
            let path = PodiumRoute.dentalContract(detail.contract).path
            let choices = model.choices
            let csv: (String) -> String = {
                ListLinks(path: path, request: ListRequest(), extra: choices.queryItems).csv(table: $0)
            }
            let foundation =
                position.settings.countsFoundationDentistUDAs
                ? " (including foundation dentists)" : " (excluding foundation dentists)"
            return Layout.page(
                title: "\(latest.providerName) (contract \(detail.contract))", context: context, crumbs: crumbs,
                sources: detail.sources,
                content: [
                    YearNavigation(choice: model.yearChoice, path: path, extra: choices.queryItems).block(),
                    DentalPositionFigures.asOfNotice(choices),
                    model.dataChecks.isEmpty
                        ? .empty
                        : Layout.paragraph(
                            "Data check: "
                                + model.dataChecks.map { "\($0.kind.label.lowercased()): \($0.words)" }.joined(
                                    separator: "; ")
                                + ". Figures built on these published values may mislead; check them with NHSBSA.",
                            class: "notice warning"),
                    Self.facts(model),
                    SettingsForm.render(path: path, choices: model.choices, settings: position.settings),
                    .div(.attr("class", "figures"), .group(Self.cards(position, coverage: detail.coverage))),
                    .h2(.plain("Delivery against the working-day profile, \(position.financialYear.label)")),
                    Layout.paragraph(
                        "Bars are UDAs delivered each schedule month\(foundation); dashed markers are the target spread by working days (bank holidays and weekends excluded), "
                            + "so a bar above its marker is ahead of profile. Higher is better. Months missing from the source are shown as gaps, never as zero.",
                        class: "direction"),
                    Self.profileChart(position).render(id: "profile-chart"),
                    model.delivery.section(
                        heading: .h2(.plain("Statistical process control: monthly delivery against profile")), csv: csv),
                    Self.midYearSection(position),
                    Self.forecastSection(position, table: forecast, csv: csv),
                    ContractHistoryView.section(
                        model.history, table: history, changes: ContractChange.history(of: detail.months),
                        contract: detail.contract, latestDataMonth: model.latestDataMonth, csv: csv),
                    Self.whySection(position.notes),
                    Self.variationsSection(model, table: variations, form: form, csv: csv, context: context),
                    WarningViews.section(
                        model.warning, provider: detail.contract.rawValue, icb: detail.commissioner,
                        csv: csv(signals.id), context: context),
                    .h2(.plain("Monthly activity")),
                    .unwrap(detail.coverage.gaps.isEmpty ? nil : detail.coverage.gaps) { gaps in
                        Layout.paragraph(
                            "Missing from the source data: \(gaps.map(\.label).joined(separator: ", ")). \"–\" in a cell means the month's file reported nothing.",
                            class: "notice")
                    },
                    TableView.whole(months, csv: csv(months.id), note: "\(months.rows.count) months of data. "),
                    .h2(.plain("Variations seen in the NHSBSA data")),
                    changes.rows.isEmpty
                        ? Layout.paragraph(
                            "No change of UDA target, contract value or commissioner between the months in the data.")
                        : TableView.whole(
                            changes, csv: csv(changes.id),
                            note:
                                "\(Words.count(changes.rows.count, "change")), each shown in the month it first appears; the year uses the latest target and value. "
                        ),
                ])
        }

        private static func facts(_ item: Model) -> Node<HTML.BodyContext> {
            let latest = item.detail.current.latest
            return .dl(
                .attr("class", "facts"),
                .dt(.plain("Contract number")), .dd(.plain(item.detail.contract.rawValue)),
                .dt(.plain("Commissioner")), .dd(.plain("\(latest.commissionerName) (\(latest.commissioner))")),
                .dt(.plain("Practice postcode")), .dd(.plain(latest.postcode.display)),
                .dt(.plain("LSOA (2011)")), .dd(.plain(latest.lsoa2011?.rawValue ?? "–")),
                .dt(.plain("Latest month of data")), .dd(.plain("\(latest.month.label) (provisional)"))
            )
        }

        private static func cards(_ position: ContractPosition, coverage: ActivityCoverage) -> [Node<HTML.BodyContext>]
        {
            let terms = position.terms
            var cards: [Node<HTML.BodyContext>] = [
                Layout.figure(
                    "UDA target, \(position.financialYear.label)", terms.effective.target.formatted,
                    source: "UDA_PERF_TARGET, \(position.latest.month.label)",
                    note: terms.effective == terms.base
                        ? nil : "\(terms.base.target.formatted) before recorded variations"),
                Layout.figure(
                    "Contract value", terms.effective.value.formatted,
                    source: "UDA_FIN_VAL, \(position.latest.month.label)",
                    note: terms.effective.udaValue.perUDA.map { "\($0.formatted) per UDA" }),
                Layout.figure(
                    "Delivered to date", position.deliveredToDate.formatted,
                    source: "UDA_DELIVERED, \(coverage.summary)",
                    note: position.againstProfile.percentText.map {
                        "\($0) of the working-day profile (higher is better)"
                    }),
            ]
            if let midYear = position.midYear {
                cards.append(
                    Layout.figure(
                        "Mid-year (April–September)", midYear.achievement.percentText ?? "–",
                        source: "GDS Regs Sch 3 para 58",
                        note: midYear.isFlagged
                            ? "Below \(midYear.threshold.formatted) of the target at 30 September: flagged for review"
                            : "At or above \(midYear.threshold.formatted) of the target at 30 September: not flagged"))
            } else if let reason = position.notReviewedAtMidYear {
                cards.append(
                    Layout.figure(
                        "Mid-year (April–September)", "not reviewed", source: "GDS Regs Sch 3 para 58", note: reason))
            }
            let status = YearEndStatus(isFinal: position.isFinal, rules: position.settings.rules)
            if let forecast = position.forecast, status != .projected {
                let result = forecast.central.result
                cards.append(
                    Layout.figure(
                        "Year end (\(status.shortLabel))", result.achievement.percentText ?? "–",
                        source: "the twelve months' data, after what was brought forward", note: result.outcome.rawValue
                    ))
                cards.append(
                    Layout.figure(
                        "Clawback (\(status.shortLabel))", result.clawback.formatted,
                        source: "year-end rules, NHSBSA KA-01672",
                        note: status == .estimate ? "the pandemic year's rules are [unconfirmed]" : nil))
            } else if let forecast = position.forecast {
                let central = forecast.central.result
                cards.append(
                    Layout.figure(
                        "Projected year end", central.achievement.percentText ?? "–",
                        source: forecast.learned == nil
                            ? "year-to-date pace, working days" : "learned from past years' delivery",
                        note:
                            "\(central.outcome.rawValue); \(forecast.learned == nil ? "range" : "80% likely") \(forecast.low.result.achievement.percentText ?? "–")–\(forecast.high.result.achievement.percentText ?? "–")"
                    ))
                cards.append(
                    Layout.figure(
                        "Projected clawback", central.clawback.formatted, source: "year-end rules, NHSBSA KA-01672",
                        note:
                            "\(forecast.learned == nil ? "range" : "80% likely") \(forecast.high.result.clawback.formatted)–\(forecast.low.result.clawback.formatted)"
                    ))
            }
            return cards
        }

        static func profileChart(_ position: ContractPosition) -> BarChart {
            .againstProfile(
                title: "UDAs delivered each month against the working-day profile, \(position.financialYear.label)",
                summary:
                    "Monthly UDAs delivered, with the expected UDAs of a working-day profile of the \(position.terms.effective.target.formatted) UDA target. Higher is better.",
                months: position.months.map { ($0.month, $0.delivered, $0.expected) }, compact: false)
        }

        private static func midYearSection(_ position: ContractPosition) -> Node<HTML.BodyContext> {
            guard let midYear = position.midYear else {
                return position.notReviewedAtMidYear.map {
                    .section(.attr("id", "mid-year"), .h2(.plain("Mid-year review")), Layout.paragraph($0))
                } ?? .empty
            }
            return .section(
                .attr("id", "mid-year"),
                .h2(.plain("Mid-year review")),
                .p(
                    .attr("class", midYear.isFlagged ? "flag" : "ok"),
                    .plain(midYear.isFlagged ? "Flagged for a mid-year review." : "Not flagged.")),
                Layout.paragraph(midYear.note.explanation + "."),
                Layout.paragraph(
                    "Rule: below \(midYear.threshold.formatted) of the annual target by the end of September, the commissioner may require a review and a written activity plan, and may withhold money up to the annual value less the value of twice the first-half delivery (a ceiling, not a default). Source: \(midYear.note.source)."
                )
            )
        }

        private static func forecastSection(
            _ position: ContractPosition, table: Table<Projection>?, csv: (String) -> String
        ) -> Node<HTML.BodyContext> {
            guard let forecast = position.forecast, let table else {
                return .section(
                    .h2(.plain("Forecast year end")),
                    Layout.paragraph(
                        position.notes.first { $0.rule == "Forecast" }?.explanation
                            ?? "No forecast: no months reported yet."))
            }
            guard !position.isFinal else {
                return .section(
                    .attr("id", "year-end"),
                    .h2(.plain("Year end")),
                    Layout.paragraph(
                        "\(position.yearEndLabel.prefix(1).uppercased() + position.yearEndLabel.dropFirst()): \(forecast.central.yearEndDelivery.rounded(to: 1).formatted) UDAs delivered in the year. "
                            + "Reconciled with \(position.settings.rules.note) \(position.settings.rules.basis.label)."),
                    TableView.whole(
                        table, csv: csv(table.id),
                        note: "The year's delivery (both paces are the same once all twelve months are in). ")
                )
            }
            if let learned = forecast.learned {
                return .section(
                    .attr("id", "year-end"),
                    .h2(.plain("Forecast year end")),
                    Layout.paragraph(
                        "Central figure, learned from past years: \(learned.why). The year-to-date pace and the \(forecast.recent.basis) are shown for comparison: delivery is back-loaded, so pace overstates a shortfall. "
                            + "Reconciled with \(position.settings.rules.note) \(position.settings.rules.basis.label)."),
                    TableView.whole(
                        table, csv: csv(table.id),
                        note: "The learned forecast, its 80% interval (10th and 90th percentiles) and two paces. "))
            }
            return .section(
                .attr("id", "year-end"),
                .h2(.plain("Forecast year end")),
                Layout.paragraph(
                    "Projected from the working-day pace: delivered so far, plus the pace × the \(forecast.workingDaysProjected) working days not yet reported (months to come and months missing from the source). "
                        + "The range runs between the year-to-date pace and the \(forecast.recent.basis). Reconciled with \(position.settings.rules.note) \(position.settings.rules.basis.label)."
                ),
                TableView.whole(table, csv: csv(table.id), note: "Two paces. ")
            )
        }

        static func whySection(_ notes: [RuleNote]) -> Node<HTML.BodyContext> {
            .section(
                .attr("id", "why"),
                .h2(.plain("Why: the rules behind each figure")),
                .ul(
                    .attr("class", "why"),
                    .forEach(notes) { note in
                        .li(
                            .strong(.plain(note.rule + ": ")), .plain(note.explanation + ". "),
                            .span(.attr("class", "source"), .plain("Source: \(note.source).")))
                    })
            )
        }

        private static func variationsSection(
            _ item: Model, table: Table<ContractVariation>, form: VariationFormState, csv: (String) -> String,
            context: PageContext
        ) -> Node<HTML.BodyContext> {
            let number = item.detail.contract
            // Forms only for those who may record variations for the contract's commissioner (the same ICB the access check uses).
            let canEdit = context.canEdit(item.detail.commissioner)
            return .section(
                .attr("id", "variations"),
                .h2(.plain("Variations recorded by commissioners")),
                Layout.paragraph(
                    "A hand-back, a minimum UDA value uplift or a termination changes the year's target and value from its effective date, pro-rated by calendar days (an unconfirmed rule). "
                        + "Record a variation only while the NHSBSA data does not yet show it; withdraw it once it does."
                ),
                table.rows.isEmpty
                    ? Layout.paragraph("None recorded.")
                    : TableView.whole(table, csv: csv(table.id), note: "\(table.rows.count) recorded. "),
                .if(
                    canEdit,
                    .group(
                        .forEach(item.variations.filter(\.isInForce)) { variation in
                            .form(
                                .attr("method", "post"),
                                .attr("action", PodiumRoute.withdrawVariation(number, id: variation.record.id).path),
                                .attr("class", "inline no-print"),
                                Layout.csrfField(context),
                                .span(
                                    .plain(
                                        "Withdraw the \(variation.change.label.lowercased()) of \(variation.effective.label):"
                                    )),
                                .input(
                                    .attr("type", "text"), .attr("name", "reason"), .attr("placeholder", "why"),
                                    .attr("required", "required"), .attr("aria-label", "Reason for withdrawing")),
                                .button(.attr("type", "submit"), .plain("Withdraw"))
                            )
                        },
                        .h3(.plain("Record a variation")),
                        .unwrap(form.errors.isEmpty ? nil : form.errors) { errors in
                            .div(
                                .attr("class", "errors"), .attr("role", "alert"),
                                .h2(.plain("The variation was not recorded")), .ul(.forEach(errors) { .li(.plain($0)) })
                            )
                        },
                        recordForm(number, values: form.values, context: context)
                    ))
            )
        }

        private static func recordForm(_ number: ContractNumber, values: VariationForm, context: PageContext) -> Node<
            HTML.BodyContext
        > {
            let kind = values.kind ?? "hand-back"
            return .form(
                .attr("method", "post"), .attr("action", PodiumRoute.recordVariation(number).path),
                .attr("class", "record no-print"),
                Layout.csrfField(context),
                .label(.attr("for", "v-kind"), .plain("Variation")),
                .select(
                    .attr("id", "v-kind"), .attr("name", "kind"),
                    .choice("hand-back", "Hand-back (rebasing)", selected: kind == "hand-back"),
                    .choice("minimum-uda-value", "Minimum UDA value uplift", selected: kind == "minimum-uda-value"),
                    .choice("termination", "Termination", selected: kind == "termination")
                ),
                .label(
                    .attr("for", "v-effective"), .plain("Effective date"),
                    .span(.attr("class", "hint"), .plain("for a termination, the last day"))),
                .input(
                    .attr("type", "date"), .attr("id", "v-effective"), .attr("name", "effective"),
                    .attr("value", values.effective ?? ""), .attr("required", "required")),
                .label(
                    .attr("for", "v-udas"), .plain("UDAs handed back"),
                    .span(.attr("class", "hint"), .plain("hand-back only, a year"))),
                .input(
                    .attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "v-udas"), .attr("name", "udas"),
                    .attr("value", values.udas ?? "")),
                .label(
                    .attr("for", "v-value"), .plain("Value handed back (£)"),
                    .span(.attr("class", "hint"), .plain("hand-back only, a year"))),
                .input(
                    .attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "v-value"),
                    .attr("name", "value"), .attr("value", values.value ?? "")),
                .label(
                    .attr("for", "v-minimum"), .plain("Minimum UDA value (£)"),
                    .span(.attr("class", "hint"), .plain("uplift only, e.g. 28.00"))),
                .input(
                    .attr("type", "text"), .attr("inputmode", "decimal"), .attr("id", "v-minimum"),
                    .attr("name", "minimum"), .attr("value", values.minimum ?? "")),
                .label(
                    .attr("for", "v-method"), .plain("Uplift by"),
                    .span(.attr("class", "hint"), .plain("uplift only: one or the other, never both"))),
                .select(
                    .attr("id", "v-method"), .attr("name", "method"),
                    .choice(
                        UpliftMethod.raiseValue.rawValue, "raising the contract value",
                        selected: values.method != UpliftMethod.lowerTarget.rawValue),
                    .choice(
                        UpliftMethod.lowerTarget.rawValue, "lowering the UDA target",
                        selected: values.method == UpliftMethod.lowerTarget.rawValue)
                ),
                .label(.attr("for", "v-reason"), .plain("Reason")),
                .textarea(
                    .attr("id", "v-reason"), .attr("name", "reason"), .attr("required", "required"),
                    .plain(values.reason ?? "")),
                .button(.attr("type", "submit"), .attr("class", "button"), .plain("Record variation"))
            )
        }
    }
}
