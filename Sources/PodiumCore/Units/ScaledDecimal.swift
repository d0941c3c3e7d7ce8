/// Exact parsing of decimal text into a scaled integer, so money and activity never pass through `Double`.
///
/// Published files write amounts as plain decimals (`629762.98`, `1238.8`) and sometimes with thousands
/// separators (`"29,199"` in IoD2019 File 1). `ScaledDecimal.parse("1,238.8", scale: 2)` gives `123880`.
public enum ScaledDecimal {
    /// Why a text is not an exact decimal at the requested scale.
    public enum ParseError: Error, Equatable, Sendable, CustomStringConvertible {
        case empty
        case notANumber(String)
        case tooManyDecimalPlaces(String, allowed: Int)
        case outOfRange(String)

        public var description: String {
            switch self {
            case .empty: "is empty"
            case .notANumber(let text): "\"\(text)\" is not a number"
            case .tooManyDecimalPlaces(let text, let allowed):
                "\"\(text)\" has more than \(allowed) decimal place\(allowed == 1 ? "" : "s")"
            case .outOfRange(let text): "\"\(text)\" is too large"
            }
        }
    }

    /// Parses `text` as a decimal number and returns it multiplied by 10^`scale`, exactly.
    ///
    /// Accepts an optional sign, digits with optional thousands separators (`,` between digit groups of three)
    /// and an optional fraction. Surrounding spaces are ignored. Trailing zeros beyond `scale` are accepted
    /// (`"1.50"` at scale 1 is 15); any other extra precision is an error rather than a silent rounding.
    /// - Throws: ``ParseError``.
    public static func parse(_ text: String, scale: Int) throws(ParseError) -> Int64 {
        let trimmed = text.trimmingSpaces
        guard !trimmed.isEmpty else { throw .empty }
        // Fast path for plain integers, the common case in every file.
        if let whole = Int64(trimmed) {
            let (scaled, overflow) = whole.multipliedReportingOverflow(by: pow10(scale))
            guard !overflow else { throw .outOfRange(trimmed) }
            return scaled
        }
        var bytes = Array(trimmed.utf8)[...]
        var negative = false
        if let first = bytes.first, first == UInt8(ascii: "-") || first == UInt8(ascii: "+") {
            negative = first == UInt8(ascii: "-")
            bytes = bytes.dropFirst()
        }
        let parts = bytes.split(separator: UInt8(ascii: "."), maxSplits: 1, omittingEmptySubsequences: false)
        let integerPart = parts[0]
        let fractionPart = parts.count > 1 ? parts[1] : []
        guard !integerPart.isEmpty || !fractionPart.isEmpty else { throw .notANumber(trimmed) }
        guard fractionPart.allSatisfy(isDigit) else { throw .notANumber(trimmed) }
        guard let integerDigits = digitsAllowingGroupSeparators(integerPart) else { throw .notANumber(trimmed) }

        // Extra fraction digits are allowed only when they are zeros: "1.50" at scale 1 is exact.
        let significantFraction = fractionPart.count > scale ? fractionPart.prefix(scale) : fractionPart[...]
        if fractionPart.count > scale, !fractionPart.dropFirst(scale).allSatisfy({ $0 == UInt8(ascii: "0") }) {
            throw .tooManyDecimalPlaces(trimmed, allowed: scale)
        }
        var value: Int64 = 0
        for digit in integerDigits + Array(significantFraction) {
            let (shifted, overflow1) = value.multipliedReportingOverflow(by: 10)
            let (added, overflow2) = shifted.addingReportingOverflow(Int64(digit - UInt8(ascii: "0")))
            guard !overflow1, !overflow2 else { throw .outOfRange(trimmed) }
            value = added
        }
        for _ in significantFraction.count..<scale {
            let (shifted, overflow) = value.multipliedReportingOverflow(by: 10)
            guard !overflow else { throw .outOfRange(trimmed) }
            value = shifted
        }
        return negative ? -value : value
    }

    /// Renders `value` / 10^`scale` with thousands separators, keeping at least `minimumFractionDigits` and
    /// dropping trailing zeros beyond them: `format(123880, scale: 2)` is `"1,238.8"`.
    public static func format(_ value: Int64, scale: Int, minimumFractionDigits: Int = 0) -> String {
        let magnitude = value.magnitude
        let divisor = UInt64(pow10(scale))
        // Built in ASCII bytes: tables format thousands of figures a page, and character-by-character strings were slow.
        var bytes: [UInt8] = value < 0 ? [UInt8(ascii: "-")] : []
        appendGrouped(magnitude / divisor, to: &bytes)
        var fraction = [UInt8](repeating: UInt8(ascii: "0"), count: scale)
        var rest = magnitude % divisor
        for index in stride(from: scale - 1, through: 0, by: -1) {
            fraction[index] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        }
        while fraction.count > minimumFractionDigits, fraction.last == UInt8(ascii: "0") { fraction.removeLast() }
        if !fraction.isEmpty {
            bytes.append(UInt8(ascii: "."))
            bytes.append(contentsOf: fraction)
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// `groupThousands(1234567)` is `"1,234,567"`.
    public static func groupThousands(_ value: UInt64) -> String {
        var bytes: [UInt8] = []
        appendGrouped(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends `value`'s digits with a comma between each group of three.
    private static func appendGrouped(_ value: UInt64, to bytes: inout [UInt8]) {
        var digits: [UInt8] = []
        var rest = value
        repeat {
            digits.append(UInt8(ascii: "0") + UInt8(rest % 10))
            rest /= 10
        } while rest > 0
        for (index, digit) in digits.reversed().enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { bytes.append(UInt8(ascii: ",")) }
            bytes.append(digit)
        }
    }

    /// 10^exponent for small exponents (scales used here are 0...4).
    public static func pow10(_ exponent: Int) -> Int64 {
        var result: Int64 = 1
        for _ in 0..<exponent { result *= 10 }
        return result
    }

    /// Divides with rounding half away from zero: the rounding rule for final amounts ("half-up" on magnitudes).
    public static func divideRoundingHalfAwayFromZero(_ numerator: Int64, by denominator: Int64) -> Int64 {
        precondition(denominator != 0, "division by zero is a programming error; callers check first")
        let negative = (numerator < 0) != (denominator < 0)
        let n = numerator.magnitude
        let d = denominator.magnitude
        let rounded = Int64((n / d) + ((n % d) * 2 >= d ? 1 : 0))
        return negative ? -rounded : rounded
    }

    /// `a × b ÷ c` rounded half away from zero, with a 128-bit intermediate so large products cannot overflow.
    /// - Important: `c` must not be zero, and the result must fit in `Int64` (callers pass amounts, not products).
    public static func multiplyDivide(_ a: Int64, _ b: Int64, _ c: Int64) -> Int64 {
        precondition(c != 0, "division by zero is a programming error; callers check first")
        let negative = ((a < 0) != (b < 0)) != (c < 0)
        let product = a.magnitude.multipliedFullWidth(by: b.magnitude)
        let (quotient, remainder) = c.magnitude.dividingFullWidth(product)
        let rounded = quotient + (remainder >= c.magnitude - remainder ? 1 : 0)
        return negative ? -Int64(rounded) : Int64(rounded)
    }

    /// How `a × b` compares with `c × d`, exactly (128-bit products; inputs are non-negative or small).
    public static func compareProducts(_ a: Int64, _ b: Int64, _ c: Int64, _ d: Int64) -> ComparisonOrder {
        let left = a.multipliedFullWidth(by: b)
        let right = c.multipliedFullWidth(by: d)
        if left.high != right.high { return left.high < right.high ? .less : .greater }
        if left.low != right.low { return left.low < right.low ? .less : .greater }
        return .equal
    }

    public enum ComparisonOrder: Sendable { case less, equal, greater }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }

    /// Digits of an integer part; commas are allowed only as separators of groups of three ("29,199").
    private static func digitsAllowingGroupSeparators(_ bytes: ArraySlice<UInt8>) -> [UInt8]? {
        guard bytes.contains(UInt8(ascii: ",")) else { return bytes.allSatisfy(isDigit) ? Array(bytes) : nil }
        let groups = bytes.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false)
        guard let head = groups.first, (1...3).contains(head.count),
            groups.dropFirst().allSatisfy({ $0.count == 3 }),
            groups.allSatisfy({ $0.allSatisfy(isDigit) })
        else { return nil }
        return groups.flatMap { Array($0) }
    }
}

extension String {
    /// The text without leading and trailing spaces, tabs and line breaks (Core has no Foundation).
    public var trimmingSpaces: String {
        // Fast path: nothing to trim (most fields).
        if let first = utf8.first, let last = utf8.last, first > 0x20, first < 0x80, last > 0x20, last < 0x80 {
            return self
        }
        let isSpace: (Character) -> Bool = {
            $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\u{FEFF}" || $0 == "\u{00A0}"
        }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return ""
        }
        return String(self[start...end])
    }
}
