/// A set of entity numbers, for what a document has named so far.
///
/// Small sets use open addressing with a multiplicative hash: an ambiguous
/// mention in a large glossary asks about tens of candidates, and `Set`'s
/// SipHash per look-up was a visible share of annotate time. Once the table
/// would take more memory than one bit per entity of the glossary, the set
/// turns into that bitmap: a long document names thousands of entities, and
/// probing a table of that size missed the cache on nearly every look-up.
struct EntitySet: Sendable {
    private static let empty = UInt32.max
    /// A power of two in size, at most half full; `empty` marks a free slot.
    /// Unused once `bits` is in use.
    private var slots: [UInt32] = []
    /// Bit `e` is set when entity `e` is in the set; empty while `slots` is
    /// in use.
    private var bits: [UInt64] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func slot(_ entity: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(entity) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    func contains(_ entity: UInt32) -> Bool {
        guard count > 0 else { return false }
        if !bits.isEmpty {
            let word = Int(entity >> 6)
            return word < bits.count && bits[word] & (1 << UInt64(entity & 63)) != 0
        }
        let mask = slots.count - 1
        var index = Self.slot(entity, mask: mask)
        while true {
            let value = slots[index]
            if value == entity { return true }
            if value == Self.empty { return false }
            index = (index + 1) & mask
        }
    }

    /// Adds `entity` (never `UInt32.max`, which no glossary reaches), one of
    /// `universe` entities numbered from 0; returns whether it was new.
    @discardableResult
    mutating func insert(_ entity: UInt32, universe: Int) -> Bool {
        precondition(entity != Self.empty, "entity number out of range")
        if bits.isEmpty && (count + 1) * 2 > slots.count {
            // The grown table's bytes against the bitmap's.
            if max(16, slots.count * 2) * 4 > (max(universe, Int(entity) + 1) + 63) / 64 * 8 {
                switchToBits(universe: max(universe, Int(entity) + 1))
            } else {
                grow()
            }
        }
        return bits.isEmpty ? insertSlot(entity) : insertBit(entity)
    }

    private mutating func insertSlot(_ entity: UInt32) -> Bool {
        let mask = slots.count - 1
        var index = Self.slot(entity, mask: mask)
        while true {
            let value = slots[index]
            if value == entity { return false }
            if value == Self.empty {
                slots[index] = entity
                count += 1
                return true
            }
            index = (index + 1) & mask
        }
    }

    private mutating func insertBit(_ entity: UInt32) -> Bool {
        let word = Int(entity >> 6)
        if word >= bits.count { bits += [UInt64](repeating: 0, count: word + 1 - bits.count) }
        let bit: UInt64 = 1 << UInt64(entity & 63)
        guard bits[word] & bit == 0 else { return false }
        bits[word] |= bit
        count += 1
        return true
    }

    private mutating func grow() {
        let old = slots
        slots = [UInt32](repeating: Self.empty, count: max(16, old.count * 2))
        count = 0
        for value in old where value != Self.empty { _ = insertSlot(value) }
    }

    private mutating func switchToBits(universe: Int) {
        bits = [UInt64](repeating: 0, count: (universe + 63) / 64)
        count = 0
        for value in slots where value != Self.empty { _ = insertBit(value) }
        slots = []
    }
}
