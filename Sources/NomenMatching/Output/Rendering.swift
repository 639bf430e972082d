import NomenModel

/// The output formats of `nomen annotate`, one function each. All take the
/// original text as UTF-8 and the document's mentions (UTF-8 offsets), and
/// copy every byte outside the mentions unchanged.
public enum AnnotationRendering {
    /// One document as a JSON object, keys in the documented order:
    /// `{"path", "language", "mentions": [{"start", "end", "start_utf8",
    /// "end_utf8", "text", "entity", "type", "canonical", "tier", "short",
    /// "candidates"}]}`. Extra top-level fields (a JSONL line number) go
    /// after "path", then `raw` fields, whose values are JSON already (a
    /// JSONL line's id).
    public static func json(path: String, extra: [(String, Int)] = [], raw: [(String, String)] = [],
                            document: AnnotatedDocument, pretty: Bool) -> String {
        String(decoding: jsonBytes(path: path, extra: extra, raw: raw, document: document, pretty: pretty), as: UTF8.self)
    }

    /// `json` as UTF-8, written straight into one buffer (`JSONBytes`).
    /// With `lineFeed`, a line feed after the object (one copy of a large
    /// document's JSON fewer than appending it to the result).
    public static func jsonBytes(path: String, extra: [(String, Int)] = [], raw: [(String, String)] = [],
                                 document: AnnotatedDocument, pretty: Bool, lineFeed: Bool = false) -> [UInt8] {
        // About 350 bytes a mention in JSON Lines, 420 pretty: room for them at
        // once, since each doubling of a large buffer copies it (pages not
        // written are never touched).
        let out = JSONBytes(capacity: 96 + document.mentions.count * (pretty ? 480 : 400))
        writeJSON(into: out, path: path, extra: extra, raw: raw, document: document, pretty: pretty, lineFeed: lineFeed)
        return out.bytes
    }

    /// `jsonBytes`, handed to `write` a piece at a time (`JSONBytes.inPieces`).
    public static func writeJSON(path: String, document: AnnotatedDocument, pretty: Bool, lineFeed: Bool,
                                 to write: (UnsafeBufferPointer<UInt8>) -> Void) {
        JSONBytes.inPieces(to: write) { out, mayEnd in
            writeJSON(into: out, path: path, extra: [], raw: [], document: document, pretty: pretty, lineFeed: lineFeed,
                      afterMention: mayEnd)
        }
    }

    /// Writes the JSON of `jsonBytes` into `out`, calling `afterMention`
    /// after each mention (where a caller may take the bytes written so far).
    private static func writeJSON(into out: JSONBytes, path: String, extra: [(String, Int)], raw: [(String, String)],
                                  document: AnnotatedDocument, pretty: Bool, lineFeed: Bool,
                                  afterMention: () -> Void = {}) {
        // Between a key's colon and its value, and after a field's comma: a space when pretty.
        func gap() { if pretty { out.append(" ") } }
        func newline(_ depth: Int) {
            guard pretty else { return }
            out.append("\n")
            for _ in 0..<depth { out.append("  ") }
        }
        out.append("{")
        newline(1)
        out.append("\"path\":"); gap(); out.append(quoted: path); out.append(",")
        for (key, value) in extra {
            newline(1); out.append(quoted: key); out.append(":"); gap(); out.append(number: value); out.append(",")
        }
        for (key, value) in raw {
            newline(1); out.append(quoted: key); out.append(":"); gap(); out.append(raw: value); out.append(",")
        }
        newline(1)
        out.append("\"language\":"); gap(); out.append(quoted: document.language.rawValue); out.append(",")
        newline(1)
        out.append("\"mentions\":"); gap(); out.append("[")
        // A field's comma, key and colon as one piece, spaced when pretty.
        func key(_ compact: StaticString, _ spaced: StaticString) { out.append(pretty ? spaced : compact) }
        // Ids and names are written from the compiled glossary's bytes: no `String` per field.
        for index in document.mentions.indices {
            if index > 0 { out.append(",") }
            newline(2)
            key("{\"start\":", "{\"start\": "); out.append(number: document.mentions[index].start)
            key(",\"end\":", ", \"end\": "); out.append(number: document.mentions[index].end)
            key(",\"start_utf8\":", ", \"start_utf8\": "); out.append(number: document.mentions[index].startUTF8)
            key(",\"end_utf8\":", ", \"end_utf8\": "); out.append(number: document.mentions[index].endUTF8)
            key(",\"text\":", ", \"text\": "); out.append(quoted: document.mentions[index].text)
            let link = document.mentions[index].link
            key(",\"entity\":", ", \"entity\": ")
            if let id = link.entityIDHandle { out.append(quotedUTF8: link.matcher.compiled.strings.bytes(id)) } else { out.append("null") }
            key(",\"type\":", ", \"type\": "); out.append(quotedOrNull: link.type?.rawValue)
            key(",\"canonical\":", ", \"canonical\": ")
            if let name = link.canonicalHandle { out.append(quotedUTF8: link.matcher.compiled.strings.bytes(name)) } else { out.append("null") }
            key(",\"tier\":", ", \"tier\": "); out.append(quoted: document.mentions[index].tier.rawValue)
            key(",\"short\":", ", \"short\": "); out.append(document.mentions[index].isShort ? "true" : "false")
            key(",\"candidates\":[", ", \"candidates\": [")
            if !pretty, let json = link.keyCandidatesJSON {
                out.append(raw: json)
            } else {
                let strings = link.matcher.compiled.strings
                for (k, candidate) in link.candidateIDHandles.enumerated() {
                    if k > 0 { out.append(pretty ? ", " : ",") }
                    out.append(quotedUTF8: strings.bytes(candidate))
                }
            }
            out.append("]}")
            afterMention()
        }
        if !document.mentions.isEmpty { newline(1) }
        out.append("]")
        newline(0)
        out.append("}")
        if lineFeed { out.append("\n") }
    }

    /// A JSON string literal.
    public static func quoted(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x2028 || scalar.value == 0x2029 {
                    out += "\\u" + String(repeating: "0", count: 4 - String(scalar.value, radix: 16).count)
                        + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// Walks the text, copying the bytes between mentions and letting
    /// `replace` write each mention.
    static func splice(_ source: [UInt8], _ mentions: [Mention], _ replace: (Mention, inout [UInt8]) -> Void) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(source.count + mentions.count * 24)
        var position = 0
        for mention in mentions where mention.startUTF8 >= position && mention.endUTF8 <= source.count {
            out.append(contentsOf: source[position..<mention.startUTF8])
            replace(mention, &out)
            position = mention.endUTF8
        }
        out.append(contentsOf: source[position...])
        return out
    }

    /// Each mention followed by its canonical name: "Luong Cuong [Lương Cường]";
    /// an ambiguous one by its candidates: "Long An [? a | b]".
    public static func inline(_ source: [UInt8], mentions: [Mention]) -> [UInt8] {
        splice(source, mentions) { mention, out in
            out.append(contentsOf: source[mention.startUTF8..<mention.endUTF8])
            let note = mention.canonical ?? ("? " + mention.candidates.joined(separator: " | "))
            out.append(contentsOf: " [\(note)]".utf8)
        }
    }

    /// Each mention replaced by its canonical name in the target language;
    /// ambiguous mentions and every other byte unchanged.
    public static func rewrite(_ source: [UInt8], mentions: [Mention]) -> [UInt8] {
        splice(source, mentions) { mention, out in
            if let canonical = mention.canonical {
                out.append(contentsOf: canonical.utf8)
            } else {
                out.append(contentsOf: source[mention.startUTF8..<mention.endUTF8])
            }
        }
    }

    public static func escapeHTML(_ text: some StringProtocol) -> String {
        var out = ""
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

    static let typeColors: [(EntityType?, String, String)] = [
        (.person, "#ffd8a8", "person"), (.place, "#b2f2bb", "place"), (.organization, "#a5d8ff", "organization"),
        (.term, "#eebefa", "term"), (.other, "#dee2e6", "other"), (nil, "#ffc9c9", "ambiguous"),
    ]

    /// A standalone HTML page: the text, escaped, with each mention in a
    /// `<mark>` carrying `data-entity`, `data-type` and `data-canonical` (and
    /// the canonical name as a tooltip), and a legend of the colours.
    public static func html(_ source: [UInt8], mentions: [Mention], title: String) -> String {
        var css = "body{font:16px/1.6 system-ui,sans-serif;max-width:50em;margin:2em auto;padding:0 1em}"
        css += ".text{white-space:pre-wrap}mark{border-radius:3px;padding:0 2px}"
        css += ".legend{font-size:13px;border-bottom:1px solid #ccc;padding-bottom:.5em;margin-bottom:1em}"
        css += ".legend mark{margin-right:.6em}"
        for (_, color, name) in typeColors { css += "mark.\(name){background:\(color)}" }
        var out = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>\(escapeHTML(title))</title>"
        out += "<style>\(css)</style></head><body>\n"
        out += "<div class=\"legend\">nomen annotate: \(escapeHTML(title)) — "
        out += typeColors.map { "<mark class=\"\($0.2)\">\($0.2)</mark>" }.joined() + "</div>\n<div class=\"text\">"
        var position = 0
        func text(_ range: Range<Int>) -> String { escapeHTML(String(decoding: source[range], as: UTF8.self)) }
        for mention in mentions where mention.startUTF8 >= position && mention.endUTF8 <= source.count {
            out += text(position..<mention.startUTF8)
            let type = mention.type?.rawValue ?? "ambiguous"
            let entity = mention.entity ?? mention.candidates.joined(separator: " ")
            let canonical = mention.canonical ?? ("ambiguous: " + mention.candidates.joined(separator: ", "))
            out += "<mark class=\"\(type)\" data-entity=\"\(escapeHTML(entity))\" data-type=\"\(type)\" "
            out += "data-canonical=\"\(escapeHTML(canonical))\" title=\"\(escapeHTML(canonical)) (\(escapeHTML(entity)))\">"
            out += text(mention.startUTF8..<mention.endUTF8) + "</mark>"
            position = mention.endUTF8
        }
        out += text(position..<source.count)
        out += "</div>\n</body></html>\n"
        return out
    }
}
