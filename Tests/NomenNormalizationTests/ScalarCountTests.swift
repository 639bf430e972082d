import Testing
import NomenNormalization

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
}
