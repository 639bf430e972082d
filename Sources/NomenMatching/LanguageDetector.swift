import NomenNormalization

/// Tells Vietnamese, English and Chinese apart from the text itself.
///
/// Looks at the first 64 KiB: Han characters outnumbering Latin letters
/// make it Chinese. Otherwise, words with Vietnamese letters or tone marks
/// (ă â đ ê ô ơ ư, and the five tones) make it Vietnamese when they are at
/// least a tenth of the words; failing that (Vietnamese typed without
/// diacritics), frequent Vietnamese syllables are weighed against frequent
/// English words.
public enum LanguageDetector {
    static let englishWords: Set<Substring> = [
        "the", "of", "and", "to", "in", "is", "was", "that", "for", "on", "with", "said", "as", "at", "by",
        "from", "are", "be", "has", "have", "it", "its", "this", "which", "will", "would", "were", "an",
    ]
    static let vietnameseWords: Set<Substring> = [
        "va", "cua", "la", "cac", "nhung", "duoc", "khong", "nguoi", "nay", "tai", "voi", "mot", "trong",
        "cho", "da", "thi", "se", "ve", "nhu", "co", "hai", "nam", "ngay", "theo", "tu", "den", "ban", "minh",
        "con", "roi", "gi", "nao", "nhieu", "lam", "cung", "sau", "truoc", "hon", "o", "len",
    ]

    public static func detect(_ text: String) -> DocumentLanguage {
        var text = text
        return text.withUTF8 { detect(utf8: $0) }
    }

    public static func detect(utf8 text: UnsafeBufferPointer<UInt8>) -> DocumentLanguage {
        let sample = String(decoding: UnsafeBufferPointer(rebasing: text.prefix(65_536)), as: UTF8.self)
        var han = 0, latin = 0
        var words = 0, vietnameseMarked = 0, vietnameseCommon = 0, englishCommon = 0
        for word in sample.split(whereSeparator: { !$0.isLetter }) {
            var hasHan = false, isMarked = false, letters = 0
            for scalar in word.unicodeScalars {
                let value = scalar.value
                if value >= 0x2E80 && value <= 0x9FFF || value >= 0x20000 && value <= 0x3FFFF {
                    han += 1
                    hasHan = true
                } else if value < 0x250 || (value >= 0x1E00 && value <= 0x1EFF) || (value >= 0x300 && value <= 0x36F) {
                    latin += 1
                    letters += 1
                    if value >= 0x80 { isMarked = true }
                }
            }
            guard !hasHan, letters > 0 else { continue }
            words += 1
            if isMarked && VietnameseSyllable.isValid(word) { vietnameseMarked += 1 }
            let lower = Substring(word.lowercased())
            if englishWords.contains(lower) { englishCommon += 1 }
            if vietnameseWords.contains(lower) { vietnameseCommon += 1 }
        }
        if han > latin { return .zh }
        if words > 0 && vietnameseMarked * 10 >= words { return .vi }
        if vietnameseCommon > englishCommon * 2 { return .vi }
        return .en
    }
}
