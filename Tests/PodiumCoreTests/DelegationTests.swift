import PodiumCore
import Testing

@Suite("Governance: the delegation timeline, functions, default framework and evidence citations")
struct DelegationTests {
    static func status(_ icb: String, _ name: String, on date: String) throws -> DelegationStatus? {
        let entries = DelegationTimeline.entries(for: try #require(ICBCode(icb)))
        return DelegationTimeline.current(entries, on: try #require(CalendarDate(date))).first {
            $0.serviceName == name
        }?.status
    }

    /// NHS England (PRN00089; Board, 7 December 2023): POD to all remaining ICBs from 1 April 2023; the 59 specialised
    /// services by joint committee from 2023/24, delegated in the East of England, Midlands and North West from April 2024
    /// and everywhere from April 2025; 11 more services delegated to all from April 2025.
    @Test(
        "Each ICB's status by service and date follows the published timeline",
        arguments: [
            ("QT6", "Primary care dentistry", "2023-03-31", nil as DelegationStatus?),
            ("QT6", "Primary care dentistry", "2023-04-01", .delegated),
            ("QE1", "Community pharmacy", "2026-11-23", .delegated),
            ("QT6", "59 specialised services", "2024-06-01", .jointCommittee),
            ("QE1", "59 specialised services", "2024-03-31", .jointCommittee),
            ("QE1", "59 specialised services", "2024-04-01", .delegated),
            ("QHL", "59 specialised services", "2024-06-01", .delegated),
            ("QMJ", "59 specialised services", "2025-03-31", .jointCommittee),
            ("QMJ", "59 specialised services", "2025-04-01", .delegated),
            ("QMJ", "11 further specialised services", "2025-03-31", .retained),
            ("QMJ", "11 further specialised services", "2025-04-01", .delegated),
        ])
    func timeline(icb: String, service: String, date: String, expected: DelegationStatus?) throws {
        #expect(try Self.status(icb, service, on: date) == expected)
    }

    @Test(
        "A hosted team serves several ICBs: the South West hub serves the region's seven; staff transfer dates differ by region"
    )
    func hosting() throws {
        let southWest = DelegationTimeline.entries(for: try #require(ICBCode("QT6"))).first {
            $0.service == .dentalPrimary
        }
        #expect(southWest?.host.contains("South West Collaborative Commissioning Hub") == true)
        #expect(southWest?.icbsServed == NHSEnglandRegion.southWest.icbs)
        #expect(southWest?.confidence == .confirmed)
        #expect(southWest?.phase.contains("1 July 2023") == true)
        let northWest = DelegationTimeline.entries(for: try #require(ICBCode("QE1"))).first {
            $0.service == .dentalPrimary
        }
        #expect(northWest?.phase.contains("1 April 2023") == true)
        // Where no source names the hosting, the row says so rather than guess.
        #expect(northWest?.confidence == .unconfirmed && northWest?.icbsServed == [])
        let today = try #require(CalendarDate("2026-11-23"))
        let current = DelegationTimeline.current(
            DelegationTimeline.entries(for: try #require(ICBCode("QT6"))), on: today)
        #expect(
            current.map(\.service) == [
                .pharmacy, .optometry, .dentalPrimary, .dentalCommunity, .dentalSecondary, .specialised, .specialised,
            ])
        #expect(current.allSatisfy { $0.status == .delegated })
    }

    @Test("Functions: four reserved and seven delegated, every one unconfirmed until checked against the agreement")
    func functions() {
        let byArrangement = Dictionary(grouping: DelegatedFunction.defaults, by: \.arrangement).mapValues(\.count)
        #expect(byArrangement == [.reserved: 4, .delegated: 7])
        #expect(DelegatedFunction.defaults.allSatisfy { $0.confidence == .unconfirmed })
        #expect(Set(DelegatedFunction.defaults.map(\.reference)).count == DelegatedFunction.defaults.count)
    }

    @Test("The default framework has the four domains and six principles, with unique references")
    func framework() {
        let criteria = AssuranceFramework.defaults
        var domains: [String] = []
        for criterion in criteria where !domains.contains(criterion.domain) { domains.append(criterion.domain) }
        #expect(domains == AssuranceFramework.domains)
        #expect(Set(criteria.map(\.principle)).count == 6)
        #expect(Set(criteria.map(\.reference)).count == criteria.count)
        // Unrated, the framework is not ready: it rolls up to amber with nothing green.
        let rollUp = ReadinessRollUp.of(
            criteria.map { AssuranceCriterion(domain: $0.domain, principle: $0.principle, criterion: $0.criterion) })
        #expect(rollUp?.overall.status == .amber && rollUp?.overall.unrated == criteria.count)
    }

    @Test(
        "Evidence citations read kind:subject and say what is wrong",
        arguments: [
            ("contract:1014440000", "contract:1014440000"), ("SPC:delivery", "spc:delivery"),
            ("spc:adults-seen", "spc:adults-seen"),
            ("access:children", "access:children"), ("pharmacy:fa002", "pharmacy:FA002"),
            ("contract:123", "not a contract number"),
            ("spc:waiting", "the SPC measure is one of delivery, adults-seen, children-seen"),
            ("access:everyone", "the access group is adults or children"),
            ("pharmacy:V12345", "not a pharmacy ODS code"),
            ("clawback:1014440000", "the kind is one of contract, spc, access, pharmacy, warning"),
            ("delivery", "write kind:subject"), ("spc:", "write kind:subject"),
            ("warning:1014440000", "warning:1014440000"), ("warning:fa002", "warning:FA002"),
            ("warning:QT6", "the early warning of a dental contract number or a pharmacy ODS code"),
        ])
    func citations(word: String, expected: String) {
        switch EvidenceCitation.parse(word) {
        case .success(let citation): #expect(citation.description == expected)
        case .failure(let error): #expect(error.description.contains(expected), "\(error)")
        }
    }

    @Test("A field of citations keeps each once and reports every bad word")
    func citationField() {
        let (citations, problems) = EvidenceCitation.parseAll(
            "spc:delivery, access:adults spc:delivery bogus pharmacy:FA002")
        #expect(citations.map(\.description) == ["spc:delivery", "access:adults", "pharmacy:FA002"])
        #expect(problems.map(\.word) == ["bogus"])
    }

    @Test(
        "Register, programme and risk records are checked: dates in order, ICB codes, a triple-aim benefit, citations")
    func recordChecks() {
        func problems(_ template: RecordTemplate, _ cells: [String: String]) -> [String] {
            if case .failure(let problems) = template.read(cells) { return problems.problems.compactMap(\.field) }
            return []
        }
        let row = DelegationTimeline.entries(for: ICBCode("QT6")!)[0].cells
        #expect(problems(.delegations, row) == [])
        #expect(problems(.delegations, row.merging(["effective_to": "2020-01-01"]) { $1 }) == ["effective_to"])
        #expect(problems(.delegations, row.merging(["icbs_served": "QT6 XYZ"]) { $1 }) == ["icbs_served"])
        let programme = [
            "reference": "T1", "name": "Urgent access", "kind": "pilot", "objective": "More urgent care",
            "quality": "Fewer A&E visits",
            "start": "2025-04-01", "end": "2026-03-31", "status": "running",
        ]
        #expect(problems(.transformation, programme) == [])
        #expect(problems(.transformation, programme.merging(["quality": ""]) { $1 }) == ["population_health"])
        #expect(problems(.transformation, programme.merging(["end": "2025-01-01"]) { $1 }) == ["end"])
        let risk = [
            "reference": "R1", "title": "x", "category": "dental", "owner": "Ann", "initial_likelihood": "3",
            "initial_consequence": "3",
            "current_likelihood": "3", "current_consequence": "3", "target_likelihood": "2", "target_consequence": "2",
            "review_date": "2026-12-01",
            "status": "open", "evidence": "spc:delivery contract:12",
        ]
        #expect(problems(.risks, risk) == ["evidence"])
    }
}
