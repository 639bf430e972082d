import Foundation
@testable import NomenMatching
import NomenNormalization
import Testing

/// The language detector's memo of syllables answers exactly what the
/// syllable parser answers, and stays within its bound.
@Suite struct LanguageDetectorTests {
    static let words = [
        "người", "nguời", "Hải", "HẢI", "Phòng", "hoà", "hòa", "quý", "giếng", "nghiêng",
        "Nội", "Ðà",  // Icelandic eth for Đ: not a Vietnamese letter
        "café", "naïve", "Zürich", "über", "ăn", "ăng", "tiêng", "xyz",
        "Nghiêng".decomposedStringWithCanonicalMapping, "Trường".decomposedStringWithCanonicalMapping,
        "thiếtkếđồhoạ",  // too long for a key: parsed each time
    ]

    @Test func memoAnswersAsTheParserDoes() {
        let memo = SyllableMemo(limit: 1_000)
        for round in 0..<2 {
            for word in Self.words {
                var bytes = Array(word.utf8)
                let answer = bytes.withUnsafeMutableBufferPointer { memo.isSyllable(UnsafeBufferPointer($0)) }
                #expect(answer == VietnameseSyllable.isValid(word), "\(word), round \(round)")
            }
        }
        #expect(memo.count == Self.words.filter { $0.utf8.count <= 16 }.count)
    }

    @Test func memoIsBounded() {
        let memo = SyllableMemo(limit: 64)
        for number in 0..<1_000 {
            var bytes = Array("tô\(number)".utf8)
            _ = bytes.withUnsafeMutableBufferPointer { memo.isSyllable(UnsafeBufferPointer($0)) }
            #expect(memo.count <= 64)
        }
    }

    @Test func detectsTheSamplesLanguages() {
        #expect(LanguageDetector.detect("Chủ tịch nước Lương Cường tiếp Đại sứ tại Hà Nội hôm nay.") == .vi)
        #expect(LanguageDetector.detect("President Luong Cuong received the ambassador in Hanoi on Monday.") == .en)
        #expect(LanguageDetector.detect("国家主席梁强在河内会见大使。") == .zh)
    }

    /// Without diacritics, frequent words decide: counted in upper case
    /// too, at the very end of the text, next to punctuation and to
    /// letters beyond ASCII, but not inside longer words.
    @Test func frequentWordsDecideTextWithoutDiacritics() {
        #expect(LanguageDetector.detect("Chu tich nuoc va Thu tuong da den Ha Noi, theo cac nguoi dan cua tinh la nhu vay") == .vi)
        #expect(LanguageDetector.detect("VA CUA LA CAC NHUNG DUOC KHONG TRONG") == .vi)
        #expect(LanguageDetector.detect("THE PRESIDENT OF VIETNAM SAID THAT IT WAS TO BE") == .en)
        // "cuabc", "vaxyz": not "cua" and "va"; the English words win.
        #expect(LanguageDetector.detect("cuabc vaxyz lax the of and to in is") == .en)
        // A word that ends on a letter beyond ASCII is not a frequent ASCII word ("laé").
        #expect(LanguageDetector.detect("laé caé vaé the of") == .en)
        #expect(LanguageDetector.detect("the of and va cua la cac nhung duoc khong nguoi nay tai voi") == .vi)
    }

    /// A memo far smaller than the words it sees forgets some, and still
    /// answers as the parser does.
    @Test func aCrowdedMemoStillAnswersAsTheParserDoes() {
        let memo = SyllableMemo(limit: 4)
        for round in 0..<3 {
            for word in Self.words + ["hai", "phong", "xyzw", "tổng", "bí", "thư"] {
                var bytes = Array(word.utf8)
                let answer = bytes.withUnsafeMutableBufferPointer { memo.isSyllable(UnsafeBufferPointer($0)) }
                #expect(answer == VietnameseSyllable.isValid(word), "\(word), round \(round)")
            }
        }
        #expect(memo.count <= 4)
    }

    /// Frequent words are read at any alignment, after words longer than
    /// eight letters (whose packing stops at eight) and at the text's end.
    @Test func frequentWordsAreReadAtEveryAlignment() {
        for padding in 0..<17 {
            let lead = String(repeating: "x", count: padding) + " "
            #expect(LanguageDetector.detect(lead + "nguoiabcdefgh va cua la cac nhung duoc khong trong") == .vi, "\(padding)")
            #expect(LanguageDetector.detect(lead + "theabcdefghij the of and to in is that was") == .en, "\(padding)")
            // Nine letters that start with a frequent word are not that word.
            #expect(LanguageDetector.detect(lead + "cuaxxxxxx vaxxxxxxx laxxxxxxx the of") == .en, "\(padding)")
            #expect(LanguageDetector.detect(lead + "Chủ tịch nước Lương Cường tiếp Đại sứ tại Hà Nội") == .vi, "\(padding)")
        }
    }
}
