import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

/// Stores over the fixture slices, checked against figures computed independently by `scripts/make_fixtures.py`.
@Suite("Reading the register and its figures")
struct StoreTests {
    let year = FinancialYear(startYear: 2023)

    @Test("ICB headline figures match the independently computed ones")
    func figures() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let expected = try Fixtures.expected()
            let figures = try await GeographyStore(database: handle.database).figures(financialYear: year)
            #expect(figures.count == 42)
            for (code, want) in expected.icbs {
                let got = try #require(figures[ICBCode(code)!])
                #expect(got.population == want.population, "\(code) population")
                #expect(got.dentalContracts == want.dentalContracts, "\(code) contracts")
                #expect(got.contractedUDAs.tenThousandths == want.contractedUDAsHundredths * 100, "\(code) UDAs")
                #expect(got.contractedValue.pence == want.contractedValuePence, "\(code) value")
                #expect(got.pharmacies == want.pharmacies, "\(code) pharmacies")
                #expect(got.dentalPractices == want.dentalPractices, "\(code) practices")
            }
            // IoD2025 ICB summary, as published for Cornwall and the Isles of Scilly (E54000036).
            let cornwall = try #require(figures[ICBCode("QT6")!])
            #expect(cornwall.imdAverageRank != nil && cornwall.imdRankOfAverageRank != nil)
        }
    }

    @Test("Sub-ICB Locations carry their LSOAs, population and most deprived LSOAs")
    func subICBLocations() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let expected = try Fixtures.expected()
            for code in ["QT6", "QJM"] {
                let want = try #require(expected.icbs[code])
                let locations = try await GeographyStore(database: handle.database).subICBLocations(of: ICBCode(code)!)
                #expect(locations.count == want.subICBLocations)
                #expect(locations.map(\.lsoas).reduce(0, +) == want.lsoas)
                #expect(locations.map(\.population).reduce(0, +) == want.population)
                #expect(locations.map(\.mostDeprivedLSOAs).reduce(0, +) == want.mostDeprivedLSOAs)
            }
        }
    }

    @Test("Contract years sum each contract's months as computed from the source file")
    func contractYears() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let expected = try Fixtures.expected()
            let store = DentalStore(database: handle.database)
            var seen = 0
            for code in ["QT6", "QJM", "QHL"] {
                for contract in try await store.contractYears(commissionedBy: ICBCode(code)!, in: year) {
                    let want = try #require(expected.contracts[contract.contract.rawValue])
                    #expect(want.commissioner == code)
                    #expect(contract.months.count == want.months)
                    #expect(contract.udasDeliveredToDate.tenThousandths == want.udasDeliveredToDateHundredths * 100)
                    #expect(
                        contract.foundationDentistUDAsToDate.tenThousandths == want.foundationUDAsToDateHundredths * 100
                    )
                    #expect(contract.lateFP17sToDate == want.lateFP17sToDate)
                    #expect(contract.changes.count == want.changes)
                    #expect(contract.changes.filter(\.targetChanged).count == want.targetChanges)
                    seen += 1
                }
            }
            #expect(seen == expected.contracts.count)
        }
    }

    @Test("Financial years and coverage come from the months present")
    func coverage() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let store = DentalStore(database: handle.database)
            #expect(try await store.financialYears() == [year])
            #expect(try await store.coverage(of: year).gaps.map(\.iso) == ["2023-11"])
        }
    }

    @Test("Pharmacies and practices are the ICB's active ones, placed by their postcode")
    func organisations() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let expected = try Fixtures.expected()
            let store = OrganisationStore(database: handle.database)
            let pharmacies = try await store.pharmacies(in: ICBCode("QT6")!)
            #expect(pharmacies.count == expected.icbs["QT6"]?.pharmacies)
            #expect(
                pharmacies.allSatisfy { $0.organisation.status == .active && $0.organisation.icb?.rawValue == "QT6" })
            #expect(pharmacies.contains { $0.location?.hasCoordinates == true })
            let practices = try await store.dentalPractices(in: ICBCode("QJM")!)
            #expect(practices.count == expected.icbs["QJM"]?.dentalPractices)
            #expect(pharmacies.map(\.organisation.name) == pharmacies.map(\.organisation.name).sorted())
        }
    }

    @Test("An ICB not in the register is absent, not an error")
    func unknownICB() async throws {
        try await TestDatabase.with { handle async throws in
            #expect(try await GeographyStore(database: handle.database).icb(ICBCode("QZZ")!) == nil)
            #expect(try await DentalStore(database: handle.database).months(of: ContractNumber("0000000000")!).isEmpty)
        }
    }
}
