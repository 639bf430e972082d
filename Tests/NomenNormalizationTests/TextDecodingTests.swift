import Testing
@testable import NomenNormalization

/// The one UTF-8 validator (`TextDecoding.firstInvalidUTF8`) says what
/// Swift's own strict decoder says, on every edge of table 3-7 and on
/// random bytes.
@Suite struct TextDecodingTests {
    /// The offset of the first ill-formed sequence as the standard library's
    /// decoder finds it: the bytes of the scalars decoded before its first error.
    static func standardLibraryOffset(_ bytes: [UInt8]) -> Int? {
        var iterator = bytes.makeIterator()
        var decoder = UTF8()
        var consumed = 0
        while true {
            switch decoder.decode(&iterator) {
            case .scalarValue(let scalar): consumed += UTF8.width(scalar)
            case .emptyInput: return nil
            case .error: return consumed
            }
        }
    }

    @Test func edgesOfWellFormedUTF8() {
        let cases: [([UInt8], Int?)] = [
            ([], nil),
            (Array("Hà Nội, 河内, Ханой 🇻🇳".utf8), nil),
            (Array("0123456789abcdef".utf8) + [0x80], 16),    // after the eight-byte ASCII skip
            ([0xC2, 0x80], nil), ([0xC1, 0xBF], 0),             // smallest two-byte, overlong
            ([0xE0, 0xA0, 0x80], nil), ([0xE0, 0x9F, 0xBF], 0), // smallest three-byte, overlong
            ([0xED, 0x9F, 0xBF], nil), ([0xED, 0xA0, 0x80], 0), // before the surrogates, a surrogate
            ([0xEF, 0xBF, 0xBF], nil),
            ([0xF0, 0x90, 0x80, 0x80], nil), ([0xF0, 0x8F, 0xBF, 0xBF], 0),
            ([0xF4, 0x8F, 0xBF, 0xBF], nil), ([0xF4, 0x90, 0x80, 0x80], 0), ([0xF5, 0x80, 0x80, 0x80], 0),
            (Array("ab".utf8) + [0xE1, 0xBB], 2),               // cut short by the end
            (Array("ab".utf8) + [0xE1, 0x41, 0xBB], 2),         // cut short by an ASCII byte
            ([0x61, 0xBF], 1), ([0xFF], 0),
        ]
        for (bytes, offset) in cases {
            #expect(TextDecoding.firstInvalidUTF8(in: bytes) == offset, "\(bytes)")
            #expect(Self.standardLibraryOffset(bytes) == offset, "\(bytes)")
        }
    }

    /// Random byte strings, mostly text with a few bytes of anything: the
    /// offsets agree, on an array and on a slice of one.
    @Test func agreesWithTheStandardLibraryOnRandomBytes() {
        var generator = SplitMix64(seed: 0x6E6F_6D65_6E55_5446)
        let pieces: [[UInt8]] = [Array("Lương ".utf8), Array("习近平".utf8), Array("abcdefgh".utf8), [0xF0, 0x9F, 0x87, 0xBB]]
        var invalid = 0
        for _ in 0..<5_000 {
            var bytes: [UInt8] = []
            for _ in 0..<Int.random(in: 0...8, using: &generator) {
                if Int.random(in: 0..<4, using: &generator) == 0 {
                    bytes.append(UInt8.random(in: 0x80...0xFF, using: &generator))
                } else {
                    bytes += pieces[Int.random(in: 0..<pieces.count, using: &generator)]
                }
            }
            let expected = Self.standardLibraryOffset(bytes)
            if expected != nil { invalid += 1 }
            #expect(TextDecoding.firstInvalidUTF8(in: bytes) == expected, "\(bytes)")
            #expect(TextDecoding.firstInvalidUTF8(in: ([0x20] + bytes)[1...]) == expected, "\(bytes)")
        }
        // Both kinds were tried.
        #expect(invalid > 500 && invalid < 4_500)
    }

    @Test func strictAndReplacingDecodingReportTheSameOffset() throws {
        let bytes = Array("Đà Nẵng ".utf8) + [0xE1, 0x80] + Array(" x".utf8)
        #expect(throws: InvalidUTF8(byteOffset: 12)) { try TextDecoding.strictUTF8(bytes) }
        let (text, firstInvalid) = TextDecoding.replacingUTF8(bytes)
        #expect(firstInvalid == 12 && text == "Đà Nẵng \u{FFFD} x")
        #expect(try TextDecoding.strictUTF8(Array("Đà Nẵng".utf8)) == "Đà Nẵng")
    }
}
