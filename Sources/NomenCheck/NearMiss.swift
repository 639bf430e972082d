import NomenModel
import NomenNormalization

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
    }

    struct Candidate {
        let range: Range<Int>
        /// The entity's names with the key, by language, for the suggestion.
        let names: [String: String]
        let entity: String
        let distance: Int
    }

    private var names: [Name] = []
    private var byWord: [String: [(name: Int, position: Int)]] = [:]
    private var knownKeys: Set<String> = []
    private let folder: FastFolder
    static let anchorLimit = 200

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
                names.append(Name(words: words, key: key, entity: entity.id, names: [name.lang: name.text]))
                for (position, word) in words.enumerated() {
                    byWord[word, default: []].append((index, position))
                }
            }
        }
        for (word, list) in byWord where list.count > Self.anchorLimit { byWord[word] = nil }
    }

    /// Candidates in a document, at most one per window, in text order.
    /// Windows whose folded words are exactly a name (distance 0) come too:
    /// the wrong-diacritics rule looks at those the annotator did not take.
    func candidates(in bytes: [UInt8]) throws -> [Candidate] {
        let folded = try bytes.withUnsafeBufferPointer { buffer throws(FoldError) in try folder.fold(utf8: buffer) }
        // Words of the folded text: runs of ASCII letters and digits.
        var words: [(text: String, range: Range<Int>)] = []
        var start: Int? = nil
        let foldedBytes = folded.bytes
        for index in 0...foldedBytes.count {
            let isWordByte = index < foldedBytes.count && (foldedBytes[index] >= 0x80
                || (foldedBytes[index] >= 0x61 && foldedBytes[index] <= 0x7A)
                || (foldedBytes[index] >= 0x30 && foldedBytes[index] <= 0x39))
            if isWordByte {
                if start == nil { start = index }
            } else if let begun = start {
                words.append((String(decoding: foldedBytes[begun..<index], as: UTF8.self), begun..<index))
                start = nil
            }
        }
        var best: [Int: Candidate] = [:]  // by window start word
        for (index, word) in words.enumerated() {
            guard let anchors = byWord[word.text] else { continue }
            for (nameIndex, position) in anchors {
                let name = names[nameIndex]
                let first = index - position
                guard first >= 0, first + name.words.count <= words.count else { continue }
                let window = words[first..<(first + name.words.count)].map(\.text).joined(separator: " ")
                if window != name.key && knownKeys.contains(window) { continue }
                let limit = name.key.count >= 12 ? 2 : 1
                guard let distance = Self.editDistance(window, name.key, limit: limit) else { continue }
                let foldedRange = words[first].range.lowerBound..<words[first + name.words.count - 1].range.upperBound
                let sourceRange = folded.sourceRange(ofFolded: foldedRange)
                if let existing = best[first], existing.distance <= distance { continue }
                best[first] = Candidate(range: sourceRange, names: name.names, entity: name.entity, distance: distance)
            }
        }
        return best.keys.sorted().map { best[$0]! }
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
