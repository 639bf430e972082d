import NomenModel

/// Strings kept as one UTF-8 blob with offsets: cheap to build, to write to
/// the cache and to load, at any glossary size.
struct StringTable: Sendable {
    var blob: [UInt8] = []
    var offsets: [UInt32] = [0]

    var count: Int { offsets.count - 1 }

    mutating func append(_ string: String) -> UInt32 {
        blob.append(contentsOf: string.utf8)
        offsets.append(UInt32(truncatingIfNeeded: blob.count))
        return UInt32(offsets.count - 2)
    }

    mutating func append(bytes: ArraySlice<UInt8>) -> UInt32 {
        blob.append(contentsOf: bytes)
        offsets.append(UInt32(truncatingIfNeeded: blob.count))
        return UInt32(offsets.count - 2)
    }

    func bytes(_ index: UInt32) -> ArraySlice<UInt8> {
        blob[Int(offsets[Int(index)])..<Int(offsets[Int(index) + 1])]
    }

    func string(_ index: UInt32) -> String {
        String(decoding: bytes(index), as: UTF8.self)
    }

    func isWellFormed() -> Bool {
        guard let first = offsets.first, first == 0, offsets.last.map({ Int($0) == blob.count }) ?? false else { return false }
        var previous: UInt32 = 0
        for value in offsets {
            if value < previous { return false }
            previous = value
        }
        return true
    }
}

/// One name (or short form) under one key: which entity, which text, which
/// case rule. Packed for the cache.
struct PatternEntry: Sendable, Equatable {
    var entity: UInt32
    /// The name's text (NFC): `CompiledGlossary.strings.blob[nameStart ..<
    /// nameStart + nameLength]`, held here rather than as a string index so
    /// that judging a candidate reads the entry and then the text, not an
    /// offset table between them. Each distinct name is stored once, so
    /// `nameStart` also identifies it.
    var nameStart: UInt32
    var nameLength: UInt16
    var flags: UInt8

    /// The longest name an entry holds, in UTF-8 bytes.
    static let nameByteLimit = Int(UInt16.max)
    var nameRange: Range<Int> { Int(nameStart)..<Int(nameStart) + Int(nameLength) }

    static let compactKey: UInt8 = 1 << 0
    static let shortForm: UInt8 = 1 << 1
    static let commonKey: UInt8 = 1 << 2
    /// Policy in bits 4–5.
    static let policyShift: UInt8 = 4
    /// The name's `Search.TextTraits`, worked out once when compiling.
    static let nameASCII: UInt8 = 1 << 3
    static let nameNeverASCII: UInt8 = 1 << 6
    static let nameSimple: UInt8 = 1 << 7

    enum Policy: UInt8 {
        case any = 0, needsEvidence = 1, sensitive = 2
    }

    var isCompact: Bool { flags & Self.compactKey != 0 }
    var isShort: Bool { flags & Self.shortForm != 0 }
    var isCommon: Bool { flags & Self.commonKey != 0 }
    var policy: Policy { Policy(rawValue: (flags >> Self.policyShift) & 3) ?? .any }
    var nameTraits: Search.TextTraits {
        Search.TextTraits(isASCII: flags & Self.nameASCII != 0, neverASCII: flags & Self.nameNeverASCII != 0,
                          isSimple: flags & Self.nameSimple != 0)
    }

    static func traitFlags(_ traits: Search.TextTraits) -> UInt8 {
        (traits.isASCII ? nameASCII : 0) | (traits.neverASCII ? nameNeverASCII : 0) | (traits.isSimple ? nameSimple : 0)
    }
}

/// Everything a search needs, in flat arrays: the trie, the pattern groups
/// and the entity table. This is what the on-disk cache holds.
///
/// The trie names a key by the index of its first entry (its *handle*), not
/// by its group number, and `lastOfKey` marks each key's last entry: a key
/// end leads straight to its entries, with no read of `groupStart` between
/// (a cache miss per candidate at 100k entities).
struct CompiledGlossary: Sendable {
    var trie: NameTrie
    /// Group `g`'s entries are `entries[groupStart[g] ..< groupStart[g + 1]]`;
    /// `groupStart[g]` is the key's handle. Constant, as `lastOfKey` is made
    /// from them.
    let groupStart: [UInt32]
    let entries: [PatternEntry]
    /// Bit `i` is set when `entries[i]` is the last of its key (derived from
    /// `groupStart`, not stored).
    let lastOfKey: [UInt64]
    var strings: StringTable
    /// Per entity: id, type, and preferred names in vi, en, zh (string
    /// indices; `missing` when the entity has none in that language).
    var entityID: [UInt32]
    var entityType: [UInt8]
    var canonical: [UInt32]  // 3 per entity: vi, en, zh
    var nameCount: Int

    static let missing = UInt32.max

    init(trie: NameTrie, groupStart: [UInt32], entries: [PatternEntry], strings: StringTable, entityID: [UInt32],
         entityType: [UInt8], canonical: [UInt32], nameCount: Int) {
        self.trie = trie
        self.groupStart = groupStart
        self.entries = entries
        self.strings = strings
        self.entityID = entityID
        self.entityType = entityType
        self.canonical = canonical
        self.nameCount = nameCount
        var bits = [UInt64](repeating: 0, count: (entries.count + 63) / 64)
        for end in groupStart.dropFirst() where end > 0 && Int(end) <= entries.count {
            bits[Int(end - 1) >> 6] |= 1 << UInt64((end - 1) & 63)
        }
        lastOfKey = bits
    }

    /// Whether `entries[index]` is the last entry of its key.
    @inline(__always)
    func isLastOfKey(_ index: Int) -> Bool { lastOfKey[index >> 6] & (1 << UInt64(index & 63)) != 0 }

    /// The entries of the key `handle`.
    func entries(ofKey handle: UInt32) -> ArraySlice<PatternEntry> {
        var end = Int(handle)
        while !isLastOfKey(end) { end += 1 }
        return entries[Int(handle)...end]
    }

    var entityCount: Int { entityID.count }
    var groupCount: Int { groupStart.count - 1 }

    func isWellFormed() -> Bool {
        guard strings.isWellFormed(), groupStart.first == 0, groupStart.last.map({ Int($0) == entries.count }) ?? false,
              entityType.count == entityID.count, canonical.count == 3 * entityID.count,
              trie.isWellFormed(isHandle: { handle in
                  // A handle is the first entry of a key: entry 0, or the one after a key's last.
                  Int(handle) < entries.count && (handle == 0 || isLastOfKey(Int(handle) - 1))
              })
        else { return false }
        var previous: UInt32 = 0
        for value in groupStart {
            if value < previous { return false }
            previous = value
        }
        let stringCount = UInt32(strings.count), entityCount = UInt32(entityID.count), blobCount = strings.blob.count
        // One pass over the entries (through buffers: this runs on every cache load): each points
        // into the tables, and in each group names come before short forms (the search stops at
        // the first short form).
        let entriesValid = entries.withUnsafeBufferPointer { entries in
            groupStart.withUnsafeBufferPointer { groupStart in
                var g = 0
                var short = false
                for index in 0..<entries.count {
                    let entry = entries[index]
                    if entry.entity >= entityCount || Int(entry.nameStart) + Int(entry.nameLength) > blobCount { return false }
                    // `groupStart` ascends from 0 to `entries.count` (checked above).
                    while Int(groupStart[g + 1]) <= index {
                        g += 1
                        short = false
                    }
                    if entry.flags & PatternEntry.shortForm != 0 { short = true } else if short { return false }
                }
                return true
            }
        }
        guard entriesValid else { return false }
        // `allCases` is an array made on each use: count it once, not once per entity.
        let typeCount = UInt8(EntityType.allCases.count)
        return entityID.withUnsafeBufferPointer { ids in !ids.contains { $0 >= stringCount } }
            && canonical.withUnsafeBufferPointer { names in !names.contains { $0 != Self.missing && $0 >= stringCount } }
            && entityType.withUnsafeBufferPointer { types in !types.contains { $0 >= typeCount } }
    }
}
