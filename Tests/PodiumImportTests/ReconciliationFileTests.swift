import PodiumCore
import PodiumTestSupport
import Testing

@testable import PodiumImport

@Suite("podium reconcile files")
struct ReconciliationFileTests {
    static let header = ReconciliationFile.inputColumns.joined(separator: ",")

    @Test("The year-end worked example (8,000 UDAs at £31.25), row by row, as podium reconcile writes it")
    func workedExampleC() throws {
        let input =
            [Self.header]
            + ["7600", "7700", "8100", "8400"].enumerated().map { index, delivered in
                "000000000\(index + 1),8000,25000000,\(delivered),0,0,0,0"
            }
        let source = try SourceFile.load(
            path: Fixtures.temporaryFile(named: "example-c.csv", text: input.joined(separator: "\n") + "\n"))
        let output = ReconciliationFile.write(
            try ReconciliationFile.read(source),
            rules: ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2023)))
        #expect(
            output == """
                contract_number,adjusted_udas,percent,outcome,clawback_pence,shortfall_cf_udas,credit_cf_udas,unpaid_udas,breach_notice
                0000000001,7600,95.0000,Underdelivered,1250000,0,0,0,true
                0000000002,7700,96.2500,Met,0,300,0,0,false
                0000000003,8100,101.2500,Exceeded,0,0,100,0,false
                0000000004,8400,105.0000,Exceeded,0,0,160,240,false

                """)
    }

    @Test("Brought-forward balances and credits adjust delivery; the 2022/23 table uses 90%")
    func adjustments() throws {
        let text = Self.header + "\n1000080000,8000,25000000,7500,300,100,250.48,10\n"
        let rows = try ReconciliationFile.read(
            try SourceFile.load(path: Fixtures.temporaryFile(named: "adjusted.csv", text: text)))
        #expect(
            ReconciliationFile.write(rows, rules: ReconciliationRulesTable.standard).contains(
                "1000080000,7560.48,94.5060,Underdelivered,1373500,0,0,0,true"))
        #expect(
            ReconciliationFile.write(rows, rules: ReconciliationRulesTable.rules(for: FinancialYear(startYear: 2022)))
                .contains("1000080000,7560.48,94.5060,Met,0,439.52,0,0,false"))
    }

    @Test("A bad file writes nothing and names every problem's line and column")
    func badFile() throws {
        let text =
            Self.header
            + "\n1000080000,8000,25000000,7600,0,0,0,0\n1000080001,8000,2500x,7600,0,0,0,0\n123,8000,1,1,-1,0,0,0\n1000080000,8000,1,1,0,0,0,0\n"
        let source = try SourceFile.load(path: Fixtures.temporaryFile(named: "bad.csv", text: text))
        let failure = try #require(#expect(throws: InputFileFailure.self) { try ReconciliationFile.read(source) })
        #expect(
            failure.issues.map(\.description) == [
                "bad.csv:3:3: value_pence: \"2500x\" is not a number",
                "bad.csv:4:1: contract_number: \"123\" is not a valid contract number (expected 10 letters or digits)",
                "bad.csv:4:5: shortfall_bf_udas: -1 is negative",
                "bad.csv:5: contract 1000080000 is already on line 2",
            ])
        #expect(failure.description.hasSuffix("bad.csv: not reconciled (4 problems); nothing was written."))
    }
}
