import Foundation
import NomenData
import NomenMatching
import NomenModel
import Testing

/// What the README's Quick start promises: annotating the bundled samples
/// (Data/samples) with the bundled seed glossary links every person, place and
/// organisation in them.
/// Fixtures/sample-entities.tsv lists them per sample (reviewed by reading
/// each article); every one must be linked, and no mention may be ambiguous.
@Suite struct SampleArticleTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../..").standardized

    static let matcher: Matcher? = {
        let decoder = JSONDecoder()
        let entities = EmbeddedData.seedGlossary.split(separator: "\n").compactMap {
            try? decoder.decode(Entity.self, from: Data($0.utf8))
        }
        return try? Matcher(entities)
    }()

    static let expected: [String: Set<String>] = {
        var table: [String: Set<String>] = [:]
        let url = root.appendingPathComponent("Tests/NomenMatchingTests/Fixtures/sample-entities.tsv")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        for line in text.split(separator: "\n").dropFirst() {
            let columns = line.split(separator: "\t").map(String.init)
            if columns.count == 2 { table[columns[0], default: []].insert(columns[1]) }
        }
        return table
    }()

    @Test(arguments: ["en-vnexpress-style.txt", "en-xinhua-style.txt", "vi-border-trade.txt",
                      "vi-mixed-forms.txt", "vi-no-diacritics.txt", "zh-xinhua-style.txt"])
    func everyNamedEntityIsLinked(sample: String) throws {
        let matcher = try #require(Self.matcher)
        let expected = try #require(Self.expected[sample])
        let text = try String(contentsOf: Self.root.appendingPathComponent("Data/samples/\(sample)"), encoding: .utf8)
        let document = try matcher.annotate(text)
        let ambiguous = document.mentions.filter { $0.entity == nil }.map(\.text)
        #expect(ambiguous.isEmpty, "ambiguous: \(ambiguous)")
        let linked = Set(document.mentions.compactMap(\.entity))
        #expect(expected.subtracting(linked).isEmpty, "not linked: \(expected.subtracting(linked).sorted())")
    }
}
