import NomenModel
import Testing
@testable import NomenMatching

/// The packed trie (`NameTrie`): every key reachable from the root through
/// nodes with few and many children, inline labels and the label array,
/// breadth-first levels and depth-first blocks alike.
@Suite struct TrieLayoutTests {
    /// Folded-style keys: shared prefixes, a node with many children
    /// ("x" + 40 letters), chains deeper than the breadth-first levels, and
    /// non-ASCII bytes.
    static let keys: [String] = {
        var keys = ["an", "anh", "anh son", "ha", "ha long", "ha noi", "hai phong", "hai duong", "hoa", "hoa binh",
                    "nguyen van an", "nguyen van anh", "nguyen van binh", "nguyen thi anh", "quang ninh",
                    "习近平", "习", "河口", "x"]
        for byte in UInt8(ascii: "a")...UInt8(ascii: "z") {
            keys.append("x" + String(UnicodeScalar(byte)))
            keys.append("x" + String(UnicodeScalar(byte)) + " long chain of words " + String(UnicodeScalar(byte)))
        }
        for digit in 0..<14 { keys.append("x\(digit)") }
        return Array(Set(keys)).sorted { Array($0.utf8).lexicographicallyPrecedes(Array($1.utf8)) }
    }()

    static func trie() -> NameTrie {
        var blob: [UInt8] = []
        var offsets: [UInt32] = [0]
        for key in keys {
            blob.append(contentsOf: key.utf8)
            offsets.append(UInt32(blob.count))
        }
        return NameTrie.build(blob: blob, offsets: offsets, order: (0..<UInt32(keys.count)).map { $0 })
    }

    /// The group at the end of `key`'s walk, or nil when the walk leaves the trie or no key ends there.
    static func walk(_ trie: NameTrie, _ key: String) -> UInt32?? {
        var node = 0
        let matched: Int? = trie.label.withUnsafeBufferPointer { labels in
            for byte in key.utf8 {
                guard let child = NameTrie.Node.child(trie.nodes[node], byte, labels: labels) else { return nil }
                node = child
            }
            return node
        }
        guard let matched else { return nil }
        let group = trie.group[matched]
        #expect(NameTrie.Node.endsKey(trie.nodes[matched]) == (group != NameTrie.noGroup))
        return group == NameTrie.noGroup ? .some(nil) : .some(group)
    }

    @Test func everyKeyEndsAtItsGroup() {
        let trie = Self.trie()
        #expect(trie.isWellFormed(isHandle: { Int($0) < Self.keys.count }))
        for (rank, key) in Self.keys.enumerated() {
            #expect(Self.walk(trie, key) == .some(UInt32(rank)), "\(key)")
        }
    }

    @Test func prefixesAndOtherWordsAreNotKeys() {
        let trie = Self.trie()
        for prefix in ["nguyen", "nguyen van", "hai", "xa long", "xq long chain of", "习近"] {
            #expect(Self.walk(trie, prefix) == .some(nil), "\(prefix) is a prefix, not a key")
        }
        for other in ["ba", "nguyen van c", "y", "x!", "x9x", "河"] where !Self.keys.contains(other) {
            if case .some(.some) = Self.walk(trie, other) { Issue.record("\(other) found as a key") }
        }
    }

    @Test func rootTablesAgreeWithTheNodes() {
        let trie = Self.trie()
        let xEntry = trie.rootTable[Int(UInt8(ascii: "x"))]
        // "x" is a key of its own; "a" is not.
        #expect(xEntry & NameTrie.rootEndsKey != 0)
        let x = Int(xEntry & ~NameTrie.rootEndsKey)
        #expect(x != 0 && trie.label[x] == UInt8(ascii: "x"))
        let a = trie.rootTable[Int(UInt8(ascii: "a"))]
        #expect(a != 0 && a & NameTrie.rootEndsKey == 0 && trie.label[Int(a)] == UInt8(ascii: "a"))
        #expect(NameTrie.Node.childCount(trie.nodes[x]) == 26 + 10)
        let xq = Int(trie.pairTable[Int(UInt8(ascii: "x")) << 8 | Int(UInt8(ascii: "q"))])
        #expect(xq != 0 && trie.label[xq] == UInt8(ascii: "q"))
        #expect(trie.rootTable[Int(UInt8(ascii: "z"))] == 0)
    }

    @Test func aBlockOutsideTheTrieIsNotWellFormed() {
        var trie = Self.trie()
        trie.nodes[3] = NameTrie.Node.pack(firstChild: trie.nodeCount - 1, count: 5, endsKey: false, labels: [1, 2, 3])
        #expect(!trie.isWellFormed(isHandle: { Int($0) < Self.keys.count }))
    }

    /// The root tables are made from the first two levels before the whole
    /// trie is checked: a corrupt block there leaves them without
    /// transitions instead of reading outside the arrays, and the trie is
    /// not well formed.
    @Test func aCorruptTopLevelLeavesTheRootTablesWithoutTransitions() {
        let built = Self.trie()
        let x = Int(built.rootTable[Int(UInt8(ascii: "x"))] & ~NameTrie.rootEndsKey)
        for (node, firstChild) in [(0, built.nodeCount - 2), (x, built.nodeCount + 7)] {
            var nodes = built.nodes
            nodes[node] = NameTrie.Node.pack(firstChild: firstChild, count: 30, endsKey: false, labels: [1, 2, 3])
            let trie = NameTrie(nodes: nodes, label: built.label, group: built.group)
            #expect(trie.rootTable.allSatisfy { $0 == 0 } && trie.pairTable.allSatisfy { $0 == 0 })
            #expect(!trie.isWellFormed(isHandle: { Int($0) < Self.keys.count }))
        }
    }

    /// A leaf holds its key's group in place of a first child; the search
    /// reads it from there, so a leaf that disagrees with `group` is corrupt.
    @Test func leavesHoldTheirGroups() throws {
        var trie = Self.trie()
        let leaves = trie.nodes.indices.filter { $0 > 0 && NameTrie.Node.childCount(trie.nodes[$0]) == 0 }
        #expect(leaves.count >= 26)
        for leaf in leaves {
            #expect(NameTrie.Node.endsKey(trie.nodes[leaf]) && NameTrie.Node.leafGroup(trie.nodes[leaf]) == trie.group[leaf])
        }
        let leaf = try #require(leaves.first)
        let other = trie.group[leaf] == 0 ? 1 : 0
        trie.nodes[leaf] = NameTrie.Node.pack(firstChild: other, count: 0, endsKey: true, labels: [])
        #expect(!trie.isWellFormed(isHandle: { Int($0) < Self.keys.count }))
    }

    /// A compiled glossary's trie names each key by its first entry, and a
    /// cache whose trie points into the middle of a key is corrupt.
    @Test func keysAreNamedByTheirFirstEntry() throws {
        var compiled = try Matcher(SearchTest.entities(["a: Long An", "b: Long An", "c: Ha Noi"])).compiled
        let built = compiled.isWellFormed()
        #expect(built)
        let ends = compiled.trie.group.indices.filter { compiled.trie.group[$0] != NameTrie.noGroup }
        for node in ends {
            let handle = compiled.trie.group[node]
            #expect(compiled.groupStart.contains(handle))
            // "long an" and "longan" are a's and b's (entities 0 and 1), "ha noi" and "hanoi" c's.
            #expect(compiled.entries(ofKey: handle).count == (compiled.entries[Int(handle)].entity <= 1 ? 2 : 1))
        }
        // Point a key end (a leaf: its node holds the handle too) at the second entry of its key.
        let twoEntries = try #require(ends.first { compiled.entries(ofKey: compiled.trie.group[$0]).count == 2 })
        var group = compiled.trie.group, nodes = compiled.trie.nodes
        group[twoEntries] += 1
        #expect(NameTrie.Node.childCount(nodes[twoEntries]) == 0)
        nodes[twoEntries] = nodes[twoEntries] & ~NameTrie.Node.childMask | UInt64(group[twoEntries])
        compiled.trie = NameTrie(nodes: nodes, label: compiled.trie.label, group: group)
        let wellFormed = compiled.isWellFormed()
        #expect(!wellFormed)
    }

    /// Entities are numbered in id order when compiled, so candidates come
    /// out sorted by id whatever order the glossary lists them in.
    @Test func candidatesAreInIDOrder() throws {
        let matcher = try Matcher(SearchTest.entities(["zeta: Long An", "Đà: Long An", "alpha: Long An", "Mu: Long An"]))
        let mention = try #require(try matcher.annotate("in Long An").mentions.first)
        #expect(mention.candidates == ["Mu", "alpha", "zeta", "Đà"])
        #expect(mention.candidates == mention.candidates.sorted())
    }

    /// An ambiguous mention's candidates are made when read: every entity of
    /// the key once (an entity with two names under one key is one
    /// candidate), or only those its case rules kept.
    @Test func candidatesAreEachEntityOnceAndOnlyThoseKept() throws {
        var builder = MatcherBuilder()
        builder.semantics = .relaxedCase
        for entity in SearchTest.entities(["b: Long An", "a: Long An | Lông An", "c: LONG AN!"]) { try builder.add(entity) }
        let relaxed = try builder.build().annotate("in Lông An", language: .vi)
        #expect(relaxed.mentions.map(\.candidates) == [["a", "b", "c"]])
        #expect(relaxed.mentions.first?.entity == nil && relaxed.mentions.first?.canonical == nil)
        let standard = try Matcher(SearchTest.entities(["b: Long An", "a: Long An | Lông An", "c: LONG AN!"]))
        // "c" is case-sensitive: written otherwise, it is turned down.
        #expect(try standard.annotate("in Long An", language: .vi).mentions.map(\.candidates) == [["a", "b"]])
        #expect(try standard.annotate("in LONG AN", language: .vi).mentions.map(\.candidates) == [["a", "b", "c"]])
    }
}

/// The set of entities a document has named (`EntitySet`): the same answers
/// as `Set` while it is a hash table and after it turns into a bitmap.
@Suite struct EntitySetTests {
    @Test(arguments: [40, 5_000, 1_000_000])
    func agreesWithSet(universe: Int) {
        var set = EntitySet()
        var reference = Set<UInt32>()
        var state: UInt64 = 12_345
        for step in 0..<4_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let entity = UInt32((state >> 33) % UInt64(universe))
            let inserted = set.insert(entity, universe: universe)
            #expect(inserted == reference.insert(entity).inserted)
            if step % 97 == 0 {
                for probe in [entity, entity &+ 1, UInt32(universe - 1), 0] {
                    #expect(set.contains(probe) == reference.contains(probe))
                }
            }
        }
        #expect(set.count == reference.count)
        for entity in 0..<UInt32(min(universe, 6_000)) { #expect(set.contains(entity) == reference.contains(entity)) }
        // An entity past the universe it was told of still counts.
        let beyond = set.insert(UInt32(universe + 70), universe: universe)
        #expect(beyond)
        #expect(set.contains(UInt32(universe + 70)) && !set.contains(UInt32(universe + 71)))
    }
}

/// `WordScriptTable` fills its bitmap from `WordScript.separatesWords`: the
/// same answer for every scalar, in whatever order they are asked.
@Suite struct WordScriptTableTests {
    @Test func agreesWithTheUnicodeProperties() {
        let table = WordScriptTable()
        for scalar in stride(from: UInt32(0xFFFF), through: 0, by: -1) {
            #expect(table.separatesWords(scalar) == WordScript.separatesWords(scalar), "U+\(String(scalar, radix: 16))")
        }
        for scalar: UInt32 in [0x1_0000, 0x1_D400, 0x2_0000, 0x1_F600, 0x10_FFFF] {
            #expect(table.separatesWords(scalar) == WordScript.separatesWords(scalar))
        }
        #expect(table.separatesWords(0x1EA1) && !table.separatesWords(0x4E60) && !table.separatesWords(0x201C))
    }

    /// The search's classification of a character (which answers CJK lead
    /// bytes without decoding) agrees with decoding it and asking
    /// `WordScript`, for every scalar of the BMP.
    @Test func classifyAgreesWithDecoding() {
        let table = WordScriptTable()
        for value in UInt32(0)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let bytes = Array(String(scalar).utf8) + [0x20]
            let (isWord, length) = bytes.withUnsafeBufferPointer { Search.classify($0, at: 0, table) }
            let expected = value < 0x80 ? Search.isASCIIWordByte(UInt8(value)) : WordScript.separatesWords(value)
            #expect(isWord == expected && length == bytes.count - 1, "U+\(String(value, radix: 16))")
        }
    }
}
