/// Hides the parts of HTML and Markdown that are not prose, by overwriting
/// them with spaces of the same byte length. The matcher then runs over the
/// masked bytes, and every UTF-8 offset it reports is an offset into the
/// original source (scalar offsets are counted again on the source:
/// `AnnotatedDocument.restoreSurfaces`). Masked regions start and end on
/// ASCII delimiters, so the result stays valid UTF-8.
///
/// Character references in prose (`H&agrave; N&#7897;i`) are decoded in
/// place, so names written with them are found: the character's UTF-8,
/// then padding of default-ignorable format characters (U+00AD soft
/// hyphen, U+200B zero width space), which the fold removes, up to the
/// reference's length. A reference whose character would leave one byte
/// over, a control character, and a name the table does not hold become
/// spaces.
public enum MarkupMask {
    /// HTML: keeps text nodes only. Tags with their attributes, comments,
    /// `<!DOCTYPE>`, and the contents of `<script>`, `<style>` and `<code>`
    /// become spaces; character references are decoded (see above).
    public static func html(_ bytes: inout [UInt8]) {
        let count = bytes.count
        var index = 0
        func blank(_ range: Range<Int>) { for i in range { bytes[i] = 0x20 } }
        func startsWith(_ text: String, at position: Int) -> Bool {
            let pattern = Array(text.utf8)
            guard position + pattern.count <= count else { return false }
            for (offset, byte) in pattern.enumerated() where lower(bytes[position + offset]) != byte { return false }
            return true
        }
        func find(_ text: String, from position: Int) -> Int {
            var i = position
            while i < count {
                if startsWith(text, at: i) { return i }
                i += 1
            }
            return count
        }
        while index < count {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if startsWith("<!--", at: index) {
                    let end = min(count, find("-->", from: index + 4) + 3)
                    blank(index..<end)
                    index = end
                    continue
                }
                guard index + 1 < count, isTagStart(bytes[index + 1]) else { index += 1; continue }
                var end = index + 1
                var quote: UInt8 = 0
                while end < count {
                    let b = bytes[end]
                    if quote != 0 { if b == quote { quote = 0 } } else if b == 0x22 || b == 0x27 { quote = b } else if b == UInt8(ascii: ">") { break }
                    end += 1
                }
                end = min(count, end + 1)
                let closing = ["script", "style", "code"].first { name in
                    startsWith("<" + name, at: index) && index + name.count + 1 < count
                        && !isAlnum(bytes[index + name.count + 1])
                }
                blank(index..<end)
                index = end
                if let closing {
                    let close = find("</" + closing, from: index)
                    blank(index..<close)
                    index = close
                }
            } else if byte == UInt8(ascii: "&") {
                index = decodeReference(&bytes, at: index, before: count)
            } else {
                index += 1
            }
        }
    }

    /// Markdown: prose only. Blanked: YAML (`---`) or TOML (`+++`) front
    /// matter at the start; fenced code blocks (``` or ~~~), indented code
    /// blocks (four spaces or a tab after a blank line) and code spans;
    /// link reference definitions (`[id]: URL "title"`); the destination
    /// and title of inline links and images (`[text](URL "title")`, the
    /// text stays) and the label of reference links (`[text][id]`);
    /// autolinks (`<https://…>`, `<name@example.com>`) and bare URLs
    /// (`https://…`, `www.…`); inline HTML tags with their attributes, and
    /// HTML comments (which may span lines).
    public static func markdown(_ bytes: inout [UInt8]) {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<bytes.count)
        func blank(_ range: Range<Int>) { for i in range { bytes[i] = 0x20 } }
        var first = frontMatterEnd(bytes, lines: lines)
        if first > 0 { for line in lines[..<first] { blank(line) } }
        var fence: (byte: UInt8, length: Int)? = nil
        var previousBlank = true
        var inIndented = false
        var inComment = false
        while first < lines.count {
            let line = lines[first]
            first += 1
            var from = line.lowerBound
            if inComment {
                guard let close = find(Array("-->".utf8), in: bytes, line) else { blank(line); continue }
                blank(line.lowerBound..<close)
                inComment = false
                from = close
                maskInline(&bytes, from..<line.upperBound, inComment: &inComment)
                previousBlank = false
                continue
            }
            let content = bytes[line]
            let indent = content.prefix(while: { $0 == 0x20 }).count
            let rest = content.dropFirst(indent)
            let isBlank = rest.allSatisfy { $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
            if let open = fence {
                blank(line)
                let run = rest.prefix(while: { $0 == open.byte }).count
                if indent < 4 && run >= open.length && rest.dropFirst(run).allSatisfy({ $0 == 0x20 || $0 == 0x0D }) { fence = nil }
                previousBlank = false
                continue
            }
            if indent < 4, let first = rest.first, first == UInt8(ascii: "`") || first == UInt8(ascii: "~") {
                let run = rest.prefix(while: { $0 == first }).count
                if run >= 3 {
                    fence = (first, run)
                    blank(line)
                    previousBlank = false
                    continue
                }
            }
            let indented = indent >= 4 || content.first == 0x09
            if indented && !isBlank && (previousBlank || inIndented) {
                inIndented = true
                blank(line)
                continue
            }
            if !isBlank { inIndented = false }
            previousBlank = isBlank
            if indent < 4, let definition = referenceDefinition(bytes, line.lowerBound + indent..<line.upperBound) {
                blank(definition)
                continue
            }
            maskInline(&bytes, line, inComment: &inComment)
        }
    }

    /// The number of lines of front matter at the start: a first line `---`
    /// (YAML) closed by `---` or `...`, or `+++` (TOML) closed by `+++`; 0
    /// when there is none or it is never closed.
    static func frontMatterEnd(_ bytes: [UInt8], lines: [Range<Int>]) -> Int {
        func trimmed(_ line: Range<Int>) -> [UInt8] {
            var slice = bytes[line]
            while let last = slice.last, last == 0x20 || last == 0x0D || last == 0x09 { slice = slice.dropLast() }
            return Array(slice)
        }
        guard let opening = lines.first else { return 0 }
        let open = trimmed(opening)
        let closers: [[UInt8]]
        if open == Array("---".utf8) {
            closers = [Array("---".utf8), Array("...".utf8)]
        } else if open == Array("+++".utf8) {
            closers = [Array("+++".utf8)]
        } else {
            return 0
        }
        for index in lines.indices.dropFirst() where closers.contains(trimmed(lines[index])) { return index + 1 }
        return 0
    }

    /// A link reference definition on a line (`[label]: destination "title"`):
    /// the range to blank, from the label to the end of the line. A footnote
    /// definition (`[^1]: text`) keeps its text: only the label is returned.
    static func referenceDefinition(_ bytes: [UInt8], _ line: Range<Int>) -> Range<Int>? {
        guard line.lowerBound < line.upperBound, bytes[line.lowerBound] == UInt8(ascii: "[") else { return nil }
        var index = line.lowerBound + 1
        while index < line.upperBound && bytes[index] != UInt8(ascii: "]") {
            if bytes[index] == UInt8(ascii: "\\") { index += 1 }
            index += 1
        }
        guard index + 1 < line.upperBound, index > line.lowerBound + 1, bytes[index + 1] == UInt8(ascii: ":") else { return nil }
        if bytes[line.lowerBound + 1] == UInt8(ascii: "^") { return line.lowerBound..<(index + 2) }
        return line
    }

    /// The inline constructs of one line that are not prose (see `markdown`).
    static func maskInline(_ bytes: inout [UInt8], _ line: Range<Int>, inComment: inout Bool) {
        maskCodeSpans(&bytes, line)
        func blank(_ range: Range<Int>) { for i in range { bytes[i] = 0x20 } }
        var index = line.lowerBound
        let end = line.upperBound
        while index < end {
            let byte = bytes[index]
            if byte == UInt8(ascii: "<") {
                if startsWith(Array("<!--".utf8), bytes, at: index, before: end) {
                    if let close = find(Array("-->".utf8), in: bytes, index + 4..<end) {
                        blank(index..<close)
                        index = close
                    } else {
                        blank(index..<end)
                        inComment = true
                        return
                    }
                    continue
                }
                if let close = autolinkOrTag(bytes, at: index, before: end) {
                    blank(index..<close)
                    index = close
                    continue
                }
                index += 1
            } else if byte == UInt8(ascii: "]") && index + 1 < end && bytes[index + 1] == UInt8(ascii: "(") {
                if let close = linkDestinationEnd(bytes, from: index + 1, before: end) {
                    blank(index + 1..<close)
                    index = close
                } else {
                    index += 1
                }
            } else if byte == UInt8(ascii: "]") && index + 1 < end && bytes[index + 1] == UInt8(ascii: "[") {
                var close = index + 2
                while close < end && bytes[close] != UInt8(ascii: "]") && bytes[close] != UInt8(ascii: "[") { close += 1 }
                if close < end && bytes[close] == UInt8(ascii: "]") {
                    blank(index + 1..<close + 1)
                    index = close + 1
                } else {
                    index += 1
                }
            } else if (byte == UInt8(ascii: "h") || byte == UInt8(ascii: "w"))
                        && (index == line.lowerBound || !isURLCharacter(bytes[index - 1]))
                        && (startsWith(Array("http://".utf8), bytes, at: index, before: end)
                            || startsWith(Array("https://".utf8), bytes, at: index, before: end)
                            || startsWith(Array("www.".utf8), bytes, at: index, before: end)) {
                var close = index
                while close < end && bytes[close] > 0x20 && bytes[close] != UInt8(ascii: "<") { close += 1 }
                // Trailing punctuation ends the sentence, not the URL (as GitHub's autolinks).
                while close > index && Array("?!.,:*_~'\")".utf8).contains(bytes[close - 1]) { close -= 1 }
                blank(index..<close)
                index = max(close, index + 1)
            } else if byte == UInt8(ascii: "&") {
                index = decodeReference(&bytes, at: index, before: end)
            } else {
                index += 1
            }
        }
    }

    /// At `<`: the end of an autolink (`<scheme:…>`, `<name@host>`) or of an
    /// HTML tag with its attributes (quoted values may hold `>`), on this
    /// line; nil when neither closes here.
    static func autolinkOrTag(_ bytes: [UInt8], at start: Int, before end: Int) -> Int? {
        guard start + 1 < end else { return nil }
        let next = bytes[start + 1]
        // Autolink: no spaces, no < inside, a scheme or an @.
        var close = start + 1
        var hasColon = false, hasAt = false
        while close < end && bytes[close] > 0x20 && bytes[close] != UInt8(ascii: "<") && bytes[close] != UInt8(ascii: ">") {
            if bytes[close] == UInt8(ascii: ":") { hasColon = true }
            if bytes[close] == UInt8(ascii: "@") { hasAt = true }
            close += 1
        }
        if close < end && bytes[close] == UInt8(ascii: ">") && close > start + 1 && (hasColon || hasAt) && isAlpha(next) {
            return close + 1
        }
        // A tag: <name …>, </name>, <!…>, <?…?>.
        let isTag = isAlpha(next) || next == UInt8(ascii: "?") || next == UInt8(ascii: "!")
            || (next == UInt8(ascii: "/") && start + 2 < end && isAlpha(bytes[start + 2]))
        guard isTag else { return nil }
        var quote: UInt8 = 0
        close = start + 1
        while close < end {
            let b = bytes[close]
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if b == 0x22 || b == 0x27 {
                quote = b
            } else if b == UInt8(ascii: ">") {
                return close + 1
            }
            close += 1
        }
        return nil
    }

    /// At the `(` after a link's `]`: the end of `(destination "title")`
    /// (balanced parentheses, `<…>` destinations, quoted titles); nil when
    /// it does not close on this line.
    static func linkDestinationEnd(_ bytes: [UInt8], from open: Int, before end: Int) -> Int? {
        var index = open + 1
        var depth = 1
        var quote: UInt8 = 0
        var inAngle = false
        while index < end {
            let b = bytes[index]
            if b == UInt8(ascii: "\\") { index += 2; continue }
            if quote != 0 {
                if b == quote { quote = 0 }
            } else if inAngle {
                if b == UInt8(ascii: ">") { inAngle = false }
            } else if b == UInt8(ascii: "<") && index == open + 1 {
                inAngle = true
            } else if b == 0x22 || b == 0x27 {
                // A title starts after white space.
                if index > open + 1 && (bytes[index - 1] == 0x20 || bytes[index - 1] == 0x09) { quote = b }
            } else if b == UInt8(ascii: "(") {
                depth += 1
            } else if b == UInt8(ascii: ")") {
                depth -= 1
                if depth == 0 { return index + 1 }
            }
            index += 1
        }
        return nil
    }

    static func startsWith(_ pattern: [UInt8], _ bytes: [UInt8], at position: Int, before end: Int) -> Bool {
        guard position + pattern.count <= end else { return false }
        for (offset, byte) in pattern.enumerated() where lower(bytes[position + offset]) != byte { return false }
        return true
    }

    /// Where `pattern` ends in `range`, first occurrence; nil when absent.
    static func find(_ pattern: [UInt8], in bytes: [UInt8], _ range: Range<Int>) -> Int? {
        var index = range.lowerBound
        while index + pattern.count <= range.upperBound {
            if startsWith(pattern, bytes, at: index, before: range.upperBound) { return index + pattern.count }
            index += 1
        }
        return nil
    }

    private static func isAlpha(_ byte: UInt8) -> Bool { (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
    private static func isURLCharacter(_ byte: UInt8) -> Bool { isAlnum(byte) || byte >= 0x80 || byte == UInt8(ascii: "/") }

    /// `` `code` `` and ``` ``code`` ```: a run of backticks up to the next
    /// run of the same length on the line.
    static func maskCodeSpans(_ bytes: inout [UInt8], _ line: Range<Int>) {
        var index = line.lowerBound
        while index < line.upperBound {
            guard bytes[index] == UInt8(ascii: "`") else { index += 1; continue }
            var run = index
            while run < line.upperBound && bytes[run] == UInt8(ascii: "`") { run += 1 }
            let length = run - index
            var search = run
            var close: Int? = nil
            while search < line.upperBound {
                if bytes[search] == UInt8(ascii: "`") {
                    var end = search
                    while end < line.upperBound && bytes[end] == UInt8(ascii: "`") { end += 1 }
                    if end - search == length { close = end; break }
                    search = end
                } else {
                    search += 1
                }
            }
            if let close {
                for i in index..<close { bytes[i] = 0x20 }
                index = close
            } else {
                index = run
            }
        }
    }


    // MARK: character references

    /// The padding after a decoded character: U+00AD (2 bytes) and U+200B
    /// (3 bytes), default-ignorable, so the fold removes them.
    static let softHyphen: [UInt8] = [0xC2, 0xAD]
    static let zeroWidthSpace: [UInt8] = [0xE2, 0x80, 0x8B]

    /// At `&`: decodes a character reference in place (see the type's
    /// comment) and returns where to go on; an unknown or malformed one is
    /// left as written.
    static func decodeReference(_ bytes: inout [UInt8], at start: Int, before end: Int) -> Int {
        var close = start + 1
        while close < end && close - start <= 32 && (isAlnum(bytes[close]) || bytes[close] == UInt8(ascii: "#")) { close += 1 }
        guard close < end, bytes[close] == UInt8(ascii: ";"), close > start + 1 else { return start + 1 }
        let body = String(decoding: bytes[(start + 1)..<close], as: UTF8.self)
        let referenceEnd = close + 1
        let value: UInt32?
        if body.hasPrefix("#x") || body.hasPrefix("#X") {
            value = UInt32(body.dropFirst(2), radix: 16)
        } else if body.hasPrefix("#") {
            value = UInt32(body.dropFirst(), radix: 10)
        } else {
            value = namedReferences[body]
        }
        guard let value else {
            // A name this table does not hold (HTML has two thousand), or a malformed number:
            // markup, not a name, as before decoding.
            for i in start..<referenceEnd { bytes[i] = 0x20 }
            return referenceEnd
        }
        let scalar = Unicode.Scalar(value == 0 ? 0xFFFD : value) ?? Unicode.Scalar(0xFFFD)!
        let encoded = Array(String(Character(scalar)).utf8)
        let padding = (referenceEnd - start) - encoded.count
        guard padding == 0 || padding >= 2, value >= 0x20 || value == 0x09 || value == 0x0A else {
            for i in start..<referenceEnd { bytes[i] = 0x20 }
            return referenceEnd
        }
        var replacement = encoded
        var left = padding
        if left % 2 == 1 { replacement += zeroWidthSpace; left -= 3 }
        while left > 0 { replacement += softHyphen; left -= 2 }
        for (offset, byte) in replacement.enumerated() { bytes[start + offset] = byte }
        return referenceEnd
    }

    /// Where the padding after a decoded character that starts at `offset`
    /// (or ends there) ends: `offset` itself when none follows. Mentions and
    /// findings that end on a decoded character are widened to the end of
    /// its reference, so that they cover whole references in the source.
    public static func endOfPadding(_ masked: [UInt8], from offset: Int) -> Int {
        var index = offset
        while true {
            if index + 2 <= masked.count && masked[index] == 0xC2 && masked[index + 1] == 0xAD {
                index += 2
            } else if index + 3 <= masked.count && masked[index] == 0xE2 && masked[index + 1] == 0x80 && masked[index + 2] == 0x8B {
                index += 3
            } else {
                return index
            }
        }
    }

    /// The masked text of `range` without the padding of decoded references:
    /// the prose as a reader sees it.
    public static func visibleText(_ masked: [UInt8], _ range: Range<Int>) -> String {
        var result: [UInt8] = []
        result.reserveCapacity(range.count)
        var index = range.lowerBound
        while index < range.upperBound {
            let skip = endOfPadding(masked, from: index)
            if skip > index { index = skip; continue }
            result.append(masked[index])
            index += 1
        }
        return String(decoding: result, as: UTF8.self)
    }

    /// The named character references of HTML that prose uses: markup
    /// (amp, lt, gt, quot, apos), Latin-1, the Latin Extended letters of
    /// Vietnamese that HTML names, and typography.
    static let namedReferences: [String: UInt32] = {
        var table: [String: UInt32] = [
            "amp": 0x26, "lt": 0x3C, "gt": 0x3E, "quot": 0x22, "apos": 0x27,
            "Abreve": 0x102, "abreve": 0x103, "Dstrok": 0x110, "dstrok": 0x111, "Itilde": 0x128, "itilde": 0x129,
            "Utilde": 0x168, "utilde": 0x169, "OElig": 0x152, "oelig": 0x153, "Scaron": 0x160, "scaron": 0x161,
            "Yuml": 0x178, "fnof": 0x192, "circ": 0x2C6, "tilde": 0x2DC,
            "ensp": 0x2002, "emsp": 0x2003, "thinsp": 0x2009, "zwnj": 0x200C, "zwj": 0x200D,
            "ndash": 0x2013, "mdash": 0x2014, "lsquo": 0x2018, "rsquo": 0x2019, "sbquo": 0x201A,
            "ldquo": 0x201C, "rdquo": 0x201D, "bdquo": 0x201E, "dagger": 0x2020, "Dagger": 0x2021,
            "bull": 0x2022, "hellip": 0x2026, "permil": 0x2030, "prime": 0x2032, "Prime": 0x2033,
            "lsaquo": 0x2039, "rsaquo": 0x203A, "euro": 0x20AC, "trade": 0x2122,
        ]
        // Latin-1, U+00A0 to U+00FF, in code point order.
        let latin1 = ["nbsp", "iexcl", "cent", "pound", "curren", "yen", "brvbar", "sect", "uml", "copy", "ordf",
                      "laquo", "not", "shy", "reg", "macr", "deg", "plusmn", "sup2", "sup3", "acute", "micro", "para",
                      "middot", "cedil", "sup1", "ordm", "raquo", "frac14", "frac12", "frac34", "iquest",
                      "Agrave", "Aacute", "Acirc", "Atilde", "Auml", "Aring", "AElig", "Ccedil", "Egrave", "Eacute",
                      "Ecirc", "Euml", "Igrave", "Iacute", "Icirc", "Iuml", "ETH", "Ntilde", "Ograve", "Oacute",
                      "Ocirc", "Otilde", "Ouml", "times", "Oslash", "Ugrave", "Uacute", "Ucirc", "Uuml", "Yacute",
                      "THORN", "szlig", "agrave", "aacute", "acirc", "atilde", "auml", "aring", "aelig", "ccedil",
                      "egrave", "eacute", "ecirc", "euml", "igrave", "iacute", "icirc", "iuml", "eth", "ntilde",
                      "ograve", "oacute", "ocirc", "otilde", "ouml", "divide", "oslash", "ugrave", "uacute", "ucirc",
                      "uuml", "yacute", "thorn", "yuml"]
        for (offset, name) in latin1.enumerated() { table[name] = 0xA0 + UInt32(offset) }
        return table
    }()

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
    private static func isTagStart(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
    }
}
