import NomenModel
import Synchronization

/// What a mention links to, as numbers into the compiled glossary of the
/// matcher that found it. Annotating makes no strings for it: an id, a
/// preferred name and a candidate list per mention were a sixth of annotate
/// time at 100k entities, while most callers read a few of them or none
/// (the linter reads one id per mention); `Mention` makes them when read.
/// The matcher is immutable, so a mention can be read on any thread.
struct MentionLink: Sendable {
    static let none = UInt32.max

    let matcher: Matcher
    /// The language of `canonical`.
    let language: DocumentLanguage
    /// The entity, or `none` when the mention is ambiguous.
    let entity: UInt32
    /// When ambiguous: the key (its handle, `CompiledGlossary`) all of whose
    /// entities are the candidates, or `none` when `listedCandidates` holds
    /// them (some turned down by case rules, or short forms among them).
    let key: UInt32
    let listedCandidates: [UInt32]

    static func entity(_ entity: UInt32, matcher: Matcher, language: DocumentLanguage) -> MentionLink {
        MentionLink(matcher: matcher, language: language, entity: entity, key: none, listedCandidates: [])
    }

    static func ambiguous(key: UInt32, matcher: Matcher, language: DocumentLanguage) -> MentionLink {
        MentionLink(matcher: matcher, language: language, entity: none, key: key, listedCandidates: [])
    }

    static func ambiguous(_ candidates: [UInt32], matcher: Matcher, language: DocumentLanguage) -> MentionLink {
        MentionLink(matcher: matcher, language: language, entity: none, key: none, listedCandidates: candidates)
    }

    var entityID: String? {
        entityIDHandle.map { matcher.compiled.strings.string($0) }
    }

    /// The entity's id as a handle into the compiled glossary's strings.
    var entityIDHandle: UInt32? {
        guard entity != Self.none else { return nil }
        return matcher.compiled.entityID[Int(entity)]
    }

    var type: EntityType? {
        guard entity != Self.none else { return nil }
        return EntityType.allCases[Int(matcher.compiled.entityType[Int(entity)])]
    }

    /// The preferred name in `language`, else in the next language in order
    /// of preference (vi: en, zh; en: vi, zh; zh: en, vi).
    var canonical: String? {
        canonicalHandle.map { matcher.compiled.strings.string($0) }
    }

    /// `canonical` as a handle into the compiled glossary's strings.
    var canonicalHandle: UInt32? {
        guard entity != Self.none else { return nil }
        let compiled = matcher.compiled
        let base = Int(entity) * 3
        // Slots in order of preference (vi, en, zh are slots 0, 1, 2).
        let slots: (Int, Int, Int)
        switch language {
        case .vi: slots = (0, 1, 2)
        case .en: slots = (1, 0, 2)
        case .zh: slots = (2, 1, 0)
        }
        for rank in 0..<3 {
            let index = compiled.canonical[base + (rank == 0 ? slots.0 : rank == 1 ? slots.1 : slots.2)]
            if index != CompiledGlossary.missing { return index }
        }
        return nil
    }

    /// The candidates' ids in `String` order.
    var candidateIDs: [String] {
        let strings = matcher.compiled.strings
        return candidateIDHandles.map { strings.string($0) }
    }

    /// The candidates' ids as handles into the compiled glossary's strings,
    /// in `String` order.
    var candidateIDHandles: [UInt32] {
        guard entity == Self.none else { return [] }
        if key != Self.none { return matcher.candidateLists.list(ofKey: key, matcher.compiled).handles }
        // Short forms found after the names may break the order.
        let compiled = matcher.compiled
        return listedCandidates.sorted().map { compiled.entityID[Int($0)] }
    }

    /// The JSON of a whole key's candidates, quoted ids separated by commas,
    /// made once per key; nil when the candidates are listed one by one.
    var keyCandidatesJSON: [UInt8]? {
        guard entity == Self.none, key != Self.none else { return nil }
        return matcher.candidateLists.list(ofKey: key, matcher.compiled).json
    }
}

/// The candidates of each ambiguous key, made when first read and kept,
/// shared by the threads that read mentions of one matcher. At a million
/// entities an ambiguous name has tens of candidates and the JSON lists
/// them some twelve million times: each id is a few cache misses away in
/// the glossary's strings, so a key's list is read from them once.
final class CandidateLists: Sendable {
    struct List: Sendable {
        /// Handles of the ids, in `String` order.
        let handles: [UInt32]
        /// `"id1","id2"`: the ids as JSON string literals, comma-separated.
        let json: [UInt8]
    }

    private let lists = Mutex<[UInt32: List]>([:])

    /// Every entity of the key once, in `String` order: entities are
    /// numbered in id order (`MatcherBuilder.build`) and a key lists its
    /// names in entity order, so the list needs no sorting.
    func list(ofKey key: UInt32, _ compiled: CompiledGlossary) -> List {
        if let known = lists.withLock({ $0[key] }) { return known }
        var handles: [UInt32] = []
        var previous = MentionLink.none
        // Every name of the key; short forms come after them and count only when listed.
        for entry in compiled.entries(ofKey: key) where !entry.isShort && entry.entity != previous {
            handles.append(compiled.entityID[Int(entry.entity)])
            previous = entry.entity
        }
        let json = JSONBytes(capacity: handles.count * 24)
        for (index, handle) in handles.enumerated() {
            if index > 0 { json.append(",") }
            json.append(quotedUTF8: compiled.strings.bytes(handle))
        }
        let list = List(handles: handles, json: json.bytes)
        lists.withLock { $0[key] = list }
        return list
    }
}
