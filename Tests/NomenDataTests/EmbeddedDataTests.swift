import Foundation
import NomenData
import Testing

/// The tables compiled into the binary are exactly the files in Data/
/// (run `python3 tools/embed_data.py` after changing Data/).
@Suite struct EmbeddedDataTests {
    static let dataDirectory = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../../Data").standardized

    static let tables: [(String, String)] = [
        ("hanviet/readings.tsv", EmbeddedData.hanVietReadings),
        ("hanviet/overrides.tsv", EmbeddedData.hanVietOverrides),
        ("hanviet/compound_surnames.txt", EmbeddedData.compoundSurnames),
        ("pinyin/overrides.tsv", EmbeddedData.pinyinOverrides),
        ("hanzi/name-overrides.tsv", EmbeddedData.chineseNameOverrides),
        ("translit/Lao-Latin.txt", EmbeddedData.laoLatinRules),
        ("translit/Khmer-Latin.txt", EmbeddedData.khmerLatinRules),
        ("encodings/vni-windows.tsv", EmbeddedData.vniWindowsTable),
        ("encodings/tcvn3.tsv", EmbeddedData.tcvn3Table),
        ("encodings/viqr.tsv", EmbeddedData.viqrTable),
        ("seed/glossary.jsonl", EmbeddedData.seedGlossary),
        ("opencc/dictionaries.tsv", EmbeddedData.openCCDictionaries),
    ]

    @Test(arguments: tables.map(\.0))
    func embeddedTableMatchesDataFile(path: String) throws {
        let embedded = Self.tables.first { $0.0 == path }!.1
        var file = try String(contentsOf: Self.dataDirectory.appendingPathComponent(path), encoding: .utf8)
        if file.hasSuffix("\n") { file.removeLast() }
        #expect(Array(embedded.utf8) == Array(file.utf8), "Data/\(path) changed: run python3 tools/embed_data.py")
    }
}
