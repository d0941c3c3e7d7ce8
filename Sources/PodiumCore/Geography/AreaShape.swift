/// An area's boundary on the British National Grid, as the maps draw it: rings of points — outer edges and holes
/// alike, drawn with the even-odd rule — simplified ahead of time from the ONS super-generalised files
/// (`scripts/simplify-boundaries.py`, see `Data/open/README.md`).
public struct AreaShape: Sendable, Hashable {
    public var code: String
    public var name: String
    public var rings: [[GridPoint]]

    public init(code: String, name: String, rings: [[GridPoint]]) {
        self.code = code
        self.name = name
        self.rings = rings
    }

    /// The smallest and largest easting and northing of its points.
    public var bounds: (minX: Double, minY: Double, maxX: Double, maxY: Double) {
        var box = (minX: Double.infinity, minY: Double.infinity, maxX: -Double.infinity, maxY: -Double.infinity)
        for point in rings.joined() {
            box = (
                min(box.minX, point.easting), min(box.minY, point.northing), max(box.maxX, point.easting),
                max(box.maxY, point.northing)
            )
        }
        return box
    }

    /// Reads the bundled encoding: rings separated by `;`, each `x y dx dy dx dy …` in tens of metres — the first point
    /// absolute, each next one a step from the last, the closing point left out. `nil` for anything else (an odd count,
    /// a word that is not a whole number, a ring of under three points).
    public static func rings(encoded text: String) -> [[GridPoint]]? {
        var rings: [[GridPoint]] = []
        for ring in text.split(separator: ";") {
            let numbers = ring.split(separator: " ").map { Int($0) }
            guard numbers.count >= 6, numbers.count % 2 == 0, !numbers.contains(nil) else { return nil }
            var x = 0
            var y = 0
            var points: [GridPoint] = []
            points.reserveCapacity(numbers.count / 2)
            for pair in stride(from: 0, to: numbers.count, by: 2) {
                x += numbers[pair]!
                y += numbers[pair + 1]!
                points.append(GridPoint(easting: Double(x * 10), northing: Double(y * 10)))
            }
            rings.append(points)
        }
        return rings.isEmpty ? nil : rings
    }
}
