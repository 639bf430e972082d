/// Counting Unicode scalars in UTF-8, for scalar offsets: every byte that is
/// not a continuation byte (`10xxxxxx`) starts one.
public enum ScalarCount {
    /// The scalars that start in `bytes[range]`, eight bytes at a time.
    @inlinable
    public static func count(in bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        guard let base = bytes.baseAddress, !range.isEmpty else { return 0 }
        precondition(range.lowerBound >= 0 && range.upperBound <= bytes.count, "range outside the buffer")
        var index = range.lowerBound
        var scalars = 0
        // Continuation bytes counted per byte lane (at most 255 words between sums): the
        // baseline x86-64 target has no popcount instruction, and its emulation cost more
        // than the rest of the loop.
        var lanes: UInt64 = 0
        var words = 0
        func addLanes() {
            // Pairs of lanes into 16-bit lanes, then all four summed into the top 16 bits.
            let pairs = (lanes & 0x00FF_00FF_00FF_00FF) &+ ((lanes >> 8) & 0x00FF_00FF_00FF_00FF)
            scalars -= Int((pairs &* 0x0001_0001_0001_0001) >> 48)
            lanes = 0
        }
        while index + 8 <= range.upperBound {
            let word = ByteWord.load(base + index)
            // A continuation byte has its top bit set and the next one clear.
            lanes &+= (word & ~(word << 1) & ByteWord.high) >> 7
            scalars += 8
            index += 8
            words += 1
            if words == 255 {
                addLanes()
                words = 0
            }
        }
        addLanes()
        while index < range.upperBound {
            if base[index] & 0xC0 != 0x80 { scalars += 1 }
            index += 1
        }
        return scalars
    }
}
