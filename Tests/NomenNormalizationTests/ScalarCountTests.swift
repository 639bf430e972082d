import Testing
@_spi(Performance) import NomenNormalization

@Suite struct ScalarCountTests {
    /// Eight bytes at a time agrees with counting one byte at a time, on
    /// every sub-range of a text mixing one- to four-byte scalars.
    @Test func agreesWithCountingBytesOneByOne() {
        let text = Array("Hải Phòng 河口 Hà Khẩu 𠀋 (Hekou) Ð Đ — NFD: Ha\u{0300} Nô\u{0323}i.".utf8)
        text.withUnsafeBufferPointer { buffer in
            for lower in 0...text.count {
                for upper in lower...text.count {
                    let expected = text[lower..<upper].filter { $0 & 0xC0 != 0x80 }.count
                    #expect(ScalarCount.count(in: buffer, lower..<upper) == expected)
                }
            }
        }
        #expect(String(decoding: text, as: UTF8.self).unicodeScalars.count
                == text.withUnsafeBufferPointer { ScalarCount.count(in: $0, 0..<text.count) })
    }

    /// Texts long enough that the per-lane counts are summed many times
    /// (every 255 words), with every byte lane full of continuation bytes.
    @Test func longTextsAgreeWithTheStandardLibrary() {
        for piece in ["Hải Phòng 河口 ", "河口河口河口", "𠀋𠀋", "ascii only "] {
            let text = String(repeating: piece, count: 6_000 / piece.utf8.count + 1)
            let bytes = Array(text.utf8)
            bytes.withUnsafeBufferPointer { buffer in
                #expect(ScalarCount.count(in: buffer, 0..<bytes.count) == text.unicodeScalars.count, "\(piece)")
                for (lower, upper) in [(1, bytes.count), (3, 2_043), (0, 2_040), (5, bytes.count - 7)] {
                    let expected = bytes[lower..<upper].filter { $0 & 0xC0 != 0x80 }.count
                    #expect(ScalarCount.count(in: buffer, lower..<upper) == expected, "\(piece) \(lower)..<\(upper)")
                }
            }
        }
    }
}
