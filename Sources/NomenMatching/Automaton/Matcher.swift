import Foundation
import NomenModel
@_spi(Performance) import NomenNormalization

/// Why a matcher could not be built or loaded.
public struct MatcherError: Error, Equatable, CustomStringConvertible, Sendable {
    enum Kind: Equatable, Sendable {
        case tooManyPatterns(Int)
        case keyTooLong(name: String, bytes: Int)
        case fold(String)
        case corruptCache(String)
    }

    let kind: Kind

    /// The most keys one matcher holds (entries are 32-bit indices).
    public static let patternLimit = Int(Int32.max)
    /// The longest folded key of one name, in UTF-8 bytes.
    public static let keyByteLimit = 1024

    public var description: String {
        switch kind {
        case .tooManyPatterns(let count):
            "the glossary has \(count) match keys, over the limit of \(Self.patternLimit)"
        case .keyTooLong(let name, let bytes):
            "the name \"\(name.prefix(40))…\" folds to \(bytes) bytes, over the limit of \(Self.keyByteLimit)"
        case .fold(let message): "cannot fold a name: \(message)"
        case .corruptCache(let why): "the matcher cache is unreadable: \(why)"
        }
    }
}

/// Builds a `Matcher` with options. Add entities one at a time (so a large
/// glossary never has to be held in memory as `Entity` values), then
/// `build()`.
///
///     var builder = MatcherBuilder()
///     builder.semantics = .relaxedCase
///     for entity in entities { try builder.add(entity) }
///     let matcher = try builder.build()
public struct MatcherBuilder {
    /// The case rules; `.standard` unless changed.
    public var semantics: MatchSemantics = .standard
    /// Whether short mentions of persons ("Xi", "ông Chính") are looked for.
    /// Off under `.relaxedCase` whatever this says.
    public var shortMentions = true

    private var keys = StringTable()
    private var keyEntries: [PatternEntry] = []
    private var strings = StringTable()
    private var entityID: [UInt32] = []
    private var entityType: [UInt8] = []
    private var canonical: [UInt32] = []
    private var nameCount = 0
    private var folder: FastFolder?
    private var compactScratch: [UInt8] = []
    private var nameIndex: [String: UInt32] = [:]

    public init() {}

    public mutating func add(_ entity: Entity) throws(MatcherError) {
        if folder == nil {
            do { folder = try FastFolder() } catch { throw MatcherError(kind: .fold(error.description)) }
        }
        let index = UInt32(entityID.count)
        entityID.append(strings.append(entity.id))
        entityType.append(UInt8(EntityType.allCases.firstIndex(of: entity.type) ?? 0))
        for lang in ["vi", "en", "zh-Hans"] {
            canonical.append(entity.preferredName(in: lang).map { strings.append($0.text) } ?? CompiledGlossary.missing)
        }
        var seen = Set<String>()
        for name in entity.names where seen.insert(name.text).inserted {
            nameCount += 1
            try addKeys(of: name.text, policy: name.casePolicy, entity: index, short: false)
        }
        if entity.type == .person, shortMentions, semantics == .standard {
            for short in Self.shortForms(of: entity) where seen.insert(short).inserted {
                try addKeys(of: short, policy: .auto, entity: index, short: true)
            }
        }
    }

    private mutating func addKeys(of text: String, policy: CasePolicy, entity: UInt32, short: Bool) throws(MatcherError) {
        // The folded key as bytes, trimmed of spaces; no `String` unless it is not ASCII.
        var source = text
        let result = source.withUTF8 { buffer -> Result<FoldedText, FoldError> in
            do throws(FoldError) { return .success(try folder!.fold(utf8: buffer)) } catch { return .failure(error) }
        }
        let foldedText: FoldedText
        switch result {
        case .success(let value): foldedText = value
        case .failure(let error): throw MatcherError(kind: .fold(error.description))
        }
        var lower = 0, upper = foldedText.bytes.count
        while lower < upper && foldedText.bytes[lower] == 0x20 { lower += 1 }
        while upper > lower && foldedText.bytes[upper - 1] == 0x20 { upper -= 1 }
        guard upper > lower else { return }
        let folded = foldedText.bytes[lower..<upper]
        guard folded.count <= MatcherError.keyByteLimit else {
            throw MatcherError(kind: .keyTooLong(name: text, bytes: folded.count))
        }
        let (needs, common) = CaseEvidence.keyNeedsEvidence(folded: folded)
        let rule: PatternEntry.Policy
        switch (semantics, policy) {
        case (.relaxedCase, _), (_, .insensitive): rule = .any
        case (_, .sensitive): rule = .sensitive
        case (_, .auto): rule = needs || short ? .needsEvidence : .any
        }
        var flags = rule.rawValue << PatternEntry.policyShift
        flags |= source.withUTF8 { PatternEntry.traitFlags(Search.TextTraits($0)) }
        if short { flags |= PatternEntry.shortForm }
        if common || short { flags |= PatternEntry.commonKey }
        // Names are stored once per distinct text, so the search can tell two entries with the
        // same name apart from their index alone.
        let name: UInt32
        if let known = nameIndex[text] {
            name = known
        } else {
            guard text.utf8.count <= PatternEntry.nameByteLimit else {
                throw MatcherError(kind: .keyTooLong(name: text, bytes: text.utf8.count))
            }
            name = strings.append(text)
            nameIndex[text] = name
        }
        let nameStart = strings.offsets[Int(name)]
        let nameLength = UInt16(strings.offsets[Int(name) + 1] - nameStart)
        _ = keys.append(bytes: folded)
        keyEntries.append(PatternEntry(entity: entity, nameStart: nameStart, nameLength: nameLength, flags: flags))
        // The compact key (`MatchKey.compactingFolded`): without spaces, hyphens,
        // apostrophes and the middle dots U+00B7 and U+30FB.
        compactScratch.removeAll(keepingCapacity: true)
        var index = folded.startIndex
        while index < folded.endIndex {
            let byte = folded[index]
            if byte == 0x20 || byte == 0x2D || byte == 0x27 {
                index += 1
            } else if byte == 0xC2 && index + 1 < folded.endIndex && folded[index + 1] == 0xB7 {
                index += 2
            } else if byte == 0xE3 && index + 2 < folded.endIndex && folded[index + 1] == 0x83 && folded[index + 2] == 0xBB {
                index += 3
            } else {
                compactScratch.append(byte)
                index += 1
            }
        }
        if compactScratch.count != folded.count && !compactScratch.isEmpty {
            _ = keys.append(bytes: compactScratch[...])
            keyEntries.append(PatternEntry(entity: entity, nameStart: nameStart, nameLength: nameLength, flags: flags | PatternEntry.compactKey))
        }
        guard keyEntries.count <= MatcherError.patternLimit else {
            throw MatcherError(kind: .tooManyPatterns(keyEntries.count))
        }
    }

    /// The short forms of a person's name: the given name alone for
    /// Vietnamese names (family name first, written in Latin letters), the
    /// family name alone for Chinese and Korean names (family name first, in
    /// Han or Hangul) and for Western names (family name last). Taken from
    /// every Latin-script name of two or more words.
    public static func shortForms(of entity: Entity) -> [String] {
        guard let order = entity.nameOrder else { return [] }
        let familyIsLatin = entity.familyName.map { family in
            family.unicodeScalars.allSatisfy { $0.value < 0x2E80 }
        } ?? true
        var result: [String] = []
        for name in entity.names where name.status != .forbidden && name.kind != .misspelling && name.kind != .abbreviation {
            guard name.text.unicodeScalars.allSatisfy({ $0.value < 0x2E80 }) else { continue }
            let words = name.text.split(separator: " ")
            guard words.count >= 2 else { continue }
            let short: Substring
            switch order {
            case .familyFirst: short = familyIsLatin ? words.last! : words.first!
            case .familyLast: short = words.last!
            }
            if !result.contains(String(short)) { result.append(String(short)) }
        }
        return result
    }

    /// The entities in the order of their ids (`String` order), so that
    /// a candidate list sorted by entity number is sorted by id: `rank[e]` is
    /// the new number of the entity added `e`-th.
    private func entityRanks() -> [UInt32] {
        var order = [UInt32](0..<UInt32(entityID.count))
        let ascii = entityID.allSatisfy { id in !strings.bytes(id).contains { $0 >= 0x80 } }
        strings.blob.withUnsafeBufferPointer { blob in
            strings.offsets.withUnsafeBufferPointer { offsets in
                entityID.withUnsafeBufferPointer { entityID in
                    if ascii, let base = blob.baseAddress {
                        // ASCII ids: byte order is `String` order.
                        order.sort { a, b in
                            let aStart = Int(offsets[Int(entityID[Int(a)])]), aLength = Int(offsets[Int(entityID[Int(a)]) + 1]) - aStart
                            let bStart = Int(offsets[Int(entityID[Int(b)])]), bLength = Int(offsets[Int(entityID[Int(b)]) + 1]) - bStart
                            let common = min(aLength, bLength)
                            let result = common == 0 ? 0 : memcmp(base + aStart, base + bStart, common)
                            return result != 0 ? result < 0 : aLength < bLength
                        }
                    } else {
                        let ids = entityID.map { strings.string($0) }
                        order.sort { ids[Int($0)] < ids[Int($1)] }
                    }
                }
            }
        }
        var rank = [UInt32](repeating: 0, count: order.count)
        for (position, entity) in order.enumerated() { rank[Int(entity)] = UInt32(position) }
        return rank
    }

    /// Compiles the automaton. Numbers the entities in id order, sorts every
    /// key, merges equal keys into one group and lays the trie out.
    public func build() throws(MatcherError) -> Matcher {
        let rank = entityRanks()
        var entityID = self.entityID, entityType = self.entityType, canonical = self.canonical
        for old in 0..<rank.count {
            let new = Int(rank[old])
            entityID[new] = self.entityID[old]
            entityType[new] = self.entityType[old]
            for slot in 0..<3 { canonical[3 * new + slot] = self.canonical[3 * old + slot] }
        }
        let keyEntries = self.keyEntries.map { entry in
            PatternEntry(entity: rank[Int(entry.entity)], nameStart: entry.nameStart, nameLength: entry.nameLength, flags: entry.flags)
        }
        let count = keyEntries.count
        var order = [UInt32](0..<UInt32(count))
        keys.blob.withUnsafeBufferPointer { blob in
            keys.offsets.withUnsafeBufferPointer { offsets in
                keyEntries.withUnsafeBufferPointer { keyEntries in
                    let base = blob.baseAddress
                    // Equal keys: names before short forms (the search relies on it), then in entity order.
                    order.sort { a, b in
                        let aStart = Int(offsets[Int(a)]), aLength = Int(offsets[Int(a) + 1]) - aStart
                        let bStart = Int(offsets[Int(b)]), bLength = Int(offsets[Int(b) + 1]) - bStart
                        let common = min(aLength, bLength)
                        let result = common == 0 ? 0 : memcmp(base! + aStart, base! + bStart, common)
                        if result != 0 { return result < 0 }
                        if aLength != bLength { return aLength < bLength }
                        let aEntry = keyEntries[Int(a)], bEntry = keyEntries[Int(b)]
                        if aEntry.isShort != bEntry.isShort { return bEntry.isShort }
                        if aEntry.entity != bEntry.entity { return aEntry.entity < bEntry.entity }
                        return a < b
                    }
                }
            }
        }
        // Merge equal keys: the distinct keys in order, and each one's entries.
        var distinct: [UInt32] = []
        var groupStart: [UInt32] = []
        var entries: [PatternEntry] = []
        distinct.reserveCapacity(count)
        entries.reserveCapacity(count)
        for key in order {
            if let last = distinct.last, keys.bytes(last) == keys.bytes(key) {
                // same key: extend the current group
            } else {
                distinct.append(key)
                groupStart.append(UInt32(entries.count))
            }
            entries.append(keyEntries[Int(key)])
        }
        groupStart.append(UInt32(entries.count))
        // The trie names each key by its first entry (`CompiledGlossary`).
        let trie = NameTrie.build(blob: keys.blob, offsets: keys.offsets, order: distinct)
            .renumberingGroups(Array(groupStart.dropLast()))
        let compiled = CompiledGlossary(
            trie: trie, groupStart: groupStart, entries: entries, strings: strings,
            entityID: entityID, entityType: entityType, canonical: canonical, nameCount: nameCount)
        return Matcher(compiled: compiled, semantics: semantics)
    }
}

/// A compiled glossary: finds the names of its entities in text by the rules
/// of `MatchSemantics`. Immutable and safe to share between threads; each
/// thread annotates through its own `Annotator`.
///
///     let matcher = try Matcher(entities)
///     let document = try matcher.annotate("President Luong Cuong met Xi Jinping.")
public final class Matcher: Sendable {
    let compiled: CompiledGlossary
    let shortForms: ShortFormIndex
    public let semantics: MatchSemantics
    let candidateLists = CandidateLists()

    init(compiled: CompiledGlossary, semantics: MatchSemantics) {
        self.compiled = compiled
        self.shortForms = ShortFormIndex(compiled)
        self.semantics = semantics
    }

    /// A matcher over `entities` with the standard semantics.
    public convenience init(_ entities: [Entity]) throws(MatcherError) {
        var builder = MatcherBuilder()
        for entity in entities { try builder.add(entity) }
        let built = try builder.build()
        self.init(compiled: built.compiled, semantics: built.semantics)
    }

    public var entityCount: Int { compiled.entityCount }
    public var nameCount: Int { compiled.nameCount }
    /// Keys in the automaton (folded and compact, names and short forms).
    public var keyCount: Int { compiled.groupCount }
    public var nodeCount: Int { compiled.trie.nodeCount }

    /// Annotates one document (a convenience; make an `Annotator` per thread
    /// to annotate many).
    public func annotate(_ text: String, language: DocumentLanguage? = nil) throws(AnnotationError) -> AnnotatedDocument {
        try Annotator(matcher: self).annotate(text, language: language)
    }
}

/// The short forms of each person (`PatternEntry.shortForm` entries) and
/// their groups, so that naming a person in full makes its short forms
/// searchable (`DocumentContext.activeShortForms`) without a look-up per
/// entry of a large group ("An" is the given name of thousands).
struct ShortFormIndex: Sendable {
    /// Entity `e`'s short forms are `entry[k]`, under the key whose handle
    /// is `group[k]`, for `k` in `start[e] ..< start[e + 1]`; all empty when
    /// the glossary has none.
    private var start: [UInt32] = []
    private var group: [UInt32] = []
    private var entry: [UInt32] = []

    init(_ compiled: CompiledGlossary) {
        var total = 0
        for item in compiled.entries where item.isShort { total += 1 }
        guard total > 0 else { return }
        var start = [UInt32](repeating: 0, count: compiled.entityCount + 1)
        for item in compiled.entries where item.isShort { start[Int(item.entity) + 1] += 1 }
        for index in 0..<compiled.entityCount { start[index + 1] += start[index] }
        var next = start
        var group = [UInt32](repeating: 0, count: total), entry = [UInt32](repeating: 0, count: total)
        for g in 0..<compiled.groupCount {
            for index in Int(compiled.groupStart[g])..<Int(compiled.groupStart[g + 1]) where compiled.entries[index].isShort {
                let entity = Int(compiled.entries[index].entity)
                let slot = Int(next[entity])
                group[slot] = compiled.groupStart[g]
                entry[slot] = UInt32(index)
                next[entity] += 1
            }
        }
        self.start = start
        self.group = group
        self.entry = entry
    }

    /// Adds `entity`'s short forms to `active` (entry indices by group).
    func activate(_ entity: UInt32, in active: inout [UInt32: [UInt32]]) {
        guard Int(entity) + 1 < start.count else { return }
        for k in Int(start[Int(entity)])..<Int(start[Int(entity) + 1]) {
            active[group[k], default: []].append(entry[k])
        }
    }
}
