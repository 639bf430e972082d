/// Counting Unicode scalars in UTF-8, for scalar offsets: every byte that is
/// not a continuation byte (`10xxxxxx`) starts one.
@_spi(Performance) public enum ScalarCount {
    /// The scalars that start in `bytes[range]`, eight bytes at a time.
    @inlinable
    public static func count(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the buffer")
        var index = range.lowerBound
        var continuations = 0
        // Continuation bytes counted per byte lane (at most 255 in a lane between sums): the
        // baseline x86-64 target has no popcount instruction, and its emulation cost more
        // than the rest of the loop.
        var lanes: UInt64 = 0
        var words = 0
        @inline(__always) func continuationLanes(_ word: UInt64) -> UInt64 {
            // A continuation byte has its top bit set and the next one clear.
            (word & ~(word << 1) & ByteWord.high) >> 7
        }
        func addLanes() {
            // Pairs of lanes into 16-bit lanes, then all four summed into the top 16 bits.
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            continuations &+= Int((pairs &* 0x0001_0001_0001_0001) >> 48)
            lanes = 0
        }
        // Four words a turn: the loop's own work is then a quarter of it.
        while index &+ 32 <= range.upperBound {
            let pointer = base + index
            lanes &+= continuationLanes(ByteWord.load(pointer)) &+ continuationLanes(ByteWord.load(pointer + 8))
                &+ continuationLanes(ByteWord.load(pointer + 16)) &+ continuationLanes(ByteWord.load(pointer + 24))
            index &+= 32
            words &+= 4
            if words >= 252 {
                addLanes()
                words = 0
            }
        }
        while index &+ 8 <= range.upperBound {
            lanes &+= continuationLanes(ByteWord.load(base + index))
            index &+= 8
        }
        addLanes()
        while index < range.upperBound {
            if base[index] & 0xC0 == 0x80 { continuations &+= 1 }
            index &+= 1
        }
        return range.count - continuations
    }
}
