/// Detects which legacy encoding, if any, a byte string is in.
///
/// Method (as `tools/encodings/detect_eval.py`, the reference detector whose
/// evidence is in Data/encodings/README.md): decode the input under every
/// reading that can take it, score each result as Vietnamese, and pick the
/// best reading that passes.
///
/// * Readings tried. Well-formed UTF-8: as it is (`utf8`), as VIQR when it has
///   no non-ASCII letters, and as mojibake when a repair changes it. Anything
///   else: VNI, TCVN3 and Windows-1258. The byte decoders are never run on
///   well-formed UTF-8: Chinese in UTF-8 or GB18030 superficially resembles
///   TCVN3/VNI bytes.
/// * Score of a reading (NFC): `markedWords`, the words (runs of letters)
///   with a Vietnamese letter that carries a mark (ă â đ ê ô ơ ư or a tone);
///   `validShare`, the share of those that `VietnameseSyllable.parse` accepts
///   and that are lowercase after their first letter or all capitals; and
///   `junk`, the non-ASCII characters that are neither Vietnamese letters,
///   letters of scripts without case (CJK), nor common punctuation.
/// * A reading passes with at least `minimumMarkedWords` marked words (1 for
///   mojibake that repairs as a whole text), a valid share of at least
///   `minimumValidShare` and junk at most `maximumJunkShare` of its
///   Vietnamese letters. A VIQR reading must also show a valid word with
///   ă â ê ô ơ ư or đ, or have `fewWords` marked words: its tone characters
///   are also English punctuation. When the input read as it is passes, it is
///   `utf8` (already Unicode Vietnamese) whatever else passes. Otherwise the
///   best legacy reading wins: passing first, then valid share, then
///   Vietnamese letters net of junk.
/// * Confidence. The winner is not confident when it only nearly passes (too
///   few marked words, valid share at least `nearValidShare`), when another
///   reading also passes within `minimumMargin` of its valid share, or when it
///   has fewer than `fewWords` marked words and another reading reaches
///   `closeShortShare`. Text that is well-formed UTF-8 and fits no legacy
///   encoding is `utf8`, confident. Bytes that are not UTF-8 and fit no legacy
///   encoding come back as `utf8`, not confident: nomen has nothing to decode
///   them as.
enum LegacyDetector {
    static let minimumMarkedWords = 3
    static let minimumValidShare = 0.9
    static let maximumJunkShare = 0.02
    static let minimumMargin = 0.1
    static let fewWords = 8
    static let closeShortShare = 0.6
    static let nearValidShare = 0.75

    struct Reading {
        let encoding: LegacyEncoding
        let text: String
        let score: Score
        /// For mojibake: how the repair went, for the evidence.
        var note: String = ""
        /// Marked words needed to pass: 1 for mojibake repaired as a whole
        /// (a whole text that round-trips through cp1252 into UTF-8 is strong
        /// evidence by itself), otherwise `minimumMarkedWords`.
        var minimumMarked = LegacyDetector.minimumMarkedWords

        private var junkIsRare: Bool {
            Double(score.junk) <= LegacyDetector.maximumJunkShare * Double(Swift.max(1, score.vietnameseLetters))
        }

        /// VIQR's tone characters (`' . ?`) after a vowel are also English
        /// punctuation ("Go. Me." reads "Gọ. Mẹ."), so a VIQR reading needs a
        /// valid word with ă â ê ô ơ ư or đ, or `fewWords` marked words.
        private var distinctive: Bool {
            encoding != .viqr || score.qualityWords > 0 || score.marked >= LegacyDetector.fewWords
        }

        var passes: Bool {
            score.marked >= minimumMarked && score.validShare >= LegacyDetector.minimumValidShare
                && junkIsRare && distinctive
        }

        /// Reads as Vietnamese, but on too little text to be sure.
        var nearlyPasses: Bool {
            score.marked >= 1 && score.validShare >= LegacyDetector.nearValidShare && junkIsRare && distinctive
        }

        /// Orders readings: passing first, then valid share, then letters
        /// net of junk, then marked words.
        func ranks(above other: Reading) -> Bool {
            if passes != other.passes { return passes }
            let (a, b) = (score, other.score)
            if a.validShare != b.validShare { return a.validShare > b.validShare }
            let net = a.vietnameseLetters - 5 * a.junk, otherNet = b.vietnameseLetters - 5 * b.junk
            if net != otherNet { return net > otherNet }
            return a.marked > b.marked
        }
    }

    struct Score: Equatable {
        var words = 0
        var marked = 0
        var valid = 0
        /// Valid marked words with a letter that carries a quality mark or đ.
        var qualityWords = 0
        var vietnameseLetters = 0
        var junk = 0

        var validShare: Double { marked == 0 ? 0 : Double(valid) / Double(marked) }
    }

    private static func ordered(_ readings: [Reading]) -> [Reading] {
        readings.sorted { a, b in
            if a.ranks(above: b) { return true }
            if b.ranks(above: a) { return false }
            return a.encoding.order < b.encoding.order
        }
    }

    static func detect(_ bytes: [UInt8]) -> (detection: LegacyDetection, texts: [LegacyEncoding: String]) {
        let (readings, invalidUTF8) = readings(of: bytes)
        var texts: [LegacyEncoding: String] = [:]
        for reading in readings { texts[reading.encoding] = reading.text }

        let plain = readings.first { $0.encoding == .utf8 }
        // A legacy reading that changes nothing is no evidence of anything.
        let ranked = ordered(readings.filter { $0.encoding != .utf8 && $0.text != plain?.text })

        func result(_ winner: LegacyEncoding, confident: Bool, evidence: String) -> (LegacyDetection, [LegacyEncoding: String]) {
            // Best first: the winner, then every other reading by its score.
            let all = readings.filter { $0.encoding == winner } + ordered(readings.filter { $0.encoding != winner })
            let candidates = all.map {
                LegacyDetection.Candidate(encoding: $0.encoding, markedWords: $0.score.marked,
                                          validShare: $0.score.validShare, junk: $0.score.junk)
            }
            return (LegacyDetection(encoding: winner, confident: confident, evidence: evidence,
                                    candidates: candidates), texts)
        }
        func nextBest(after winner: LegacyEncoding) -> String {
            guard let next = ordered(readings.filter { $0.encoding != winner }).first else { return "" }
            return "; next best \(next.encoding.displayName) \(percent(next.score.validShare))"
        }

        if bytes.isEmpty {
            return result(.utf8, confident: true, evidence: "UTF-8: empty input, nothing to decode")
        }

        // Already Unicode Vietnamese.
        if let plain, plain.passes {
            return result(.utf8, confident: true,
                          evidence: "UTF-8: already Unicode Vietnamese, " + describe(plain.score)
                              + nextBest(after: .utf8))
        }

        if let best = ranked.first, best.passes || best.nearlyPasses {
            let others = ranked.dropFirst()
            var doubts: [String] = []
            if !best.passes {
                doubts.append("only \(best.score.marked) marked word\(best.score.marked == 1 ? "" : "s")")
            }
            if let close = others.first(where: \.passes),
               best.score.validShare - close.score.validShare < minimumMargin {
                doubts.append("\(close.encoding.displayName) reads nearly as well")
            } else if best.score.marked < fewWords,
                      let close = others.first(where: { $0.score.marked > 0 && $0.score.validShare >= closeShortShare }) {
                doubts.append("only \(best.score.marked) marked words and \(close.encoding.displayName) reads "
                              + "\(percent(close.score.validShare)) valid")
            }
            var evidence = best.encoding.displayName + best.note + ": " + describe(best.score)
                + nextBest(after: best.encoding)
            if !doubts.isEmpty { evidence += "; not sure: " + doubts.joined(separator: "; ") }
            return result(best.encoding, confident: doubts.isEmpty, evidence: evidence)
        }

        if let invalidUTF8 {
            var evidence = "not UTF-8 (invalid at byte \(invalidUTF8)) and no legacy Vietnamese encoding fits"
            if let best = ranked.first {
                evidence += ": best \(best.encoding.displayName), " + describe(best.score)
            }
            return result(.utf8, confident: false, evidence: evidence)
        }

        // Well-formed UTF-8 without (enough) Vietnamese, and no legacy reading fits.
        var evidence = "UTF-8: no legacy Vietnamese encoding fits"
        if let plain, plain.score.marked > 0 { evidence += " (as UTF-8: " + describe(plain.score) + ")" }
        if let best = ranked.first {
            evidence += "; best \(best.encoding.displayName)\(best.note): " + describe(best.score)
        }
        return result(.utf8, confident: true, evidence: evidence)
    }

    /// What to tell a user when detection is not confident.
    static func suggestion(for detection: LegacyDetection) -> String {
        let names = LegacyEncoding.allCases.filter { $0 != .utf8 }.map(\.cliName).joined(separator: "|")
        if detection.encoding != .utf8 {
            return "to decode as \(detection.encoding.displayName) anyway, use --decode \(detection.encoding.cliName) "
                + "(or --decode \(names))"
        }
        return "if the text is in a legacy encoding, name it with --decode \(names)"
    }

    // MARK: Readings

    static func readings(of bytes: [UInt8]) -> ([Reading], invalidUTF8: Int?) {
        var readings: [Reading] = []
        let original: String
        do {
            original = try TextDecoding.strictUTF8(bytes)
        } catch {
            for encoding in [LegacyEncoding.vni, .tcvn3, .cp1258] {
                if let text = try? LegacyText.decode(bytes, from: encoding) {
                    readings.append(Reading(encoding: encoding, text: text, score: score(text)))
                }
            }
            return (readings, error.byteOffset)
        }
        guard let plain = try? LegacyText.nfc(original, encoding: .utf8) else { return ([], nil) }
        readings.append(Reading(encoding: .utf8, text: plain, score: score(plain)))
        let hasNonASCIILetter = original.unicodeScalars.contains { $0.value > 0x7F && $0.properties.isAlphabetic }
        if !hasNonASCIILetter, let text = try? LegacyText.nfc(VIQRDecoder.decode(original), encoding: .viqr) {
            readings.append(Reading(encoding: .viqr, text: text, score: score(text)))
        }
        if !original.utf8.allSatisfy({ $0 < 0x80 }),
           let repair = try? MojibakeRepair.repair(original), repair.passes > 0,
           let text = try? LegacyText.nfc(repair.text, encoding: .mojibake) {
            var note = " (" + repair.codePages.joined(separator: ", then ")
            if repair.passes > 1 { note += ", \(repair.passes) passes" }
            if repair.unrepairedRuns > 0 { note += ", \(repair.unrepairedRuns) pieces left as they were" }
            note += ")"
            readings.append(Reading(encoding: .mojibake, text: text, score: score(text), note: note,
                                    minimumMarked: repair.unrepairedRuns == 0 ? 1 : minimumMarkedWords))
        }
        return (readings, nil)
    }

    // MARK: Scoring

    /// Punctuation outside ASCII that Vietnamese text commonly has
    /// (reference detector's PUNCT_OK): NBSP – — ‘ ’ “ ” … « » ° ₫.
    private static let commonPunctuation: Set<Unicode.Scalar> = Set(
        "\u{00A0}\u{2013}\u{2014}\u{2018}\u{2019}\u{201C}\u{201D}\u{2026}\u{00AB}\u{00BB}\u{00B0}\u{20AB}"
            .unicodeScalars)

    /// The 134 precomposed Vietnamese letters with a mark (NFC), đ/Đ included.
    static let vietnameseLetters: Set<Unicode.Scalar> = {
        var letters: Set<Unicode.Scalar> = ["đ", "Đ"]
        for (letter, (base, tone)) in VietnameseLetters.decomposition {
            let lower = Character(base.lowercased())
            guard tone != .level || VietnameseLetters.marked.contains(lower) else { continue }
            let scalars = letter.unicodeScalars  // the rows are written precomposed
            if scalars.count == 1, let scalar = scalars.first { letters.insert(scalar) }
        }
        return letters
    }()

    /// The marked letters of `vietnameseLetters` that carry a quality mark
    /// (breve, circumflex, horn) or are đ/Đ.
    static let qualityLetters: Set<Unicode.Scalar> = {
        var letters: Set<Unicode.Scalar> = ["đ", "Đ"]
        for (letter, (base, _)) in VietnameseLetters.decomposition
        where VietnameseLetters.marked.contains(Character(base.lowercased())) {
            if letter.unicodeScalars.count == 1, let scalar = letter.unicodeScalars.first { letters.insert(scalar) }
        }
        return letters
    }()

    static func score(_ text: String) -> Score {
        var score = Score()
        var word: [Character] = []
        func endWord() {
            guard !word.isEmpty else { return }
            score.words += 1
            if word.contains(where: { $0.unicodeScalars.contains { vietnameseLetters.contains($0) } }) {
                score.marked += 1
                if isWellFormed(word) {
                    score.valid += 1
                    if word.contains(where: { $0.unicodeScalars.contains { qualityLetters.contains($0) } }) {
                        score.qualityWords += 1
                    }
                }
            }
            word.removeAll(keepingCapacity: true)
        }
        for character in text {
            if character.isLetter { word.append(character) } else { endWord() }
            for scalar in character.unicodeScalars where scalar.value > 0x7F {
                if vietnameseLetters.contains(scalar) {
                    score.vietnameseLetters += 1
                } else if !commonPunctuation.contains(scalar)
                            && scalar.properties.generalCategory != .otherLetter {
                    score.junk += 1
                }
            }
        }
        endWord()
        return score
    }

    private static func isWellFormed(_ word: [Character]) -> Bool {
        let rest = word.dropFirst()
        let caseOK = rest.allSatisfy { !$0.isUppercase } || word.allSatisfy { !$0.isLowercase }
        return caseOK && VietnameseSyllable.parse(String(word)) != nil
    }

    // MARK: Evidence text

    static func describe(_ score: Score) -> String {
        "\(score.marked) marked words, \(percent(score.validShare)) valid Vietnamese syllables, \(score.junk) junk"
    }

    static func percent(_ share: Double) -> String {
        "\(Int((share * 100).rounded()))%"
    }
}

extension LegacyEncoding {
    /// The value `nomen normalize --decode` takes.
    var cliName: String { rawValue }

    /// Tie-break order: the table order of `allCases`.
    var order: Int { LegacyEncoding.allCases.firstIndex(of: self) ?? 0 }
}
