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
        let words: [String]
        let key: String
        let entity: String
        /// The entity's names with this key, by language.
        var names: [String: String]
        let wordBytes: [[UInt8]]
        /// `key.utf8.count`, for the length filter.
        let keyLength: Int
    }

    struct Candidate {
        let range: Range<Int>
        /// The entity's names with the key, by language, for the suggestion.
        let names: [String: String]
        let entity: String
        let distance: Int
    }

    private var names: [Name] = []
    /// Each name's word count and key length, for the first filters.
    private var nameWordCounts: [Int] = []
    private var nameKeyLengths: [Int] = []
    private var byWord: [String: [(name: Int, position: Int)]] = [:]
    private var knownKeys: Set<String> = []
    private var anchorHashes: Set<UInt64> = []
    /// The anchor hashes as bits: a word whose bit is clear anchors nothing.
    private var anchorFilter = HashFilter()
    private let folder: FastFolder
    /// Words shared by more names than this do not anchor a window (they
    /// are family names and common words: nguyen, van, city).
    static let anchorLimit = 64

    init(entities: [Entity]) throws {
        folder = try FastFolder()
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
                names.append(Name(words: words, key: key, entity: entity.id, names: [name.lang: name.text],
                                   wordBytes: words.map { Array($0.utf8) }, keyLength: key.utf8.count))
                nameWordCounts.append(words.count)
                nameKeyLengths.append(key.utf8.count)
                for (position, word) in words.enumerated() {
                    byWord[word, default: []].append((index, position))
                }
            }
        }
        for (word, list) in byWord where list.count > Self.anchorLimit { byWord[word] = nil }
        for word in byWord.keys {
            let bytes = Array(word.utf8)
            let hash = Self.hash(bytes, 0..<bytes.count)
            anchorHashes.insert(hash)
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
    /// are candidates (names are written in Title Case).
    func candidates(in bytes: [UInt8]) throws(FoldError) -> [Candidate] {
        let folded = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        let text = folded.bytes
        // Words of the folded text as byte ranges: runs of ASCII letters and
        // digits and non-ASCII bytes, each hashed as it is read. No String is
        // made for a word unless its hash says it may anchor a name; most
        // words are ruled out by the filter alone, without the set.
        var words: [Range<Int>] = []
        words.reserveCapacity(text.count / 5)
        var anchoring: [(word: Int, hash: UInt64)] = []
        text.withUnsafeBufferPointer { text in
            var start = -1
            var hash = FNV1a.offsetBasis
            for index in 0...text.count {
                let byte = index < text.count ? text[index] : 0x20
                if byte >= 0x80 || (byte >= 0x61 && byte <= 0x7A) || (byte >= 0x30 && byte <= 0x39) {
                    if start < 0 { start = index; hash = FNV1a.offsetBasis }
                    hash = FNV1a.step(hash, byte)
                } else if start >= 0 {
                    if anchorFilter.mayContain(hash) { anchoring.append((words.count, hash)) }
                    words.append(start..<index)
                    start = -1
                }
            }
        }
        func equal(_ range: Range<Int>, _ word: [UInt8]) -> Bool {
            guard range.count == word.count else { return false }
            var offset = 0
            for index in range {
                if text[index] != word[offset] { return false }
                offset += 1
            }
            return true
        }
        // Whether a word starts with a capital letter in the source, found
        // when first asked (0 unknown, 1 yes, 2 no).
        var capitalized = [UInt8](repeating: 0, count: words.count)
        func isCapitalized(_ index: Int) -> Bool {
            if capitalized[index] == 0 {
                let offset = Int(folded.sourceOffsets[words[index].lowerBound])
                let lead = bytes[offset]
                var upper = false
                if lead < 0x80 {
                    upper = lead >= 0x41 && lead <= 0x5A
                } else if let scalar = String(decoding: bytes[offset..<min(bytes.count, offset + 4)], as: UTF8.self).unicodeScalars.first {
                    upper = scalar.properties.isUppercase
                }
                capitalized[index] = upper ? 1 : 2
            }
            return capitalized[index] == 1
        }
        var best: [Int: Candidate] = [:]  // by window start word
        for (index, hash) in anchoring {
            let word = words[index]
            guard anchorHashes.contains(hash), isCapitalized(index),
                  let anchors = byWord[String(decoding: text[word], as: UTF8.self)] else { continue }
            for (nameIndex, position) in anchors {
                // Cheap filters first, on plain integers (copying a `Name` retains its
                // arrays): the window's place, its length, its capitals.
                let wordCount = nameWordCounts[nameIndex], keyLength = nameKeyLengths[nameIndex]
                let first = index - position
                guard first >= 0, first + wordCount <= words.count else { continue }
                let limit = keyLength >= 12 ? 2 : 1
                var length = wordCount - 1
                for offset in 0..<wordCount { length += words[first + offset].count }
                if abs(length - keyLength) > limit { continue }
                guard (first..<(first + wordCount)).allSatisfy(isCapitalized) else { continue }
                // Then how many of its words already equal the name's (each edit
                // changes at most one word).
                let name = names[nameIndex]
                var equalWords = 0
                for offset in 0..<name.words.count where equal(words[first + offset], name.wordBytes[offset]) { equalWords += 1 }
                if equalWords < name.words.count - limit { continue }
                let windowRange = words[first].lowerBound..<words[first + name.words.count - 1].upperBound
                let distance: Int
                if equalWords == name.words.count {
                    // The window is the name's key itself (most windows of a text that spells names right).
                    distance = 0
                } else {
                    let window = words[first..<(first + name.words.count)]
                        .map { String(decoding: text[$0], as: UTF8.self) }.joined(separator: " ")
                    if knownKeys.contains(window) { continue }
                    guard let edits = Self.editDistance(window, name.key, limit: limit) else { continue }
                    distance = edits
                }
                let sourceRange = folded.sourceRange(ofFolded: windowRange)
                if let existing = best[first], existing.distance <= distance { continue }
                best[first] = Candidate(range: sourceRange, names: name.names, entity: name.entity, distance: distance)
            }
        }
        return best.keys.sorted().map { best[$0]! }
    }

    /// A word's hash, to rule out most words without a String.
    static func hash(_ bytes: [UInt8], _ range: Range<Int>) -> UInt64 {
        FNV1a.hash(bytes[range])
    }

    /// Levenshtein distance, or nil once it is over `limit`.
    static func editDistance(_ a: String, _ b: String, limit: Int) -> Int? {
        let a = Array(a.utf8), b = Array(b.utf8)
        if abs(a.count - b.count) > limit { return nil }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...max(a.count, 1) where !a.isEmpty {
            current[0] = i
            var rowMinimum = current[0]
            for j in 1...max(b.count, 1) where !b.isEmpty {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                rowMinimum = min(rowMinimum, current[j])
            }
            if rowMinimum > limit { return nil }
            swap(&previous, &current)
        }
        let distance = previous[b.count]
        return distance <= limit ? distance : nil
    }
}
