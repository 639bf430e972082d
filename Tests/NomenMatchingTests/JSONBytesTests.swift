import Foundation
import Testing
@testable import NomenMatching

/// `JSONBytes` writes what the `String` forms write: numbers as `String(n)`,
/// string literals as `AnnotationRendering.quoted`, and both parse back.
@Suite struct JSONBytesTests {
    @Test func numbersAreWrittenAsDecimal() {
        for number in [0, 7, 10, 99, 100, 325_033, -1, -10, Int.max, Int.min] {
            var out = JSONBytes()
            out.append(number: number)
            #expect(String(decoding: out.bytes, as: UTF8.self) == String(number))
        }
    }

    @Test func stringsAreEscapedAsQuotedEscapesThem() throws {
        let texts = ["", "Hà Nội", "习近平", "say \"Xi\"", "back\\slash", "tab\there\nline\r", "\u{1}\u{1F}",
                     "line\u{2028}separator\u{2029}", "…“quoted”…", "ÐĐđ", "\u{7F}", "e\u{301}"]
        for text in texts {
            var out = JSONBytes()
            out.append(quoted: text)
            let written = String(decoding: out.bytes, as: UTF8.self)
            #expect(written == AnnotationRendering.quoted(text), "\(text.debugDescription)")
            let parsed = try JSONSerialization.jsonObject(with: Data(out.bytes), options: .fragmentsAllowed) as? String
            #expect(parsed == text, "\(text.debugDescription)")
        }
        var none = JSONBytes()
        none.append(quotedOrNull: nil)
        #expect(none.bytes == Array("null".utf8))
    }
}
