import PodiumCore

/// The `podium spc` file formats: `period,value` in; every point with its limits, rules and type out.
public enum SPCFile {
    public static let inputColumns = ["period", "value"]
    public static let outputColumns = [
        "period", "value", "mean", "lpl", "upl", "lower_2sigma", "upper_2sigma", "rules", "point_type",
    ]

    /// Reads the series in file order.
    /// - Throws: ``InputFileFailure`` naming file, line, column and reason for each problem.
    public static func read(_ source: SourceFile) throws -> (periods: [String], values: [Double]) {
        var periods: [String] = []
        var values: [Double] = []
        let issues = try HeadedCSVInput.read(source, columns: inputColumns) { fields, _ in
            let period = fields.required("period")
            let value = fields.double("value")
            if let period, let value {
                periods.append(period)
                values.append(value)
            }
            return []
        }
        guard issues.isEmpty else { throw InputFileFailure(file: source.name, issues: issues, verb: "charted") }
        return (periods, values)
    }

    /// Every point as CSV (LF line ends).
    public static func write(_ chart: XmRChart) -> String {
        var text = outputColumns.joined(separator: ",") + "\n"
        for point in chart.points {
            let limits = chart.limits(of: point)
            let numbers = [
                point.value, limits?.mean, limits?.lower, limits?.upper, limits?.lowerTwoSigma, limits?.upperTwoSigma,
            ].map { $0.map(number) ?? "" }
            let fields =
                [point.period] + numbers + [point.rules.map(\.rawValue).joined(separator: ";"), point.type.rawValue]
            text += fields.map { CSVFormat.escape($0, spreadsheetSafe: false) }.joined(separator: ",") + "\n"
        }
        return text
    }

    /// The two icons, for the last line of standard error.
    public static func icons(_ chart: XmRChart) -> String {
        "variation: \(chart.variationIcon.code) (\(chart.variationIcon.label)); assurance: "
            + (chart.assuranceIcon.map { "\($0.code) (\($0.label))" } ?? "none (needs a target and a direction)")
            + (chart.currentLimits?.isTrial == true ? "; trial limits (fewer than 12 points)" : "")
    }

    /// Up to six decimals, trailing zeros dropped.
    static func number(_ value: Double) -> String {
        var text = String(value.rounded(toPlaces: 6))
        if text.hasSuffix(".0") { text.removeLast(2) }
        return text
    }
}

extension Double {
    func rounded(toPlaces places: Int) -> Double {
        let factor = (0..<places).reduce(1.0) { value, _ in value * 10 }
        return (self * factor).rounded() / factor
    }
}
