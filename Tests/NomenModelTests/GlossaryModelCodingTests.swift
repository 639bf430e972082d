import Foundation
import NomenModel
import Testing

/// The JSON form of the model (the JSONL exchange format and the seed):
/// snake_case keys, documented defaults for what is left out, and a round
/// trip that loses nothing.
@Suite struct GlossaryModelCodingTests {
    static func decode<T: Decodable>(_ type: T.Type, _ json: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(json.utf8))
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test func aNameWithOnlyItsRequiredFieldsGetsTheDefaults() throws {
        let name = try Self.decode(Name.self, #"{"text": "Hải Phòng", "lang": "vi", "status": "preferred"}"#)
        #expect(name == Name(text: "Hải Phòng", lang: "vi", status: .preferred, kind: .full, casePolicy: .auto, note: nil, source: nil))
        // The same defaults as the initializer's.
        #expect(name == Name(text: "Hải Phòng", lang: "vi", status: .preferred))
    }

    @Test func anEntityWithOnlyItsRequiredFieldsGetsTheDefaults() throws {
        let entity = try Self.decode(Entity.self, #"{"id": "vn.place.hai-phong", "type": "place"}"#)
        #expect(entity.description == nil && entity.nameOrder == nil && entity.familyName == nil)
        #expect(entity.note == nil && entity.source == nil)
        #expect(entity.externalIDs == [:])
        #expect(entity.names == [])
        #expect(entity == Entity(id: "vn.place.hai-phong", type: .place))
    }

    @Test func snakeCaseKeysAreRead() throws {
        let entity = try Self.decode(Entity.self, """
            {"id": "cn.person.xi-jinping", "type": "person", "description": "General Secretary",
             "external_ids": {"wikidata": "Q15031"}, "name_order": "family_first", "family_name": "习",
             "note": "n", "source": "s",
             "names": [{"text": "XI", "lang": "en", "status": "admitted", "kind": "abbreviation",
                        "case": "sensitive", "note": "short", "source": "press"}]}
            """)
        #expect(entity == Entity(
            id: "cn.person.xi-jinping", type: .person, description: "General Secretary", externalIDs: ["wikidata": "Q15031"],
            nameOrder: .familyFirst, familyName: "习", note: "n", source: "s",
            names: [Name(text: "XI", lang: "en", status: .admitted, kind: .abbreviation, casePolicy: .sensitive,
                         note: "short", source: "press")]))
    }

    /// What may not be left out, and values outside an enum, are errors
    /// that name the key.
    @Test(arguments: [
        (#"{"lang": "vi", "status": "preferred"}"#, "text"),
        (#"{"text": "Huế", "status": "preferred"}"#, "lang"),
        (#"{"text": "Huế", "lang": "vi"}"#, "status"),
        (#"{"text": "Huế", "lang": "vi", "status": "maybe"}"#, "status"),
        (#"{"text": "Huế", "lang": "vi", "status": "preferred", "kind": "nickname"}"#, "kind"),
        (#"{"text": "Huế", "lang": "vi", "status": "preferred", "case": "upper"}"#, "case"),
    ])
    func aBadNameIsADecodingErrorAtItsKey(json: String, key: String) {
        #expect(Self.failingKey { try Self.decode(Name.self, json) } == key)
    }

    @Test(arguments: [
        (#"{"type": "place"}"#, "id"),
        (#"{"id": "x"}"#, "type"),
        (#"{"id": "x", "type": "city"}"#, "type"),
        (#"{"id": "x", "type": "person", "name_order": "given_first"}"#, "name_order"),
    ])
    func aBadEntityIsADecodingErrorAtItsKey(json: String, key: String) {
        #expect(Self.failingKey { try Self.decode(Entity.self, json) } == key)
    }

    /// The key a decoding error points at (the last of its coding path).
    static func failingKey(_ body: () throws -> Any) -> String? {
        do {
            _ = try body()
            return nil
        } catch DecodingError.keyNotFound(let key, _) {
            return key.stringValue
        } catch DecodingError.dataCorrupted(let context) {
            return context.codingPath.last?.stringValue
        } catch {
            return "\(error)"
        }
    }

    static let entities: [Entity] = [
        Entity(id: "x", type: .other),
        Entity(id: "vn.place.hue", type: .place, names: [Name(text: "Huế", lang: "vi", status: .preferred)]),
        Entity(id: "cn.person.xi-jinping", type: .person, description: "d", externalIDs: ["wikidata": "Q15031", "b": "x/y"],
               nameOrder: .familyFirst, familyName: "习", note: "ambiguous-accepted: test", source: "s",
               names: [Name(text: "习近平", lang: "zh-Hans", status: .preferred),
                       Name(text: "Tập Cận Bình", lang: "vi", status: .preferred, kind: .full, casePolicy: .insensitive),
                       Name(text: "Xi Jin Ping", lang: "en", status: .forbidden, kind: .misspelling, casePolicy: .sensitive,
                            note: "n", source: "s")]),
    ]

    @Test(arguments: entities)
    func roundTripGivesTheSameEntity(entity: Entity) throws {
        #expect(try Self.decode(Entity.self, Self.encode(entity)) == entity)
    }

    /// Written out: snake_case keys, empty external ids and absent optionals
    /// left out, a name's kind and case always written.
    @Test func encodingWritesSnakeCaseAndLeavesOutWhatIsUnset() throws {
        #expect(try Self.encode(Entity(id: "x", type: .other)) == #"{"id":"x","names":[],"type":"other"}"#)
        let entity = Entity(id: "p", type: .person, externalIDs: ["wikidata": "Q1"], nameOrder: .familyLast, familyName: "Smith",
                            names: [Name(text: "Smith", lang: "en", casePolicy: .sensitive)])
        #expect(try Self.encode(entity) == #"{"external_ids":{"wikidata":"Q1"},"family_name":"Smith","id":"p","name_order":"family_last","#
                + #""names":[{"case":"sensitive","kind":"full","lang":"en","status":"admitted","text":"Smith"}],"type":"person"}"#)
    }
}
