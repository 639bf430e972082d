import Foundation
import NomenModel
import NomenNormalization

/// One entity found by `GlossaryBackend.find`, with the name that matched best.
public struct FindResult: Hashable, Sendable {
    public let entity: Entity
    public let matchedName: Name
    /// The strictest tier at which the query's key equals the name's; nil
    /// when the match is fuzzy (typos, part of a longer name).
    public let tier: MatchTier?
    /// 1.0 for an exact match, down to about 0.5 for a weak fuzzy one.
    public let score: Double
}

/// How `find` ranks names: the same on every back end.
enum FindRanking {
    /// Score of a match at each tier; fuzzy matches score below all of them.
    static let tierScores: [MatchTier: Double] = [.exact: 1.0, .caseless: 0.99, .folded: 0.97, .compact: 0.95]
    /// Fuzzy scores are the similarity (0…1) times this.
    static let fuzzyWeight = 0.9
    /// Similarity below which a fuzzy candidate is dropped.
    static let fuzzyThreshold = 0.55
    /// Names scored for a fuzzy match, and as many more as tie with the last.
    static let fuzzyCandidates = 300
    static let fuzzyCandidatesWithTies = 1_000
    /// Postings of the trigram index read per query, beyond the minimum.
    static let fuzzyPostingBudget = 20_000

    /// The best name of an entity found so far.
    struct Candidate {
        var entityID: String
        var nameRowID: Int64
        var status: NameStatus
        var tier: MatchTier?
        var score: Double
    }
}

extension GlossaryBackend {
    /// Finds entities by name, tolerant of diacritics, case, spacing and
    /// typos, best first.
    ///
    /// Ranking: a match of the query's key at a tier (exact, caseless,
    /// folded, compact: one index hit each) beats any fuzzy match; fuzzy
    /// candidates come from the trigram index on folded keys and are scored
    /// by edit distance between folded (and compact) keys, or by containment
    /// of the query as whole words in a longer name. Ties go to the entity
    /// whose matched name has the better status, then to the smaller id.
    public func find(_ query: String, limit: Int = 10, type: EntityType? = nil) throws -> [FindResult] {
        // ASCII queries are keyed without ICU; others need the normalizers,
        // and the fold (whose first use builds an ICU transliterator) only
        // when no stored name has the query's exact key: names with equal
        // exact keys have equal folded and compact keys.
        let asciiKeys = MatchKeys.ascii(query)
        let exact = try asciiKeys?.exact ?? MatchKey.exact(query)
        guard !exact.isEmpty else { return [] }
        let caseless = try asciiKeys?.caseless ?? MatchKey.caseless(exact: exact)
        return try read { transaction in
            typealias Candidate = FindRanking.Candidate
            var best: [String: Candidate] = [:]
            func consider(_ candidate: Candidate) {
                if let current = best[candidate.entityID] {
                    if candidate.score < current.score { return }
                    if candidate.score == current.score && FindRanking.statusRank(candidate.status) >= FindRanking.statusRank(current.status) { return }
                }
                best[candidate.entityID] = candidate
            }
            var keys = asciiKeys
            if keys == nil {
                if let stored = try transaction.storedKeys(exact: exact) {
                    keys = MatchKeys(exact: exact, caseless: caseless, folded: stored.folded, compact: stored.compact)
                } else {
                    keys = try MatchKeys(query)
                }
            }
            guard let keys, !keys.folded.isEmpty else { return [] }

            for name in try transaction.names(matchingAnyOf: keys, type: type) {
                let tier: MatchTier = if name.keys.exact == keys.exact { .exact }
                    else if name.keys.caseless == keys.caseless { .caseless }
                    else if name.keys.folded == keys.folded { .folded }
                    else { .compact }
                consider(Candidate(entityID: name.entityID, nameRowID: name.rowID, status: name.status,
                                   tier: tier, score: FindRanking.tierScores[tier] ?? 0))
            }

            // Fuzzy candidates through the trigram index.
            if best.count < limit {
                let candidates = try FindRanking.trigramCandidates(transaction, folded: keys.folded)
                if !candidates.isEmpty {
                    let similarity = FindRanking.Similarity(query: keys)
                    for name in try transaction.names(rowIDs: candidates, type: type) {
                        let score = similarity.score(folded: name.keys.folded, compact: name.keys.compact)
                        guard score >= FindRanking.fuzzyThreshold else { continue }
                        consider(Candidate(entityID: name.entityID, nameRowID: name.rowID, status: name.status,
                                           tier: nil, score: FindRanking.fuzzyWeight * score))
                    }
                }
            }

            let ranked = best.values.sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.status != b.status { return FindRanking.statusRank(a.status) < FindRanking.statusRank(b.status) }
                return a.entityID < b.entityID
            }.prefix(limit)
            guard !ranked.isEmpty else { return [] }
            // The entities and matched names in two queries each.
            let entities = try transaction.entities(ids: ranked.map(\.entityID), type: nil, lang: nil)
            let entityByID = Dictionary(entities.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
            let nameByRowID = try transaction.namesByRowID(ranked.map(\.nameRowID))
            return ranked.compactMap { candidate -> FindResult? in
                guard let entity = entityByID[candidate.entityID], let name = nameByRowID[candidate.nameRowID] else { return nil }
                return FindResult(entity: entity, matchedName: name, tier: candidate.tier,
                                  score: (candidate.score * 1000).rounded() / 1000)
            }
        }
    }
}

extension FindRanking {
    static func statusRank(_ status: NameStatus) -> Int {
        switch status {
        case .preferred: 0
        case .admitted: 1
        case .deprecated: 2
        case .forbidden: 3
        }
    }

    /// The names worth scoring for a fuzzy match: those sharing the most of
    /// the query's rarer trigrams.
    ///
    /// The trigrams absent from the index are dropped; of the others, the
    /// rarest are kept up to a budget of postings, but at least a third of
    /// them (and three), so that one typo, which changes at most three
    /// trigrams, cannot hide a name. Each name found scores the rarity
    /// (log(names / names with the trigram)) of every kept trigram it has;
    /// the best `fuzzyCandidates` names (and any tied with the last) are
    /// returned. The posting lists are read one trigram at a time, so the
    /// cost is their total length, not a ranking of every name that shares
    /// one trigram.
    static func trigramCandidates(_ transaction: any GlossaryTransaction, folded: String) throws -> [Int64] {
        let trigrams = trigrams(of: folded)
        guard !trigrams.isEmpty else { return [] }
        let frequencies = try transaction.trigramCounts(trigrams)
            .map { (term: $0.trigram, doc: $0.names) }
            .filter { $0.doc > 0 }
            .sorted { $0.doc != $1.doc ? $0.doc < $1.doc : $0.term < $1.term }
        guard !frequencies.isEmpty else { return [] }
        var chosen: [(term: String, doc: Int)] = []
        var postings = 0
        let minimum = max(3, (frequencies.count + 2) / 3)
        for item in frequencies {
            if chosen.count >= minimum && postings + item.doc > fuzzyPostingBudget { break }
            chosen.append(item)
            postings += item.doc
        }
        let maxRowID = Int(try transaction.maxNameRowID())
        guard maxRowID > 0 else { return [] }
        // Scores by rowid in one array (rowids are dense), and the rowids seen.
        var scores = [Float](repeating: 0, count: maxRowID + 1)
        var seenRowIDs: [Int] = []
        seenRowIDs.reserveCapacity(postings)
        for item in chosen {
            let weight = Float(log(Double(maxRowID + 1) / Double(item.doc)))
            for rowID in try transaction.nameRowIDs(withTrigram: item.term) {
                let index = Int(rowID)
                guard index >= 0 && index <= maxRowID else { continue }
                if scores[index] == 0 { seenRowIDs.append(index) }
                scores[index] += weight
            }
        }
        seenRowIDs.sort { scores[$0] != scores[$1] ? scores[$0] > scores[$1] : $0 < $1 }
        guard seenRowIDs.count > fuzzyCandidates else { return seenRowIDs.map(Int64.init) }
        let last = scores[seenRowIDs[fuzzyCandidates - 1]]
        var end = fuzzyCandidates
        while end < min(seenRowIDs.count, fuzzyCandidatesWithTies) && scores[seenRowIDs[end]] == last { end += 1 }
        return seenRowIDs[..<end].map(Int64.init)
    }

    /// The distinct trigrams (three consecutive Unicode scalars) of a folded
    /// key, in order of first appearance, as the trigram index has them.
    package static func trigrams(of folded: String) -> [String] {
        let scalars = Array(folded.unicodeScalars)
        guard scalars.count >= 3 else { return [] }
        var trigrams: [String] = []
        var seen: Set<String> = []
        for start in 0...(scalars.count - 3) {
            let trigram = String(String.UnicodeScalarView(scalars[start..<(start + 3)]))
            if seen.insert(trigram).inserted { trigrams.append(trigram) }
        }
        return trigrams
    }

    /// How close a name's keys are to the query's, 0…1: one minus the edit
    /// distance between folded keys, or between compact keys, over the
    /// longer one's length, whichever is higher; at least 0.6 + 0.3 × the
    /// query's share of the name when the query is whole words of a longer
    /// name ("hai phong" in "thanh pho hai phong").
    struct Similarity {
        let folded: [Unicode.Scalar]
        let compact: [Unicode.Scalar]
        /// " query " as UTF-8, to find the query as whole words.
        let wordsUTF8: [UInt8]

        init(query: MatchKeys) {
            folded = Array(query.folded.unicodeScalars)
            compact = Array(query.compact.unicodeScalars)
            wordsUTF8 = Array((" " + query.folded + " ").utf8)
        }

        func score(folded nameFolded: String, compact nameCompact: String) -> Double {
            let n = Array(nameFolded.unicodeScalars)
            var score = 1 - Double(FindRanking.editDistance(folded, n)) / Double(max(folded.count, n.count, 1))
            let nc = Array(nameCompact.unicodeScalars)
            score = max(score, 1 - Double(FindRanking.editDistance(compact, nc)) / Double(max(compact.count, nc.count, 1)))
            if n.count > folded.count {
                var padded: [UInt8] = [0x20]
                padded.append(contentsOf: nameFolded.utf8)
                padded.append(0x20)
                if Self.contains(padded, wordsUTF8) {
                    score = max(score, 0.6 + 0.3 * Double(folded.count) / Double(n.count))
                }
            }
            return score
        }

        static func contains(_ haystack: [UInt8], _ needle: [UInt8]) -> Bool {
            guard needle.count <= haystack.count else { return false }
            if needle.isEmpty { return true }
            for start in 0...(haystack.count - needle.count) where haystack[start] == needle[0] {
                if haystack[start..<(start + needle.count)].elementsEqual(needle) { return true }
            }
            return false
        }
    }

    /// Levenshtein distance between two scalar arrays.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = Array(repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
