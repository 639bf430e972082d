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
}
