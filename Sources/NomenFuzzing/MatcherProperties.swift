@_spi(Performance) import NomenNormalization
import NomenMatching
import NomenModel

/// The matcher on random glossaries and texts, built from names that share
/// words (Hải Phòng, Hải Dương, Phòng…) so that matches overlap.
///
/// For every mention, under both semantics:
/// - its UTF-8 range lies in the text, on code point boundaries, its scalar
///   offsets count the same place, and its surface is the text there;
/// - mentions come in order and never overlap;
/// - the fold of its surface equals a key (folded or compact) of a name of
///   every entity it links to or lists as a candidate (a word of such a
///   name for a short mention; either for a candidate of an ambiguous one).
/// Under `relaxedCase` (every key occurrence counts) on Latin text, the
/// mentions are exactly those of a plain leftmost-longest scan of the folded
/// text for the keys, with a match neither starting nor ending between two
/// letters or digits.
enum MatcherProperties {
    static func check(_ bytes: [UInt8], _ context: FuzzContext) throws {
        var input = FuzzBytes(bytes)
        let latinOnly = input.chance(2)
        let words = latinOnly ? latinWords : latinWords + hanWords
        let entities = makeGlossary(&input, words: words)
        let text = makeText(&input, entities: entities, words: words)
        let folder = try context.folder()
        let keys = try entityKeys(entities, folder: folder)

        for semantics in MatchSemantics.allCases {
            var builder = MatcherBuilder()
            builder.semantics = semantics
            for entity in entities { try builder.add(entity) }
            let matcher = try builder.build()
            let document = try matcher.annotate(text)
            try checkMentions(document.mentions, text: text, keys: keys, folder: folder, semantics: semantics)
            if semantics == .relaxedCase {
                try checkLeftmostLongest(document.mentions, text: text, keys: keys, folder: folder)
            }
        }
    }

    // MARK: Properties

    private static func checkMentions(_ mentions: [Mention], text: String, keys: EntityKeys,
                                      folder: FastFolder, semantics: MatchSemantics) throws {
        let bytes = Array(text.utf8)
        var previousEnd = 0
        for mention in mentions {
            let where_ = "\(semantics) mention \(mention.startUTF8)..<\(mention.endUTF8) in \(escaped(text))"
            try require(mention.startUTF8 >= previousEnd, "mentions are ordered and do not overlap", where_)
            try require(mention.startUTF8 < mention.endUTF8 && mention.endUTF8 <= bytes.count,
                        "a mention is a non-empty range of the text", where_)
            try require(isScalarStart(bytes, mention.startUTF8) && isScalarStart(bytes, mention.endUTF8),
                        "a mention starts and ends on code point boundaries", where_)
            previousEnd = mention.endUTF8
            let surface = String(decoding: bytes[mention.startUTF8..<mention.endUTF8], as: UTF8.self)
            try require(mention.text == surface, "a mention's text is its bytes", "\(escaped(mention.text)) vs \(where_)")
            let before = String(decoding: bytes[..<mention.startUTF8], as: UTF8.self).unicodeScalars.count
            try require(mention.start == before && mention.end == before + surface.unicodeScalars.count,
                        "scalar offsets count the same place", "\(mention.start)..<\(mention.end), \(where_)")
            let key = trimmed(try folder.fold(surface))
            let linked = mention.entity.map { [$0] } ?? mention.candidates
            try require(!linked.isEmpty, "a mention links to an entity or lists candidates", where_)
            for id in linked {
                // An ambiguous mention may list entities named in full beside
                // persons it is a short form of (its `isShort` says all are).
                let own = mention.isShort ? keys.shortKeys[id, default: []]
                    : mention.entity == nil ? keys.keys[id, default: []].union(keys.shortKeys[id, default: []])
                    : keys.keys[id, default: []]
                try require(own.contains(key), "a mention's fold is a key of each entity it links to",
                            "\(escaped(key)) is not a key of \(id) (short: \(mention.isShort), keys \(own.sorted().map { escaped($0) })); \(where_)")
            }
        }
    }

    private static func checkLeftmostLongest(_ mentions: [Mention], text: String, keys: EntityKeys,
                                             folder: FastFolder) throws {
        var source = text
        let folded = try source.withUTF8 { try folder.fold(utf8: $0) }
        let document = folded.bytes
        guard document.allSatisfy({ $0 < 0x80 }) else { return }
        let allKeys = keys.keys.values.reduce(into: Set<[UInt8]>()) { set, keys in
            for key in keys { set.insert(Array(key.utf8)) }
        }
        let byLength = allKeys.sorted { $0.count > $1.count }
        func isWord(_ byte: UInt8) -> Bool {
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x41 && byte <= 0x5A)
        }
        func boundary(_ position: Int) -> Bool {
            !(position > 0 && position < document.count && isWord(document[position - 1]) && isWord(document[position]))
        }
        var expected: [Range<Int>] = []
        var index = 0
        while index < document.count {
            if boundary(index), let key = byLength.first(where: { key in
                index + key.count <= document.count && boundary(index + key.count)
                    && document[index..<index + key.count].elementsEqual(key)
            }) {
                expected.append(folded.sourceRange(ofFolded: index..<index + key.count))
                index += key.count
            } else {
                index += 1
            }
        }
        let found = mentions.map { $0.startUTF8..<$0.endUTF8 }
        try require(found == expected, "relaxedCase finds exactly the leftmost-longest key occurrences",
                    "found \(found), expected \(expected) in \(escaped(text)) folded \(escaped(folded.string))")
    }

    // MARK: Inputs

    /// Words that names share, so that keys overlap and nest.
    static let latinWords = [
        "Hải", "Phòng", "Dương", "Hà", "Nội", "Nam", "Định", "Long", "An", "Tân", "Sơn", "Nhất",
        "Hồ", "Chí", "Minh", "Thành", "phố", "Lương", "Cường", "Tô", "Lâm", "Mỹ", "Tho", "Ly",
        "Quy", "Nhơn", "Đà", "Nẵng", "New", "York", "City", "Port", "Xi", "Jinping", "Lamb", "2024",
    ]
    static let hanWords = ["习近平", "习", "近平", "北京", "北京市", "河内", "越南", "国家", "主席", "梁强"]
    static let fillers = ["và", "the", "ông", "of", "met", "tại", "và Hải", "nội", "Phong", "HAI", "(", "«", "»"]
    static let separators = [" ", " ", " ", ", ", "-", "\n", "", ". ", "  ", "\u{00A0}", "’", " \u{0301}"]

    private static func makeGlossary(_ input: inout FuzzBytes, words: [String]) -> [Entity] {
        var entities: [Entity] = []
        for number in 0..<(1 + input.below(8)) {
            var names: [Name] = []
            for _ in 0..<(1 + input.below(3)) {
                var parts: [String] = []
                for _ in 0..<(1 + input.below(3)) { parts.append(input.pick(words)) }
                let joiner = parts.contains { $0.unicodeScalars.first!.value >= 0x2E80 } ? "" : input.pick([" ", " ", "-"])
                names.append(Name(text: parts.joined(separator: joiner), lang: input.pick(["vi", "en", "zh-Hans"]),
                                  casePolicy: input.pick(CasePolicy.allCases)))
            }
            let type = input.pick(EntityType.allCases)
            entities.append(Entity(id: "fuzz.\(number)", type: type,
                                   nameOrder: type == .person ? input.pick(NameOrder.allCases) : nil, names: names))
        }
        return entities
    }

    private static func makeText(_ input: inout FuzzBytes, entities: [Entity], words: [String]) -> String {
        var text = ""
        for _ in 0..<input.below(24) {
            var token: String
            switch input.below(4) {
            case 0, 1:
                let entity = input.pick(entities)
                token = input.pick(entity.names).text
            case 2: token = input.pick(words)
            default: token = input.pick(fillers)
            }
            switch input.below(6) {
            case 0: token = token.uppercased()
            case 1: token = token.lowercased()
            case 2: token = (try? UnicodeNormalizer.normalize(token, to: .nfd)) ?? token
            default: break
            }
            text += token + input.pick(separators)
        }
        return text
    }

    // MARK: Keys

    struct EntityKeys {
        /// Folded and compact keys of every name, by entity id.
        var keys: [String: Set<String>] = [:]
        /// Folded words of every name, by entity id (short mentions).
        var shortKeys: [String: Set<String>] = [:]
    }

    private static func entityKeys(_ entities: [Entity], folder: FastFolder) throws -> EntityKeys {
        var result = EntityKeys()
        for entity in entities {
            for name in entity.names {
                let folded = trimmed(try folder.fold(name.text))
                guard !folded.isEmpty else { continue }
                result.keys[entity.id, default: []].insert(folded)
                let compact = String(folded.unicodeScalars.filter { !" -'\u{B7}\u{30FB}".unicodeScalars.contains($0) }
                    .map(Character.init))
                if !compact.isEmpty { result.keys[entity.id, default: []].insert(compact) }
                for word in name.text.split(separator: " ") {
                    result.shortKeys[entity.id, default: []].insert(trimmed(try folder.fold(String(word))))
                }
            }
        }
        return result
    }

    private static func trimmed(_ text: String) -> String {
        String(text.drop { $0 == " " }.reversed().drop { $0 == " " }.reversed())
    }

    private static func isScalarStart(_ bytes: [UInt8], _ offset: Int) -> Bool {
        offset == bytes.count || bytes[offset] & 0xC0 != 0x80
    }
}
