import Foundation

/// Checks that a text is TOML 1.0 syntax before TOMLKit parses it.
///
/// toml++ 3, inside TOMLKit, checks its parser's own preconditions with
/// `assert`: some malformed texts (`[=]`, `ignore = ["a",}]`, found by
/// fuzzing `.nomen.toml`) abort the process, in release builds too
/// (SwiftPM does not define NDEBUG for C++). So nomen reads the syntax
/// first, by the grammar of toml.io's ABNF, and toml++ only ever sees a
/// well-formed text; what the grammar cannot say (a key defined twice, a
/// table redefined) stays toml++'s to report. Errors name the line and
/// column, as toml++'s do.
struct TOMLSyntaxCheck {
    struct Problem: Error, Equatable {
        let line: Int
        let column: Int
        let message: String
    }

    static func firstProblem(in text: String) -> Problem? {
        var check = TOMLSyntaxCheck(bytes: Array(text.utf8))
        do {
            try check.document()
            return nil
        } catch {
            return error
        }
    }

    private let bytes: [UInt8]
    private var index = 0

    private init(bytes: [UInt8]) {
        self.bytes = bytes
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { index = 3 }  // a byte-order mark
    }

    // MARK: Reading

    private var current: UInt8? { index < bytes.count ? bytes[index] : nil }
    private func peek(_ offset: Int) -> UInt8? { index + offset < bytes.count ? bytes[index + offset] : nil }
    private func at(_ literal: String) -> Bool { bytes[index...].starts(with: literal.utf8) }

    private func problem(_ message: String) -> Problem {
        var line = 1, lineStart = 0
        for position in 0..<min(index, bytes.count) where bytes[position] == 0x0A {
            line += 1
            lineStart = position + 1
        }
        let column = String(decoding: bytes[lineStart..<min(index, bytes.count)], as: UTF8.self).unicodeScalars.count + 1
        return Problem(line: line, column: column, message: message)
    }

    private var seen: String {
        guard let byte = current else { return "the end of the file" }
        switch byte {
        case 0x0A: return "a line break"
        case 0x0D: return "a carriage return"
        case 0x09: return "a tab"
        case ..<0x20, 0x7F: return "the control character U+\(String(format: "%04X", byte))"
        default:
            let end = bytes[index...].dropFirst().firstIndex { $0 & 0xC0 != 0x80 } ?? bytes.count
            return "'\(String(decoding: bytes[index..<end], as: UTF8.self))'"
        }
    }

    private mutating func expect(_ byte: UInt8, _ what: String) throws(Problem) {
        guard current == byte else { throw problem("expected \(what), saw \(seen)") }
        index += 1
    }

    private mutating func skipBlanks() {
        while current == 0x20 || current == 0x09 { index += 1 }
    }

    private mutating func comment() throws(Problem) {
        guard current == UInt8(ascii: "#") else { return }
        index += 1
        while let byte = current, byte != 0x0A {
            if byte == 0x0D && peek(1) == 0x0A { return }
            if (byte < 0x20 && byte != 0x09) || byte == 0x7F { throw problem("\(seen) in a comment") }
            index += 1
        }
    }

    /// The end of a line: a comment, then LF or CRLF, or the end of the file.
    private mutating func endOfLine() throws(Problem) {
        skipBlanks()
        try comment()
        if current == 0x0D && peek(1) == 0x0A { index += 2; return }
        if current == 0x0A { index += 1; return }
        if current != nil { throw problem("expected the end of the line, saw \(seen)") }
    }

    // MARK: Grammar

    private mutating func document() throws(Problem) {
        while current != nil {
            skipBlanks()
            switch current {
            case UInt8(ascii: "["): try tableHeader()
            case UInt8(ascii: "#"), 0x0A, 0x0D, nil: break
            default: try keyValue()
            }
            try endOfLine()
        }
    }

    private mutating func tableHeader() throws(Problem) {
        index += 1
        let array = current == UInt8(ascii: "[")
        if array { index += 1 }
        skipBlanks()
        try key()
        skipBlanks()
        try expect(UInt8(ascii: "]"), array ? "']]' closing the table header" : "']' closing the table header")
        if array { try expect(UInt8(ascii: "]"), "']]' closing the table header") }
    }

    private mutating func keyValue() throws(Problem) {
        try key()
        skipBlanks()
        try expect(UInt8(ascii: "="), "'=' after the key")
        skipBlanks()
        try value()
    }

    private mutating func key() throws(Problem) {
        while true {
            try simpleKey()
            skipBlanks()
            guard current == UInt8(ascii: ".") else { return }
            index += 1
            skipBlanks()
        }
    }

    private mutating func simpleKey() throws(Problem) {
        switch current {
        case UInt8(ascii: "\""):
            if at("\"\"\"") { throw problem("a key cannot be a multi-line string") }
            try basicString()
        case UInt8(ascii: "'"):
            if at("'''") { throw problem("a key cannot be a multi-line string") }
            try literalString()
        default:
            let start = index
            while let byte = current, Self.isBareKeyByte(byte) { index += 1 }
            if index == start { throw problem("expected a key, saw \(seen)") }
        }
    }

    private static func isBareKeyByte(_ byte: UInt8) -> Bool {
        (byte >= 0x41 && byte <= 0x5A) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39)
            || byte == UInt8(ascii: "_") || byte == UInt8(ascii: "-")
    }

    private mutating func value() throws(Problem) {
        switch current {
        case UInt8(ascii: "\""): if at("\"\"\"") { try multiLineBasicString() } else { try basicString() }
        case UInt8(ascii: "'"): if at("'''") { try multiLineLiteralString() } else { try literalString() }
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "{"): try inlineTable()
        default: try scalar()
        }
    }

    /// Between an array's values: blanks, comments and line breaks.
    private mutating func skipArraySpace() throws(Problem) {
        while true {
            skipBlanks()
            try comment()
            if current == 0x0D && peek(1) == 0x0A { index += 2 } else if current == 0x0A { index += 1 } else { return }
        }
    }

    private mutating func array() throws(Problem) {
        index += 1
        try skipArraySpace()
        while current != UInt8(ascii: "]") {
            try value()
            try skipArraySpace()
            guard current == UInt8(ascii: ",") else { break }
            index += 1
            try skipArraySpace()
        }
        try expect(UInt8(ascii: "]"), "',' or ']' in the array")
    }

    private mutating func inlineTable() throws(Problem) {
        index += 1
        skipBlanks()
        if current == UInt8(ascii: "}") { index += 1; return }
        while true {
            try keyValue()
            skipBlanks()
            guard current == UInt8(ascii: ",") else { break }
            index += 1
            skipBlanks()
        }
        try expect(UInt8(ascii: "}"), "',' or '}' in the inline table")
    }

    // MARK: Strings

    /// A character allowed in a string's body (TOML forbids control
    /// characters other than tab); non-ASCII bytes are valid UTF-8 already.
    private func isStringByte(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte != 0x7F || byte == 0x09 || byte >= 0x80
    }

    private mutating func escape() throws(Problem) {
        index += 1  // the backslash
        guard let byte = current else { throw problem("the file ends inside a string") }
        switch byte {
        case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"),
             UInt8(ascii: "\""), UInt8(ascii: "\\"):
            index += 1
        case UInt8(ascii: "u"), UInt8(ascii: "U"):
            let count = byte == UInt8(ascii: "u") ? 4 : 8
            index += 1
            var scalar: UInt32 = 0
            for _ in 0..<count {
                guard let digit = current, let value = Self.hexValue(digit) else {
                    throw problem("expected \(count) hexadecimal digits in \\\(Character(Unicode.Scalar(byte))), saw \(seen)")
                }
                scalar = scalar << 4 | value
                index += 1
            }
            if Unicode.Scalar(scalar) == nil { throw problem("\\\(Character(Unicode.Scalar(byte))) names no Unicode scalar value") }
        default:
            throw problem("unknown escape \\\(seen.trimmingCharacters(in: CharacterSet(charactersIn: "'")))")
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt32? {
        switch byte {
        case 0x30...0x39: UInt32(byte - 0x30)
        case 0x41...0x46: UInt32(byte - 0x41 + 10)
        case 0x61...0x66: UInt32(byte - 0x61 + 10)
        default: nil
        }
    }

    private mutating func basicString() throws(Problem) {
        index += 1
        while let byte = current, byte != UInt8(ascii: "\"") {
            if byte == UInt8(ascii: "\\") { try escape(); continue }
            guard isStringByte(byte) else { throw problem("\(seen) inside a string (strings end on their line)") }
            index += 1
        }
        try expect(UInt8(ascii: "\""), "'\"' closing the string")
    }

    private mutating func literalString() throws(Problem) {
        index += 1
        while let byte = current, byte != UInt8(ascii: "'") {
            guard isStringByte(byte) else { throw problem("\(seen) inside a string (strings end on their line)") }
            index += 1
        }
        try expect(UInt8(ascii: "'"), "\"'\" closing the string")
    }

    private mutating func multiLineBasicString() throws(Problem) {
        index += 3
        while true {
            guard let byte = current else { throw problem("the file ends inside a multi-line string") }
            if at("\"\"\"") {
                index += 3
                // Up to two more quotes belong to the string.
                for _ in 0..<2 where current == UInt8(ascii: "\"") { index += 1 }
                return
            }
            if byte == UInt8(ascii: "\\") {
                // A line-ending backslash, or an escape.
                var next = index + 1
                while next < bytes.count, bytes[next] == 0x20 || bytes[next] == 0x09 { next += 1 }
                if next < bytes.count, bytes[next] == 0x0A || (bytes[next] == 0x0D && next + 1 < bytes.count && bytes[next + 1] == 0x0A) {
                    index = next
                    continue
                }
                try escape()
                continue
            }
            if byte == 0x0D && peek(1) == 0x0A { index += 2; continue }
            guard byte == 0x0A || isStringByte(byte) else { throw problem("\(seen) inside a string") }
            index += 1
        }
    }

    private mutating func multiLineLiteralString() throws(Problem) {
        index += 3
        while true {
            guard let byte = current else { throw problem("the file ends inside a multi-line string") }
            if at("'''") {
                index += 3
                for _ in 0..<2 where current == UInt8(ascii: "'") { index += 1 }
                return
            }
            if byte == 0x0D && peek(1) == 0x0A { index += 2; continue }
            guard byte == 0x0A || isStringByte(byte) else { throw problem("\(seen) inside a string") }
            index += 1
        }
    }

    // MARK: Booleans, numbers, dates and times

    private static let scalarForms: [NSRegularExpression] = [
        "true|false",
        "[+-]?(0|[1-9](_?[0-9])*)",  // decimal integer
        "0x[0-9A-Fa-f](_?[0-9A-Fa-f])*|0o[0-7](_?[0-7])*|0b[01](_?[01])*",
        "[+-]?(0|[1-9](_?[0-9])*)(\\.[0-9](_?[0-9])*)?([eE][+-]?[0-9](_?[0-9])*)?",  // float (checked below)
        "[+-]?(inf|nan)",
        // Offset, local date-time, local date, local time.
        "[0-9]{4}-[0-9]{2}-[0-9]{2}([Tt ][0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?",
        "[0-9]{2}:[0-9]{2}:[0-9]{2}(\\.[0-9]+)?",
    ].map { try! NSRegularExpression(pattern: "^(\($0))$") }

    private mutating func scalar() throws(Problem) {
        let start = index
        while let byte = current, Self.isScalarByte(byte) { index += 1 }
        // A date and a time may be separated by one space.
        if current == 0x20, let next = peek(1), next >= 0x30 && next <= 0x39,
           index - start == 10, bytes[start + 4] == UInt8(ascii: "-") {
            index += 1
            while let byte = current, Self.isScalarByte(byte) { index += 1 }
        }
        guard index > start else { throw problem("expected a value, saw \(seen)") }
        let token = String(decoding: bytes[start..<index], as: UTF8.self)
        let range = NSRange(location: 0, length: token.utf16.count)
        guard Self.scalarForms.contains(where: { $0.firstMatch(in: token, range: range) != nil }) else {
            index = start
            throw problem("'\(token)' is not a TOML value (a string needs quotes)")
        }
    }

    private static func isScalarByte(_ byte: UInt8) -> Bool {
        isBareKeyByte(byte) || byte == UInt8(ascii: "+") || byte == UInt8(ascii: ".") || byte == UInt8(ascii: ":")
    }
}
