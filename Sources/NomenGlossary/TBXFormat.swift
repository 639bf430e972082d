import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NomenModel
import NomenNormalization

/// TBX-Basic (TBX 2, `<martif type="TBX-Basic">`): one `termEntry` per
/// entity, one `langSet` per language, one `tig` per name.
///
/// | nomen | TBX |
/// |---|---|
/// | entity id | `termEntry/@id` |
/// | description | `<descrip type="definition">` |
/// | entity note, name note | `<note>` |
/// | source | `<admin type="source">` |
/// | status preferred, admitted, deprecated, forbidden | `<termNote type="administrativeStatus">` preferredTerm-, admittedTerm-, obsoleteTerm-, notRecommendedTerm-admn-sts (read also: deprecatedTerm-, supersededTerm- → deprecated) |
/// | kind full, short, abbreviation, alias | `<termNote type="termType">` fullForm, shortForm, abbreviation, variant (read also: acronym, initialism → abbreviation) |
/// | kind misspelling, generated; case policy; type, name order, family name, external ids | `x-nomen-*` data categories |
enum TBXFormat {
    static let statusToTBX: [NameStatus: String] = [
        .preferred: "preferredTerm-admn-sts", .admitted: "admittedTerm-admn-sts",
        .deprecated: "obsoleteTerm-admn-sts", .forbidden: "notRecommendedTerm-admn-sts",
    ]
    static let statusFromTBX: [String: NameStatus] = [
        "preferredTerm-admn-sts": .preferred, "admittedTerm-admn-sts": .admitted,
        "deprecatedTerm-admn-sts": .deprecated, "obsoleteTerm-admn-sts": .deprecated,
        "supersededTerm-admn-sts": .deprecated, "notRecommendedTerm-admn-sts": .forbidden,
    ]
    static let statusOrder = ["preferredTerm-admn-sts", "admittedTerm-admn-sts", "deprecatedTerm-admn-sts",
                              "obsoleteTerm-admn-sts", "supersededTerm-admn-sts", "notRecommendedTerm-admn-sts"]
    static let kindToTBX: [NameKind: String] = [
        .full: "fullForm", .short: "shortForm", .abbreviation: "abbreviation", .alias: "variant",
        .misspelling: "variant", .generated: "variant",
    ]
    static let kindFromTBX: [String: NameKind] = [
        "fullForm": .full, "shortForm": .short, "abbreviation": .abbreviation, "acronym": .abbreviation,
        "initialism": .abbreviation, "shortcut": .short, "variant": .alias,
    ]

    // MARK: Writing

    static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "\t": result += "&#9;"
            case "\n": result += "&#10;"
            case "\r": result += "&#13;"
            default: result.unicodeScalars.append(scalar)
            }
        }
        return result
    }

    static func write(_ entities: [Entity]) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="en">
              <martifHeader>
                <fileDesc><sourceDesc><p>nomen glossary export</p></sourceDesc></fileDesc>
                <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
              </martifHeader>
              <text>
                <body>

            """
        for entity in entities {
            out += "      <termEntry id=\"\(escape(entity.id))\">\n"
            out += "        <admin type=\"x-nomen-type\">\(entity.type.rawValue)</admin>\n"
            if let description = entity.description {
                out += "        <descrip type=\"definition\">\(escape(description))</descrip>\n"
            }
            if let order = entity.nameOrder {
                out += "        <admin type=\"x-nomen-name-order\">\(order.rawValue)</admin>\n"
            }
            if let family = entity.familyName {
                out += "        <admin type=\"x-nomen-family-name\">\(escape(family))</admin>\n"
            }
            for (scheme, id) in entity.externalIDs.sorted(by: { $0.key < $1.key }) {
                out += "        <admin type=\"x-nomen-external-id\">\(escape(scheme))=\(escape(id))</admin>\n"
            }
            if let source = entity.source { out += "        <admin type=\"source\">\(escape(source))</admin>\n" }
            if let note = entity.note { out += "        <note>\(escape(note))</note>\n" }
            var languages: [String] = []
            for name in entity.names where !languages.contains(name.lang) { languages.append(name.lang) }
            for lang in languages {
                out += "        <langSet xml:lang=\"\(escape(lang))\">\n"
                for name in entity.names where name.lang == lang {
                    out += "          <tig>\n"
                    out += "            <term>\(escape(name.text))</term>\n"
                    out += "            <termNote type=\"administrativeStatus\">\(statusToTBX[name.status] ?? "")</termNote>\n"
                    out += "            <termNote type=\"termType\">\(kindToTBX[name.kind] ?? "variant")</termNote>\n"
                    if name.kind == .misspelling || name.kind == .generated {
                        out += "            <termNote type=\"x-nomen-kind\">\(name.kind.rawValue)</termNote>\n"
                    }
                    if name.casePolicy != .auto {
                        out += "            <termNote type=\"x-nomen-case\">\(name.casePolicy.rawValue)</termNote>\n"
                    }
                    if let source = name.source { out += "            <admin type=\"source\">\(escape(source))</admin>\n" }
                    if let note = name.note { out += "            <note>\(escape(note))</note>\n" }
                    out += "          </tig>\n"
                }
                out += "        </langSet>\n"
            }
            out += "      </termEntry>\n"
        }
        out += "    </body>\n  </text>\n</martif>\n"
        return out
    }

    // MARK: Reading

    static func read(_ bytes: [UInt8], file: String) -> GlossaryFormat.ReadResult {
        if let offset = TextDecoding.firstInvalidUTF8(in: bytes) {
            let line = bytes[..<offset].reduce(1) { $1 == UInt8(ascii: "\n") ? $0 + 1 : $0 }
            return GlossaryFormat.ReadResult(issues: [GlossaryIssue(file: file, line: line, message: "invalid UTF-8 at byte \(offset)")])
        }
        let reader = Reader(file: file)
        let parser = XMLParser(data: Data(bytes))
        parser.delegate = reader
        parser.shouldProcessNamespaces = false
        parser.shouldResolveExternalEntities = false
        if !parser.parse() && !reader.aborted {
            let message = parser.parserError.map { "\($0.localizedDescription)" } ?? "not well-formed XML"
            reader.result.issues.append(GlossaryIssue(file: file, line: parser.lineNumber, message: "XML error: \(message)"))
        }
        return reader.result
    }

    /// Builds entities from parser events. TBX 2 element names (termEntry,
    /// langSet, tig/ntig) and TBX 3 ones (conceptEntry, langSec, termSec) are both read.
    final class Reader: NSObject, XMLParserDelegate {
        let file: String
        var result = GlossaryFormat.ReadResult()
        var aborted = false

        private var entity: SourcedEntity?
        private var lang: String?
        private var name: Name?
        private var nameLine = 0
        private var text = ""
        private var attributes: [[String: String]] = []

        init(file: String) { self.file = file }

        private func issue(_ line: Int, _ message: String) {
            result.issues.append(GlossaryIssue(file: file, line: line, message: message))
        }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            self.attributes.append(attributes)
            text = ""
            switch element {
            case "termEntry", "conceptEntry":
                let id = attributes["id"] ?? ""
                if id.isEmpty { issue(parser.lineNumber, "\(element) without an id") }
                entity = SourcedEntity(entity: Entity(id: id, type: .other), line: parser.lineNumber, nameLines: [])
            case "langSet", "langSec":
                lang = attributes["xml:lang"]
                if lang == nil { issue(parser.lineNumber, "\(element) without xml:lang") }
            case "tig", "ntig", "termSec":
                name = Name(text: "", lang: lang ?? "", status: .admitted)
                nameLine = parser.lineNumber
            default:
                break
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            text += string
        }

        func parser(_ parser: XMLParser, didEndElement element: String, namespaceURI: String?, qualifiedName: String?) {
            let attributes = self.attributes.popLast() ?? [:]
            let type = attributes["type"] ?? ""
            let value = text
            text = ""
            let line = parser.lineNumber
            if name != nil {
                switch (element, type) {
                case ("term", _): name?.text = value
                case ("termNote", "administrativeStatus"):
                    if let status = TBXFormat.statusFromTBX[value.trimmingWhiteSpace] { name?.status = status } else {
                        issue(line, "unknown administrativeStatus \"\(value)\" (expected \(TBXFormat.statusOrder.joined(separator: ", ")))")
                    }
                case ("termNote", "termType"):
                    name?.kind = TBXFormat.kindFromTBX[value.trimmingWhiteSpace] ?? .full
                case ("termNote", "x-nomen-kind"):
                    if let kind = NameKind(rawValue: value.trimmingWhiteSpace) { name?.kind = kind } else {
                        issue(line, "unknown x-nomen-kind \"\(value)\"")
                    }
                case ("termNote", "x-nomen-case"):
                    if let policy = CasePolicy(rawValue: value.trimmingWhiteSpace) { name?.casePolicy = policy } else {
                        issue(line, "unknown x-nomen-case \"\(value)\"")
                    }
                case ("admin", "source"): name?.source = value
                case ("note", _): name?.note = value
                case ("tig", _), ("ntig", _), ("termSec", _):
                    if let finished = name {
                        entity?.entity.names.append(finished)
                        entity?.nameLines.append(nameLine)
                    }
                    name = nil
                default: break
                }
                return
            }
            switch (element, type) {
            case ("admin", "x-nomen-type"):
                if let entityType = EntityType(rawValue: value.trimmingWhiteSpace) { entity?.entity.type = entityType } else {
                    issue(line, "unknown x-nomen-type \"\(value)\" (expected one of: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
            case ("descrip", "definition"): entity?.entity.description = value
            case ("admin", "x-nomen-name-order"):
                if let order = NameOrder(rawValue: value.trimmingWhiteSpace) { entity?.entity.nameOrder = order } else {
                    issue(line, "unknown x-nomen-name-order \"\(value)\"")
                }
            case ("admin", "x-nomen-family-name"): entity?.entity.familyName = value
            case ("admin", "x-nomen-external-id"):
                let parts = value.split(separator: "=", maxSplits: 1).map(String.init)
                if parts.count == 2 { entity?.entity.externalIDs[parts[0]] = parts[1] } else {
                    issue(line, "x-nomen-external-id must be scheme=id, not \"\(value)\"")
                }
            case ("admin", "source"): if lang == nil { entity?.entity.source = value }
            case ("note", _): if lang == nil { entity?.entity.note = value }
            case ("langSet", _), ("langSec", _): lang = nil
            case ("termEntry", _), ("conceptEntry", _):
                if let finished = entity { result.entities.append(finished) }
                entity = nil
            default: break
            }
        }
    }
}
