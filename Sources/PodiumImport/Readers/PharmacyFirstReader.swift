import PodiumCore
import PodiumData

/// Monthly Pharmacy First consultations by condition: `date,consultation_type,count` for England, with a `region`
/// column for the regional file. Dates are the first of the month (`2024-02-01`).
struct PharmacyFirstReader: DatasetReader {
    let regional: Bool

    var layout: FileLayout {
        .headed(
            columns: regional
                ? ["date", "region", "consultation_type", "count"] : ["date", "consultation_type", "count"])
    }

    func row(_ f: inout FieldReader) -> PharmacyFirstCount? {
        let dateText = f.required("date")
        let date = dateText.flatMap(CalendarDate.init)
        if let dateText, date == nil { f.problem("date", "\"\(dateText)\" is not a date (expected YYYY-MM-DD)") }
        let area = regional ? f.required("region") : PharmacyFirstCount.england
        let condition = f.choice("consultation_type", as: PharmacyFirstCondition.self)
        let count = f.integer("count", in: 0...100_000_000)
        if regional, area == PharmacyFirstCount.england {
            f.problem("region", "\"England\" is the national file's area, not a region")
        }
        guard let date, let area, area != (regional ? PharmacyFirstCount.england : ""), let condition, let count else {
            return nil
        }
        return PharmacyFirstCount(area: area, month: date.yearMonth, condition: condition, consultations: count)
    }
}
