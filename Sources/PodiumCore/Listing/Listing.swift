/// What a reader asked of a long list: a text filter, an order and a page.
public struct ListRequest: Sendable, Hashable, Codable {
    /// Words that must all appear (case-insensitive) in a row's searchable text.
    public var search: String
    /// The column key to sort by, or `nil` for the list's natural order.
    public var sort: String?
    public var descending: Bool
    /// 1-based page number.
    public var page: Int
    public var perPage: Int

    public static let defaultPerPage = 50
    public static let maximumPerPage = 500

    /// Clamps `page` to ≥ 1 and `perPage` to 1...``maximumPerPage``.
    public init(
        search: String = "", sort: String? = nil, descending: Bool = false, page: Int = 1, perPage: Int = defaultPerPage
    ) {
        self.search = search.trimmingSpaces
        self.sort = sort
        self.descending = descending
        self.page = max(1, page)
        self.perPage = min(max(1, perPage), Self.maximumPerPage)
    }

    /// The lowercased search words.
    public var terms: [String] {
        search.lowercased().split(whereSeparator: { $0 == " " }).map(String.init)
    }
}

/// A value a list can be sorted by. Missing values sort after present ones in either direction.
public enum SortValue: Sendable, Hashable, Comparable {
    case text(String)
    case number(Int64)
    case missing

    public static func < (lhs: SortValue, rhs: SortValue) -> Bool {
        switch (lhs, rhs) {
        case (.text(let a), .text(let b)): NaturalOrder.less(a, b)
        case (.number(let a), .number(let b)): a < b
        case (.missing, _): false
        case (_, .missing): true
        case (.number, .text): true
        case (.text, .number): false
        }
    }
}

/// One page of a filtered, sorted list.
public struct ListPage<Item: Sendable>: Sendable {
    public var items: [Item]
    /// Rows that matched the filter, on all pages.
    public var matching: Int
    /// Rows before filtering.
    public var total: Int
    public var request: ListRequest

    public var pageCount: Int { max(1, (matching + request.perPage - 1) / request.perPage) }
    /// 1-based index of the first row shown, 0 when nothing matched.
    public var firstRow: Int { items.isEmpty ? 0 : (request.page - 1) * request.perPage + 1 }
    public var lastRow: Int { items.isEmpty ? 0 : firstRow + items.count - 1 }
}

/// Filtering, sorting and paging of in-memory lists, shared by every table in the product.
public enum Listing {
    /// Every row matching `request.search`, sorted as requested; ties keep the input order (a stable sort).
    /// - Parameters:
    ///   - searchText: the texts of a row that the filter looks in.
    ///   - sortValue: the value of a row for a column key, or `nil` if the key is unknown (then the order is kept).
    public static func filterAndSort<Item>(
        _ items: [Item], request: ListRequest, searchText: (Item) -> [String], sortValue: (Item, String) -> SortValue?
    ) -> [Item] {
        let terms = request.terms
        var rows =
            terms.isEmpty
            ? items
            : items.filter { item in
                let haystack = searchText(item).joined(separator: " ").lowercased()
                return terms.allSatisfy { haystack.contains($0) }
            }
        if let key = request.sort, let first = rows.first, sortValue(first, key) != nil {
            let keyed = rows.enumerated().map {
                (offset: $0.offset, key: sortValue($0.element, key) ?? .missing, item: $0.element)
            }
            rows = keyed.sorted { a, b in
                if a.key == b.key { return a.offset < b.offset }
                if a.key == .missing || b.key == .missing { return b.key == .missing }
                return request.descending ? b.key < a.key : a.key < b.key
            }.map(\.item)
        }
        return rows
    }

    /// The requested page of `filterAndSort`. A page past the end is clamped to the last page.
    public static func page<Item: Sendable>(
        _ items: [Item], request: ListRequest, searchText: (Item) -> [String], sortValue: (Item, String) -> SortValue?
    ) -> ListPage<Item> {
        let rows = filterAndSort(items, request: request, searchText: searchText, sortValue: sortValue)
        var clamped = request
        clamped.page = min(request.page, max(1, (rows.count + request.perPage - 1) / request.perPage))
        let start = (clamped.page - 1) * clamped.perPage
        let slice = start < rows.count ? Array(rows[start..<min(rows.count, start + clamped.perPage)]) : []
        return ListPage(items: slice, matching: rows.count, total: items.count, request: clamped)
    }
}
