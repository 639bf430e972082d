import Testing
@testable import NomenNormalization

/// The loops that read eight bytes at a time (`ByteWord`): the fold's
/// printable-ASCII path and the i/y rule's search for y. Each must give what
/// one byte at a time gives, wherever in a word the interesting byte falls.
@Suite struct WordAtATimeTests {
    /// Bytes at the edges of every class the questions tell apart.
    static let edgeBytes: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61,
                                     0x78, 0x79, 0x7A, 0x7F, 0x80, 0xC3, 0xFF]

    @Test func questionsAgreeWithAskingEachByte() {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        for _ in 0..<20_000 {
            var bytes: [UInt8] = []
            for _ in 0..<8 {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(Self.edgeBytes[Int(state >> 33) % Self.edgeBytes.count])
            }
            let word = bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) }
            func mask(_ holds: (UInt8) -> Bool) -> UInt64 {
                bytes.enumerated().reduce(0) { $0 | (holds($1.element) ? UInt64(0x80) << (8 * UInt64($1.offset)) : 0) }
            }
            #expect(ByteWord.bytes(of: word, equalTo: 0x79) == mask { $0 == 0x79 })
            #expect(ByteWord.bytes(of: word, equalTo: 0x20) == mask { $0 == 0x20 })
            #expect(ByteWord.hasNonASCII(word) == bytes.contains { $0 >= 0x80 })
            if !bytes.contains(where: { $0 >= 0x80 }) {
                #expect(ByteWord.hasByte(of: word, below: 0x20) == bytes.contains { $0 < 0x20 })
                #expect(ByteWord.bytes(of: word, in: 0x41, 0x5A) == mask { $0 >= 0x41 && $0 <= 0x5A })
            }
        }
    }

    /// ASCII snippets with runs of spaces, tabs, line feeds, DEL, the bytes
    /// beside A–Z, and i/y words, each after 0 to 8 bytes of padding so
    /// every byte falls at every place in a word; the fold must equal ICU's
    /// complete rules (which include the i/y step).
    @Test func foldAgreesWithICUAtEveryAlignment() throws {
        let snippets = [
            "President  XI Jinping@[Hanoi]`{}~ met   LY and QUY; tay ky.", "a\u{7F}b\tC\n\nD  E \u{1}F",
            "Nguyen Van Ly, Le Thi Quy, Sky Hy my: ly quy ky tay", "Lý Thường Kiệt  and  Mỹ Tho.  HO CHI MINH  ",
        ]
        let complete = try Transliterator(id: "nomen-fold-complete", rules: FoldRules.completeICURules)
        for snippet in snippets {
            for padding in 0...8 {
                let text = String(repeating: "x", count: padding) + " " + snippet
                #expect(try Fold.fast(text) == complete.transliterate(text), "\(padding): \(snippet)")
            }
        }
    }

    /// Folded bytes from the printable-ASCII path map back to their own
    /// source bytes.
    @Test func offsetsFromTheASCIIPathPointAtTheirBytes() throws {
        let source = Array("HANOI and Hai  Phong, THE CITY OF Haiphong".utf8)
        let folder = try FastFolder()
        let folded = try source.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        for (index, byte) in folded.bytes.enumerated() {
            let from = source[Int(folded.sourceOffsets[index])]
            #expect(byte == (from >= 0x41 && from <= 0x5A ? from | 0x20 : from), "folded byte \(index)")
        }
    }
}
