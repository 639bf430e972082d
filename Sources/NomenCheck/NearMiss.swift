import NomenModel
@_spi(Performance) import NomenNormalization

/// Finds word sequences a small edit away from a glossary name ("Xi
/// Jingping", "Pham Minh Chin") on folded text.
///
/// Names of persons, places and organisations with at least two words and
/// eight letters are indexed by their folded words. A window of the text
/// with as many words as a name, sharing at least one word with it in the
/// same place, is a candidate when its edit distance to the name is 1 (2 for
/// names of 12 or more letters) and it is not itself a known name. Words
/// shared by too many names ("nguyen", "van") do not anchor a window.
final class NearMissIndex {
    struct Name {
        let key: String
        let entity: String
        /// The entity's names with this key, by language.
        var names: [String: String]
        let wordCount: Int
        /// `key.utf8.count`, for the length filter.
        let keyLength: Int
        /// Its first word's index in `wordSpans`; the others follow.
        let firstWord: Int
        /// The key's bytes in `pool`, for the edit distance.
        let keyBytes: Range<Int>
    }

    struct Candidate {
        let range: Range<Int>
        /// The entity's names with the key, by language, for the suggestion.
        let names: [String: String]
        let entity: String
        let distance: Int
    }

    /// A word that anchors names, with those names grouped by where the word
    /// sits in them and how many words they have: a window's place, length
    /// and capitals depend on those two alone, so they are worked out once
    /// per group rather than once per name (a word such as "hai" anchors
    /// dozens of names).
    struct Anchor {
        let bytes: Range<Int>  // in `pool`
        var groups: [Group]

        struct Group {
            let position: Int
            let wordCount: Int
            /// Indexes in `names`, by key length (then index).
            var names: [Int]
        }
    }

    private var names: [Name] = []
    /// Every indexed name's words, as ranges of `pool` (ASCII letters).
    private var wordSpans: [Range<Int>] = []
    private var pool: [UInt8] = []
    private var anchors: [Anchor] = []
    /// An anchor word's hash to its index in `anchors` (a list, for words
    /// of equal hash).
    private var anchorsByHash: [UInt64: [Int]] = [:]
    private var knownKeys: Set<String> = []
    /// The anchor hashes as bits: a word whose bit is clear anchors nothing.
    private var anchorFilter = HashFilter()
    private let folder: FastFolder
    /// Words shared by more names than this do not anchor a window (they
    /// are family names and common words: nguyen, van, city).
    static let anchorLimit = 64

    /// An index for another thread: the same tables (shared, never
    /// written after `init`), a folder of its own.
    func sibling() throws -> NearMissIndex {
        try NearMissIndex(sharingWith: self)
    }

    private init(sharingWith other: NearMissIndex) throws {
        names = other.names
        wordSpans = other.wordSpans
        pool = other.pool
        anchors = other.anchors
        anchorsByHash = other.anchorsByHash
        knownKeys = other.knownKeys
        anchorFilter = other.anchorFilter
        folder = try FastFolder()
    }

    init(entities: [Entity]) throws {
        folder = try FastFolder()
        var byWord: [String: [(name: Int, position: Int)]] = [:]
        for entity in entities {
            var indexed: [String: Int] = [:]  // key → index in names, per entity
            for name in entity.names {
                let key = try MatchKey.key(name.text, tier: .folded)
                knownKeys.insert(key)
                guard entity.type == .person || entity.type == .place || entity.type == .organization,
                      name.status != .forbidden, key.utf8.count >= 8, key.utf8.allSatisfy({ $0 < 0x80 }) else { continue }
                let words = key.split(separator: " ").map(String.init)
                guard words.count >= 2, words.allSatisfy({ $0.allSatisfy { $0.isLetter } }) else { continue }
                if let existing = indexed[key] {
                    if names[existing].names[name.lang] == nil || name.status == .preferred {
                        names[existing].names[name.lang] = name.text
                    }
                    continue
                }
                let index = names.count
                indexed[key] = index
                let keyBytes = pool.count..<(pool.count + key.utf8.count)
                pool.append(contentsOf: key.utf8)
                names.append(Name(key: key, entity: entity.id, names: [name.lang: name.text], wordCount: words.count,
                                  keyLength: key.utf8.count, firstWord: wordSpans.count, keyBytes: keyBytes))
                for (position, word) in words.enumerated() {
                    wordSpans.append(pool.count..<(pool.count + word.utf8.count))
                    pool.append(contentsOf: word.utf8)
                    byWord[word, default: []].append((index, position))
                }
            }
        }
        for (word, list) in byWord.sorted(by: { $0.key < $1.key }) where list.count <= Self.anchorLimit {
            var groups: [Anchor.Group] = []
            for (name, position) in list {
                let wordCount = names[name].wordCount
                if let group = groups.firstIndex(where: { $0.position == position && $0.wordCount == wordCount }) {
                    groups[group].names.append(name)
                } else {
                    groups.append(Anchor.Group(position: position, wordCount: wordCount, names: [name]))
                }
            }
            for group in groups.indices {
                groups[group].names.sort { (names[$0].keyLength, $0) < (names[$1].keyLength, $1) }
            }
            let bytes = pool.count..<(pool.count + word.utf8.count)
            pool.append(contentsOf: word.utf8)
            let hash = FNV1a.hash(word.utf8)
            anchorsByHash[hash, default: []].append(anchors.count)
            anchors.append(Anchor(bytes: bytes, groups: groups))
            anchorFilter.insert(hash)
        }
    }

    /// 65,536 bits (8 KiB, in the first-level cache), one per value of a
    /// hash's top 16 bits: a word of the text costs one bit test, where the
    /// set's look-up hashed the hash again.
    struct HashFilter {
        private var bits = [UInt64](repeating: 0, count: 1024)

        mutating func insert(_ hash: UInt64) {
            let bit = Int(truncatingIfNeeded: hash >> 48)
            bits[bit >> 6] |= 1 << UInt64(bit & 63)
        }

        func mayContain(_ hash: UInt64) -> Bool {
            let bit = Int(truncatingIfNeeded: hash >> 48)
            return bits[bit >> 6] & (1 << UInt64(bit & 63)) != 0
        }
    }

    /// Candidates in a document, at most one per window, in text order.
    /// Windows whose folded words are exactly a name (distance 0) come too:
    /// the wrong-diacritics rule looks at those the annotator did not take.
    /// Only windows whose every word starts with a capital in the source
    /// are candidates (names are written in Title Case). Of the names near
    /// one window, the closest wins, then the one reached first (from the
    /// earliest word of the text that anchors it), then the first indexed.
    func candidates(in bytes: [UInt8]) throws(FoldError) -> [Candidate] {
        let folded = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        return folded.bytes.withUnsafeBufferPointer { text in
            folded.sourceOffsets.withUnsafeBufferPointer { sourceOffsets in
                candidates(in: bytes, folded: text, sourceOffsets: sourceOffsets)
            }
        }
    }

    /// `candidates(in:)` on a fold made already (`FastFolder.fold`'s, or the
    /// annotator's of the same text): its bytes, and for each the source
    /// offset it came from, with one more entry, the source's length.
    func candidates(in bytes: [UInt8], folded text: UnsafeBufferPointer<UInt8>,
                    sourceOffsets: UnsafeBufferPointer<Int32>) -> [Candidate] {
        // The capitalized words of the folded text as byte ranges (runs of
        // ASCII letters and digits and non-ASCII bytes), with their numbers
        // among all the words: a window's words all start with a capital in
        // the source (names are written in Title Case), so the others only
        // break windows, and are counted, not kept. A capitalized word is
        // hashed as it is read; only one whose hash passes the filter may
        // anchor a window (in Vietnamese most syllables are some name's word).
        var words: [Range<Int>] = []
        var wordNumbers: [Int] = []
        var anchoring: [(word: Int, hash: UInt64)] = []
        let anchorFilter = self.anchorFilter
        bytes.withUnsafeBufferPointer { source in
            var start = -1
            var isCapital = false
            var wordNumber = 0
            var hash = FNV1a.offsetBasis
            for index in 0...text.count {
                let byte = index < text.count ? text[index] : 0x20
                if byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if start < 0 {
                        start = index
                        isCapital = Self.startsWithCapital(source, at: Int(sourceOffsets[index]))
                        hash = FNV1a.offsetBasis
                    }
                    if isCapital { hash = FNV1a.step(hash, byte) }
                } else if start >= 0 {
                    if isCapital {
                        if anchorFilter.mayContain(hash) { anchoring.append((words.count, hash)) }
                        words.append(start..<index)
                        wordNumbers.append(wordNumber)
                    }
                    wordNumber += 1
                    start = -1
                }
            }
        }
        // Read once here: the class's properties would be checked for exclusive access at every use.
        let names = self.names, wordSpans = self.wordSpans, anchors = self.anchors
        let anchorsByHash = self.anchorsByHash, knownKeys = self.knownKeys
        return pool.withUnsafeBufferPointer { pool in
            func equal(_ range: Range<Int>, _ word: Range<Int>) -> Bool {
                guard range.count == word.count else { return false }
                var offset = 0
                while offset < range.count {
                    if text[range.lowerBound + offset] != pool[word.lowerBound + offset] { return false }
                    offset += 1
                }
                return true
            }
            // The best so far per window start word, with the word it was reached from and its name.
            var best: [Int: (candidate: Candidate, reachedAt: Int, name: Int)] = [:]
            var window: [UInt8] = []
            for (index, hash) in anchoring {
                guard let list = anchorsByHash[hash],
                      let anchor = list.first(where: { equal(words[index], anchors[$0].bytes) }) else { continue }
                for group in anchors[anchor].groups {
                    // The window's place, length and capitals, once for the group.
                    let wordCount = group.wordCount
                    let first = index - group.position
                    // Capitalized words next to each other in the text.
                    guard first >= 0, first + wordCount <= words.count,
                          wordNumbers[first + wordCount - 1] - wordNumbers[first] == wordCount - 1 else { continue }
                    var length = wordCount - 1
                    for offset in 0..<wordCount { length += words[first + offset].count }
                    for nameIndex in group.names {
                        let keyLength = names[nameIndex].keyLength
                        if keyLength > length + 2 { break }
                        let limit = keyLength >= 12 ? 2 : 1
                        if abs(length - keyLength) > limit { continue }
                        // How many of its words already equal the name's (each edit
                        // changes at most one word).
                        let firstWord = names[nameIndex].firstWord
                        var equalWords = 0
                        for offset in 0..<wordCount where equal(words[first + offset], wordSpans[firstWord + offset]) {
                            equalWords += 1
                        }
                        if equalWords < wordCount - limit { continue }
                        let distance: Int
                        if equalWords == wordCount {
                            // The window is the name's key itself (most windows of a text that spells names right).
                            distance = 0
                        } else {
                            window.removeAll(keepingCapacity: true)
                            for offset in 0..<wordCount {
                                if offset > 0 { window.append(0x20) }
                                window.append(contentsOf: UnsafeBufferPointer(rebasing: text[words[first + offset]]))
                            }
                            let key = UnsafeBufferPointer(rebasing: pool[names[nameIndex].keyBytes])
                            guard let edits = window.withUnsafeBufferPointer({ Self.editDistance($0, key, limit: limit) }),
                                  !knownKeys.contains(String(decoding: window, as: UTF8.self)) else { continue }
                            distance = edits
                        }
                        if let existing = best[first], existing.candidate.distance < distance
                            || existing.candidate.distance == distance
                            && (existing.reachedAt, existing.name) <= (index, nameIndex) { continue }
                        let name = names[nameIndex]
                        let windowRange = words[first].lowerBound..<words[first + wordCount - 1].upperBound
                        let range = FoldedText.sourceRange(ofFolded: windowRange, sourceOffsets: sourceOffsets)
                        best[first] = (Candidate(range: range, names: name.names, entity: name.entity, distance: distance),
                                       index, nameIndex)
                    }
                }
            }
            return best.keys.sorted().map { best[$0]!.candidate }
        }
    }

    /// Whether the character at `offset` of the source is a capital letter.
    static func startsWithCapital(_ source: UnsafeBufferPointer<UInt8>, at offset: Int) -> Bool {
        let lead = source[offset]
        if lead < 0x80 { return lead >= 0x41 && lead <= 0x5A }
        let (value, _) = UTF8Scalar.decode(source, at: offset)
        return Unicode.Scalar(value)?.properties.isUppercase ?? false
    }

    /// Levenshtein distance over bytes, or nil once it is over `limit`.
    /// Only the band of cells within `limit` of the diagonal is worked out
    /// (a path leaving it costs more than `limit`): 5 cells a row for a
    /// limit of 2, not the whole row.
    static func editDistance(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>, limit: Int) -> Int? {
        if abs(a.count - b.count) > limit { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let over = limit + 1  // any cost beyond the limit
        // Two rows, on the stack: names are short.
        return withUnsafeTemporaryAllocation(of: Int.self, capacity: 2 * (b.count + 2)) { rows -> Int? in
            var previous = UnsafeMutableBufferPointer(rebasing: rows[0...(b.count + 1)])
            var current = UnsafeMutableBufferPointer(rebasing: rows[(b.count + 2)...])
            for j in 0...(b.count + 1) { previous[j] = j <= limit ? j : over }
            for i in 1...a.count {
                let low = max(1, i - limit), high = min(b.count, i + limit)
                // The cells just outside the band, read by this row and the next.
                current[low - 1] = low == 1 ? i : over
                current[high + 1] = over
                var rowMinimum = over
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    let cell = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                    current[j] = cell
                    rowMinimum = min(rowMinimum, cell)
                }
                if rowMinimum > limit { return nil }
                swap(&previous, &current)
            }
            let distance = previous[b.count]
            return distance <= limit ? distance : nil
        }
    }
}
