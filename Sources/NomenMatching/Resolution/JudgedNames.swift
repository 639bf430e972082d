import NomenNormalization

/// What `Search.judge` answered for each name of the key being gathered,
/// by the name's text and flags (`PatternEntry.nameStart`, `flags`): the
/// answer depends on nothing else, and a key lists the same name under many
/// entities (persons who share a name), not always one after another.
///
/// An open-addressed table reused from one candidate to the next: `clear`
/// moves to a new generation instead of wiping it, and a look-up is a
/// multiply and a compare or two, where a `Dictionary` hashed each name with
/// SipHash (a tenth of annotating with a 100k-entity glossary).
struct JudgedNames {
    /// nameStart << 8 | flags, per slot.
    private var keys: [UInt64]
    /// The generation a slot was written in; older slots are empty.
    private var stamps: [UInt32]
    /// The answer: `code(tier)`, or `none`.
    private var answers: [UInt8]
    private var generation: UInt32 = 1
    private var count = 0
    private static let none: UInt8 = .max

    init(capacity: Int = 64) {
        let size = max(16, capacity).nextPowerOfTwo
        keys = Array(repeating: 0, count: size)
        stamps = Array(repeating: 0, count: size)
        answers = Array(repeating: 0, count: size)
    }

    /// Forgets every answer.
    mutating func clear() {
        count = 0
        generation &+= 1
        if generation == 0 {  // after 2^32 clears: wipe the stamps once
            for index in stamps.indices { stamps[index] = 0 }
            generation = 1
        }
    }

    /// The answer for a name and flags: nil when none is known, `.some(nil)`
    /// when the name was turned down.
    func answer(nameStart: UInt32, flags: UInt8) -> MatchTier?? {
        let key = Self.key(nameStart, flags)
        var slot = slot(of: key)
        while stamps[slot] == generation {
            if keys[slot] == key {
                return .some(Self.tier(answers[slot]))
            }
            slot = (slot + 1) & (keys.count - 1)
        }
        return nil
    }

    mutating func remember(nameStart: UInt32, flags: UInt8, _ tier: MatchTier?) {
        if (count + 1) * 2 > keys.count { grow() }
        let key = Self.key(nameStart, flags)
        var slot = slot(of: key)
        while stamps[slot] == generation && keys[slot] != key { slot = (slot + 1) & (keys.count - 1) }
        if stamps[slot] != generation { count += 1 }
        keys[slot] = key
        stamps[slot] = generation
        answers[slot] = tier.map(Self.code) ?? Self.none
    }

    private static func code(_ tier: MatchTier) -> UInt8 {
        switch tier {
        case .exact: 0
        case .caseless: 1
        case .folded: 2
        case .compact: 3
        }
    }

    private static func tier(_ code: UInt8) -> MatchTier? {
        switch code {
        case 0: .exact
        case 1: .caseless
        case 2: .folded
        case 3: .compact
        default: nil
        }
    }

    private static func key(_ nameStart: UInt32, _ flags: UInt8) -> UInt64 { UInt64(nameStart) << 8 | UInt64(flags) }

    private func slot(of key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> 32) & (keys.count - 1)
    }

    /// Twice the slots, the current generation's answers moved over.
    private mutating func grow() {
        var bigger = JudgedNames(capacity: keys.count * 2)
        for slot in keys.indices where stamps[slot] == generation {
            bigger.remember(nameStart: UInt32(truncatingIfNeeded: keys[slot] >> 8), flags: UInt8(truncatingIfNeeded: keys[slot]),
                            Self.tier(answers[slot]))
        }
        self = bigger
    }
}

private extension Int {
    var nextPowerOfTwo: Int { self <= 1 ? 1 : 1 << (Int.bitWidth - (self - 1).leadingZeroBitCount) }
}
