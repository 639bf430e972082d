/// Repairs mojibake: UTF-8 text whose bytes were once read as Windows-1252
/// or Latin-1 (`Viá»‡t Nam` for `Việt Nam`), possibly twice, and does no harm
/// to text that is not.
///
/// The text is cut into sequences: maximal runs of non-ASCII characters
/// (mojibake of a non-ASCII character is always non-ASCII, and ASCII is never
/// touched). A sequence is repaired only when all of this holds:
///
/// 1. The whole sequence encodes to the code page and the bytes decode as
///    strict UTF-8 (deeper levels for double encoding: the best level wins).
/// 2. The repaired reading is clearly more plausible: its badness (see
///    `badness`, scored on the sequence with the ASCII letters and digits
///    around it) is at least `clearMargin` below the badness of the text as
///    it is. A Vietnamese word in the reading (one with a letter only
///    Vietnamese uses: ă đ ĩ ũ ơ ư or U+1EA0…U+1EF9) that is not a
///    well-formed syllable counts as bad.
/// 3. One code page explains every clear sequence. When the clear sequences
///    of one text need different code pages (`má»›i` is Windows-1252,
///    `nháşĄt` Windows-1250), nothing is repaired and the repair is refused
///    with an error: the text is repaired whole or not at all.
///
/// Once the text is known to be mojibake in a code page (at least one clear
/// sequence), every other sequence that reads better in it (any margin) is
/// repaired too. Sequences left as they were are counted, and described in
/// `notes`: those that look like mojibake but do not decode (a byte lost on
/// the way, as when the 0x90 of `Đ` is stripped) and those whose repair would
/// read worse (`NESTLÉ®` would become `NESTLɮ`).
///
/// The idea of weighing the badness of the text before and after follows
/// ftfy (Robyn Speer); the scoring here is nomen's own and smaller, tuned on
/// `Tests/NomenNormalizationTests/Fixtures/mojibake/`.
enum MojibakeRepair {
    static let maximumPasses = 3
    /// How much lower the repaired reading's badness must be for a sequence
    /// to be repaired on its own evidence.
    static let clearMargin = 2

    struct Repair {
        var text: String
        /// Passes that changed the text (2 for double-encoded mojibake).
        var passes: Int
        /// The code page each pass went through ("Windows-1252", "Latin-1").
        var codePages: [String]
        /// Sequences that look like mojibake but do not decode; left as they were.
        var unrepairedRuns: Int
        /// Sequences that decode but read less plausibly repaired; left as they were.
        var keptRuns: Int
        /// What was left as it was, and why, for the user.
        var notes: [String]
    }

    struct CodePage: Equatable, Sendable {
        let charset: String
        let name: String
    }

    /// Tried first, in this order: the code pages mojibake comes from.
    static let primaryCodePages = [
        CodePage(charset: "windows-1252", name: "Windows-1252"),
        CodePage(charset: "ISO-8859-1", name: "Latin-1"),
    ]
    /// Tried for sequences that look like mojibake and do not repair in a
    /// primary code page, so that text mixed from two code pages is
    /// recognised (and a text wholly in one of them repaired).
    static let otherCodePages = [
        CodePage(charset: "windows-1250", name: "Windows-1250"),
        CodePage(charset: "windows-1254", name: "Windows-1254"),
        CodePage(charset: "windows-1257", name: "Windows-1257"),
    ]
    static var allCodePages: [CodePage] { primaryCodePages + otherCodePages }

    /// One reading of a sequence in a code page: every level that decodes,
    /// and the one the sequence alone chooses.
    struct Reading {
        struct Level {
            let scalars: [Unicode.Scalar]
            let badness: Int
        }
        let codePage: CodePage
        let levelsRead: [Level]
        /// Index into `levelsRead` of the level the sequence alone chooses: a
        /// deeper level only when it reads clearly better.
        let natural: Int

        var scalars: [Unicode.Scalar] { levelsRead[natural].scalars }
        var badness: Int { levelsRead[natural].badness }
        var levels: Int { natural + 1 }
    }

    /// A maximal run of non-ASCII scalars, with the ASCII letters and digits
    /// on each side of it (its word context).
    struct Sequence {
        let range: Range<Int>
        let prefix: [Unicode.Scalar]
        let suffix: [Unicode.Scalar]
        let before: Int
        var readings: [String: Reading] = [:]

        func clearCodePages() -> [String] {
            readings.values.filter { $0.badness + MojibakeRepair.clearMargin <= before }.map(\.codePage.name)
        }
    }

    static func repair(_ original: String) throws(LegacyDecodingError) -> Repair {
        let scalars = Array(original.unicodeScalars)
        var sequences = findSequences(scalars)
        for index in sequences.indices {
            for codePage in primaryCodePages { read(&sequences[index], scalars, in: codePage) }
            let sequence = sequences[index]
            if sequence.before >= clearMargin && sequence.clearCodePages().isEmpty {
                for codePage in otherCodePages { read(&sequences[index], scalars, in: codePage) }
            }
        }

        var clear = sequences.filter { !$0.clearCodePages().isEmpty }
        var result = Repair(text: original, passes: 0, codePages: [], unrepairedRuns: 0, keptRuns: 0, notes: [])
        guard !clear.isEmpty else {
            // Nothing reads clearly better repaired. Text that looks like
            // mojibake and does not decode at all is an error (nothing can be
            // done); anything else comes out as it came in.
            if let broken = sequences.first(where: {
                $0.before >= clearMargin && $0.readings.isEmpty
                    && badness($0.prefix + scalars[$0.range] + $0.suffix, signaturesOnly: true) >= clearMargin
            }) {
                let offset = utf8Offset(scalars, broken.range.lowerBound)
                let word = String(String.UnicodeScalarView(scalars[broken.range])).prefix(24)
                throw LegacyDecodingError(
                    encoding: .mojibake, byteOffset: offset,
                    message: "mojibake: nothing to repair: \"\(word)\" at byte \(offset) does not "
                        + "re-encode as Windows-1252 or Latin-1 bytes that form UTF-8")
            }
            result.notes = keptNotes(sequences, scalars, codePage: nil, result: &result)
            if result.notes.isEmpty { result.notes = ["nothing looks like mojibake; the text is left as it is"] }
            return result
        }

        // One code page must explain every clear sequence. When one of them
        // needs a code page that is not primary, every sequence is read in
        // the others too, so that a text wholly in that code page is one.
        if clear.contains(where: { Set($0.clearCodePages()).isDisjoint(with: primaryCodePages.map(\.name)) }) {
            for index in sequences.indices {
                for codePage in otherCodePages where sequences[index].readings[codePage.name] == nil {
                    read(&sequences[index], scalars, in: codePage)
                }
            }
            clear = sequences.filter { !$0.clearCodePages().isEmpty }
        }
        var common = allCodePages.map(\.name)
        for sequence in clear {
            let pages = Set(sequence.clearCodePages())
            common.removeAll { !pages.contains($0) }
        }
        guard let chosenName = common.first, let chosen = allCodePages.first(where: { $0.name == chosenName }) else {
            throw mixedCodePages(clear, scalars)
        }

        // The text's depth (double encoding is 2) is the deepest any clear
        // sequence goes; every sequence is read at that depth when it can
        // be (a lone `Î¿` in double-encoded Greek is ο, not Î¿).
        let depth = clear.compactMap { $0.readings[chosen.name]?.levels }.max() ?? 1
        var output: [Unicode.Scalar] = []
        output.reserveCapacity(scalars.count)
        var position = 0
        var passes = 0
        for index in sequences.indices {
            if sequences[index].readings[chosen.name] == nil { read(&sequences[index], scalars, in: chosen) }
            let sequence = sequences[index]
            output += scalars[position..<sequence.range.lowerBound]
            position = sequence.range.upperBound
            let reading = sequence.readings[chosen.name]
            let atDepth = reading.flatMap { $0.levelsRead.count >= depth ? $0.levelsRead[depth - 1] : nil }
            if let atDepth, atDepth.badness < sequence.before {
                output += atDepth.scalars
                passes = max(passes, depth)
            } else if let reading, reading.badness < sequence.before {
                output += reading.scalars
                passes = max(passes, reading.levels)
            } else {
                output += scalars[sequence.range]
            }
        }
        output += scalars[position...]
        result.text = String(String.UnicodeScalarView(output))
        result.passes = passes
        result.codePages = Array(repeating: chosen.name, count: passes)
        result.notes = keptNotes(sequences, scalars, codePage: chosen, result: &result)
        return result
    }

    // MARK: Sequences and readings

    private static func findSequences(_ scalars: [Unicode.Scalar]) -> [Sequence] {
        var sequences: [Sequence] = []
        var index = 0
        while index < scalars.count {
            guard !scalars[index].isASCII else { index += 1; continue }
            let start = index
            while index < scalars.count && !scalars[index].isASCII { index += 1 }
            var left = start
            while left > 0 && isASCIIAlphanumeric(scalars[left - 1]) { left -= 1 }
            var right = index
            while right < scalars.count && isASCIIAlphanumeric(scalars[right]) { right += 1 }
            let prefix = Array(scalars[left..<start])
            let suffix = Array(scalars[index..<right])
            let before = badness(prefix + scalars[start..<index] + suffix)
            sequences.append(Sequence(range: start..<index, prefix: prefix, suffix: suffix, before: before))
        }
        return sequences
    }

    /// Reads a sequence in a code page as deep as it goes (double-encoded
    /// mojibake takes two levels) and keeps the least bad level; nothing when
    /// no level decodes.
    private static func read(_ sequence: inout Sequence, _ scalars: [Unicode.Scalar], in codePage: CodePage) {
        var current = String(String.UnicodeScalarView(scalars[sequence.range]))
        var levels: [Reading.Level] = []
        var natural = 0
        for _ in 1...maximumPasses {
            guard let bytes = try? CharsetConverter.encode(current, charset: codePage.charset),
                  let decoded = try? TextDecoding.strictUTF8(bytes), decoded != current else { break }
            current = decoded
            let repaired = Array(decoded.unicodeScalars)
            let reading = sequence.prefix + repaired + sequence.suffix
            let score = badness(reading) - (spellsVietnamese(reading) ? 1 : 0)
            // A deeper level must read clearly better than the one above it
            // (`IRMÃ…` is one level of mojibake, not two: IRMÅ).
            if let chosen = levels.indices.contains(natural) ? levels[natural] : nil,
               score + clearMargin <= chosen.badness {
                natural = levels.count
            }
            levels.append(Reading.Level(scalars: repaired, badness: score))
        }
        if !levels.isEmpty {
            sequence.readings[codePage.name] = Reading(codePage: codePage, levelsRead: levels, natural: natural)
        }
    }

    private static func mixedCodePages(_ clear: [Sequence], _ scalars: [Unicode.Scalar]) -> LegacyDecodingError {
        // Name two sequences that share no code page.
        let first = clear[0]
        let firstPages = Set(first.clearCodePages())
        let second = clear.first { Set($0.clearCodePages()).isDisjoint(with: firstPages) } ?? clear[clear.count - 1]
        func describe(_ sequence: Sequence) -> String {
            let word = String(String.UnicodeScalarView(
                sequence.prefix + scalars[sequence.range] + sequence.suffix))
            let pages = allCodePages.map(\.name).filter(sequence.clearCodePages().contains)
            return "\"\(word)\" reads as \(pages.joined(separator: " or "))"
        }
        let offset = utf8Offset(scalars, second.range.lowerBound)
        return LegacyDecodingError(
            encoding: .mojibake, byteOffset: offset,
            message: "mojibake: the text mixes code pages (\(describe(first)); \(describe(second)), at byte "
                + "\(offset)); it is repaired whole or not at all, so nothing was changed: repair each part on its own")
    }

    /// Notes for the sequences left as they were.
    private static func keptNotes(_ sequences: [Sequence], _ scalars: [Unicode.Scalar], codePage: CodePage?,
                                  result: inout Repair) -> [String] {
        var notes: [String] = []
        var kept: [String] = []
        var unrepaired: [String] = []
        for sequence in sequences {
            let reading = codePage.flatMap { sequence.readings[$0.name] }
                ?? allCodePages.compactMap { sequence.readings[$0.name] }.min { $0.badness < $1.badness }
            let word = String(String.UnicodeScalarView(sequence.prefix + scalars[sequence.range] + sequence.suffix))
            if let reading {
                // Repaired: only with a code page, and when it reads better.
                if codePage != nil && reading.badness < sequence.before { continue }
                let repaired = String(String.UnicodeScalarView(sequence.prefix + reading.scalars + sequence.suffix))
                kept.append("\"\(word)\" (\(reading.codePage.name) would give \"\(repaired)\")")
            } else if sequence.before >= clearMargin {
                // Only the first few are named: their offsets are worth computing.
                unrepaired.append(unrepaired.count < 3
                    ? "\"\(word)\" at byte \(utf8Offset(scalars, sequence.range.lowerBound))" : word)
            }
        }
        result.keptRuns = kept.count
        result.unrepairedRuns = unrepaired.count
        if !kept.isEmpty {
            notes.append("\(kept.count) \(kept.count == 1 ? "piece" : "pieces") left as \(kept.count == 1 ? "it was" : "they were") "
                + "because the repair is not clearly more plausible: " + summary(kept))
        }
        if !unrepaired.isEmpty {
            notes.append("\(unrepaired.count) \(unrepaired.count == 1 ? "piece looks" : "pieces look") like mojibake "
                + "but \(unrepaired.count == 1 ? "does" : "do") not decode (a byte lost on the way?) and "
                + "\(unrepaired.count == 1 ? "was" : "were") left as \(unrepaired.count == 1 ? "it was" : "they were"): "
                + summary(unrepaired))
        }
        return notes
    }

    private static func summary(_ items: [String]) -> String {
        let shown = items.prefix(3).joined(separator: ", ")
        return items.count > 3 ? shown + " and \(items.count - 3) more" : shown
    }

    private static func utf8Offset(_ scalars: [Unicode.Scalar], _ index: Int) -> Int {
        scalars[..<index].reduce(0) { $0 + UTF8.width($1) }
    }

    private static func isASCIIAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x30...0x39, 0x41...0x5A, 0x61...0x7A: true
        default: false
        }
    }

    // MARK: Badness

    /// Characters that stand for the bytes 80–BF (UTF-8 continuation bytes)
    /// in any of the code pages, C1 controls included.
    static let continuationCharacters: Set<Unicode.Scalar> = characters(for: 0x80...0xBF)
    /// The same in the primary code pages only. The other code pages put
    /// letters there (Windows-1257 has Æ at AF), so after a two-byte lead
    /// only their symbols count.
    static let primaryContinuationCharacters: Set<Unicode.Scalar> = characters(for: 0x80...0xBF, in: primaryCodePages)
    /// Characters for the lead bytes of two-byte UTF-8 sequences (C2–DF), in
    /// the primary code pages (the others put there letters that good text
    /// has before symbols: Š and Ž in Windows-1257).
    static let twoByteLeads: Set<Unicode.Scalar> = characters(for: 0xC2...0xDF, in: primaryCodePages)
    /// Characters for the lead bytes of three-byte UTF-8 sequences (E0–EF),
    /// likewise.
    static let threeByteLeads: Set<Unicode.Scalar> = characters(for: 0xE0...0xEF, in: primaryCodePages)

    private static func characters(for bytes: ClosedRange<UInt8>, in codePages: [CodePage] = allCodePages) -> Set<Unicode.Scalar> {
        var set: Set<Unicode.Scalar> = []
        for byte in bytes {
            if let latin1 = Unicode.Scalar(UInt32(byte)) { set.insert(latin1) }
            for codePage in codePages {
                if let text = try? CharsetConverter.decode([byte], charset: codePage.charset) {
                    set.formUnion(text.unicodeScalars)
                }
            }
        }
        return set
    }

    /// Punctuation that ends words in good text (`NESTLÉ®`, `VOCÊ…`, `10 Å—`):
    /// after an accented capital at the end of a word it is weak evidence.
    static let trailingPunctuation: Set<Unicode.Scalar> = Set("…”’»®™©°²³¹‰•›—–\u{00A0}".unicodeScalars)
    /// Punctuation that good text has inside words (`it’s`, `Hà‐Nội`, `well—known`).
    static let interiorPunctuation: Set<Unicode.Scalar> = Set("’‘–—·‐‑".unicodeScalars)
    /// Letters only Vietnamese writes (among the languages nomen reads).
    static func isVietnameseOnly(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x1EA0...0x1EF9, 0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0:
            true
        default: false
        }
    }

    /// How implausible a short piece of text is as written text: C1 controls,
    /// unassigned and private-use characters; UTF-8 lead characters followed
    /// by continuation characters (`Ã©`, `á»‡`: stronger for the leads that
    /// good text rarely has there); symbols inside words; capitals right
    /// after a lower-case letter; letters from rare blocks (IPA, most of
    /// Latin Extended-B); letters of two scripts side by side in one word;
    /// and Vietnamese-only letters in a word that is not a Vietnamese
    /// syllable. 0 for ordinary text.
    ///
    /// With `signaturesOnly`, only the C1 controls and the lead–continuation
    /// pairs count: the signatures of mojibake, as against text that is odd
    /// for other reasons (a chart of symbols).
    static func badness(_ scalars: [Unicode.Scalar], signaturesOnly: Bool = false) -> Int {
        var score = 0
        let count = scalars.count
        func isWordEnd(_ index: Int) -> Bool {
            index >= count || scalars[index].properties.isWhitespace
                || (scalars[index].isASCII && !isASCIIAlphanumeric(scalars[index]))
        }
        for index in 0..<count {
            let scalar = scalars[index]
            let value = scalar.value
            let properties = scalar.properties
            if (0x80...0x9F).contains(value) { score += 3; continue }
            switch properties.generalCategory {
            case .unassigned, .privateUse, .surrogate: score += 3; continue
            default: break
            }
            if value == 0xFFFD { score += 3; continue }
            // UTF-8 read in a single-byte code page.
            if twoByteLeads.contains(scalar), index + 1 < count,
               primaryContinuationCharacters.contains(scalars[index + 1])
                || (continuationCharacters.contains(scalars[index + 1]) && !scalars[index + 1].properties.isAlphabetic) {
                let next = scalars[index + 1]
                let atEnd = isWordEnd(index + 2)
                if scalar == "Â" {
                    score += 2  // Â before a symbol is the mojibake of NBSP, ®, ©, °…
                } else if scalar == "Ã" {
                    // Portuguese ends words in Ã (IRMÃ…); anything else after it is mojibake.
                    score += trailingPunctuation.contains(next) && next != "\u{00A0}" && atEnd ? 1 : 2
                } else if (scalar == "Ä" || scalar == "Å" || scalar == "Æ") && !atEnd {
                    score += 2
                } else {
                    score += 1
                }
            }
            if threeByteLeads.contains(scalar), index + 1 < count, continuationCharacters.contains(scalars[index + 1]) {
                let second = index + 2 < count && continuationCharacters.contains(scalars[index + 2])
                let strongLead = scalar == "á" || scalar == "â"
                if strongLead && ("»º€".unicodeScalars.contains(scalars[index + 1]) || second) {
                    score += second ? 3 : 2
                } else if second {
                    score += 1
                }
            }
            if signaturesOnly { continue }
            if properties.isAlphabetic {
                if (0x250...0x2AF).contains(value)
                    || ((0x180...0x24F).contains(value) && ![0x1A0, 0x1A1, 0x1AF, 0x1B0].contains(value)
                        && !(0x1CD...0x1DC).contains(value)) {
                    score += 2
                }
                if index > 0 {
                    let previous = scalars[index - 1]
                    if properties.isUppercase && !scalar.isASCII && previous.properties.isLowercase {
                        score += 1
                    }
                    if previous.properties.isAlphabetic, let a = scriptClass(previous), let b = scriptClass(scalar), a != b {
                        score += 2
                    }
                }
            } else if continuationCharacters.contains(scalar) && !properties.isWhitespace
                        && !interiorPunctuation.contains(scalar) {
                switch properties.generalCategory {
                case .nonspacingMark, .spacingMark, .enclosingMark, .decimalNumber: break
                default:
                    // A symbol of the code pages' upper half with a letter
                    // before it and a letter or digit after it, in one word.
                    let letterBefore = scalars[..<index].reversed().prefix { !$0.properties.isWhitespace }
                        .contains { $0.properties.isAlphabetic }
                    let letterAfter = scalars[(index + 1)...].prefix { !$0.properties.isWhitespace }
                        .contains { $0.properties.isAlphabetic || isASCIIAlphanumeric($0) }
                    if letterBefore && letterAfter { score += 2 }
                }
            }
        }
        if signaturesOnly { return score }
        // Vietnamese-only letters in a word that is not a syllable.
        var word: [Unicode.Scalar] = []
        func closeWord() {
            if word.contains(where: isVietnameseOnly),
               !VietnameseSyllable.isValid(String(String.UnicodeScalarView(word))) {
                score += 3
            }
            word.removeAll()
        }
        for scalar in scalars {
            let properties = scalar.properties
            if properties.isAlphabetic || properties.generalCategory == .nonspacingMark {
                word.append(scalar)
            } else {
                closeWord()
            }
        }
        closeWord()
        return score
    }

    /// Whether a repaired reading spells a Vietnamese syllable with a letter
    /// only Vietnamese writes (`Lư`, `Cơ`): evidence for the repair that
    /// the badness of the text as it was cannot give when the mojibake is
    /// one short pair at a word's end (`LÆ°`), which other languages could
    /// almost write.
    static func spellsVietnamese(_ scalars: [Unicode.Scalar]) -> Bool {
        var word: [Unicode.Scalar] = []
        for scalar in scalars + [" "] {
            if scalar.properties.isAlphabetic || scalar.properties.generalCategory == .nonspacingMark {
                word.append(scalar)
                continue
            }
            if word.contains(where: isVietnameseOnly),
               VietnameseSyllable.isValid(String(String.UnicodeScalarView(word))) {
                return true
            }
            word.removeAll()
        }
        return false
    }

    /// A coarse script class for telling two scripts side by side in a word:
    /// Latin (with IPA), Greek, Cyrillic, Han with kana, Hangul; other
    /// letters by their 256-code-point block.
    private static func scriptClass(_ scalar: Unicode.Scalar) -> UInt32? {
        let value = scalar.value
        switch value {
        case 0x41...0x5A, 0x61...0x7A, 0xAA, 0xB5, 0xBA, 0xC0...0x2FF, 0x1E00...0x1EFF: return 1
        case 0x370...0x3FF: return 2
        case 0x400...0x52F: return 3
        case 0x2E80...0x2FFF, 0x3040...0x30FF, 0x3400...0x9FFF, 0xF900...0xFAFF, 0x20000...0x3FFFF: return 4
        case 0x1100...0x11FF, 0x3130...0x318F, 0xAC00...0xD7AF: return 5
        default: return 0x100 + (value >> 8)
        }
    }
}
