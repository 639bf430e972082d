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
        // The words counted so far, and the one being read, all in locals (in a
        // struct, or captured by a nested function, they lived in memory and went
        // there and back for every byte).
        var wordCount = 0, vietnameseCommon = 0, englishCommon = 0
        // Words with a letter beyond ASCII: whether each is a Vietnamese syllable is asked
        // only when enough of them could tip the balance (the parse costs more than the scan).
        var markedWords: [Range<Int>] = []
        markedWords.reserveCapacity(sample.count / 8)
        var wordStart = -1, hasHan = false, isMarked = false, letters = 0, packed: UInt64 = 0, length = 0
        let common = Self.commonWords
        var index = 0
        // One past the end reads as a space: it ends the last word.
        while index <= sample.count {
            var width = 1
            if index < sample.count {
                let byte = sample[index]
                if byte < 0x80 {
                    if Self.isASCIILetter(byte) {
                        // A run of ASCII letters at once.
                        if wordStart < 0 { wordStart = index }
                        var run = index
                        // Eight bytes at a time while the text has them: the run's end
                        // is found by a bit test, not by a branch on every letter.
                        while run + 8 <= sample.count {
                            let chunk = ByteWord.load(sample.baseAddress! + run)
                            let count = ByteWord.leadingRun(ByteWord.asciiLetters(chunk))
                            if length < 8 {
                                let kept: UInt64 = count == 8 ? ~0 : (1 << (8 * UInt64(count))) - 1
                                packed |= ((chunk | 0x2020_2020_2020_2020) & kept) << (8 * UInt64(length))
                            }
                            length += count
                            run += count
                            if count < 8 { break }
                        }
                        while run < sample.count && Self.isASCIILetter(sample[run]) {
                            if length < 8 { packed |= UInt64(sample[run] | 0x20) << (8 * UInt64(length)) }
                            length += 1
                            run += 1
                        }
                        latin += run - index
                        letters += run - index
                        index = run
                        continue
                    }
                } else {
                    let value: UInt32
                    (value, width) = UTF8Scalar.decode(sample, at: index)
                    let isHanLetter = value >= 0x2E80 && value <= 0x9FFF || value >= 0x20000 && value <= 0x3FFFF
                    let isMark = value >= 0x300 && value <= 0x36F
                    if isHanLetter || isMark || Self.isLetter(value) {
                        if wordStart < 0 { wordStart = index }
                        if isHanLetter {
                            han += 1
                            hasHan = true
                        } else if value < 0x250 || (value >= 0x1E00 && value <= 0x1EFF) || isMark {
                            latin += 1
                            letters += 1
                            isMarked = true
                        }
                        length += 9  // not an ASCII word: no word-list look-up
                        index += width
                        continue
                    }
                }
            }
            // Not a letter: the end of a word, if one was being read.
            if wordStart >= 0 {
                if !hasHan && letters > 0 {
                    wordCount += 1
                    if isMarked {
                        markedWords.append(wordStart..<index)
                    } else if length <= 8 {
                        let kind = common.kind(of: packed)
                        if kind & CommonWords.english != 0 { englishCommon += 1 }
                        if kind & CommonWords.vietnamese != 0 { vietnameseCommon += 1 }
                    }
                }
                wordStart = -1; hasHan = false; isMarked = false; letters = 0; packed = 0; length = 0
            }
            index += width
        }
        if han > latin { return .zh }
        // Vietnamese when marked syllables are at least a tenth of the words.
        let needed = (wordCount + 9) / 10
        if wordCount > 0 && markedWords.count >= needed {
            var syllables = 0
            for (position, range) in markedWords.enumerated() {
                if SyllableMemo.shared.isSyllable(UnsafeBufferPointer(rebasing: sample[range])) {
                    syllables += 1
                    if syllables >= needed { return .vi }
                }
                if syllables + (markedWords.count - position - 1) < needed { break }
            }
        }
        if vietnameseCommon > englishCommon * 2 { return .vi }
        return .en
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
    @inline(__always)
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
/// answers are kept, keyed by the word's bytes when they fit in 16, in a
/// table of `limit` slots (65,536: 1.5 MB) where a word takes another's
/// slot when they meet, which bounds the memory on text that never repeats.
final class SyllableMemo: Sendable {
    static let shared = SyllableMemo(limit: 1 << 16)
    /// Slots in the table (a power of two).
    let limit: Int

    init(limit: Int) {
        var slots = 1
        while slots < limit { slots <<= 1 }
        self.limit = slots
        answers = Mutex(Table(slots: slots))
    }

    /// A word of up to 16 bytes, packed, with its length and the answer:
    /// `lengthAndAnswer` is the length times 2, plus 1 for a syllable; 0 is
    /// an empty slot.
    struct Slot {
        var low: UInt64 = 0
        var high: UInt64 = 0
        var lengthAndAnswer: UInt64 = 0
    }

    /// Direct-mapped: a word has one slot, found by a multiply and a shift
    /// (a `Dictionary` hashed each word with SipHash, a sixth of detection);
    /// a word landing on another's slot replaces it. So the memory is
    /// bounded, and the answers stay the parser's whatever is forgotten.
    struct Table {
        var slots: [Slot]
        var count = 0
        let shift: UInt64

        init(slots: Int) {
            self.slots = Array(repeating: Slot(), count: slots)
            shift = UInt64(64 - slots.trailingZeroBitCount)
        }

        func index(_ low: UInt64, _ high: UInt64, _ length: Int) -> Int {
            let mixed = (low &* 0x9E37_79B9_7F4A_7C15) ^ (high &* 0xC2B2_AE3D_27D4_EB4F) ^ UInt64(length)
            return Int(truncatingIfNeeded: (mixed &* 0x1656_67B1_9E37_79F9) >> shift)
        }
    }

    private let answers: Mutex<Table>

    func isSyllable(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        guard word.count <= 16 else { return Self.parse(word) }
        var low: UInt64 = 0, high: UInt64 = 0
        for (index, byte) in word.enumerated() {
            if index < 8 { low |= UInt64(byte) << (8 * UInt64(index)) }
            else { high |= UInt64(byte) << (8 * UInt64(index - 8)) }
        }
        let length = UInt64(word.count) * 2
        let known: Bool? = answers.withLock { table in
            let slot = table.slots[table.index(low, high, word.count)]
            guard slot.low == low, slot.high == high, slot.lengthAndAnswer | 1 == length | 1 else { return nil }
            return slot.lengthAndAnswer & 1 == 1
        }
        if let known { return known }
        let answer = Self.parse(word)
        answers.withLock { table in
            let index = table.index(low, high, word.count)
            if table.slots[index].lengthAndAnswer == 0 { table.count += 1 }
            table.slots[index] = Slot(low: low, high: high, lengthAndAnswer: length | (answer ? 1 : 0))
        }
        return answer
    }

    /// Words remembered now.
    var count: Int { answers.withLock { $0.count } }

    private static func parse(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        VietnameseSyllable.isValid(String(decoding: word, as: UTF8.self))
    }
}
