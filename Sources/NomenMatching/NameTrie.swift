/// The automaton: every match key of the glossary in one trie over folded
/// UTF-8 bytes, laid out breadth-first in flat arrays.
///
/// Matches may only start where a word may start (`MatchSemantics`), so the
/// matcher runs the trie anchored at each such position and needs no failure
/// links: the walk from one start is a DFA run that stops at the first byte
/// with no transition. In Han text every character is a possible start.
///
/// Layout: node 0 is the root; the children of node `n` are the nodes
/// `firstChild[n] ..< firstChild[n + 1]` (breadth-first order keeps them
/// contiguous), `label[c]` is the byte on the edge into node `c`, sorted
/// among siblings, and `group[n]` is the pattern group that ends at `n`
/// (`NameTrie.noGroup` when none). The root's transitions are also kept as a
/// dense 256-entry table and its grandchildren as a dense table of byte
/// pairs; `steps` packs `firstChild` with a bit for "a key ends here", so a
/// step of a walk reads one array and `label`.
struct NameTrie: Sendable {
    static let noGroup = UInt32.max

    var firstChild: [UInt32]
    var label: [UInt8]
    var group: [UInt32]
    /// Child of the root for each byte, 0 for none.
    var rootTable: [UInt32]
    /// Grandchild of the root for each pair of bytes (`first << 8 | second`),
    /// 0 for none: most words of a text leave the trie here.
    var pairTable: [UInt32]
    /// What a walk reads at each node, in one array so that a step touches one
    /// place: `firstChild[n]`, with `endsKey` set when a group ends at `n`.
    var steps: [UInt32]
    static let endsKey: UInt32 = 1 << 31

    var nodeCount: Int { label.count }

    init(firstChild: [UInt32], label: [UInt8], group: [UInt32]) {
        self.firstChild = firstChild
        self.label = label
        self.group = group
        var table = [UInt32](repeating: 0, count: 256)
        var pairs = [UInt32](repeating: 0, count: 65536)
        var steps: [UInt32] = []
        // Only a well-formed trie is walked (`isWellFormed`); build the tables only then.
        if firstChild.count == label.count + 1, group.count == label.count, label.count < Int(Self.endsKey),
           firstChild.allSatisfy({ Int($0) <= label.count }) {
            if label.count >= 1, firstChild[0] <= firstChild[1] {
                for child in Int(firstChild[0])..<Int(firstChild[1]) {
                    table[Int(label[child])] = UInt32(child)
                    guard firstChild[child] <= firstChild[child + 1] else { continue }
                    for grandchild in Int(firstChild[child])..<Int(firstChild[child + 1]) {
                        pairs[Int(label[child]) << 8 | Int(label[grandchild])] = UInt32(grandchild)
                    }
                }
            }
            steps = firstChild
            for node in 0..<group.count where group[node] != Self.noGroup { steps[node] |= Self.endsKey }
        }
        rootTable = table
        pairTable = pairs
        self.steps = steps
    }

    /// Builds the trie of `keys` (sorted, distinct byte strings; key `i` is
    /// `blob[offsets[order[i]] ..< offsets[order[i] + 1]]`) whose group is the
    /// key's rank `i`.
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
        return NameTrie(firstChild: firstChild, label: label, group: group)
    }

    /// Checks the invariants a walk relies on, so a corrupt cache is an error
    /// rather than an out-of-bounds read.
    func isWellFormed(groupCount: Int) -> Bool {
        let count = label.count
        guard count >= 1, firstChild.count == count + 1, group.count == count, rootTable.count == 256,
              steps.count == count + 1, count < Int(Self.endsKey) else {
            return false
        }
        var previous: UInt32 = 1
        for value in firstChild {
            if value < previous || Int(value) > count { return false }
            previous = value
        }
        for value in group where value != Self.noGroup && Int(value) >= groupCount { return false }
        return firstChild[count] == UInt32(count)
    }
}
