/// Points bucketed in square cells, so "everything within r of here" reads a few cells instead of every point.
/// Distances are Euclidean on the British National Grid (metres), computed as `sqrt(dx² + dy²)` — bit-identical to
/// the shared fixtures' k-d tree for whole-metre coordinates.
public struct GridIndex: Sendable {
    public let cellSize: Double
    let minX: Double, minY: Double
    let columns: Int, rows: Int
    /// Points of cell `c` are `items[cellStart[c]..<cellStart[c + 1]]`, in index order.
    let cellStart: [Int]
    let items: [Int32]
    let xs: [Double], ys: [Double]

    public var count: Int { xs.count }

    public init(_ points: [GridPoint], cellSize: Double) {
        precondition(cellSize > 0, "a positive cell size")
        self.cellSize = cellSize
        xs = points.map(\.easting)
        ys = points.map(\.northing)
        minX = xs.min() ?? 0
        minY = ys.min() ?? 0
        columns = max(1, Int((((xs.max() ?? 0) - minX) / cellSize).rounded(.down)) + 1)
        rows = max(1, Int((((ys.max() ?? 0) - minY) / cellSize).rounded(.down)) + 1)
        // Counting sort of the points into cells.
        var start = Array(repeating: 0, count: columns * rows + 1)
        var cellOf = [Int](repeating: 0, count: points.count)
        for index in points.indices {
            let cell = Self.cell(
                xs[index], ys[index], minX: minX, minY: minY, size: cellSize, columns: columns, rows: rows)
            cellOf[index] = cell
            start[cell + 1] += 1
        }
        for cell in 0..<columns * rows { start[cell + 1] += start[cell] }
        var next = start
        var items = [Int32](repeating: 0, count: points.count)
        for index in points.indices {
            items[next[cellOf[index]]] = Int32(index)
            next[cellOf[index]] += 1
        }
        cellStart = start
        self.items = items
    }

    @inline(__always)
    static func cell(_ x: Double, _ y: Double, minX: Double, minY: Double, size: Double, columns: Int, rows: Int) -> Int
    {
        let column = min(columns - 1, max(0, Int(((x - minX) / size).rounded(.down))))
        let row = min(rows - 1, max(0, Int(((y - minY) / size).rounded(.down))))
        return row * columns + column
    }

    /// Calls `body(index, distance)` for every point with distance ≤ `radius` from (`x`, `y`) (inclusive, as
    /// PySAL's `max_cost`), cell by cell.
    public func forEach(within radius: Double, ofX x: Double, y: Double, _ body: (Int, Double) -> Void) {
        let reach = Int((radius / cellSize).rounded(.up))
        let column = Int(((x - minX) / cellSize).rounded(.down))
        let row = Int(((y - minY) / cellSize).rounded(.down))
        let firstColumn = max(0, column - reach)
        let lastColumn = min(columns - 1, column + reach)
        let firstRow = max(0, row - reach)
        let lastRow = min(rows - 1, row + reach)
        guard firstColumn <= lastColumn, firstRow <= lastRow else { return }
        items.withUnsafeBufferPointer { items in
            xs.withUnsafeBufferPointer { xs in
                ys.withUnsafeBufferPointer { ys in
                    cellStart.withUnsafeBufferPointer { start in
                        for r in firstRow...lastRow {
                            for cell in (r * columns + firstColumn)...(r * columns + lastColumn) {
                                for slot in start[cell]..<start[cell + 1] {
                                    let index = Int(items[slot])
                                    let dx = xs[index] - x
                                    let dy = ys[index] - y
                                    let distance = (dx * dx + dy * dy).squareRoot()
                                    if distance <= radius { body(index, distance) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

extension GridIndex {
    /// The nearest point to (`x`, `y`) that `accept` allows, with its distance; among equally near points the one
    /// `isPreferred(a, b)` puts first. Searches a square of cells that doubles until it holds an accepted point — every
    /// point nearer than that one lies inside it — so a few cells are read instead of every point.
    public func nearest(
        toX x: Double, y: Double, where accept: (Int) -> Bool = { _ in true },
        isPreferred: (Int, Int) -> Bool = { $0 < $1 }
    ) -> (index: Int, distance: Double)? {
        guard count > 0 else { return nil }
        let maxX = minX + Double(columns) * cellSize
        let maxY = minY + Double(rows) * cellSize
        let farthest = (max(abs(x - minX), abs(x - maxX)), max(abs(y - minY), abs(y - maxY)))
        let reachAll = (farthest.0 * farthest.0 + farthest.1 * farthest.1).squareRoot()
        var radius = cellSize
        while true {
            var best: (index: Int, distance: Double)?
            forEach(within: radius, ofX: x, y: y) { index, distance in
                guard accept(index) else { return }
                if let found = best,
                    distance > found.distance || (distance == found.distance && !isPreferred(index, found.index))
                {
                    return
                }
                best = (index, distance)
            }
            if let best { return best }
            if radius >= reachAll { return nil }
            radius *= 2
        }
    }
}

/// Every (area, site) pair within the catchment radius, with its distance: the "cost table" of PySAL `access`,
/// held both ways round. Areas and sites are numbered by their position in the inputs.
///
/// The seam for travel times: anything that can list each area's reachable sites with a cost builds one of these
/// with ``init(areaCount:siteCount:radius:pairs:)``; the scores never look at coordinates.
public struct CatchmentPairs: Sendable {
    public let areaCount: Int
    public let siteCount: Int
    /// The catchment: pairs with cost ≤ radius exist; others do not (PySAL `access`: "a pair not in the table does
    /// not exist").
    public let radius: Double
    /// Area-major: area `i`'s pairs are `areaStart[i]..<areaStart[i + 1]` of `site` and `distance`.
    public let areaStart: [Int]
    public let site: [Int32]
    public let distance: [Double]
    /// Site-major view: site `j`'s pairs are `siteStart[j]..<siteStart[j + 1]` of `pairOfSite`, each an index into
    /// the area-major arrays, and `areaOfSitePair` gives the area.
    public let siteStart: [Int]
    public let pairOfSite: [Int32]
    public let areaOfSitePair: [Int32]

    public var count: Int { site.count }

    /// Pairs found with a grid index on Euclidean distance: never an all-pairs loop.
    public init(areas: [GridPoint], sites: [GridPoint], radius: Double) {
        let index = GridIndex(sites, cellSize: radius)
        var start = [0]
        start.reserveCapacity(areas.count + 1)
        var site: [Int32] = []
        var distance: [Double] = []
        site.reserveCapacity(areas.count * 32)
        distance.reserveCapacity(areas.count * 32)
        for area in areas {
            index.forEach(within: radius, ofX: area.easting, y: area.northing) { j, d in
                site.append(Int32(j))
                distance.append(d)
            }
            start.append(site.count)
        }
        self.init(
            areaCount: areas.count, siteCount: sites.count, radius: radius, areaStart: start, site: site,
            distance: distance)
    }

    /// Pairs from any cost source (a travel-time matrix, say): `pairs[i]` lists area `i`'s reachable sites and costs;
    /// costs above `radius` are dropped.
    public init(areaCount: Int, siteCount: Int, radius: Double, pairs: [[(site: Int, cost: Double)]]) {
        precondition(pairs.count == areaCount, "a list of pairs per area")
        var start = [0]
        var site: [Int32] = []
        var distance: [Double] = []
        for list in pairs {
            for pair in list where pair.cost <= radius {
                precondition(pair.site >= 0 && pair.site < siteCount, "a site of the inputs")
                site.append(Int32(pair.site))
                distance.append(pair.cost)
            }
            start.append(site.count)
        }
        self.init(
            areaCount: areaCount, siteCount: siteCount, radius: radius, areaStart: start, site: site, distance: distance
        )
    }

    private init(areaCount: Int, siteCount: Int, radius: Double, areaStart: [Int], site: [Int32], distance: [Double]) {
        self.areaCount = areaCount
        self.siteCount = siteCount
        self.radius = radius
        self.areaStart = areaStart
        self.site = site
        self.distance = distance
        // Counting sort of the pairs by site for the site-major view (areas stay in order within a site).
        var start = Array(repeating: 0, count: siteCount + 1)
        for j in site { start[Int(j) + 1] += 1 }
        for j in 0..<siteCount { start[j + 1] += start[j] }
        var next = start
        var pairOfSite = [Int32](repeating: 0, count: site.count)
        var areaOfSitePair = [Int32](repeating: 0, count: site.count)
        for area in 0..<areaCount {
            for pair in areaStart[area]..<areaStart[area + 1] {
                let j = Int(site[pair])
                pairOfSite[next[j]] = Int32(pair)
                areaOfSitePair[next[j]] = Int32(area)
                next[j] += 1
            }
        }
        siteStart = start
        self.pairOfSite = pairOfSite
        self.areaOfSitePair = areaOfSitePair
    }

    /// The weight of every pair under `weight`, in pair order.
    public func weights(_ weight: DistanceWeight) -> [Double] {
        if case .none = weight { return Array(repeating: 1, count: count) }
        return distance.map { weight.weight(at: $0) }
    }
}
