import Testing
@_spi(Performance) @testable import NomenNormalization

/// The loops that read eight bytes at a time (`ByteWord`): the fold's
/// printable-ASCII path and the i/y rule's search for y. Each must give what
/// one byte at a time gives, wherever in a word the interesting byte falls.
@Suite struct WordAtATimeTests {
    /// Bytes at the edges of every class the questions tell apart.
    static let edgeBytes: [UInt8] = [0x00, 0x09, 0x0A, 0x1F, 0x20, 0x21, 0x40, 0x41, 0x5A, 0x5B, 0x60, 0x61,
                                     0x78, 0x79, 0x7A, 0x7F, 0x80, 0xC3, 0xFF]

    /// `count` words of eight edge bytes each, from a fixed seed (a linear
    /// congruential generator: the same words on every run), with their
    /// bytes.
    static func edgeWords(_ count: Int, seed: UInt64) -> [(bytes: [UInt8], word: UInt64)] {
        var state = seed
        return (0..<count).map { _ in
            let bytes = (0..<8).map { _ -> UInt8 in
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                return edgeBytes[Int(state >> 33) % edgeBytes.count]
            }
            return (bytes, bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) })
        }
    }

    @Test func questionsAgreeWithAskingEachByte() {
        for (bytes, word) in Self.edgeWords(20_000, seed: 0x9E37_79B9_7F4A_7C15) {
            func mask(_ holds: (UInt8) -> Bool) -> UInt64 {
                bytes.enumerated().reduce(0) { $0 | (holds($1.element) ? UInt64(0x80) << (8 * UInt64($1.offset)) : 0) }
            }
            #expect(ByteWord.bytes(of: word, equalTo: 0x79) == mask { $0 == 0x79 })
            #expect(ByteWord.bytes(of: word, equalTo: 0x20) == mask { $0 == 0x20 })
            if !bytes.contains(where: { $0 >= 0x80 }) {
                #expect(ByteWord.bytes(of: word, below: 0x20) == mask { $0 < 0x20 })
                #expect(ByteWord.bytes(of: word, below: 0x80) == ByteWord.high)
                #expect(ByteWord.bytes(of: word, in: 0x41, 0x5A) == mask { $0 >= 0x41 && $0 <= 0x5A })
            }
        }
    }

    /// The fold's run of printable ASCII (`FastFolder.printableASCIIRun`)
    /// ends where going byte by byte ends it, after a space or not, and its
    /// bytes are lowered exactly.
    /// ASCII letters and digits, and the run an answer holds for from the
    /// first byte, agree with asking each byte, for every byte value at
    /// every place (the word scans of language detection and of check).
    @Test func lettersDigitsAndRunsAgreeWithEachByte() {
        func isLetter(_ byte: UInt8) -> Bool { byte < 0x80 && (byte | 0x20) >= 0x61 && (byte | 0x20) <= 0x7A }
        func isDigit(_ byte: UInt8) -> Bool { byte >= 0x30 && byte <= 0x39 }
        let base = Array("ab9dWX0Z".utf8)
        for position in 0..<8 {
            for value in 0...255 {
                var bytes = base
                bytes[position] = UInt8(value)
                let word = bytes.withUnsafeBufferPointer { ByteWord.load($0.baseAddress!) }
                let letters = ByteWord.asciiLetters(word), digits = ByteWord.asciiDigits(word)
                for (index, byte) in bytes.enumerated() {
                    #expect((letters >> (8 * UInt64(index) + 7)) & 1 == (isLetter(byte) ? 1 : 0), "\(bytes)")
                    #expect((digits >> (8 * UInt64(index) + 7)) & 1 == (isDigit(byte) ? 1 : 0), "\(bytes)")
                }
                #expect(ByteWord.leadingRun(letters) == bytes.prefix(while: isLetter).count, "\(bytes)")
                #expect(ByteWord.leadingRun(letters | digits) == bytes.prefix { isLetter($0) || isDigit($0) }.count)
            }
        }
    }

    @Test func printableRunEndsWhereEachByteSaysItEnds() {
        for (round, (bytes, word)) in Self.edgeWords(20_000, seed: 0x2545_F491_4F6C_DD1D).enumerated() {
            let afterSpace = round % 3 == 0
            let (lowered, length) = FastFolder.printableASCIIRun(word, afterSpace: afterSpace)
            var expected = 0
            var previousSpace = afterSpace
            while expected < 8 {
                let byte = bytes[expected]
                if byte >= 0x80 || byte < 0x20 || (byte == 0x20 && previousSpace) { break }
                previousSpace = byte == 0x20
                expected += 1
            }
            #expect(length == expected, "\(bytes) after a space: \(afterSpace)")
            for k in 0..<length {
                let byte = bytes[k]
                #expect(UInt8(truncatingIfNeeded: lowered >> UInt64(8 * k)) == (byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte))
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

    /// Runs of Han characters, copied without looking each up, fold and map
    /// back as each character alone does: ideographs beside a compatibility
    /// ideograph (豈 U+F900 folds to U+8C48), CJK punctuation, kana, a
    /// four-byte ideograph, Vietnamese and ASCII letters.
    @Test func hanRunsFoldAsEachCharacterAlone() throws {
        let text = "習近平會見阮富仲豈河口。カタカナ𠀋漢字Hà河Nội中国ĐàNẵng平"
        let folder = try FastFolder()
        var expectedBytes: [UInt8] = [], expectedOffsets: [Int32] = []
        var offset = 0
        for character in text {
            let folded = Array(try folder.fold(String(character)).utf8)
            expectedBytes += folded
            expectedOffsets += Array(repeating: Int32(offset), count: folded.count)
            offset += String(character).utf8.count
        }
        let source = Array(text.utf8)
        let folded = try source.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        #expect(folded.bytes == expectedBytes)
        #expect(Array(folded.sourceOffsets.dropLast()) == expectedOffsets)
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

/// `FoldStream` folds a block at a time what `FastFolder.fold` folds at
/// once: the same bytes and offsets whatever falls on a block boundary (a
/// y whose rule looks a byte ahead, a run of spaces, a base letter and its
/// combining mark, a character that folds longer than the room reserved).
@Suite struct FoldStreamTests {
    static func wholeFold(_ bytes: [UInt8]) throws -> FoldedText {
        let folder = try FastFolder()
        return try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
    }

    static func streamed(_ bytes: [UInt8], _ stream: FoldStream) throws -> ([UInt8], [Int32]) {
        try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in
            try stream.start(buffer)
            while !stream.isComplete { try stream.extend() }
            return (Array(stream.readable.bytes),
                    Array(UnsafeBufferPointer(start: stream.sourceOffsets, count: stream.count + 1)))
        }
    }

    @Test func sameBytesAndOffsetsAsTheWholeFold() throws {
        let nfd = try UnicodeNormalizer.normalize("Thủy  hoà Nguyễn  Văn Lý và bà Mỹ ", to: .nfd)
        let text = ["ly quy tay ky  Lyon Kyoto, Myanmar ", "Hà Nội   ", nfd, "习近平 河口 ", "ﬃ㍿ ", "x\t\n y", "Sydney ly"].joined()
        let bytes = Array(text.utf8)
        let whole = try Self.wholeFold(bytes)
        // Blocks of 1 to 9 bytes put a block end after every byte of the text.
        for blockSize in [1, 2, 3, 4, 5, 7, 9, FoldStream.blockSize] {
            let (streamedBytes, offsets) = try Self.streamed(bytes, FoldStream(folder: try FastFolder(), blockSize: blockSize))
            #expect(String(decoding: streamedBytes, as: UTF8.self) == whole.string, "blocks of \(blockSize)")
            #expect(offsets == whole.sourceOffsets, "blocks of \(blockSize)")
        }
    }

    /// Text that folds to far more than its length (U+337F ㍿ folds to
    /// 株式会社, twelve bytes from three) grows the buffers mid-fold; a view
    /// lent before then is no longer current.
    @Test func textThatFoldsLongerGrowsTheBuffers() throws {
        let bytes = Array(String(repeating: "\u{337F}", count: 3 * 1000).utf8)
        let stream = FoldStream(folder: try FastFolder(), blockSize: 1000)
        let before = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in
            try stream.start(buffer)
            return stream.readable.generation
        }
        #expect(stream.isCurrent(before))
        let (streamedBytes, offsets) = try Self.streamed(bytes, stream)
        #expect(!stream.isCurrent(before) && stream.isCurrent(stream.readable.generation))
        let whole = try Self.wholeFold(bytes)
        #expect(streamedBytes.count > 2 * bytes.count)
        #expect(streamedBytes == whole.bytes && offsets == whole.sourceOffsets)
    }

    /// A source range asked for before the fold has reached the end of its
    /// last code point folds further to find that end.
    @Test func sourceRangeFoldsOnToTheEndOfItsCodePoint() throws {
        let bytes = Array("a\u{337F}b".utf8)  // ㍿ folds to 株式会社, twelve bytes from three
        let stream = FoldStream(folder: try FastFolder(), blockSize: 1)
        try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in
            try stream.start(buffer)
            try stream.extend(toAtLeast: 4)
            #expect(stream.count < 13 && !stream.isComplete)
            // "株" alone (folded bytes 1..<4) comes from all of ㍿ (source bytes 1..<4).
            #expect(try stream.sourceRange(ofFolded: 1..<4) == 1..<4)
            #expect(try stream.sourceRange(ofFolded: 13..<14) == 4..<5)
        }
    }

    @Test func invalidUTF8InALaterBlockIsReportedWithItsOffset() throws {
        var bytes = Array(String(repeating: "Hà Nội ", count: 300).utf8)
        let bad = bytes.count - 5
        bytes[bad] = 0xFF
        let stream = FoldStream(folder: try FastFolder(), blockSize: 100)
        #expect(throws: FoldError.invalidUTF8(InvalidUTF8(byteOffset: bad))) { _ = try Self.streamed(bytes, stream) }
        // The stream starts over cleanly on the next text.
        let (folded, _) = try Self.streamed(Array("Hải Phòng".utf8), stream)
        #expect(String(decoding: folded, as: UTF8.self) == "hai phong")
        let (empty, emptyOffsets) = try Self.streamed([], stream)
        #expect(empty.isEmpty && emptyOffsets == [0])
    }
}
