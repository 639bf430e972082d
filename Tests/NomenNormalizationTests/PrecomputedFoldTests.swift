import NomenData
import Testing
@testable import NomenNormalization

/// The precomputed fold table (`Data/fold/table.tsv`) that spares start-up
/// the ICU transliterator.
@Suite struct PrecomputedFoldTests {
    /// The embedded table is what ICU computes from the rules now, over every
    /// code point; when the rules change, rebuild it
    /// (`bash tools/fold/build_fold_table.sh`).
    @Test func embeddedTableIsCurrent() throws {
        let computed = try Fold.tableFromICU()
        // tools/embed_data.py keeps a file's text without its final newline.
        #expect(computed == EmbeddedData.foldTable + "\n", "Data/fold/table.tsv is stale: run bash tools/fold/build_fold_table.sh")
        #expect(Fold.usesPrecomputedTable)
    }

    @Test func aTableForOtherRulesOrAnotherUnicodeIsNotUsed() {
        let table = EmbeddedData.foldTable
        #expect(PrecomputedFold(text: table, unicodeVersion: ICUInfo.unicodeVersion, rules: FoldRules.icuRules) != nil)
        #expect(PrecomputedFold(text: table, unicodeVersion: ICUInfo.unicodeVersion, rules: FoldRules.icuRules + "x > y ;") == nil)
        #expect(PrecomputedFold(text: table, unicodeVersion: "99.0", rules: FoldRules.icuRules) == nil)
        let header = table.split(separator: "\n").filter { $0.hasPrefix("#") || $0.hasPrefix("unicode") || $0.hasPrefix("rules") }
        let malformed = header.joined(separator: "\n") + "\n41\t61\n30\tZZ\n"
        #expect(PrecomputedFold(text: malformed, unicodeVersion: ICUInfo.unicodeVersion, rules: FoldRules.icuRules) == nil)
        let unordered = header.joined(separator: "\n") + "\n42\t62\n41\t61\n"
        #expect(PrecomputedFold(text: unordered, unicodeVersion: ICUInfo.unicodeVersion, rules: FoldRules.icuRules) == nil)
    }

    /// Blocks read from the table equal those ICU computes, on blocks that
    /// matter for names: ASCII, Latin-1, Vietnamese, combining marks, CJK,
    /// fullwidth forms, and a supplementary block.
    @Test(arguments: [0x0000, 0x0080, 0x1E80, 0x0300, 0x4E00, 0xFF00, 0x1D400])
    func blocksAgreeWithICU(firstCodePoint: Int) throws {
        let index = firstCodePoint >> FoldTable.blockShift
        let precomputed = try #require(PrecomputedFold.current).block(index)
        let computed = try FoldTable.icuOnly().block(index)
        #expect(precomputed.bytes == computed.bytes)
        #expect(precomputed.ends == computed.ends)
    }
}
