/// The two conventions Vietnamese typography has for placing the tone mark in
/// the open rhymes oa, oe and uy. Every other syllable is written the same in
/// both (hoàng, quý, giá, qua, gìn, thuyền).
///
/// - `old`, "kiểu cũ" (the traditional placement, on the first vowel): hòa,
///   thủy, khỏe. Most Vietnamese newspapers use it.
/// - `new`, "kiểu mới" (the placement of the 1980s orthography reform and of
///   most keyboards' defaults, on the main vowel): hoà, thuỷ, khoẻ.
public enum ToneConvention: String, CaseIterable, Sendable, Codable {
    case old
    case new

    /// The Vietnamese name of the convention.
    public var vietnameseName: String {
        switch self {
        case .old: "kiểu cũ"
        case .new: "kiểu mới"
        }
    }

    /// Rewrites `text` so every syllable follows this convention; every other
    /// character, including those of syllables already right, is unchanged.
    ///
    /// With `movingMisplacedMarks` (what `nomen normalize --tone` does), a
    /// mark on a vowel where neither convention puts it (`tòan`, `giừơng`,
    /// `baỷ`: what `inspect` reports as misplaced) is moved too, to where
    /// this convention wants it (toàn, giường, bảy). Only the mark moves, so
    /// a missing horn (`Cuờng`) is reported by `inspect` but not rewritten.
    /// Without it, such words are left as they are (the matcher and the
    /// linter compare spellings this way and report misplaced marks apart).
    public func apply(to text: String, movingMisplacedMarks: Bool = false) -> String {
        var result = ""
        result.reserveCapacity(text.utf8.count)
        for segment in VietnameseWords.segments(of: text) {
            if segment.isWord, let rewritten = rewrite(segment.text, movingMisplacedMarks: movingMisplacedMarks) {
                result += rewritten
            } else {
                result += segment.text
            }
        }
        return result
    }

    /// The word rewritten in this convention, or nil when it does not change.
    func rewrite(_ word: Substring, movingMisplacedMarks: Bool = false) -> String? {
        if movingMisplacedMarks, case .misplaced(let suggestion) = Self.classify(word),
           suggestion.replacingToneless() == String(word).replacingToneless() {
            // The suggestion puts the mark where the old convention does.
            return rewritePlaced(Substring(suggestion)) ?? suggestion
        }
        return rewritePlaced(word)
    }

    /// A word whose mark is where one of the conventions puts it, rewritten
    /// in this one; nil when it does not change.
    private func rewritePlaced(_ word: Substring) -> String? {
        guard let syllable = VietnameseSyllable.parse(word), let markIndex = syllable.toneMarkIndex else {
            return nil
        }
        let positions = syllable.tonePositions
        guard positions.old != positions.new else { return nil }
        let target = syllable.vowelStart + (self == .old ? positions.old : positions.new)
        let current = markIndex
        let other = syllable.vowelStart + (self == .old ? positions.new : positions.old)
        guard current == other, current != target else { return nil }
        var letters = Array(word)
        guard let (currentBase, _) = VietnameseLetters.decomposition[letters[current]],
              let (targetBase, _) = VietnameseLetters.decomposition[letters[target]] else { return nil }
        letters[current] = currentBase
        letters[target] = VietnameseLetters.compose(targetBase, syllable.tone)
        return String(letters)
    }
}

/// What a text's tone marks say about its convention.
public struct ToneReport: Equatable, Sendable, Codable {
    /// Syllables written as only the old convention writes them (hòa).
    public var oldCount = 0
    /// Syllables written as only the new convention writes them (hoà).
    public var newCount = 0
    /// Syllables whose mark sits where neither convention puts it (Cuờng).
    public var misplaced: [MisplacedTone] = []

    public enum Verdict: String, Codable, Sendable {
        case old, new, mixed
        /// No syllable in the text tells the conventions apart.
        case undetermined
    }

    public var verdict: Verdict {
        switch (oldCount, newCount) {
        case (0, 0): .undetermined
        case (_, 0): .old
        case (0, _): .new
        default: .mixed
        }
    }
}

/// A syllable with its tone mark on a vowel neither convention uses.
public struct MisplacedTone: Equatable, Sendable, Codable {
    /// The word as written.
    public let word: String
    /// The word with the mark where both conventions (or the given one) put it.
    public let suggestion: String
    /// Offset of the word in the text, in Unicode scalars.
    public let scalarOffset: Int
}

extension ToneConvention {
    /// Counts the syllables that show a convention and finds misplaced marks.
    public static func inspect(_ text: String) -> ToneReport {
        var report = ToneReport()
        var scalarOffset = 0
        for segment in VietnameseWords.segments(of: text) {
            defer { scalarOffset += segment.text.unicodeScalars.count }
            guard segment.isWord else { continue }
            switch classify(segment.text) {
            case .old: report.oldCount += 1
            case .new: report.newCount += 1
            case .misplaced(let suggestion):
                report.misplaced.append(MisplacedTone(
                    word: String(segment.text), suggestion: suggestion, scalarOffset: scalarOffset))
            case .neutral: break
            }
        }
        return report
    }

    /// How one word places its tone mark.
    public enum Placement: Equatable, Sendable {
        /// No mark, or a mark where both conventions put it.
        case neutral
        case old, new
        /// A mark where neither puts it; the suggestion moves it.
        case misplaced(suggestion: String)
    }

    /// How one word places its tone mark.
    public static func classify(_ word: Substring) -> Placement {
        if let syllable = VietnameseSyllable.parse(word) {
            guard let markIndex = syllable.toneMarkIndex else { return .neutral }
            let positions = syllable.tonePositions
            let relative = markIndex - syllable.vowelStart
            if positions.old == positions.new {
                return relative == positions.old ? .neutral : misplaced(word)
            }
            if relative == positions.old { return .old }
            if relative == positions.new { return .new }
            return misplaced(word)
        }
        return misplacedOrNeutral(word)
    }

    /// A word that does not parse may still be a Vietnamese syllable with its
    /// mark on the wrong vowel: try the mark on each vowel and see whether the
    /// word then parses with the mark where the syllable wants it.
    private static func misplacedOrNeutral(_ word: Substring) -> Placement {
        misplaced(word)
    }

    private static func misplaced(_ word: Substring) -> Placement {
        guard let corrected = correctedPlacement(word) else { return .neutral }
        return .misplaced(suggestion: corrected)
    }

    /// The word with its single tone mark moved to where the old convention
    /// puts it, when the toneless word is a Vietnamese syllable.
    static func correctedPlacement(_ word: Substring) -> String? {
        // Longer than any syllable; and a run of combining marks is one
        // Character whose hash would normalize it in quadratic time.
        guard word.utf8.count <= 48 else { return nil }
        var letters = Array(word)
        var tone = VietnameseTone.level
        var markIndex: Int? = nil
        for (index, letter) in letters.enumerated() {
            guard let (base, letterTone) = VietnameseLetters.decomposition[letter] else { continue }
            if letterTone != .level {
                guard markIndex == nil else { return nil }
                markIndex = index
                tone = letterTone
                letters[index] = base
            }
        }
        guard let markIndex else { return nil }
        var toneless = String(letters)
        if VietnameseSyllable.parse(toneless, checkingStopTones: false) == nil {
            // A common slip writes ươ as uơ before a coda (Cuờng for Cường):
            // the horn of the u is missing, not the tone misplaced; suggest ươ.
            let repaired = toneless.replacingHorn()
            guard repaired != toneless, VietnameseSyllable.parse(repaired, checkingStopTones: false) != nil
            else { return nil }
            toneless = repaired
            letters = Array(repaired)
        }
        guard let bare = VietnameseSyllable.parse(toneless, checkingStopTones: false) else { return nil }
        let target = bare.vowelStart + bare.tonePositions.old
        guard target != markIndex || String(letters) != String(word).replacingToneless() else { return nil }
        letters[target] = VietnameseLetters.compose(letters[target], tone)
        let corrected = String(letters)
        // The corrected word must itself be a valid syllable (tone rules for
        // stop codas included).
        return VietnameseSyllable.isValid(corrected) ? corrected : nil
    }
}

/// Splits text into words (runs of letters and their marks) and the rest.
enum VietnameseWords {
    struct Segment {
        let text: Substring
        let isWord: Bool
    }

    static func segments(of text: String) -> [Segment] {
        var segments: [Segment] = []
        var start = text.startIndex
        var inWord: Bool? = nil
        var index = text.startIndex
        while index < text.endIndex {
            let isLetter = text[index].isLetter
            if let current = inWord, current != isLetter {
                segments.append(Segment(text: text[start..<index], isWord: current))
                start = index
            }
            inWord = isLetter
            index = text.index(after: index)
        }
        if let current = inWord {
            segments.append(Segment(text: text[start..<text.endIndex], isWord: current))
        }
        return segments
    }
}

extension String {
    /// uơ → ươ (and capitals), for the missing-horn slip.
    func replacingHorn() -> String {
        var letters = Array(self)
        for index in letters.indices.dropLast() {
            let pair = (letters[index], letters[index + 1])
            switch pair {
            case ("u", "ơ"): letters[index] = "ư"
            case ("U", "Ơ"), ("U", "ơ"): letters[index] = "Ư"
            default: continue
            }
        }
        return String(letters)
    }

    /// The string with every tone mark removed from Vietnamese vowels.
    func replacingToneless() -> String {
        String(self.map { VietnameseLetters.decomposition[$0]?.base ?? $0 })
    }
}
