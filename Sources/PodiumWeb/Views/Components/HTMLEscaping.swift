import Plot

/// HTML escaping for everything a page shows. Plot 0.14 does not escape attribute values and lets entities
/// through in text (STYLE.md §6), so views use `.plain` for text and `.attr` for attributes, never `.text`/`.raw`.
public enum HTMLEscaping {
    /// Escapes `& < > " '`, which makes text safe in element content and in quoted attribute values.
    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}

extension Node {
    /// Text, fully escaped.
    static func plain(_ text: String) -> Node { .raw(HTMLEscaping.escape(text)) }
    /// An attribute with its value fully escaped.
    static func attr(_ name: String, _ value: String) -> Node { .attribute(named: name, value: HTMLEscaping.escape(value)) }
}

extension Node where Context == HTML.SelectContext {
    /// `<option value="…" selected>label</option>`, escaped (Plot's own `option` is self-closing with a label attribute).
    static func choice(_ value: String, _ label: String, selected: Bool) -> Node {
        // An empty value must still be written: without it the browser submits the label ("All of England") instead.
        .element(named: "option", nodes: [
            .attribute(named: "value", value: HTMLEscaping.escape(value), ignoreIfValueIsEmpty: false),
            selected ? .attribute(named: "selected") : .empty, .plain(label),
        ])
    }
}

extension Attribute {
    /// An attribute with its value fully escaped, for elements that take attributes only (`input`, `option`, `meta`).
    static func attr(_ name: String, _ value: String) -> Attribute { .attribute(named: name, value: HTMLEscaping.escape(value)) }
}
