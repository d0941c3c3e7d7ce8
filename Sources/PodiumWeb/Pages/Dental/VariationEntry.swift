import Foundation
import PodiumCore
import PodiumData

/// Turns the posted variation form into a Core variation, or the list of what is wrong with it.
enum VariationEntry {
    static let maximumTextLength = 2000

    /// Everything wrong with a posted form, in words for the person who typed it.
    struct Problems: Error {
        var messages: [String]
    }

    /// Records a variation that has passed ``parse`` and ``check``.
    static func record(_ context: QueryContext, _ variation: ContractVariation) async throws {
        try await VariationStore(database: context.database).record(variation)
    }

    /// Withdraws a variation in force; a 404 when the contract has none with that identifier.
    static func withdraw(
        _ context: QueryContext, id: String, contract: ContractNumber, withdrawal: VariationRecord.Withdrawal
    ) async throws {
        guard
            try await VariationStore(database: context.database).withdraw(
                id: id, contract: contract, withdrawal: withdrawal)
        else {
            throw WebError.notFound(
                .variationNotFound, "No variation in force with that identifier on contract \(contract).")
        }
    }

    /// What a withdrawal without a usable reason is told.
    static let withdrawalReasonNeeded = "To withdraw a variation, say why (up to \(maximumTextLength) characters)."

    /// A withdrawal with its reason, or `nil` when the reason is empty or too long.
    static func withdrawal(reason: String, by: String, at: String) -> VariationRecord.Withdrawal? {
        guard !reason.isEmpty, reason.count <= maximumTextLength else { return nil }
        return VariationRecord.Withdrawal(by: by, at: at, reason: reason)
    }

    /// Refuses what cannot apply to the contract's year (a hand-back larger than the contract, an uplift not
    /// needed) now, not at year end.
    static func check(_ variation: ContractVariation, against model: ContractShow.Model) -> Result<
        ContractVariation, Problems
    > {
        let timeline = ContractTermsTimeline(
            financialYear: model.position.financialYear, base: model.position.terms.base,
            variations: model.variations + [variation])
        if let problem = timeline.rejected.first(where: { $0.variation.record.id == variation.record.id }) {
            return .failure(Problems(messages: [problem.error.description]))
        }
        return .success(variation)
    }

    static func parse(_ form: VariationForm, contract: ContractNumber, id: String, recordedBy: String, now: String)
        -> Result<ContractVariation, Problems>
    {
        var errors: [String] = []
        let effective = form.effective.flatMap { CalendarDate($0) }
        if effective == nil { errors.append("Enter the effective date as a date, for example 2024-01-01.") }
        let reason = (form.reason ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { errors.append("Give the reason for the variation.") }
        if reason.count > maximumTextLength {
            errors.append("The reason is too long (at most \(maximumTextLength) characters).")
        }

        var change: VariationChange?
        switch form.kind {
        case "hand-back":
            let udas = units(form.udas, "UDAs handed back", into: &errors)
            let value = pounds(form.value, "value handed back", into: &errors)
            if let udas, let value { change = .handBack(udas: udas, value: value) }
        case "minimum-uda-value":
            let minimum = pounds(form.minimum, "minimum UDA value", into: &errors)
            guard let method = UpliftMethod(rawValue: form.method ?? "") else {
                errors.append("Choose whether the uplift raises the value or lowers the target.")
                break
            }
            if let minimum { change = .minimumUDAValue(minimum, method: method) }
        case "termination":
            change = .termination
        default:
            errors.append("Choose the kind of variation: hand-back, minimum UDA value uplift or termination.")
        }
        guard errors.isEmpty, let change, let effective else { return .failure(Problems(messages: errors)) }
        return .success(
            ContractVariation(
                contract: contract, effective: effective, change: change,
                record: VariationRecord(id: id, recordedBy: recordedBy, recordedAt: now, reason: reason)))
    }

    /// A positive number of units, or a message.
    private static func units(_ text: String?, _ name: String, into errors: inout [String]) -> ActivityUnits? {
        positive(text, name, "Enter the \(name).", into: &errors, parse: ActivityUnits.init(parsing:)) {
            $0.tenThousandths > 0
        }
    }

    /// A positive amount in pounds (a £ sign is allowed), or a message.
    private static func pounds(_ text: String?, _ name: String, into errors: inout [String]) -> Money? {
        positive(
            text?.replacingOccurrences(of: "£", with: ""), name, "Enter the \(name) in pounds.", into: &errors,
            parse: Money.init(pounds:)
        ) {
            $0.pence > 0
        }
    }

    private static func positive<Value>(
        _ text: String?, _ name: String, _ missing: String, into errors: inout [String],
        parse: (String) throws(ScaledDecimal.ParseError) -> Value, isPositive: (Value) -> Bool
    ) -> Value? {
        guard let text, !text.isEmpty else {
            errors.append(missing)
            return nil
        }
        do {
            let value = try parse(text)
            guard isPositive(value) else {
                errors.append("The \(name) must be more than zero.")
                return nil
            }
            return value
        } catch {
            errors.append("The \(name): \(error.description).")
            return nil
        }
    }
}

/// The variation form's fields, as posted.
struct VariationForm: Codable, Sendable {
    var kind: String?
    var effective: String?
    var udas: String?
    var value: String?
    var minimum: String?
    var method: String?
    var reason: String?

    static let empty = VariationForm()
}

/// The form as shown: what was typed and what is wrong with it.
struct VariationFormState: Sendable {
    var values: VariationForm = .empty
    var errors: [String] = []
}
