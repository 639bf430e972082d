import Foundation
import NomenModel
import Testing
@testable import NomenMatching

@Suite struct MatcherCacheTests {
    func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("nomen-cache-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    @Test func roundTripGivesTheSameMentions() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = MatcherCache.fileURL(in: directory, glossaryPath: "/g.sqlite", revision: 7, semantics: .standard)
        try MatcherCache.save(seedMatcher, to: url)
        let loaded = try MatcherCache.load(from: url)
        #expect(loaded.keyCount == seedMatcher.keyCount && loaded.nodeCount == seedMatcher.nodeCount)
        for text in [Articles.english, Articles.vietnamese, Articles.chinese] {
            #expect(try loaded.annotate(text) == seedMatcher.annotate(text))
        }
    }

    @Test func keyDependsOnPathRevisionAndSemantics() {
        let directory = URL(fileURLWithPath: "/c")
        let a = MatcherCache.fileURL(in: directory, glossaryPath: "/g", revision: 1, semantics: .standard)
        #expect(a != MatcherCache.fileURL(in: directory, glossaryPath: "/g", revision: 2, semantics: .standard))
        #expect(a != MatcherCache.fileURL(in: directory, glossaryPath: "/h", revision: 1, semantics: .standard))
        #expect(a != MatcherCache.fileURL(in: directory, glossaryPath: "/g", revision: 1, semantics: .relaxedCase))
        #expect(MatcherCache.defaultDirectory(environment: ["XDG_CACHE_HOME": "/x"]).path == "/x/nomen")
        #expect(MatcherCache.defaultDirectory(environment: ["HOME": "/home/u"]).path == "/home/u/.cache/nomen")
    }

    /// The cache holds no checksum: `load` checks the structure (magic,
    /// version, array lengths, every index in bounds: `isWellFormed`), not
    /// the bytes of names and ids. So what a corrupt file must do: every
    /// truncation, and any change to the magic, the version or an array's
    /// length, is refused with an error; a changed padding byte loads and
    /// gives the same answer; any other change is refused or loads a matcher
    /// that searches safely (mentions inside the text, ids readable). Every
    /// byte is changed in turn, by a mask from a seeded generator; `cached`
    /// then recompiles a garbage file.
    @Test func corruptFilesAreRefusedOrSearchSafely() throws {
        let directory = try scratch()
        defer { try? FileManager.default.removeItem(at: directory) }
        let small = try Matcher(SearchTest.entities(["a: Hải Phòng", "person< xi: Xi Jinping"]))
        let url = directory.appendingPathComponent("m.bin")
        try MatcherCache.save(small, to: url)
        let good = [UInt8](try Data(contentsOf: url))
        for length in stride(from: 0, to: good.count, by: 3) {
            try Data(good.prefix(length)).write(to: url)
            #expect(throws: MatcherError.self) { try MatcherCache.load(from: url) }
        }

        // The layout (MatcherCache's format): magic, version, semantics, name
        // count, then each array as its count, its elements and padding to 8 bytes.
        let elementSizes = [8, 1, 4, 4, 4, 4, 2, 1, 1, 4, 4, 1, 4]
        var mustRefuse = Set(0..<12), padding = Set<Int>()
        var position = 24
        for size in elementSizes {
            let count = good[position..<position + 8].reversed().reduce(0) { $0 << 8 | Int($1) }
            mustRefuse.formUnion(position..<position + 8)
            position += 8 + count * size
            let padded = (position + 7) / 8 * 8
            padding.formUnion(position..<padded)
            position = padded
        }
        #expect(position == good.count && !padding.isEmpty)

        let text = "Hai Phong, Xi Jinping, Xi. Hải Phòng"
        let expected = try small.annotate(text).mentions
        #expect(expected.count == 4)
        var generator = XorShift(state: 0x6E6F_6D65_6E63_6163)
        var refused = 0, loaded = 0
        for index in good.indices {
            let isPadding = padding.contains(index), isHeaderOrLength = mustRefuse.contains(index)
            var bad = good
            bad[index] ^= UInt8.random(in: 1...255, using: &generator)
            try Data(bad).write(to: url)
            let matcher: Matcher
            do {
                matcher = try MatcherCache.load(from: url)
            } catch {
                guard case .corruptCache = error.kind else {
                    Issue.record("byte \(index): \(error)")
                    continue
                }
                #expect(!isPadding, "a padding byte at \(index) changed, and refused")
                refused += 1
                continue
            }
            loaded += 1
            #expect(!isHeaderOrLength, "byte \(index) of the header or an array length changed, and loaded")
            let mentions = try matcher.annotate(text).mentions
            if isPadding { #expect(mentions == expected, "padding byte \(index)") }
            for mention in mentions {
                #expect(0 <= mention.start && mention.start <= mention.end && mention.end <= text.unicodeScalars.count)
                #expect(0 <= mention.startUTF8 && mention.startUTF8 <= mention.endUTF8 && mention.endUTF8 <= text.utf8.count)
                _ = (mention.entity, mention.type, mention.canonical, mention.candidates)
            }
        }
        #expect(refused >= mustRefuse.count && loaded >= padding.count)

        try Data("garbage".utf8).write(to: url)
        var compiled = false
        let result = try Matcher.cached(glossaryPath: "/g", revision: 1, directory: directory) {
            compiled = true
            return small
        }
        #expect(compiled && !result.fromCache)
        let again = try Matcher.cached(glossaryPath: "/g", revision: 1, directory: directory) { small }
        #expect(again.fromCache)
    }
}

@Suite struct RenderingTests {
    @Test func jsonSchemaInOrder() throws {
        let document = try seedMatcher.annotate("Ông Tập gặp Long An; Tập Cận Bình.")
        let json = AnnotationRendering.json(path: "a.txt", document: document, pretty: false)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        #expect(object["path"] as? String == "a.txt" && object["language"] as? String == "vi")
        let mentions = try #require(object["mentions"] as? [[String: Any]])
        #expect(mentions.count == 2)
        #expect(json.contains(#"{"start":12,"end":19,"start_utf8":17,"end_utf8":24,"text":"Long An","#))
        #expect(json.contains(#""entity":"vn.place.long-an","type":"place","canonical":"Long An","tier":"exact","short":false,"candidates":[]}"#))
    }

    @Test func ambiguousMentionsHaveNullEntityAndCandidates() throws {
        let matcher = try Matcher(SearchTest.entities(["a: Long An", "b: Long An"]))
        let json = AnnotationRendering.json(path: "-", document: try matcher.annotate("in Long An"), pretty: false)
        #expect(json.contains(#""entity":null,"type":null,"canonical":null,"tier":"exact","short":false,"candidates":["a","b"]"#))
    }

    /// The mentions of a document's JSON, read back.
    static func renderedMentions(_ document: AnnotatedDocument, path: String, pretty: Bool) throws -> [[String: Any]] {
        let json = AnnotationRendering.json(path: path, document: document, pretty: pretty)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
        return try #require(object["mentions"] as? [[String: Any]])
    }

    /// A key's candidates are written from its list rendered once (for
    /// the first mention of the key): every later mention gets the same
    /// ids, escaped, as `candidates` reads them, compact or pretty.
    @Test func aKeysCandidatesReadBackAsListed() throws {
        let ids = ["vn.place.long-an", "org.\"long\" an", "x\\y"]
        let matcher = try Matcher(ids.map { Entity(id: $0, type: .place, names: [Name(text: "Long An", lang: "vi")]) })
        let document = try matcher.annotate("Long An, Long An và Long An.", language: .vi)
        #expect(document.mentions.count == 3)
        for pretty in [false, true] {
            let mentions = try Self.renderedMentions(document, path: "-", pretty: pretty)
            #expect(mentions.count == 3)
            for (mention, read) in zip(document.mentions, mentions) {
                #expect(read["candidates"] as? [String] == mention.candidates)
                #expect(mention.candidates == ids.sorted())
            }
        }
    }

    /// Ids and canonical names are written from the compiled glossary's
    /// bytes; those needing escapes must come out as the same strings.
    @Test func idsAndNamesWithEscapesReadBackAsWritten() throws {
        let awkward = "Acme \"Hà Nội\" \\ Co\u{2028}\u{1}"
        let entity = Entity(id: "org.\"acme\"", type: .organization, names: [
            Name(text: awkward, lang: "en", status: .preferred, casePolicy: .auto),
            Name(text: "Acme", lang: "en", status: .admitted, casePolicy: .auto),
        ])
        let matcher = try Matcher([entity])
        let document = try matcher.annotate("Acme and Acme.", language: .en)
        #expect(document.mentions.count == 2)
        for pretty in [false, true] {
            let mentions = try Self.renderedMentions(document, path: "p\"q", pretty: pretty)
            #expect(mentions.count == 2)
            for mention in mentions {
                #expect(mention["entity"] as? String == "org.\"acme\"")
                #expect(mention["canonical"] as? String == awkward)
                #expect(mention["type"] as? String == "organization")
            }
        }
    }

    @Test func htmlIsEscapedAndMarked() throws {
        let text = "<b>Hanoi</b> & \"Hai Phong\""
        let document = try seedMatcher.annotate(text, language: .en)
        let html = AnnotationRendering.html(Array(text.utf8), mentions: document.mentions, title: "t<1>")
        #expect(html.contains("&lt;b&gt;<mark class=\"place\" data-entity=\"vn.place.ha-noi\" data-type=\"place\" data-canonical=\"Hanoi\""))
        #expect(html.contains("&amp; &quot;<mark"))
        #expect(html.contains("<title>t&lt;1&gt;</title>"))
    }

    @Test func rewriteKeepsEveryOtherByte() throws {
        let text = "  Luong Cuong\r\n\tmet  Xi Jinping…\u{0}"
        let document = try seedMatcher.annotate(text, language: .vi)
        let out = String(decoding: AnnotationRendering.rewrite(Array(text.utf8), mentions: document.mentions), as: UTF8.self)
        #expect(out == "  Lương Cường\r\n\tmet  Tập Cận Bình…\u{0}")
    }
}

@Suite struct MarkupMaskTests {
    @Test func htmlKeepsTextNodesAndOffsets() throws {
        let html = "<html><head><title>x</title><style>.Hanoi{}</style><script>var Hanoi=1</script></head>"
            + "<body><p class=\"Hanoi\">Visit <a href=\"/Hanoi\">Hanoi</a>&nbsp;and Hai&nbsp;Phong<!-- Hanoi --></p></body></html>"
        var bytes = Array(html.utf8)
        MarkupMask.html(&bytes)
        #expect(bytes.count == html.utf8.count)
        var document = try bytes.withUnsafeBufferPointer { try Annotator(matcher: seedMatcher).annotate(utf8: $0, language: .en) }
        document.restoreSurfaces(from: Array(html.utf8))
        #expect(document.mentions.map(\.text) == ["Hanoi", "Hai&nbsp;Phong"])
        let source = Array(html.utf8)
        #expect(String(decoding: source[document.mentions[0].startUTF8..<document.mentions[0].endUTF8], as: UTF8.self) == "Hanoi")
    }

    @Test func markdownSkipsCode() throws {
        let markdown = """
            # Hanoi notes

            Use `Hanoi` in code, but Hai Phong in prose.

            ```
            Hanoi = 1
            ```

                Hanoi indented

            Back to Lao Cai.
            """
        var bytes = Array(markdown.utf8)
        MarkupMask.markdown(&bytes)
        let document = try bytes.withUnsafeBufferPointer { try Annotator(matcher: seedMatcher).annotate(utf8: $0, language: .en) }
        #expect(document.mentions.map(\.text) == ["Hanoi", "Hai Phong", "Lao Cai"])
    }
}

/// xorshift64*: a seeded generator, so that a failure comes back on every run.
struct XorShift: RandomNumberGenerator {
    var state: UInt64
    mutating func next() -> UInt64 {
        state ^= state >> 12; state ^= state << 25; state ^= state >> 27
        return state &* 0x2545_F491_4F6C_DD1D
    }
}

/// What the Markdown mask blanks, as a table: each input with the parts that
/// must become spaces (each the first occurrence of that text, byte for
/// byte); everything else stays as written.
@Suite struct MarkdownMaskTableTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let markdown: String
        let blanked: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "inline link destination", markdown: "Read [the Saigon story](https://example.com/Saigon-Hanoi-rail) now.\n",
             blanked: ["(https://example.com/Saigon-Hanoi-rail)"]),
        Case(name: "link title", markdown: "See [Hanoi](/hanoi \"Saigon guide\") too.\n",
             blanked: ["(/hanoi \"Saigon guide\")"]),
        Case(name: "angle destination with parentheses", markdown: "A [map](<a b/Saigon(1).png> 'Saigon') here.\n",
             blanked: ["(<a b/Saigon(1).png> 'Saigon')"]),
        Case(name: "nested parentheses", markdown: "[x](https://en.wikipedia.org/wiki/Saigon_(disambiguation)) and Hanoi.\n",
             blanked: ["(https://en.wikipedia.org/wiki/Saigon_(disambiguation))"]),
        Case(name: "image", markdown: "![Saigon at night](img/Saigon.jpg)\n", blanked: ["(img/Saigon.jpg)"]),
        Case(name: "reference link label", markdown: "Read [the story][Saigon-rail] now.\n", blanked: ["[Saigon-rail]"]),
        Case(name: "reference definition", markdown: "Text about Hanoi.\n\n[Saigon-rail]: https://example.com/Saigon \"Saigon\"\n",
             blanked: ["[Saigon-rail]: https://example.com/Saigon \"Saigon\""]),
        Case(name: "footnote definition keeps its text", markdown: "[^1]: Saigon was renamed in 1976.\n", blanked: ["[^1]:"]),
        Case(name: "autolink", markdown: "Mail <desk@saigon.example> or see <https://example.com/Saigon>.\n",
             blanked: ["<desk@saigon.example>", "<https://example.com/Saigon>"]),
        Case(name: "bare URL", markdown: "Source: https://example.com/Saigon-Hanoi. Also www.saigon.example/Hanoi!\n",
             blanked: ["https://example.com/Saigon-Hanoi", "www.saigon.example/Hanoi"]),
        Case(name: "HTML attribute", markdown: "A <span title=\"Saigon > Hanoi\">Hue</span> visit.\n",
             blanked: ["<span title=\"Saigon > Hanoi\">", "</span>"]),
        Case(name: "HTML comment over lines", markdown: "Hanoi <!-- Saigon\nstill Saigon --> Hue.\n",
             blanked: ["<!-- Saigon", "still Saigon -->"]),
        Case(name: "YAML front matter", markdown: "---\ntitle: Saigon\ntags: [Hanoi]\n---\nHue.\n",
             blanked: ["---", "title: Saigon", "tags: [Hanoi]", "---"]),
        Case(name: "TOML front matter", markdown: "+++\ntitle = \"Saigon\"\n+++\nHue.\n",
             blanked: ["+++", "title = \"Saigon\"", "+++"]),
        Case(name: "a rule later is not front matter", markdown: "Hue.\n\n---\nSaigon\n---\n", blanked: []),
        Case(name: "code span and fenced code", markdown: "Use `Saigon` here.\n\n```\nSaigon\n```\n",
             blanked: ["`Saigon`", "```", "Saigon", "```"]),
        Case(name: "brackets without a link", markdown: "[Saigon] and (Hanoi) stay.\n", blanked: []),
    ]

    @Test(arguments: cases)
    func blanksWhatIsNotProse(_ test: Case) {
        var expected = Array(test.markdown.utf8)
        var searchFrom = 0
        for part in test.blanked {
            let needle = Array(part.utf8)
            guard let at = (searchFrom...max(searchFrom, expected.count - needle.count)).first(where: {
                $0 + needle.count <= expected.count && Array(expected[$0..<($0 + needle.count)]) == needle
            }) else {
                Issue.record("\(part) is not in the case's text")
                return
            }
            for i in at..<(at + needle.count) { expected[i] = 0x20 }
            searchFrom = at + needle.count
        }
        var bytes = Array(test.markdown.utf8)
        MarkupMask.markdown(&bytes)
        #expect(String(decoding: bytes, as: UTF8.self) == String(decoding: expected, as: UTF8.self))
    }
}
