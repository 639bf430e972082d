@_spi(Performance) import NomenNormalization
import Synchronization

/// Tells Vietnamese, English and Chinese apart from the text itself.
///
/// Looks at the first 64 KiB: Han characters outnumbering Latin letters
/// make it Chinese. Otherwise, words with Vietnamese letters or tone marks
/// (ă â đ ê ô ơ ư, and the five tones) make it Vietnamese when they are at
/// least a tenth of the words; failing that (Vietnamese typed without
/// diacritics), frequent Vietnamese syllables are weighed against frequent
/// English words.
public enum LanguageDetector {
    static let commonWords = CommonWords(
        english: ["the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "said", "as", "at", "by",
                  "from", "are", "be", "has", "have", "it", "its", "this", "which", "will", "would", "were", "an"],
        vietnamese: ["va", "cua", "la", "cac", "nhung", "duoc", "khong", "nguoi", "nay", "tai", "voi", "mot", "trong",
                     "cho", "da", "thi", "se", "ve", "nhu", "co", "hai", "nam", "ngay", "theo", "tu", "den", "ban", "minh",
                     "con", "roi", "gi", "nao", "nhieu", "lam", "cung", "sau", "truoc", "hon", "o", "len"])

    public static func detect(_ text: String) -> DocumentLanguage {
        var text = text
        return text.withUTF8 { detect(utf8: $0) }
    }

    /// Reads the bytes once: a word is a run of letters (and the combining
    /// marks after them); only a word with a letter beyond ASCII becomes a
    /// `String`, to ask whether it is a Vietnamese syllable.
    package static func detect(utf8 text: UnsafeBufferPointer<UInt8>) -> DocumentLanguage {
        var end = min(text.count, 65_536)
        while end < text.count && end > 0 && text[end] & 0xC0 == 0x80 { end -= 1 }
        let sample = UnsafeBufferPointer(rebasing: text[..<end])
        var han = 0, latin = 0
        var words = WordTally()
        var index = 0
        while index < sample.count {
            let byte = sample[index]
            if byte < 0x80 {
                guard Self.isASCIILetter(byte) else {
                    words.finishWord(at: index)
                    index += 1
                    continue
                }
                // A run of ASCII letters in locals, the tally written once per run: kept in
                // the struct byte by byte, its fields went to memory and back for every letter.
                if words.wordStart < 0 { words.wordStart = index }
                var packed = words.packedWord, length = words.length, run = index
                repeat {
                    if length < 8 { packed |= UInt64(sample[run] | 0x20) << (8 * UInt64(length)) }
                    length += 1
                    run += 1
                } while run < sample.count && Self.isASCIILetter(sample[run])
                latin += run - index
                words.letters += run - index
                words.packedWord = packed
                words.length = length
                index = run
                continue
            }
            let (value, width) = UTF8Scalar.decode(sample, at: index)
            let isHanLetter = value >= 0x2E80 && value <= 0x9FFF || value >= 0x20000 && value <= 0x3FFFF
            let isMark = value >= 0x300 && value <= 0x36F
            if isHanLetter || isMark || isLetter(value) {
                if words.wordStart < 0 { words.wordStart = index }
                if isHanLetter {
                    han += 1
                    words.hasHan = true
                } else if value < 0x250 || (value >= 0x1E00 && value <= 0x1EFF) || isMark {
                    latin += 1
                    words.letters += 1
                    words.isMarked = true
                }
                words.length += 9  // not an ASCII word: no word-list look-up
            } else {
                words.finishWord(at: index)
            }
            index += width
        }
        words.finishWord(at: sample.count)
        if han > latin { return .zh }
        let markedWords = words.markedWords
        // Vietnamese when marked syllables are at least a tenth of the words.
        let needed = (words.count + 9) / 10
        if words.count > 0 && markedWords.count >= needed {
            var syllables = 0
            for (position, range) in markedWords.enumerated() {
                if SyllableMemo.shared.isSyllable(UnsafeBufferPointer(rebasing: sample[range])) {
                    syllables += 1
                    if syllables >= needed { return .vi }
                }
                if syllables + (markedWords.count - position - 1) < needed { break }
            }
        }
        if words.vietnameseCommon > words.englishCommon * 2 { return .vi }
        return .en
    }

    /// The words counted so far, and the one being read. A struct rather
    /// than variables captured by a nested function, which kept them in
    /// memory (a tenth of annotating a short article went to detection).
    private struct WordTally {
        var count = 0, vietnameseCommon = 0, englishCommon = 0
        /// Words with a letter beyond ASCII: whether each is a Vietnamese syllable is asked
        /// only when enough of them could tip the balance (the parse costs more than the scan).
        var markedWords: [Range<Int>] = []
        var wordStart = -1, hasHan = false, isMarked = false, letters = 0, packedWord: UInt64 = 0, length = 0
        let common = LanguageDetector.commonWords

        @inline(__always)
        mutating func finishWord(at index: Int) {
            defer { wordStart = -1; hasHan = false; isMarked = false; letters = 0; packedWord = 0; length = 0 }
            guard wordStart >= 0, !hasHan, letters > 0 else { return }
            count += 1
            if isMarked {
                markedWords.append(wordStart..<index)
            } else if length <= 8 {
                let kind = common.kind(of: packedWord)
                if kind & CommonWords.english != 0 { englishCommon += 1 }
                if kind & CommonWords.vietnamese != 0 { vietnameseCommon += 1 }
            }
        }
    }

    @inline(__always)
    private static func isASCIILetter(_ byte: UInt8) -> Bool {
        let lower = byte | 0x20
        return byte < 0x80 && lower >= 0x61 && lower <= 0x7A
    }

    /// A letter beyond ASCII: Latin letters with marks (but × and ÷) and
    /// Vietnamese ones without a property look-up, else Unicode's Alphabetic.
    private static func isLetter(_ value: UInt32) -> Bool {
        switch value {
        case 0xAA, 0xB5, 0xBA, 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x1E00...0x1EFF: return true
        case 0x80...0xBF, 0xD7, 0xF7, 0x2000...0x206F, 0x3000...0x303F, 0xFF00...0xFF0F: return false
        default: return Unicode.Scalar(value)?.properties.isAlphabetic ?? false
        }
    }
}

/// The frequent English and Vietnamese words, as lower-case ASCII words of
/// up to eight letters packed in a `UInt64` (the lists hold nothing
/// longer), in an open-addressed table of 128 slots: a look-up is a multiply
/// and a compare or two, where a `Set` hashed each word with SipHash.
struct CommonWords: Sendable {
    static let english: UInt8 = 1, vietnamese: UInt8 = 2
    private var keys = [UInt64](repeating: 0, count: 128)
    private var kinds = [UInt8](repeating: 0, count: 128)

    init(english: [String], vietnamese: [String]) {
        for (words, kind) in [(english, Self.english), (vietnamese, Self.vietnamese)] {
            for word in words {
                let packed = word.utf8.reversed().reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
                var slot = Self.slot(packed)
                while keys[slot] != 0 && keys[slot] != packed { slot = (slot + 1) & 127 }
                keys[slot] = packed
                kinds[slot] |= kind
            }
        }
    }

    private static func slot(_ packed: UInt64) -> Int { Int(truncatingIfNeeded: (packed &* 0x9E37_79B9_7F4A_7C15) >> 57) }

    /// `english`, `vietnamese`, both, or 0 for a word on neither list.
    func kind(of packed: UInt64) -> UInt8 {
        var slot = Self.slot(packed)
        while keys[slot] != 0 {
            if keys[slot] == packed { return kinds[slot] }
            slot = (slot + 1) & 127
        }
        return 0
    }
}

/// Whether a word is a Vietnamese syllable, remembered across documents.
///
/// `VietnameseSyllable.parse` works on Characters and Strings (about a
/// microsecond a word), and detection asks it for up to a tenth of a
/// document's words: nearly half of annotating a 5 KB article whose
/// language is not given. News text repeats a few thousand syllables, so the
/// answers are kept, keyed by the word's bytes when they fit in 16, and
/// forgotten all at once beyond `limit` words (65,536: about 2 MB), which
/// bounds the memory on text that never repeats.
final class SyllableMemo: Sendable {
    static let shared = SyllableMemo(limit: 1 << 16)
    let limit: Int

    init(limit: Int) { self.limit = limit }

    /// Up to 16 bytes of a word and its length; longer words are not kept.
    struct Key: Hashable {
        var low: UInt64 = 0
        var high: UInt64 = 0
        let count: Int
    }

    private let answers = Mutex<[Key: Bool]>([:])

    func isSyllable(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= 16 else { return Self.parse(word) }
        var key = Key(count: word.count)
        for (index, byte) in word.enumerated() {
            if index < 8 { key.low |= UInt64(byte) << (8 * UInt64(index)) }
            else { key.high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        if let known = answers.withLock({ $0[key] }) { return known }
        let answer = Self.parse(word)
        answers.withLock { answers in
            if answers.count >= limit { answers.removeAll(keepingCapacity: true) }
            answers[key] = answer
        }
        return answer
    }

    var count: Int { answers.withLock { $0.count } }

    private static func parse(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        VietnameseSyllable.isValid(String(decoding: word, as: UTF8.self))
    }
}
