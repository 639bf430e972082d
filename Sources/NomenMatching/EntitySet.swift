/// A set of entity numbers, for what a document has named so far. Open
/// addressing with a multiplicative hash: an ambiguous mention in a large
/// glossary asks about tens of candidates, and `Set`'s SipHash per look-up
/// was a visible share of annotate time.
struct EntitySet: Sendable {
    private static let empty = UInt32.max
    /// A power of two in size, at most half full; `empty` marks a free slot.
    private var slots: [UInt32] = []
    private(set) var count = 0

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    private static func slot(_ entity: UInt32, mask: Int) -> Int {
        Int(truncatingIfNeeded: (UInt64(entity) &* 0x9E37_79B9_7F4A_7C15) >> 32) & mask
    }

    func contains(_ entity: UInt32) -> Bool {
        guard count > 0 else { return false }
        let mask = slots.count - 1
        var index = Self.slot(entity, mask: mask)
        while true {
            let value = slots[index]
            if value == entity { return true }
            if value == Self.empty { return false }
            index = (index + 1) & mask
        }
    }

    /// Adds `entity` (never `UInt32.max`, which no glossary reaches);
    /// returns whether it was new.
    @discardableResult
    mutating func insert(_ entity: UInt32) -> Bool {
        precondition(entity != Self.empty, "entity number out of range")
        if (count + 1) * 2 > slots.count { grow() }
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

    private mutating func grow() {
        let old = slots
        slots = [UInt32](repeating: Self.empty, count: max(16, old.count * 2))
        count = 0
        for value in old where value != Self.empty { insert(value) }
    }
}
