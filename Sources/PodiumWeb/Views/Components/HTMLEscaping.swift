import Plot

/// HTML escaping for everything a page shows. Plot 0.14 does not escape attribute values and lets entities
/// through in text, so views use `.plain` for text and `.attr` for attributes, never `.text`/`.raw`.
public enum HTMLEscaping {
    /// Escapes `& < > " '`, which makes text safe in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        // Byte by byte: the five characters are ASCII and never part of a multi-byte UTF-8 sequence, so scanning
        // bytes is exact, and most text (numbers, names) has none of them and comes back as it is (pages
        // escape thousands of cells each, and walking grapheme clusters was a tenth of a page's time).
        let utf8 = text.utf8
        guard utf8.contains(where: { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }) else {
            return text
        }
        var out: [UInt8] = []
        out.reserveCapacity(utf8.count + 16)
        for byte in utf8 {
            switch byte {
            case 0x26: out.append(contentsOf: "&amp;".utf8)
            case 0x3C: out.append(contentsOf: "&lt;".utf8)
            case 0x3E: out.append(contentsOf: "&gt;".utf8)
            case 0x22: out.append(contentsOf: "&quot;".utf8)
            case 0x27: out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension Node {
    /// Text, fully escaped.
    static func plain(_ text: String) -> Node { .raw(HTMLEscaping.escape(text)) }
    /// An attribute with its value fully escaped.
    static func attr(_ name: String, _ value: String) -> Node {
        .attribute(named: name, value: HTMLEscaping.escape(value))
    }
}

extension Node where Context == HTML.SelectContext {
    /// `<option value="…" selected>label</option>`, escaped (Plot's own `option` is self-closing with a label attribute).
    static func choice(_ value: String, _ label: String, selected: Bool) -> Node {
        // An empty value must still be written: without it the browser submits the label ("All of England") instead.
        .element(
            named: "option",
            nodes: [
                .attribute(named: "value", value: HTMLEscaping.escape(value), ignoreIfValueIsEmpty: false),
                selected ? .attribute(named: "selected") : .empty, .plain(label),
            ])
    }
}

extension Attribute {
    /// An attribute with its value fully escaped, for elements that take attributes only (`input`, `option`, `meta`).
    static func attr(_ name: String, _ value: String) -> Attribute {
        .attribute(named: name, value: HTMLEscaping.escape(value))
    }
}
