import Foundation
import NomenModel
@_spi(Performance) import NomenNormalization

/// One search over one chunk, reading its fold as `FoldStream` makes it.
struct Search {
    let matcher: Matcher
    let compiled: CompiledGlossary
    let shortForms: ShortFormIndex
    let toneCache: CaseEvidence.ToneCache
    let wordScripts: WordScriptTable
    let semantics: MatchSemantics
    let source: UnsafeBufferPointer<UInt8>
    let folded: FoldStream
    var context: DocumentContext
    private var mentions: [Mention] = []
    private var lastUTF8 = 0
    private var lastScalar = 0
    /// The entities a candidate may be, reused from one candidate to the next.
    private var found: [Candidate] = []
    /// What the names of a candidate's key were judged, reused likewise.
    private var judgedNames = JudgedNames()

    init(matcher: Matcher, toneCache: CaseEvidence.ToneCache, wordScripts: WordScriptTable,
         source: UnsafeBufferPointer<UInt8>, folded: FoldStream, context: DocumentContext) {
        self.matcher = matcher
        compiled = matcher.compiled
        self.wordScripts = wordScripts
        shortForms = matcher.shortForms
        self.toneCache = toneCache
        semantics = matcher.semantics
        self.source = source
        self.folded = folded
        self.context = context
        lastScalar = context.scalarBase
    }

    /// Finds the mentions of the chunk (`folded` started on `source`);
    /// after it, `context.scalarBase` is where the next chunk starts, in
    /// scalars.
    mutating func run() throws(FoldError) -> [Mention] {
        let trie = compiled.trie
        let result = trie.nodes.withUnsafeBufferPointer { nodes in
            trie.label.withUnsafeBufferPointer { label in
                trie.group.withUnsafeBufferPointer { group in
                    trie.rootTable.withUnsafeBufferPointer { root in
                        trie.pairTable.withUnsafeBufferPointer { pairs in
                            Result { () throws(FoldError) in
                                try scan(nodes: nodes, label: label, group: group, root: root, pairs: pairs)
                            }
                        }
                    }
                }
            }
        }
        try result.get()
        lastScalar += ScalarCount.count(in: source, lastUTF8..<source.count)
        lastUTF8 = source.count
        context.scalarBase = lastScalar
        return mentions
    }

    /// Whether the character starting at `index` is a letter or digit of a
    /// script that separates words, and its length in bytes.
    @inline(__always)
    static func classify(_ text: UnsafeBufferPointer<UInt8>, at index: Int, _ scripts: WordScriptTable) -> (isWord: Bool, length: Int) {
        let byte = text[index]
        if byte < 0x80 { return (isASCIIWordByte(byte), 1) }
        // Lead bytes E3–E9: U+3000–U+9FFF (CJK, kana), which separate no words (`WordScript`).
        if byte &- 0xE3 < 7 && index + 2 < text.count { return (false, 3) }
        let (scalar, length) = UTF8Scalar.decode(text, at: index)
        return (scripts.separatesWords(scalar), length)
    }

    /// Whether the character that ends just before `index` is a word character.
    @inline(__always)
    static func isWordBefore(_ text: UnsafeBufferPointer<UInt8>, _ index: Int, _ scripts: WordScriptTable) -> Bool {
        guard index > 0 else { return false }
        var start = index - 1
        while start > 0 && text[start] & 0xC0 == 0x80 { start -= 1 }
        return classify(text, at: start, scripts).isWord
    }

    /// How far ahead of the scan the fold is kept, in folded bytes: a walk
    /// rarely goes further, and when it does it asks for more itself.
    private static let lookahead = 512

    private mutating func scan(nodes: UnsafeBufferPointer<UInt64>,
                               label: UnsafeBufferPointer<UInt8>, group: UnsafeBufferPointer<UInt32>,
                               root: UnsafeBufferPointer<UInt32>, pairs: UnsafeBufferPointer<UInt32>) throws(FoldError) {
        let folded = self.folded
        // The final part of the fold so far, and how far the main loop and a walk may go
        // before folding further; refreshed after each `extend` (the buffer may move: debug
        // builds check `generation` wherever `text` is read after something may have extended).
        var (text, count, loopLimit, walkLimit, generation) = Self.window(folded)
        var index = 0
        var previousIsWord = false
        // The key ends found by one walk, shortest first: where each ends and its key's handle
        // (`CompiledGlossary`). As many as the walk finds: each may be the one that counts.
        var endsEnd = [Int](repeating: 0, count: 16)
        var endsKey = [UInt32](repeating: 0, count: 16)
        let scripts = wordScripts
        // Keys never start with a space, so a space between two words starts nothing.
        let spaceStartsNothing = root[0x20] == 0
        while true {
            if index > loopLimit {
                try folded.extend(toAtLeast: index + Self.lookahead)
                (text, count, loopLimit, walkLimit, generation) = Self.window(folded)
            }
            guard index < count else { break }
            assert(folded.isCurrent(generation), "the fold moved under the scan")
            let (isWord, length) = Self.classify(text, at: index, scripts)
            if !(previousIsWord && isWord) {
                let first = Int(text[index])
                let rootEntry = root[first]
                if rootEntry != 0 {
                    // Walk the trie from here, keeping every key end that falls on a boundary.
                    var found = 0
                    if rootEntry & NameTrie.rootEndsKey != 0 && Self.endsOnBoundary(text, count, index + 1, scripts) {
                        let node = Int(rootEntry & ~NameTrie.rootEndsKey)
                        endsEnd[0] = index + 1
                        endsKey[0] = Self.key(at: node, nodes[node], group)
                        found = 1
                    }
                    // The first two bytes in one look-up; most walks end there.
                    var node = index + 1 < count ? Int(pairs[first << 8 | Int(text[index + 1])]) : 0
                    var position = index + 2
                    while node != 0 {
                        if position > walkLimit {
                            // A walk longer than the lookahead; a character at `position` is read whole.
                            try folded.extend(toAtLeast: position + Self.lookahead)
                            (text, count, loopLimit, walkLimit, generation) = Self.window(folded)
                        }
                        assert(folded.isCurrent(generation), "the fold moved under a walk")
                        let word = nodes[node]
                        if NameTrie.Node.endsKey(word) && Self.endsOnBoundary(text, count, position, scripts) {
                            if found == endsEnd.count {
                                endsEnd.append(0)
                                endsKey.append(0)
                            }
                            endsEnd[found] = position
                            endsKey[found] = Self.key(at: node, word, group)
                            found += 1
                        }
                        guard position < count,
                              let child = NameTrie.Node.child(word, text[position], labels: label) else { break }
                        node = child
                        position += 1
                    }
                    if found > 0 {
                        // Longest first; the first acceptable one wins.
                        var k = found - 1
                        var accepted = -1
                        while k >= 0 {
                            if try evaluate(start: index, end: endsEnd[k], key: endsKey[k]) {
                                accepted = endsEnd[k]
                                break
                            }
                            k -= 1
                        }
                        // Evaluating may have folded further (and moved the buffer).
                        (text, count, loopLimit, walkLimit, generation) = Self.window(folded)
                        if accepted >= 0 {
                            index = accepted
                            previousIsWord = Self.isWordBefore(text, index, scripts)
                            continue
                        }
                    }
                }
            }
            if isWord && length == 1 {
                // The rest of an ASCII word starts nothing: skip it, and a single space after it.
                index = Self.endOfASCIIWord(text, from: index + 1)
                if spaceStartsNothing && index + 1 < count && text[index] == 0x20 && Self.isASCIIWordByte(text[index + 1]) {
                    index += 1
                    previousIsWord = false
                } else {
                    previousIsWord = true
                }
                continue
            }
            previousIsWord = isWord
            index += length
        }
    }

    /// Whether a key that ends just before `position` ends on a word
    /// boundary: not between two word characters.
    @inline(__always)
    static func endsOnBoundary(_ text: UnsafeBufferPointer<UInt8>, _ count: Int, _ position: Int,
                               _ scripts: WordScriptTable) -> Bool {
        !(position < count && isWordBefore(text, position, scripts) && classify(text, at: position, scripts).isWord)
    }

    /// The handle of the key that ends at `node` (packed as `word`): a leaf
    /// holds it, other nodes have it in `group`.
    @inline(__always)
    static func key(at node: Int, _ word: UInt64, _ group: UnsafeBufferPointer<UInt32>) -> UInt32 {
        NameTrie.Node.childCount(word) == 0 ? NameTrie.Node.leafGroup(word) : group[node]
    }

    /// The fold so far as the scan reads it: its final bytes, their count,
    /// and the positions past which the main loop (`lookahead` bytes before
    /// the end) and a walk (a character before it) must fold further.
    private static func window(_ folded: FoldStream) -> (UnsafeBufferPointer<UInt8>, Int, Int, Int, Int) {
        let (text, generation) = folded.readable
        let count = text.count
        return folded.isComplete ? (text, count, Int.max, Int.max, generation)
            : (text, count, count - lookahead, count - 4, generation)
    }

    /// The end of the run of ASCII letters and digits that starts at
    /// `start`, eight bytes at a time.
    @inline(__always)
    static func endOfASCIIWord(_ text: UnsafeBufferPointer<UInt8>, from start: Int) -> Int {
        var index = start
        let count = text.count
        if let base = text.baseAddress {
            while index + 8 <= count {
                let word = ByteWord.load(base + index)
                let low = word & ~ByteWord.high
                let letters = ByteWord.bytes(of: low | (0x20 &* ByteWord.ones), in: 0x61, 0x7A)
                let digits = ByteWord.bytes(of: low, in: 0x30, 0x39)
                let stops = (~(letters | digits) | word) & ByteWord.high
                if stops != 0 { return index + stops.trailingZeroBitCount / 8 }
                index += 8
            }
        }
        while index < count && isASCIIWordByte(text[index]) { index += 1 }
        return index
    }

    /// The source range of a match without the invisible format controls
    /// the fold dropped after its last letter (U+200B–U+200F, U+202A–U+202E,
    /// U+2060–U+206F, U+FEFF, U+00AD). The range runs to the next code point
    /// that folds to something, so that it takes the combining marks of NFD
    /// text; a bidi control closing the name ("Lương Cường\u{202C}") must
    /// stay out, or the surface is not the name and the mention is lost.
    @inline(__always)
    static func droppingTrailingFormatControls(_ range: Range<Int>, in source: UnsafeBufferPointer<UInt8>) -> Range<Int> {
        var end = range.upperBound
        while end - range.lowerBound >= 2 && source[end - 1] >= 0x80 {
            if end - range.lowerBound >= 3 && source[end - 3] == 0xE2 {
                let second = source[end - 2], third = source[end - 1]
                let isFormat = (second == 0x80 && ((third >= 0x8B && third <= 0x8F) || (third >= 0xAA && third <= 0xAE)))
                    || (second == 0x81 && third >= 0xA0 && third <= 0xAF)
                if isFormat { end -= 3; continue }
            }
            if end - range.lowerBound >= 3 && source[end - 3] == 0xEF && source[end - 2] == 0xBB && source[end - 1] == 0xBF {
                end -= 3
                continue
            }
            if source[end - 2] == 0xC2 && source[end - 1] == 0xAD { end -= 2; continue }
            break
        }
        return range.lowerBound..<end
    }

    @inline(__always)
    static func isASCIIWordByte(_ byte: UInt8) -> Bool {
        (byte &- 0x30) < 10 || ((byte | 0x20) &- 0x61) < 26
    }

    /// Decides on the candidate `start..<end` (folded offsets) whose key's
    /// handle is `key`: gathers the entities it may be (`gather`), lets the
    /// document's context resolve them (`DocumentContext.resolve`), and
    /// records a mention; returns true when it counts.
    private mutating func evaluate(start: Int, end: Int, key: UInt32) throws(FoldError) -> Bool {
        let range = Self.droppingTrailingFormatControls(try folded.sourceRange(ofFolded: start..<end), in: source)
        var surface = Surface(UnsafeBufferPointer(rebasing: source[range]))
        var found = self.found
        self.found = []
        // Every name of the key counted and no short form added: the candidates depend on the key alone.
        let wholeGroup = Self.gather(key: key, surface: &surface, at: range.lowerBound, into: &found, compiled: compiled,
                                     activeShortForms: context.activeShortForms, standard: semantics == .standard,
                                     source: source, toneCache: toneCache, judged: &judgedNames)
        defer { self.found = found }
        guard !found.isEmpty else { return false }
        let resolution = context.resolve(found, compiled: compiled, shortForms: shortForms)
        // Offsets.
        let utf8Start = range.lowerBound, utf8End = range.upperBound
        lastScalar += ScalarCount.count(in: source, lastUTF8..<utf8Start)
        let scalarStart = lastScalar
        lastScalar += ScalarCount.count(in: source, utf8Start..<utf8End)
        lastUTF8 = utf8End
        let link: MentionLink
        let tier: MatchTier, isShort: Bool
        switch resolution {
        case .entity(let chosen):
            link = .entity(chosen.entity, matcher: matcher, language: context.language)
            (tier, isShort) = (chosen.tier, chosen.isShort)
        case .ambiguous(let strictest, let allShort):
            link = wholeGroup ? .ambiguous(key: key, matcher: matcher, language: context.language)
                : .ambiguous(found.map(\.entity), matcher: matcher, language: context.language)
            (tier, isShort) = (strictest, allShort)
        }
        let mention = Mention(
            start: scalarStart, end: lastScalar, startUTF8: context.utf8Base + utf8Start,
            endUTF8: context.utf8Base + utf8End, text: surface.string(), tier: tier, isShort: isShort, link: link)
        mentions.append(mention)
        return true
    }
}
