import PodiumCore
import Testing

@Suite("Filtering, sorting and paging lists")
struct ListingTests {
    struct Row: Sendable, Equatable {
        var name: String
        var value: Int64?
    }

    let rows = [
        Row(name: "Raby Road Dental", value: 30), Row(name: "Abbey Dental", value: nil),
        Row(name: "Castle Smiles", value: 10),
        Row(name: "Bay Dental Care", value: 20), Row(name: "Dental Hub", value: 20),
    ]

    func page(_ request: ListRequest) -> ListPage<Row> {
        Listing.page(
            rows, request: request, searchText: { [$0.name] },
            sortValue: { row, key in
                switch key {
                case "name": .text(row.name)
                case "value": row.value.map(SortValue.number) ?? .missing
                default: nil
                }
            })
    }

    @Test("Every search word must appear, in any case")
    func filter() {
        #expect(page(ListRequest(search: "dental")).items.count == 4)
        #expect(page(ListRequest(search: "DENTAL bay")).items.map(\.name) == ["Bay Dental Care"])
        #expect(page(ListRequest(search: "  ")).items.count == 5)
        let none = page(ListRequest(search: "orthodontist"))
        #expect(
            none.items.isEmpty && none.matching == 0 && none.total == 5 && none.firstRow == 0 && none.pageCount == 1)
    }

    @Test("Sorting is stable, and missing values go last in both directions")
    func sort() {
        #expect(
            page(ListRequest(sort: "value")).items.map(\.name) == [
                "Castle Smiles", "Bay Dental Care", "Dental Hub", "Raby Road Dental", "Abbey Dental",
            ])
        #expect(
            page(ListRequest(sort: "value", descending: true)).items.map(\.name)
                == ["Raby Road Dental", "Bay Dental Care", "Dental Hub", "Castle Smiles", "Abbey Dental"])
        #expect(page(ListRequest(sort: "name")).items.first?.name == "Abbey Dental")
        #expect(page(ListRequest(sort: "unknown")).items == rows)
    }

    @Test("Pages hold perPage rows; a page past the end shows the last page")
    func paging() {
        let second = page(ListRequest(page: 2, perPage: 2))
        #expect(second.items.map(\.name) == ["Castle Smiles", "Bay Dental Care"])
        #expect(second.firstRow == 3 && second.lastRow == 4 && second.pageCount == 3)
        let beyond = page(ListRequest(page: 99, perPage: 2))
        #expect(beyond.request.page == 3 && beyond.items.map(\.name) == ["Dental Hub"])
    }

    @Test("Requests clamp page and page size to sensible bounds")
    func clamps() {
        #expect(ListRequest(page: 0).page == 1)
        #expect(ListRequest(page: -4).page == 1)
        #expect(ListRequest(perPage: 0).perPage == 1)
        #expect(ListRequest(perPage: 100_000).perPage == ListRequest.maximumPerPage)
    }
}

@Suite("Writing CSV")
struct CSVFormatTests {
    @Test(
        "Fields are quoted only when they must be",
        arguments: [
            ("plain", "plain"), ("a,b", "\"a,b\""), ("say \"hi\"", "\"say \"\"hi\"\"\""),
            ("two\nlines", "\"two\nlines\""), ("", ""),
        ])
    func quoting(field: String, expected: String) {
        #expect(CSVFormat.escape(field) == expected)
    }

    @Test(
        "Text a spreadsheet would run as a formula is defused; numbers are left alone",
        arguments: [
            ("=SUM(A1)", "'=SUM(A1)"), ("+44 161", "'+44 161"), ("@cmd", "'@cmd"), ("-12.5", "-12.5"),
            ("-3.8e-05", "-3.8e-05"),
            ("-", "'-"),
        ])
    func formulas(field: String, expected: String) {
        #expect(CSVFormat.escape(field) == expected)
    }

    @Test("Data files are written verbatim")
    func verbatim() {
        #expect(CSVFormat.line(["=x", "-3.8e-05", "a b"], spreadsheetSafe: false) == "=x,-3.8e-05,a b\r\n")
    }
}
