import NomenModel
import NomenNormalization
import Testing
@testable import NomenMatching

/// Table-driven tests, grouped by semantics, in the shape of aho-corasick's
/// `src/tests.rs`: `{name, patterns, haystack, expected}`. Expected mentions
/// are written `surface=id@tier`, `surface=id@tier~short` for short mentions
/// and `surface=?id1|id2@tier` when ambiguous.
struct SearchTest: Sendable, CustomStringConvertible {
    let name: String
    /// Entities as `id: name | name …`; a leading `person:` or `person<:` makes
    /// a person with the family name first (`<` = family name in Han script)
    /// and `person>:` one with it last. A name ending in `!` is case-sensitive.
    let patterns: [String]
    let haystack: String
    let expected: [String]

    var description: String { name }

    static func entities(_ patterns: [String]) -> [Entity] {
        patterns.map { line in
            let parts = line.split(separator: ":", maxSplits: 1)
            var id = String(parts[0]).trimmingCharacters(in: .whitespaces)
            var type = EntityType.place
            var order: NameOrder? = nil
            var family: String? = nil
            if id.hasPrefix("person") {
                type = .person
                order = id.hasPrefix("person>") ? .familyLast : .familyFirst
                if id.hasPrefix("person<") { family = "习" }
                id = String(id.drop(while: { $0 != " " }).dropFirst())
            }
            let names = parts[1].split(separator: "|").map { raw -> Name in
                var text = raw.trimmingCharacters(in: .whitespaces)
                var policy = CasePolicy.auto
                if text.hasSuffix("!") { text.removeLast(); policy = .sensitive }
                if text.hasSuffix("~") { text.removeLast(); policy = .insensitive }
                return Name(text: text, lang: "en", status: .admitted, casePolicy: policy)
            }
            return Entity(id: id, type: type, nameOrder: order, familyName: family, names: names)
        }
    }

    static func render(_ mention: Mention) -> String {
        let target = mention.entity ?? ("?" + mention.candidates.joined(separator: "|"))
        return "\(mention.text)=\(target)@\(mention.tier.rawValue)\(mention.isShort ? "~short" : "")"
    }

    func run(semantics: MatchSemantics) throws -> [String] {
        var builder = MatcherBuilder()
        builder.semantics = semantics
        for entity in Self.entities(patterns) { try builder.add(entity) }
        let matcher = try builder.build()
        return try matcher.annotate(haystack, language: .en).mentions.map(Self.render)
    }
}

/// Semantics that hold whatever the case rules.
let leftmostLongest: [SearchTest] = [
    SearchTest(name: "longest at the same start", patterns: ["a: Hai", "b: Hai Phong"],
               haystack: "Hai Phong port", expected: ["Hai Phong=b@exact"]),
    SearchTest(name: "leftmost before longer", patterns: ["a: Lao Cai", "b: Cai Lan Port"],
               haystack: "Lao Cai Lan Port", expected: ["Lao Cai=a@exact"]),
    SearchTest(name: "non-overlapping, resumes after", patterns: ["a: Lao Cai", "b: Hanoi", "c: Hai Phong"],
               haystack: "Lao Cai-Hanoi-Hai Phong railway", expected: ["Lao Cai=a@exact", "Hanoi=b@exact", "Hai Phong=c@exact"]),
    SearchTest(name: "falls back to a shorter key that ends on a boundary", patterns: ["a: Hai", "b: Hai Phongs"],
               haystack: "in Hai Phong", expected: ["Hai=a@exact"]),
]

let boundaries: [SearchTest] = [
    SearchTest(name: "no match inside a word", patterns: ["a: Lam"], haystack: "Lamb and Islam", expected: []),
    SearchTest(name: "punctuation is a boundary", patterns: ["a: Vietnam"],
               haystack: "Vietnam's exports (Vietnam).", expected: ["Vietnam=a@exact", "Vietnam=a@exact"]),
    SearchTest(name: "Cyrillic needs boundaries", patterns: ["a: Москва"],
               haystack: "Москва, Москвария", expected: ["Москва=a@exact"]),
    SearchTest(name: "Han needs none", patterns: ["a: 梁强", "b: 河内"],
               haystack: "越南国家主席梁强在河内会见", expected: ["梁强=a@exact", "河内=b@exact"]),
    SearchTest(name: "Han never splits a longer glossary match", patterns: ["a: 南宁", "b: 南宁市", "c: 宁市"],
               haystack: "在南宁市举行", expected: ["南宁市=b@exact"]),
    SearchTest(name: "Latin beside Han", patterns: ["a: Hanoi", "b: 河内"],
               haystack: "河内Hanoi河内", expected: ["河内=b@exact", "Hanoi=a@exact", "河内=b@exact"]),
]

let tiers: [SearchTest] = [
    SearchTest(name: "exact, caseless, folded, compact", patterns: ["a: Pham Minh Chinh~ | Phạm Minh Chính~"],
               haystack: "Phạm Minh Chính, PHẠM MINH CHÍNH, Pham Minh Chinh, Phạm Minh Chinh, phamminhchinh.",
               expected: ["Phạm Minh Chính=a@exact", "PHẠM MINH CHÍNH=a@caseless", "Pham Minh Chinh=a@exact",
                          "Phạm Minh Chinh=a@folded", "phamminhchinh=a@compact"]),
    SearchTest(name: "compact finds the joined spelling", patterns: ["a: Hải Phòng"],
               haystack: "the port of Haiphong", expected: ["Haiphong=a@compact"]),
    SearchTest(name: "old and new tone placement", patterns: ["a: Thanh Hóa"],
               haystack: "Thanh Hoá, Thanh Hóa", expected: ["Thanh Hoá=a@folded", "Thanh Hóa=a@exact"]),
    SearchTest(name: "NFD is canonically exact", patterns: ["a: Lương Cường"],
               haystack: "L\u{0075}\u{031B}\u{006F}\u{031B}ng C\u{0075}\u{031B}\u{006F}\u{031B}\u{0300}ng.",
               expected: ["L\u{0075}\u{031B}\u{006F}\u{031B}ng C\u{0075}\u{031B}\u{006F}\u{031B}\u{0300}ng=a@exact"]),
    SearchTest(name: "white space runs", patterns: ["a: Hải Phòng"],
               haystack: "Hải  Phòng", expected: ["Hải  Phòng=a@exact"]),
]

/// Case rules: only under the standard semantics.
let caseRules: [SearchTest] = [
    SearchTest(name: "common words in lower case are not names",
               patterns: ["a: Tô Lâm", "b: Long", "c: Hà", "d: Nam", "e: Bình", "f: Hải Phòng"],
               haystack: "toi phai to lam bai, con duong nay long lanh; ha noi, nam nay, binh thuong; nha co hai phong ngu.",
               expected: []),
    SearchTest(name: "Title Case or ALL CAPS fit the name", patterns: ["a: Tô Lâm", "f: Hải Phòng"],
               haystack: "Ong To Lam den HAI PHONG.", expected: ["To Lam=a@folded", "HAI PHONG=f@folded"]),
    SearchTest(name: "half capitalised is not Title Case", patterns: ["a: Tô Lâm"],
               haystack: "ban To lam gi", expected: []),
    // Written in NFD: the rules read the composed surface and answer as they do for NFC.
    SearchTest(name: "case rules on NFD text", patterns: ["f: Hải Phòng", "c: Hà", "g: Hà Nội"],
               haystack: "nha\u{0300} co\u{0301} ha\u{0309}i pho\u{0300}ng ngu\u{0309}; Ha\u{0309}i pho\u{0300}ng; HA\u{0309}I PHO\u{0300}NG; ha\u{0300}; Ha\u{0300}  No\u{0323}\u{0302}i",
               expected: ["HA\u{0309}I PHO\u{0300}NG=f@caseless", "Ha\u{0300}  No\u{0323}\u{0302}i=g@exact"]),
    SearchTest(name: "a sentence-initial capital is weak evidence", patterns: ["b: Long", "d: Nam"],
               haystack: "Long ago, we met. Nam said so. They saw Long and NAM.",
               expected: ["Long=b@exact", "NAM=d@caseless"]),
    SearchTest(name: "long keys match in any case", patterns: ["a: Phạm Minh Chính"],
               haystack: "pham minh chinh noi", expected: ["pham minh chinh=a@folded"]),
    SearchTest(name: "sensitive names match only in their own case", patterns: ["a: BYD!", "b: NA!"],
               haystack: "BYD and byd; na NA Na", expected: ["BYD=a@exact", "NA=b@exact"]),
    SearchTest(name: "insensitive names match in any case", patterns: ["a: ha~"],
               haystack: "ha HA", expected: ["ha=a@exact", "HA=a@caseless"]),
]

let ambiguity: [SearchTest] = [
    SearchTest(name: "two entities, no context: ambiguous", patterns: ["a: Long An", "b: Long An"],
               haystack: "in Long An", expected: ["Long An=?a|b@exact"]),
    SearchTest(name: "an entity mentioned unambiguously earlier wins",
               patterns: ["a: Long An | Long An Province", "b: Long An | Long An Town"],
               haystack: "Long An Town. Later, Long An again.", expected: ["Long An Town=b@exact", "Long An=b@exact"]),
    SearchTest(name: "two known candidates stay ambiguous",
               patterns: ["a: Long An | Long An Province", "b: Long An | Long An Town"],
               haystack: "Long An Town and Long An Province; Long An.",
               expected: ["Long An Town=b@exact", "Long An Province=a@exact", "Long An=?a|b@exact"]),
]

let shortMentions: [SearchTest] = [
    SearchTest(name: "Chinese family name after a full mention", patterns: ["person< xi: Xi Jinping | Tập Cận Bình"],
               haystack: "Xi said. Mr. Xi met Xi Jinping. Xi said. Ông Tập nói.",
               expected: ["Xi Jinping=xi@exact", "Xi=xi@exact~short", "Tập=xi@exact~short"]),
    SearchTest(name: "Vietnamese given name after a full mention",
               patterns: ["person chinh: Phạm Minh Chính | Pham Minh Chinh", "person cuong: Lương Cường | Luong Cuong"],
               haystack: "Prime Minister Pham Minh Chinh met President Luong Cuong. Chinh said Cuong agreed; ông Chính, ong Cuong.",
               expected: ["Pham Minh Chinh=chinh@exact", "Luong Cuong=cuong@exact", "Chinh=chinh@exact~short",
                          "Cuong=cuong@exact~short", "Chính=chinh@exact~short", "Cuong=cuong@exact~short"]),
    SearchTest(name: "lower case is not a short mention", patterns: ["person lam: Tô Lâm | To Lam"],
               haystack: "To Lam noi: chung ta lam viec. Lam cuoi.",
               expected: ["To Lam=lam@exact", "Lam=lam@exact~short"]),
    SearchTest(name: "Western family name", patterns: ["person> biden: Joe Biden"],
               haystack: "Biden. Joe Biden spoke; Biden left.", expected: ["Joe Biden=biden@exact", "Biden=biden@exact~short"]),
    SearchTest(name: "two persons with one short name: ambiguous",
               patterns: ["person< li: Li Qiang", "person< lixi: Li Xi"],
               haystack: "Li Qiang and Li Xi met. Li said.", expected: ["Li Qiang=li@exact", "Li Xi=lixi@exact", "Li=?li|lixi@exact~short"]),
]

@Suite struct MatchSemanticsTests {
    @Test(arguments: leftmostLongest + boundaries + tiers, MatchSemantics.allCases)
    func anySemantics(test: SearchTest, semantics: MatchSemantics) throws {
        #expect(try test.run(semantics: semantics) == test.expected, "\(test.name) under \(semantics)")
    }

    @Test(arguments: caseRules + ambiguity + shortMentions)
    func standardSemantics(test: SearchTest) throws {
        #expect(try test.run(semantics: .standard) == test.expected, "\(test.name)")
    }

    /// With case rules relaxed, the common words are all matches.
    @Test func relaxedCaseMatchesCommonWords() throws {
        let test = SearchTest(name: "relaxed", patterns: ["b: Long", "d: Nam"], haystack: "long ago, nam nay, Long",
                              expected: ["long=b@caseless", "nam=d@caseless", "Long=b@exact"])
        #expect(try test.run(semantics: .relaxedCase) == test.expected)
    }

    /// A walk may pass any number of key ends; each is tried, longest
    /// first, down to the shortest: here only the shortest name's case rule
    /// lets it count, under nineteen longer case-sensitive names.
    @Test func everyKeyEndOfAWalkIsTried() throws {
        let words = ["Kalo", "Bemu", "Dori", "Fanu", "Gebo", "Hila", "Jumo", "Lira", "Mesu", "Nofa",
                     "Pilu", "Rosa", "Seka", "Tubo", "Vina", "Wera", "Yoli", "Zaba", "Cobu", "Duna"]
        let patterns = ["e00: Kalo~"] + (2...words.count).map { "e\($0): \(words.prefix($0).joined(separator: " "))!" }
        let haystack = words.joined(separator: " ").lowercased()
        let test = SearchTest(name: "twenty key ends", patterns: patterns, haystack: haystack, expected: ["kalo=e00@caseless"])
        #expect(try test.run(semantics: .standard) == test.expected)
        // Written as the longest name is, the longest counts.
        let exact = SearchTest(name: "longest", patterns: patterns, haystack: words.joined(separator: " "),
                               expected: ["\(words.joined(separator: " "))=e20@exact"])
        #expect(try exact.run(semantics: .standard) == exact.expected)
    }

    @Test func offsetsAreScalarsAndUTF8() throws {
        let matcher = try Matcher(SearchTest.entities(["a: Lương Cường", "b: 河内"]))
        let text = "Ông L\u{0075}\u{031B}\u{006F}\u{031B}ng Cường ở 河内."
        let mentions = try matcher.annotate(text).mentions
        #expect(mentions.count == 2)
        let scalars = Array(text.unicodeScalars), utf8 = Array(text.utf8)
        for mention in mentions {
            #expect(String(String.UnicodeScalarView(scalars[mention.start..<mention.end])) == mention.text)
            #expect(String(decoding: utf8[mention.startUTF8..<mention.endUTF8], as: UTF8.self) == mention.text)
        }
        #expect(mentions[0].start == 4 && mentions[0].end == 17)
    }

    @Test func builderRejectsOverlongKeys() {
        var builder = MatcherBuilder()
        let long = String(repeating: "a", count: 2000)
        #expect(throws: MatcherError.self) { try builder.add(Entity(id: "x", type: .term, names: [Name(text: long, lang: "en")])) }
    }
}
