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

    /// The name of the XCS file the export refers to (`constraints`).
    static let xcsFileName = "nomen-TBX-Basic.xcs"

    /// The XCS (eXtensible Constraint Specification) of nomen's TBX: the
    /// TBX-Basic data categories it writes and its own `x-nomen-*` ones,
    /// each with its values, so that a TBX checker knows them.
    static let constraints = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE TBXXCS SYSTEM "tbxxcsdtd.dtd">
        <TBXXCS name="nomen-TBX-Basic" version="2" lang="en">
          <header>
            <title>TBX-Basic as nomen writes it: TBX-Basic's data categories and nomen's x-nomen-* ones</title>
          </header>
          <languages>
            <langInfo><langCode>vi</langCode><langName>Vietnamese</langName></langInfo>
            <langInfo><langCode>en</langCode><langName>English</langName></langInfo>
            <langInfo><langCode>zh-Hans</langCode><langName>Chinese (simplified)</langName></langInfo>
            <langInfo><langCode>zh-Hant</langCode><langName>Chinese (traditional)</langName></langInfo>
            <langInfo><langCode>zh-Latn-pinyin</langCode><langName>Chinese in pinyin</langName></langInfo>
          </languages>
          <datCatSet>
            <descripSpec name="definition" datcatId="ISO12620A-020101">
              <contents datatype="noteText"/>
              <levels>termEntry langSet term</levels>
            </descripSpec>
            <adminSpec name="source" datcatId="ISO12620A-1019">
              <contents datatype="noteText"/>
            </adminSpec>
            <noteSpec name="note" datcatId="">
              <contents datatype="noteText"/>
            </noteSpec>
            <termNoteSpec name="administrativeStatus" datcatId="ISO12620A-0501">
              <contents datatype="picklist">preferredTerm-admn-sts admittedTerm-admn-sts deprecatedTerm-admn-sts obsoleteTerm-admn-sts supersededTerm-admn-sts notRecommendedTerm-admn-sts</contents>
            </termNoteSpec>
            <termNoteSpec name="termType" datcatId="ISO12620A-0201">
              <contents datatype="picklist">fullForm shortForm abbreviation variant</contents>
            </termNoteSpec>
            <adminSpec name="x-nomen-type" datcatId="">
              <contents datatype="picklist" targetType="none">person place organization term other</contents>
              <levels>termEntry</levels>
            </adminSpec>
            <adminSpec name="x-nomen-name-order" datcatId="">
              <contents datatype="picklist" targetType="none">family_first family_last</contents>
              <levels>termEntry</levels>
            </adminSpec>
            <adminSpec name="x-nomen-family-name" datcatId="">
              <contents datatype="plainText"/>
              <levels>termEntry</levels>
            </adminSpec>
            <adminSpec name="x-nomen-external-id" datcatId="">
              <contents datatype="plainText"/>
              <levels>termEntry</levels>
            </adminSpec>
            <termNoteSpec name="x-nomen-kind" datcatId="">
              <contents datatype="picklist" targetType="none">misspelling generated</contents>
            </termNoteSpec>
            <termNoteSpec name="x-nomen-case" datcatId="">
              <contents datatype="picklist" targetType="none">sensitive insensitive</contents>
            </termNoteSpec>
          </datCatSet>
        </TBXXCS>

        """

    /// The entities as TBX-Basic. `sourceLanguage` (for CAT tools, which
    /// take the first language of an entry and the file's `xml:lang` as the
    /// source) goes first in every entry; without it, languages keep the
    /// glossary's order and the file says `en`.
    static func write(_ entities: [Entity], sourceLanguage: String? = nil) -> String {
        var out = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="\(escape(sourceLanguage ?? "en"))">
              <martifHeader>
                <fileDesc><sourceDesc><p>nomen glossary export</p></sourceDesc></fileDesc>
                <encodingDesc><p type="XCSURI">\(xcsFileName)</p></encodingDesc>
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
            if let sourceLanguage, let index = languages.firstIndex(of: sourceLanguage) {
                languages.insert(languages.remove(at: index), at: 0)
            }
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
        /// Whether the name being read had an administrativeStatus, and for
        /// each name of the entry whether it had one.
        private var statusGiven = false
        private var namesWithStatus: [Bool] = []
        private var entityLine = 0
        private var generatedIDs: Set<String> = []
        private var text = ""
        private var attributes: [[String: String]] = []

        init(file: String) { self.file = file }

        private func issue(_ line: Int, _ message: String) {
            result.issues.append(GlossaryIssue(file: file, line: line, message: message))
        }

        private func warn(_ line: Int, _ message: String) {
            result.warnings.append(GlossaryIssue(file: file, line: line, message: message))
        }

        /// A data category nomen has no field for (`descrip type="subjectField"`,
        /// `termNote type="partOfSpeech"`, `transac`…): kept in the note of
        /// the name, or of the entity, as "type: value" (with the language
        /// for a langSet's own).
        private func keep(_ element: String, type: String, value: String) {
            let text = value.trimmingWhiteSpace
            guard !text.isEmpty else { return }
            let label = type.isEmpty ? element : type
            if name != nil {
                let piece = "\(label): \(text)"
                let note = name?.note
                name?.note = note.map { $0 + "; " + piece } ?? piece
                return
            }
            let piece = lang.map { "\(label) (\($0)): \(text)" } ?? "\(label): \(text)"
            let note = entity?.entity.note
            entity?.entity.note = note.map { $0 + "; " + piece } ?? piece
        }

        func parser(_ parser: XMLParser, didStartElement element: String, namespaceURI: String?,
                    qualifiedName: String?, attributes: [String: String] = [:]) {
            self.attributes.append(attributes)
            text = ""
            switch element {
            case "termEntry", "conceptEntry":
                let id = attributes["id"] ?? ""
                entity = SourcedEntity(entity: Entity(id: id, type: .other), line: parser.lineNumber, nameLines: [])
                namesWithStatus = []
                entityLine = parser.lineNumber
            case "langSet", "langSec":
                lang = attributes["xml:lang"].map(LanguageTag.canonical)
                if lang == nil { issue(parser.lineNumber, "\(element) without xml:lang") }
            case "tig", "ntig", "termSec":
                name = Name(text: "", lang: lang ?? "", status: .admitted)
                nameLine = parser.lineNumber
                statusGiven = false
            default:
                break
            }
        }

        /// Foundation's parser on Linux recovers from some errors (libxml2's
        /// recovery mode) and still returns true: the first error is
        /// reported here and the parse stopped, so a malformed file is
        /// refused rather than half read.
        func parser(_ parser: XMLParser, parseErrorOccurred parseError: any Error) {
            guard !aborted else { return }
            aborted = true
            // Foundation gives no message on Linux, only libxml2's code.
            issue(parser.lineNumber, "not well-formed XML (parser error \((parseError as NSError).code))")
            parser.abortParsing()
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
                    statusGiven = true
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
                case ("note", _):
                    let note = name?.note
                    name?.note = note.map { $0 + "; " + value } ?? value
                case ("tig", _), ("ntig", _), ("termSec", _):
                    if let finished = name {
                        entity?.entity.names.append(finished)
                        entity?.nameLines.append(nameLine)
                        namesWithStatus.append(statusGiven)
                    }
                    name = nil
                case ("termNote", _), ("descrip", _), ("admin", _), ("transac", _), ("ref", _), ("xref", _):
                    keep(element, type: type, value: value)
                default: break
                }
                return
            }
            switch (element, type) {
            case ("admin", "x-nomen-type"):
                if let entityType = EntityType(rawValue: value.trimmingWhiteSpace) { entity?.entity.type = entityType } else {
                    issue(line, "unknown x-nomen-type \"\(value)\" (expected one of: \(EntityType.allCases.map(\.rawValue).joined(separator: ", ")))")
                }
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
            case ("admin", "source") where lang == nil: entity?.entity.source = value
            case ("note", _) where lang == nil:
                let note = entity?.entity.note
                entity?.entity.note = note.map { $0 + "; " + value } ?? value
            case ("note", _): keep("note", type: "", value: value)
            case ("descrip", "definition") where entity?.entity.description == nil: entity?.entity.description = value
            case ("descrip", _), ("admin", _), ("transac", _), ("ref", _), ("xref", _):
                keep(element, type: type, value: value)
            case ("langSet", _), ("langSec", _): lang = nil
            case ("termEntry", _), ("conceptEntry", _):
                if var finished = entity {
                    settleStatuses(&finished)
                    groupByLanguage(&finished)
                    if finished.entity.id.isEmpty { giveID(&finished, element: element) }
                    result.entities.append(finished)
                }
                entity = nil
            default: break
            }
        }

        /// A term without an administrativeStatus (as other tools write
        /// them): preferred when it is the only term of its language in the
        /// entry, else admitted, with a warning.
        private func settleStatuses(_ item: inout SourcedEntity) {
            let names = item.entity.names
            for index in names.indices where index < namesWithStatus.count && !namesWithStatus[index] {
                let sameLanguage = names.indices.filter { names[$0].lang == names[index].lang }
                if sameLanguage.count == 1 {
                    item.entity.names[index].status = .preferred
                } else {
                    let given = sameLanguage.contains { $0 < namesWithStatus.count && namesWithStatus[$0] && names[$0].status == .preferred }
                    // The first of them is preferred when none of its language is; the others admitted.
                    let firstWithout = sameLanguage.first { $0 < namesWithStatus.count && !namesWithStatus[$0] }
                    item.entity.names[index].status = !given && index == firstWithout ? .preferred : .admitted
                    let line = item.nameLines.indices.contains(index) ? item.nameLines[index] ?? entityLine : entityLine
                    warn(line, "\"\(names[index].text)\"@\(names[index].lang) has no administrativeStatus and is one of \(sameLanguage.count) terms in \(names[index].lang): read as \(item.entity.names[index].status.rawValue)")
                }
            }
        }

        /// The names of one language together, languages in the order they
        /// first appear, as the writer puts them (one langSet per language):
        /// an entry with two `en` langSets apart reads as the export writes it.
        private func groupByLanguage(_ item: inout SourcedEntity) {
            var rank: [String: Int] = [:]
            for name in item.entity.names where rank[name.lang] == nil { rank[name.lang] = rank.count }
            let order = item.entity.names.indices.sorted { (rank[item.entity.names[$0].lang]!, $0) < (rank[item.entity.names[$1].lang]!, $1) }
            guard order != Array(item.entity.names.indices) else { return }
            item.entity.names = order.map { item.entity.names[$0] }
            if item.nameLines.count == order.count { item.nameLines = order.map { item.nameLines[$0] } }
        }

        /// An entry without an id gets one from its type and first term
        /// (`EntityIDs`), with a warning.
        private func giveID(_ item: inout SourcedEntity, element: String) {
            guard let first = item.entity.names.first else {
                issue(item.line ?? entityLine, "\(element) without an id or a term to make one from")
                return
            }
            do {
                let id = try EntityIDs.generate(type: item.entity.type, name: first) { generatedIDs.contains($0) }
                generatedIDs.insert(id)
                item.entity.id = id
                warn(item.line ?? entityLine, "\(element) without an id: made \(id) from \"\(first.text)\"")
            } catch {
                issue(item.line ?? entityLine, "\(element) without an id, and none can be made from \"\(first.text)\": \(error)")
            }
        }
    }
}
