import Foundation
import NomenModel
import NomenNormalization

/// An entity read from a file, with the lines it came from, so that
/// problems found later can name them.
public struct SourcedEntity: Hashable, Sendable {
    public var entity: Entity
    /// The entity's first line (CSV/TSV row, JSONL line, TBX element).
    public var line: Int?
    /// The line of each name, parallel to `entity.names`.
    public var nameLines: [Int?]

    public init(entity: Entity, line: Int? = nil, nameLines: [Int?]? = nil) {
        self.entity = entity
        self.line = line
        self.nameLines = nameLines ?? Array(repeating: line, count: entity.names.count)
    }
}

/// The exchange formats of `nomen glossary import` and `export`.
///
/// - csv, tsv: one row per name. Columns `entity_id,type,lang,text,status`,
///   optional `kind,case,note,source` for the name, and optional entity
///   columns `description,name_order,family_name,external_ids,entity_note,
///   entity_source` (given on any row of the entity; `external_ids` as
///   `scheme=id;scheme=id`). A row with `lang`, `text` and `status` all empty
///   stands for an entity without names. CSV quotes as RFC 4180; TSV has no
///   quoting and writes tab, newline, carriage return and backslash as `\t`,
///   `\n`, `\r`, `\\`.
/// - jsonl: one entity per line, as the seed glossary.
/// - tbx: TBX-Basic (TBX 2, `martif`), one `termEntry` per entity.
public enum GlossaryFormat: String, CaseIterable, Sendable {
    case csv, tsv, jsonl, tbx

    /// The format a file name's extension implies.
    public static func inferred(fromPath path: String) -> GlossaryFormat? {
        let lower = path.lowercased()
        if lower.hasSuffix(".json") || lower.hasSuffix(".ndjson") { return .jsonl }
        guard let dot = lower.lastIndex(of: ".") else { return nil }
        return GlossaryFormat(rawValue: String(lower[lower.index(after: dot)...]))
    }

    public struct ReadResult: Sendable {
        public var entities: [SourcedEntity] = []
        public var issues: [GlossaryIssue] = []
    }

    /// Reads every entity of a file; problems are collected, not thrown.
    public func read(_ bytes: [UInt8], file: String) -> ReadResult {
        switch self {
        case .csv: DelimitedFormat.read(bytes, file: file, separator: UInt8(ascii: ","), quoting: true)
        case .tsv: DelimitedFormat.read(bytes, file: file, separator: UInt8(ascii: "\t"), quoting: false)
        case .jsonl: JSONLinesFormat.read(bytes, file: file)
        case .tbx: TBXFormat.read(bytes, file: file)
        }
    }

    /// The entities written in this format.
    public func write(_ entities: [Entity]) throws -> String {
        switch self {
        case .csv: DelimitedFormat.write(entities, separator: ",")
        case .tsv: DelimitedFormat.write(entities, separator: "\t")
        case .jsonl: try JSONLinesFormat.write(entities)
        case .tbx: TBXFormat.write(entities)
        }
    }
}

// MARK: - JSON Lines

enum JSONLinesFormat {
    static func read(_ bytes: [UInt8], file: String) -> GlossaryFormat.ReadResult {
        var result = GlossaryFormat.ReadResult()
        let decoder = JSONDecoder()
        var lineNumber = 0
        var start = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { start = 3 }
        while start < bytes.count {
            lineNumber += 1
            let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.count
            let line = bytes[start..<end]
            start = end + 1
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) { continue }
            if let offset = TextDecoding.firstInvalidUTF8(in: line) {
                result.issues.append(GlossaryIssue(file: file, line: lineNumber, message: "invalid UTF-8 at byte \(offset) of the line"))
                continue
            }
            do {
                let entity = try decoder.decode(Entity.self, from: Data(line))
                result.entities.append(SourcedEntity(entity: entity, line: lineNumber))
            } catch let error as DecodingError {
                result.issues.append(GlossaryIssue(file: file, line: lineNumber, message: describe(error)))
            } catch {
                result.issues.append(GlossaryIssue(file: file, line: lineNumber, message: "not a JSON entity: \(error)"))
            }
        }
        return result
    }

    static func describe(_ error: DecodingError) -> String {
        func path(_ codingPath: [any CodingKey]) -> String {
            codingPath.map { key in key.intValue.map { "[\($0)]" } ?? ".\(key.stringValue)" }
                .joined().trimmingPrefix(".").description
        }
        switch error {
        case let .keyNotFound(key, context):
            let at = path(context.codingPath)
            return "missing \"\(key.stringValue)\"\(at.isEmpty ? "" : " in \(at)")"
        case let .typeMismatch(_, context), let .valueNotFound(_, context):
            return "\(path(context.codingPath)): wrong type (\(context.debugDescription))"
        case let .dataCorrupted(context):
            if context.codingPath.isEmpty { return "not valid JSON" }
            let field = context.codingPath.last?.stringValue ?? ""
            let allowed: String = switch field {
            case "status": NameStatus.allCases.map(\.rawValue).joined(separator: ", ")
            case "kind": NameKind.allCases.map(\.rawValue).joined(separator: ", ")
            case "case": CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")
            case "type": EntityType.allCases.map(\.rawValue).joined(separator: ", ")
            case "name_order": NameOrder.allCases.map(\.rawValue).joined(separator: ", ")
            default: ""
            }
            return "\(path(context.codingPath)): unknown value" + (allowed.isEmpty ? "" : " (expected one of: \(allowed))")
        @unknown default:
            return "not a JSON entity"
        }
    }

    static func write(_ entities: [Entity]) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var output = ""
        for entity in entities {
            output += String(decoding: try encoder.encode(entity), as: UTF8.self)
            output += "\n"
        }
        return output
    }
}

// MARK: - CSV and TSV

enum DelimitedFormat {
    static let requiredColumns = ["entity_id", "type", "lang", "text", "status"]
    static let nameColumns = ["kind", "case", "note", "source"]
    static let entityColumns = ["description", "name_order", "family_name", "external_ids", "entity_note", "entity_source"]
    static let allColumns = requiredColumns + nameColumns + entityColumns

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

    static func unescapeTSV(_ text: String) -> String {
        guard text.contains("\\") else { return text }
        var result = ""
        var escaping = false
        for character in text {
            if escaping {
                switch character {
                case "t": result.append("\t")
                case "n": result.append("\n")
                case "r": result.append("\r")
                case "\\": result.append("\\")
                default: result.append("\\"); result.append(character)
                }
                escaping = false
            } else if character == "\\" {
                escaping = true
            } else {
                result.append(character)
            }
        }
        if escaping { result.append("\\") }
        return result
    }

    static func read(_ bytes: [UInt8], file: String, separator: UInt8, quoting: Bool) -> GlossaryFormat.ReadResult {
        var result = GlossaryFormat.ReadResult()
        func issue(_ line: Int, _ message: String) {
            result.issues.append(GlossaryIssue(file: file, line: line, message: message))
        }
        let records = records(bytes, separator: separator, quoting: quoting)
        guard let headerRecord = records.first else {
            issue(1, "empty file: expected a header \(requiredColumns.joined(separator: ","))")
            return result
        }
        let header = headerRecord.fields.map { String(decoding: $0, as: UTF8.self).trimmingWhiteSpace.lowercased() }
        var column: [String: Int] = [:]
        for (index, name) in header.enumerated() {
            if !allColumns.contains(name) {
                issue(headerRecord.line, "unknown column \"\(name)\" (columns: \(allColumns.joined(separator: ",")))")
            } else if column[name] != nil {
                issue(headerRecord.line, "column \"\(name)\" is given twice")
            }
            column[name] = index
        }
        let missing = requiredColumns.filter { column[$0] == nil }
        if !missing.isEmpty {
            issue(headerRecord.line, "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ",")) (required: \(requiredColumns.joined(separator: ",")))")
        }
        guard result.issues.isEmpty else { return result }

        var order: [String] = []
        var items: [String: SourcedEntity] = [:]
        for record in records.dropFirst() {
            let line = record.line
            if record.unterminatedQuote { issue(line, "a quoted field is not closed") }
            if record.fields.count != header.count {
                issue(line, "\(record.fields.count) fields, expected \(header.count) as in the header")
                continue
            }
            var values: [String: String] = [:]
            var valid = true
            for (name, index) in column {
                let bytes = record.fields[index]
                if let offset = TextDecoding.firstInvalidUTF8(in: bytes) {
                    issue(line, "invalid UTF-8 in column \(name) at byte \(offset) of the field")
                    valid = false
                    continue
                }
                let text = String(decoding: bytes, as: UTF8.self)
                values[name] = quoting ? text : unescapeTSV(text)
            }
            guard valid else { continue }
            func value(_ name: String) -> String? {
                guard let text = values[name], !text.isEmpty else { return nil }
                return text
            }
            let id = (values["entity_id"] ?? "").trimmingWhiteSpace
            if id.isEmpty {
                issue(line, "empty entity_id")
                continue
            }
            guard let type = EntityType(rawValue: (values["type"] ?? "").trimmingWhiteSpace) else {
                issue(line, "unknown type \"\(values["type"] ?? "")\" (expected one of: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            var item = items[id] ?? SourcedEntity(entity: Entity(id: id, type: type), line: line)
            if items[id] == nil { order.append(id) }
            if item.entity.type != type {
                issue(line, "type \(type.rawValue) differs from \(item.entity.type.rawValue) given for \(id) at line \(item.line ?? 0)")
            }
            func setField(_ keyPath: WritableKeyPath<Entity, String?>, _ columnName: String) {
                guard let new = value(columnName) else { return }
                if let old = item.entity[keyPath: keyPath], old != new {
                    issue(line, "\(columnName) differs from the value given earlier for \(id)")
                }
                item.entity[keyPath: keyPath] = new
            }
            setField(\.description, "description")
            setField(\.familyName, "family_name")
            setField(\.note, "entity_note")
            setField(\.source, "entity_source")
            if let orderText = value("name_order") {
                if let nameOrder = NameOrder(rawValue: orderText) {
                    item.entity.nameOrder = nameOrder
                } else {
                    issue(line, "unknown name_order \"\(orderText)\" (expected one of: \(NameOrder.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if let external = value("external_ids") {
                for pair in external.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        issue(line, "external_ids must be scheme=id;scheme=id, not \"\(external)\"")
                        break
                    }
                    item.entity.externalIDs[String(parts[0])] = String(parts[1])
                }
            }
            let lang = (values["lang"] ?? "").trimmingWhiteSpace
            let text = values["text"] ?? ""
            let statusText = (values["status"] ?? "").trimmingWhiteSpace
            if lang.isEmpty && text.isEmpty && statusText.isEmpty {
                items[id] = item  // an entity-only row
                continue
            }
            guard let status = NameStatus(rawValue: statusText) else {
                issue(line, "unknown status \"\(statusText)\" (expected one of: \(NameStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
                items[id] = item
                continue
            }
            var name = Name(text: text, lang: lang, status: status, note: value("note"), source: value("source"))
            if let kindText = value("kind") {
                if let kind = NameKind(rawValue: kindText) { name.kind = kind } else {
                    issue(line, "unknown kind \"\(kindText)\" (expected one of: \(NameKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if let caseText = value("case") {
                if let policy = CasePolicy(rawValue: caseText) { name.casePolicy = policy } else {
                    issue(line, "unknown case \"\(caseText)\" (expected one of: \(CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            item.entity.names.append(name)
            item.nameLines.append(line)
            items[id] = item
        }
        result.entities = order.compactMap { items[$0] }
        return result
    }

    static func write(_ entities: [Entity], separator: Character) -> String {
        let quoting = separator == ","
        func field(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "" }
            if quoting {
                if text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text.first == " " || text.last == " " {
                    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                return text
            }
            guard text.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "\\" }) else { return text }
            var escaped = ""
            for character in text {
                switch character {
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\\": escaped += "\\\\"
                default: escaped.append(character)
                }
            }
            return escaped
        }
        let separator = String(separator)
        var output = allColumns.joined(separator: separator) + "\n"
        for entity in entities {
            let external = entity.externalIDs.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ";")
            let entityFields = [entity.description, entity.nameOrder?.rawValue, entity.familyName,
                                external, entity.note, entity.source].map(field)
            let blankEntityFields = Array(repeating: "", count: entityFields.count)
            if entity.names.isEmpty {
                let row = [field(entity.id), entity.type.rawValue, "", "", "", "", "", "", ""] + entityFields
                output += row.joined(separator: separator) + "\n"
            }
            for (index, name) in entity.names.enumerated() {
                let row = [field(entity.id), entity.type.rawValue, field(name.lang), field(name.text), name.status.rawValue,
                           name.kind.rawValue, name.casePolicy.rawValue, field(name.note), field(name.source)]
                    + (index == 0 ? entityFields : blankEntityFields)
                output += row.joined(separator: separator) + "\n"
            }
        }
        return output
    }
}
