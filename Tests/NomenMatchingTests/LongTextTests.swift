import NomenModel
@_spi(Performance) import NomenNormalization
import Testing
@_spi(Performance) @testable import NomenMatching

/// A long text is folded a block at a time as the search reads it
/// (`FoldStream`): mentions must not depend on where a block ends.
@Suite struct LongTextTests {
    /// Blocks of a few bytes put a block end inside every name, after every
    /// base letter before its combining marks (NFD), and before every byte
    /// the i/y rule looks ahead to; the mentions are those of one block.
    @Test(arguments: [false, true])
    func blockEndsAnywhereChangeNothing(nfd: Bool) throws {
        var text = [Articles.english, Articles.vietnamese, Articles.vietnameseNoDiacritics, Articles.chinese,
                    Articles.commonWords].joined(separator: "\n")
        if nfd { text = try UnicodeNormalizer.normalize(text, to: .nfd) }
        let expected = try Annotator(matcher: seedMatcher, foldBlockSize: 1 << 20).annotate(text)
        #expect(expected.mentions.count >= 30)
        for blockSize in [1, 2, 3, 5, 8, 13] {
            #expect(try Annotator(matcher: seedMatcher, foldBlockSize: blockSize).annotate(text) == expected, "blocks of \(blockSize)")
        }
    }

    /// The fold an annotator lends after a text (`withLastFold`) is the
    /// whole of `FastFolder.fold`'s, bytes and source offsets, whatever its
    /// blocks, and whether or not the search read to the end.
    @Test(arguments: [false, true])
    func theLastFoldIsTheWholeFold(nfd: Bool) throws {
        var text = [Articles.english, Articles.vietnamese, Articles.vietnameseNoDiacritics, Articles.chinese].joined(separator: "\n")
        if nfd { text = try UnicodeNormalizer.normalize(text, to: .nfd) }
        let bytes = Array(text.utf8)
        let folder = try FastFolder()
        let expected = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        for blockSize in [1, 7, 1 << 20] {
            let annotator = try Annotator(matcher: seedMatcher, foldBlockSize: blockSize)
            for sample in ["Xi Jinping in Hà Nội", text] {
                _ = try annotator.annotate(sample)
            }
            let (folded, offsets) = try annotator.withLastFold { (Array($0), Array($1)) }
            #expect(folded == expected.bytes, "blocks of \(blockSize)")
            #expect(offsets == expected.sourceOffsets, "blocks of \(blockSize)")
        }
    }

    /// The same paragraph repeated over several default-sized blocks, in NFC
    /// and NFD, gives the same mentions in every copy after the first (the
    /// first sets the document's context), at the copy's own offsets.
    @Test(arguments: [false, true])
    func everyCopyOfAParagraphGivesTheSameMentions(nfd: Bool) throws {
        var paragraph = Articles.vietnamese + "\n" + Articles.english + "\n" + Articles.chinese + "\n"
        if nfd { paragraph = try UnicodeNormalizer.normalize(paragraph, to: .nfd) }
        let copies = 3 * FoldStream.blockSize / paragraph.utf8.count + 2
        let bytes = paragraph.utf8.count, scalars = paragraph.unicodeScalars.count
        // Padding before the copies moves the block ends to other places in them.
        for padding in [0, 37, 211, 503] {
            let document = try seedMatcher.annotate(String(repeating: " ", count: padding)
                                                    + String(repeating: paragraph, count: copies))
            var byCopy = [[String]](repeating: [], count: copies)
            for mention in document.mentions {
                let copy = (mention.startUTF8 - padding) / bytes
                let start = mention.startUTF8 - padding - copy * bytes, scalar = mention.start - padding - copy * scalars
                #expect(mention.endUTF8 - padding <= (copy + 1) * bytes, "a mention across copies: \(mention.text)")
                let target = mention.entity ?? "?" + mention.candidates.joined(separator: "|")
                byCopy[copy].append("\(start) \(scalar) \(mention.text)=\(target)\(mention.isShort ? "~short" : "")")
            }
            #expect(byCopy[1].count >= 20)
            for copy in 2..<copies { #expect(byCopy[copy] == byCopy[1], "padding \(padding), copy \(copy)") }
        }
    }
}

/// The search skips the rest of an ASCII word eight bytes at a time
/// (`Search.endOfASCIIWord`): the same end as testing each byte, from every
/// start, with bytes at the edges of the letters and digits around it.
@Suite struct WordSkipTests {
    @Test func eightAtATimeAgreesWithEachByte() {
        let edges: [UInt8] = [0x2F, 0x30, 0x39, 0x3A, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61, 0x7A, 0x7B, 0x20, 0x80, 0xC3, 0xE1, 0xFF]
        var state: UInt64 = 7
        var bytes: [UInt8] = []
        for _ in 0..<4_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Mostly letters, so that words run past eight bytes.
            let pick = Int(state >> 33) % (edges.count + 26)
            bytes.append(pick < edges.count ? edges[pick] : UInt8(0x61 + pick - edges.count))
        }
        bytes.withUnsafeBufferPointer { text in
            for start in 0...text.count {
                var expected = start
                while expected < text.count && Search.isASCIIWordByte(text[expected]) { expected += 1 }
                #expect(Search.endOfASCIIWord(text, from: start) == expected, "from \(start)")
            }
        }
    }
}
