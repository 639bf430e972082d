import NomenModel

/// Entities as the change log stores them: the bytes `JSONEncoder` writes
/// with sorted keys and unescaped slashes (a test checks they agree), written
/// by hand because the encoder costs more than the rest of an import.
enum EntityJSON {
    static func string(_ entity: Entity) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(128 + entity.names.count * 96)
        write(entity, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// A JSON object of strings, keys sorted.
    static func string(_ dictionary: [String: String]) -> String {
        var out: [UInt8] = []
        write(dictionary, to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// `[[rowid, "text"], …]`, for `json_each`.
    static func pairs(_ pairs: [(Int64, String)]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, pair) in pairs.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            out.append(UInt8(ascii: "["))
            out.append(contentsOf: String(pair.0).utf8)
            out.append(UInt8(ascii: ","))
            writeString(pair.1, to: &out)
            out.append(UInt8(ascii: "]"))
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    /// `["a", "b", …]`, for `json_each`.
    static func array(_ strings: [String]) -> String {
        var out: [UInt8] = [UInt8(ascii: "[")]
        for (index, string) in strings.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(string, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        return String(decoding: out, as: UTF8.self)
    }

    // Keys in the order `.sortedKeys` gives: description, external_ids,
    // family_name, id, name_order, names, note, source, type; a name's: case,
    // kind, lang, note, source, status, text. Absent optionals are left out,
    // as `Entity.encode(to:)` does.
    private static func write(_ entity: Entity, to out: inout [UInt8]) {
        var first = true
        func key(_ name: StaticString) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            first = false
            out.append(UInt8(ascii: "\""))
            name.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
        }
        if let description = entity.description { key("description"); writeString(description, to: &out) }
        if !entity.externalIDs.isEmpty { key("external_ids"); write(entity.externalIDs, to: &out) }
        if let familyName = entity.familyName { key("family_name"); writeString(familyName, to: &out) }
        key("id"); writeString(entity.id, to: &out)
        if let nameOrder = entity.nameOrder { key("name_order"); writeString(nameOrder.rawValue, to: &out) }
        key("names")
        out.append(UInt8(ascii: "["))
        for (index, name) in entity.names.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            write(name, to: &out)
        }
        out.append(UInt8(ascii: "]"))
        if let note = entity.note { key("note"); writeString(note, to: &out) }
        if let source = entity.source { key("source"); writeString(source, to: &out) }
        key("type"); writeString(entity.type.rawValue, to: &out)
        out.append(UInt8(ascii: "}"))
    }

    private static func write(_ name: Name, to out: inout [UInt8]) {
        func field(_ key: StaticString, _ value: String, first: Bool = false) {
            out.append(first ? UInt8(ascii: "{") : UInt8(ascii: ","))
            out.append(UInt8(ascii: "\""))
            key.withUTF8Buffer { out.append(contentsOf: $0) }
            out.append(contentsOf: [UInt8(ascii: "\""), UInt8(ascii: ":")])
            writeString(value, to: &out)
        }
        field("case", name.casePolicy.rawValue, first: true)
        field("kind", name.kind.rawValue)
        field("lang", name.lang)
        if let note = name.note { field("note", note) }
        if let source = name.source { field("source", source) }
        field("status", name.status.rawValue)
        field("text", name.text)
        out.append(UInt8(ascii: "}"))
    }

    private static func write(_ dictionary: [String: String], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "{"))
        for (index, item) in dictionary.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }).enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            writeString(item.key, to: &out)
            out.append(UInt8(ascii: ":"))
            writeString(item.value, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string: quote, backslash and control characters escaped,
    /// everything else (slashes, non-ASCII) as it is.
    static func writeString(_ string: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in string.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case 0x08: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "b")])
            case 0x0C: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "f")])
            case 0x0A: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case 0x0D: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0x09: out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case 0x00..<0x20:
                out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "u"), UInt8(ascii: "0"), UInt8(ascii: "0"),
                                        hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0xF)]])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
