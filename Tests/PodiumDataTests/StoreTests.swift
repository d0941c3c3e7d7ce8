import PodiumCore
import PodiumData
import PodiumTestSupport
import Testing

/// Stores over the fixture slices, checked against figures computed independently by `scripts/make_fixtures.py`.
@Suite("Reading the register and its figures")
struct StoreTests {
    /// The fixtures' latest year, 2025/26 (April–September 2025).
    let year = FinancialYear(startYear: 2025)

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
            // The higher the average rank, the more deprived: ordering by it, highest first, is MHCLG's own ranking.
            let ranked = figures.values.compactMap { figure in
                figure.imdAverageRank.flatMap { rank in figure.imdRankOfAverageRank.map { (rank, $0) } }
            }
            #expect(ranked.count == 42)
            #expect(ranked.sorted { $0.0 > $1.0 }.map(\.1) == Array(1...42))
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

    @Test("Every contract year sums its months as computed from the source files, in every year of the ten")
    func contractYears() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let expected = try Fixtures.expected()
            let store = DentalStore(database: handle.database)
            var seen = 0
            for year in try await store.financialYears() {
                for contract in try await store.contractYears(in: year) {
                    let want = try #require(expected.contracts[contract.contract.rawValue]?.years[year.label])
                    #expect(contract.latest.commissioner.rawValue == want.commissioner)
                    #expect(contract.months.count == want.months)
                    #expect(contract.udaTarget.tenThousandths == want.targetHundredths * 100)
                    #expect(contract.contractValue.pence == want.valuePence)
                    #expect(contract.udasDeliveredToDate.tenThousandths == want.deliveredHundredths * 100)
                    #expect(contract.foundationDentistUDAsToDate.tenThousandths == want.foundationHundredths * 100)
                    #expect(contract.lateFP17sToDate == want.lateFP17s)
                    #expect(contract.changes.count == want.changes)
                    #expect(contract.changes.filter(\.targetChanged).count == want.targetChanges)
                    seen += 1
                }
            }
            #expect(seen == expected.contracts.values.map(\.years.count).reduce(0, +))
        }
    }

    @Test("Financial years and coverage come from the months present: ten years, the latest in progress")
    func coverage() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let store = DentalStore(database: handle.database)
            let years = try await store.financialYears()
            #expect(years.map(\.label).reversed() == (2016...2025).map { FinancialYear(startYear: $0).label })
            #expect(try await store.coverage(of: year).monthsPresent.map(\.iso) == (4...9).map { "2025-0\($0)" })
            #expect(try await store.coverage(of: FinancialYear(startYear: 2016)).isComplete)
            #expect(try await store.coverage(of: year).gaps.isEmpty)
        }
    }

    @Test("An area team's contract counts for the ICB that commissioned it next; Health & Justice's for no ICB")
    func commissionerKinds() async throws {
        try await TestDatabase.with { handle in
            try await Fixtures.importAll(into: handle.database)
            let store = DentalStore(database: handle.database)
            // 1639100001: Devon, Cornwall and Isles of Scilly area team (Q66) to March 2020, then QT6.
            let cornwall = try await store.months(of: ContractNumber("1639100001")!)
            let areaTeam = try #require(cornwall.first)
            #expect(areaTeam.commissioner.rawValue == "Q66" && areaTeam.commissionerKind == .areaTeam)
            #expect(areaTeam.icb == ICBCode("QT6"))
            #expect(cornwall.last?.commissionerKind == .icb && cornwall.last?.icb == ICBCode("QT6"))
            // 1673120002: Greater Manchester area team, then QOP, then NHS England Health & Justice (HJ2) in 2024/25.
            let healthAndJustice = try await store.months(of: ContractNumber("1673120002")!)
            let hj = try #require(healthAndJustice.last)
            #expect(hj.commissioner.rawValue == "HJ2" && hj.commissionerKind == .healthAndJustice && hj.icb == nil)
            #expect(healthAndJustice.first?.icb == ICBCode("QOP"))
            #expect(try await store.owner(of: ContractNumber("1673120002")!) == (true, nil))
            // An area team's contract that ended before any ICB took it on counts for none.
            let expected = try Fixtures.expected()
            let endedEarly = try #require(
                expected.contracts.first { $0.value.ended && $0.value.lastMonth < "202004" }?.key)
            #expect(try await store.months(of: ContractNumber(endedEarly)!).allSatisfy { $0.icb == nil })
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
