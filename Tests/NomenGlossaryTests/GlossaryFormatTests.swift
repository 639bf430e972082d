import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import NomenModel
import Testing
@testable import NomenGlossary

/// Entities that exercise every field and the characters formats must escape.
let awkward: [Entity] = [
    luongCuong,
    xiJinping,
    Entity(id: "x.term.quoted", type: .term, description: "a \"quoted\", comma\tand tab", note: "line one\nline two",
           source: "back\\slash", names: [
               Name(text: "Đà Nẵng, \"ĐN\"", lang: "vi", status: .preferred, kind: .short, casePolicy: .sensitive,
                    note: "note, with comma", source: "src"),
               Name(text: "A&B <tag>", lang: "en", status: .deprecated, kind: .alias, casePolicy: .insensitive),
               Name(text: "Sai", lang: "en", status: .forbidden, kind: .misspelling),
               Name(text: "gen", lang: "zh-Latn-pinyin", status: .admitted, kind: .generated),
           ]),
    Entity(id: "x.other.nameless", type: .other, description: "no names yet"),
]

@Suite struct GlossaryFormatTests {
    @Test(arguments: GlossaryFormat.allCases)
    func writeThenReadGivesTheSameEntities(format: GlossaryFormat) throws {
        let text = try format.write(awkward)
        let result = format.read(Array(text.utf8), file: "x")
        #expect(result.issues == [])
        #expect(result.entities.map(\.entity) == awkward)
    }

    @Test func csvHasTheDocumentedHeaderAndQuoting() throws {
        let text = try GlossaryFormat.csv.write([awkward[2]])
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[0] == "entity_id,type,lang,text,status,kind,case,note,source,description,name_order,family_name,external_ids,entity_note,entity_source")
        #expect(lines[1].hasPrefix("x.term.quoted,term,vi,\"Đà Nẵng, \"\"ĐN\"\"\",preferred,short,sensitive,\"note, with comma\",src,\"a \"\"quoted\"\", comma\tand tab\""))
    }

    @Test func everyColumnIsReadByItsName() {
        #expect(DelimitedFormat.Column.allCases.map(\.name).sorted() == DelimitedFormat.allColumns.sorted())
    }

    @Test func readsAMinimalCSVWithCRLFAndABOM() throws {
        let csv = "\u{FEFF}entity_id,type,lang,text,status\r\nvn.place.hue,place,vi,Huế,preferred\r\nvn.place.hue,place,en,Hue,preferred\r\n"
        let result = GlossaryFormat.csv.read(Array(csv.utf8), file: "f.csv")
        #expect(result.issues == [])
        #expect(result.entities.map(\.entity) == [Entity(id: "vn.place.hue", type: .place, names: [
            Name(text: "Huế", lang: "vi", status: .preferred), Name(text: "Hue", lang: "en", status: .preferred)])])
        #expect(result.entities.first?.nameLines == [2, 3])
    }

    @Test func reportsEveryBadRowWithItsLine() throws {
        var bytes = Array("""
            entity_id,type,lang,text,status
            a,place,vi,Hà Nội,preferred
            a,place,vi,Hanoi,favourite
            b,planet,en,Mars,preferred
            c,place,en,"Two
            lines",preferred
            d,place,en,only four fields

            """.utf8)
        bytes += Array("e,place,en,Bad ".utf8) + [0xC3, 0x28] + Array(",preferred\n".utf8)
        let result = GlossaryFormat.csv.read(bytes, file: "f.csv")
        #expect(result.issues.map(\.description) == [
            "f.csv:3: unknown status \"favourite\" (expected one of: preferred, admitted, deprecated, forbidden)",
            "f.csv:4: unknown type \"planet\" (expected one of: person, place, organization, term, other)",
            "f.csv:7: 4 fields, expected 5 as in the header",
            "f.csv:8: invalid UTF-8 in column text at byte 4 of the field",
        ])
        #expect(result.entities.map(\.entity.id) == ["a", "c"])
        #expect(result.entities[1].entity.names.first?.text == "Two\nlines")
    }

    @Test func rejectsAHeaderWithoutTheRequiredColumns() {
        let result = GlossaryFormat.csv.read(Array("id,text,domain\n".utf8), file: "f.csv")
        #expect(result.issues.map(\.description) == [
            "f.csv:1: missing columns type,lang,status (required: entity_id,type,lang,text,status, or id,type and a column per language)",
        ])
        #expect(result.warnings.map(\.description) == [
            "f.csv:1: column \"domain\" is not a nomen column: its values are kept in each entity's note as \"domain: …\"",
        ])
    }

    /// A spreadsheet as memoQ, Weblate or Excel write it: a column per
    /// language with optional status columns, `;` between fields, values in
    /// any case, ids left empty, extra columns.
    static let spreadsheet = """
        ID;Type;en;vi;ZH-HANS;vi status;Comment;Domain
        ;Person;Xi Jinping;Tập Cận Bình;习近平;Admitted;leader;politics
        vn.place.hue;Place;Hue;Huế | Thừa Thiên Huế;;;;
        ;Organisation;;Bộ Ngoại giao;;;;

        """

    @Test func perLanguageColumnsFromSpreadsheets() throws {
        let result = GlossaryFormat.csv.read(Array(Self.spreadsheet.utf8), file: "s.csv")
        #expect(result.issues.isEmpty)
        #expect(result.warnings.map(\.description) == [
            "s.csv:1: column \"Comment\" is kept in each entity's note",
            "s.csv:1: column \"Domain\" is not a nomen column: its values are kept in each entity's note as \"Domain: …\"",
        ])
        #expect(result.entities.map(\.entity.id) == ["person.xi-jinping", "vn.place.hue", "vn.org.bo-ngoai-giao"])
        let xi = result.entities[0].entity
        #expect(xi.type == .person && xi.note == "leader; Domain: politics")
        #expect(xi.names.map { "\($0.text)@\($0.lang) \($0.status.rawValue)" } == [
            "Xi Jinping@en preferred", "Tập Cận Bình@vi admitted", "习近平@zh-Hans preferred"])
        #expect(result.entities[1].entity.names.map { "\($0.text)@\($0.lang) \($0.status.rawValue)" } == [
            "Hue@en preferred", "Huế@vi preferred", "Thừa Thiên Huế@vi admitted"])
        #expect(result.entities[2].entity.type == .organization)
        #expect(result.entities.allSatisfy { $0.line != nil })
        let store = try GlossaryStore.inMemory()
        #expect(try store.importEntities(result.entities, file: "s.csv", command: "import").added == 3)
    }

    /// Termbases list one text under several languages (a name that is the
    /// same in Vietnamese and English; "Hanoi" in English and French).
    static let sameTextInSeveralLanguages: [Entity] = [
        Entity(id: "vn.place.ha-noi", type: .place, names: [
            Name(text: "Hà Nội", lang: "vi", status: .preferred),
            Name(text: "Hanoi", lang: "vi", status: .admitted),
            Name(text: "Hanoi", lang: "en", status: .preferred),
            Name(text: "Hanoi", lang: "fr", status: .preferred),
        ]),
        Entity(id: "vn.place.ha-giang", type: .place, names: [
            Name(text: "Hà Giang", lang: "vi", status: .preferred),
            Name(text: "Ha Giang", lang: "en", status: .preferred),
            Name(text: "Ha Giang", lang: "vi", status: .deprecated, kind: .misspelling, note: "without diacritics"),
        ]),
    ]

    @Test(arguments: GlossaryFormat.allCases)
    func oneTextUnderSeveralLanguagesRoundTrips(format: GlossaryFormat) throws {
        let entities = try Self.sameTextInSeveralLanguages.map { try EntityValidation.normalized($0) }
        let result = format.read(Array(try format.write(entities).utf8), file: "x")
        #expect(result.issues == [])
        #expect(result.entities.map(\.entity) == entities)
        let store = try GlossaryStore.inMemory()
        #expect(try store.importEntities(result.entities, file: "x", command: "import").names == 7)
        #expect(try store.allEntities() == entities.sorted { $0.id < $1.id })
    }

    @Test func aSpreadsheetWithTheSameTextInTwoColumnsImports() throws {
        let csv = "id;type;en;fr;vi\nvn.place.ha-noi;place;Hanoi;Hanoi;Hà Nội\n"
        let result = GlossaryFormat.csv.read(Array(csv.utf8), file: "s.csv")
        #expect(result.issues.isEmpty)
        #expect(result.entities.first?.entity.names.map { "\($0.text)@\($0.lang)" } == ["Hanoi@en", "Hanoi@fr", "Hà Nội@vi"])
        let store = try GlossaryStore.inMemory()
        #expect(try store.importEntities(result.entities, file: "s.csv", command: "import").added == 1)
    }

    /// Excel's "Unicode text" is UTF-16 with a byte-order mark.
    @Test func utf16WithAByteOrderMark() {
        let text = "entity_id,type,lang,text,status\nvn.place.hue,Place,VI,Huế,Preferred\n"
        var little: [UInt8] = [0xFF, 0xFE], big: [UInt8] = [0xFE, 0xFF]
        for unit in text.utf16 {
            little += [UInt8(unit & 0xFF), UInt8(unit >> 8)]
            big += [UInt8(unit >> 8), UInt8(unit & 0xFF)]
        }
        for bytes in [little, big] {
            let result = GlossaryFormat.csv.read(bytes, file: "u.csv")
            #expect(result.issues.isEmpty)
            #expect(result.entities.first?.entity.names.first.map { "\($0.text)@\($0.lang) \($0.status.rawValue)" } == "Huế@vi preferred")
        }
        #expect(GlossaryFormat.csv.read([0xFF, 0xFE, 0x41], file: "odd.csv").issues.map(\.description)
                == ["odd.csv:1: the file starts with a UTF-16 byte-order mark but is not well-formed UTF-16"])
    }

    /// Read errors and the model's rules come in one list, by line.
    @Test func everyErrorInOnePassByLine() {
        let csv = """
            id,type,en,vi,vi status
            a,place,A,Á,best
            b,planet,B,,
            c,place,C,,preferred
            d,place,D!,Dê,
            d,place,D,Đê,

            """
        let result = GlossaryFormat.csv.read(Array(csv.utf8), file: "f.csv")
        #expect(result.allIssues(file: "f.csv").map(\.description) == [
            "f.csv:2: unknown status \"best\" in vi status (expected one of: preferred, admitted, deprecated, forbidden)",
            "f.csv:3: unknown type \"planet\" (expected one of: person, place, organization, term, other)",
            "f.csv:4: a status in vi status but no name in vi",
            "f.csv:6: a second preferred name in en for d: \"D\" (\"D!\" is preferred)",
            "f.csv:6: a second preferred name in vi for d: \"Đê\" (\"Dê\" is preferred)",
        ])
    }

    /// A TBX written by translate-toolkit 3.20.4 (`tbx.tbxfile`,
    /// `addsourceunit`, `target`, `addnote`): no ids, no statuses.
    static let translateToolkitTBX = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE martif PUBLIC "ISO 12200:1999A//DTD MARTIF core (DXFcdV04)//EN" "TBXcdv04.dtd">
        <martif type="TBX" xml:lang="en">
            <martifHeader>
                <fileDesc>
                    <sourceDesc>
                        <p>Translate Toolkit</p>
                    </sourceDesc>
                </fileDesc>
            </martifHeader>
            <text>
                <body>
                    <termEntry>
                        <langSet xml:lang="en"><tig><term>Hanoi</term></tig></langSet>
                        <langSet xml:lang="vi"><tig><term>Hà Nội</term></tig></langSet>
                    </termEntry>
                    <termEntry>
                        <langSet xml:lang="en"><tig><term>Ho Chi Minh City</term></tig></langSet>
                        <langSet xml:lang="vi"><tig><term>Thành phố Hồ Chí Minh</term></tig></langSet>
                        <note from="translator">largest city</note>
                    </termEntry>
                </body>
            </text>
        </martif>

        """

    /// A TBX text read, with no error expected; its warnings as printed.
    static func readTBX(_ text: String, file: String) -> (result: GlossaryFormat.ReadResult, warnings: [String]) {
        let result = GlossaryFormat.tbx.read(Array(text.utf8), file: file)
        #expect(result.issues.isEmpty)
        return (result, result.warnings.map(\.description))
    }

    @Test func tbxFromTranslateToolkit() throws {
        let (result, warnings) = Self.readTBX(Self.translateToolkitTBX, file: "tt.tbx")
        #expect(warnings == [
            "tt.tbx:13: termEntry without an id: made other.hanoi from \"Hanoi\"",
            "tt.tbx:17: termEntry without an id: made other.ho-chi-minh-city from \"Ho Chi Minh City\"",
        ])
        #expect(result.entities.map { $0.entity.names.map { "\($0.text)@\($0.lang) \($0.status.rawValue)" } } == [
            ["Hanoi@en preferred", "Hà Nội@vi preferred"],
            ["Ho Chi Minh City@en preferred", "Thành phố Hồ Chí Minh@vi preferred"],
        ])
        #expect(result.entities[1].entity.note == "largest city")
        let store = try GlossaryStore.inMemory()
        #expect(try store.importEntities(result.entities, file: "tt.tbx", command: "import").added == 2)
    }

    /// In the shape of the TBX-Basic sample of the standard's package
    /// (LTAC's TBX-Basic sample files): subject field, a definition in a
    /// descripGrp with its source, part of speech, context, a term without
    /// a status beside one with, language tags in capitals.
    static let tbxBasicSample = """
        <?xml version="1.0" encoding="UTF-8"?>
        <!DOCTYPE martif SYSTEM "TBXBasiccoreStructV02.dtd">
        <martif type="TBX-Basic" xml:lang="en-US">
          <martifHeader>
            <fileDesc><titleStmt><title>TBX-Basic sample</title></titleStmt>
              <sourceDesc><p>sample</p></sourceDesc></fileDesc>
            <encodingDesc><p type="XCSURI">TBXBasicXCSV02.xcs</p></encodingDesc>
          </martifHeader>
          <text><body>
            <termEntry id="c1">
              <descrip type="subjectField">manufacturing</descrip>
              <descripGrp>
                <descrip type="definition">A value applied to the frequency of an event.</descrip>
                <admin type="source">ISO 12345</admin>
              </descripGrp>
              <transac type="transactionType">origination</transac>
              <langSet xml:lang="EN-us">
                <tig>
                  <term>alpha smoothing factor</term>
                  <termNote type="partOfSpeech">noun</termNote>
                  <termNote type="administrativeStatus">preferredTerm-admn-sts</termNote>
                  <descrip type="context">The alpha smoothing factor is applied.</descrip>
                </tig>
                <tig>
                  <term>smoothing factor</term>
                  <termNote type="termType">shortForm</termNote>
                </tig>
              </langSet>
              <langSet xml:lang="FR-fr">
                <tig><term>facteur de lissage alpha</term><termNote type="grammaticalGender">masculine</termNote></tig>
              </langSet>
            </termEntry>
          </body></text>
        </martif>

        """

    @Test func tbxBasicSampleKeepsItsDataCategories() throws {
        let (result, warnings) = Self.readTBX(Self.tbxBasicSample, file: "basic.tbx")
        #expect(warnings == [
            "basic.tbx:24: \"smoothing factor\"@en-US has no administrativeStatus and is one of 2 terms in en-US: read as admitted",
        ])
        let entity = try #require(result.entities.first?.entity)
        #expect(entity.id == "c1")
        #expect(entity.description == "A value applied to the frequency of an event.")
        #expect(entity.note == "subjectField: manufacturing; transactionType: origination")
        #expect(entity.names.map { "\($0.text)@\($0.lang) \($0.status.rawValue) \($0.kind.rawValue)" } == [
            "alpha smoothing factor@en-US preferred full", "smoothing factor@en-US admitted short",
            "facteur de lissage alpha@fr-FR preferred full",
        ])
        #expect(entity.names[0].note == "partOfSpeech: noun; context: The alpha smoothing factor is applied.")
        #expect(entity.names[2].note == "grammaticalGender: masculine")
    }

    /// --source-lang puts a language first for CAT tools; every x-nomen-*
    /// category the export writes is declared in the XCS it refers to.
    @Test func tbxForCATToolsAndItsConstraints() throws {
        let entities = try awkward.map { try EntityValidation.normalized($0) }
        let text = GlossaryFormat.tbx(entities, sourceLanguage: "VI")
        #expect(text.contains("<martif type=\"TBX-Basic\" xml:lang=\"vi\">"))
        #expect(text.contains("<p type=\"XCSURI\">\(GlossaryFormat.tbxConstraints.fileName)</p>"))
        for entry in text.components(separatedBy: "<termEntry").dropFirst() where entry.contains("xml:lang=\"vi\"") {
            let first = entry.range(of: "<langSet xml:lang=\"")
            #expect(first.map { entry[$0.upperBound...].hasPrefix("vi\"") } == true)
        }
        let xcs = GlossaryFormat.tbxConstraints.text
        #expect(XMLParser(data: Data(xcs.utf8)).parse())
        let seed = try GlossaryFormat.tbx.write(try GlossaryStore.bundledSeed().map(\.entity))
        var used = Set<String>()
        for piece in seed.components(separatedBy: "type=\"x-nomen-").dropFirst() {
            used.insert("x-nomen-" + piece.prefix { $0 != "\"" })
        }
        #expect(used.count >= 5)
        for category in used { #expect(xcs.contains("name=\"\(category)\""), "\(category) is not declared") }
    }

    @Test func jsonlErrorsNameTheLineAndField() {
        let jsonl = """
            {"id": "a", "type": "place", "names": [{"text": "A", "lang": "en", "status": "preferred"}]}
            {"id": "b", "type": "place", "names": [{"text": "B", "lang": "en", "status": "best"}]}
            not json
            {"type": "place"}
            """
        let result = GlossaryFormat.jsonl.read(Array(jsonl.utf8), file: "f.jsonl")
        #expect(result.issues.map(\.description) == [
            "f.jsonl:2: names[0].status: unknown value (expected one of: preferred, admitted, deprecated, forbidden)",
            "f.jsonl:3: not valid JSON",
            "f.jsonl:4: missing \"id\"",
        ])
    }

    @Test func importValidationNamesTheLineOfEachBadName() throws {
        let csv = """
            entity_id,type,lang,text,status
            a,place,vi,Hà Nội,preferred
            a,place,vi,Thủ đô,preferred
            a,place,english!,Hanoi,admitted
            a,place,en,,admitted
            a,place,en,Hanoi,admitted
            a,place,en,Hanoi,deprecated

            """
        let result = GlossaryFormat.csv.read(Array(csv.utf8), file: "f.csv")
        #expect(result.issues.isEmpty)
        let store = try GlossaryStore.inMemory()
        let error = try #require(throws: GlossaryError.self) {
            try store.importEntities(result.entities, file: "f.csv", command: "import")
        }
        #expect(error.message == "import aborted: 4 errors; the glossary is unchanged")
        #expect(error.issues.map(\.description) == [
            "f.csv:3: a second preferred name in vi for a: \"Thủ đô\" (\"Hà Nội\" is preferred)",
            "f.csv:4: \"english!\" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)",
            "f.csv:5: empty name text",
            "f.csv:7: \"Hanoi\" is listed twice in en for a",
        ])
        #expect(try store.counts() == (entities: 0, names: 0))
    }

    @Test func tbxMapsStatusesToTBXBasicAdministrativeStatus() throws {
        let text = try GlossaryFormat.tbx.write([awkward[2]])
        #expect(text.contains("<termEntry id=\"x.term.quoted\">"))
        #expect(text.contains("<langSet xml:lang=\"vi\">"))
        #expect(text.contains("<term>Đà Nẵng, &quot;ĐN&quot;</term>") || text.contains("<term>Đà Nẵng, \"ĐN\"</term>"))
        #expect(text.contains("<termNote type=\"administrativeStatus\">preferredTerm-admn-sts</termNote>"))
        #expect(text.contains("<termNote type=\"administrativeStatus\">obsoleteTerm-admn-sts</termNote>"))
        #expect(text.contains("<termNote type=\"administrativeStatus\">notRecommendedTerm-admn-sts</termNote>"))
        #expect(text.contains("<term>A&amp;B &lt;tag&gt;</term>"))
    }

    @Test func tbxErrorsNameTheElementsLine() {
        let tbx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="en"><text><body>
            <termEntry id="a">
              <langSet xml:lang="en">
                <tig><term>A</term><termNote type="administrativeStatus">madeUp-admn-sts</termNote></tig>
              </langSet>
            </termEntry>
            </body></text></martif>
            """
        let result = GlossaryFormat.tbx.read(Array(tbx.utf8), file: "f.tbx")
        #expect(result.issues.map(\.description) == [
            "f.tbx:5: unknown administrativeStatus \"madeUp-admn-sts\" (expected preferredTerm-admn-sts, admittedTerm-admn-sts, deprecatedTerm-admn-sts, obsoleteTerm-admn-sts, supersededTerm-admn-sts, notRecommendedTerm-admn-sts)",
        ])
    }

    /// Found by fuzzing: a comma, tab or line break that a combining mark
    /// follows is one Character with it, and "\r\n" is one Character;
    /// the writers decide quoting and escaping on bytes.
    @Test(arguments: [GlossaryFormat.csv, .tsv])
    func separatorsFollowedByCombiningMarksAndCRLFStayInTheirField(format: GlossaryFormat) throws {
        let entity = Entity(id: "cn.place.lianyungang", type: .place,
                            description: "Prefecture-level city in Jiangsu,\u{1D165}\u{1D16D} China\t\u{301}tab",
                            note: "first line\r\nsecond line\\\u{301}", names: [
                                Name(text: "Liên Vân Cảng", lang: "vi", status: .preferred),
                                Name(text: "Lianyungang", lang: "en", status: .preferred),
                            ])
        let text = try format.write([entity])
        let result = format.read(Array(text.utf8), file: "x")
        #expect(result.issues == [])
        #expect(result.entities.map(\.entity) == [entity])
    }

    /// Found by fuzzing: Foundation's XMLParser on Linux recovers from
    /// malformed XML and reports success; the reader refuses the file at the
    /// first error instead of importing what the recovery guessed.
    @Test func tbxThatIsNotWellFormedIsRefusedWithItsLine() {
        let tbx = """
            <?xml version="1.0" encoding="UTF-8"?>
            <martif type="TBX-Basic" xml:lang="en"><text><body>
            <termEntry id="a">
              <langSet xml:lang="zh-Hans"ng="vi"><tig><term>河口</term></tig></langSet>
            </termEntry>
            </body></text></martif>
            """
        let result = GlossaryFormat.tbx.read(Array(tbx.utf8), file: "f.tbx")
        #expect(result.issues.count == 1)
        #expect(result.issues.first?.line == 4)
        #expect(result.issues.first?.message.hasPrefix("not well-formed XML") == true)
    }

    /// Two langSets of one language apart read as the export writes them:
    /// the language's names together, so an export reads back the same.
    @Test func tbxLangSetsOfOneLanguageApartAreGrouped() throws {
        let tbx = """
            <martif type="TBX-Basic" xml:lang="en"><text><body><termEntry id="vn.place.tu-son">
            <langSet xml:lang="en"><tig><term>Tu Son</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
            <langSet xml:lang="vi"><tig><term>Từ Sơn</term><termNote type="administrativeStatus">preferredTerm-admn-sts</termNote></tig></langSet>
            <langSet xml:lang="en"><tig><term>Tuson</term><termNote type="administrativeStatus">admittedTerm-admn-sts</termNote></tig></langSet>
            </termEntry></body></text></martif>
            """
        let result = GlossaryFormat.tbx.read(Array(tbx.utf8), file: "f.tbx")
        #expect(result.issues == [])
        let names = result.entities.first?.entity.names.map(\.text)
        #expect(names == ["Tu Son", "Tuson", "Từ Sơn"])
        #expect(result.entities.first?.nameLines == [2, 4, 3])
        let again = GlossaryFormat.tbx.read(Array(try GlossaryFormat.tbx.write(result.entities.map(\.entity)).utf8), file: "g.tbx")
        #expect(again.entities.map(\.entity) == result.entities.map(\.entity))
    }

    /// Found by fuzzing: "ß" upper-cases to "SS", so case-mapping a
    /// non-ASCII tag made a different, well-formed one.
    @Test func languageTagsWithNonASCIILettersAreNotCaseMapped() {
        #expect(LanguageTag.canonical("ZH-hans-cn") == "zh-Hans-CN")
        #expect(LanguageTag.canonical("zh-ßHsh-lanans") == "zh-ßHsh-lanans")
        #expect(!LanguageTag.isWellFormed(LanguageTag.canonical("zh-ßHsh-lanans")))
    }
}
