/// Codes and names ordered as people read them: runs of digits compare as numbers, so G2 comes before G10, and
/// letters compare without case ("EX-QT6-G2" < "EX-QT6-G10" < "ex-qt6-g11").
public enum NaturalOrder {
    public static func less(_ lhs: String, _ rhs: String) -> Bool {
        var a = Substring(lhs.lowercased())
        var b = Substring(rhs.lowercased())
        while let x = a.first, let y = b.first {
            if x.isASCIIDigit && y.isASCIIDigit {
                let left = a.prefix(while: \.isASCIIDigit)
                let right = b.prefix(while: \.isASCIIDigit)
                let (l, r) = (left.drop { $0 == "0" }, right.drop { $0 == "0" })
                if l.count != r.count { return l.count < r.count }
                if l != r { return l < r }
                // Equal numbers: fewer leading zeros first, so the order is total.
                if left.count != right.count { return left.count < right.count }
                a = a.dropFirst(left.count)
                b = b.dropFirst(right.count)
            } else {
                if x != y { return x < y }
                a = a.dropFirst()
                b = b.dropFirst()
            }
        }
        return a.isEmpty && !b.isEmpty ? true : (a.isEmpty && b.isEmpty ? lhs < rhs : false)
    }
}
