/// The six tones of Vietnamese, in the order dictionaries list them, with the
/// combining mark that writes each (Unicode 15.0, chapter 7.1).
public enum VietnameseTone: Int, CaseIterable, Sendable {
    case level   // ngang: no mark
    case grave   // huyền: U+0300
    case acute   // sắc: U+0301
    case hook    // hỏi: U+0309
    case tilde   // ngã: U+0303
    case dot     // nặng: U+0323

    public var combiningMark: Unicode.Scalar? {
        switch self {
        case .level: nil
        case .grave: "\u{0300}"
        case .acute: "\u{0301}"
        case .hook: "\u{0309}"
        case .tilde: "\u{0303}"
        case .dot: "\u{0323}"
        }
    }
}

/// The Vietnamese vowel letters with every tone, and look-ups between a toned
/// letter and its toneless letter and tone.
enum VietnameseLetters {
    /// Each row: the toneless vowel, then its five toned forms in
    /// `VietnameseTone` order (precomposed, as NFC writes them).
    static let rows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
    ]

    /// Toned or toneless vowel (either case) → (toneless vowel in the same case, tone).
    /// Swift compares characters by canonical equivalence, so NFD input
    /// ("o" + U+0300) finds its entry too.
    static let decomposition: [Character: (base: Character, tone: VietnameseTone)] = {
        var table: [Character: (Character, VietnameseTone)] = [:]
        for row in rows {
            for variant in [row, row.uppercased()] {
                let letters = Array(variant)
                for (index, letter) in letters.enumerated() {
                    table[letter] = (letters[0], VietnameseTone(rawValue: index)!)
                }
            }
        }
        return table
    }()

    /// (toneless vowel, tone) → toned vowel, in the vowel's case.
    static let composition: [Character: [Character]] = {
        var table: [Character: [Character]] = [:]
        for row in rows {
            for variant in [row, row.uppercased()] {
                let letters = Array(variant)
                table[letters[0]] = letters
            }
        }
        return table
    }()

    static func compose(_ base: Character, _ tone: VietnameseTone) -> Character {
        composition[base]?[tone.rawValue] ?? base
    }

    /// Vowels that carry a quality mark (breve, circumflex, horn); when a
    /// syllable has one, the tone mark goes on it.
    static let marked: Set<Character> = ["ă", "â", "ê", "ô", "ơ", "ư"]

    static let vowels: Set<Character> = ["a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y"]

    static let consonants: Set<Character> = [
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x",
    ]
}
