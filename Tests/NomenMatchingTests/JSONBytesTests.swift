import Foundation
import Testing
@testable import NomenMatching

/// `JSONBytes` writes what the `String` forms write: numbers as `String(n)`,
/// string literals as `AnnotationRendering.quoted`, and both parse back.
@Suite struct JSONBytesTests {
    @Test func numbersAreWrittenAsDecimal() {
        for number in [0, 7, 10, 99, 100, 325_033, -1, -10, Int.max, Int.min] {
            let out = JSONBytes()
            out.append(number: number)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(number))
        }
    }

    @Test func stringsAreEscapedAsQuotedEscapesThem() throws {
        let texts = ["", "Hà Nội", "习近平", "say \"Xi\"", "back\\slash", "tab\there\nline\r", "\u{1}\u{1F}",
                     "line\u{2028}separator\u{2029}", "…“quoted”…", "ÐĐđ", "\u{7F}", "e\u{301}"]
        for text in texts {
            let out = JSONBytes()
            out.append(quoted: text)
            let written = String(decoding: out.bytes, as: UTF8.self)
            #expect(written == AnnotationRendering.quoted(text), "\(text.debugDescription)")
            let parsed = try JSONSerialization.jsonObject(with: Data(out.bytes), options: .fragmentsAllowed) as? String
            #expect(parsed == text, "\(text.debugDescription)")
        }
        let none = JSONBytes()
        none.append(quotedOrNull: nil)
        #expect(none.bytes == Array("null".utf8))
    }

    /// The eight-bytes-at-a-time test agrees with a byte-by-byte one for a
    /// byte that needs escaping at every position of texts of 0 to 24 bytes,
    /// and for bytes next to the ones it looks for (0x1F/0x20, 0x21/0x23, 0x5B/0x5D, 0xE1/0xE3).
    @Test func escapingIsFoundAtEveryPosition() {
        func bytewise(_ bytes: [UInt8]) -> Bool { bytes.contains { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C || $0 == 0xE2 } }
        let fillers: [UInt8] = [0x61, 0x20, 0x21, 0x23, 0x5B, 0x5D, 0xE1, 0xE3, 0x7F, 0xFF, 0x80]
        let specials: [UInt8] = [0x00, 0x0A, 0x1F, 0x22, 0x5C, 0xE2]
        for length in 0...24 {
            for filler in fillers {
                let plain = [UInt8](repeating: filler, count: length)
                #expect(plain.withUnsafeBufferPointer(JSONBytes.needsEscaping) == false, "\(length) × \(filler)")
                for position in 0..<length {
                    for special in specials {
                        var bytes = plain
                        bytes[position] = special
                        #expect(bytes.withUnsafeBufferPointer(JSONBytes.needsEscaping) == bytewise(bytes),
                                "\(special) at \(position) of \(length) × \(filler)")
                    }
                }
            }
        }
    }

    /// Appends past the initial capacity keep every byte (the buffer grows).
    @Test func growsPastItsCapacity() {
        let out = JSONBytes(capacity: 1)
        var expected = ""
        for number in 0..<500 {
            out.append(number: number); out.append(",")
            out.append(quoted: "Hà Nội \(number)")
            expected += "\(number)," + AnnotationRendering.quoted("Hà Nội \(number)")
        }
        #expect(String(decoding: out.bytes, as: UTF8.self) == expected)
    }
}
