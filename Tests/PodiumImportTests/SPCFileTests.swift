import PodiumCore
import PodiumTestSupport
import Testing

@testable import PodiumImport

@Suite("podium spc files")
struct SPCFileTests {
    /// Eleven months at 10 and a twelfth at 22: mean 11, MR̄ = 12/11, limits 11 ± 2.66 × 12/11 and 2σ at 11 ± 1.7733 × 12/11,
    /// worked by hand. The eleven below the mean are a shift (concern, as higher is better); 22 is above the upper limit.
    @Test("A worked series, row by row, as podium spc writes it, with both icons")
    func workedSeries() throws {
        let months = (1...12).map { "2024-\($0 < 10 ? "0" : "")\($0),\($0 == 12 ? 22 : 10)" }
        let text = "period,value\n" + months.joined(separator: "\n") + "\n"
        let series = try SPCFile.read(
            try SourceFile.load(path: Fixtures.temporaryFile(named: "series.csv", text: text)))
        let chart = XmRChart(periods: series.periods, values: series.values, direction: .increase, target: 12)
        let limits = "11,8.098182,13.901818,9.065455,12.934545"
        #expect(
            SPCFile.write(chart) == """
                period,value,mean,lpl,upl,lower_2sigma,upper_2sigma,rules,point_type
                \((1...11).map { "2024-\($0 < 10 ? "0" : "")\($0),10,\(limits),shift,concern\n" }.joined())2024-12,22,\(limits),astronomical,improvement

                """)
        #expect(
            SPCFile.icons(chart)
                == "variation: improvement-high (Special cause improvement (high)); assurance: hit-and-miss (Hit and miss: the target is within the process limits)"
        )
    }

    @Test("Under 12 points the icons line says the limits are trial limits")
    func trial() throws {
        let chart = XmRChart(periods: ["a", "b", "c"], values: [1, 2, 3], direction: .decrease)
        #expect(SPCFile.icons(chart).hasSuffix("; trial limits (fewer than 12 points)"))
        #expect(SPCFile.write(chart).hasSuffix("c,3,2,-0.66,4.66,0.226667,3.773333,,commonCause\n"))
    }

    @Test(
        "A bad file charts nothing and names every problem's line and column",
        arguments: [
            (
                "period,value\n2024-01,abc\n,3\n",
                ["bad.csv:2:2: value: \"abc\" is not a number", "bad.csv:3:1: period: is blank"]
            ),
            ("month,value\n2024-01,3\n", ["bad.csv:1: missing column \"period\""]),
            ("period,value\n", ["bad.csv:1: the file has no data rows"]),
            ("period,value\n2024-01,3,4\n", ["bad.csv:2: expected 2 fields, found 3"]),
        ])
    func badFile(text: String, problems: [String]) throws {
        let source = try SourceFile.load(path: Fixtures.temporaryFile(named: "bad.csv", text: text))
        let failure = try #require(#expect(throws: InputFileFailure.self) { try SPCFile.read(source) })
        #expect(failure.issues.map(\.description) == problems)
        #expect(failure.description.contains("not charted"))
    }
}
