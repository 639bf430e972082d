import NomenNormalization

/// The byte level of the CSV and TSV formats: the encoding of a file (UTF-8,
/// or UTF-16 as Excel writes it), its separator, its records and their
/// fields as text. `DelimitedFormat.read` makes entities of the records.
extension DelimitedFormat {
    /// One record: its fields as bytes and the line it starts on.
    struct Record {
        var fields: [ArraySlice<UInt8>]
        var line: Int
        var unterminatedQuote = false
    }

    /// Splits the bytes into records. CSV: RFC 4180 (quoted fields may hold
    /// separators, quotes doubled, line breaks); TSV: no quoting.
    static func records(_ bytes: [UInt8], separator: UInt8, quoting: Bool) -> [Record] {
        var records: [Record] = []
        var index = bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? 3 : 0
        var line = 1
        let quote = UInt8(ascii: "\""), newline = UInt8(ascii: "\n"), cr = UInt8(ascii: "\r")
        while index < bytes.count {
            var record = Record(fields: [], line: line)
            record.fields.reserveCapacity(8)
            var fieldDone = false
            while !fieldDone {
                if quoting && index < bytes.count && bytes[index] == quote {
                    // Quoted field: collect, undoubling quotes.
                    var value: [UInt8] = []
                    index += 1
                    var closed = false
                    while index < bytes.count {
                        let byte = bytes[index]
                        if byte == quote {
                            if index + 1 < bytes.count && bytes[index + 1] == quote {
                                value.append(quote)
                                index += 2
                                continue
                            }
                            index += 1
                            closed = true
                            break
                        }
                        if byte == newline { line += 1 }
                        value.append(byte)
                        index += 1
                    }
                    if !closed { record.unterminatedQuote = true }
                    // Anything up to the separator after the closing quote is kept.
                    let rest = index
                    while index < bytes.count && bytes[index] != separator && bytes[index] != newline { index += 1 }
                    var tail = Array(bytes[rest..<index])
                    if tail.last == cr { tail.removeLast() }
                    record.fields.append(ArraySlice(value + tail))
                } else {
                    let start = index
                    while index < bytes.count && bytes[index] != separator && bytes[index] != newline { index += 1 }
                    var end = index
                    if end > start && bytes[end - 1] == cr && (index >= bytes.count || bytes[index] == newline) { end -= 1 }
                    record.fields.append(bytes[start..<end])
                }
                if index < bytes.count && bytes[index] == separator {
                    index += 1
                } else {
                    fieldDone = true
                    if index < bytes.count && bytes[index] == newline {
                        index += 1
                        line += 1
                    }
                }
            }
            if record.fields.count == 1 && record.fields[0].isEmpty { continue }  // blank line
            records.append(record)
        }
        return records
    }

    /// A record's fields as texts (TSV escapes undone), and the fields that
    /// are not UTF-8 with the offset of their first bad byte (their text empty).
    static func decode(_ record: Record, quoting: Bool) -> (cells: [String], invalid: [(column: Int, offset: Int)]) {
        var cells: [String] = []
        cells.reserveCapacity(record.fields.count)
        var invalid: [(column: Int, offset: Int)] = []
        for (index, bytes) in record.fields.enumerated() {
            // Through a buffer pointer: decoding an ArraySlice directly
            // takes the standard library's slow, generic path.
            guard let text = bytes.withUnsafeBufferPointer({ String(validating: $0, as: UTF8.self) }) else {
                invalid.append((index, TextDecoding.firstInvalidUTF8(in: bytes) ?? 0))
                cells.append("")
                continue
            }
            cells.append(quoting ? text : unescapeTSV(text))
        }
        return (cells, invalid)
    }

    /// On scalars, as the writer escapes: a backslash followed by a
    /// combining mark is one Character.
    static func unescapeTSV(_ text: String) -> String {
        guard text.utf8.contains(UInt8(ascii: "\\")) else { return text }
        var result = String.UnicodeScalarView()
        var escaping = false
        for scalar in text.unicodeScalars {
            if escaping {
                switch scalar {
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "\\": result.append("\\")
                default: result.append("\\"); result.append(scalar)
                }
                escaping = false
            } else if scalar == "\\" {
                escaping = true
            } else {
                result.append(scalar)
            }
        }
        if escaping { result.append("\\") }
        return String(result)
    }

    /// The separator of a CSV file whose header holds more `;` (as Excel
    /// writes CSV where the decimal mark is a comma) or tabs than commas.
    static func sniffedSeparator(_ bytes: [UInt8]) -> UInt8 {
        var counts: [UInt8: Int] = [UInt8(ascii: ","): 0, UInt8(ascii: ";"): 0, UInt8(ascii: "\t"): 0]
        var quoted = false
        for byte in bytes {
            if byte == UInt8(ascii: "\"") { quoted.toggle(); continue }
            if quoted { continue }
            if byte == UInt8(ascii: "\n") { break }
            if counts[byte] != nil { counts[byte, default: 0] += 1 }
        }
        let comma = counts[UInt8(ascii: ",")] ?? 0
        let best = counts.max { $0.value < $1.value || ($0.value == $1.value && $0.key != UInt8(ascii: ",")) }
        guard let best, best.value > comma else { return UInt8(ascii: ",") }
        return best.key
    }

    /// Text in UTF-16 with a byte-order mark (as Excel's "Unicode text"
    /// writes it) as UTF-8; anything else as it is. Nil when the UTF-16 is
    /// ill-formed.
    static func utf8(_ bytes: [UInt8]) -> [UInt8]? {
        let littleEndian: Bool
        if bytes.starts(with: [0xFF, 0xFE]) { littleEndian = true } else if bytes.starts(with: [0xFE, 0xFF]) { littleEndian = false } else {
            return bytes
        }
        var units: [UInt16] = []
        units.reserveCapacity(bytes.count / 2)
        var index = 2
        while index + 1 < bytes.count {
            let a = UInt16(bytes[index]), b = UInt16(bytes[index + 1])
            units.append(littleEndian ? a | b << 8 : a << 8 | b)
            index += 2
        }
        guard index == bytes.count else { return nil }
        var output: [UInt8] = []
        output.reserveCapacity(units.count * 2)
        var iterator = units.makeIterator()
        var decoder = UTF16()
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): output.append(contentsOf: Array(String(scalar).utf8))
            case .emptyInput: return output
            case .error: return nil
            }
        }
    }
}
