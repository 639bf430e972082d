import Foundation
import NomenModel
import NomenNormalization

/// The CSV and TSV glossary formats (`GlossaryFormat` describes their columns):
/// one row per name, or one column per language as spreadsheets and CAT tools
/// write them.
enum DelimitedFormat {
    static let requiredColumns = ["entity_id", "type", "lang", "text", "status"]
    static let nameColumns = ["kind", "case", "note", "source"]
    static let entityColumns = ["description", "name_order", "family_name", "external_ids", "entity_note", "entity_source"]
    static let allColumns = requiredColumns + nameColumns + entityColumns

    /// The columns a row's values are read from (in the per-language
    /// layout, `note` and `source` are the entity's).
    enum Column: Int, CaseIterable {
        case entityID, type, lang, text, status, kind, casePolicy, note, source
        case description, familyName, entityNote, entitySource, nameOrder, externalIDs

        /// The column's name in a header (after `columnAliases`).
        var name: String {
            switch self {
            case .entityID: "entity_id"
            case .type: "type"
            case .lang: "lang"
            case .text: "text"
            case .status: "status"
            case .kind: "kind"
            case .casePolicy: "case"
            case .note: "note"
            case .source: "source"
            case .description: "description"
            case .familyName: "family_name"
            case .entityNote: "entity_note"
            case .entitySource: "entity_source"
            case .nameOrder: "name_order"
            case .externalIDs: "external_ids"
            }
        }
    }

    /// Columns that other tools name differently, and the nomen column each stands for.
    static let columnAliases = ["id": "entity_id", "entity": "entity_id", "language": "lang", "term": "text",
                                "name": "text"]
    /// Extra columns whose values are kept in the entity's note without a warning.
    static let noteColumns: Set<String> = ["notes", "comment", "comments", "remark", "remarks"]

    /// A value in the case nomen writes it, with the spellings other tools use
    /// (`Person`, `Organisation`, `Preferred`).
    static func normalizedValue(_ text: String) -> String {
        // Most values are already as nomen writes them: no copy then.
        let written = text.utf8.allSatisfy { ($0 >= UInt8(ascii: "a") && $0 <= UInt8(ascii: "z")) || $0 == UInt8(ascii: "_") }
        let lower = written ? text : text.trimmingWhiteSpace.lowercased()
        switch lower {
        case "organisation", "org": return "organization"
        case "family-first", "family first": return "family_first"
        case "family-last", "family last": return "family_last"
        default: return lower
        }
    }

    /// The layout of a header: nomen's own (one row per name, with `lang`,
    /// `text` and `status`), or one column per language as memoQ, Weblate
    /// and spreadsheets write (`id,type,en,vi,zh-Hans`, with optional
    /// status columns `vi status`, `vi_status` or `status (vi)`).
    enum Layout {
        case perName
        case perLanguage(languages: [(tag: String, column: Int, status: Int?)])
    }

    /// A header cell's language tag when it names one (`en`, `zh-Hans`,
    /// `ZH-CN`), canonical; nil otherwise.
    static func languageColumn(_ name: String) -> String? {
        let parts = name.split(whereSeparator: { $0 == "-" || $0 == "_" })
        guard let first = parts.first, (2...3).contains(first.count), first.allSatisfy({ $0.isASCII && $0.isLetter }),
              LanguageTag.isWellFormed(name.replacingOccurrences(of: "_", with: "-")) else { return nil }
        return LanguageTag.canonical(name)
    }

    /// `vi status`, `vi_status`, `vi-status`, `status vi`, `status_vi`, `status (vi)`: the language.
    static func statusColumn(_ name: String) -> String? {
        var rest = name
        for suffix in [" status", "_status", "-status"] where rest.hasSuffix(suffix) {
            rest.removeLast(suffix.count)
            return languageColumn(rest)
        }
        for prefix in ["status ", "status_", "status-", "status ("] where rest.hasPrefix(prefix) {
            rest.removeFirst(prefix.count)
            if prefix.hasSuffix("(") { guard rest.hasSuffix(")") else { return nil }; rest.removeLast() }
            return languageColumn(rest)
        }
        return nil
    }

    static func read(_ input: [UInt8], file: String, separator given: UInt8, quoting: Bool, sniff: Bool) -> GlossaryFormat.ReadResult {
        var result = GlossaryFormat.ReadResult()
        func issue(_ line: Int, _ message: String) {
            result.issues.append(GlossaryIssue(file: file, line: line, message: message))
        }
        func warn(_ line: Int, _ message: String) {
            result.warnings.append(GlossaryIssue(file: file, line: line, message: message))
        }
        guard let bytes = utf8(input) else {
            issue(1, "the file starts with a UTF-16 byte-order mark but is not well-formed UTF-16")
            return result
        }
        let separator = sniff ? sniffedSeparator(bytes) : given
        let records = records(bytes, separator: separator, quoting: quoting)
        guard let headerRecord = records.first else {
            issue(1, "empty file: expected a header \(requiredColumns.joined(separator: ","))")
            return result
        }
        let rawHeader = headerRecord.fields.map { String(decoding: $0, as: UTF8.self).trimmingWhiteSpace }
        let header = rawHeader.map { name -> String in
            let lower = name.lowercased()
            return columnAliases[lower] ?? lower
        }
        // Which layout, and what each column is.
        var column: [String: Int] = [:]
        var extra: [(name: String, index: Int)] = []
        var languages: [(tag: String, column: Int, status: Int?)] = []
        var statusColumns: [String: Int] = [:]
        let perName = header.contains("lang") || header.contains("text") || header.contains("status")
        for (index, name) in header.enumerated() {
            if allColumns.contains(name) || (!perName && (name == "note" || name == "source")) {
                let key = !perName && (name == "note" || name == "source") ? "entity_" + name : name
                if column[key] != nil { issue(headerRecord.line, "column \"\(rawHeader[index])\" is given twice") }
                column[key] = index
            } else if !perName, let tag = statusColumn(name) {
                statusColumns[tag] = index
            } else if !perName, let tag = languageColumn(name) {
                if languages.contains(where: { $0.tag == tag }) { issue(headerRecord.line, "column \"\(rawHeader[index])\" is given twice") }
                languages.append((tag, index, nil))
            } else {
                extra.append((rawHeader[index], index))
            }
        }
        for (tag, index) in statusColumns {
            guard let position = languages.firstIndex(where: { $0.tag == tag }) else {
                issue(headerRecord.line, "status column \"\(rawHeader[index])\" has no column of names in \(tag)")
                continue
            }
            languages[position].status = index
        }
        let layout: Layout = perName ? .perName : .perLanguage(languages: languages)
        let required = perName ? requiredColumns : ["type"]
        let missing = required.filter { column[$0] == nil }
        if !missing.isEmpty {
            issue(headerRecord.line, "missing column\(missing.count > 1 ? "s" : "") \(missing.joined(separator: ",")) (required: \(requiredColumns.joined(separator: ",")), or id,type and a column per language)")
        }
        if case .perLanguage(let languages) = layout, languages.isEmpty {
            issue(headerRecord.line, "no column of names: give lang,text,status columns, or one column per language (en, vi, zh-Hans…)")
        }
        for (name, _) in extra {
            let lower = name.lowercased()
            warn(headerRecord.line, noteColumns.contains(lower) || lower.isEmpty
                 ? "column \"\(name)\" is kept in each entity's note"
                 : "column \"\(name)\" is not a nomen column: its values are kept in each entity's note as \"\(name): …\"")
        }
        guard result.issues.isEmpty else { return result }

        // Looked up once, not by name on every row.
        let columnIndex = Column.allCases.map { column[$0.name] }
        var order: [String] = []
        var items: [String: SourcedEntity] = [:]
        var generated: Set<String> = []
        // The rows' texts, decoded on every core.
        let rows = Array(records.dropFirst())
        let decodedRows = ParallelMap.map(rows) { decode($0, quoting: quoting) }
        for (record, decoded) in zip(rows, decodedRows) {
            let line = record.line
            if record.unterminatedQuote { issue(line, "a quoted field is not closed") }
            if record.fields.count != header.count {
                issue(line, "\(record.fields.count) fields, expected \(header.count) as in the header")
                continue
            }
            for (index, offset) in decoded.invalid {
                issue(line, "invalid UTF-8 in column \(rawHeader[index]) at byte \(offset) of the field")
            }
            guard decoded.invalid.isEmpty else { continue }
            let cells = decoded.cells
            func value(_ field: Column) -> String? {
                guard let index = columnIndex[field.rawValue], !cells[index].isEmpty else { return nil }
                return cells[index]
            }
            let typeText = normalizedValue(value(.type) ?? "")
            guard let type = EntityType(rawValue: typeText) else {
                issue(line, "unknown type \"\(value(.type) ?? "")\" (expected one of: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                continue
            }
            // The names of the row.
            var names: [Name] = []
            var rowIssues = false
            switch layout {
            case .perName:
                let lang = (value(.lang) ?? "").trimmingWhiteSpace
                let text = value(.text) ?? ""
                let statusText = normalizedValue(value(.status) ?? "")
                if !(lang.isEmpty && text.trimmingWhiteSpace.isEmpty && statusText.isEmpty) {
                    if let status = NameStatus(rawValue: statusText) {
                        var name = Name(text: text, lang: lang.isEmpty ? lang : LanguageTag.canonical(lang), status: status,
                                        note: value(.note), source: value(.source))
                        if let kindText = value(.kind) {
                            if let kind = NameKind(rawValue: normalizedValue(kindText)) { name.kind = kind } else {
                                issue(line, "unknown kind \"\(kindText)\" (expected one of: \(NameKind.allCases.map(\.rawValue).joined(separator: ", ")))")
                            }
                        }
                        if let caseText = value(.casePolicy) {
                            if let policy = CasePolicy(rawValue: normalizedValue(caseText)) { name.casePolicy = policy } else {
                                issue(line, "unknown case \"\(caseText)\" (expected one of: \(CasePolicy.allCases.map(\.rawValue).joined(separator: ", ")))")
                            }
                        }
                        names.append(name)
                    } else {
                        issue(line, "unknown status \"\(value(.status) ?? "")\" (expected one of: \(NameStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
                        rowIssues = true
                    }
                }
            case .perLanguage(let languages):
                for language in languages {
                    // Several names in a cell: between | (or ; when ; does not separate fields).
                    let texts = cells[language.column]
                        .split(whereSeparator: { $0 == "|" || ($0 == ";" && separator != UInt8(ascii: ";")) })
                        .map { String($0).trimmingWhiteSpace }.filter { !$0.isEmpty }
                    guard !texts.isEmpty else {
                        if let statusIndex = language.status, !cells[statusIndex].trimmingWhiteSpace.isEmpty {
                            issue(line, "a status in \(rawHeader[statusIndex]) but no name in \(rawHeader[language.column])")
                        }
                        continue
                    }
                    var status = NameStatus.preferred
                    if let statusIndex = language.status, !cells[statusIndex].trimmingWhiteSpace.isEmpty {
                        guard let given = NameStatus(rawValue: normalizedValue(cells[statusIndex])) else {
                            issue(line, "unknown status \"\(cells[statusIndex])\" in \(rawHeader[statusIndex]) (expected one of: \(NameStatus.allCases.map(\.rawValue).joined(separator: ", ")))")
                            rowIssues = true
                            continue
                        }
                        status = given
                    }
                    for (position, text) in texts.enumerated() {
                        names.append(Name(text: text, lang: language.tag, status: position == 0 ? status : .admitted))
                    }
                }
            }
            // The entity: its id as given, else one made from the type and the first name.
            var id = (value(.entityID) ?? "").trimmingWhiteSpace
            if id.isEmpty {
                guard let first = names.first else {
                    if !rowIssues { issue(line, "no entity_id and no name to make one from") }
                    continue
                }
                do {
                    id = try EntityIDs.generate(type: type, name: first) { generated.contains($0) || items[$0] != nil }
                } catch {
                    issue(line, "cannot make an id from \"\(first.text)\": \(error)")
                    continue
                }
                generated.insert(id)
            }
            // Taken out of the dictionary while it grows, so that adding a
            // name does not copy the names before it.
            var item: SourcedEntity
            if let earlier = items.removeValue(forKey: id) {
                item = earlier
            } else {
                item = SourcedEntity(entity: Entity(id: id, type: type), line: line)
                order.append(id)
            }
            if item.entity.type != type {
                issue(line, "type \(type.rawValue) differs from \(item.entity.type.rawValue) given for \(id) at line \(item.line ?? 0)")
            }
            func setField(_ keyPath: WritableKeyPath<Entity, String?>, _ field: Column) {
                guard let new = value(field) else { return }
                if let old = item.entity[keyPath: keyPath], old != new {
                    issue(line, "\(field.name) differs from the value given earlier for \(id)")
                }
                item.entity[keyPath: keyPath] = new
            }
            setField(\.description, .description)
            setField(\.familyName, .familyName)
            setField(\.note, .entityNote)
            setField(\.source, .entitySource)
            if let orderText = value(.nameOrder) {
                if let nameOrder = NameOrder(rawValue: normalizedValue(orderText)) {
                    item.entity.nameOrder = nameOrder
                } else {
                    issue(line, "unknown name_order \"\(orderText)\" (expected one of: \(NameOrder.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            }
            if let external = value(.externalIDs) {
                for pair in external.split(separator: ";") {
                    let parts = pair.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty else {
                        issue(line, "external_ids must be scheme=id;scheme=id, not \"\(external)\"")
                        break
                    }
                    item.entity.externalIDs[String(parts[0])] = String(parts[1])
                }
            }
            // Extra columns: kept in the note, each value once.
            for (name, index) in extra {
                let text = cells[index].trimmingWhiteSpace
                guard !text.isEmpty else { continue }
                let piece = noteColumns.contains(name.lowercased()) || name.isEmpty ? text : "\(name): \(text)"
                if let note = item.entity.note {
                    if !note.components(separatedBy: "; ").contains(piece) { item.entity.note = note + "; " + piece }
                } else {
                    item.entity.note = piece
                }
            }
            for name in names {
                item.entity.names.append(name)
                item.nameLines.append(line)
            }
            items[id] = item
        }
        result.entities = order.compactMap { items[$0] }
        return result
    }

    static func write(_ entities: [Entity], separator: Character) -> String {
        let quoting = separator == ","
        // Decided on bytes, not Characters: "\r\n" is one Character, and a
        // comma or tab followed by a combining mark is one too, so
        // `Character == ","` would miss them and write a broken row.
        func field(_ text: String?) -> String {
            guard let text, !text.isEmpty else { return "" }
            let utf8 = text.utf8
            if quoting {
                if utf8.contains(where: { $0 == UInt8(ascii: ",") || $0 == UInt8(ascii: "\"") || $0 == 0x0A || $0 == 0x0D })
                    || utf8.first == UInt8(ascii: " ") || utf8.last == UInt8(ascii: " ") {
                    return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
                }
                return text
            }
            guard utf8.contains(where: { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D || $0 == UInt8(ascii: "\\") }) else { return text }
            var escaped = ""
            for scalar in text.unicodeScalars {
                switch scalar {
                case "\t": escaped += "\\t"
                case "\n": escaped += "\\n"
                case "\r": escaped += "\\r"
                case "\\": escaped += "\\\\"
                default: escaped.unicodeScalars.append(scalar)
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
