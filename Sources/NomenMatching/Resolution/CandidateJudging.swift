import Foundation
import NomenModel
@_spi(Performance) import NomenNormalization

/// Deciding on one candidate of a `Search`: the tier at which a name counts
/// for the surface as written (exact, caseless, folded, compact), whether
/// the name's case rules let it count at all, and how the entities it may be
/// are gathered. Pure functions of the surface, the name and the source
/// text; `Search.evaluate` calls them for each name of the candidate's key.
extension Search {
    static func isSentenceStart(_ source: UnsafeBufferPointer<UInt8>, _ offset: Int) -> Bool {
        var index = offset
        while index > 0 {
            var start = index - 1
            while start > 0 && source[start] & 0xC0 == 0x80 { start -= 1 }
            let (scalar, _) = start == index - 1 && source[start] < 0x80
                ? (UInt32(source[start]), 1) : UTF8Scalar.decode(source, at: start)
            switch scalar {
            case 0x20, 0x09, 0x22, 0x27, 0x28, 0x5B, 0x2018, 0x2019, 0x201C, 0x201D, 0xAB, 0xBB, 0xA0, 0x2D, 0x2014, 0x2013:
                index = start
            case 0x2E, 0x21, 0x3F, 0x3A, 0x0A, 0x0D, 0x2026, 0x3002, 0xFF01, 0xFF1F:
                return true
            default:
                return false
            }
        }
        return true
    }

    /// What the tier and case checks need to know about a candidate's surface
    /// or a name, from one pass over its bytes.
    struct TextTraits {
        var isASCII = true
        /// It holds a scalar that keeps it from being canonically equal, even
        /// ignoring case, to any ASCII text: not ASCII, not white space, not
        /// one of the three scalars whose canonical decomposition or lower
        /// case is ASCII (KELVIN SIGN, GREEK QUESTION MARK, GREEK VARIA), and
        /// not after white space (where `split` may drop it with the space).
        var neverASCII = false
        /// Only `SimpleCase` scalars, spaces never doubled: the text is in NFC
        /// and its own white-space collapse, so canonical equivalence is
        /// byte equality and lower case goes scalar by scalar.
        var isSimple = true

        init(isASCII: Bool, neverASCII: Bool, isSimple: Bool) {
            self.isASCII = isASCII
            self.neverASCII = neverASCII
            self.isSimple = isSimple
        }

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            var index = 0
            var previousDecides = true
            var previousSpace = false
            while index < bytes.count {
                let byte = bytes[index]
                if byte < 0x80 {
                    let space = byte == 0x20 || (byte >= 0x09 && byte <= 0x0D)
                    if (space && (byte != 0x20 || previousSpace)) || byte < 0x20 || byte == 0x7F { isSimple = false }
                    previousSpace = space
                    previousDecides = !space
                    index += 1
                    continue
                }
                isASCII = false
                previousSpace = false
                let (scalar, length) = UTF8Scalar.decode(bytes, at: index)
                if isSimple && !SimpleCase.contains(scalar) { isSimple = false }
                switch scalar {
                case _ where WhiteSpace.contains(scalar):
                    previousDecides = false
                case 0x212A, 0x037E, 0x1FEF:
                    previousDecides = false
                default:
                    if previousDecides { neverASCII = true }
                }
                index += length
            }
        }
    }

    @inline(__always)
    static func isASCIISpace(_ byte: UInt8) -> Bool { byte == 0x20 || (byte >= 0x09 && byte <= 0x0D) }

    /// ASCII surface and name: equal ignoring case once the surface's white
    /// space runs are one space each.
    static func asciiCaselessEqual(_ surface: UnsafeBufferPointer<UInt8>, _ name: UnsafeBufferPointer<UInt8>) -> Bool {
        var j = 0
        var pendingSpace = false, started = false
        for byte in surface {
            if isASCIISpace(byte) {
                if started { pendingSpace = true }
                continue
            }
            if pendingSpace {
                guard j < name.count, name[j] == 0x20 else { return false }
                j += 1
                pendingSpace = false
            }
            guard j < name.count, lower(name[j]) == lower(byte) else { return false }
            j += 1
            started = true
        }
        return j == name.count
    }

    /// A candidate's surface, and its `String` once something needs it.
    struct Surface {
        let bytes: UnsafeBufferPointer<UInt8>
        let traits: TextTraits
        private var madeText: Substring?
        private var composedForm: Composed??

        /// The surface in NFC with each run of white space one space, and
        /// its traits: what `tier` compares by bytes when the surface as
        /// written is not simple (NFD text, odd spacing), instead of
        /// comparing `String`s for every name of the key.
        struct Composed {
            let bytes: [UInt8]
            let traits: TextTraits
        }

        init(_ bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
            traits = TextTraits(bytes)
        }

        /// The surface as a `String` of its own (a mention's text).
        mutating func string() -> String {
            if let madeText { return String(madeText) }
            return String(decoding: bytes, as: UTF8.self)
        }

        /// Without the padding `MarkupMask` puts after a character reference
        /// it decoded (U+00AD, U+200B: a surface with them is never simple,
        /// so the tier and case checks read this), the text as read.
        mutating func text() -> Substring {
            if let madeText { return madeText }
            let padded = !traits.isSimple && bytes.contains { $0 == 0xAD || $0 == 0x8B }
            let made = Substring(padded ? MarkupMask.visibleText(Array(bytes), 0..<bytes.count)
                                        : String(decoding: bytes, as: UTF8.self))
            madeText = made
            return made
        }

        /// The composed surface, made once; nil when ICU fails or a mark
        /// follows white space (where `tier`'s `String` path drops the mark
        /// with the space, so bytes cannot stand for it).
        mutating func composed() -> Composed? {
            if let composedForm { return composedForm }
            let made: Composed?
            if let latin = LatinComposition.compose(bytes) {
                made = Composed(bytes: latin, traits: latin.withUnsafeBufferPointer { TextTraits($0) })
            } else {
                made = Self.composeThroughICU(text())
            }
            composedForm = .some(made)
            return made
        }

        private static func composeThroughICU(_ text: Substring) -> Composed? {
            var afterSpace = false
            for scalar in text.unicodeScalars {
                if afterSpace && scalar.properties.canonicalCombiningClass != .notReordered { return nil }
                afterSpace = WhiteSpace.contains(scalar.value)
            }
            let collapsed = MatchKey.collapsingWhiteSpace(String(text))
            guard let normalized = try? UnicodeNormalizer.normalize(collapsed, to: .nfc) else { return nil }
            let bytes = Array(normalized.utf8)
            let traits = bytes.withUnsafeBufferPointer { TextTraits($0) }
            return Composed(bytes: bytes, traits: traits)
        }
    }

    /// The tier of a surface against a name: on bytes when either is ASCII or
    /// both are `TextTraits.isSimple`, else through `String` (canonical
    /// equivalence, full lower case).
    static func tier(_ surface: inout Surface, name nameBytes: UnsafeBufferPointer<UInt8>, nameTraits: TextTraits,
                             compact: Bool) -> MatchTier {
        if nameBytes.count == surface.bytes.count
            && (nameBytes.isEmpty || memcmp(nameBytes.baseAddress!, surface.bytes.baseAddress!, nameBytes.count) == 0) {
            return .exact
        }
        let fallback: MatchTier = compact ? .compact : .folded
        let traits = surface.traits
        if traits.isASCII && nameTraits.isASCII {
            return asciiCaselessEqual(surface.bytes, nameBytes) ? .caseless : fallback
        }
        // One side ASCII, the other with a letter that no ASCII text equals.
        if (traits.isASCII && nameTraits.neverASCII) || (nameTraits.isASCII && traits.neverASCII) {
            return fallback
        }
        if traits.isSimple && nameTraits.isSimple, let equal = SimpleCase.lowerEqual(surface.bytes, nameBytes) {
            return equal ? .caseless : fallback
        }
        // Canonical equivalence is byte equality once both are in NFC; `lowerEqual` is `lowercased()` for simple texts.
        if !traits.isSimple && nameTraits.isSimple, let composed = surface.composed(), composed.traits.isSimple {
            let equalBytes = composed.bytes.withUnsafeBufferPointer { composedBytes in
                composedBytes.count == nameBytes.count
                    && (nameBytes.isEmpty || memcmp(nameBytes.baseAddress!, composedBytes.baseAddress!, nameBytes.count) == 0)
            }
            if equalBytes { return .exact }
            if let equal = composed.bytes.withUnsafeBufferPointer({ SimpleCase.lowerEqual($0, nameBytes) }) {
                return equal ? .caseless : fallback
            }
        }
        let text = surface.text()
        let nameString = String(decoding: nameBytes, as: UTF8.self)
        let bytes = surface.bytes
        let doubleSpace = bytes.count >= 2 && (1..<bytes.count).contains { bytes[$0] == 0x20 && bytes[$0 - 1] == 0x20 }
        let collapsed = text.contains(where: { $0.isWhitespace && $0 != " " }) || doubleSpace
            ? Substring(text.split(whereSeparator: \.isWhitespace).joined(separator: " ")) : text
        if !(traits.isASCII && nameTraits.isASCII) && collapsed == Substring(nameString) { return .exact }
        if collapsed.lowercased() == nameString.lowercased() { return .caseless }
        return fallback
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }

    /// The tier at which `entry` counts for the candidate, or nil when its
    /// case rules turn it down. `sentenceStart` caches whether the candidate
    /// starts a sentence, worked out the first time a rule asks.
    static func judge(_ entry: PatternEntry, surface: inout Surface, name: UnsafeBufferPointer<UInt8>,
                              standard: Bool, source: UnsafeBufferPointer<UInt8>, start: Int,
                              sentenceStart: inout Bool?, toneCache: CaseEvidence.ToneCache) -> MatchTier? {
        let tier = tier(&surface, name: name, nameTraits: entry.nameTraits, compact: entry.isCompact)
        guard standard && entry.policy != .any else { return tier }
        // A surface that is not simple as written (NFD, doubled spaces) is read in its composed
        // form when that is: letters, their case and the word breaks are the same in both, and
        // the `String` checks cost fifty times as much (most of annotating a corpus in which a
        // tenth of the Vietnamese articles are NFD).
        if !(surface.traits.isASCII || surface.traits.isSimple), let composed = surface.composed(),
           composed.traits.isASCII || composed.traits.isSimple {
            return composed.bytes.withUnsafeBufferPointer { composedBytes in
                caseRules(entry, tier: tier, surface: &surface, caseBytes: composedBytes, name: name, source: source,
                          start: start, sentenceStart: &sentenceStart, toneCache: toneCache)
            }
        }
        return caseRules(entry, tier: tier, surface: &surface, caseBytes: nil, name: name, source: source,
                         start: start, sentenceStart: &sentenceStart, toneCache: toneCache)
    }

    /// `judge`'s case rules. `caseBytes`: a simple text with the surface's
    /// letters and word breaks (its composed form), or nil to read the
    /// surface as written.
    private static func caseRules(_ entry: PatternEntry, tier: MatchTier, surface: inout Surface,
                                  caseBytes: UnsafeBufferPointer<UInt8>?, name: UnsafeBufferPointer<UInt8>,
                                  source: UnsafeBufferPointer<UInt8>, start: Int, sentenceStart: inout Bool?,
                                  toneCache: CaseEvidence.ToneCache) -> MatchTier? {
        let nameTraits = entry.nameTraits
        // Both simple (ASCII is simple but for control characters, which `forEachFlags` also knows).
        let simpleSurface = caseBytes != nil || surface.traits.isASCII || surface.traits.isSimple
        let surfaceBytes = caseBytes ?? surface.bytes
        let simple = simpleSurface && (nameTraits.isASCII || nameTraits.isSimple)
        func nameText() -> Substring { Substring(String(decoding: name, as: UTF8.self)) }
        switch entry.policy {
        case .any: break
        case .sensitive:
            if tier != .exact && !(simple ? CaseEvidence.sameCaseSignature(simple: surfaceBytes, name: name)
                                   : CaseEvidence.sameCaseSignature(surface.text(), name: nameText())) {
                return nil
            }
        case .needsEvidence:
            let fits = simple ? CaseEvidence.fits(simple: surfaceBytes, name: name)
                : CaseEvidence.fits(surface.text(), name: nameText())
            if !fits && (entry.isShort || tier != .exact) { return nil }
            // A short key written with other diacritics is another word (Chủ is not Chũ;
            // `MatchSemantics`, "Diacritics on short and common keys");
            // only the same marks, placed either way, or none at all, count.
            if tier.strictness >= MatchTier.folded.strictness && !surface.traits.isASCII
                && !toneCache.diacriticsAgree(surface.text(), nameStart: entry.nameStart, name: nameText) {
                return nil
            }
        }
        if !entry.isShort && entry.isCommon {
            let single = simpleSurface ? CaseEvidence.isSingleWord(simple: surfaceBytes) : CaseEvidence.isSingleWord(surface.text())
            if single && !(simpleSurface ? CaseEvidence.isAllCaps(simple: surfaceBytes) : CaseEvidence.isAllCaps(surface.text())) {
                if sentenceStart == nil { sentenceStart = isSentenceStart(source, start) }
                if sentenceStart! { return nil }
            }
        }
        return tier
    }

    /// Gathers into `found` (emptied first) the entities the candidate whose
    /// key's handle is `key` may be: every name of the key, then the active
    /// short forms listed under it, each judged against the surface as
    /// written (`judge`). Returns whether every name of the key counted and
    /// no short form was added, so the candidates are the key's own list.
    @inline(__always)
    static func gather(key: UInt32, surface: inout Surface, at start: Int, into found: inout [Candidate],
                       compiled: CompiledGlossary, activeShortForms: [UInt32: [UInt32]], standard: Bool,
                       source: UnsafeBufferPointer<UInt8>, toneCache: CaseEvidence.ToneCache,
                       judged answers: inout JudgedNames) -> Bool {
        var sentenceStart: Bool? = nil
        var ascending = true
        var wholeGroup = true
        found.removeAll(keepingCapacity: true)
        compiled.strings.blob.withUnsafeBufferPointer { blob in
            compiled.entries.withUnsafeBufferPointer { entries in
                // A key lists its names before its short forms (`MatcherBuilder.build`); a short
                // form counts only for a person named in full, listed in the context by key.
                var index = Int(key)
                // `entries[index]` is still one of the key's.
                var inKey = true
                var active: [UInt32] = []
                // Its count in a local: `active.count` was a call per entry (the
                // array is captured by the closures around the loop).
                var activeIndex = 0, activeCount = 0
                // Entries with the same name and flags get the same answer (many persons share a
                // name): the last one's is at hand, the others' are kept while the key has more entries.
                var lastName = UInt32.max, lastFlags: UInt8 = 0, lastTier: MatchTier? = nil
                var remembering = false
                while true {
                    let entry: PatternEntry
                    if inKey && !entries[index].isShort {
                        entry = entries[index]
                        inKey = !compiled.isLastOfKey(index)
                        index += 1
                    } else {
                        if inKey {
                            active = activeShortForms[key] ?? []
                            activeCount = active.count
                            inKey = false
                        }
                        guard activeIndex < activeCount else { break }
                        entry = entries[Int(active[activeIndex])]
                        activeIndex += 1
                        wholeGroup = false
                    }
                    let judged: MatchTier?
                    if entry.nameStart == lastName && entry.flags == lastFlags {
                        judged = lastTier
                    } else if remembering, let known = answers.answer(nameStart: entry.nameStart, flags: entry.flags) {
                        judged = known
                    } else {
                        let name = UnsafeBufferPointer(rebasing: blob[entry.nameRange])
                        judged = Self.judge(entry, surface: &surface, name: name, standard: standard,
                                            source: source, start: start,
                                            sentenceStart: &sentenceStart, toneCache: toneCache)
                        // Only for a key with more entries to come; the table is emptied once per key.
                        if inKey || activeIndex < activeCount {
                            if !remembering { answers.clear(); remembering = true }
                            answers.remember(nameStart: entry.nameStart, flags: entry.flags, judged)
                        }
                        lastName = entry.nameStart
                        lastFlags = entry.flags
                        lastTier = judged
                    }
                    guard let tier = judged else {
                        wholeGroup = false
                        continue
                    }
                    Self.record(entry.entity, tier, short: entry.isShort, in: &found, ascending: &ascending)
                }
            }
        }
        return wholeGroup
    }

    /// Records that the candidate may be `entity` at `tier`: an entity found
    /// twice keeps its full name over a short form, and its strictest tier.
    /// A group's names come in entity order: while `found` is `ascending`, an
    /// entity is either the last one found or new.
    @inline(__always)
    static func record(_ entity: UInt32, _ tier: MatchTier, short: Bool, in found: inout [Candidate],
                       ascending: inout Bool) {
        let existing: Int?
        if let last = found.last, last.entity == entity {
            existing = found.count - 1
        } else if ascending && (found.last.map { $0.entity < entity } ?? true) {
            existing = nil
        } else {
            existing = found.firstIndex(where: { $0.entity == entity })
            if existing == nil { ascending = false }
        }
        if let existing {
            let old = found[existing]
            if old.isShort && !short {
                found[existing] = Candidate(entity: entity, tier: tier, isShort: false)
            } else if old.isShort == short && tier.strictness < old.tier.strictness {
                found[existing].tier = tier
            }
        } else {
            found.append(Candidate(entity: entity, tier: tier, isShort: short))
        }
    }
}
