/// Hides the parts of HTML and Markdown that are not prose, by overwriting
/// them with spaces of the same byte length. The matcher then runs over the
/// masked bytes, and every offset it reports is an offset into the original
/// source. Masked regions start and end on ASCII delimiters, so the result
/// stays valid UTF-8.
public enum MarkupMask {
    /// HTML: keeps text nodes only. Tags, comments, `<!DOCTYPE>`, the
    /// contents of `<script>` and `<style>`, and character references
    /// (`&amp;`, `&#8217;`, which are not the text as written) become spaces.
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
                let isScript = startsWith("<script", at: index), isStyle = startsWith("<style", at: index)
                blank(index..<end)
                index = end
                if isScript || isStyle {
                    let close = find(isScript ? "</script" : "</style", from: index)
                    blank(index..<close)
                    index = close
                }
            } else if byte == UInt8(ascii: "&") {
                var end = index + 1
                while end < count && end - index <= 32 && (isAlnum(bytes[end]) || bytes[end] == UInt8(ascii: "#")) { end += 1 }
                if end < count && bytes[end] == UInt8(ascii: ";") && end > index + 1 {
                    blank(index..<end + 1)
                    index = end + 1
                } else {
                    index += 1
                }
            } else {
                index += 1
            }
        }
    }

    /// Markdown: prose only. Fenced code blocks (``` or ~~~), indented code
    /// blocks (four spaces or a tab after a blank line) and code spans
    /// (`` `code` ``) become spaces.
    public static func markdown(_ bytes: inout [UInt8]) {
        var lines: [Range<Int>] = []
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x0A {
            lines.append(start..<index)
            start = index + 1
        }
        lines.append(start..<bytes.count)
        func blank(_ range: Range<Int>) { for i in range { bytes[i] = 0x20 } }
        var fence: (byte: UInt8, length: Int)? = nil
        var previousBlank = true
        var inIndented = false
        for line in lines {
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
            maskCodeSpans(&bytes, line)
        }
    }

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

    private static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
    private static func isAlnum(_ byte: UInt8) -> Bool {
        (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A)
    }
    private static func isTagStart(_ byte: UInt8) -> Bool {
        isAlnum(byte) || byte == UInt8(ascii: "/") || byte == UInt8(ascii: "!") || byte == UInt8(ascii: "?")
    }
}
