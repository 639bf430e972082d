import NomenMatching
import NomenModel
@_spi(Performance) import NomenNormalization

/// The rules, run over one document; findings collect here. The name rules,
/// which work on the annotator's mentions, are in NameRules.swift.
struct RuleRun {
    let source: SourceText
    let maskedText: String
    let masked: [UInt8]
    let paragraphs: Paragraphs
    let configuration: CheckConfiguration
    var findings: [Finding] = []
    /// The words of the masked text the word rules look at, found once.
    let words: Words
    /// What the rules worked out per word and spelling, from this document
    /// and the ones the same `Checker` checked before.
    var memos: RuleMemos

    /// A caseless key with its tone marks in one convention: two spellings
    /// equal by it differ only in case and tone-mark placement.
    mutating func spelling(_ caseless: String) -> String {
        let key = WordKey(caseless)
        if let known = memos.spellings[key] { return known }
        let spelled = caseless.unicodeScalars.allSatisfy({ $0.value < 0x80 }) ? caseless : ToneConvention.old.apply(to: caseless)
        memos.spellings[key] = spelled
        return spelled
    }

    /// `maskedIsSource`: no markup was masked, so the scan for words can
    /// also find the lines the NFC rule reads (which reads the source).
    init(source: SourceText, maskedText: String, masked: [UInt8], maskedIsSource: Bool = false, paragraphs: Paragraphs,
         configuration: CheckConfiguration, memos: RuleMemos = RuleMemos()) {
        self.memos = memos
        self.source = source
        self.maskedText = maskedText
        self.masked = masked
        self.paragraphs = paragraphs
        self.configuration = configuration
        self.words = Words(masked, findingUncertainNFCLines: maskedIsSource)
    }

    /// Ranges already reported by a rule that owns them (confusable,
    /// diacritics), so other rules do not report the same letters again.
    private var claimed = RangeSet()

    mutating func isClaimed(_ range: Range<Int>) -> Bool {
        claimed.overlaps(range)
    }

    mutating func report(_ rule: CheckRule, range: Range<Int>, message: String, suggestion: String? = nil,
                                 entity: String? = nil, fix: String? = nil, claim: Bool = false,
                                 severity: Severity? = nil, exactSeverity: Severity? = nil) {
        guard let configured = configuration.severity(of: rule) else { return }
        let level = exactSeverity ?? severity.map { max($0, configured) } ?? configured
        // A range that ends on a decoded character reference ends after the whole reference.
        let range = range.lowerBound..<MarkupMask.endOfPadding(masked, from: range.upperBound)
        findings.append(source.finding(rule: rule, severity: level, range: range, message: message,
                                       suggestion: suggestion, entity: entity,
                                       fix: rule.hasSafeFix ? fix : nil))
        if claim { claimed.insert(range) }
    }

    /// Sorted by position, without findings the configuration ignores or
    /// the text's markers silence.
    /// Takes the findings out of the run and works on them in place: copying
    /// 190,000 findings retained and released every string of each.
    mutating func finish() -> [Finding] {
        var result: [Finding] = []
        swap(&result, &findings)
        let suppressions = Suppressions(source)
        if !suppressions.isEmpty { result.removeAll { suppressions.silences($0) } }
        let ignored = Set(configuration.ignore.compactMap { try? MatchKey.key($0, tier: .folded) })
        if !ignored.isEmpty { result.removeAll { ignored.contains((try? MatchKey.key($0.text, tier: .folded)) ?? "") } }
        result.sort { ($0.utf8Range.lowerBound, $0.rule) < ($1.utf8Range.lowerBound, $1.rule) }
        return result
    }

    // MARK: encoding

    /// Returns false when the whole text is in a legacy encoding: then the
    /// other rules have nothing sound to read.
    mutating func checkEncoding() -> Bool {
        // The verdict on the whole file comes from its start: a file is in one
        // encoding, and detection decodes every candidate, so 64 KiB is enough.
        // Cut on a character boundary, so a sound UTF-8 file stays sound.
        var cut = min(source.bytes.count, 65_536)
        while cut < source.bytes.count && cut > 0 && source.bytes[cut] & 0xC0 == 0x80 { cut -= 1 }
        // A text with a letter beyond ASCII is settled without decoding it
        // every way (most of the time of checking a short article).
        let mayBeLegacy = source.bytes.withUnsafeBufferPointer { bytes in
            LegacyText.mayReadAsLegacyEncoding(wellFormedUTF8: UnsafeBufferPointer(rebasing: bytes[..<cut]))
        }
        let detection = mayBeLegacy ? LegacyText.detect(Array(source.bytes[..<cut])) : nil
        if let detection, detection.encoding != .utf8 && detection.encoding != .mojibake && detection.confident {
            let firstLine = source.lineRanges.first ?? 0..<0
            report(.encoding, range: firstLine,
                   message: "the text looks like \(detection.encoding.displayName): \(detection.evidence)",
                   suggestion: "nomen normalize --decode \(detection.encoding.rawValue)")
            return false
        }
        // Mojibake: words with the Latin-1 letters that UTF-8 lead bytes
        // become (Ã, Ä, Æ, á»…), each reported with its repair.
        for (range, word) in Self.mojibakeWords(in: maskedText, bytes: masked) {
            let bytes = Array(word.utf8)
            guard let repaired = try? LegacyText.decode(bytes, from: .mojibake), repaired != String(word) else { continue }
            report(.encoding, range: range, message: "\(word) looks like UTF-8 read as Windows-1252 (mojibake)",
                   suggestion: repaired, claim: true)
        }
        return true
    }

    /// Runs of non-space characters that hold a mojibake pair; punctuation
    /// is part of them because mojibake turns letters into punctuation (»).
    static func mojibakeWords(in text: String, bytes: [UInt8]) -> [(Range<Int>, Substring)] {
        var words: [(Range<Int>, Substring)] = []
        // UTF-8 read as Windows-1252 puts a Latin-1 letter (Ã, Â: C3 xx or
        // C2 xx in UTF-8) right before another Latin-1 or Windows-1252
        // character (lead byte C2, C3, C5, C6, CB or E2). Without that
        // pair of bytes anywhere, there is no mojibake to look for.
        var hasPair = false
        var index = 0
        while index + 2 < bytes.count {
            let lead = bytes[index]
            if (lead == 0xC2 || lead == 0xC3), [0xC2, 0xC3, 0xC5, 0xC6, 0xCB, 0xE2].contains(bytes[index + 2]) {
                hasPair = true
                break
            }
            index += 1
        }
        guard hasPair else { return [] }
        var offset = 0
        for piece in text.split(separator: " ", omittingEmptySubsequences: false) {
            let width = piece.utf8.count
            if looksLikeMojibake(piece) {
                let word = piece.drop { !$0.isLetter }
                var end = word.endIndex
                while end > word.startIndex, let last = word[..<end].last, !last.isLetter, !"»º¼½¾¹²³".contains(last) {
                    end = word.index(before: end)
                }
                let core = word[word.startIndex..<end]
                let start = offset + piece.utf8.distance(from: piece.startIndex, to: core.startIndex)
                words.append((start..<(start + core.utf8.count), core))
            }
            offset += width + 1
        }
        return words
    }

    static func looksLikeMojibake(_ word: Substring) -> Bool {
        var previousWasLead = false
        for scalar in word.unicodeScalars {
            let value = scalar.value
            if previousWasLead && (0x80...0xBF).contains(value) || previousWasLead && "€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ".unicodeScalars.contains(scalar) {
                return true
            }
            previousWasLead = (0xC2...0xEF).contains(value)
        }
        return false
    }

    // MARK: not-nfc

    mutating func checkNFC() {
        // Most lines are settled on their bytes (by the scan for words when
        // it read the source), without making a String.
        let uncertain: [Range<Int>]
        if let starts = words.uncertainNFCLines {
            uncertain = starts.map { source.lineRange(containingUTF8: $0) }
        } else {
            uncertain = source.bytes.withUnsafeBufferPointer { bytes in
                source.lineRanges.filter { !UnicodeNormalizer.isCertainlyNFC(utf8: UnsafeBufferPointer(rebasing: bytes[$0])) }
            }
        }
        for range in uncertain {
            let line = source.slice(range)
            if let run = Self.longestRunOfMarks(in: line), run.count > Self.streamSafeMarks {
                // ICU checks and reorders such a run in quadratic time, and
                // no text needs one: reported, not normalized.
                let span = (range.lowerBound + run.utf8.lowerBound)..<(range.lowerBound + run.utf8.upperBound)
                report(.notNFC, range: span,
                       message: "a run of \(run.count) combining marks, more than the \(Self.streamSafeMarks) of Unicode's stream-safe text format; not normalized")
                continue
            }
            guard let normalized = try? UnicodeNormalizer.isNormalized(line, .nfc), !normalized else { continue }
            // The span from the first character not in NFC to the last, each
            // looked for from its end of the line: a decomposed line has them
            // near both ends, and asking ICU about every character was slow.
            func isNFC(_ character: Character) -> Bool {
                (try? UnicodeNormalizer.isNormalized(String(character), .nfc)) != false
            }
            var first: Int? = nil, last = range.lowerBound
            var offset = range.lowerBound
            for character in line {
                if !isNFC(character) { first = offset; break }
                offset += character.utf8.count
            }
            if first != nil {
                var end = range.upperBound
                for character in line.reversed() {
                    if !isNFC(character) { last = end; break }
                    end -= character.utf8.count
                }
            }
            let span = (first ?? range.lowerBound)..<max(last, first ?? range.upperBound)
            let text = source.slice(span)
            let fixed = (try? UnicodeNormalizer.normalize(text, to: .nfc)) ?? text
            report(.notNFC, range: span, message: "text is not in NFC (decomposed or unordered marks)",
                   suggestion: fixed, fix: fixed)
        }
    }

    /// UAX #15's Stream-Safe Text Format: no more than 30 non-starters
    /// (combining marks) in a row; real text of any language keeps to it.
    static let streamSafeMarks = 30

    /// The longest run of non-starters in `line`: its length in code points
    /// and its UTF-8 range within the line.
    static func longestRunOfMarks(in line: String) -> (count: Int, utf8: Range<Int>)? {
        var best: (count: Int, utf8: Range<Int>)? = nil
        var runStart = 0, runCount = 0, offset = 0
        for scalar in line.unicodeScalars {
            let width = UTF8.width(scalar)
            if scalar.value >= 0x300 && scalar.properties.canonicalCombiningClass != .notReordered {
                if runCount == 0 { runStart = offset }
                runCount += 1
                if runCount > (best?.count ?? 0) { best = (runCount, runStart..<(offset + width)) }
            } else {
                runCount = 0
            }
            offset += width
        }
        return best
    }

    // MARK: confusable

    /// The word at `range` of the masked text.
    private func word(_ range: Range<Int>) -> Substring {
        let utf8 = maskedText.utf8
        let start = utf8.index(utf8.startIndex, offsetBy: range.lowerBound)
        return maskedText[start..<utf8.index(start, offsetBy: range.count)]
    }

    mutating func checkConfusables() throws {
        for range in words.suspect {
            let word = word(range)
            let key = WordKey(masked[range])
            let found: [Confusables.Finding]
            if let known = memos.confusables[key] {
                found = known
            } else {
                found = try Confusables.find(inWord: word)
                memos.confusables[key] = found
            }
            guard !found.isEmpty else { continue }
            var scalars = Array(word.unicodeScalars)
            for finding in found.reversed() {
                scalars.replaceSubrange(finding.scalarOffset...finding.scalarOffset, with: finding.intended.unicodeScalars)
            }
            let suggestion = String(String.UnicodeScalarView(scalars))
            report(.confusable, range: range, message: found.map(\.reason).joined(separator: "; "),
                   suggestion: suggestion, fix: suggestion, claim: true)
        }
    }

    // MARK: tone-placement

    /// The marked words and their tone placements, read before the
    /// annotator is done (`classifyTonePlacements`); reported after, when
    /// the name rules have claimed their ranges.
    private var marked: [(range: Range<Int>, placement: ToneConvention.Placement)] = []
    private var oldCount = 0, newCount = 0

    mutating func classifyTonePlacements() {
        // The other words (ASCII, Han) are neutral without a look-up.
        for range in words.marked {
            let key = WordKey(masked[range])
            let placement: ToneConvention.Placement
            if let known = memos.placements[key] {
                placement = known
            } else {
                placement = ToneConvention.classify(word(range))
                memos.placements[key] = placement
            }
            switch placement {
            case .neutral: continue
            case .old: oldCount += 1
            case .new: newCount += 1
            case .misplaced: break
            }
            marked.append((range, placement))
        }
    }

    /// Call after `classifyTonePlacements` and the name rules.
    mutating func checkTonePlacement() {
        // The house convention, else the text's majority (old on a tie, as
        // most Vietnamese newspapers write).
        let expected: ToneConvention? = configuration.tone
            ?? (oldCount > 0 && newCount > 0 ? (newCount > oldCount ? .new : .old) : nil)
        var corrections: [WordKey: String] = [:]
        for (range, placement) in marked where !isClaimed(range) {
            let word = word(range)
            switch placement {
            case .misplaced(let suggestion):
                let corrected = expected.map { $0.apply(to: suggestion) } ?? suggestion
                report(.tonePlacement, range: range,
                       message: "the tone mark of \(word) sits on a vowel where neither convention puts it",
                       suggestion: corrected, fix: corrected)
            case .old where expected == .new, .new where expected == .old:
                guard let expected else { continue }
                // A text repeats its words: each is re-marked once.
                let key = WordKey(masked[range])
                let corrected = corrections[key] ?? expected.apply(to: String(word))
                corrections[key] = corrected
                let why = configuration.tone != nil
                    ? "the house style places tone marks \(expected.rawValue)-style (\(expected.vietnameseName))"
                    : "this text mixes both tone-mark conventions; most of it is \(expected.rawValue)-style (\(expected.vietnameseName))"
                report(.tonePlacement, range: range, message: "\(word): \(why)", suggestion: corrected, fix: corrected)
            default:
                continue
            }
        }
    }

    // MARK: near-miss

    /// near-miss, and wrong-diacritics for names the annotator left alone
    /// (it drops a folded match whose marks disagree with a name made of
    /// common words, such as Hải Phỏng for Hải Phòng).
    /// `candidates` are `NearMissIndex.candidates(in: masked)`, found while
    /// the annotator ran.
    mutating func checkNearMisses(_ candidates: [NearMissIndex.Candidate], mentions: [Mention],
                                  entities: [String: Entity]) throws {
        var mentioned = RangeSet()
        var shortMentions: [(range: Range<Int>, entity: String?)] = []
        for mention in mentions {
            if mention.isShort {
                shortMentions.append((mention.startUTF8..<mention.endUTF8, mention.entity))
            } else {
                mentioned.insert(mention.startUTF8..<mention.endUTF8)
            }
        }
        for candidate in candidates {
            let range = candidate.range
            if mentioned.overlaps(range) || isClaimed(range) { continue }
            // A short mention ("Xi", after Xi Jinping) followed by a word that makes it a near
            // miss of the same person's name ("Xi Jingping") hides the misspelling: the
            // candidate counts when it holds such mentions whole, and only those.
            let hidden = shortMentions.filter { $0.range.overlaps(range) }
            if !hidden.allSatisfy({ $0.entity == candidate.entity && range.contains($0.range.lowerBound)
                                    && $0.range.upperBound < range.upperBound }) { continue }
            if !hidden.isEmpty && candidate.distance == 0 { continue }
            let language = paragraphs.language(at: range.lowerBound)
            if language == .zh { continue }
            // Names are written in Title Case; a phrase with a lower-case word
            // is an ordinary phrase (Dien dan is not a misspelt Dien Ban).
            let surface = source.slice(range)
            let words = surface.split(whereSeparator: { !$0.isLetter && !$0.isNumber })
            guard !words.isEmpty, words.allSatisfy({ $0.first?.isUppercase == true }) else { continue }
            // In a headline in capitals every word looks like a name: an
            // inexact match there is no evidence of one (TÁC KINH is not Bắc Kinh).
            if candidate.distance > 0, isInCapitals(range) { continue }
            if candidate.distance == 0 {
                try checkUnmatchedSpelling(surface, range: range, candidate: candidate, entities: entities)
                continue
            }
            let tag = configuration.languages[language.rawValue] ?? language.glossaryTag
            let name = candidate.names[tag] ?? candidate.names.sorted { $0.key < $1.key }.first?.value ?? ""
            report(.nearMiss, range: range,
                   message: "\(surface) is close to the glossary name \(name)",
                   suggestion: name, entity: candidate.entity)
        }
    }

    /// Whether `range` is in capitals and so is a word next to it on its line.
    func isInCapitals(_ range: Range<Int>) -> Bool {
        func capitals(_ text: Substring) -> Bool {
            let letters = text.filter(\.isLetter)
            return letters.count > 1 && letters.allSatisfy(\.isUppercase)
        }
        guard capitals(Substring(source.slice(range))) else { return false }
        let line = source.lineRange(containingUTF8: range.lowerBound)
        let isWordBreak: (Character) -> Bool = { !$0.isLetter && !$0.isNumber }
        let before = source.slice(line.lowerBound..<range.lowerBound).split(whereSeparator: isWordBreak).last
        let after = source.slice(range.upperBound..<max(range.upperBound, line.upperBound)).split(whereSeparator: isWordBreak).first
        return before.map(capitals) == true || after.map(capitals) == true
    }

    /// A Title Case phrase whose folded words are a name's but whose marks
    /// are no known form's.
    private mutating func checkUnmatchedSpelling(_ surface: String, range: Range<Int>, candidate: NearMissIndex.Candidate,
                                                 entities: [String: Entity]) throws {
        guard try VietnameseASCII.strip(surface) != surface, let entity = entities[candidate.entity] else { return }
        let spelling = ToneConvention.old.apply(to: try MatchKey.key(surface, tier: .caseless))
        for name in entity.names where try ToneConvention.old.apply(to: MatchKey.key(name.text, tier: .caseless)) == spelling {
            return
        }
        guard let target = candidate.names["vi"] ?? candidate.names.sorted(by: { $0.key < $1.key }).first?.value else { return }
        let suggestion = Self.matchingCase(of: surface, target)
        if try Self.lacksSomeMarks(surface, of: target) {
            report(.missingDiacritics, range: range, message: "\(surface) is written without some of its diacritics",
                   suggestion: suggestion, entity: entity.id, fix: suggestion, claim: true)
            return
        }
        report(.wrongDiacritics, range: range,
               message: "\(surface) has diacritics that no known form of \(target) has",
               suggestion: suggestion, entity: entity.id, fix: suggestion, claim: true)
    }
}

/// Results that depend only on a word or a mention's spelling, worked out
/// once per distinct one: a text repeats its vocabulary, and so does a
/// folder of articles, so a `Checker` keeps them from one document to the
/// next. The name rules' verdicts depend on the house style too, and are
/// dropped when it changes (`prepare`).
struct RuleMemos {
    var placements: [WordKey: ToneConvention.Placement] = [:]
    var confusables: [WordKey: [Confusables.Finding]] = [:]
    var mentionOutcomes: [RuleRun.MentionKey: RuleRun.MentionOutcome] = [:]
    /// `checkShortMention`'s suggestion per spelling, nil when it has none.
    var shortMentionSuggestions: [RuleRun.MentionKey: String?] = [:]
    var spellings: [WordKey: String] = [:]
    /// The house style `mentionOutcomes` were worked out under.
    private var configuration: CheckConfiguration?

    /// Entries kept at most: past them (a run over a very large and varied
    /// archive) the memos start again, so memory stays bounded.
    static let limit = 1 << 20

    /// Ready for a document checked under `configuration`.
    mutating func prepare(for configuration: CheckConfiguration) {
        let entries = placements.count + confusables.count + mentionOutcomes.count
            + shortMentionSuggestions.count + spellings.count
        if entries > Self.limit { self = RuleMemos() }
        if self.configuration != configuration {
            mentionOutcomes = [:]
            self.configuration = configuration
        }
    }
}
