/// The automaton: every match key of the glossary in one trie over folded
/// UTF-8 bytes, in flat arrays.
///
/// Matches may only start where a word may start (`MatchSemantics`), so the
/// matcher runs the trie anchored at each such position and needs no failure
/// links: the walk from one start is a DFA run that stops at the first byte
/// with no transition. In Han text every character is a possible start.
///
/// Layout: node 0 is the root. The children of a node are contiguous and
/// sorted by the byte on the edge into them (`label`). Each node is one
/// 64-bit word in `nodes` (see `Node`): where its children start, how many
/// there are, the bytes of its first three children and whether a key ends
/// there, so that a step of a walk reads one word, one cache miss at most,
/// for every node with up to three children (nearly all of them below the
/// first levels). Children blocks are placed in depth-first order, so the
/// chain of single children that ends most keys lies in consecutive words.
/// `group[n]` is the pattern group that ends at `n` (`NameTrie.noGroup` when
/// none). The root's transitions are also kept as a dense 256-entry table and
/// its grandchildren as a dense table of byte pairs: most words of a text
/// leave the trie there.
struct NameTrie: Sendable {
    static let noGroup = UInt32.max

    /// A node packed in one word: bits 0–30 its first child, bit 31 set when
    /// a key ends here, bits 32–39 its number of children, bits 40–63 the
    /// labels of its first three children. A leaf (always the end of a key)
    /// has no first child and holds its key's group there instead, so that
    /// most key ends are known without reading `group`, one cache miss less.
    enum Node {
        static let childMask: UInt64 = 0x7FFF_FFFF
        static let endsKey: UInt64 = 1 << 31
        static let countShift: UInt64 = 32
        static let labelsShift: UInt64 = 40
        static let inlineLabels = 3
        /// The most nodes a trie may have (child indices have 31 bits).
        static let limit = Int(childMask)

        @inline(__always) static func firstChild(_ node: UInt64) -> Int { Int(node & childMask) }
        @inline(__always) static func childCount(_ node: UInt64) -> Int { Int((node >> countShift) & 0xFF) }
        @inline(__always) static func endsKey(_ node: UInt64) -> Bool { node & endsKey != 0 }
        /// The group of a leaf (`childCount` 0).
        @inline(__always) static func leafGroup(_ node: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: node & childMask) }

        static func pack(firstChild: Int, count: Int, endsKey: Bool, labels: some Collection<UInt8>) -> UInt64 {
            var word = UInt64(firstChild) | UInt64(count) << countShift | (endsKey ? Self.endsKey : 0)
            for (k, byte) in labels.prefix(inlineLabels).enumerated() {
                word |= UInt64(byte) << (labelsShift + 8 * UInt64(k))
            }
            return word
        }

        /// The child of `node` (packed as `word`) on `byte`, or nil.
        @inline(__always)
        static func child(_ word: UInt64, _ byte: UInt8, labels: UnsafeBufferPointer<UInt8>) -> Int? {
            let first = firstChild(word), count = childCount(word)
            if count <= inlineLabels {
                var inline = word >> labelsShift
                for k in 0..<count {
                    if UInt8(truncatingIfNeeded: inline) == byte { return first + k }
                    inline >>= 8
                }
                return nil
            }
            var child = first
            let end = first + count
            while child < end && labels[child] < byte { child += 1 }
            return child < end && labels[child] == byte ? child : nil
        }
    }

    var nodes: [UInt64]
    var label: [UInt8]
    var group: [UInt32]
    /// Child of the root for each byte, 0 for none, with `rootEndsKey` set
    /// when a key ends there (a one-byte key), so that most walks never read
    /// the root's children.
    var rootTable: [UInt32]
    static let rootEndsKey: UInt32 = 1 << 31
    /// Grandchild of the root for each pair of bytes (`first << 8 | second`),
    /// 0 for none.
    var pairTable: [UInt32]

    var nodeCount: Int { label.count }

    /// A trie from its arrays (as built, or as read from the cache); the
    /// dense root tables are derived here, and left without transitions
    /// unless the first two levels they read are inside the arrays. The
    /// whole trie is checked once, by `CompiledGlossary.isWellFormed` on
    /// every cache load.
    init(nodes: [UInt64], label: [UInt8], group: [UInt32]) {
        self.nodes = nodes
        self.label = label
        self.group = group
        var table = [UInt32](repeating: 0, count: 256)
        var pairs = [UInt32](repeating: 0, count: 65536)
        if Self.topLevelsAreInside(nodes: nodes, label: label, group: group) {
            let root = nodes[0]
            for child in Node.firstChild(root)..<Node.firstChild(root) + Node.childCount(root) {
                let word = nodes[child]
                table[Int(label[child])] = UInt32(child) | (Node.endsKey(word) ? Self.rootEndsKey : 0)
                for grandchild in Node.firstChild(word)..<Node.firstChild(word) + Node.childCount(word) {
                    pairs[Int(label[child]) << 8 | Int(label[grandchild])] = UInt32(grandchild)
                }
            }
        }
        rootTable = table
        pairTable = pairs
    }

    /// Builds the trie of `keys` (sorted, distinct byte strings; key `i` is
    /// `blob[offsets[order[i]] ..< offsets[order[i] + 1]]`) whose group is the
    /// key's rank `i`: breadth-first, one level at a time, then laid out.
    static func build(blob: [UInt8], offsets: [UInt32], order: [UInt32]) -> NameTrie {
        var firstChild: [UInt32] = []
        var label: [UInt8] = [0]
        var group: [UInt32] = []
        firstChild.reserveCapacity(order.count * 3)
        label.reserveCapacity(order.count * 3)
        group.reserveCapacity(order.count * 3)
        blob.withUnsafeBufferPointer { blob in
            offsets.withUnsafeBufferPointer { offsets in
                order.withUnsafeBufferPointer { order in
                    func keyLength(_ rank: Int) -> Int {
                        let key = Int(order[rank])
                        return Int(offsets[key + 1] - offsets[key])
                    }
                    func byte(_ rank: Int, _ depth: Int) -> UInt8 {
                        blob[Int(offsets[Int(order[rank])]) + depth]
                    }
                    // One level at a time: the nodes at `depth`, each the range of
                    // keys that share its prefix.
                    var level: [(lo: UInt32, hi: UInt32)] = order.isEmpty ? [] : [(lo: UInt32(0), hi: UInt32(order.count))]
                    if order.isEmpty { group = [noGroup]; firstChild = [1, 1]; return }
                    var depth = 0
                    var nextID: UInt32 = 1
                    while !level.isEmpty {
                        var next: [(lo: UInt32, hi: UInt32)] = []
                        next.reserveCapacity(level.count)
                        for (lo, hi) in level {
                            var index = Int(lo)
                            if keyLength(index) == depth {
                                group.append(UInt32(index))
                                index += 1
                            } else {
                                group.append(noGroup)
                            }
                            firstChild.append(nextID)
                            while index < Int(hi) {
                                let value = byte(index, depth)
                                var end = index + 1
                                while end < Int(hi) && byte(end, depth) == value { end += 1 }
                                label.append(value)
                                next.append((UInt32(index), UInt32(end)))
                                nextID += 1
                                index = end
                            }
                        }
                        level = next
                        depth += 1
                    }
                    firstChild.append(nextID)
                }
            }
        }
        return laidOut(firstChild: firstChild, label: label, group: group)
    }

    /// How many levels below the root keep breadth-first order: the nodes
    /// that nearly every walk passes stay close together.
    static let breadthFirstLevels = 3

    /// The trie of a breadth-first one (the children of node `n` are
    /// `firstChild[n] ..< firstChild[n + 1]`) with nodes packed, the first
    /// `breadthFirstLevels` levels kept in breadth-first order and the
    /// children blocks below placed in depth-first order.
    private static func laidOut(firstChild: [UInt32], label oldLabel: [UInt8], group oldGroup: [UInt32]) -> NameTrie {
        let count = oldLabel.count
        var nodes = [UInt64](repeating: 0, count: count)
        var label = [UInt8](repeating: 0, count: count)
        var group = [UInt32](repeating: noGroup, count: count)
        var newIndex = [UInt32](repeating: 0, count: count)
        group[0] = oldGroup[0]
        var next = 1
        func placeChildren(of old: Int) {
            let lo = Int(firstChild[old]), hi = Int(firstChild[old + 1])
            let isLeaf = hi == lo && oldGroup[old] != noGroup
            nodes[Int(newIndex[old])] = Node.pack(firstChild: isLeaf ? Int(oldGroup[old]) : next, count: hi - lo,
                                                  endsKey: oldGroup[old] != noGroup, labels: oldLabel[lo..<hi])
            for child in lo..<hi {
                let at = next + child - lo
                newIndex[child] = UInt32(at)
                label[at] = oldLabel[child]
                group[at] = oldGroup[child]
            }
            next += hi - lo
        }
        // Breadth-first: old node numbers are already in that order, level by level.
        var levelEnd = 1, old = 0
        for _ in 0..<breadthFirstLevels {
            let end = levelEnd
            while old < end {
                placeChildren(of: old)
                old += 1
            }
            levelEnd = Int(firstChild[end])
        }
        // Depth-first below: the nodes not yet expanded, the next one last.
        var pending = (old..<levelEnd).reversed().map(UInt32.init)
        while let node = pending.popLast() {
            placeChildren(of: Int(node))
            let lo = Int(firstChild[Int(node)]), hi = Int(firstChild[Int(node) + 1])
            pending.append(contentsOf: (lo..<hi).reversed().map(UInt32.init))
        }
        return NameTrie(nodes: nodes, label: label, group: group)
    }

    /// The same trie with each key's group `g` replaced by `values[g]` (in
    /// `group` and in the leaves).
    func renumberingGroups(_ values: [UInt32]) -> NameTrie {
        var nodes = self.nodes, group = self.group
        for index in group.indices where group[index] != Self.noGroup {
            group[index] = values[Int(group[index])]
            if Node.childCount(nodes[index]) == 0 {
                nodes[index] = nodes[index] & ~Node.childMask | UInt64(group[index])
            }
        }
        return NameTrie(nodes: nodes, label: label, group: group)
    }

    /// Checks the invariants a walk relies on, so a corrupt cache is an error
    /// rather than an out-of-bounds read: every child block inside the trie,
    /// every leaf the end of a key whose group it holds.
    /// `isHandle` says which group values are valid.
    func isWellFormed(isHandle: (UInt32) -> Bool) -> Bool {
        rootTable.count == 256 && pairTable.count == 65536
            && Self.isWellFormed(nodes: nodes, label: label, group: group, isHandle: isHandle)
    }

    /// Whether the root's and its children's child blocks lie inside the arrays.
    private static func topLevelsAreInside(nodes: [UInt64], label: [UInt8], group: [UInt32]) -> Bool {
        let count = label.count
        guard count >= 1, count <= Node.limit, nodes.count == count, group.count == count else { return false }
        let root = nodes[0]
        guard Node.firstChild(root) + Node.childCount(root) <= count else { return false }
        for child in Node.firstChild(root)..<Node.firstChild(root) + Node.childCount(root) {
            let word = nodes[child]
            if Node.childCount(word) > 0 && Node.firstChild(word) + Node.childCount(word) > count { return false }
        }
        return true
    }

    private static func isWellFormed(nodes: [UInt64], label: [UInt8], group: [UInt32],
                                     isHandle: (UInt32) -> Bool) -> Bool {
        let count = label.count
        guard count >= 1, count <= Node.limit, nodes.count == count, group.count == count else { return false }
        let blocksInside = nodes.withUnsafeBufferPointer { nodes in
            group.withUnsafeBufferPointer { group in
                !nodes.indices.contains { index in
                    let node = nodes[index]
                    if Node.childCount(node) == 0 {
                        return index > 0 && !(Node.endsKey(node) && Node.leafGroup(node) == group[index])
                    }
                    return Node.firstChild(node) + Node.childCount(node) > count || Node.firstChild(node) == 0
                }
            }
        }
        guard blocksInside else { return false }
        return group.withUnsafeBufferPointer { group in
            !group.contains { $0 != noGroup && !isHandle($0) }
        }
    }
}
