import GRDB
import NomenModel
import NomenNormalization

/// One entity found by `GlossaryStore.find`, with the name that matched best.
public struct FindResult: Hashable, Sendable {
    public let entity: Entity
    public let matchedName: Name
    /// The strictest tier at which the query's key equals the name's; nil
    /// when the match is fuzzy (typos, part of a longer name).
    public let tier: MatchTier?
    /// 1.0 for an exact match, down to about 0.5 for a weak fuzzy one.
    public let score: Double
}

extension GlossaryStore {
    /// Score of a match at each tier; fuzzy matches score below all of them.
    static let tierScores: [MatchTier: Double] = [.exact: 1.0, .caseless: 0.99, .folded: 0.97, .compact: 0.95]
    /// Fuzzy scores are the similarity (0…1) times this.
    static let fuzzyWeight = 0.9
    /// Similarity below which a fuzzy candidate is dropped.
    static let fuzzyThreshold = 0.55
    /// Candidates read from the trigram index.
    static let fuzzyCandidates = 200

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
        let keys = try MatchKeys(query)
        guard !keys.folded.isEmpty else { return [] }
        return try read { db in
            struct Candidate {
                var entityID: String
                var nameRowID: Int64
                var status: NameStatus
                var tier: MatchTier?
                var score: Double
            }
            var best: [String: Candidate] = [:]
            func consider(_ candidate: Candidate) {
                if let current = best[candidate.entityID] {
                    if candidate.score < current.score { return }
                    if candidate.score == current.score && Self.statusRank(candidate.status) >= Self.statusRank(current.status) { return }
                }
                best[candidate.entityID] = candidate
            }
            let typeSQL = type == nil ? "" : " AND entity_id IN (SELECT id FROM entity WHERE type = ?)"
            var arguments: [any DatabaseValueConvertible] = [keys.exact, keys.caseless, keys.folded, keys.compact]
            if let type { arguments.append(type.rawValue) }
            let exactRows = try Row.fetchAll(db, sql: """
                SELECT id, entity_id, status, key_exact, key_caseless, key_folded, key_compact FROM name
                WHERE (key_exact = ? OR key_caseless = ? OR key_folded = ? OR key_compact = ?)\(typeSQL)
                """, arguments: StatementArguments(arguments))
            for row in exactRows {
                let tier: MatchTier = if row["key_exact"] == keys.exact { .exact }
                    else if row["key_caseless"] == keys.caseless { .caseless }
                    else if row["key_folded"] == keys.folded { .folded }
                    else { .compact }
                consider(Candidate(entityID: row["entity_id"], nameRowID: row["id"],
                                   status: NameStatus(rawValue: row["status"]) ?? .admitted,
                                   tier: tier, score: Self.tierScores[tier] ?? 0))
            }

            // Fuzzy candidates through the trigram index.
            if best.count < limit, let match = try Self.trigramQuery(db, folded: keys.folded) {
                let rows = try Row.fetchAll(db, sql: """
                    SELECT n.id, n.entity_id, n.status, n.key_folded, n.key_compact FROM name n
                    WHERE n.id IN (SELECT rowid FROM name_fts WHERE name_fts MATCH ? ORDER BY rank LIMIT \(Self.fuzzyCandidates))\(typeSQL)
                    """, arguments: StatementArguments([match] + (type.map { [$0.rawValue] } ?? [])))
                for row in rows {
                    let similarity = Self.similarity(query: keys, folded: row["key_folded"], compact: row["key_compact"])
                    guard similarity >= Self.fuzzyThreshold else { continue }
                    consider(Candidate(entityID: row["entity_id"], nameRowID: row["id"],
                                       status: NameStatus(rawValue: row["status"]) ?? .admitted,
                                       tier: nil, score: Self.fuzzyWeight * similarity))
                }
            }

            let ranked = best.values.sorted { a, b in
                if a.score != b.score { return a.score > b.score }
                if a.status != b.status { return Self.statusRank(a.status) < Self.statusRank(b.status) }
                return a.entityID < b.entityID
            }.prefix(limit)
            return try ranked.compactMap { candidate -> FindResult? in
                guard let entity = try Self.fetchEntity(db, id: candidate.entityID),
                      let row = try Row.fetchOne(db, sql: "SELECT * FROM name WHERE id = ?", arguments: [candidate.nameRowID])
                else { return nil }
                return FindResult(entity: entity, matchedName: try Self.name(from: row), tier: candidate.tier,
                                  score: (candidate.score * 1000).rounded() / 1000)
            }
        }
    }

    static func statusRank(_ status: NameStatus) -> Int {
        switch status {
        case .preferred: 0
        case .admitted: 1
        case .deprecated: 2
        case .forbidden: 3
        }
    }

    /// An FTS5 query OR-ing the query's rarer trigrams: trigrams absent from
    /// the index are dropped, and very common ones ("ng ") are left out while
    /// rarer ones remain, so the index reads short lists.
    static func trigramQuery(_ db: Database, folded: String) throws -> String? {
        let scalars = Array(folded.unicodeScalars)
        guard scalars.count >= 3 else { return nil }
        var trigrams: [String] = []
        var seen: Set<String> = []
        for start in 0...(scalars.count - 3) {
            let trigram = String(String.UnicodeScalarView(scalars[start..<(start + 3)]))
            if seen.insert(trigram).inserted { trigrams.append(trigram) }
        }
        let marks = trigrams.map { _ in "?" }.joined(separator: ", ")
        let frequencies = try Row.fetchAll(db, sql: "SELECT term, doc FROM name_fts_vocab WHERE term IN (\(marks))",
                                           arguments: StatementArguments(trigrams))
            .map { (term: $0["term"] as String, doc: $0["doc"] as Int) }
            .sorted { $0.doc != $1.doc ? $0.doc < $1.doc : $0.term < $1.term }
        guard !frequencies.isEmpty else { return nil }
        // Keep the rarest trigrams up to a budget of postings, but at least
        // half of them, so one typo cannot hide a name.
        var chosen: [String] = []
        var postings = 0
        let minimum = max(3, (frequencies.count + 1) / 2)
        for item in frequencies {
            if chosen.count >= minimum && postings + item.doc > 5_000 { break }
            chosen.append(item.term)
            postings += item.doc
        }
        return chosen.map { "\"" + $0.replacingOccurrences(of: "\"", with: "\"\"") + "\"" }.joined(separator: " OR ")
    }

    /// How close a name's keys are to the query's, 0…1.
    static func similarity(query: MatchKeys, folded: String, compact: String) -> Double {
        let q = Array(query.folded.unicodeScalars), n = Array(folded.unicodeScalars)
        var score = 1 - Double(editDistance(q, n)) / Double(max(q.count, n.count, 1))
        let qc = Array(query.compact.unicodeScalars), nc = Array(compact.unicodeScalars)
        score = max(score, 1 - Double(editDistance(qc, nc)) / Double(max(qc.count, nc.count, 1)))
        // The query as whole words inside a longer name ("hai phong" in "thanh pho hai phong").
        if n.count > q.count, (" " + folded + " ").contains(" " + query.folded + " ") {
            score = max(score, 0.6 + 0.3 * Double(q.count) / Double(n.count))
        }
        return score
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
