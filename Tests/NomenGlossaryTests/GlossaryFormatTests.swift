import Foundation
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
        let result = GlossaryFormat.csv.read(Array("id,text\n".utf8), file: "f.csv")
        #expect(result.issues.map(\.description) == [
            "f.csv:1: unknown column \"id\" (columns: \(DelimitedFormat.allColumns.joined(separator: ",")))",
            "f.csv:1: missing columns entity_id,type,lang,status (required: entity_id,type,lang,text,status)",
        ])
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

            """
        let result = GlossaryFormat.csv.read(Array(csv.utf8), file: "f.csv")
        #expect(result.issues.isEmpty)
        let store = try GlossaryStore.inMemory()
        let error = try #require(throws: GlossaryError.self) {
            try store.importEntities(result.entities, file: "f.csv", command: "import")
        }
        #expect(error.message == "import aborted: 3 errors; the glossary is unchanged")
        #expect(error.issues.map(\.description) == [
            "f.csv:3: a second preferred name in vi for a: \"Thủ đô\" (\"Hà Nội\" is preferred)",
            "f.csv:4: \"english!\" is not a BCP 47 language tag (vi, en, zh-Hans, zh-Hant, zh-Latn-pinyin, und…)",
            "f.csv:5: empty name text",
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
}
